import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { requireCapability } from '../auth/session.js';
import { listAudit } from './queries.js';

export async function auditRoutes(app: App, { db }: AppDeps) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi / Audit log, newest first, in the user scope',
        querystring: Type.Object({
          entity: Type.Optional(Type.String({ maxLength: 50 })),
          entityId: Type.Optional(Type.String({ maxLength: 50 })),
          beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Type.String({ format: 'date-time' }),
                action: Type.String(),
                entity: Type.String(),
                entityId: Type.Union([Type.String(), Type.Null()]),
                user: Type.Union([Type.Object({ username: Type.String(), fullName: Type.String() }), Type.Null()]),
                officeCode: Type.Union([Type.String(), Type.Null()]),
                address: Type.Union([Type.String(), Type.Null()]),
                before: Type.Unknown(),
                after: Type.Unknown(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const user = requireCapability(request, 'audit.read');
      const rows = await listAudit(db, { scope: user.scope, ...request.query });
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          user: r.username && r.full_name ? { username: r.username, fullName: r.full_name } : null,
          officeCode: r.office_code,
          address: r.address,
          before: r.before,
          after: r.after,
        })),
      };
    },
  );
}
