import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  bandOf,
  employerListConditions,
  stepOf,
  stepOrderOf,
  type EmployerListFilter,
} from '../../db/employer-list.js';
import { withinOffice } from '../../db/scope.js';
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

/**
 * Late employers (late amount > 0 in the stored positions) of an office subtree that the filters keep, paged; their
 * totals; and per band, those the filters other than the band keep (the list's cards, each a click to its band).
 */
export async function listLateEmployers(
  db: Kysely<Database>,
  f: LateFilter,
  page: { offset: number; limit: number; sort: LateSort; order: 'asc' | 'desc' },
) {
  const late = (filter: LateFilter) => {
    let base = db
      .selectFrom('arrears_position as ap')
      .innerJoin('employer as e', 'e.id', 'ap.employer_id')
      .innerJoin('office as o', 'o.id', 'e.office_id')
      .leftJoin('ladder_position as lp', 'lp.employer_id', 'e.id')
      .where((eb) => eb.and(employerListConditions(filter)))
      .where('ap.late_amount', '>', 0);
    if (filter.ownership) base = base.where('e.ownership', '=', filter.ownership);
    if (filter.status) base = base.where('e.status', '=', filter.status);
    return base;
  };
  const [rows, groups] = await Promise.all([
    late(f)
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
        stepOf.as('step'),
      ])
      .orderBy(sql`${sortColumn[page.sort]} ${sql.raw(page.order)} NULLS LAST`)
      .orderBy('e.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    // One pass gives both the cards and the totals: the totals are those of the band asked for, or of all.
    late({ ...f, band: undefined })
      .select([
        bandOf.as('band'),
        sql<number>`count(*)::int`.as('employers'),
        sql<number>`sum(ap.late_amount)::bigint`.as('late_amount'),
        sql<number>`sum(ap.charge)::bigint`.as('charge'),
      ])
      .groupBy(bandOf)
      .orderBy(sql`min(ap.overdue_months)`)
      .execute(),
  ]);
  const bands = groups.map((g) => ({
    band: g.band,
    employers: Number(g.employers),
    lateAmount: Number(g.late_amount),
    charge: Number(g.charge),
  }));
  const kept = bands.filter((b) => f.band === undefined || b.band === f.band);
  const sum = (of: (b: (typeof bands)[number]) => number) => kept.reduce((s, b) => s + of(b), 0);
  return {
    rows,
    totals: { employers: sum((b) => b.employers), lateAmount: sum((b) => b.lateAmount), charge: sum((b) => b.charge) },
    bands: bands.map(({ charge: _charge, ...b }) => b),
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
