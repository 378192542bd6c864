// bench/load: N virtual users working the day's pages (worklist, employer search, an employer's arrears, the
// director's report draft) against dondoc on a PostgreSQL server holding the demo data, served by
// `dondoc start --workers 1` and then `--workers 2` on the same database; prints p50/p99 latency and throughput per
// page and overall, against the target of 200 users each sending one request every 2 s at p99 ≤ 300 ms, with the CPU
// time the app processes, PostgreSQL and this load generator used, and the machine's load average.
// Usage: npx tsx bench/load.ts [--users 200] [--interval 2000] [--seconds 60] [--processes 1,2] [--provinces 8]
//                              [--employers 20000] [--database-url URL]
// With --database-url the runs use that PostgreSQL database, which already holds the demo (a first start loads it
// into an empty one), instead of a throw-away server loaded afresh.
//
// The load comes from this one Node process over loopback, on the same cores as the app and PostgreSQL: on a
// 2-core machine the figures are an upper bound on what a separate load generator would see.
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startPostgres } from '../test/support/postgres-server.js';
import { postmasterPid, treeCpuSeconds } from './cpu.js';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    interval: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '60' },
    processes: { type: 'string', default: '1,2' },
    // Each province's officer and director log in once and their sessions are shared by the users: a few
    // provinces keep the logins under the per-address throttle, which would otherwise hold the bench back.
    provinces: { type: 'string', default: '8' },
    employers: { type: 'string', default: '20000' },
    'database-url': { type: 'string' },
  },
});
const USERS = Number(values.users);
const INTERVAL_MS = Number(values.interval);
const SECONDS = Number(values.seconds);
const PROCESS_COUNTS = values.processes.split(',').map(Number);
const PROVINCES = Number(values.provinces);
const EMPLOYERS = Number(values.employers);
const CALIBRATION_REQUESTS = 20;
const WARM_UP_REQUESTS = 3;
const TARGET_P99_MS = 300;
const DEMO_PASSWORD = 'dondoc@2026';

