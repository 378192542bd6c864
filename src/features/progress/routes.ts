import { notFound } from '../../http/errors.js';
import { errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { readProgress } from './service.js';
import { Progress, ProgressParams } from './schemas.js';

export async function progressRoutes(app: App, { filesDir }: AppDeps) {
  app.get(
    '/api/progress/:id',
    {
      schema: {
        tags: ['progress'],
        summary:
          'Tiến độ của một việc dài (nhập tệp, tệp nén) của chính người dùng / How far one of your long pieces of work is',
        description:
          'The id is the `progress` the client gave the request doing the work. 404 before the work starts, after it ' +
          'ends, and for the work of another user.',
        params: ProgressParams,
        response: { 200: Progress, ...errorResponses },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const progress = await readProgress(filesDir, user.id, request.params.id);
      if (!progress) throw notFound('progress');
      return progress;
    },
  );
}
