import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/schema.js';
import { scopePath, type OfficeKind, type RoleCode } from '../../domain/organisation.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/queries.js';
import { decoyPasswordHash, verifyPassword } from './password.js';
import * as q from './queries.js';
import type { LoginRateLimiter } from './rate-limit.js';

export const SESSION_TTL_MS = 12 * 3600_000; // one working day, then log in again
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

export interface SessionUser {
  id: number;
  username: string;
  fullName: string;
  role: RoleCode;
  roleName: string;
  office: { id: number; code: string; name: string; kind: OfficeKind; path: string };
  /** Path prefix of the offices this user may see (see domain/organisation scopePath). */
  scope: string;
}

function toSessionUser(row: q.UserWithOffice): SessionUser {
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
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');

export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async login(username: string, password: string, address: string) {
    const now = this.clock.now();
    if (!this.limiter.tryAttempt(address, now.getTime())) {
      throw new AppError(429, 'rate_limited', 'Quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau ít phút.');
    }
    const user = await q.findUserByUsername(this.db, username);
    if (!user || !user.active) {
      await verifyPassword(await decoyPasswordHash(), password);
      await recordAudit(this.db, {
        at: now, userId: null, action: 'auth.login_failed', entity: 'auth', entityId: username, officeId: null,
      });
      throw invalidCredentials();
    }
    const lockedUntil = user.locked_until && user.locked_until > now ? user.locked_until : null;
    if (lockedUntil) throw lockedError(lockedUntil);

    if (!(await verifyPassword(user.password_hash, password))) {
      // A lock that has run out starts the count again.
      const failed = (user.locked_until ? 0 : user.failed_logins) + 1;
      const lockNow = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS) : null;
      await this.db.transaction().execute(async (trx) => {
        await q.setFailedLogins(trx, user.id, failed, lockNow);
        await recordAudit(trx, {
          at: now, userId: user.id, action: lockNow ? 'auth.locked' : 'auth.login_failed', entity: 'app_user',
          entityId: user.id, officeId: user.office_id, after: { failedLogins: failed, lockedUntil: lockNow },
        });
      });
      if (lockNow) throw lockedError(lockNow);
      throw invalidCredentials();
    }

    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.db.transaction().execute(async (trx) => {
      await q.clearFailedLogins(trx, user.id);
      await q.deleteExpiredSessions(trx, now);
      await q.insertSession(trx, {
        tokenHash: hashToken(token), userId: user.id, csrfToken, createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      });
      await recordAudit(trx, {
        at: now, userId: user.id, action: 'auth.login', entity: 'app_user', entityId: user.id, officeId: user.office_id,
      });
    });
    return { user: toSessionUser(user), token, csrfToken };
  }

  async authenticate(token: string): Promise<{ user: SessionUser; csrfToken: string } | null> {
    const row = await q.findSessionUser(this.db, hashToken(token), this.clock.now());
    return row ? { user: toSessionUser(row), csrfToken: row.csrf_token } : null;
  }

  async logout(token: string, user: SessionUser): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await q.deleteSession(trx, hashToken(token));
      await recordAudit(trx, {
        at: this.clock.now(), userId: user.id, action: 'auth.logout', entity: 'app_user', entityId: user.id,
        officeId: user.office.id,
      });
    });
  }
}

function lockedError(until: Date) {
  return new AppError(
    423,
    'account_locked',
    `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần, mở lại lúc ${until.toLocaleTimeString('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      hour: '2-digit',
      minute: '2-digit',
    })}`,
    { lockedUntil: until.toISOString() },
  );
}
