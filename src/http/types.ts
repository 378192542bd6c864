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
import type { PublicLimits, UploadLimits } from '../config.js';
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
  /** Minutes without a request after which a session ends (SESSION_IDLE_MINUTES); 30 when absent. */
  sessionIdleMinutes?: number;
  /** Size limits of uploads and of JSON bodies. */
  uploads: UploadLimits;
  /** Folder of stored attachments and of uploads being received (see Config.filesDir). */
  filesDir: string;
  /** Rate limits of the public look-ups; the defaults of config.ts when absent. */
  publicLimits?: PublicLimits;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin when the session cookie is valid. */
    session: { id: number; user: SessionUser; csrfToken: string; token: string } | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session (login, public pages). */
    public?: boolean;
    /** A public write that must still come from dondoc's own pages (the login form). */
    sameOrigin?: boolean;
    /** Reachable while the user must change a one-time password (me, logout, change password). */
    beforePasswordChange?: boolean;
  }
}
