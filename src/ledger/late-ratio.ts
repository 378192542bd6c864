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

/**
 * lateRatioDenominator of several offices (the provinces of the emulation): their receivables from one pass over the
 * year's obligations, summed by office and added up per subtree here, instead of a pass per office.
 */
export async function lateRatioDenominators(
  db: Db,
  rules: RuleSet,
  offices: { id: number; path: string }[],
  year: number,
): Promise<Map<number, number | null>> {
  if (offices.length === 0) return new Map();
  if (rules.lateRatioDenominator === 'plan') {
    const plans = await db
      .selectFrom('collection_plan')
      .select(['office_id', 'amount'])
      .where(
        'office_id',
        'in',
        offices.map((o) => o.id),
      )
      .where('year', '=', year)
      .execute();
    const plan = new Map(plans.map((p) => [p.office_id, p.amount]));
    return new Map(offices.map((o) => [o.id, plan.get(o.id) ?? null]));
  }
  const byOffice = await sql<{ path: string; receivable: number }>`
    SELECT o.path, sum(ob.amount)::bigint AS receivable FROM obligation ob JOIN employer e ON e.id = ob.employer_id
    JOIN office o ON o.id = e.office_id
    WHERE ob.period LIKE ${`${year}-%`} GROUP BY o.path`.execute(db);
  return new Map(
    offices.map((office) => {
      const within = byOffice.rows.filter((r) => r.path.startsWith(office.path));
      return [office.id, within.length === 0 ? null : within.reduce((sum, r) => sum + Number(r.receivable), 0)];
    }),
  );
}
