import { sql, type RawBuilder } from 'kysely';
import { likeEscape } from './like.js';
import type { Db } from './schema.js';

/**
 * Office scope. An office's path lists its ancestors ('/1/12/1203/'), so the offices a user may see are those whose
 * path starts with the path of the user's office: the one rule every query of a scoped answer goes through.
 */

/** The LIKE pattern of the offices within `path`: the path itself, escaped, then anything. */
export const scopePattern = (path: string) => `${likeEscape(path)}%`;

/** The office path in `column` lies within the scope `path`: for `.where(…)` and inside `sql` templates alike. */
export const withinScope = (column: string, path: string): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} LIKE ${scopePattern(path)}`;

/**
 * The office id in `column` (an employer's office) is of an office within the scope `path`: withinScope on the offices'
 * paths, put so that PostgreSQL reads the scope's offices first and then their employers by office, rather than every
 * employer of the country to keep those of the scope.
 */
export const officeIdWithinScope = (column: string, path: string): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} IN (SELECT scoped.id FROM office scoped WHERE ${withinScope('scoped.path', path)})`;

/** The office path in `column` lies within the office whose path is in `outer` (a join of an office to its subtree). */
export const withinOffice = (column: string, outer: string): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} LIKE ${sql.ref(outer)} || '%'`;

/** The employer, with its office, when it lies in the scope: the check before any write about one employer. */
export function findEmployerInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['e.id', 'e.office_id'])
    .where('e.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

/** The office if it lies in the scope, else undefined: callers answer 404 either way. */
export function findOfficeInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('office')
    .select(['id', 'code', 'name', 'kind', 'parent_id', 'path'])
    .where('id', '=', id)
    .where(withinScope('path', scope))
    .executeTakeFirst();
}

/** Officials who may follow an employer: active users of a provincial or grassroots office in the scope. */
export function findAssignableUser(db: Db, scope: string, userId: number) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('office as o', 'o.id', 'u.office_id')
    .select(['u.id', 'u.full_name', 'u.username', 'u.role'])
    .where('u.id', '=', userId)
    .where('u.active', '=', true)
    .where(withinScope('o.path', scope))
    .where('o.kind', 'in', ['province', 'grassroots'])
    .executeTakeFirst();
}
