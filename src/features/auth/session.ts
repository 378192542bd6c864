import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Capability } from '../../domain/organisation.js';
import { AppError, forbidden, unauthenticated } from '../../http/errors.js';
import type { App } from '../../http/types.js';
import type { AuthService, SessionUser } from './service.js';

export const SESSION_COOKIE = 'dondoc_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Reads the session cookie on every request; then, for the API routes that are not public, requires a session and,
 * on writes, a same-origin request carrying the CSRF token the client received at login in `x-csrf-token`. A
 * cross-site page can make the browser send the cookie but cannot read the token.
 *
 * Every decision is taken on the route the router matched, never on the raw URL: the router decodes the path
 * (`/%61pi/…` is `/api/…`), so a check on the raw text could be stepped around by spelling the path differently.
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
    const route = request.routeOptions;
    if (!route.url?.startsWith('/api/')) return;
    const unsafe = !SAFE_METHODS.has(request.method);
    // The login form is public but still a write a foreign page must not make (login CSRF).
    if (unsafe && (!route.config.public || route.config.sameOrigin)) refuseCrossSite(request);
    if (route.config.public) return;
    if (!request.session) throw unauthenticated();
    if (request.session.user.mustChangePassword && !route.config.beforePasswordChange) {
      throw new AppError('password_change_required');
    }
    if (!unsafe) return;
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
      throw new AppError('csrf');
    }
  });
}

/**
 * A browser says where a request comes from (Sec-Fetch-Site, Origin); a write from another site is refused even
 * before the CSRF token is looked at. Clients that send neither (scripts, old browsers) still need the token.
 */
function refuseCrossSite(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  let foreign = site === 'cross-site' || site === 'same-site';
  if (!foreign && typeof origin === 'string' && site !== 'same-origin') {
    try {
      // Through URL on both sides, so a default port written on one side only (":443") does not differ.
      foreign = new URL(origin).host !== new URL(`${request.protocol}://${request.host}`).host;
    } catch {
      foreign = true; // "null" from a sandboxed frame or a file: page
    }
  }
  if (foreign) {
    throw new AppError('cross_origin');
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Strict: the cookie is never sent on a request another site starts, not even a top-level link. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const options = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
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
