import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import type { Database } from '../../src/db/schema.js';
import { computeArrears } from '../../src/domain/arrears.js';
import type { Day } from '../../src/domain/ledger.js';
import { loadLedgers } from '../../src/ledger/positions.js';
import { ruleSetAt } from '../../src/ledger/rule-sets.js';
import { createMigratedDataFolder, createMigratedPostgresDatabase, type DatabaseKind } from './databases.js';

/** The database a `dondoc` process of this environment (DATABASE_URL or DATA_DIR) uses, opened for `work` and closed. */
export async function withDatabase<T>(
  env: Record<string, string | undefined>,
  work: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** A stored position's figures that the checks compare, in the order the positions table has them. */
export interface PositionFigures {
  as_of: Day;
  late_amount: number;
  charge: number;
  overdue_months: number;
  band: string;
}

/**
 * What the engine computes from the stored ledger at `today` for each of the employers, as a position holds it, and
 * whether that ledger has no row at all (no write computes a position for such an employer).
 */
export async function engineFigures(
  db: Kysely<Database>,
  today: Day,
  ids: number[],
): Promise<Map<number, { figures: PositionFigures; ledgerEmpty: boolean }>> {
  const rules = await ruleSetAt(db, today);
  const ledgers = await loadLedgers(db, ids);
  return new Map(
    ids.map((id) => {
      const ledger = ledgers.get(id)!;
      const r = computeArrears(ledger, rules, today);
      const figures = {
        as_of: today,
        late_amount: r.lateAmount,
        charge: r.charge,
        overdue_months: r.overdueMonths,
        band: r.band,
      };
      return [id, { figures, ledgerEmpty: ledger.obligations.length === 0 && ledger.payments.length === 0 }];
    }),
  );
}

/**
 * Expects every stored position to be, at `today`, what the engine computes from the stored ledger, and gives those
 * figures by employer.
 */
export async function expectPositionsFresh(db: Kysely<Database>, today: Day) {
  const stored = await db
    .selectFrom('arrears_position')
    .select(['employer_id', 'as_of', 'late_amount', 'charge', 'overdue_months', 'band'])
    .orderBy('employer_id')
    .execute();
  const computed = await engineFigures(
    db,
    today,
    stored.map((s) => s.employer_id),
  );
  const fresh = stored.map((s) => ({ employer_id: s.employer_id, ...computed.get(s.employer_id)!.figures }));
  expect(stored).toEqual(fresh);
  return fresh;
}

/**
 * A database of its own for `dondoc` processes to start on, migrated from the test run's templates (they skip initdb
 * and the migrations): a data folder for the embedded kind, a database on the test server otherwise; `env` names it as
 * a process reads it, `drop` removes the server's.
 */
export async function migratedProcessDatabase(
  kind: DatabaseKind,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'dondoc-process-')), 'data');
    await createMigratedDataFolder(dataDir);
    return { env: { DATA_DIR: dataDir }, drop: async () => {} };
  }
  const database = await createMigratedPostgresDatabase();
  return { env: { DATABASE_URL: database.url }, drop: database.drop };
}
