import { errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { requireCapability } from '../auth/session.js';
import { listAudit } from './queries.js';
import { AuditLog, AuditQuery } from './schemas.js';

export async function auditRoutes(app: App, { db }: AppDeps) {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi / Audit log, newest first, in the user scope',
        querystring: AuditQuery,
        response: { 200: AuditLog, ...errorResponses },
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
