import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import type { SessionUser } from '../../http/types.js';
import { backoffMs, THROTTLE_MEMORY_MS, THROTTLE_RULES } from '../../domain/login-throttle.js';
import { scopePath } from '../../domain/organisation.js';
import { judgePassword } from '../../domain/password-policy.js';
import { AppError, notFound } from '../../http/errors.js';
import { recordAudit } from '../../db/audit.js';
import { deleteUserSessions, listSessions } from '../../db/sessions.js';
import { commonPasswords } from './common-passwords.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.js';
import * as q from './queries.js';

/** One working day at most, then log in again, however busy the session was. */
export const SESSION_MAX_MS = 12 * 3600_000;
export const DEFAULT_SESSION_IDLE_MINUTES = 30;
/** last_seen_at is written at most this often: a page load makes several requests, one write is enough. */
const TOUCH_EVERY_MS = 30_000;

/** Declared in http/types.ts with the request's session, which the shared HTTP parts read without importing a feature. */
export type { SessionUser };

export interface Session {
  id: number;
  user: SessionUser;
  csrfToken: string;
}

export function toSessionUser(row: q.UserWithOffice): SessionUser {
  const office = {
    id: row.office_id,
    code: row.office_code,
    name: row.office_name,
    kind: row.office_kind,
    path: row.office_path,
  };
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    roleName: row.role_name,
    office,
    scope: scopePath(office),
    mustChangePassword: row.must_change_password,
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () => new AppError('invalid_credentials');

function throttled(until: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('login_throttled', { retryAfterSeconds: seconds });
}

/** The throttle keys of one attempt: the name as typed (whether it exists or not), the address, and the pair. */
function throttleKeys(username: string, address: string) {
  const name = username.trim().toLowerCase();
  return {
    pair: `pair:${name}@${address}`,
    account: `account:${name}`,
    address: `address:${address}`,
  } as const;
}

export interface LoginClient {
  address: string;
  userAgent: string;
}

export class AuthService {
  private readonly idleMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    options: { sessionIdleMinutes?: number } = {},
  ) {
    this.idleMs = (options.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000;
  }

  private idleSince(now: Date) {
    return new Date(now.getTime() - this.idleMs);
  }

  /**
   * Unknown names, disabled accounts and wrong passwords get the same answer, and so do throttled attempts whether
   * the name exists or not: the throttle is keyed on the name as typed, so it tells nothing about accounts either.
   */
  async login(username: string, password: string, client: LoginClient) {
    const now = this.clock.now();
    const keys = throttleKeys(username, client.address);
    const until = await q.throttledUntil(this.db, Object.values(keys), now);
    if (until) throw throttled(until, now);

    const user = await q.findUserByUsername(this.db, username);
    const valid = user?.active
      ? await verifyPassword(user.password_hash, password)
      : await verifyPassword(await decoyPasswordHash(), password).then(() => false);
    if (!user || !valid) {
      await this.db.transaction().execute(async (trx) => {
        const forgetBefore = new Date(now.getTime() - THROTTLE_MEMORY_MS);
        for (const [kind, key] of Object.entries(keys) as [keyof typeof keys, string][]) {
          const failures = await q.addThrottleFailure(trx, key, now, forgetBefore);
          const wait = backoffMs(failures, THROTTLE_RULES[kind]);
          if (wait > 0) await q.blockThrottleKey(trx, key, new Date(now.getTime() + wait));
        }
        await recordAudit(trx, {
          at: now,
          userId: user?.id ?? null,
          action: 'auth.login_failed',
          entity: user ? 'app_user' : 'auth',
          entityId: user?.id ?? username.slice(0, 100),
          officeId: user?.office_id ?? null,
        });
      });
      throw invalidCredentials();
    }

    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.db.transaction().execute(async (trx) => {
      await q.clearThrottleKeys(trx, [keys.pair, keys.account]);
      await q.deleteExpiredSessions(trx, now, this.idleSince(now));
      await q.insertSession(trx, {
        tokenHash: hashToken(token),
        userId: user.id,
        csrfToken,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
        address: client.address,
        userAgent: client.userAgent.slice(0, 300),
      });
      await recordAudit(trx, {
        at: now,
        userId: user.id,
        action: 'auth.login',
        entity: 'app_user',
        entityId: user.id,
        officeId: user.office_id,
      });
    });
    return { user: toSessionUser(user), token, csrfToken };
  }

  /** The session of a cookie's token, if it is still open; using it keeps it from going idle. */
  async authenticate(token: string): Promise<Session | null> {
    const now = this.clock.now();
    const row = await q.findSessionUser(this.db, hashToken(token), now, this.idleSince(now));
    if (!row) return null;
    if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
      await q.touchSession(this.db, row.session_id, now);
    }
    return { id: row.session_id, user: toSessionUser(row), csrfToken: row.csrf_token };
  }

  async logout(token: string, user: SessionUser): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await q.deleteSession(trx, hashToken(token));
      await recordAudit(trx, {
        at: this.clock.now(),
        userId: user.id,
        action: 'auth.logout',
        entity: 'app_user',
        entityId: user.id,
        officeId: user.office.id,
      });
    });
  }

  /**
   * Changes one's own password, the current one required (a session left open on a shared PC is not enough).
   * Every other session of the user ends: whoever knew the old password is signed out.
   */
  async changePassword(session: Session, currentPassword: string, newPassword: string): Promise<void> {
    const user = await q.findUserById(this.db, session.user.id);
    if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
      throw new AppError('wrong_current_password');
    }
    if (currentPassword === newPassword) {
      throw new AppError('same_password');
    }
    const verdict = judgePassword(
      newPassword,
      { username: user.username, fullName: user.full_name },
      commonPasswords(),
    );
    if (!verdict.ok) throw new AppError('weak_password', { weakness: verdict.weakness });
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await q.setPassword(trx, user.id, passwordHash, false, now);
      const ended = await deleteUserSessions(trx, user.id, session.id);
      await recordAudit(trx, {
        at: now,
        userId: user.id,
        action: 'user.password_changed',
        entity: 'app_user',
        entityId: user.id,
        officeId: user.office_id,
        after: { otherSessionsEnded: ended },
      });
    });
  }

  async listSessions(userId: number) {
    const now = this.clock.now();
    return listSessions(this.db, userId, now, this.idleSince(now));
  }

  /** Ends one of the user's own sessions; another user's session id is as unknown as a missing one. */
  async endOwnSession(user: SessionUser, sessionId: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (!(await q.deleteUserSession(trx, user.id, sessionId))) throw notFound();
      await recordAudit(trx, {
        at: this.clock.now(),
        userId: user.id,
        action: 'auth.session_ended',
        entity: 'app_user',
        entityId: user.id,
        officeId: user.office.id,
        after: { sessionId },
      });
    });
  }
}
