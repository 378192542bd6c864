import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

/**
 * A PostgreSQL server can end a session under an idle pooled connection (a restart, an administrator's
 * pg_terminate_backend): the process goes on, and the next query is answered on a new connection.
 */
describe('an idle connection ended by the PostgreSQL server', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(() => database.drop());

  it('is dropped from the pool, and the next query opens another', async () => {
    const { db } = database.handle;
    const pid = async () => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid;
    const first = await pid();
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      // From a connection of its own: the pool's only connection is idle meanwhile.
      const other = await createTestDatabase('postgres');
      try {
        await sql`SELECT pg_terminate_backend(${first})`.execute(other.handle.db);
      } finally {
        await other.drop();
      }
      await expect.poll(() => uncaught.length === 0 && pid().then((p) => p !== first), { timeout: 10_000 }).toBe(true);
    } finally {
      process.off('uncaughtException', record);
    }
    expect(uncaught).toEqual([]);
  });
});
