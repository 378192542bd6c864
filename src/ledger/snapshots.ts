import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { computeArrears } from '../domain/arrears.js';
import type { Day } from '../domain/ledger.js';
import { loadLedgers } from './positions.js';
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
 * demo): each employer's ledger is read once and computed at every day. `between` runs after each batch (a background
 * job's safe point, where waiting requests get their turn).
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
  for (let i = 0; i < employers.length; i += BATCH) {
    const batch = employers.slice(i, i + BATCH);
    const ledgers = await loadLedgers(
      db,
      batch.map((e) => e.id),
    );
    for (const [k, e] of batch.entries()) {
      // The engine runs on the thread that answers requests: a batch's twelve days of 250 employers are seconds of
      // work on a busy machine, so requests get their turn every few employers.
      if (k > 0 && k % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
      const ledger = ledgers.get(e.id)!;
      days.forEach((day, k) => {
        const p = computeArrears(ledger, rules[k]!, day);
        const key = `${day}|${e.office_id}|${e.ownership}|${p.band}`;
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
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('arrears_snapshot').where('as_of', 'in', days).execute();
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('arrears_snapshot')
        .values(rows.slice(i, i + 1000))
        .execute();
  });
}
