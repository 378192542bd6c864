import { sql } from 'kysely';
import type { Db, NewEmployer } from '../../db/schema.js';
import { likeEscape } from '../../db/like.js';
import { withinScope } from '../../db/scope.js';
import type { EmployerStatus, Ownership } from '../../domain/ledger.js';
import type { EmployerSort } from './schemas.js';

export type { EmployerSort };

export interface EmployerFilter {
  scope: string;
  /** Folded search text (see domain/text foldForSearch). */
  search?: string | undefined;
  /** Path of an office in scope: employers of that office and the offices below it. */
  officePath?: string | undefined;
  status?: EmployerStatus | undefined;
  ownership?: Ownership | undefined;
}

function employersInScope(db: Db, filter: EmployerFilter) {
  let query = db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .where(withinScope('o.path', filter.officePath ?? filter.scope));
  if (filter.search) query = query.where('e.search_text', 'like', `%${likeEscape(filter.search)}%`);
  if (filter.status) query = query.where('e.status', '=', filter.status);
  if (filter.ownership) query = query.where('e.ownership', '=', filter.ownership);
  return query;
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

const sortColumn = {
  code: 'e.code',
  name: 'e.name',
  taxCode: 'e.tax_code',
  headcount: 'e.headcount',
  status: 'e.status',
  office: 'o.name',
} as const satisfies Record<EmployerSort, string>;

/**
 * A page of the employers the filter keeps, with how many it keeps in all, counted in the same statement: a search
 * reads every employer of the scope, and a separate count read them all a second time. A page past the end has no
 * row to carry the count, so only then is it counted apart.
 */
export async function listEmployers(
  db: Db,
  filter: EmployerFilter,
  page: { offset: number; limit: number; sort: EmployerSort; order: 'asc' | 'desc' },
) {
  const base = employersInScope(db, filter);
  const counted = await base
    .innerJoin('office as p', 'p.id', 'e.province_id')
    .select(summaryColumns)
    .select(sql<string>`count(*) OVER ()`.as('total'))
    .orderBy(sortColumn[page.sort], page.order)
    .orderBy('e.id', page.order)
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  if (counted.length === 0 && page.offset > 0) {
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    return { rows: [], total: Number(count.total) };
  }
  const total = Number(counted[0]?.total ?? 0);
  return { rows: counted.map(({ total: _total, ...row }) => row), total };
}

export function findEmployer(db: Db, scope: string, id: number) {
  return employersInScope(db, { scope })
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
