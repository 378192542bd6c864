import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

const userColumns = [
  'u.id',
  'u.username',
  'u.full_name',
  'u.password_hash',
  'u.role',
  'u.active',
  'u.failed_logins',
  'u.locked_until',
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

export type UserWithOffice = NonNullable<Awaited<ReturnType<typeof findUserByUsername>>>;

export function findSessionUser(db: Db, tokenHash: string, now: Date) {
  return usersWithOffice(db)
    .innerJoin('user_session as s', 's.user_id', 'u.id')
    .select(['s.csrf_token', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export async function setFailedLogins(db: Db, userId: number, failedLogins: number, lockedUntil: Date | null) {
  await db
    .updateTable('app_user')
    .set({ failed_logins: failedLogins, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
}

export async function clearFailedLogins(db: Db, userId: number) {
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: number; csrfToken: string; createdAt: Date; expiresAt: Date },
) {
  await db
    .insertInto('user_session')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  return db.deleteFrom('user_session').where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();
}

export async function deleteExpiredSessions(db: Db, now: Date) {
  await db.deleteFrom('user_session').where('expires_at', '<=', now).execute();
}
