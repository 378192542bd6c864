import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.js';
import type { AuthService, SessionUser } from './service.js';
import { currentUser, setSessionCookie } from './session.js';

const UserBody = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  role: Type.String(),
  roleName: Type.String(),
  office: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    kind: Type.String(),
  }),
});
const SessionBody = Type.Object({ user: UserBody, csrfToken: Type.String() });

const publicUser = (user: SessionUser) => ({
  id: user.id,
  username: user.username,
  fullName: user.fullName,
  role: user.role,
  roleName: user.roleName,
  office: { id: user.office.id, code: user.office.code, name: user.office.name, kind: user.office.kind },
});

export async function authRoutes(app: App, { auth }: { auth: AuthService }) {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập / Log in',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 100 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: SessionBody, 401: Type.Ref('Error'), 423: Type.Ref('Error'), 429: Type.Ref('Error') },
      },
    },
    async (request, reply) => {
      const { user, token, csrfToken } = await auth.login(request.body.username, request.body.password, request.ip);
      setSessionCookie(request, reply, token);
      return { user: publicUser(user), csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất / Log out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const session = request.session!;
      await auth.logout(session.token, session.user);
      setSessionCookie(request, reply, null);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'Người dùng hiện tại / Current user', response: { 200: SessionBody } } },
    async (request) => ({ user: publicUser(currentUser(request)), csrfToken: request.session!.csrfToken }),
  );
}
