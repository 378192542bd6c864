import { sql, type RawBuilder } from 'kysely';
import {
  employerListConditions,
  lateAmountOf,
  overdueMonthsOf,
  stepOrder,
  type EmployerListFilter,
} from '../../db/employer-list.js';
import type { Db, NewEmployer } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';
import type { LadderStep } from '../../domain/ladder.js';
import type { EmployerStatus, Ownership } from '../../domain/ledger.js';
import type { EmployerSort } from './schemas.js';

export type { EmployerSort };

export interface EmployerFilter extends EmployerListFilter {
  status?: EmployerStatus | undefined;
  ownership?: Ownership | undefined;
}

function employersInScope(db: Db, scope: string) {
  return db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .where(withinScope('o.path', scope));
}

const summaryColumns = [
  'e.id',
  'e.code',
  'e.tax_code',
  'e.name',
  'e.address',
  'e.ownership',
  'e.headcount',
  'e.status',
  'e.payment_cycle',
  'e.created_at',
  'e.updated_at',
  'o.id as office_id',
  'o.code as office_code',
  'o.name as office_name',
  'p.id as province_id',
  'p.code as province_code',
  'p.name as province_name',
] as const;

/** The sort columns, as the list's rows name them (listEmployers sorts the rows of a subquery). */
const sortColumn = {
  code: sql`x.code`,
  name: sql`x.name`,
  taxCode: sql`x.tax_code`,
  office: sql`x.office_name`,
  ownership: sql`x.ownership`,
  headcount: sql`x.headcount`,
  status: sql`x.status`,
  paymentCycle: sql`x.payment_cycle`,
  lateAmount: sql`x.late_amount`,
  overdueMonths: sql`x.overdue_months`,
  step: stepOrder(sql`x.step`),
} satisfies Record<EmployerSort, RawBuilder<unknown>>;

/**
 * The employers of an office subtree the filters keep, with their stored arrears and ladder positions, sorted by a
 * column (ties by id, the same way), a page of them with how many the filters keep in all, counted in the same
 * statement: a search reads every employer of the scope, and a separate count read them all a second time. A page
 * past the end has no row to carry the count, so only then is it counted apart.
 *
 * The rows are counted in a subquery and sorted outside it: with the sort and the limit beside the count, PostgreSQL
 * took the limit for an early stop and walked the whole country's employers in the order of an index (the code's)
 * to sort none, where the subquery lets it read only the scope's, by their offices, and sort those.
 */
export async function listEmployers(
  db: Db,
  filter: EmployerFilter,
  page: { offset: number; limit: number; sort: EmployerSort; order: 'asc' | 'desc' },
) {
  const base = filteredEmployers(db, filter);
  const rows = await db
    .selectFrom(listColumns(base).select(sql<string>`count(*) OVER ()`.as('total')).as('x'))
    .selectAll()
    .orderBy(sql`${sortColumn[page.sort]} ${sql.raw(page.order)}`)
    .orderBy('x.id', page.order)
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  if (rows.length === 0 && page.offset > 0) {
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    return { rows: [], total: Number(count.total) };
  }
  const total = Number(rows[0]?.total ?? 0);
  return { rows: rows.map(({ total: _total, ...row }) => row), total };
}

/**
 * Every employer the filters keep, in the list's order, with the folded text a search looks words up in (the
 * condition employerListConditions puts on `search_text`): at most `limit` of them. The order is PostgreSQL's, its
 * collation's, which a sort of the rows elsewhere would not reproduce.
 */
export function sortedEmployers(
  db: Db,
  filter: EmployerFilter,
  sort: { sort: EmployerSort; order: 'asc' | 'desc' },
  limit: number,
) {
  return db
    .selectFrom(listColumns(filteredEmployers(db, filter)).select('e.search_text').as('x'))
    .selectAll()
    .orderBy(sql`${sortColumn[sort.sort]} ${sql.raw(sort.order)}`)
    .orderBy('x.id', sort.order)
    .limit(limit)
    .execute();
}

export type EmployerListRow = Awaited<ReturnType<typeof sortedEmployers>>[number];

