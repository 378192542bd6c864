import { sql, type Insertable } from 'kysely';
import type { AuditLogTable, Db } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';
import type { Day } from '../../domain/ledger.js';
import type { BulkAssignment } from './service.js';

/** The employers assigned to the official in the scope that are late or on a step, with what the worklist orders by. */
export function worklistRows(db: Db, officialId: number, scope: string) {
  return db
    .selectFrom('assignment as a')
    .innerJoin('employer as e', 'e.id', 'a.employer_id')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .leftJoin('arrears_position as ap', 'ap.employer_id', 'e.id')
    .leftJoin('ladder_position as lp', 'lp.employer_id', 'e.id')
    .select([
      'e.id',
      'e.code',
      'e.name',
      'e.tax_code',
      'e.status',
      'o.name as office_name',
      'o.path as office_path',
      'a.responsibility',
      'ap.late_amount',
      'ap.overdue_months',
      'ap.band',
      'ap.charge',
      'lp.step',
      'lp.since',
      'lp.due',
      'lp.next_due_on',
      'lp.broken_promise',
      // The follow-up an official set on the latest action still counts until a later action replaces it.
      sql<
        string | null
      >`(SELECT x.follow_up_on FROM enforcement_action x WHERE x.employer_id = e.id AND x.cancelled_at IS NULL
        ORDER BY x.action_date DESC, x.id DESC LIMIT 1)`.as('follow_up_on'),
    ])
    .where('a.user_id', '=', officialId)
    .where('a.assigned_to', 'is', null)
    .where(withinScope('o.path', scope))
    .where((eb) => eb.or([eb('ap.late_amount', '>', 0), eb('lp.step', 'not in', ['current'])]))
    .execute();
}

/**
 * Assigns the official to every employer of the office subtree that matches the filter and is not already theirs,
 * in one statement; answers the assignments made.
 */
export function assignMatching(db: Db, officePath: string, request: BulkAssignment, today: Day) {
  let query = db
    .selectFrom('employer as e')
    .innerJoin('office as o', 'o.id', 'e.office_id')
    .select((eb) => [
      'e.id as employer_id',
      eb.val(request.userId).as('user_id'),
      eb.val(request.responsibility).as('responsibility'),
      sql<string>`${today}::date`.as('assigned_from'),
    ])
    .where(withinScope('o.path', officePath))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('assignment as x')
            .select('x.id')
            .whereRef('x.employer_id', '=', 'e.id')
            .where('x.user_id', '=', request.userId)
            .where('x.responsibility', '=', request.responsibility)
            .where('x.assigned_to', 'is', null),
        ),
      ),
    );
  if (request.ownership) query = query.where('e.ownership', '=', request.ownership);
  if (request.minHeadcount !== undefined) query = query.where('e.headcount', '>=', request.minHeadcount);
  if (request.maxHeadcount !== undefined) query = query.where('e.headcount', '<=', request.maxHeadcount);
  if (request.onlyLate) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('arrears_position as ap')
          .select('ap.employer_id')
          .whereRef('ap.employer_id', '=', 'e.id')
          .where('ap.late_amount', '>', 0),
      ),
    );
  }
  return db
    .insertInto('assignment')
    .columns(['employer_id', 'user_id', 'responsibility', 'assigned_from'])
    .expression(query)
    .returning(['id', 'employer_id', 'user_id', 'responsibility', 'assigned_from'])
    .execute();
}

export async function officesOfEmployers(db: Db, employerIds: number[]) {
  const rows = await db.selectFrom('employer').select(['id', 'office_id']).where('id', 'in', employerIds).execute();
  return new Map(rows.map((e) => [e.id, e.office_id]));
}

/** Audit rows written as one statement, for the changes made many at a time. */
export async function insertAuditRows(db: Db, rows: Insertable<AuditLogTable>[]) {
  await db.insertInto('audit_log').values(rows).execute();
}
