import { Created, ErrorRef, IdParams, NoContent, Reason, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { NewPromise, PaymentPromises } from './schemas.js';
import { PromiseService } from './service.js';

export async function promiseRoutes(app: App, { db, clock }: AppDeps) {
  const promises = new PromiseService(db, clock);

  app.get(
    '/api/employers/:id/promises',
    {
      schema: {
        tags: ['actions'],
        summary:
          'Cam kết trả nợ của đơn vị, đã/không thực hiện theo số đã nộp / Promises to pay, kept or broken from payments',
        params: IdParams,
        response: { 200: PaymentPromises, ...errorResponses },
      },
    },
    async (request) => ({ items: await promises.list(currentUser(request), request.params.id) }),
  );

  app.post(
    '/api/employers/:id/promises',
    {
      schema: {
        tags: ['actions'],
        summary: 'Ghi nhận cam kết trả nợ hoặc thỏa thuận trả dần / Record a promise to pay or an instalment agreement',
        params: IdParams,
        body: NewPromise,
        response: { 201: Created, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'action.write');
      return reply.code(201).send({ id: await promises.create(user, request.params.id, request.body) });
    },
  );

  app.post(
    '/api/promises/:id/cancel',
    {
      schema: {
        tags: ['actions'],
        summary: 'Hủy cam kết ghi nhầm, nêu lý do / Cancel a promise with a reason (it is kept)',
        params: IdParams,
        body: Reason,
        response: { 204: NoContent, ...errorResponses, 409: ErrorRef },
      },
    },
    async (request, reply) => {
      const user = requireCapability(request, 'action.write');
      await promises.cancel(user, request.params.id, request.body.reason);
      return reply.code(204).send(null);
    },
  );
}
