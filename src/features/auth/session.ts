import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Capability } from '../../domain/organisation.js';
import { AppError, forbidden, unauthenticated } from '../../http/errors.js';
import type { App } from '../../http/types.js';
import type { AuthService, SessionUser } from './service.js';

export const SESSION_COOKIE = 'dondoc_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads the session cookie on every request; then, for /api routes that are not public, requires a session and,
 * on writes, the CSRF token the client received at login in the `x-csrf-token` header. A cross-site page can make
 * the browser send the cookie but cannot read the token.
 */
export function registerSessionHooks(app: App, auth: AuthService): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await auth.authenticate(token);
    if (found) request.session = { ...found, token };
  });
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.public) return;
    if (!request.session) throw unauthenticated();
    if (SAFE_METHODS.has(request.method)) return;
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
      throw new AppError(403, 'csrf', 'Phiên làm việc không hợp lệ (thiếu mã CSRF). Vui lòng tải lại trang.');
    }
  });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const options = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
  };
  if (token === null) reply.clearCookie(SESSION_COOKIE, options);
  else reply.setCookie(SESSION_COOKIE, token, options);
}

/** The signed-in user; only called behind the preHandler, which already refused anonymous requests. */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.session) throw unauthenticated();
  return request.session.user;
}

export function requireCapability(request: FastifyRequest, capability: Capability): SessionUser {
  const user = currentUser(request);
  if (!can(user.role, capability)) throw forbidden();
  return user;
}
