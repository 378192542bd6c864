import { sql, type RawBuilder } from 'kysely';
import { employerListConditions, stepOrderOf, type EmployerListFilter } from '../../db/employer-list.js';
import type { Db } from '../../db/schema.js';
import { withinOffice, withinScope } from '../../db/scope.js';
import type { LadderStep } from '../../domain/ladder.js';
import type { Day } from '../../domain/ledger.js';
import type { CandidateSort } from './schemas.js';

/** The office whose path is exactly this (the user's own office, found by its scope). */
export function findOfficeAtPath(db: Db, path: string) {
  return db
    .selectFrom('office')
    .select(['id', 'code', 'name', 'kind', 'path'])
    .where('path', '=', path)
    .executeTakeFirst();
}

/** The subtree's snapshot totals for every close from `from` to `to`, in date order. */
export async function snapshotTrend(db: Db, path: string, from: Day, to: Day) {
  const { rows } = await sql<{ as_of: Day; late_employers: number; late_amount: number; employers: number }>`
      SELECT s.as_of, sum(s.late_employers)::int AS late_employers, sum(s.late_amount)::bigint AS late_amount, sum(s.employers)::int AS employers
      FROM arrears_snapshot s JOIN office o ON o.id = s.office_id
      WHERE ${withinScope('o.path', path)} AND s.as_of BETWEEN ${from} AND ${to}
      GROUP BY s.as_of ORDER BY s.as_of`.execute(db);
  return rows;
}

/** The day of the latest snapshot, or null when none was taken. */
export async function latestSnapshotDay(db: Db): Promise<Day | null> {
  return (
    (
      await db
        .selectFrom('arrears_snapshot')
        .select((eb) => eb.fn.max('as_of').as('d'))
        .executeTakeFirst()
    )?.d ?? null
  );
}

/** The subtree's late employers and amount at a close, by band or by ownership, the largest amount first. */
export async function snapshotTotalsBy(db: Db, path: string, asOf: Day, column: 'band' | 'ownership') {
  const { rows } = await sql<{ key: string; late_employers: number; late_amount: number }>`
      SELECT ${sql.raw(`s.${column}`)} AS key, sum(s.late_employers)::int AS late_employers, sum(s.late_amount)::bigint AS late_amount
      FROM arrears_snapshot s JOIN office o ON o.id = s.office_id
      WHERE s.as_of = ${asOf} AND ${withinScope('o.path', path)} GROUP BY 1 ORDER BY 3 DESC`.execute(db);
  return rows;
}

/** Each province or grassroots office just below the office, with its subtree's totals at a close. */
export async function snapshotTotalsOfChildren(db: Db, officeId: number, asOf: Day) {
  const { rows } = await sql<{ id: number; code: string; name: string; late_employers: number; late_amount: number }>`
      SELECT c.id, c.code, c.name, coalesce(sum(s.late_employers), 0)::int AS late_employers, coalesce(sum(s.late_amount), 0)::bigint AS late_amount
      FROM office c JOIN office o ON ${withinOffice('o.path', 'c.path')}
      JOIN arrears_snapshot s ON s.office_id = o.id AND s.as_of = ${asOf}
      WHERE c.parent_id = ${officeId} AND c.kind IN ('province', 'grassroots')
      GROUP BY c.id, c.code, c.name`.execute(db);
  return rows;
}

/** The totals at a close of the employers the office manages itself, with how many snapshot rows they come from. */
export async function snapshotTotalsOwn(db: Db, officeId: number, asOf: Day) {
  const { rows } = await sql<{ rows: number; late_employers: number; late_amount: number }>`
      SELECT count(*)::int AS rows, coalesce(sum(late_employers), 0)::int AS late_employers, coalesce(sum(late_amount), 0)::bigint AS late_amount
      FROM arrears_snapshot WHERE as_of = ${asOf} AND office_id = ${officeId}`.execute(db);
  return rows[0]!;
}

/**
 * Per province of the scope: the employers late `months` or more, those of them surprise-inspected in the year, and
 * the year's sanctions with their fines.
 */
