import type { Clock } from '../clock.js';
import type { DatabaseHandle } from '../db/connection.js';
import { ensureDefaultRuleSet } from '../ledger/rule-sets.js';
import { ensureDefaultTemplate } from '../features/campaigns/service.js';
import { hasOffices } from '../features/offices/queries.js';
import { insertInstallation, markInstallationReady, readInstallation } from '../features/system/queries.js';
import { claimLease } from '../jobs/lease.js';
import { forgetLeasesExcept, freeLease, releaseLease, renewLease } from '../jobs/queries.js';
import { listTables, truncateTables } from './queries.js';

/** Tables whose rows come with the schema (migrations insert them): kept when a half-made demo is cleared. */
const SCHEMA_TABLES = ['schema_migration', 'role', 'ledger_version'];

export type DemoDecision =
  | { kind: 'serve' }
  | { kind: 'load'; reason: 'first_start' | 'interrupted' }
  | { kind: 'refuse'; message: string };

/**
 * The lease of the server making the demo, held from the start of its load until the demo is marked complete: with
 * several app servers starting on one empty database, only its holder loads, and the others wait instead of taking
 * the load under way for one cut short and clearing it. A holder that dies frees it when it runs out (at once for a
 * killed process of this machine), and the next look sees the load cut short.
 */
export const DEMO_LOAD_LEASE = 'demo-load';
const DEMO_LOAD_LEASE_MS = 60_000;

/**
 * One look at the demo for a starting server: `load` only once this server holds the demo-load lease, `wait` while
 * another server holds it (look again shortly).
 */
export async function claimDemo(
  handle: DatabaseHandle,
  demo: { wanted: boolean; requested: boolean },
  holder: string,
): Promise<DemoDecision | { kind: 'wait' }> {
  const decision = await decideDemo(handle, demo);
  if (decision.kind !== 'load') return decision;
  if (!(await claimLease(handle.db, DEMO_LOAD_LEASE, holder, DEMO_LOAD_LEASE_MS))) return { kind: 'wait' };
  // Another server may have completed the demo between the two looks.
  const now = await decideDemo(handle, demo);
  if (now.kind !== 'load') {
    await releaseLease(handle.db, DEMO_LOAD_LEASE, holder, {
      outcome: 'ok',
      summary: 'nothing to load',
      doneFor: null,
    });
  }
  return now;
}

/**
 * Renews the demo-load lease while the load goes on, including its history made later by the background jobs; stops
 * once the lease is gone (`finishDemoLoad` frees it) or the process stops.
 */
export function keepDemoLoadLease(handle: DatabaseHandle, holder: string): void {
  const timer = setInterval(() => {
    renewLease(handle.db, DEMO_LOAD_LEASE, holder, DEMO_LOAD_LEASE_MS).then(
      (held) => {
        if (!held) clearInterval(timer);
      },
      // The database closing under a stop: the lease then runs out on its own, and the load is made again.
      () => clearInterval(timer),
    );
  }, DEMO_LOAD_LEASE_MS / 4);
  timer.unref();
}

/**
 * What a start does about the demo. The demo is the first look a newcomer gets: it fills an empty embedded database
 * unless DONDOC_DEMO=0, and a server database (DATABASE_URL) only when `--demo` is given (`wanted` says the
 * configuration allows it, `requested` that `--demo` was given). It never touches a database that `dondoc init` set
 * up for production, and a demo load that a crash cut short is made again, never served.
 */
export async function decideDemo(
  handle: DatabaseHandle,
  demo: { wanted: boolean; requested: boolean },
): Promise<DemoDecision> {
  const installation = await readInstallation(handle.db);
  if (installation?.purpose === 'production') {
    return demo.requested
      ? {
          kind: 'refuse',
          message:
            'Cơ sở dữ liệu này đã được thiết lập cho sử dụng thật: không nạp dữ liệu mẫu. / ' +
            'This database was set up for production: the demo is never loaded into it.',
        }
      : { kind: 'serve' };
  }
  if (installation?.purpose === 'demo') {
    return installation.state === 'loading' ? { kind: 'load', reason: 'interrupted' } : { kind: 'serve' };
  }
  if (await hasOffices(handle.db)) return { kind: 'serve' };
  if (demo.wanted) return { kind: 'load', reason: 'first_start' };
  return {
    kind: 'refuse',
    message:
      'Cơ sở dữ liệu trống. Thiết lập cho sử dụng thật: dondoc init --admin TÊN; hoặc nạp dữ liệu mẫu: ' +
      'dondoc start --demo. / The database is empty: set it up with `dondoc init --admin NAME`, or load the demo ' +
      'with `dondoc start --demo`.',
  };
}

/**
 * Clears what an interrupted demo load left (every table but those that come with the schema, and the demo-load lease
 * of the server making it) and marks the database as a demo being loaded, in one transaction: from here until
 * `finishDemoLoad`, a crash means "load again".
 */
export async function beginDemoLoad(handle: DatabaseHandle, clock: Clock): Promise<void> {
  const tables = (await listTables(handle.db)).filter((t) => !SCHEMA_TABLES.includes(t) && t !== 'job_lease');
  await handle.db.transaction().execute(async (trx) => {
    await truncateTables(trx, tables);
    await forgetLeasesExcept(trx, DEMO_LOAD_LEASE);
    await insertInstallation(trx, 'demo', 'loading', clock.now());
  });
  await ensureDefaultRuleSet(handle.db);
  await ensureDefaultTemplate(handle.db);
}

/** The last step of a demo load: only now is the demo served as it is at the next start, by every server. */
export async function finishDemoLoad(handle: DatabaseHandle, clock: Clock): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    await markInstallationReady(trx, clock.now());
    await freeLease(trx, DEMO_LOAD_LEASE);
  });
}
