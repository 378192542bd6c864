import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { copyLines, type ConsistentRead, type DatabaseHandle } from '../db/connection.js';
import { vietnamDate } from '../domain/calendar.js';
import { dayNumber } from '../domain/periods.js';
import { computeRuns, type EmployerRun } from '../ledger-files/partition.js';
import { POSITION_COLUMNS, positionRows } from './positions.js';
import { ruleSetAt } from './rule-sets.js';

/**
 * From this many positions to recompute, the close on a PostgreSQL server takes the bulk way. Below it the batches of
 * recomputePositions are quicker than writing the files and starting the threads.
 */
export const BULK_CLOSE_MIN = Number(process.env.DONDOC_BULK_CLOSE_MIN ?? 5000);

/** Runs of employers, read and computed side by side: one per core, up to the readers a pool lends at once. */
const MAX_READERS = 5;

/**
 * Recomputes the positions of many employers (the first close of a national load, the close after a rule change,
 * the late employers whose charge grew since yesterday) the way `dondoc arrears` computes a national folder: their
 * ledgers, read at one instant, are written by COPY as the canonical CSV files of that computation, a run of employers
 * per core, each run's files by a connection of its own; a thread per run computes it from its files
 * (ledger-files/partition.ts, the same engine), and the positions go back by COPY into a table of the transaction and
 * from there over the stored ones, in one statement. The batches of recomputePositions read each ledger as a row of
 * JSON and write a thousand rows a statement (every position of 500,000 employers on a 2-core machine: 67 s in
 * batches; this way 53 s with one connection sorting the ledger, 35 s with a connection per run reading it in key
 * order, bench/close).
 *
 * Only on a PostgreSQL server: on the embedded database the COPY of the whole ledger would hold its one connection
 * for as long, and every request would wait. Answers false, having written nothing, when the ledger does not make
 * canonical files (an amount past 15 digits); the caller then recomputes in batches.
 */
export async function recomputePositionsInBulk(
  handle: DatabaseHandle,
  clock: Clock,
  ids: readonly number[],
): Promise<boolean> {
  const asOf = vietnamDate(clock.now());
  const rules = await ruleSetAt(handle.db, asOf);
  // A position an import's refresh stores after this instant was computed from a ledger at least as new as the
  // snapshot read below: it is kept.
  const readAt = clock.now();
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-close-'));
  try {
    // COPY takes no parameters: the ids go into the statements as array constants, checked to be integers.
    if (!ids.every(Number.isSafeInteger)) throw new Error('employer ids must be integers');
    const runCount = Math.min(availableParallelism(), MAX_READERS);
    const { employers, runs } = await handle.readInParallel(runCount, async (readers) => {
      const employers = await readers[0]!.db
        .selectFrom('employer')
        .select(['id', 'payment_cycle'])
        .where(sql<boolean>`id = ANY(${sql.raw(arrayOf(ids))})`)
        .orderBy('id')
        .execute();
      // A run of employers per reader, each written by its own connection, each computed by its own thread.
      const bounds = Array.from({ length: runCount + 1 }, (_, k) => Math.round((employers.length * k) / runCount));
      const runs = await Promise.all(
        readers.map(async (reader, k): Promise<EmployerRun> => {
          const [from, to] = [bounds[k]!, bounds[k + 1]!];
          const among = arrayOf(employers.slice(from, to).map((e) => e.id));
          const files = { obligations: join(dir, `obligations-${k}.csv`), payments: join(dir, `payments-${k}.csv`) };
          await sql`SET LOCAL DateStyle = ISO`.execute(reader.db);
          // The rows come in employer order from the keys' indexes. The planner would rather sort the whole ledger
          // (at 500,000 employers 67 M obligations, sorted on disk: 35 s against 21 s by the index). The index stays
          // the quicker way when the table is in month order, as years of monthly imports leave it (half of that
          // ledger copied in month order: 10.3 s against 12.9 s sorted): each month's rows of neighbouring employers
          // share their pages, so each page is read once while the run passes it.
          await sql`SET LOCAL enable_sort = off`.execute(reader.db);
          // The files name each employer by its id, not its code: no join, and COPY's own CSV does the writing. Both
          // list the run's employers in id order, as `employers` does: the order the partition reads them in.
          await copyInto(
            reader,
            files.obligations,
            'employer,period,fund,amount',
            `SELECT employer_id, period, fund, amount FROM obligation WHERE employer_id = ANY(${among})
              ORDER BY employer_id`,
          );
          // The reference plays no part in the computation; the payments of a day keep the order the batches read
          // them in.
          await copyInto(
            reader,
            files.payments,
            'employer,date,amount,reference',
            `SELECT employer_id, paid_on, amount, 0 FROM payment WHERE employer_id = ANY(${among})
              ORDER BY employer_id, paid_on, id`,
          );
          return { from, to, files };
        }),
      );
      return { employers, runs };
    });
    const computed = await computeRuns(
      runs,
      {
        employers: employers.map((e) => ({ code: String(e.id), paymentCycle: e.payment_cycle })),
        indexOf: new Map(employers.map((e, i) => [String(e.id), i])),
      },
      rules.json,
      dayNumber(asOf),
      { keepDeadlines: true, offThread: true },
    );
    if (!computed) return false;
    const rows = positionRows(
      employers.map((e) => e.id),
      computed.positions,
      rules,
      asOf,
      clock.now(),
    );
    const columns = sql.raw(POSITION_COLUMNS.join(', '));
    const replaced = sql.raw(
      POSITION_COLUMNS.filter((c) => c !== 'employer_id')
        .map((c) => `${c} = excluded.${c}`)
        .join(', '),
    );
    await handle.transactionWithCopy(async (tx) => {
      await sql`CREATE TEMPORARY TABLE close_position (LIKE arrears_position) ON COMMIT DROP`.execute(tx.db);
      await tx.copyText('close_position', POSITION_COLUMNS, copyLines(rows, 5000));
      await sql`
        INSERT INTO arrears_position (${columns}) SELECT ${columns} FROM close_position
        ON CONFLICT (employer_id) DO UPDATE SET ${replaced} WHERE arrears_position.computed_at <= ${readAt}`.execute(
        tx.db,
      );
    });
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An array constant of integer ids, for a statement that takes no parameters. */
const arrayOf = (ids: readonly number[]) => `'{${ids.join(',')}}'::integer[]`;

/** A header line, then the CSV COPY of a query, into a file. */
async function copyInto(tx: ConsistentRead, path: string, header: string, query: string): Promise<void> {
  const file = createWriteStream(path);
  file.write(`${header}\n`);
  await tx.copyOut(query, file, true);
  file.end();
  await finished(file);
}
