import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { withinScope } from '../db/scope.js';
import type { RuleSet } from '../domain/rules.js';

/**
 * Mẫu số của tỷ lệ chậm đóng for an office's subtree and a year, as the rule set says: the amount receivable (Σ the
 * obligations of the year's periods) or the collection plan assigned to the office. Null when there is none.
 */
export async function lateRatioDenominator(
  db: Db,
  rules: RuleSet,
  office: { id: number; path: string },
  year: number,
): Promise<number | null> {
  if (rules.lateRatioDenominator === 'plan') {
    const plan = await db
      .selectFrom('collection_plan')
      .select('amount')
      .where('office_id', '=', office.id)
      .where('year', '=', year)
      .executeTakeFirst();
    return plan?.amount ?? null;
  }
  const row = await sql<{ receivable: number | null }>`
    SELECT sum(ob.amount)::bigint AS receivable FROM obligation ob JOIN employer e ON e.id = ob.employer_id
    JOIN office o ON o.id = e.office_id
    WHERE ${withinScope('o.path', office.path)} AND ob.period LIKE ${`${year}-%`}`.execute(db);
  return row.rows[0]?.receivable ?? null;
}
