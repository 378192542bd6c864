import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { likeEscape } from '../../db/like.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Employers in scope with what a C12-TS heading names: the employer's identity, the office that manages it, the
 * office above that one, and the province (the place on the date line). Either one employer or those of an office
 * subtree, by code.
 */
export function statementParties(db: Db, scope: string, which: { employerId: number } | { officePath: string; limit: number }) {
  let query = db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .leftJoin('office as parent', 'parent.id', 'o.parent_id')
    .innerJoin('office as p', 'p.id', 'e.province_id')
    .select(['e.id', 'e.code', 'e.name', 'e.tax_code', 'e.address', 'o.name as office_name', 'parent.name as parent_name',
      'p.name as province_name'])
    .where('o.path', 'like', `${likeEscape(scope)}%`);
  if ('employerId' in which) return query.where('e.id', '=', which.employerId).execute();
  query = query.where('o.path', 'like', `${likeEscape(which.officePath)}%`);
  return query.orderBy('e.code').orderBy('e.id').limit(which.limit).execute();
}

export type StatementPartyRow = Awaited<ReturnType<typeof statementParties>>[number];
