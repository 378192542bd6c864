import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { copyLines, type ConsistentRead, type DatabaseHandle } from '../db/connection.js';
import { vietnamDate } from '../domain/calendar.js';
import { dayNumber } from '../domain/periods.js';
import { computeInPartitions } from '../ledger-files/partition.js';
import { POSITION_COLUMNS, positionRows } from './positions.js';
import { ruleSetAt } from './rule-sets.js';

/**
 * From this many positions to recompute, the close on a PostgreSQL server takes the bulk way. Below it the batches of
 * recomputePositions are quicker than writing the files and starting the threads.
 */
export const BULK_CLOSE_MIN = Number(process.env.DONDOC_BULK_CLOSE_MIN ?? 5000);

/**
 * Recomputes the positions of many employers (the first close of a national load, the close after a rule change,
 * the late employers whose charge grew since yesterday) the way `dondoc arrears` computes a national folder: their
 * ledgers, read in one consistent snapshot, are written by COPY as the canonical CSV files of that computation, a
 * thread per core computes its run of employers from its part of the files (ledger-files/partition.ts, the same
 * engine), and the positions go back by COPY into a table of the transaction and from there over the stored ones, in
 * one statement. The batches of recomputePositions read each ledger as a row of JSON and write a thousand rows a
 * statement (every position of 500,000 employers on a 2-core machine: 67 s in batches, 53 s this way, bench/close).
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
    const paths = { obligations: join(dir, 'obligations.csv'), payments: join(dir, 'payments.csv') };
    // COPY takes no parameters: the ids go into the statement as an array constant, checked to be integers.
    if (!ids.every(Number.isSafeInteger)) throw new Error('employer ids must be integers');
    const among = `'{${ids.join(',')}}'::integer[]`;
    const employers = await handle.readConsistently(async (tx) => {
      const rows = await tx.db
        .selectFrom('employer')
        .select(['id', 'payment_cycle'])
        .where(sql<boolean>`id = ANY(${sql.raw(among)})`)
        .orderBy('id')
        .execute();
      await sql`SET LOCAL DateStyle = ISO`.execute(tx.db);
      // The files name each employer by its id, not its code: no join, and COPY's own CSV does the writing. Both
      // list the employers in id order, as `rows` does: the order the partitions read them in.
      await copyInto(
        tx,
        paths.obligations,
        'employer,period,fund,amount',
        `SELECT employer_id, period, fund, amount FROM obligation WHERE employer_id = ANY(${among}) ORDER BY employer_id`,
      );
      // The reference plays no part in the computation; the payments of a day keep the order the batches read them in.
      await copyInto(
        tx,
        paths.payments,
        'employer,date,amount,reference',
        `SELECT employer_id, paid_on, amount, 0 FROM payment WHERE employer_id = ANY(${among})
          ORDER BY employer_id, paid_on, id`,
      );
      return rows;
    });
    const computed = await computeInPartitions(
      paths,
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

/** A header line, then the CSV COPY of a query, into a file. */
async function copyInto(tx: ConsistentRead, path: string, header: string, query: string): Promise<void> {
  const file = createWriteStream(path);
  file.write(`${header}\n`);
  await tx.copyOut(query, file, true);
  file.end();
  await finished(file);
}
