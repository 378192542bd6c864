import { sql, type Kysely, type RawBuilder } from 'kysely';
import { employerListConditions, stepOrderOf, type EmployerListFilter } from '../../db/employer-list.js';
import { withinOffice } from '../../db/scope.js';
import type { LadderStep } from '../../domain/ladder.js';
import type { Database } from '../../db/schema.js';
import type { EmployerStatus, Ownership } from '../../domain/ledger.js';
import { receivableWithin, receivablesByOffice } from '../../ledger/late-ratio.js';
import type { LateSort } from './schemas.js';

export type { LateSort };

const sortColumn = {
  lateAmount: sql`ap.late_amount`,
  overdueMonths: sql`ap.overdue_months`,
  charge: sql`ap.charge`,
  code: sql`e.code`,
  name: sql`e.name`,
  taxCode: sql`e.tax_code`,
  office: sql`o.name`,
  ownership: sql`e.ownership`,
  status: sql`e.status`,
  oldestUnpaid: sql`ap.oldest_unpaid_period`,
  step: stepOrderOf,
} satisfies Record<LateSort, RawBuilder<unknown>>;

export interface LateFilter extends EmployerListFilter {
  ownership?: Ownership | undefined;
  status?: EmployerStatus | undefined;
}

/** Late employers (late amount > 0 in the stored positions) of an office subtree that the filters keep, paged. */
export async function listLateEmployers(
  db: Kysely<Database>,
  f: LateFilter,
  page: { offset: number; limit: number; sort: LateSort; order: 'asc' | 'desc' },
) {
  let base = db
    .selectFrom('arrears_position as ap')
    .innerJoin('employer as e', 'e.id', 'ap.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .leftJoin('ladder_position as lp', 'lp.employer_id', 'e.id')
    .where((eb) => eb.and(employerListConditions(f)))
    .where('ap.late_amount', '>', 0);
  if (f.ownership) base = base.where('e.ownership', '=', f.ownership);
  if (f.status) base = base.where('e.status', '=', f.status);
  const [rows, totals] = await Promise.all([
    base
      .select([
        'e.id',
        'e.code',
        'e.tax_code',
        'e.name',
        'e.ownership',
        'e.status',
        'e.headcount',
        'o.name as office_name',
        'ap.as_of',
        'ap.late_amount',
        'ap.overdue_months',
        'ap.band',
        'ap.oldest_unpaid_period',
        'ap.months_equivalent',
        'ap.charge',
        'ap.charge_accrued',
        'ap.charge_paid',
        'ap.days_late',
        sql<LadderStep>`coalesce(lp.step, 'current')`.as('step'),
      ])
      .orderBy(sql`${sortColumn[page.sort]} ${sql.raw(page.order)} NULLS LAST`)
      .orderBy('e.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base
      .select((eb) => [
        eb.fn.countAll<number>().as('employers'),
        sql<number>`coalesce(sum(ap.late_amount), 0)::bigint`.as('late_amount'),
        sql<number>`coalesce(sum(ap.charge), 0)::bigint`.as('charge'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows,
    totals: { employers: Number(totals.employers), lateAmount: totals.late_amount, charge: totals.charge },
  };
}

/**
 * Per child office of `parent` (and the parent itself for the employers it manages directly): employers, late employers, late amount,
 * charge, the amount receivable for `year` (Σ obligations of its periods), the default late-ratio denominator, and
 * the collection plan assigned to the office for `year`, the other (none for the row of directly managed employers).
 */
export async function officeSummary(db: Kysely<Database>, parent: { id: number; path: string }, year: number) {
  const result = await sql<{
    office_id: number;
    code: string;
    name: string;
    kind: string;
    employers: number;
    late_employers: number;
    late_amount: number;
    charge: number;
    path: string;
    direct: boolean;
    plan: number | null;
  }>`
    WITH units AS (
      -- the child offices with their whole subtree, and the office itself for the employers it manages directly
      SELECT o.id, o.code, o.name, o.kind, o.path, false AS direct FROM office o
      WHERE o.parent_id = ${parent.id} AND o.kind IN ('province', 'grassroots')
      UNION ALL
      SELECT o.id, o.code, o.name, o.kind, o.path, true FROM office o WHERE o.id = ${parent.id}
    ),
    unit_employers AS (
      SELECT u.id AS unit_id, e.id AS employer_id
      FROM units u JOIN office o ON (u.direct AND o.id = u.id) OR (NOT u.direct AND ${withinOffice('o.path', 'u.path')})
      JOIN employer e ON e.office_id = o.id
    )
    SELECT u.id AS office_id, u.code, u.name, u.kind,
      count(ue.employer_id)::int AS employers,
      count(*) FILTER (WHERE ap.late_amount > 0)::int AS late_employers,
      coalesce(sum(ap.late_amount), 0)::bigint AS late_amount,
      coalesce(sum(ap.charge), 0)::bigint AS charge,
      u.path, u.direct,
      max(cp.amount) AS plan
    FROM units u
    LEFT JOIN unit_employers ue ON ue.unit_id = u.id
    LEFT JOIN arrears_position ap ON ap.employer_id = ue.employer_id
    LEFT JOIN collection_plan cp ON cp.office_id = u.id AND cp.year = ${year} AND NOT u.direct
    GROUP BY u.id, u.code, u.name, u.kind, u.path, u.direct
    HAVING NOT u.direct OR count(ue.employer_id) > 0
    ORDER BY u.direct DESC, u.id`.execute(db);
  // The receivables from the sums the ledger keeps while the books do not change, rather than a pass over the year's
  // obligations on every request.
  const byPath = await receivablesByOffice(db, parent.path, year);
  return result.rows.map(({ path, direct, ...row }) => ({
    ...row,
    receivable: (direct ? byPath.get(path) : receivableWithin(byPath, path)) ?? 0,
  }));
}
