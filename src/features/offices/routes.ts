import { NoContent, errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { Offices, Plan, PlanParams } from './schemas.js';
import { OfficeService } from './service.js';

export async function officeRoutes(app: App, { db, clock }: AppDeps) {
  const offices = new OfficeService(db, clock);

  app.get(
    '/api/offices',
    {
      schema: {
        tags: ['offices'],
        summary: 'Cơ quan BHXH trong phạm vi của người dùng / Offices in the user scope',
        response: { 200: Offices },
      },
    },
    async (request) => ({ items: await offices.list(currentUser(request)) }),
  );

  app.put(
    '/api/offices/:id/plans/:year',
    {
      schema: {
        tags: ['offices'],
        summary: "Giao kế hoạch thu năm cho cơ quan cấp dưới / Set the collection plan of an office below one's own",
        params: PlanParams,
        body: Plan,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id, year } = request.params;
      await offices.setPlan(requireCapability(request, 'plan.assign'), id, year, request.body.amount);
      return reply.code(204).send(null);
    },
  );
}