export async function inspectionByProvince(db: Db, scope: string, months: number, year: number) {
  const { rows } = await sql<{
    id: number;
    code: string;
    name: string;
    late3m: number;
    inspected: number;
    sanctions: number;
    fines: number;
  }>`
      SELECT p.id, p.code, p.name,
        count(DISTINCT e.id) FILTER (WHERE ap.overdue_months >= ${months} AND ap.late_amount > 0)::int AS late3m,
        count(DISTINCT e.id) FILTER (WHERE ap.overdue_months >= ${months} AND ap.late_amount > 0 AND EXISTS (
          SELECT 1 FROM enforcement_action a WHERE a.employer_id = e.id AND a.kind = 'surprise_inspection'
            AND a.cancelled_at IS NULL AND a.action_date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}))::int AS inspected,
        (SELECT count(*) FROM enforcement_action a JOIN employer x ON x.id = a.employer_id WHERE x.province_id = p.id
          AND a.kind = 'sanction' AND a.cancelled_at IS NULL AND a.action_date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`})::int AS sanctions,
        (SELECT coalesce(sum(a.fine), 0) FROM enforcement_action a JOIN employer x ON x.id = a.employer_id WHERE x.province_id = p.id
          AND a.kind = 'sanction' AND a.cancelled_at IS NULL AND a.action_date BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`})::bigint AS fines
      FROM office p
      LEFT JOIN employer e ON e.province_id = p.id
      LEFT JOIN arrears_position ap ON ap.employer_id = e.id
      WHERE p.kind = 'province' AND ${withinScope('p.path', scope)}
      GROUP BY p.id, p.code, p.name ORDER BY p.id`.execute(db);
  return rows;
}

const candidateSort = {
  lateAmount: sql`ap.late_amount`,
  overdueMonths: sql`ap.overdue_months`,
  code: sql`e.code`,
  name: sql`e.name`,
  office: sql`o.name`,
  headcount: sql`e.headcount`,
  step: stepOrderOf,
} satisfies Record<CandidateSort, RawBuilder<unknown>>;

/**
 * The employers the filters keep that are late `months` or more and not surprise-inspected since `since`, sorted by a
 * column (ties by code), a page of them, their count and what they owe across all pages.
 */
