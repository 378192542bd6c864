import { sql, type Insertable } from 'kysely';
import type { Db, DisclosureEntryTable, DisclosureListTable } from '../../db/schema.js';
import { likeEscape } from '../../db/like.js';
import { withinScope } from '../../db/scope.js';
import type { DisclosureKind } from '../../domain/disclosure.js';
import type { Day } from '../../domain/ledger.js';

/** The employers of the office subtree with a position, with what the criteria of every kind of list read. */
export function candidates(db: Db, officePath: string) {
  return db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .innerJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
    .leftJoin('ladder_position as lp', 'lp.employer_id', 'e.id')
    .select([
      'e.id',
      'e.name',
      'e.tax_code',
      'e.address',
      'e.status',
      'e.headcount',
      'ap.late_amount',
      'ap.charge',
      'ap.overdue_months',
      'lp.step',
      sql<string | null>`(SELECT max(a.action_date) FROM enforcement_action a WHERE a.employer_id = e.id
        AND a.cancelled_at IS NULL AND a.kind <> 'c12_notice')`.as('last_action_on'),
      sql<string | null>`(SELECT max(a.action_date) FROM enforcement_action a WHERE a.employer_id = e.id
        AND a.cancelled_at IS NULL AND a.kind = 'surprise_inspection')`.as('last_inspection_on'),
    ])
    .where(withinScope('o.path', officePath))
    .execute();
}

/** The office's approved list of the kind, the one a new list would update. */
export function approvedList(db: Db, kind: DisclosureKind, officeId: number) {
  return db
    .selectFrom('disclosure_list')
    .select('id')
    .where('kind', '=', kind)
    .where('office_id', '=', officeId)
    .where('status', '=', 'approved')
    .executeTakeFirst();
}

/** The employers listed on the list that have paid since: nothing late any more. */
export function listedSincePaid(db: Db, listId: number) {
  return db
    .selectFrom('disclosure_entry as d')
    .innerJoin('employer as e', 'e.id', 'd.employer_id')
    .innerJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
    .select(['e.id', 'e.name', 'e.tax_code', 'e.address'])
    .where('d.list_id', '=', listId)
    .where('d.status', '=', 'listed')
    .where('ap.late_amount', '=', 0)
    .execute();
}

export async function insertList(db: Db, list: Insertable<DisclosureListTable>) {
  const { id } = await db.insertInto('disclosure_list').values(list).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertEntries(db: Db, entries: Insertable<DisclosureEntryTable>[]) {
  for (let i = 0; i < entries.length; i += 1000)
    await db
      .insertInto('disclosure_entry')
      .values(entries.slice(i, i + 1000))
      .execute();
}

/** A list of an office in the scope, with the office's name. */
export function findListInScope(db: Db, scope: string, id: number) {
  return db
    .selectFrom('disclosure_list as l')
    .innerJoin('office as o', 'o.id', 'l.office_id')
    .selectAll('l')
    .select('o.name as office_name')
    .where('l.id', '=', id)
    .where(withinScope('o.path', scope))
    .executeTakeFirst();
}

/** The approved list a newer one replaces leaves the public page. */
export async function supersede(db: Db, id: number) {
  await db
    .updateTable('disclosure_list')
    .set({ status: 'superseded' })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .execute();
}

export async function approveList(db: Db, id: number, approvedBy: number, at: Date) {
  await db
    .updateTable('disclosure_list')
    .set({ status: 'approved', approved_by: approvedBy, approved_at: at })
    .where('id', '=', id)
    .execute();
}

export async function withdrawList(
  db: Db,
  id: number,
  withdrawal: { withdrawn_by: number; withdrawn_at: Date; withdraw_reason: string },
) {
  await db
    .updateTable('disclosure_list')
    .set({ status: 'withdrawn', ...withdrawal })
    .where('id', '=', id)
    .execute();
}

/** The lists of the scope, newest first, each with its number of entries. */
export function listsInScope(db: Db, scope: string) {
  return db
    .selectFrom('disclosure_list as l')
    .innerJoin('office as o', 'o.id', 'l.office_id')
    .select([
      'l.id',
      'l.kind',
      'l.title',
      'l.as_of',
      'l.status',
      'l.created_by',
      'l.approved_at',
      'o.name as office_name',
      (eb) =>
        eb
          .selectFrom('disclosure_entry as d')
          .select((x) => x.fn.countAll<number>().as('n'))
          .whereRef('d.list_id', '=', 'l.id')
          .as('entries'),
    ])
    .where(withinScope('o.path', scope))
    .orderBy('l.id', 'desc')
    .execute();
}

/** One page of a list's entries whose folded text holds `search`, and how many there are in all. */
export async function entriesPage(db: Db, listId: number, search: string, page: { page: number; pageSize: number }) {
  let query = db.selectFrom('disclosure_entry').where('list_id', '=', listId);
  if (search) query = query.where('search_text', 'like', `%${likeEscape(search)}%`);
  const [rows, count] = await Promise.all([
    query
      .select(['name', 'tax_code', 'address', 'months_late', 'amount', 'status'])
      .orderBy('status')
      .orderBy('amount', 'desc')
      .orderBy('name')
      .offset((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, count };
}

export function approvedLists(db: Db) {
  return db
    .selectFrom('disclosure_list as l')
    .innerJoin('office as o', 'o.id', 'l.office_id')
    .select(['l.id', 'l.kind', 'l.title', 'l.as_of', 'o.name as office_name'])
    .where('l.status', '=', 'approved')
    .orderBy('l.as_of', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
}

export function findApprovedList(db: Db, id: number) {
  return db
    .selectFrom('disclosure_list as l')
    .innerJoin('office as o', 'o.id', 'l.office_id')
    .select(['l.id', 'l.kind', 'l.title', 'l.as_of', 'o.name as office_name'])
    .where('l.id', '=', id)
    .where('l.status', '=', 'approved')
    .executeTakeFirst();
}

/** The days the positions were closed on between the two days. */
export async function closesBetween(db: Db, from: Day, to: Day) {
  return (
    await db
      .selectFrom('arrears_snapshot')
      .select('as_of')
      .distinct()
      .where('as_of', '>=', from)
      .where('as_of', '<=', to)
      .execute()
  ).map((r) => r.as_of);
}

export function positionsByTaxCode(db: Db, taxCodes: string[]) {
  return db
    .selectFrom('employer as e')
    .leftJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
    .select(['e.id', 'e.tax_code', 'e.name', 'ap.late_amount', 'ap.charge', 'ap.as_of'])
    .where('e.tax_code', 'in', taxCodes)
    .orderBy('e.tax_code')
    .orderBy('e.code')
    .execute();
}
