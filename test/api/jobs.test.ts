import { hostname } from 'node:os';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { inBackground } from '../../src/db/connection.js';
import { ENGINE_VERSION } from '../../src/domain/arrears.js';
import { DEFAULT_RULES } from '../../src/domain/rules.js';
import { dailyClose } from '../../src/jobs/daily-close.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { JobRunner, type JobDefinition } from '../../src/jobs/runner.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';
import { seedWorld, type World } from '../support/fixtures.js';

/** The job runner's lease, its stop at a safe point and its log lines, on both databases. */
describe.each(DATABASE_KINDS)('background jobs on %s', (kind) => {
  let database: TestDatabase;
  let world: World;
  const clock = new FixedClock(new Date('2025-10-15T03:00:00Z'));
  const lines: string[] = [];
  const runner = (jobs: JobDefinition[]) =>
    new JobRunner(database.handle, clock, jobs, { log: (_level, line) => lines.push(line), leaseMs: 60_000 });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    world = await seedWorld(database.handle.db);
  });
  afterAll(() => database.drop());

  it('run a job in one runner at a time: the other finds the lease held and does nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const slow: JobDefinition = {
      name: 'slow',
      everyMs: 60_000,
      async run() {
        runs++;
        await gate;
        return { summary: 'done' };
      },
    };
    const [a, b] = [runner([slow]), runner([slow])];
    const first = a.run('slow');
    await new Promise((r) => setTimeout(r, 200));
    expect(await b.run('slow')).toEqual({ kind: 'held_elsewhere' });
    release();
    expect(await first).toMatchObject({ kind: 'ran', outcome: 'ok', summary: 'done' });
    expect(runs).toBe(1);
    expect(lines.filter((l) => l.includes('job slow start'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('job slow end'))).toMatch(/job slow end ok at \S+ in \d+\.\d s: done/);
    // Freed at the end: the other runner may now run it.
    expect(await b.run('slow')).toMatchObject({ kind: 'ran', outcome: 'ok' });
  });

  it('stop a run at its next safe point, leaving the day not done; the next run closes it', async () => {
    let checkpoints = 0;
    const stopping: JobRunner = new JobRunner(
      database.handle,
      clock,
      [
        {
          ...dailyClose,
          run: (context) =>
            dailyClose.run({
              ...context,
              checkpoint: async () => {
                if (++checkpoints === 2) void stopping.stop();
                await context.checkpoint();
              },
            }),
        },
      ],
      { log: () => {} },
    );
    expect(await stopping.run('daily-close')).toMatchObject({ kind: 'ran', outcome: 'stopped' });
    const lease = () =>
      database.handle.db
        .selectFrom('job_lease')
        .selectAll()
        .where('name', '=', 'daily-close')
        .executeTakeFirstOrThrow();
    expect(await lease()).toMatchObject({ holder: null, last_outcome: 'stopped', done_for: null });
    expect(await runner([dailyClose]).run('daily-close')).toMatchObject({ kind: 'ran', outcome: 'ok' });
    expect(await lease()).toMatchObject({ holder: null, last_outcome: 'ok', done_for: '2025-10-15' });
    expect(await runner([dailyClose]).run('daily-close')).toEqual({ kind: 'not_due' });
  });

  it('close the day again at start-up when positions were computed by an older engine or under another rule set', async () => {
    const { db } = database.handle;
    expect(await runner([dailyClose]).run('daily-close')).toEqual({ kind: 'not_due' });
    const positions = () =>
      db
        .selectFrom('arrears_position')
        .select([
          'employer_id',
          'as_of',
          'rule_set_id',
          'late_amount',
          'charge',
          'charge_accrued',
          'charge_paid',
          'engine_version',
        ])
        .orderBy('employer_id')
        .execute();
    const closed = await positions();
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((p) => p.engine_version === ENGINE_VERSION && p.rule_set_id === DEFAULT_RULES.id)).toBe(true);
    // What a server of the previous version left: figures of its own computation, written under engine 1.
    const [first, second] = closed;
    await db
      .updateTable('arrears_position')
      .set({ late_amount: 1, charge: 2, charge_accrued: 2, charge_paid: 0, engine_version: 1 })
      .where('employer_id', '=', first!.employer_id)
      .execute();
    expect(await runner([dailyClose]).run('daily-close')).toMatchObject({ kind: 'ran', outcome: 'ok' });
    expect(await positions()).toEqual(closed);
    // A position computed under a rule set no longer in force at its day is recomputed too.
    await db
      .insertInto('rule_set')
      .values({
        id: 'v1',
        name: 'Rule set v1',
        effective_from: '2016-01-01',
        body: JSON.stringify({ ...DEFAULT_RULES, id: 'v1', effectiveFrom: '2016-01-01', allocation: 'by-period' }),
      })
      .execute();
    await db
      .updateTable('arrears_position')
      .set({ rule_set_id: 'v1', late_amount: 3 })
      .where('employer_id', '=', second!.employer_id)
      .execute();
    expect(await runner([dailyClose]).run('daily-close')).toMatchObject({ kind: 'ran', outcome: 'ok' });
    expect(await positions()).toEqual(closed);
    expect(await runner([dailyClose]).run('daily-close')).toEqual({ kind: 'not_due' });
  });

  it('take over at once a lease whose holder on this machine is gone, but not one of a live process', async () => {
    const { db } = database.handle;
    const work: JobDefinition = { name: 'work', everyMs: 60_000, run: async () => ({ summary: 'ok' }) };
    const dead = `${hostname()}:2147483646:abcdef`;
    await db
      .insertInto('job_lease')
      .values({ name: 'work', holder: dead, expires_at: new Date(Date.now() + 3600_000) })
      .execute();
    expect(await runner([work]).run('work')).toMatchObject({ kind: 'ran', outcome: 'ok' });
    await db
      .updateTable('job_lease')
      .set({ holder: `${hostname()}:${process.pid}:abcdef`, expires_at: new Date(Date.now() + 3600_000) })
      .where('name', '=', 'work')
      .execute();
    expect(await runner([work]).run('work')).toEqual({ kind: 'held_elsewhere' });
  });

  it('close the next day recomputing only the positions whose day of change came, carrying the rest as they are', async () => {
    const { db } = database.handle;
    const { employers } = world;
    const positions = () =>
      db
        .selectFrom('arrears_position')
        .selectAll()
        .orderBy('employer_id')
        .execute()
        .then((rows) => new Map(rows.map((r) => [r.employer_id, r])));
    const before = await positions();
    // Nguyễn Hoàng owes since its July deadline: its charge grows each day. Sài Gòn paid July before the deadline and
    // has nothing coming due: its figures hold until its ledger changes.
    expect(before.get(employers.nguyenHoang)).toMatchObject({ as_of: '2025-10-15', changes_on: '2025-10-16' });
    expect(before.get(employers.saigon)).toMatchObject({ as_of: '2025-10-15', changes_on: 'infinity' });

    clock.advance(24 * 3600_000);
    expect(await runner([dailyClose]).run('daily-close')).toMatchObject({
      kind: 'ran',
      outcome: 'ok',
      summary: expect.stringMatching(/^2025-10-16: 1 positions recomputed, \d+ unchanged/),
    });
    const after = await positions();
    const late = after.get(employers.nguyenHoang)!;
    expect(late).toMatchObject({ as_of: '2025-10-16', changes_on: '2025-10-17' });
    expect(late.charge).toBeGreaterThan(before.get(employers.nguyenHoang)!.charge);
    expect(after.get(employers.saigon)).toEqual({ ...before.get(employers.saigon), as_of: '2025-10-16' });

    // What the close left is what recomputing every employer gives.
    await recomputePositions(db, clock);
    const full = await positions();
    const figures = (rows: Map<number, Record<string, unknown>>) =>
      [...rows.values()].map(({ computed_at: _, ...rest }) => rest);
    expect(figures(after)).toEqual(figures(full));
  });
});

