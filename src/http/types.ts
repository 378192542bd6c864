import type {
  FastifyInstance,
  FastifyBaseLogger,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { PublicLimits } from '../config.js';
import type { DatabaseHandle } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import type { SessionUser } from '../features/auth/service.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What every feature plugin is built from. */
export interface AppDeps {
  handle: DatabaseHandle;
  db: Kysely<Database>;
  clock: Clock;
  /** Rate limits of the public look-ups; the defaults of config.ts when absent. */
  publicLimits?: PublicLimits;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin when the session cookie is valid. */
    session: { user: SessionUser; csrfToken: string; token: string } | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session (login, public pages). */
    public?: boolean;
  }
}
