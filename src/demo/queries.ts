import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { withinOffice } from '../db/scope.js';
import type { ActionKind } from '../domain/actions.js';

/** The tables of the schema in use. */
export async function listTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ tablename: string }>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`.execute(db);
  return rows.map((r) => r.tablename);
}

/** Empties the tables and restarts their ids (with what refers to them). */
export async function truncateTables(db: Db, tables: string[]): Promise<void> {
  await sql.raw(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`).execute(db);
}

/** After employers were copied in with their ids, new employers continue after the largest. */
export async function continueEmployerIds(db: Db): Promise<void> {
  await sql`SELECT setval(pg_get_serial_sequence('employer', 'id'), (SELECT max(id) FROM employer))`.execute(db);
}

/** Fresh statistics for the planner after a bulk load. */
export async function analyze(db: Db): Promise<void> {
  await sql`ANALYZE`.execute(db);
}

/**
 * Kế hoạch thu of the year for every province and grassroots office: the year's receivable of its employers carried
 * to twelve months, a few percent above or below (by office), rounded to the million as plans are written.
 */
export async function insertCollectionPlans(db: Db, year: number, at: Date): Promise<void> {
  const yearPeriods = `${year}-%`;
  // Summed once per office, then rolled up the tree: each obligation is read once, not once per level above it.
  await sql`
    WITH months AS (SELECT count(DISTINCT period) AS n FROM obligation WHERE period LIKE ${yearPeriods}),
    by_office AS (
      SELECT e.office_id, sum(ob.amount) AS due
      FROM obligation ob JOIN employer e ON e.id = ob.employer_id
      WHERE ob.period LIKE ${yearPeriods}
      GROUP BY e.office_id
    )
    INSERT INTO collection_plan (office_id, year, amount, updated_at)
    SELECT u.id, ${year}, round(sum(b.due) * 12.0 / m.n * (0.97 + (u.id % 7) / 100.0), -6), ${at}
    FROM office u
    JOIN office o ON ${withinOffice('o.path', 'u.path')}
    JOIN by_office b ON b.office_id = o.id
    CROSS JOIN months m
    WHERE u.kind IN ('province', 'grassroots')
    GROUP BY u.id, m.n
    HAVING sum(b.due) > 0`.execute(db);
}

/**
 * Phân công: the officer of the employer's own office follows it, or the province's officer where the office has
 * none; the province director leads the follow-up of employers of 100 workers or more.
 */
export async function insertAssignments(db: Db, today: string): Promise<void> {
  await sql`
    INSERT INTO assignment (employer_id, user_id, responsibility, assigned_from)
    SELECT e.id, coalesce(own.id, province.id), 'official', ${today}::date
    FROM employer e
    LEFT JOIN app_user own ON own.office_id = e.office_id AND own.role = 'grassroots_officer'
    JOIN app_user province ON province.office_id = e.province_id AND province.role = 'province_officer'`.execute(db);
  await sql`
    INSERT INTO assignment (employer_id, user_id, responsibility, assigned_from)
    SELECT e.id, u.id, 'leader', ${today}::date
    FROM employer e JOIN app_user u ON u.office_id = e.province_id AND u.role = 'province_director'
    WHERE e.headcount >= 100`.execute(db);
}

/** The late employers, each with its official and, when `openOnly`, only those active or suspended; by id. */
export function listLateEmployersWithOfficial(db: Db, openOnly: boolean) {
  let query = db
    .selectFrom('arrears_position as ap')
    .innerJoin('assignment as a', (join) =>
      join
        .onRef('a.employer_id', '=', 'ap.employer_id')
        .on('a.responsibility', '=', 'official')
        .on('a.assigned_to', 'is', null),
    )
    .innerJoin('employer as e', 'e.id', 'ap.employer_id')
    .select(['ap.employer_id', 'ap.late_amount', 'ap.overdue_deadlines', 'a.user_id'])
    .where('ap.late_amount', '>', 0);
  if (openOnly) query = query.where('e.status', 'in', ['active', 'suspended']);
  return query.orderBy('ap.employer_id').execute();
}

export interface DemoAction {
  employer_id: number;
  kind: ActionKind;
  action_date: string;
  official_id: number;
  document_number: string | null;
  outcome: string;
  follow_up_on: string | null;
  fine: number | null;
}

/** Records the actions, each a batch of its own, as entered by their officials; 1,000 rows a statement. */
export async function insertActions(db: Db, actions: DemoAction[], at: Date): Promise<void> {
  for (let i = 0; i < actions.length; i += 1000) {
    await db
      .insertInto('enforcement_action')
      .values(
        actions.slice(i, i + 1000).map((a) => ({
          ...a,
          details: '{}',
          batch_id: sql<number>`nextval('action_batch_seq')`,
          recorded_by: a.official_id,
          recorded_at: at,
        })),
      )
      .execute();
  }
}

/** A promise to pay made at a working session, in one instalment. */
export async function insertSessionPromise(
  db: Db,
  p: { employerId: number; madeOn: string; dueOn: string; amount: number; officialId: number },
  at: Date,
): Promise<void> {
  const { id } = await db
    .insertInto('payment_promise')
    .values({
      employer_id: p.employerId,
      kind: 'promise',
      made_on: p.madeOn,
      note: 'Cam kết tại buổi làm việc',
      recorded_by: p.officialId,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('promise_instalment')
    .values({ promise_id: id, seq: 1, due_on: p.dueOn, amount: p.amount })
    .execute();
}

/** The id of the account with this username; throws when there is none. */
export async function userIdByUsername(db: Db, username: string): Promise<number> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** Every province, by id, with its director's account (null where it has none). */
export function listProvincesWithDirector(db: Db) {
  return db
    .selectFrom('office as o')
    .leftJoin('app_user as u', (j) => j.onRef('u.office_id', '=', 'o.id').on('u.role', '=', 'province_director'))
    .select(['o.id', 'u.id as director'])
    .where('o.kind', '=', 'province')
    .orderBy('o.id')
    .execute();
}
