import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { generateCommand } from '../../src/cli/generate.js';
import type { DatabaseHandle } from '../../src/db/connection.js';
import { vietnamDate } from '../../src/domain/calendar.js';
import { seedDemo } from '../../src/demo/seed.js';
import { DATABASE_KINDS, type DatabaseKind } from '../support/databases.js';
import { expectPositionsFresh, migratedProcessDatabase, withDatabase } from '../support/process-database.js';
import { spawnDondoc, spawnServer, type ServerProcess } from '../support/server-process.js';

/**
 * `dondoc import DIR`, the first load of a country, killed (SIGKILL, nothing runs after it) at its steps: while its
 * ledger files are copied, while the ledger's keys are built again, and once it has committed but before the positions
 * computed from the files are stored. A load killed before its commit leaves nothing, and the same command run again
 * loads it whole; one killed after leaves the ledger whole and the positions owed, which the next start computes. Each
 * kill comes before a named statement (src/db/fault.ts), the process armed from its start.
 */
const ROOT = join(import.meta.dirname, '..', '..');
/** Before the commit: the payments' COPY (the obligations are in), and the payments' key built again after both. */
const BEFORE_COMMIT = ['^COPY "payment"', '^ALTER TABLE \\S*payment\\S* ADD CONSTRAINT'];
/** After the commit: the positions computed from the files, about to be stored. */
const AFTER_COMMIT = '^COPY "arrears_position"';
const EMPLOYERS = 300;

const started: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.kill()));
});

/** `dondoc import` of the folder, to its end (its exit code), or killed before the statement matching `killAt`. */
async function importFolder(env: Record<string, string>, folder: string, killAt?: string): Promise<ServerProcess> {
  const fault: Record<string, string> = killAt
    ? { DONDOC_FAULT_BEFORE_STATEMENT: killAt, DONDOC_FAULT_ARMED: '1' }
    : {};
  const run = await spawnDondoc('import', { ...env, ...fault }, [folder]);
  started.push(run);
  await new Promise((resolve) => run.child.once('exit', resolve));
  return run;
}

async function counts({ db }: DatabaseHandle) {
  const { rows } = await sql<Record<string, string>>`
    SELECT (SELECT count(*) FROM employer) AS employer, (SELECT count(*) FROM obligation) AS obligation,
      (SELECT count(*) FROM payment) AS payment, (SELECT count(*) FROM import_batch) AS batch,
      (SELECT count(*) FROM arrears_position) AS position`.execute(db);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

/** Every stored position the engine's answer from the stored ledger at today, some of them late. */
async function positionsAreFresh({ db }: DatabaseHandle) {
  const fresh = await expectPositionsFresh(db, vietnamDate(systemClock.now()));
  expect(fresh.some((p) => p.late_amount > 0)).toBe(true);
}

describe.each(DATABASE_KINDS)('a first load killed, on %s', (kind: DatabaseKind) => {
  const drops: (() => Promise<void>)[] = [];
  let folder = '';
  let whole: Record<string, number>;

  /** A database of its own for each test: migrated, with the office tree an import needs and no employer. */
  async function newDatabase(): Promise<Record<string, string>> {
    const { env, drop } = await migratedProcessDatabase(kind);
    drops.push(drop);
    await withDatabase(env, (handle) => seedDemo(handle, systemClock, { employers: 0, months: 1 }));
    return env;
  }

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) throw new Error('dist not built: npm run build');
    folder = mkdtempSync(join(tmpdir(), 'dondoc-first-load-crash-'));
    const today = vietnamDate(systemClock.now());
    const args = ['--employers', String(EMPLOYERS), '--months', '24', '--seed', '11', '--out', folder];
    expect(await generateCommand([...args, '--as-of', today], systemClock, () => {})).toBe(0);
    const lines = (f: string) => readFileSync(join(folder, f), 'utf8').trimEnd().split('\n').length - 1;
    whole = {
      employer: EMPLOYERS,
      obligation: lines('obligations.csv'),
      payment: lines('payments.csv'),
      batch: 3,
      position: EMPLOYERS,
    };
  });
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('before its commit leaves nothing, and the same command run again loads the country whole', async () => {
    const env = await newDatabase();
    for (const statement of BEFORE_COMMIT) {
      const killed = await importFolder(env, folder, statement);
      expect(killed.child.signalCode, killed.output()).toBe('SIGKILL');
      expect(killed.output()).toMatch(/dondoc: fault: SIGKILL before/);
      expect(await withDatabase(env, counts)).toEqual({
        employer: 0,
        obligation: 0,
        payment: 0,
        batch: 0,
        position: 0,
      });
    }
    const again = await importFolder(env, folder);
    expect(again.child.exitCode, again.output()).toBe(0);
    expect(again.output()).toContain(`${EMPLOYERS} employers' positions computed from the files`);
    await withDatabase(env, async (handle) => {
      expect(await counts(handle)).toEqual(whole);
      await positionsAreFresh(handle);
    });
  }, 300_000);

  it('after its commit leaves the ledger whole and its positions owed, which the next start computes', async () => {
    const env = await newDatabase();
    const killed = await importFolder(env, folder, AFTER_COMMIT);
    expect(killed.child.signalCode, killed.output()).toBe('SIGKILL');
    expect(await withDatabase(env, counts)).toEqual({ ...whole, position: 0 });

    const server = await spawnServer(env);
    started.push(server);
    try {
      await server.waitFor(/job daily-close end ok/, 120_000);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).toMatch(/refresh\(es\) of the positions cut short/);
    await withDatabase(env, async (handle) => {
      expect(await counts(handle)).toEqual(whole);
      await positionsAreFresh(handle);
    });
  }, 300_000);
});
