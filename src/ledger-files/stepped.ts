import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DatabaseHandle } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import type { DirectKind } from './direct.js';

/**
 * The bulk path of an import on the embedded database, in steps. PGlite is one connection: a single transaction that
 * copies a national file into the ledger holds it for minutes, and every request waits behind it. Here the file goes
 * first into a stage table of its own, in statements of about 128 KB (copy-slices.ts); then it is checked against the
 * stored rows and applied in short transactions of STEP_ROWS rows, with requests served between them; the batch row
 * is written last.
 * `import_pending` says, meanwhile, how much of the stage is in the ledger: a crash leaves that row, and the next
 * start takes those rows out again (undoInterruptedImports), so the file is in the ledger whole or not at all.
 */

const TARGET = { obligations: 'obligation', payments: 'payment' } as const;
export const STEPPED_COLUMNS = {
  obligations: ['employer_id', 'period', 'fund', 'amount'],
  payments: ['employer_id', 'paid_on', 'amount', 'reference'],
} as const;
/** The ledger's unique key of each kind: the file may not repeat it, nor meet a stored row on it. */
const KEY = { obligations: ['employer_id', 'period', 'fund'], payments: ['employer_id', 'reference'] } as const;
/** Rows per step: a step is one transaction, and how long it runs is how long a request may wait behind it. */
const STEP_ROWS = 5_000;

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';
const list = (names: readonly string[], alias = '') => names.map((n) => `${alias}${n}`).join(', ');
const stepOf = (from: number) => sql`s.seq > ${from} AND s.seq <= ${from + STEP_ROWS}`;

/**
 * Loads `lines` (CSV of STEPPED_COLUMNS, employer ids resolved) and applies them, then calls `record` in the
 * transaction that ends the import; `onStep` hears of each step checked and applied. Returns the number of rows, or null when the file repeats a key or meets a
 * stored row: nothing is left applied then, and the staged import (which reports each such row) takes the file.
 */
export async function importInSteps(
  handle: DatabaseHandle,
  kind: DirectKind,
  lines: AsyncIterable<Buffer>,
  record: (trx: Transaction<Database>, rows: number) => Promise<void>,
  onStep?: (phase: 'checking' | 'applying', done: number, total: number) => void,
): Promise<number | null> {
  const { db } = handle;
  const stage = `import_stage_${randomBytes(6).toString('hex')}`;
  const target = TARGET[kind];
  const key = KEY[kind];
  const columns = STEPPED_COLUMNS[kind];
  const t = sql.table(stage);
  await sql.raw(`CREATE TABLE ${stage} AS SELECT ${list(columns)} FROM ${target} WITH NO DATA`).execute(db);
  let pending = false;
  try {
    await sql
      .raw(
        `ALTER TABLE ${stage} ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ` +
          `ADD UNIQUE (${list(key)})`,
      )
      .execute(db);
    await handle.copyCsv(stage, columns, lines);
    const rows = Number((await sql<{ n: number | null }>`SELECT max(seq) AS n FROM ${t}`.execute(db)).rows[0]?.n ?? 0);
    const stored = sql.raw(`${target} x ON (${list(key, 'x.')}) = (${list(key, 's.')})`);
    for (let from = 0; from < rows; from += STEP_ROWS) {
      const met = await sql`SELECT 1 FROM ${t} s JOIN ${stored} WHERE ${stepOf(from)} LIMIT 1`.execute(db);
      if (met.rows.length > 0) return null;
      onStep?.('checking', Math.min(rows, from + STEP_ROWS), rows);
    }
    await db.insertInto('import_pending').values({ stage, kind }).execute();
    pending = true;
    for (let from = 0; from < rows; from += STEP_ROWS) {
      await db.transaction().execute(async (trx) => {
        await sql`INSERT INTO ${sql.table(target)} (${sql.raw(list(columns))})
          SELECT ${sql.raw(list(columns, 's.'))} FROM ${t} s WHERE ${stepOf(from)}`.execute(trx);
        await trx
          .updateTable('import_pending')
          .set({ applied_through: Math.min(rows, from + STEP_ROWS) })
          .where('stage', '=', stage)
          .execute();
      });
      onStep?.('applying', Math.min(rows, from + STEP_ROWS), rows);
    }
    await db.transaction().execute(async (trx) => {
      await record(trx, rows);
      await trx.deleteFrom('import_pending').where('stage', '=', stage).execute();
    });
    pending = false;
    return rows;
  } catch (error) {
    if (pending) {
      await undoPending(db, stage);
      pending = false;
    }
    // The file repeats a key, or another import stored one of its rows meanwhile.
    if (isUniqueViolation(error)) return null;
    throw error;
  } finally {
    // A stage whose rows could not be taken out stays for the next start.
    if (!pending) await sql.raw(`DROP TABLE IF EXISTS ${stage}`).execute(db);
  }
}

/** Takes the applied rows of a stepped import out of the ledger, step by step from the last, then forgets it. */
async function undoPending(db: Kysely<Database>, stage: string): Promise<void> {
  const row = await db.selectFrom('import_pending').selectAll().where('stage', '=', stage).executeTakeFirst();
  if (!row) return;
  const exists = (await sql<{ t: string | null }>`SELECT to_regclass(${stage})::text AS t`.execute(db)).rows[0]?.t;
  if (exists) {
    const target = TARGET[row.kind];
    const key = KEY[row.kind];
    const t = sql.table(stage);
    const first = Math.ceil(row.applied_through / STEP_ROWS) * STEP_ROWS - STEP_ROWS;
    for (let from = first; from >= 0; from -= STEP_ROWS) {
      await db.transaction().execute(async (trx) => {
        await sql`DELETE FROM ${sql.table(target)} x USING ${t} s
          WHERE ${stepOf(from)} AND (${sql.raw(list(key, 'x.'))}) = (${sql.raw(list(key, 's.'))})`.execute(trx);
        await trx.updateTable('import_pending').set({ applied_through: from }).where('stage', '=', stage).execute();
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('import_pending').where('stage', '=', stage).execute();
    await sql.raw(`DROP TABLE IF EXISTS ${stage}`).execute(trx);
  });
}

/**
 * At start-up, before anything is served: the stepped imports a crash cut short are taken out of the ledger, and on
 * the embedded database (one process, the data folder locked) the stage tables of imports killed earlier are dropped.
 * Returns how many imports were taken out.
 */
export async function undoInterruptedImports(handle: DatabaseHandle): Promise<number> {
  const { db } = handle;
  const pending = await db.selectFrom('import_pending').select('stage').execute();
  for (const { stage } of pending) await undoPending(db, stage);
  if (handle.kind === 'pglite') {
    const stages = await sql<{ name: string }>`
      SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'import\\_stage\\_%'`.execute(
      db,
    );
    for (const { name } of stages.rows) await sql.raw(`DROP TABLE IF EXISTS ${name}`).execute(db);
  }
  return pending.length;
}