export async function listInspectionCandidates(
  db: Db,
  filter: EmployerListFilter,
  rule: { months: number; since: Day },
  page: { offset: number; limit: number; sort: CandidateSort; order: 'asc' | 'desc' },
) {
  const base = db
    .selectFrom('arrears_position as ap')
    .innerJoin('employer as e', 'e.id', 'ap.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .leftJoin('ladder_position as lp', 'lp.employer_id', 'e.id')
    .where((eb) => eb.and(employerListConditions(filter)))
    .where('ap.overdue_months', '>=', rule.months)
    .where('ap.late_amount', '>', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('enforcement_action as a')
            .select('a.id')
            .whereRef('a.employer_id', '=', 'e.id')
            .where('a.kind', '=', 'surprise_inspection')
            .where('a.cancelled_at', 'is', null)
            .where('a.action_date', '>=', rule.since),
        ),
      ),
    );
  const [rows, totals] = await Promise.all([
    base
      .select([
        'e.id',
        'e.code',
        'e.name',
        'e.headcount',
        'o.name as office_name',
        'ap.late_amount',
        'ap.overdue_months',
        'ap.band',
        sql<LadderStep>`coalesce(lp.step, 'current')`.as('step'),
      ])
      .orderBy(sql`${candidateSort[page.sort]} ${sql.raw(page.order)}`)
      .orderBy('e.code')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        sql<number>`coalesce(sum(ap.late_amount), 0)::bigint`.as('late_amount'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(totals.total), lateAmount: Number(totals.late_amount) };
}

/** The first and the last snapshot day from `from` to `to` (each undefined or null when there is none). */
export function snapshotDayBetween(db: Db, from: Day, to: Day, which: 'first' | 'last') {
  return db
    .selectFrom('arrears_snapshot')
    .select((eb) => (which === 'first' ? eb.fn.min('as_of') : eb.fn.max('as_of')).as('d'))
    .where('as_of', '>=', from)
    .where('as_of', '<=', to)
    .executeTakeFirst();
}

/** The late amount of each province's employers at a close. */
export async function lateAmountByProvince(db: Db, day: Day) {
  const { rows } = await sql<{ province_id: number; late_amount: number }>`
        SELECT e.province_id, sum(s.late_amount)::bigint AS late_amount FROM arrears_snapshot s
        JOIN (SELECT DISTINCT office_id, province_id FROM employer) e ON e.office_id = s.office_id
        WHERE s.as_of = ${day} GROUP BY e.province_id`.execute(db);
  return rows;
}

/** The campaigns running some day from `from` to `to`, in the order they began. */
export function listCampaignsBetween(db: Db, from: Day, to: Day) {
  return db
    .selectFrom('campaign')
    .select(['id', 'first_day', 'last_day', 'first_day_deadline', 'daily_deadline', 'target_late_ratio'])
    .where('first_day', '<=', to)
    .where('last_day', '>=', from)
    .orderBy('first_day')
    .execute();
}

/** When each report of these campaigns was first submitted (its version 1). */
export function listFirstSubmissions(db: Db, campaignIds: number[]) {
  return db
    .selectFrom('campaign_report')
    .select(['campaign_id', 'office_id', 'report_day', 'submitted_at'])
    .where('campaign_id', 'in', campaignIds)
    .where('version', '=', 1)
    .execute();
}

/** Every province's id and path. */
export function listProvincePaths(db: Db) {
  return db.selectFrom('office').select(['id', 'path']).where('kind', '=', 'province').execute();
}

/** The employers surprise-inspected in the year, each with its province and the day of its first inspection. */
export function listFirstInspections(db: Db, year: number) {
  return db
    .selectFrom('enforcement_action as a')
    .innerJoin('employer as e', 'e.id', 'a.employer_id')
    .select(['a.employer_id', 'e.province_id', (eb) => eb.fn.min('a.action_date').as('inspected_on')])
    .where('a.kind', '=', 'surprise_inspection')
    .where('a.cancelled_at', 'is', null)
    .where('a.action_date', '>=', `${year}-01-01`)
    .where('a.action_date', '<=', `${year}-12-31`)
    .groupBy(['a.employer_id', 'e.province_id'])
    .execute();
}

/** The stored positions of the subtree's employers, joined to the employer and its office. */
function positionsUnder(db: Db, path: string) {
  return db
    .selectFrom('arrears_position as ap')
    .innerJoin('employer as e', 'e.id', 'ap.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .where(withinScope('o.path', path));
}

/** The subtree's employers, those late and their amount, and those late `months` or more and theirs. */
export function positionTotals(db: Db, path: string, months: number) {
  return positionsUnder(db, path)
    .select((eb) => [
      eb.fn.countAll<number>().as('employers'),
      sql<number>`count(*) FILTER (WHERE ap.late_amount > 0)`.as('late_employers'),
      sql<number>`coalesce(sum(ap.late_amount), 0)`.as('late_amount'),
      sql<number>`count(*) FILTER (WHERE ap.late_amount > 0 AND ap.overdue_months >= ${months})`.as('late3m_employers'),
      sql<number>`coalesce(sum(ap.late_amount) FILTER (WHERE ap.overdue_months >= ${months}), 0)`.as('late3m_amount'),
    ])
    .executeTakeFirstOrThrow();
}

/** The subtree's employers, those late and their amount, by the office that manages them. */
export function positionTotalsByOffice(db: Db, path: string) {
  return positionsUnder(db, path)
    .select((eb) => [
      'o.id',
      'o.name',
      eb.fn.countAll<number>().as('employers'),
      sql<number>`count(*) FILTER (WHERE ap.late_amount > 0)`.as('late_employers'),
      sql<number>`coalesce(sum(ap.late_amount), 0)`.as('late_amount'),
    ])
    .groupBy(['o.id', 'o.name'])
    .orderBy('o.id')
    .execute();
}

/** The subtree's late employers and amount by ownership, the largest amount first. */
export function positionTotalsByOwnership(db: Db, path: string) {
  return positionsUnder(db, path)
    .select([
      'e.ownership',
      sql<number>`count(*) FILTER (WHERE ap.late_amount > 0)`.as('late_employers'),
      sql<number>`coalesce(sum(ap.late_amount), 0)`.as('late_amount'),
    ])
    .groupBy('e.ownership')
    .orderBy('late_amount', 'desc')
    .execute();
}

/** The subtree's `limit` largest late employers. */
export function listLargestLate(db: Db, path: string, limit: number) {
  return positionsUnder(db, path)
    .select(['e.name', 'e.tax_code', 'ap.overdue_months', 'ap.late_amount'])
    .where('ap.late_amount', '>', 0)
    .orderBy('ap.late_amount', 'desc')
    .orderBy('e.code')
    .limit(limit)
    .execute();
}

/** The day of the latest stored positions (the latest close). */
export function latestPositionDay(db: Db) {
  return db
    .selectFrom('arrears_position')
    .select((eb) => eb.fn.max('as_of').as('d'))
    .executeTakeFirst();
}

/** The office's name; throws when there is none. */
export function findOfficeName(db: Db, id: number) {
  return db.selectFrom('office').select('name').where('id', '=', id).executeTakeFirstOrThrow();
}
