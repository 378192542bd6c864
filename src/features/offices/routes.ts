import type { App, AppDeps } from '../../http/types.js';
import { NoContent, errorResponses } from '../../http/schemas.js';
import { forbidden, notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import { currentUser, requireCapability } from '../auth/session.js';
import { findOfficeInScope } from '../../db/scope.js';
import { listOfficesInScope, setCollectionPlan } from './queries.js';
import { Offices, Plan, PlanParams } from './schemas.js';

export async function officeRoutes(app: App, { db, clock }: AppDeps) {
  app.get(
    '/api/offices',
    {
      schema: {
        tags: ['offices'],
        summary: 'Cơ quan BHXH trong phạm vi của người dùng / Offices in the user scope',
        response: { 200: Offices },
      },
    },
    async (request) => {
      const rows = await listOfficesInScope(db, currentUser(request).scope);
      return {
        items: rows.map((o) => ({ id: o.id, code: o.code, name: o.name, kind: o.kind, parentId: o.parent_id })),
      };
    },
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
      const user = requireCapability(request, 'plan.assign');
      const { id, year } = request.params;
      const office = await findOfficeInScope(db, user.scope, id);
      if (!office) throw notFound('office');
      // A plan comes from the level above: a province director plans the grassroots offices, not the province.
      if (office.path === user.scope || (office.kind !== 'province' && office.kind !== 'grassroots')) throw forbidden();
      await db.transaction().execute(async (trx) => {
        const at = clock.now();
        const before = await setCollectionPlan(trx, id, year, request.body.amount, at);
        await recordAudit(trx, {
          at,
          userId: user.id,
          action: 'plan.set',
          entity: 'collection_plan',
          entityId: `${id}/${year}`,
          officeId: id,
          before: before === null ? null : { amount: before },
          after: { amount: request.body.amount },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
