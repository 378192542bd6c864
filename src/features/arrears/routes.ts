import { errorResponses, IdParams } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { ArrearsPosition, ArrearsQuery, ArrearsSummary, LatePage, LateQuery, SummaryQuery } from './schemas.js';
import { ArrearsService } from './service.js';

export async function arrearsRoutes(app: App, { db, clock }: AppDeps) {
  const arrears = new ArrearsService(db, clock);

  app.get(
    '/api/employers/:id/arrears',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Chậm đóng của đơn vị tại một ngày, có diễn giải / Arrears of an employer at a date, explained',
        params: IdParams,
        querystring: ArrearsQuery,
        response: { 200: ArrearsPosition, ...errorResponses },
      },
    },
    async (request) => arrears.position(currentUser(request), request.params.id, request.query.asOf),
  );

  app.get(
    '/api/arrears/late',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Danh sách đơn vị chậm đóng / Late employers at the latest close',
        querystring: LateQuery,
        response: {
          200: LatePage,
          ...errorResponses,
        },
      },
    },
    async (request) => arrears.late(currentUser(request), request.query),
  );

  app.get(
    '/api/arrears/summary',
    {
      schema: {
        tags: ['arrears'],
        summary: 'Tổng hợp chậm đóng theo cơ quan, tỷ lệ chậm đóng / Arrears and late ratio by office',
        querystring: SummaryQuery,
        response: {
          200: ArrearsSummary,
          ...errorResponses,
        },
      },
    },
    async (request) => arrears.summary(currentUser(request), request.query.officeId),
  );
}
