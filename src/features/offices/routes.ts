import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../http/types.js';
import { currentUser } from '../auth/session.js';
import { listOfficesInScope } from './queries.js';

const OfficeBody = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
});

export async function officeRoutes(app: App, { db }: AppDeps) {
  app.get(
    '/api/offices',
    {
      schema: {
        tags: ['offices'],
        summary: 'Cơ quan BHXH trong phạm vi của người dùng / Offices in the user scope',
        response: { 200: Type.Object({ items: Type.Array(OfficeBody) }) },
      },
    },
    async (request) => {
      const rows = await listOfficesInScope(db, currentUser(request).scope);
      return {
        items: rows.map((o) => ({ id: o.id, code: o.code, name: o.name, kind: o.kind, parentId: o.parent_id })),
      };
    },
  );
}
