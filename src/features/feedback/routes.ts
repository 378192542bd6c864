import { likeEscape } from '../../db/like.js';
import { Created, ErrorRef, IdParams, NoContent, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { AppError, badRequest, notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/queries.js';
import { currentUser } from '../auth/session.js';
import { FeedbackList, FeedbackReply, FeedbackThread, NewFeedback } from './schemas.js';

/**
 * Phản ánh của địa phương: a province (or one of its grassroots offices) raises a difficulty or a proposal; national
 * departments answer. A thread belongs to the raising office's scope: the national office sees every thread, a
 * province its own.
 */
export async function feedbackRoutes(app: App, { db, clock }: AppDeps) {
  const threadInScope = async (scope: string, id: number) => {
    const thread = await db.selectFrom('feedback_thread as t').innerJoin('office as o', 'o.id', 't.office_id')
      .selectAll('t').select('o.name as office_name').where('t.id', '=', id).where('o.path', 'like', `${likeEscape(scope)}%`).executeTakeFirst();
    if (!thread) throw notFound('Không tìm thấy phản ánh');
    return thread;
  };

  app.get('/api/feedback', {
    schema: {
      tags: ['feedback'], summary: 'Phản ánh, kiến nghị trong phạm vi / Feedback threads in the scope',
      response: { 200: FeedbackList },
    },
  }, async (request) => {
    const user = currentUser(request);
    const rows = await db.selectFrom('feedback_thread as t').innerJoin('office as o', 'o.id', 't.office_id')
      .select(['t.id', 'o.name as office_name', 't.category', 't.title', 't.status', 't.created_at',
        (eb) => eb.selectFrom('feedback_message as m').select((x) => x.fn.countAll<number>().as('n')).whereRef('m.thread_id', '=', 't.id').as('messages')])
      .where('o.path', 'like', `${likeEscape(user.scope)}%`).orderBy('t.id', 'desc').execute();
    return { items: rows.map((r) => ({
      id: r.id, officeName: r.office_name, category: r.category, title: r.title, status: r.status,
      createdAt: r.created_at.toISOString(), messages: Number(r.messages ?? 0),
    })) };
  });

  app.post('/api/feedback', {
    schema: {
      tags: ['feedback'], summary: 'Gửi phản ánh, kiến nghị của địa phương / Raise a difficulty or proposal',
      body: NewFeedback,
      response: { 201: Created, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = currentUser(request);
    if (user.office.kind !== 'province' && user.office.kind !== 'grassroots') {
      throw badRequest('not_a_locality', 'Phản ánh do BHXH tỉnh, BHXH cơ sở gửi / feedback comes from the localities');
    }
    const id = await db.transaction().execute(async (trx) => {
      const at = clock.now();
      const { id } = await trx.insertInto('feedback_thread').values({
        office_id: user.office.id, category: request.body.category, title: request.body.title, status: 'open', created_by: user.id, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('feedback_message').values({ thread_id: id, author_id: user.id, body: request.body.body, created_at: at }).execute();
      await recordAudit(trx, { at, userId: user.id, action: 'feedback.create', entity: 'feedback_thread', entityId: id, officeId: user.office.id, after: request.body });
      return id;
    });
    return reply.code(201).send({ id });
  });

  app.get('/api/feedback/:id', {
    schema: {
      tags: ['feedback'], summary: 'Một phản ánh và các trao đổi / A thread with its messages', params: IdParams,
      response: { 200: FeedbackThread, ...errorResponses },
    },
  }, async (request) => {
    const thread = await threadInScope(currentUser(request).scope, request.params.id);
    const messages = await db.selectFrom('feedback_message as m').innerJoin('app_user as u', 'u.id', 'm.author_id')
      .innerJoin('office as o', 'o.id', 'u.office_id')
      .select(['m.id', 'u.full_name', 'o.name as office_name', 'm.body', 'm.created_at']).where('m.thread_id', '=', thread.id).orderBy('m.id').execute();
    return {
      id: thread.id, officeName: thread.office_name, category: thread.category, title: thread.title, status: thread.status,
      messages: messages.map((m) => ({ id: m.id, author: m.full_name, office: m.office_name, body: m.body, createdAt: m.created_at.toISOString() })),
    };
  });

  app.post('/api/feedback/:id/messages', {
    schema: {
      tags: ['feedback'], summary: 'Trả lời, trao đổi thêm / Answer or add to a thread; a national answer marks it answered',
      params: IdParams, body: FeedbackReply,
      response: { 201: Created, ...errorResponses, 409: ErrorRef },
    },
  }, async (request, reply) => {
    const user = currentUser(request);
    const thread = await threadInScope(user.scope, request.params.id);
    if (thread.status === 'closed') throw new AppError(409, 'closed', 'Phản ánh đã đóng');
    const national = user.office.kind === 'national' || user.office.kind === 'department';
    const id = await db.transaction().execute(async (trx) => {
      const at = clock.now();
      const { id } = await trx.insertInto('feedback_message').values({ thread_id: thread.id, author_id: user.id, body: request.body.body, created_at: at })
        .returning('id').executeTakeFirstOrThrow();
      const status = national ? 'answered' : 'open';
      if (status !== thread.status) await trx.updateTable('feedback_thread').set({ status }).where('id', '=', thread.id).execute();
      await recordAudit(trx, {
        at, userId: user.id, action: 'feedback.message', entity: 'feedback_thread', entityId: thread.id, officeId: thread.office_id,
        before: { status: thread.status }, after: { status, messageId: id },
      });
      return id;
    });
    return reply.code(201).send({ id });
  });

  app.post('/api/feedback/:id/close', {
    schema: {
      tags: ['feedback'], summary: 'Đóng phản ánh đã được giải quyết / Close a thread', params: IdParams,
      response: { 204: NoContent, ...errorResponses, 409: ErrorRef },
    },
  }, async (request, reply) => {
    const user = currentUser(request);
    const thread = await threadInScope(user.scope, request.params.id);
    if (thread.status === 'closed') throw new AppError(409, 'closed', 'Phản ánh đã đóng');
    await db.transaction().execute(async (trx) => {
      const at = clock.now();
      await trx.updateTable('feedback_thread').set({ status: 'closed' }).where('id', '=', thread.id).execute();
      await recordAudit(trx, {
        at, userId: user.id, action: 'feedback.close', entity: 'feedback_thread', entityId: thread.id, officeId: thread.office_id,
        before: { status: thread.status }, after: { status: 'closed' },
      });
    });
    return reply.code(204).send(null);
  });
}