/** The embedded database is one connection: background work's statements wait while a request's do. */
describe('the embedded database under background work', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(() => database.drop());

  /** A request's transaction holding the connection until `open` is called, once it holds it. */
  async function requestHolding() {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = database.handle.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      holding();
      await gate;
    });
    await held;
    return { open, holder };
  }

  it('gives the connection to a request before the background statements that asked for it earlier', async () => {
    const order: string[] = [];
    // The others queue for the connection while the transaction holds it.
    const { open, holder } = await requestHolding();
    const work = inBackground(() => Promise.all([statement(order, 'background 1'), statement(order, 'background 2')]));
    const request = statement(order, 'request');
    // Every one of them asks within the turn; the gate opens only once they all wait.
    await new Promise((resolve) => setImmediate(resolve));
    open();
    await Promise.all([holder, work, request]);
    expect(order).toEqual(['request', 'background 1', 'background 2']);
  });

  /** A request's transaction holding the connection, and background work asking for it meanwhile. */
  async function requestHoldingBackground(order: string[]) {
    const { open, holder } = await requestHolding();
    const work = inBackground(() => statement(order, 'background'));
    await new Promise((resolve) => setImmediate(resolve));
    open();
    await holder;
    // In an object: an async function returning the promise itself would settle only once the work is done.
    return { work };
  }

  const statement = (order: string[], name: string) =>
    sql`SELECT 1`.execute(database.handle.db).then(() => order.push(name));

  it('keeps the connection for a request that follows a request, before background work that waited', async () => {
    const order: string[] = [];
    const { work } = await requestHoldingBackground(order);
    // Asked for as the holder's transaction ends, after background work asked.
    const request = statement(order, 'next request');
    await Promise.all([work, request]);
    expect(order).toEqual(['next request', 'background']);
  });

  it('lets waiting background work through after eight requests in a row went before it', async () => {
    const order: string[] = [];
    const { work } = await requestHoldingBackground(order);
    for (let i = 1; i <= 10; i++) await statement(order, `request ${i}`);
    await work;
    expect(order).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `request ${i + 1}`),
      'background',
      'request 9',
      'request 10',
    ]);
  });
});
