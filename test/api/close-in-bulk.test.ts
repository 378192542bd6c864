import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { seedDemo } from '../../src/demo/seed.js';
import { recomputePositionsInBulk } from '../../src/ledger/close-in-bulk.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';

/**
 * The close's bulk recomputation (ledger files written by COPY, computed by the partitioned engine, stored back by
 * COPY) stores exactly the positions the batches store, and writes nothing when the ledger does not fit that way.
 */
describe.each(DATABASE_KINDS)('positions recomputed in bulk on %s', (kind) => {
  let database: TestDatabase;
  const clock = new FixedClock(new Date('2026-11-15T03:00:00Z'));
  // Every stored figure of a position but the instant it was computed.
  const stored = async () => {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT * FROM arrears_position ORDER BY employer_id`.execute(database.handle.db);
    return rows.map(({ computed_at: _, ...figures }) => figures);
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemo(database.handle, clock, { employers: 400, months: 30 });
  });
  afterAll(() => database.drop());

  it('stores, for every employer, the figures the batches store', async () => {
    const { db } = database.handle;
    await recomputePositions(db, clock);
    const byBatches = await stored();
    expect(byBatches.filter((p) => Number(p.late_amount) > 0).length).toBeGreaterThan(20);
    expect(byBatches.filter((p) => Number(p.charge_paid) > 0).length).toBeGreaterThan(0);

    // Positions gone stale (an older engine, yesterday's figures) and some missing: the bulk way replaces or adds them.
    await sql`UPDATE arrears_position SET engine_version = 0, late_amount = 1, charge = 1, as_of = '2026-11-14'`.execute(
      db,
    );
    await sql`DELETE FROM arrears_position WHERE employer_id % 7 = 0`.execute(db);
    const ids = byBatches.map((p) => p.employer_id as number);
    expect(await recomputePositionsInBulk(database.handle, clock, ids)).toBe(true);
    expect(await stored()).toEqual(byBatches);
  });

  it('recomputes only the employers it is given', async () => {
    const { db } = database.handle;
    await sql`UPDATE arrears_position SET late_amount = late_amount + 1`.execute(db);
    const before = await stored();
    const some = before.filter((_, k) => k % 3 === 0).map((p) => p.employer_id as number);
    expect(await recomputePositionsInBulk(database.handle, clock, some)).toBe(true);
    for (const [k, position] of (await stored()).entries()) {
      const was = Number(before[k]!.late_amount);
      expect(Number(position.late_amount)).toBe(k % 3 === 0 ? was - 1 : was);
    }
  });

  it('writes nothing and says so when a ledger does not make the canonical files', async () => {
    const { db } = database.handle;
    const before = await stored();
    const employer = before.find((p) => Number(p.late_amount) > 0)!.employer_id as number;
    // Sixteen digits: past what the files' fast reading takes, so the partitions give the computation back.
    await sql`UPDATE obligation SET amount = 1000000000000000
      WHERE employer_id = ${employer} AND period = (SELECT min(period) FROM obligation WHERE employer_id = ${employer})`.execute(
      db,
    );
    expect(await recomputePositionsInBulk(database.handle, clock, [employer])).toBe(false);
    expect(await stored()).toEqual(before);
  });
});
