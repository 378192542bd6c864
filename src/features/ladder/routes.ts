import { IdParams, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { Ladder } from './schemas.js';
import { employerLadder } from './service.js';

export async function ladderRoutes(app: App, { db }: AppDeps) {
  app.get(
    '/api/employers/:id/ladder',
    {
      schema: {
        tags: ['actions'],
        summary: 'Bậc đôn đốc hiện tại, việc phải làm tiếp và lịch sử chuyển bậc / Ladder step, what is due, history',
        params: IdParams,
        response: {
          200: Ladder,
          ...errorResponses,
        },
      },
    },
    async (request) => employerLadder(db, currentUser(request), request.params.id),
  );
}
