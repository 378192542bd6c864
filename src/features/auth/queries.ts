import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';

const userColumns = [
  'u.id',
  'u.username',
  'u.full_name',
  'u.password_hash',
  'u.role',
  'u.active',
  'u.must_change_password',
  'r.name_vi as role_name',
  'o.id as office_id',
  'o.code as office_code',
  'o.name as office_name',
  'o.kind as office_kind',
  'o.path as office_path',
] as const;

function usersWithOffice(db: Db) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('role as r', 'r.code', 'u.role')
    .innerJoin('office as o', 'o.id', 'u.office_id')
    .select(userColumns);
}

export function findUserByUsername(db: Db, username: string) {
  return usersWithOffice(db).where('u.username', '=', username).executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return usersWithOffice(db).where('u.id', '=', id).executeTakeFirst();
}

export type UserWithOffice = NonNullable<Awaited<ReturnType<typeof findUserByUsername>>>;

/** The session's user, if the session has neither reached its end nor been idle since `idleSince`. */
export function findSessionUser(db: Db, tokenHash: string, now: Date, idleSince: Date) {
  return usersWithOffice(db)
    .innerJoin('user_session as s', 's.user_id', 'u.id')
    .select(['s.id as session_id', 's.csrf_token', 's.last_seen_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', idleSince)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: number, now: Date) {
  await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function insertSession(
  db: Db,
  session: {
    tokenHash: string;
    userId: number;
    csrfToken: string;
    createdAt: Date;
    expiresAt: Date;
    address: string;
    userAgent: string;
  },
) {
  await db
    .insertInto('user_session')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: session.createdAt,
      address: session.address,
      user_agent: session.userAgent,
    })
    .execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  return db.deleteFrom('user_session').where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();
}

export async function deleteExpiredSessions(db: Db, now: Date, idleSince: Date) {
  await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .execute();
}

/** Ends one session of the user (none when the id is another user's); returns whether one ended. */
export async function deleteUserSession(db: Db, userId: number, sessionId: number) {
  const rows = await db
    .deleteFrom('user_session')
    .where('user_id', '=', userId)
    .where('id', '=', sessionId)
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function setPassword(db: Db, userId: number, passwordHash: string, mustChange: boolean, at: Date) {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: at })
    .where('id', '=', userId)
    .execute();
}

/** The latest moment any of the keys lets an attempt through, or null when none is waiting. */
export async function throttledUntil(db: Db, keys: string[], now: Date): Promise<Date | null> {
  const row = await db
    .selectFrom('login_throttle')
    .select((eb) => eb.fn.max('blocked_until').as('until'))
    .where('key', 'in', keys)
    .where('blocked_until', '>', now)
    .executeTakeFirst();
  return row?.until ? new Date(row.until) : null;
}

/** Counts one more failure on the key (starting again after `forgetBefore`); returns the count. */
export async function addThrottleFailure(db: Db, key: string, now: Date, forgetBefore: Date): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, last_failure_at: now, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`CASE WHEN login_throttle.last_failure_at < ${forgetBefore} THEN 1 ELSE login_throttle.failures + 1 END`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function blockThrottleKey(db: Db, key: string, until: Date) {
  await db
    .updateTable('login_throttle')
    .set({ blocked_until: sql<Date>`GREATEST(COALESCE(blocked_until, ${until}), ${until})` })
    .where('key', '=', key)
    .execute();
}

export async function clearThrottleKeys(db: Db, keys: string[]) {
  await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}
