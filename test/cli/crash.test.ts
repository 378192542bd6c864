import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { vietnamDate } from '../../src/domain/calendar.js';
import { DEMO_SEED } from '../../src/demo/seed.js';
import { generateDataset } from '../../src/demo/generator.js';
import { DATABASE_KINDS, type DatabaseKind } from '../support/databases.js';
import { expectPositionsFresh, migratedProcessDatabase, withDatabase } from '../support/process-database.js';
import { spawnServer as spawn, type ServerProcess } from '../support/server-process.js';

/**
 * Fault injection: the server is killed (SIGKILL, nothing runs after it) inside the steps of the first start's demo
 * load and of a daily close, then started again; whatever the step, the demo is either complete or loaded again, and
 * the stored positions, snapshot and ladder are what a fresh computation gives. Each kill comes before a named
 * statement (src/db/fault.ts), so it lands in the step it is meant for however busy the machine; the databases start
 * migrated, from the test run's templates.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const EMPLOYERS = 400;
/** Kills in the demo load: while its ledger is copied, and in its first close (its history comes after). */
const DEMO_KILLS = ['^COPY "payment"', '^insert into "arrears_position"'];
/** Kills in a close: while positions are stored, and once they and the ladder are, before the day's snapshot. */
const CLOSE_KILLS = ['^insert into "arrears_position"', '^delete from "arrears_snapshot"'];

/** Every server a test starts, killed after it whatever happened, so a failure leaves no process on the folder. */
const started: ServerProcess[] = [];
async function spawnServer(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const server = await spawn(env, args);
  started.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.kill()));
});

/** A server armed as soon as it opens the database, which kills itself before the first statement matching. */
async function killedBefore(env: Record<string, string>, statement: string, args: string[] = []): Promise<void> {
  const server = await spawnServer({ ...env, DONDOC_FAULT_BEFORE_STATEMENT: statement }, args);
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  await server.waitFor(/opening the database/, 180_000);
  server.child.kill('SIGUSR2');
  await exited;
  expect(server.child.signalCode).toBe('SIGKILL');
  expect(server.output()).toMatch(/dondoc: fault: SIGKILL before/);
}

/** The books' invariants after any crash and restart. */
async function checkInvariants(handle: DatabaseHandle) {
  const { db } = handle;
  const today = vietnamDate(systemClock.now());
  expect(await db.selectFrom('installation').select(['purpose', 'state']).executeTakeFirst()).toEqual({
    purpose: 'demo',
    state: 'ready',
  });

  // The demo complete: every row the generator makes, once.
  let obligations = 0;
  let payments = 0;
  for (const e of generateDataset({ employers: EMPLOYERS, months: 24, seed: DEMO_SEED, asOf: today })) {
    obligations += e.obligations.length;
    payments += e.payments.length;
  }
  const count = async (table: 'employer' | 'obligation' | 'payment' | 'arrears_position') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  expect(await count('employer')).toBe(EMPLOYERS);
  expect(await count('obligation')).toBe(obligations);
  expect(await count('payment')).toBe(payments);

  // Positions equal to a fresh recomputation from the ledger, all as at today.
  expect(await count('arrears_position')).toBe(EMPLOYERS);
  const fresh = await expectPositionsFresh(db, today);

  // The day is closed: its snapshot sums the positions, and every late employer's ladder was evaluated today.
  expect(
    (await db.selectFrom('job_lease').select('done_for').where('name', '=', 'daily-close').executeTakeFirst())
      ?.done_for,
  ).toBe(today);
  const snapshot = await sql<{ employers: number; late: number }>`
    SELECT sum(employers)::int AS employers, sum(late_amount)::bigint AS late FROM arrears_snapshot WHERE as_of = ${today}`.execute(
    db,
  );
  expect(snapshot.rows[0]).toEqual({ employers: EMPLOYERS, late: fresh.reduce((s, p) => s + p.late_amount, 0) });
  const stale = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM arrears_position ap LEFT JOIN ladder_position lp ON lp.employer_id = ap.employer_id
    WHERE ap.late_amount > 0 AND (lp.evaluated_on IS NULL OR lp.evaluated_on <> ${today})`.execute(db);
  expect(stale.rows[0]!.n).toBe(0);
}

describe.each(DATABASE_KINDS)('a kill at any moment, on %s', (kind: DatabaseKind) => {
  let env: Record<string, string>;
  let drop = async () => {};

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) throw new Error('dist not built: npm run build');
    env = { DONDOC_DEMO_EMPLOYERS: String(EMPLOYERS) };
    const database = await migratedProcessDatabase(kind);
    Object.assign(env, database.env);
    drop = database.drop;
  });
  afterAll(async () => drop());

  it("during the first start's demo load leaves a demo that the next start loads again, then serves complete", async () => {
    for (const statement of DEMO_KILLS) await killedBefore(env, statement, ['--demo']);
    const server = await spawnServer(env, ['--demo']);
    try {
      await server.waitFor(/job demo-history end ok/, 200_000);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).toMatch(/đã dừng \/ stopped/);
    await withDatabase(env, checkInvariants);
  }, 400_000);

  it('during a close leaves a day that is not closed, which the next start closes from the start', async () => {
    for (const statement of CLOSE_KILLS) {
      // A new day's work: the stored positions and the marker as a crash before the close would leave them wrong. The
      // positions are made yesterday's with no known day of change, so the close must recompute every one of them (it
      // carries forward, unread, a position whose day of change has not come).
      await withDatabase(env, async ({ db }) => {
        await db.updateTable('job_lease').set({ done_for: null }).where('name', '=', 'daily-close').execute();
        await db
          .updateTable('arrears_position')
          .set((eb) => ({ late_amount: eb('late_amount', '+', 1), as_of: sql<string>`as_of - 1`, changes_on: null }))
          .execute();
        await db.deleteFrom('arrears_snapshot').execute();
      });
      await killedBefore(env, statement);
    }
    const server = await spawnServer(env);
    try {
      await server.waitFor(/job daily-close end ok/, 120_000);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    await withDatabase(env, checkInvariants);
  }, 300_000);
});
