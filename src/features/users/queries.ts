import type { Db } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';
import { roleFitsOffice, type RoleCode } from '../../domain/organisation.js';

export async function insertUser(
  db: Db,
  user: {
    username: string;
    fullName: string;
    passwordHash: string;
    role: RoleCode;
    officeId: number;
    email?: string | null;
    /** Set when the password is a one-time one that its owner has not chosen. */
    mustChangePassword?: boolean;
  },
) {
  const office = await db.selectFrom('office').select('kind').where('id', '=', user.officeId).executeTakeFirstOrThrow();
  if (!roleFitsOffice(user.role, office.kind)) {
    throw new Error(`Role ${user.role} does not belong in an office of kind ${office.kind}`);
  }
  const { id } = await db
    .insertInto('app_user')
    .values({
      username: user.username,
      full_name: user.fullName,
      password_hash: user.passwordHash,
      role: user.role,
      office_id: user.officeId,
      email: user.email ?? null,
      must_change_password: user.mustChangePassword ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const managedColumns = [
  'u.id',
  'u.username',
  'u.full_name',
  'u.email',
  'u.role',
  'r.name_vi as role_name',
  'u.active',
  'u.must_change_password',
  'u.created_at',
  'o.id as office_id',
  'o.code as office_code',
  'o.name as office_name',
  'o.kind as office_kind',
  'o.path as office_path',
] as const;

function usersInScope(db: Db, scope: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('office as o', 'o.id', 'u.office_id')
    .innerJoin('role as r', 'r.code', 'u.role')
    .select(managedColumns)
    .where(withinScope('o.path', scope));
}

export function listUsersInScope(db: Db, scope: string) {
  return usersInScope(db, scope).orderBy('o.path').orderBy('u.username').execute();
}

/** The user if their office lies in the scope, else undefined: callers answer 404 either way. */
export function findUserInScope(db: Db, scope: string, id: number) {
  return usersInScope(db, scope).where('u.id', '=', id).executeTakeFirst();
}

export type ManagedUser = NonNullable<Awaited<ReturnType<typeof findUserInScope>>>;

export async function usernameTaken(db: Db, username: string) {
  return !!(await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst());
}

export function existingUsers(db: Db, usernames: string[]) {
  if (usernames.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('app_user as u')
    .innerJoin('office as o', 'o.id', 'u.office_id')
    .select(['u.username', 'u.full_name', 'u.role', 'u.email', 'o.code as office_code'])
    .where('u.username', 'in', usernames)
    .execute();
}

export function officesByCode(db: Db, scope: string, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('office')
    .select(['id', 'code', 'kind', 'path'])
    .where('code', 'in', codes)
    .where(withinScope('path', scope))
    .execute();
}

export async function updateUser(
  db: Db,
  id: number,
  fields: { full_name?: string; email?: string | null; role?: RoleCode; office_id?: number; active?: boolean },
) {
  await db.updateTable('app_user').set(fields).where('id', '=', id).execute();
}

/** A password the user must change at the next login. */
export async function setOneTimePassword(db: Db, id: number, passwordHash: string, at: Date) {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: true, password_changed_at: at })
    .where('id', '=', id)
    .execute();
}

/** Of these usernames, those that have an account, in the order the accounts were made. */
export function listUsernamesPresent(db: Db, usernames: readonly string[]) {
  return db.selectFrom('app_user').select('username').where('username', 'in', usernames).orderBy('id').execute();
}
