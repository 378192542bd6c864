import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import type { SessionUser } from '../auth/service.js';
import * as q from './queries.js';

/**
 * Phản ánh của địa phương: a province (or one of its grassroots offices) raises a difficulty or a proposal; national
 * departments answer. A thread belongs to the raising office's scope: the national office sees every thread, a
 * province its own.
 */
export class FeedbackService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  private async threadInScope(scope: string, id: number) {
    const thread = await q.findThreadInScope(this.db, scope, id);
    if (!thread) throw notFound('feedback');
    return thread;
  }

  private async openThreadInScope(scope: string, id: number) {
    const thread = await this.threadInScope(scope, id);
    if (thread.status === 'closed') throw new AppError('closed');
    return thread;
  }

  async list(user: SessionUser) {
    const rows = await q.listThreads(this.db, user.scope);
    return rows.map((r) => ({
      id: r.id,
      officeName: r.office_name,
      category: r.category,
      title: r.title,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      messages: Number(r.messages ?? 0),
    }));
  }

  async raise(user: SessionUser, input: { category: q.FeedbackCategory; title: string; body: string }) {
    if (user.office.kind !== 'province' && user.office.kind !== 'grassroots') {
      throw new AppError('not_a_locality');
    }
    return this.db.transaction().execute(async (trx) => {
      const at = this.clock.now();
      const id = await q.insertThread(trx, {
        office_id: user.office.id,
        category: input.category,
        title: input.title,
        created_by: user.id,
        created_at: at,
      });
      await q.insertMessage(trx, { thread_id: id, author_id: user.id, body: input.body, created_at: at });
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'feedback.create',
        entity: 'feedback_thread',
        entityId: id,
        officeId: user.office.id,
        after: input,
      });
      return id;
    });
  }

  async thread(user: SessionUser, id: number) {
    const thread = await this.threadInScope(user.scope, id);
    const messages = await q.listMessages(this.db, thread.id);
    return {
      id: thread.id,
      officeName: thread.office_name,
      category: thread.category,
      title: thread.title,
      status: thread.status,
      messages: messages.map((m) => ({
        id: m.id,
        author: m.full_name,
        office: m.office_name,
        body: m.body,
        createdAt: m.created_at.toISOString(),
      })),
    };
  }

  /** A national answer marks the thread answered; a locality's reply opens it again. */
  async addMessage(user: SessionUser, threadId: number, body: string) {
    const thread = await this.openThreadInScope(user.scope, threadId);
    const national = user.office.kind === 'national' || user.office.kind === 'department';
    return this.db.transaction().execute(async (trx) => {
      const at = this.clock.now();
      const id = await q.insertMessage(trx, { thread_id: thread.id, author_id: user.id, body, created_at: at });
      const status = national ? 'answered' : 'open';
      if (status !== thread.status) await q.setThreadStatus(trx, thread.id, status);
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'feedback.message',
        entity: 'feedback_thread',
        entityId: thread.id,
        officeId: thread.office_id,
        before: { status: thread.status },
        after: { status, messageId: id },
      });
      return id;
    });
  }

  async close(user: SessionUser, threadId: number) {
    const thread = await this.openThreadInScope(user.scope, threadId);
    await this.db.transaction().execute(async (trx) => {
      const at = this.clock.now();
      await q.setThreadStatus(trx, thread.id, 'closed');
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'feedback.close',
        entity: 'feedback_thread',
        entityId: thread.id,
        officeId: thread.office_id,
        before: { status: thread.status },
        after: { status: 'closed' },
      });
    });
  }
}
