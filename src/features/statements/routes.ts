import { Type } from '@sinclair/typebox';
import { IdParams, Period, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { requireCapability } from '../auth/session.js';
import { c12Workbook, employerStatement } from './service.js';

export async function statementRoutes(app: App, { db }: AppDeps) {
  app.get('/api/employers/:id/c12-ts', {
    schema: {
      tags: ['statements'],
      summary: 'Thông báo kết quả đóng (mẫu C12-TS) của một tháng, .xlsx / Monthly payment-result notice C12-TS',
      params: IdParams,
      querystring: Type.Object({ month: Period }),
      response: errorResponses,
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'employer.read');
    const { employer, statement } = await employerStatement(db, user.scope, request.params.id, request.query.month);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="c12-ts-${employer.code}-${request.query.month}.xlsx"`)
      .send(await c12Workbook(employer, statement));
  });
}
