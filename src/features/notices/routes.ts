import { IdParams, NoContent, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/queries.js';
import { currentUser } from '../auth/session.js';
import { Notices } from './schemas.js';

/** Thông báo trong ứng dụng: each user sees and marks only their own. */
export async function noticeRoutes(app: App, { db, clock }: AppDeps) {
  app.get('/api/notices', {
    schema: {
      tags: ['notices'], summary: 'Thông báo của người dùng, chưa đọc trước / The user\'s notices, unread first',
      response: { 200: Notices },
    },
  }, async (request) => {
    const user = currentUser(request);
    const rows = await db.selectFrom('notice').select(['id', 'title', 'body', 'link', 'created_at', 'read_at'])
      .where('user_id', '=', user.id).orderBy((eb) => eb('read_at', 'is', null), 'desc').orderBy('created_at', 'desc').limit(50).execute();
    return {
      unread: rows.filter((r) => r.read_at === null).length,
      items: rows.map((r) => ({ id: r.id, title: r.title, body: r.body, link: r.link, createdAt: r.created_at.toISOString(), read: r.read_at !== null })),
    };
  });

  app.post('/api/notices/:id/read', {
    schema: { tags: ['notices'], summary: 'Đánh dấu đã đọc / Mark a notice read', params: IdParams, response: { 204: NoContent, ...errorResponses } },
  }, async (request, reply) => {
    const user = currentUser(request);
    await db.transaction().execute(async (trx) => {
      const notice = await trx.selectFrom('notice').select(['id', 'read_at']).where('id', '=', request.params.id)
        .where('user_id', '=', user.id).executeTakeFirst();
      if (!notice) throw notFound('Không tìm thấy thông báo');
      if (notice.read_at) return;
      const at = clock.now();
      await trx.updateTable('notice').set({ read_at: at }).where('id', '=', notice.id).execute();
      await recordAudit(trx, {
        at, userId: user.id, action: 'notice.read', entity: 'notice', entityId: notice.id, officeId: user.office.id,
        before: { read_at: null }, after: { read_at: at },
      });
    });
    return reply.code(204).send(null);
  });
}
