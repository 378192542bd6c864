// bench/import: rows/s of the first load of the national CSV data set into PostgreSQL with `dondoc import` (one
// transaction, checked set-wise, positions computed from the files meanwhile), against two yardsticks in the same run
// on the same server: a plain COPY of the same files into unindexed tables, and that COPY followed by the ledger's
// checks, keys and references built on those tables (what any load that holds the rows to the ledger's rules pays at
// least). Then the incremental update: a day's payments for 1% of employers. Beside each wall time, the CPU seconds
// of this process and of the server, and the load average: the machine may be shared, and wall times then say more
// about the others than about the import.
// Usage: npx tsx bench/import.ts [--employers 500000] [--months 36] [--data DIR]
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { FixedClock } from '../src/clock.js';
import { seedDemo } from '../src/demo/seed.js';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { ensureDefaultRuleSet } from '../src/ledger/rule-sets.js';
import type { LedgerFile } from '../src/ledger-files/records.js';
import { startPostgres } from '../test/support/postgres-server.js';
import { postmasterPid, treeCpuSeconds } from './cpu.js';
import { loadavg } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
// The import as the server runs it, compiled: the first load computes its positions on threads of their own, while it
// writes the ledger, only from compiled code (`node scripts/build.mjs` first).
const { importFirstLoad, importLedgerFile } = (await import(
  join(root, 'dist', 'server', 'features', 'imports', 'service.js')
)) as typeof import('../src/features/imports/service.js');
const { values } = parseArgs({
  options: {
    employers: { type: 'string', default: '500000' },
    months: { type: 'string', default: '36' },
    data: { type: 'string' },
  },
});
const employers = Number(values.employers);
const months = Number(values.months);
const asOf = '2026-11-15';
const data = values.data ?? join(root, 'bench', '.data', `e${employers}-m${months}`);
const KINDS: LedgerFile[] = ['employers', 'obligations', 'payments'];

if (!existsSync(join(data, 'payments.csv'))) {
  console.log(`generating ${employers} employers × ${months} months into ${data} …`);
  execFileSync(
    'node',
    [
      join(root, 'bin', 'dondoc.js'),
      'generate',
      '--employers',
      String(employers),
      '--months',
      String(months),
      '--seed',
      '1',
      '--out',
      data,
      '--as-of',
      asOf,
    ],
    { stdio: 'inherit' },
  );
}
const lines = (file: string) =>
  Number(execFileSync('wc', ['-l', file], { encoding: 'utf8' }).trim().split(/\s+/)[0]) - 1;
const rowsOf = Object.fromEntries(KINDS.map((k) => [k, lines(join(data, `${k}.csv`))])) as Record<LedgerFile, number>;
const totalRows = KINDS.reduce((sum, k) => sum + rowsOf[k], 0);
const bytes = KINDS.reduce((sum, k) => sum + statSync(join(data, `${k}.csv`)).size, 0);
console.log(
  `data: ${rowsOf.employers} employers, ${rowsOf.obligations} obligations, ${rowsOf.payments} payments, ` +
    `${(bytes / 1e9).toFixed(2)} GB`,
);

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const rate = (rows: number, s: number) => `${Math.round(rows / s).toLocaleString('en')} rows/s`;

