import { ErrorRef, errorResponses, IdParams, NoContent } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AuthService, SessionUser } from './service.js';
import { Login, OpenSessions, PasswordChange, Session, type OpenSession, type User } from './schemas.js';
import { currentUser, setSessionCookie } from './session.js';

const publicUser = (user: SessionUser): User => ({
  id: user.id,
  username: user.username,
  fullName: user.fullName,
  role: user.role,
  roleName: user.roleName,
  office: { id: user.office.id, code: user.office.code, name: user.office.name, kind: user.office.kind },
  mustChangePassword: user.mustChangePassword,
});

export const sessionItem = (
  s: { id: number; created_at: Date; last_seen_at: Date; expires_at: Date; address: string; user_agent: string },
  currentId: number | null,
): OpenSession => ({
  id: s.id,
  createdAt: new Date(s.created_at).toISOString(),
  lastSeenAt: new Date(s.last_seen_at).toISOString(),
  expiresAt: new Date(s.expires_at).toISOString(),
  address: s.address,
  userAgent: s.user_agent,
  current: s.id === currentId,
});

export async function authRoutes(app: App, { auth }: { auth: AuthService }) {
  app.post(
    '/api/auth/login',
    {
      config: { public: true, sameOrigin: true },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập / Log in',
        body: Login,
        response: { 200: Session, 401: ErrorRef, 403: ErrorRef, 429: ErrorRef },
      },
    },
    async (request, reply) => {
      const { user, token, csrfToken } = await auth.login(request.body.username, request.body.password, {
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
      });
      setSessionCookie(request, reply, token);
      return { user: publicUser(user), csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'Đăng xuất / Log out', response: { 204: NoContent } },
    },
    async (request, reply) => {
      const session = request.session!;
      await auth.logout(session.token, session.user);
      setSessionCookie(request, reply, null);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['auth'], summary: 'Người dùng hiện tại / Current user', response: { 200: Session } },
    },
    async (request) => ({ user: publicUser(currentUser(request)), csrfToken: request.session!.csrfToken }),
  );

  app.post(
    '/api/auth/password',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu của mình / Change one’s own password',
        body: PasswordChange,
        response: { 200: Session, ...errorResponses },
      },
    },
    async (request) => {
      const session = request.session!;
      await auth.changePassword(session, request.body.currentPassword, request.body.newPassword);
      return { user: publicUser({ ...session.user, mustChangePassword: false }), csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'Phiên làm việc của tôi / My open sessions',
        response: { 200: OpenSessions, ...errorResponses },
      },
    },
    async (request) => {
      const session = request.session!;
      const rows = await auth.listSessions(session.user.id);
      return { items: rows.map((s) => sessionItem(s, session.id)) };
    },
  );

  app.post(
    '/api/auth/sessions/:id/end',
    {
      schema: {
        tags: ['auth'],
        summary: 'Kết thúc một phiên của tôi / End one of my sessions',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.endOwnSession(currentUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
