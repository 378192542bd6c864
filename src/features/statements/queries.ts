import type { Db } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

/**
 * Employers in scope with what a C12-TS heading names: the employer's identity, the office that manages it, the
 * office above that one, and the province (the place on the date line). Either one employer or those of an office
 * subtree, a page at a time in the order of their codes.
 */
export function statementParties(
  db: Db,
  scope: string,
  which: { employerId: number } | { officePath: string; offset: number; limit: number },
) {
  let query = db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .leftJoin('office as parent', 'parent.id', 'o.parent_id')
    .innerJoin('office as p', 'p.id', 'e.province_id')
    .select([
      'e.id',
      'e.code',
      'e.name',
      'e.tax_code',
      'e.address',
      'o.name as office_name',
      'parent.name as parent_name',
      'p.name as province_name',
    ])
    .where(withinScope('o.path', scope));
  if ('employerId' in which) return query.where('e.id', '=', which.employerId).execute();
  query = query.where(withinScope('o.path', which.officePath));
  return query.orderBy('e.code').orderBy('e.id').offset(which.offset).limit(which.limit).execute();
}

/** How many employers an office subtree holds within the scope: the parts an office's notices come in. */
export async function countEmployersUnder(db: Db, scope: string, officePath: string): Promise<number> {
  const row = await db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(withinScope('o.path', scope))
    .where(withinScope('o.path', officePath))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type StatementPartyRow = Awaited<ReturnType<typeof statementParties>>[number];
