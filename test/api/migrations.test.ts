import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MigrationRefused, type Migration } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/connection.js';
import {
  createEmptyDatabase,
  createPostgresDatabase,
  DATABASE_KINDS,
  type TestDatabase,
} from '../support/databases.js';

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  const versions = async (d: TestDatabase) =>
    (await d.handle.db.selectFrom('schema_migration').select('version').orderBy('version').execute()).map(
      (r) => r.version,
    );

  it('applies every migration to an empty database and nothing the second time', async () => {
    database = await createEmptyDatabase(kind);
    const all = loadMigrations();
    expect((await migrate(database.handle)).applied).toEqual(all.map((m) => m.version));
    expect((await migrate(database.handle)).applied).toEqual([]);
    expect(await versions(database)).toEqual(all.map((m) => m.version));
  });

  it('refuses a database migrated by newer code, and leaves it as it was', async () => {
    database = await createEmptyDatabase(kind);
    const current = loadMigrations();
    const future: Migration = {
      version: current.length + 1,
      name: 'from_the_future',
      script: 'CREATE TABLE future_thing (id integer);',
      checksum: 'f'.repeat(64),
    };
    await migrate(database.handle, [...current, future]);
    const error = await migrate(database.handle, current).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationRefused);
    expect((error as Error).message).toMatch(new RegExp(`version ${future.version}, newer than this code`));
    expect(await versions(database)).toEqual([...current.map((m) => m.version), future.version]);
  });

  it('refuses when an applied migration file was edited afterwards', async () => {
    database = await createEmptyDatabase(kind);
    const current = loadMigrations();
    await migrate(database.handle, current);
    const edited = current.map((m, i) => (i === 0 ? { ...m, checksum: '0'.repeat(64) } : m));
    await expect(migrate(database.handle, edited)).rejects.toThrow(/differs from the file/);
  });

  it('rolls back a failing migration completely', async () => {
    database = await createEmptyDatabase(kind);
    const current = loadMigrations();
    await migrate(database.handle, current);
    const broken: Migration = {
      version: current.length + 1,
      name: 'broken',
      script: 'CREATE TABLE half_done (id integer); SELECT no_such_function();',
      checksum: 'b'.repeat(64),
    };
    await expect(migrate(database.handle, [...current, broken])).rejects.toThrow(/no_such_function/);
    expect(await versions(database)).toEqual(current.map((m) => m.version));
    const tables = await database.handle.db
      .selectFrom('information_schema.tables' as never)
      .select('table_name' as never)
      .where('table_name' as never, '=', 'half_done' as never)
      .execute();
    expect(tables).toEqual([]);
    // The connection is usable afterwards: the failed transaction was closed.
    expect(await versions(database)).toHaveLength(current.length);
  });
});

describe('migrations from several app servers at once', () => {
  it('are applied once, one server after the other, and every server starts', async () => {
    const database = await createPostgresDatabase();
    const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: database.url })));
    try {
      const results = await Promise.all(handles.map((h) => migrate(h)));
      const all = loadMigrations().map((m) => m.version);
      expect(results.flatMap((r) => r.applied).length).toBeGreaterThanOrEqual(all.length);
      const rows = await handles[0]!.db.selectFrom('schema_migration').select('version').orderBy('version').execute();
      expect(rows.map((r) => r.version)).toEqual(all);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await database.drop();
    }
  });
});
