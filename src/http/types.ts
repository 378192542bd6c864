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
import type { OfficeKind, RoleCode } from '../domain/organisation.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Who is signed in, as the auth plugin puts it on the request. */
export interface SessionUser {
  id: number;
  username: string;
  fullName: string;
  role: RoleCode;
  roleName: string;
  office: { id: number; code: string; name: string; kind: OfficeKind; path: string };
  /** Path prefix of the offices this user may see (see domain/organisation scopePath). */
  scope: string;
  /** Signed in with a one-time password: only changing it is allowed. */
  mustChangePassword: boolean;
}

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
