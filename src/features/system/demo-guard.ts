import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { App } from '../../http/types.js';
import { SystemService } from './service.js';

const LOGIN_ROUTE = '/api/auth/login';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * The demo's accounts share a password printed in the README: on a demo database, logins are taken only from the
 * machine itself, so a demo left running on a reachable address is not an open door. A database set up for
 * production never holds demo accounts (`dondoc init` refuses a non-empty database and the demo refuses a
 * production one).
 */
export function registerDemoLoginGuard(app: App, db: Kysely<Database>): void {
  const system = new SystemService(db);
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.url !== LOGIN_ROUTE || isLoopback(request.ip)) return;
    if (!(await system.isDemo())) return;
    throw new AppError('demo_login_remote');
  });
}
