import { errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { BulkAssigned, BulkAssignment, Worklist, WorklistQuery } from './schemas.js';
import { WorklistService } from './service.js';

export async function worklistRoutes(app: App, { db, clock }: AppDeps) {
  const worklists = new WorklistService(db, clock);

  app.get(
    '/api/worklist',
    {
      schema: {
        tags: ['worklists'],
        summary: "Danh sách việc hôm nay của cán bộ / An official's worklist for today, most pressing first",
        querystring: WorklistQuery,
        response: { 200: Worklist, ...errorResponses },
      },
    },
    async (request) => worklists.worklist(currentUser(request), request.query),
  );

  app.post(
    '/api/assignments/bulk',
    {
      schema: {
        tags: ['worklists'],
        summary: 'Phân công hàng loạt theo cơ quan, loại hình, quy mô / Assign an official to many employers at once',
        body: BulkAssignment,
        response: { 200: BulkAssigned, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireCapability(request, 'assignment.write');
      return { assigned: await worklists.assignInBulk(user, request.body) };
    },
  );
}
