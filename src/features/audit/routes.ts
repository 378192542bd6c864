import { errorResponses } from '../../http/schemas.js';
import type { App, AppDeps } from '../../http/types.js';
import { requireCapability } from '../auth/session.js';
import { AuditLog, AuditQuery } from './schemas.js';
import { AuditService } from './service.js';

export async function auditRoutes(app: App, { db }: AppDeps) {
  const audit = new AuditService(db);

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
    async (request) => ({ items: await audit.list(requireCapability(request, 'audit.read'), request.query) }),
  );
}
