import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { ensureDefaultRuleSet } from '../../src/ledger/rule-sets.js';

export type DatabaseKind = 'pglite' | 'postgres';
/** Every API test runs once per database kind. */
export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

export interface TestDatabase {
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

/** A new, empty database on the test PostgreSQL server, by URL (for tests that hand it to a `dondoc` process). */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return createPostgresDatabaseFrom(undefined);
}

/**
 * A new database on the test server, migrated with the default rule set (a copy of the template global-setup.ts
 * prepared), by URL: a `dondoc` process started on it skips the migrations.
 */
export async function createMigratedPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return createPostgresDatabaseFrom(inject('postgresTemplate'));
}

/**
 * An embedded database's data folder in the same migrated state, made from the template's tarball: a `dondoc` process
 * started on it skips initdb and the migrations.
 */
export async function createMigratedDataFolder(dataDir: string): Promise<void> {
  const handle = await openDatabase({ dataDir, startFrom: inject('pgliteTemplate') });
  await handle.close();
}

/** A new database on the test server: empty, or a copy of the template named (CREATE DATABASE … TEMPLATE). */
async function createPostgresDatabaseFrom(
  template: string | undefined,
): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A new database of the kind: empty, or a copy of the template of that kind global-setup.ts prepared. */
async function open(kind: DatabaseKind, template: string | undefined): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ startFrom: template });
    return { handle, drop: () => handle.close() };
  }
  const database = await createPostgresDatabaseFrom(template);
  const handle = await openDatabase({ databaseUrl: database.url });
  return {
    handle,
    async drop() {
      await handle.close();
      await database.drop();
    },
  };
}

/** An empty database (not migrated): in-memory PGlite, or a new database on the test PostgreSQL server. */
export async function createEmptyDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return open(kind, undefined);
}

/**
 * A migrated database with the default rule set. Started from the templates global-setup.ts prepares when the project
 * has them (a copy costs a fraction of initdb and the migrations); migrated here otherwise.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const template = kind === 'pglite' ? inject('pgliteTemplate') : inject('postgresTemplate');
  if (template) return open(kind, template);
  const database = await open(kind, undefined);
  await migrate(database.handle);
  await ensureDefaultRuleSet(database.handle.db);
  return database;
}
