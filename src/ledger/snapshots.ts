import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Day } from '../domain/ledger.js';
import { lateFiguresOnThread } from './engine-thread.js';
import { loadLedgerTexts } from './positions.js';
import { ruleSetAt } from './rule-sets.js';

/** Writes the close's snapshot from the stored positions: per office, ownership and band. Replaces that day's rows. */
export async function snapshotPositions(db: Kysely<Database>, asOf: Day): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('arrears_snapshot').where('as_of', '=', asOf).execute();
    await sql`
      INSERT INTO arrears_snapshot (as_of, office_id, ownership, band, employers, late_employers, late_amount, charge)
      SELECT ${asOf}::date, e.office_id, e.ownership, ap.band, count(*), count(*) FILTER (WHERE ap.late_amount > 0),
             sum(ap.late_amount), sum(ap.charge)
      FROM arrears_position ap JOIN employer e ON e.id = ap.employer_id
      GROUP BY e.office_id, e.ownership, ap.band`.execute(trx);
  });
}

const BATCH = 250;

/**
 * Snapshots for past days computed from the ledger through the engine, for a database that starts with history (the
 * demo): each employer's ledger is read once and computed at every day, on the engine's thread. Each day's snapshot is
 * written whole or not at all. `between` runs after each batch and each day written (a background job's safe point,
 * where waiting requests get their turn).
 */
export async function backfillSnapshots(
  db: Kysely<Database>,
  days: Day[],
  between?: () => Promise<void>,
): Promise<void> {
  if (days.length === 0) return;
  const rules = await Promise.all(days.map((d) => ruleSetAt(db, d)));
  const employers = await db.selectFrom('employer').select(['id', 'office_id', 'ownership']).orderBy('id').execute();
  const totals = new Map<string, { employers: number; late: number; amount: number; charge: number }>();
  const at = days.map((day, k) => ({ day, rules: rules[k]! }));
  for (let i = 0; i < employers.length; i += BATCH) {
    const batch = employers.slice(i, i + BATCH);
    // Decoded and computed on the engine's thread: a batch's twelve days of 250 employers are seconds of work on a busy
    // machine, which the thread that answers requests no longer does.
    const figures = await lateFiguresOnThread(
      await loadLedgerTexts(
        db,
        batch.map((e) => e.id),
      ),
      at,
    );
    for (const e of batch) {
      figures.get(e.id)!.forEach((p, k) => {
        const key = `${days[k]}|${e.office_id}|${e.ownership}|${p.band}`;
        const t = totals.get(key) ?? { employers: 0, late: 0, amount: 0, charge: 0 };
        t.employers++;
        if (p.lateAmount > 0) t.late++;
        t.amount += p.lateAmount;
        t.charge += p.charge;
        totals.set(key, t);
      });
    }
    await between?.();
  }
  const rows = [...totals].map(([key, t]) => {
    const [asOf, officeId, ownership, band] = key.split('|') as [string, string, string, string];
    return {
      as_of: asOf,
      office_id: Number(officeId),
      ownership,
      band,
      employers: t.employers,
      late_employers: t.late,
      late_amount: t.amount,
      charge: t.charge,
    };
  });
  // A transaction per day: each day's snapshot is replaced whole, and the embedded database's one connection is held
  // for one day's rows (hundreds), not for all of them.
  for (const day of days) {
    const ofDay = rows.filter((r) => r.as_of === day);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('arrears_snapshot').where('as_of', '=', day).execute();
      for (let i = 0; i < ofDay.length; i += 1000)
        await trx
          .insertInto('arrears_snapshot')
          .values(ofDay.slice(i, i + 1000))
          .execute();
    });
    await between?.();
  }
}
