import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import type { SessionUser } from '../auth/service.js';
import * as q from './queries.js';

/** Thông báo trong ứng dụng: each user sees and marks only their own. */
export class NoticeService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(user: SessionUser) {
    const rows = await q.listNotices(this.db, user.id);
    return {
      unread: rows.filter((r) => r.read_at === null).length,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        body: r.body,
        link: r.link,
        createdAt: r.created_at.toISOString(),
        read: r.read_at !== null,
      })),
    };
  }

  async markRead(user: SessionUser, id: number) {
    await this.db.transaction().execute(async (trx) => {
      const notice = await q.findNoticeOf(trx, user.id, id);
      if (!notice) throw notFound('notice');
      if (notice.read_at) return;
      const at = this.clock.now();
      await q.markRead(trx, notice.id, at);
      await recordAudit(trx, {
        at,
        userId: user.id,
        action: 'notice.read',
        entity: 'notice',
        entityId: notice.id,
        officeId: user.office.id,
        before: { read_at: null },
        after: { read_at: at },
      });
    });
  }
}
