import { Type } from '@sinclair/typebox';
import { CalendarDate, IdParams, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { PromiseService } from './service.js';

const Money = Type.Integer({ description: 'whole VND' });
const Reason = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000, pattern: '\\S' }) }, { additionalProperties: false });
const PromiseState = Type.Union([
  Type.Object({ status: Type.Literal('pending'), next: Type.Object({ dueOn: CalendarDate, outstanding: Money }) }),
  Type.Object({ status: Type.Literal('kept'), keptOn: CalendarDate }),
  Type.Object({ status: Type.Literal('broken'), brokenOn: CalendarDate, shortfall: Money, missedDueOn: CalendarDate }),
]);
const Instalment = Type.Object({ dueOn: CalendarDate, amount: Type.Integer({ minimum: 1, maximum: 9e15 }) }, { additionalProperties: false });
const PromiseKind = Type.Union([Type.Literal('promise'), Type.Literal('instalment')]);

export async function promiseRoutes(app: App, { db, clock }: AppDeps) {
  const promises = new PromiseService(db, clock);

  app.get('/api/employers/:id/promises', {
    schema: {
      tags: ['actions'],
      summary: 'Cam kết trả nợ của đơn vị, đã/không thực hiện theo số đã nộp / Promises to pay, kept or broken from payments',
      params: IdParams,
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Type.Integer(), kind: PromiseKind, madeOn: CalendarDate, actionId: Type.Union([Type.Integer(), Type.Null()]),
            note: Type.String(), instalments: Type.Array(Instalment), state: PromiseState,
            cancelled: Type.Union([Type.Object({ at: Type.String(), reason: Type.String() }), Type.Null()]),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => ({ items: await promises.list(currentUser(request), request.params.id) }));

  app.post('/api/employers/:id/promises', {
    schema: {
      tags: ['actions'],
      summary: 'Ghi nhận cam kết trả nợ hoặc thỏa thuận trả dần / Record a promise to pay or an instalment agreement',
      params: IdParams,
      body: Type.Object({
        kind: PromiseKind,
        madeOn: CalendarDate,
        instalments: Type.Array(Instalment, { minItems: 1, maxItems: 36 }),
        note: Type.Optional(Type.String({ maxLength: 2000 })),
        actionId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'action.write');
    return reply.code(201).send({ id: await promises.create(user, request.params.id, request.body) });
  });

  app.post('/api/promises/:id/cancel', {
    schema: {
      tags: ['actions'],
      summary: 'Hủy cam kết ghi nhầm, nêu lý do / Cancel a promise with a reason (it is kept)',
      params: IdParams, body: Reason, response: { 204: Type.Null(), ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => {
    const user = requireCapability(request, 'action.write');
    await promises.cancel(user, request.params.id, request.body.reason);
    return reply.code(204).send(null);
  });
}
