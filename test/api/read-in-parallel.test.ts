import { PassThrough } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import type { Database } from '../../src/db/schema.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.js';

/**
 * Readers in parallel (the close writing each run's ledger on a connection of its own) all read one instant: what
 * commits after it shows to none of them, and on a server each is a connection of its own.
 */
describe.each(DATABASE_KINDS)('readers in parallel on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemo(database.handle, new FixedClock(new Date('2026-11-15T03:00:00Z')), { employers: 12, months: 2 });
  });
  afterAll(() => database.drop());

  const names = async (db: Kysely<Database>) =>
    (await db.selectFrom('employer').select(['id', 'name']).orderBy('id').execute()).map((e) => `${e.id} ${e.name}`);

  it('gives every reader the instant of the first, whatever commits meanwhile', async () => {
    const { handle } = database;
    const before = await names(handle.db);
    const seen = await handle.readInParallel(3, async (readers) => {
      await names(readers[0]!.db);
      // The embedded database's one connection is the readers': a write from elsewhere would wait for them.
      if (kind === 'postgres') await handle.db.updateTable('employer').set({ name: 'Công ty đổi tên' }).execute();
      return Promise.all(
        readers.map(async (reader) => {
          const copied = new PassThrough();
          const chunks: Buffer[] = [];
          copied.on('data', (chunk: Buffer) => chunks.push(chunk));
          await reader.copyOut("SELECT id || ' ' || name FROM employer ORDER BY id", copied, true);
          const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(reader.db);
          return { names: await names(reader.db), copied: Buffer.concat(chunks).toString(), pid: rows[0]!.pid };
        }),
      );
    });
    expect(seen).toHaveLength(3);
    for (const reader of seen) {
      expect(reader.names).toEqual(before);
      expect(reader.copied.trim().split('\n')).toEqual(before);
    }
    if (kind === 'postgres') {
      expect(new Set(seen.map((r) => r.pid)).size).toBe(3);
      expect(new Set(await names(handle.db))).toEqual(new Set(before.map((n) => `${n.split(' ')[0]} Công ty đổi tên`)));
    }
  });
});
