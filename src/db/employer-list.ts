import { sql, type RawBuilder } from 'kysely';
import { LADDER_STEPS, type LadderStep } from '../domain/ladder.js';
import { likeEscape } from './like.js';
import { withinScope } from './scope.js';

/**
 * The filters every list of employers offers (employers, late employers, inspection candidates), as conditions on a
 * query that names the employer `e`, its office `o`, its stored arrears position `ap` and its ladder position `lp`
 * (either may be left-joined: an employer without one is not late and on no step).
 */
export interface EmployerListFilter {
  /** Path of the office subtree, already checked to lie in the user's scope. */
  officePath: string;
  /** Folded words (domain/text foldForSearch), each to be found in the code, the tax code or the name. */
  words?: readonly string[] | undefined;
  band?: string | undefined;
  step?: LadderStep | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
  /** An official of the scope: only the employers assigned to them now. */
  officialId?: number | undefined;
}

/** An employer's band as the lists filter and count by it: one without a position is not late. */
export const bandOf = sql<string>`coalesce(ap.band, 'none')`;
/** An employer's step on the ladder: one without a ladder position is current. */
export const stepOf = sql<LadderStep>`coalesce(lp.step, 'current')`;

export const lateAmountOf = sql<number>`coalesce(ap.late_amount, 0)`;
export const overdueMonthsOf = sql<number>`coalesce(ap.overdue_months, 0)`;
/** The ladder's order of its steps (not the alphabet's): late before urged before invited … */
export const stepOrderOf = sql<number>`array_position(${sql.raw(
  `ARRAY[${LADDER_STEPS.map((s) => `'${s}'`).join(', ')}]::text[]`,
)}, ${stepOf})`;

export function employerListConditions(f: EmployerListFilter): RawBuilder<boolean>[] {
  const conditions = [withinScope('o.path', f.officePath)];
  for (const word of f.words ?? []) {
    conditions.push(sql<boolean>`e.search_text LIKE ${`%${likeEscape(word)}%`}`);
  }
  if (f.band !== undefined) conditions.push(sql<boolean>`${bandOf} = ${f.band}`);
  if (f.step !== undefined) conditions.push(sql<boolean>`${stepOf} = ${f.step}`);
  if (f.minAmount !== undefined) conditions.push(sql<boolean>`${lateAmountOf} >= ${f.minAmount}`);
  if (f.maxAmount !== undefined) conditions.push(sql<boolean>`${lateAmountOf} <= ${f.maxAmount}`);
  if (f.officialId !== undefined) {
    conditions.push(
      sql<boolean>`EXISTS (SELECT 1 FROM assignment x WHERE x.employer_id = e.id AND x.user_id = ${f.officialId}
        AND x.assigned_to IS NULL)`,
    );
  }
  return conditions;
}