interface AppProcess {
  base: string;
  child: ChildProcess;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startApp(databaseUrl: string, options: { demo: boolean; workers: number }): Promise<AppProcess> {
  const port = await freePort();
  const args = ['start', '--workers', String(options.workers), ...(options.demo ? ['--demo'] : [])];
  const child = spawn('node', [join(root, 'bin', 'dondoc.js'), ...args], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DONDOC_DEMO_EMPLOYERS: String(EMPLOYERS),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 500) {
    if (child.exitCode !== null) throw new Error(`dondoc start exited with ${child.exitCode}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { base, child };
    if (waited > 600_000) throw new Error('dondoc did not become ready in 10 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stopApp(app: AppProcess): Promise<void> {
  if (app.child.exitCode !== null) return;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGTERM');
  await exited;
}

/** The demo is loaded once the first close has run and the installation is marked ready. */
async function waitForDemo(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client
        .query<{ state: string }>('SELECT state FROM installation')
        .catch(() => ({ rows: [] }));
      if (rows[0]?.state === 'ready') return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await client.end();
  }
}

interface Session {
  cookie: string;
  employerIds: number[];
  /** The director's report of today, for directors only. */
  reportPath: string | null;
  searchWords: string[];
}

/** Logs in as a person would, waiting out the throttle that holds back many logins from one address. */
async function logIn(base: string, username: string): Promise<string> {
  let response: Response;
  for (;;) {
    response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (response.status !== 429) break;
    const seconds = Number(response.headers.get('retry-after')) || 10;
    console.log(`login throttled, waiting ${seconds} s …`);
    await new Promise((r) => setTimeout(r, seconds * 1000));
  }
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function getJson<T>(base: string, cookie: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** Every province's officer and director, each with the employers and the report they would open. */
async function openSessions(base: string): Promise<{ officers: Session[]; directors: Session[] }> {
  const offices = await getJson<{ items: { id: number; code: string; kind: string }[] }>(
    base,
    await logIn(base, 'admin'),
    '/api/offices',
  ).then((r) => r.items.filter((o) => o.kind === 'province').slice(0, PROVINCES));
  const campaign = await getJson<{ items: { id: number }[] }>(base, await logIn(base, 'banthu'), '/api/campaigns').then(
    (r) => r.items[0],
  );
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const officers: Session[] = [];
  const directors: Session[] = [];
  for (const office of offices) {
    const code = office.code.toLowerCase();
    for (const [username, list] of [
      [`cb.${code}`, officers],
      [`gd.${code}`, directors],
    ] as const) {
      const cookie = await logIn(base, username);
      const page = await getJson<{ items: { id: number; name: string }[] }>(
        base,
        cookie,
        '/api/employers?pageSize=200',
      );
      list.push({
        cookie,
        employerIds: page.items.map((e) => e.id),
        reportPath:
          list === directors && campaign ? `/api/campaigns/${campaign.id}/reports/${office.id}/${today}` : null,
        searchWords: page.items.map((e) => e.name.split(' ').slice(-1)[0]!.toLowerCase()),
      });
    }
  }
  return { officers, directors };
}

type Page = 'worklist' | 'search' | 'arrears' | 'report';

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function requestFor(session: Session, isDirector: boolean): { page: Page; path: string } {
  const roll = Math.random();
  if (isDirector && session.reportPath && roll < 0.5) return { page: 'report', path: session.reportPath };
  if (roll < 0.4) return { page: 'worklist', path: '/api/worklist?page=1&pageSize=50' };
  if (roll < 0.7 || session.employerIds.length === 0) {
    return { page: 'search', path: `/api/employers?q=${encodeURIComponent(pick(session.searchWords) ?? 'cong ty')}` };
  }
  return { page: 'arrears', path: `/api/employers/${pick(session.employerIds)}/arrears` };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface CpuMeters {
  app: () => number;
  postgres: () => number;
}

const PAGES: Page[] = ['worklist', 'search', 'arrears', 'report'];

/**
 * The CPU one request of each page costs the app and PostgreSQL, from requests sent one at a time after a few to warm
 * the process up: unlike latency under load, it holds on a machine that others keep busy, and it says how many cores
 * the target mix needs.
 */
async function calibrate(base: string, sessions: { officers: Session[]; directors: Session[] }, cpu: CpuMeters) {
  const director = sessions.directors[0]!;
  const send = async (page: Page, count: number) => {
    for (let i = 0; i < count; i++) {
      let request = requestFor(director, true);
      while (request.page !== page) request = requestFor(director, page === 'report');
      const response = await fetch(`${base}${request.path}`, { headers: { cookie: director.cookie } });
      await response.arrayBuffer();
    }
  };
  // What a process does once (compiling the answers' serializers on first use, its caches' first fill) is not what a
  // request costs in the steady state the load runs in.
  for (const page of PAGES) await send(page, WARM_UP_REQUESTS);
  const costs = new Map<Page, number>();
  for (const page of PAGES) {
    const before = cpu.app() + cpu.postgres();
    await send(page, CALIBRATION_REQUESTS);
    costs.set(page, ((cpu.app() + cpu.postgres() - before) * 1000) / CALIBRATION_REQUESTS);
  }
  // The mix of runLoad: a quarter of the users are directors, half of whose requests are the report.
  const share: Record<Page, number> = { report: 0.125, worklist: 0.35, search: 0.2625, arrears: 0.2625 };
  const perRequest = PAGES.reduce((sum, page) => sum + share[page] * costs.get(page)!, 0);
  const rate = USERS / (INTERVAL_MS / 1000);
  console.log(
    `  CPU per request, one at a time (app + PostgreSQL): ${PAGES.map((p) => `${p} ${costs.get(p)!.toFixed(0)} ms`).join(', ')}; ` +
      `the mix ${perRequest.toFixed(1)} ms, so ${rate.toFixed(0)} requests/s need ${((perRequest * rate) / 1000).toFixed(2)} cores`,
  );
}

async function runLoad(
  base: string,
  sessions: { officers: Session[]; directors: Session[] },
  cpu: CpuMeters,
): Promise<void> {
  const latencies = new Map<Page, number[]>();
  const before = { app: cpu.app(), postgres: cpu.postgres(), bench: process.cpuUsage(), load: loadavg()[0]! };
  const startedAt = performance.now();
  let errors = 0;
  const until = Date.now() + SECONDS * 1000;
  const user = async (index: number) => {
    const isDirector = index % 4 === 3;
    const session = isDirector
      ? sessions.directors[index % sessions.directors.length]!
      : sessions.officers[index % sessions.officers.length]!;
    // Users arrive spread over the first interval, not all in the same millisecond.
    await new Promise((r) => setTimeout(r, Math.random() * INTERVAL_MS));
    while (Date.now() < until) {
      const { page, path } = requestFor(session, isDirector);
      const started = performance.now();
      const ok = await fetch(`${base}${path}`, { headers: { cookie: session.cookie } }).then(
        async (r) => (await r.arrayBuffer(), r.ok),
        () => false,
      );
      const ms = performance.now() - started;
      if (!ok) errors++;
      (latencies.get(page) ?? latencies.set(page, []).get(page)!).push(ms);
      await new Promise((r) => setTimeout(r, Math.max(0, INTERVAL_MS - ms)));
    }
  };
  await Promise.all(Array.from({ length: USERS }, (_, i) => user(i)));
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const benchCpu = process.cpuUsage(before.bench);
  const used = {
    app: cpu.app() - before.app,
    postgres: cpu.postgres() - before.postgres,
    bench: (benchCpu.user + benchCpu.system) / 1e6,
  };
  const all = [...latencies.values()].flat().sort((a, b) => a - b);
  const line = (name: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return (
      `  ${name.padEnd(9)} ${String(sorted.length).padStart(7)} req  p50 ${percentile(sorted, 50).toFixed(0).padStart(5)} ms` +
      `  p99 ${percentile(sorted, 99).toFixed(0).padStart(5)} ms`
    );
  };
  for (const [page, values] of latencies) console.log(line(page, values));
  const p99 = percentile(all, 99);
  console.log(`${line('all', all)}  ${(all.length / wallSeconds).toFixed(0)} req/s  errors ${errors}`);
  console.log(
    `  CPU over ${wallSeconds.toFixed(0)} s: app processes ${used.app.toFixed(1)} s, PostgreSQL ${used.postgres.toFixed(1)} s, ` +
      `load generator ${used.bench.toFixed(1)} s; load average ${before.load.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`,
  );
  console.log(`  target p99 ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'NOT met'}`);
}

const server = values['database-url'] ? null : await startPostgres();
const databaseUrl = values['database-url'] ?? server!.url;
let app: AppProcess | null = null;
try {
  if (server) {
    console.log(`loading the demo data set (${EMPLOYERS} employers) into PostgreSQL (first start) …`);
    const started = Date.now();
    app = await startApp(databaseUrl, { demo: true, workers: 1 });
    await waitForDemo(databaseUrl);
    console.log(`demo ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } else {
    app = await startApp(databaseUrl, { demo: false, workers: 1 });
  }
  // Sessions live in the database: those opened now serve every run, whichever processes answer.
  const sessions = await openSessions(app.base);
  console.log(
    `${sessions.officers.length} officers and ${sessions.directors.length} directors logged in; ` +
      `${USERS} users, one request every ${INTERVAL_MS} ms each, ${SECONDS} s per run`,
  );
  const postgres = postmasterPid(databaseUrl);
  for (const workers of PROCESS_COUNTS) {
    await stopApp(app);
    app = await startApp(databaseUrl, { demo: false, workers });
    const pid = app.child.pid!;
    const cpu = { app: () => treeCpuSeconds(pid), postgres: () => treeCpuSeconds(postgres) };
    console.log(`\ndondoc start --workers ${workers} on one PostgreSQL:`);
    if (workers === PROCESS_COUNTS[0]) await calibrate(app.base, sessions, cpu);
    await runLoad(app.base, sessions, cpu);
  }
} finally {
  if (app) await stopApp(app);
  server?.stop();
}
