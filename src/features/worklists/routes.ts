import { Type } from '@sinclair/typebox';
import { LADDER_STEPS } from '../../domain/ladder.js';
import { OWNERSHIPS } from '../../domain/ledger.js';
import { CalendarDate, MaybeBasis, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { WorklistService } from './service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Money = Type.Integer({ description: 'whole VND' });

export async function worklistRoutes(app: App, { db, clock }: AppDeps) {
  const worklists = new WorklistService(db, clock);

  app.get('/api/worklist', {
    schema: {
      tags: ['worklists'],
      summary: 'Danh sách việc hôm nay của cán bộ / An official\'s worklist for today, most pressing first',
      querystring: Type.Object({
        userId: Type.Optional(Type.Integer({ minimum: 1, description: 'another official of the scope; oneself by default' })),
        page: Type.Integer({ minimum: 1, default: 1 }),
        pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
      }),
      response: {
        200: Type.Object({
          asOf: CalendarDate,
          /** Whose figures the late amounts and charges are: the stored positions, live. */
          basis: MaybeBasis,
          official: Type.Object({ id: Type.Integer(), fullName: Type.String() }),
          counts: Type.Object({ today: Type.Integer(), this_week: Type.Integer(), later: Type.Integer() }),
          total: Type.Integer(),
          page: Type.Integer(),
          pageSize: Type.Integer(),
          items: Type.Array(Type.Object({
            employer: Type.Object({
              id: Type.Integer(), code: Type.String(), name: Type.String(), taxCode: Type.String(), status: Type.String(),
              officeName: Type.String(),
            }),
            responsibility: Type.String(),
            tier: literals(['today', 'this_week', 'later'] as const),
            lateAmount: Money,
            overdueMonths: Type.Integer(),
            band: Type.String(),
            charge: Money,
            step: literals(LADDER_STEPS),
            since: Type.Union([CalendarDate, Type.Null()]),
            due: Type.Array(Type.Object({ action: Type.String(), by: CalendarDate, reason: Type.String() })),
            brokenPromise: Type.Boolean(),
            followUpOn: Type.Union([CalendarDate, Type.Null()]),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => worklists.worklist(currentUser(request), request.query));

  app.post('/api/assignments/bulk', {
    schema: {
      tags: ['worklists'],
      summary: 'Phân công hàng loạt theo cơ quan, loại hình, quy mô / Assign an official to many employers at once',
      body: Type.Object({
        userId: Type.Integer({ minimum: 1 }),
        responsibility: Type.Union([Type.Literal('leader'), Type.Literal('official')]),
        officeId: Type.Integer({ minimum: 1 }),
        ownership: Type.Optional(literals(OWNERSHIPS)),
        minHeadcount: Type.Optional(Type.Integer({ minimum: 0 })),
        maxHeadcount: Type.Optional(Type.Integer({ minimum: 0 })),
        onlyLate: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ assigned: Type.Integer() }), ...errorResponses },
    },
  }, async (request) => {
    const user = requireCapability(request, 'assignment.write');
    return { assigned: await worklists.assignInBulk(user, request.body) };
  });
}
