import { IdParams, NoContent, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { Notices } from './schemas.js';
import { NoticeService } from './service.js';

export async function noticeRoutes(app: App, { db, clock }: AppDeps) {
  const notices = new NoticeService(db, clock);

  app.get(
    '/api/notices',
    {
      schema: {
        tags: ['notices'],
        summary: "Thông báo của người dùng, chưa đọc trước / The user's notices, unread first",
        response: { 200: Notices },
      },
    },
    async (request) => notices.list(currentUser(request)),
  );

  app.post(
    '/api/notices/:id/read',
    {
      schema: {
        tags: ['notices'],
        summary: 'Đánh dấu đã đọc / Mark a notice read',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await notices.markRead(currentUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
