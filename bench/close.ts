// bench/close: the nightly close (positions, ladder, snapshot; src/jobs/daily-close.ts) on PostgreSQL at a national
// size: the data set of `dondoc generate` loaded through `dondoc import`, then the close of the next day over every
// employer (the first close, no position stored), then the close of the day after, once a day of payments from 1 % of
// employers was imported: incremental, recomputing only the positions whose day of change came. Each prints its wall
// time, the CPU time of this process and of PostgreSQL, and the load average; the target is ≤ 60 s at 500,000
// employers. The incremental close's positions are then checked against recomputing every employer.
// Usage: npx tsx bench/close.ts [--employers 50000] [--months 36] [--data DIR]
// Needs `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { FixedClock } from '../src/clock.js';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import type { LedgerFile } from '../src/ledger-files/records.js';
import { ensureDefaultRuleSet } from '../src/ledger/rule-sets.js';
import { startPostgres } from '../test/support/postgres-server.js';
import { postmasterPid, treeCpuSeconds } from './cpu.js';

const root = new URL('..', import.meta.url).pathname;
// The load, the close and the check as the server runs them, compiled: the partitioned engine (the first load's
// positions, the close's bulk recomputation) starts its threads only from compiled code.
const compiled = (path: string) => import(join(root, 'dist', 'server', path));
const { importFirstLoad, importLedgerFile } = (await compiled(
  'features/imports/service.js',
)) as typeof import('../src/features/imports/service.js');
const { dailyClose } = (await compiled('jobs/daily-close.js')) as typeof import('../src/jobs/daily-close.js');
const { recomputePositions } = (await compiled('ledger/positions.js')) as typeof import('../src/ledger/positions.js');
const { values } = parseArgs({
  options: {
    employers: { type: 'string', default: '50000' },
    months: { type: 'string', default: '36' },
    data: { type: 'string' },
  },
});
const employers = Number(values.employers);
const months = Number(values.months);
const asOf = '2026-11-15';
const data = values.data ?? join(root, 'bench', '.data', `e${employers}-m${months}`);
const KINDS: LedgerFile[] = ['employers', 'obligations', 'payments'];
const TARGET_SECONDS = 60;

if (!existsSync(join(data, 'payments.csv'))) {
  console.log(`generating ${employers} employers × ${months} months into ${data} …`);
  const args = ['generate', '--employers', String(employers), '--months', String(months), '--seed', '1'];
  execFileSync('node', [join(root, 'bin', 'dondoc.js'), ...args, '--out', data, '--as-of', asOf], {
    stdio: 'inherit',
  });
}

const server = await startPostgres();
const postgres = postmasterPid(server.url);
/** Runs `work`, printing its wall time, this process's and PostgreSQL's CPU time and the load average. */
async function measured<T>(label: string, work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const load = loadavg()[0]!;
  const cpu = process.cpuUsage();
  const pgBefore = treeCpuSeconds(postgres);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    `${label}: ${seconds.toFixed(1)} s wall; CPU ${((used.user + used.system) / 1e6).toFixed(1)} s here, ` +
      `${(treeCpuSeconds(postgres) - pgBefore).toFixed(1)} s PostgreSQL; load average ${load.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
  );
  return { result, seconds };
}

try {
  const handle = await openDatabase({ databaseUrl: server.url });
  const { db } = handle;
  const clock = new FixedClock(new Date(`${asOf}T03:00:00Z`));
  await migrate(handle);
  await seedDemo(handle, clock, { employers: 0, months: 1 });
  await ensureDefaultRuleSet(db);
  const rootOffice = await db
    .selectFrom('office')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const actor = { userId: null, scope: rootOffice.path, officeId: rootOffice.id };
  await measured('load (dondoc import of the three files: a first load)', async () => {
    const files = KINDS.map((kind) => ({ kind, path: join(data, `${kind}.csv`), fileName: `${kind}.csv` }));
    const loaded = await importFirstLoad(handle, clock, actor, files, { language: 'en' });
    if (loaded?.status !== 'loaded') throw new Error(`first load: ${JSON.stringify(loaded)}`);
  });
  const count = async (table: 'employer' | 'obligation' | 'payment') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const size = await sql<{ bytes: string }>`SELECT pg_database_size(current_database()) AS bytes`.execute(db);
  console.log(
    `data: ${await count('employer')} employers, ${await count('obligation')} obligations, ${await count('payment')} ` +
      `payments; database ${(Number(size.rows[0]!.bytes) / 1e9).toFixed(2)} GB`,
  );

  const close = (label: string) =>
    measured(label, () => dailyClose.run({ handle, db, clock, checkpoint: async () => {} }));

  // A close with no position stored (the load's taken out), as after a load from elsewhere: every employer is computed.
  await db.deleteFrom('arrears_position').execute();
  clock.advance(24 * 3600_000);
  const full = await close('full close of 2026-11-16');
  console.log(`  ${full.result.summary}`);

  // A day of payments from 1 % of employers, one each, imported the next day (their positions recomputed then).
  clock.advance(24 * 3600_000);
  const codes = await db.selectFrom('employer').select('code').orderBy('code').execute();
  const lines = codes.filter((_, i) => i % 100 === 0).map((c, i) => `${c.code},2026-11-17,1500000,BENCH-${i}`);
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-close-'));
  writeFileSync(join(dir, 'payments.csv'), `employer,date,amount,reference\n${lines.join('\n')}\n`);
  await measured(`import of ${lines.length} payments`, async () => {
    const result = await importLedgerFile(handle, clock, actor, 'payments', join(dir, 'payments.csv'), 'payments.csv');
    if (result.status !== 'imported') throw new Error(`payments: ${JSON.stringify(result)}`);
  });
  rmSync(dir, { recursive: true, force: true });
  const incremental = await close('incremental close of 2026-11-17');
  console.log(`  ${incremental.result.summary}`);
  for (const [label, run] of [
    ['full', full],
    ['incremental', incremental],
  ] as const) {
    console.log(
      `${label} close at ${employers} employers: ${run.seconds.toFixed(1)} s (target ≤ ${TARGET_SECONDS} s at 500,000)`,
    );
  }

  // The incremental close left what recomputing every employer gives, computed_at aside.
  // A table, not a temporary one: the pool may give the comparison another connection than the one that made it.
  await sql`CREATE UNLOGGED TABLE bench_closed AS SELECT * FROM arrears_position`.execute(db);
  await measured('recomputing every position, for the check', () => recomputePositions(db, clock));
  // computed_at differs on every recomputed row; the figures are compared without it.
  const figures = await sql<{ n: string }>`
    SELECT count(*) AS n FROM bench_closed c JOIN arrears_position p USING (employer_id)
    WHERE (to_jsonb(c) - 'computed_at') <> (to_jsonb(p) - 'computed_at')`.execute(db);
  console.log(`incremental close against a full recomputation: ${figures.rows[0]!.n} positions differ`);
  await handle.close();
} finally {
  server.stop();
}
