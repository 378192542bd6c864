import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { ensureDefaultRuleSet } from '../../src/ledger/rule-sets.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** A database on the server, migrated with the default rule set, that test databases are created from. */
    postgresTemplate: string;
    /** A tarball of a PGlite data folder in the same state, that test databases start as a copy of. */
    pgliteTemplate: string;
  }
}

/** The migrated state every test database starts in (databases.ts's createTestDatabase). */
async function prepare(handle: DatabaseHandle): Promise<void> {
  await migrate(handle);
  await ensureDefaultRuleSet(handle.db);
  await handle.close();
}

export const POSTGRES_TEMPLATE = 'dondoc_template';

interface Shared {
  server: PostgresServer;
  pgliteTemplate: string;
  users: number;
}

/**
 * One PostgreSQL server and one pair of migrated templates for the whole run, whichever projects take part: the
 * projects' global set-ups all run in vitest's main process, so they meet on globalThis. Opening a fresh PGlite runs
 * initdb (seconds of CPU) and migrating costs more; a copy of a migrated one costs a fraction of that.
 */
async function start(): Promise<Shared> {
  const server = await startPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE}`);
    await admin.end();
    const url = new URL(server.url);
    url.pathname = `/${POSTGRES_TEMPLATE}`;
    await prepare(await openDatabase({ databaseUrl: url.toString() }));

    const dir = mkdtempSync(join(tmpdir(), 'dondoc-pglite-template-'));
    const dataDir = join(dir, 'data');
    await prepare(await openDatabase({ dataDir }));
    const pglite = await PGlite.create({ dataDir });
    const tarball = await pglite.dumpDataDir('none');
    await pglite.close();
    const pgliteTemplate = join(dir, 'template.tar');
    writeFileSync(pgliteTemplate, new Uint8Array(await tarball.arrayBuffer()));
    rmSync(dataDir, { recursive: true, force: true });
    return { server, pgliteTemplate, users: 0 };
  } catch (error) {
    server.stop();
    throw error;
  }
}

const KEY = Symbol.for('dondoc.test.shared');
type WithShared = typeof globalThis & { [KEY]?: Promise<Shared> };

export default async function setup(project: TestProject) {
  const global = globalThis as WithShared;
  global[KEY] ??= start();
  const shared = await global[KEY];
  shared.users++;
  project.provide('postgresUrl', shared.server.url);
  project.provide('postgresTemplate', POSTGRES_TEMPLATE);
  project.provide('pgliteTemplate', shared.pgliteTemplate);
  return () => {
    if (--shared.users > 0) return;
    delete global[KEY];
    shared.server.stop();
    rmSync(join(shared.pgliteTemplate, '..'), { recursive: true, force: true });
  };
}