const server = await startPostgres();
const serverPid = postmasterPid(server.url);
/** CPU seconds of this process and of the server (all its backends) since `cpu()` was last taken. */
const cpu = () => {
  const own = process.cpuUsage();
  return { node: (own.user + own.system) / 1e6, server: treeCpuSeconds(serverPid) };
};
const cpuSince = (from: ReturnType<typeof cpu>) => {
  const now = cpu();
  return `CPU ${(now.node - from.node).toFixed(1)} s here + ${(now.server - from.server).toFixed(1)} s server`;
};
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
try {
  // The yardstick: the files as they are, streamed by COPY into tables without keys, indexes or checks.
  const raw = new pg.Client({ connectionString: server.url });
  await raw.connect();
  await raw.query(`CREATE SCHEMA raw;
    CREATE TABLE raw.employers (code text, tax_code text, name text, province text, office text, ownership text,
      headcount integer, status text, payment_cycle smallint);
    CREATE TABLE raw.obligations (employer text, period text, fund text, amount bigint);
    CREATE TABLE raw.payments (employer text, date date, amount bigint, reference text);`);
  let copySeconds = 0;
  const copyCpu = cpu();
  for (const kind of KINDS) {
    const started = process.hrtime.bigint();
    await pipeline(
      createReadStream(join(data, `${kind}.csv`)),
      raw.query(copyFrom(`COPY raw.${kind} FROM STDIN (FORMAT csv, HEADER true)`)),
    );
    const s = seconds(started);
    copySeconds += s;
    console.log(`COPY ${kind}: ${s.toFixed(1)} s, ${rate(rowsOf[kind], s)}`);
  }
  const copyCpuText = cpuSince(copyCpu);
  console.log(`COPY: ${copyCpuText}; ${load()}`);
  // The least a load that holds the rows to the ledger's own rules can take: the same tables given, after the COPY,
  // the CHECKs, keys, indexes and references of employer, obligation and payment (each built once, from all rows).
  const rulesCpu = cpu();
  const rulesStarted = process.hrtime.bigint();
  await raw.query(`
    ALTER TABLE raw.employers ADD PRIMARY KEY (code);
    ALTER TABLE raw.obligations ADD CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      ADD CHECK (fund IN ('BHXH', 'BHTNLD', 'BHTN', 'BHYT')), ALTER COLUMN amount SET NOT NULL;
    ALTER TABLE raw.obligations ADD PRIMARY KEY (employer, period, fund);
    ALTER TABLE raw.obligations ADD FOREIGN KEY (employer) REFERENCES raw.employers (code);
    ALTER TABLE raw.payments ADD CHECK (amount > 0), ALTER COLUMN date SET NOT NULL;
    ALTER TABLE raw.payments ADD UNIQUE (employer, reference);
    CREATE INDEX ON raw.payments (employer, date);
    ALTER TABLE raw.payments ADD FOREIGN KEY (employer) REFERENCES raw.employers (code);`);
  const rulesSeconds = seconds(rulesStarted);
  const floorSeconds = copySeconds + rulesSeconds;
  console.log(
    `the ledger's checks, keys and references on those tables: ${rulesSeconds.toFixed(1)} s; ${cpuSince(rulesCpu)}`,
  );
  await raw.query('DROP SCHEMA raw CASCADE');
  await raw.end();

  // dondoc import into the application's schema, on the same server: offices first, as a first start loads them.
  const handle = await openDatabase({ databaseUrl: server.url });
  const clock = new FixedClock(new Date(`${asOf}T03:00:00Z`));
  await migrate(handle);
  await seedDemo(handle, clock, { employers: 0, months: 1 });
  await ensureDefaultRuleSet(handle.db);
  const rootOffice = await handle.db
    .selectFrom('office')
    .select(['id', 'path'])
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  const actor = { userId: null, scope: rootOffice.path, officeId: rootOffice.id };
  const importCpu = cpu();
  const started = process.hrtime.bigint();
  const loaded = await importFirstLoad(
    handle,
    clock,
    actor,
    KINDS.map((kind) => ({ kind, path: join(data, `${kind}.csv`), fileName: `${kind}.csv` })),
    { language: 'en' },
  );
  const importSeconds = seconds(started);
  if (loaded?.status !== 'loaded') throw new Error(`first load: ${JSON.stringify(loaded)}`);
  for (const f of loaded.files)
    console.log(`dondoc import ${f.kind}: ${f.seconds.toFixed(1)} s, ${rate(f.rows, f.seconds)}`);
  console.log(`positions and ladder of ${loaded.employerIds.length} employers: ${loaded.positionSeconds.toFixed(1)} s`);
  console.log(`dondoc import: ${cpuSince(importCpu)}; ${load()}`);
  console.log(`COPY, unindexed: ${copySeconds.toFixed(1)} s, ${rate(totalRows, copySeconds)} (${copyCpuText})`);
  console.log(
    `dondoc import, first load: ${importSeconds.toFixed(1)} s, ${rate(totalRows, importSeconds)}; ` +
      `${((copySeconds / importSeconds) * 100).toFixed(0)}% of COPY throughput (target ≥ 50%)`,
  );
  console.log(
    `COPY then the ledger's checks, keys and references: ${floorSeconds.toFixed(1)} s, ` +
      `${((copySeconds / floorSeconds) * 100).toFixed(0)}% of COPY throughput; dondoc import takes ` +
      `${((importSeconds / floorSeconds) * 100).toFixed(0)}% of that time`,
  );
  // The files' seconds are their rows going in, checked row by row; the keys are built and the load committed after.
  const filesSeconds = loaded.files.reduce((sum, f) => sum + f.seconds, 0);
  console.log(
    `  of which the files going in: ${filesSeconds.toFixed(1)} s (${((copySeconds / filesSeconds) * 100).toFixed(0)}% ` +
      `of COPY throughput); keys built, analysed and committed: ` +
      `${(importSeconds - filesSeconds - loaded.positionSeconds).toFixed(1)} s; positions stored and ladder: ` +
      `${loaded.positionSeconds.toFixed(1)} s`,
  );

  // Incremental: the next day's payments from 1% of employers, one each, through the same import.
  const codes = await handle.db.selectFrom('employer').select('code').orderBy('code').execute();
  const step = 100;
  const day = '2026-11-16';
  const paymentLines = codes.filter((_, i) => i % step === 0).map((c, i) => `${c.code},${day},1500000,BENCH-${i}`);
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-bench-'));
  const file = join(dir, 'payments.csv');
  writeFileSync(file, `employer,date,amount,reference\n${paymentLines.join('\n')}\n`);
  clock.advance(24 * 3600 * 1000);
  const dayCpu = cpu();
  const dayStarted = process.hrtime.bigint();
  const result = await importLedgerFile(handle, clock, actor, 'payments', file, 'payments.csv');
  const s = seconds(dayStarted);
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 'imported') throw new Error(`incremental: ${JSON.stringify(result)}`);
  console.log(
    `incremental: ${paymentLines.length} payments of 1% of employers, ${result.employerIds.length} positions ` +
      `recomputed in ${s.toFixed(2)} s (target ≤ 2 s); ${cpuSince(dayCpu)}; ${load()}`,
  );
  await handle.close();
} finally {
  server.stop();
}