function filteredEmployers(db: Db, filter: EmployerFilter) {
  let base = db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .leftJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
    .leftJoin('ladder_position as lp', 'lp.employer_id', 'e.id')
    .where((eb) => eb.and(employerListConditions(filter)));
  if (filter.status) base = base.where('e.status', '=', filter.status);
  if (filter.ownership) base = base.where('e.ownership', '=', filter.ownership);
  return base;
}

function listColumns(base: ReturnType<typeof filteredEmployers>) {
  return base
    .innerJoin('office as p', 'p.id', 'e.province_id')
    .select(summaryColumns)
    .select([
      lateAmountOf.as('late_amount'),
      overdueMonthsOf.as('overdue_months'),
      sql<string>`coalesce(ap.band, 'none')`.as('band'),
      sql<LadderStep>`coalesce(lp.step, 'current')`.as('step'),
    ]);
}

export function findEmployer(db: Db, scope: string, id: number) {
  return employersInScope(db, scope)
    .innerJoin('office as p', 'p.id', 'e.province_id')
    .select(summaryColumns)
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export type EmployerSummaryRow = NonNullable<Awaited<ReturnType<typeof findEmployer>>>;

export function listObligations(db: Db, employerId: number) {
  return db
    .selectFrom('obligation')
    .select(['period', 'fund', 'amount'])
    .where('employer_id', '=', employerId)
    .orderBy('period', 'desc')
    .execute();
}

export function listPayments(db: Db, employerId: number) {
  return db
    .selectFrom('payment')
    .select(['id', 'paid_on', 'amount', 'reference'])
    .where('employer_id', '=', employerId)
    .orderBy('paid_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function listCurrentAssignments(db: Db, employerId: number) {
  return db
    .selectFrom('assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.responsibility', 'a.assigned_from', 'u.id as user_id', 'u.full_name', 'u.username'])
    .where('a.employer_id', '=', employerId)
    .where('a.assigned_to', 'is', null)
    .orderBy('a.responsibility')
    .orderBy('u.full_name')
    .execute();
}

export function employerCodeTaken(db: Db, code: string) {
  return db.selectFrom('employer').select('id').where('code', '=', code).executeTakeFirst();
}

/**
 * The active employer other than `exceptId` holding this tax code, with whether it is in `scope`: the one the
 * partial unique index employer_active_tax_code_key would refuse a second of.
 */
export function activeEmployerWithTaxCode(db: Db, taxCode: string, exceptId: number | null, scope: string) {
  let query = db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select(['e.code', 'e.name', withinScope('o.path', scope).as('in_scope')])
    .where('e.tax_code', '=', taxCode)
    .where('e.status', '=', 'active');
  if (exceptId !== null) query = query.where('e.id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function insertEmployer(db: Db, employer: NewEmployer) {
  const { id } = await db.insertInto('employer').values(employer).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateEmployer(db: Db, id: number, changes: Partial<NewEmployer>, at: Date) {
  await db
    .updateTable('employer')
    .set({ ...changes, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Lets the next close recompute the employer's position, as it does one whose day of change has come. */
export async function forgetPositionChangeDay(db: Db, employerId: number) {
  await db.updateTable('arrears_position').set({ changes_on: null }).where('employer_id', '=', employerId).execute();
}

export function findAssignment(db: Db, employerId: number, assignmentId: number) {
  return db
    .selectFrom('assignment')
    .selectAll()
    .where('id', '=', assignmentId)
    .where('employer_id', '=', employerId)
    .executeTakeFirst();
}

export async function insertAssignment(
  db: Db,
  a: { employerId: number; userId: number; responsibility: 'leader' | 'official'; from: string },
) {
  const row = await db
    .insertInto('assignment')
    .values({ employer_id: a.employerId, user_id: a.userId, responsibility: a.responsibility, assigned_from: a.from })
    .onConflict((oc) =>
      oc.columns(['employer_id', 'user_id', 'responsibility']).where('assigned_to', 'is', null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  return row;
}

export async function endAssignment(db: Db, id: number, to: string) {
  return db
    .updateTable('assignment')
    .set({ assigned_to: to })
    .where('id', '=', id)
    .where('assigned_to', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
