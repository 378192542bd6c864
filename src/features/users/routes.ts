import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../http/types.js';
import { requireCapability } from '../auth/session.js';
import { errorResponses } from '../../http/schemas.js';

export async function userRoutes(app: App, { db }: AppDeps) {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Người dùng trong phạm vi / Users in the scope (to assign officials)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                username: Type.String(),
                fullName: Type.String(),
                role: Type.String(),
                roleName: Type.String(),
                office: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
                active: Type.Boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const user = requireCapability(request, 'user.read');
      const rows = await db
        .selectFrom('app_user as u')
        .innerJoin('office as o', 'o.id', 'u.office_id')
        .innerJoin('role as r', 'r.code', 'u.role')
        .select(['u.id', 'u.username', 'u.full_name', 'u.role', 'r.name_vi', 'u.active', 'o.id as office_id', 'o.code', 'o.name'])
        .where('o.path', 'like', `${user.scope}%`)
        .orderBy('o.path')
        .orderBy('u.username')
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          username: r.username,
          fullName: r.full_name,
          role: r.role,
          roleName: r.name_vi,
          office: { id: r.office_id, code: r.code, name: r.name },
          active: r.active,
        })),
      };
    },
  );
}
