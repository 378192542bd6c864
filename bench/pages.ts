// bench/pages: how long each main page takes to show its data in a browser, on the demo data set, against the target
// of 1 s at the 95th percentile over ten loads. Starts `dondoc start` on a fresh PGlite data folder (or a PostgreSQL
// server) with the demo loaded as `npm start` loads it, waits for the demo's first close and history, logs in with
// Chromium as the role each page is for, and opens each page ten times. A load is timed from the navigation to the
// moment the page shows its data: the page's own element (a table row, a report's figure) is visible, no request to
// the API is on its way and no spinner turns. The first opening of each page (chunks not yet cached) is given apart.
// Beside the times: the slowest API answer of each load (server time as the browser sees it), the CPU time per load of
// the server and of the browser (its rendering), and the load average, since on a shared machine wall times say as
// much about the neighbours.
// Usage: npx tsx bench/pages.ts [--db pglite|postgres] [--loads 10] [--only report,emulation] [--employers 20000]
//        [--data DIR] (a PGlite folder kept between runs: the demo is loaded into it once, later runs reuse it)
// Needs `npm run build`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.js';
import { cpuSeconds } from './cpu.js';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    loads: { type: 'string', default: '10' },
    only: { type: 'string' },
    employers: { type: 'string', default: '20000' },
    data: { type: 'string' },
  },
});
const TARGET_MS = 1000;
const LOADS = Number(values.loads);
const PASSWORD = 'dondoc@2026';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What the bench needs to know of the demo to build the pages' addresses. */
interface DemoIds {
  campaignId: number;
  provinceId: number;
  today: string;
  employerId: number;
}

interface PageSpec {
  name: string;
  /** A demo account, or null for the public pages. */
  user: string | null;
  path: (ids: DemoIds) => string;
  /** The element that shows the page's data; an empty answer counts only where the demo has nothing to list. */
  ready: string;
}

const ROWS = '.ant-table-row';
/** A dashboard's chart, drawn (its table is shown on demand). */
const CHART = '[role="img"] canvas';
/** What a page shows while it waits for data. */
const BUSY = '.ant-spin-spinning, .ant-skeleton-active';
const PAGES: PageSpec[] = [
  { name: 'worklist', user: 'cb.hni', path: () => '/worklist', ready: ROWS },
  { name: 'worklist-grassroots', user: 'cb.hni-01', path: () => '/worklist', ready: ROWS },
  { name: 'employers', user: 'cb.hni', path: () => '/employers', ready: ROWS },
  { name: 'employers-national', user: 'banthu', path: () => '/employers', ready: ROWS },
  { name: 'employer', user: 'cb.hni', path: (i) => `/employers/${i.employerId}`, ready: ROWS },
  { name: 'arrears', user: 'gd.hni', path: () => '/arrears', ready: ROWS },
  { name: 'arrears-national', user: 'banthu', path: () => '/arrears', ready: ROWS },
  { name: 'campaign', user: 'gd.hni', path: (i) => `/campaigns/${i.campaignId}`, ready: '[data-testid^="day-"]' },
  {
    name: 'report-draft',
    user: 'gd.hni',
    path: (i) => `/campaigns/${i.campaignId}/reports/${i.provinceId}/${i.today}`,
    ready: '[data-testid="figure-late_amount"]',
  },
  {
    name: 'board',
    user: 'banthu',
    path: (i) => `/campaigns/${i.campaignId}/board`,
    ready: '[data-testid^="board-row-"]',
  },
  { name: 'overview', user: 'gd.hni', path: () => '/oversight', ready: CHART },
  { name: 'overview-national', user: 'banthu', path: () => '/oversight', ready: CHART },
  { name: 'emulation', user: 'banthu', path: () => '/oversight/emulation', ready: ROWS },
  { name: 'inspection', user: 'thanhtra', path: () => '/oversight/inspection', ready: ROWS },
  { name: 'disclosure', user: 'truyenthong', path: () => '/disclosure', ready: `${ROWS}, .ant-empty` },
  { name: 'public', user: null, path: () => '/public', ready: 'main, .ant-layout-content' },
  { name: 'users', user: 'admin', path: () => '/users', ready: ROWS },
  { name: 'feedback', user: 'gd.hni', path: () => '/feedback', ready: `${ROWS}, .ant-empty` },
];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** CPU seconds of the processes under `root` (the browser's), found through /proc's parent ids, `except` one. */
function treeCpuSeconds(root: number, except: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      parents.set(Number(name), Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]));
    } catch {
      // Ended meanwhile.
    }
  }
  const within = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === except) return false;
      if (p === root) return true;
    }
    return false;
  };
  let total = 0;
  for (const pid of parents.keys()) if (pid !== except && within(pid)) total += cpuSeconds(pid) || 0;
  return total;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const load1 = () => loadavg()[0]!.toFixed(1);

/** Starts the server and resolves once it listens and the demo's background work (first close, history) is over. */
async function startServer(env: Record<string, string>, args: string[]) {
  const child = spawn('node', [join(root, 'bin', 'dondoc.js'), 'start', ...args], { env: { ...process.env, ...env } });
  let output = '';
  const waiters: { match: RegExp; resolve: () => void; reject: (e: Error) => void }[] = [];
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.VERBOSE) process.stdout.write(chunk);
    for (const w of [...waiters])
      if (w.match.test(output)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  child.once('exit', (code, signal) => {
    for (const w of waiters.splice(0))
      w.reject(new Error(`the server ended (${signal ?? code}) before ${w.match}:\n${output.slice(-3000)}`));
  });
  const waitFor = (match: RegExp) =>
    match.test(output)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => waiters.push({ match, resolve, reject }));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { child, waitFor, stop };
}

/** The campaign under way, Hà Nội's id, today's reporting day and the largest debtor on cb.hni's worklist. */
async function demoIds(context: BrowserContext): Promise<DemoIds> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await context.request.get(path);
    if (!res.ok()) throw new Error(`${path}: ${res.status()}`);
    return (await res.json()) as T;
  };
  const campaigns = await get<{ items: { id: number }[] }>('/api/campaigns');
  const campaign = await get<{ id: number; provinces: { id: number }[]; days: { day: string }[] }>(
    `/api/campaigns/${campaigns.items[0]!.id}`,
  );
  const worklist = await get<{ asOf: string; items: { employer: { id: number } }[] }>('/api/worklist?pageSize=10');
  const today = worklist.asOf;
  return {
    campaignId: campaign.id,
    provinceId: campaign.provinces[0]!.id,
    today: campaign.days.some((d) => d.day === today) ? today : campaign.days.at(-1)!.day,
    employerId: worklist.items[0]!.employer.id,
  };
}

interface Timing {
  ms: number;
  slowestApiMs: number;
  apiCalls: number;
}

/**
 * Opens the page and waits for its data: the ready element visible, no API request on its way and no spinner. The
 * API requests are counted from the navigation on, so a page that asks in two rounds (a waterfall) waits for both.
 */
async function timeLoad(page: Page, url: string, ready: string): Promise<Timing> {
  const started = new Map<object, number>();
  const durations: number[] = [];
  let inFlight = 0;
  let settled: (() => void) | null = null;
  const onRequest = (r: { url(): string }) => {
    if (!r.url().includes('/api/')) return;
    inFlight++;
    started.set(r, performance.now());
  };
  const onDone = (r: object) => {
    const at = started.get(r);
    if (at === undefined) return;
    started.delete(r);
    durations.push(performance.now() - at);
    inFlight--;
    if (inFlight === 0) settled?.();
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  const t0 = performance.now();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    for (;;) {
      await page.locator(ready).first().waitFor({ state: 'visible', timeout: 120_000 });
      if (inFlight > 0) await new Promise<void>((r) => (settled = r));
      settled = null;
      // A locator's wait, not waitForFunction: the public pages' CSP refuses the evaluation of a string.
      await page.locator(BUSY).first().waitFor({ state: 'hidden', timeout: 120_000 });
      // A spinner's end may have started another request (the next round of a waterfall): wait for it as well.
      if (inFlight === 0) break;
    }
    return {
      ms: performance.now() - t0,
      slowestApiMs: durations.length === 0 ? 0 : Math.max(...durations),
      apiCalls: durations.length,
    };
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
  }
}

async function run(kind: 'pglite' | 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-pages-'));
  let postgres: PostgresServer | null = null;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    DONDOC_DEMO_EMPLOYERS: values.employers!,
    FILES_DIR: join(dir, 'files'),
  };
  const args: string[] = [];
  const dataDir = values.data ?? join(dir, 'data');
  const fresh = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
  if (kind === 'pglite') env.DATA_DIR = dataDir;
  else {
    postgres = await startPostgres();
    env.DATABASE_URL = postgres.url;
    // A server database is given the demo only when asked.
    args.push('--demo');
  }
  console.log(
    `\n${kind === 'pglite' ? `embedded PGlite (${fresh ? 'fresh' : 'kept'} ${dataDir})` : 'PostgreSQL server'}:`,
  );
  const started = Date.now();
  const app = await startServer(env, args);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    await app.waitFor(/is running at/);
    // A demo being loaded is ready once its history is made by the background jobs; a kept one at once.
    if (fresh || kind === 'postgres') await app.waitFor(/job demo-history end/);
    console.log(
      `  server ready after ${((Date.now() - started) / 1000).toFixed(1)} s (server CPU ${cpuSeconds(app.child.pid!).toFixed(1)} s, load ${load1()})`,
    );
    // Let the close's last writes and the machine settle before timing.
    await new Promise((r) => setTimeout(r, 3000));

    const contexts = new Map<string | null, BrowserContext>();
    const contextFor = async (user: string | null) => {
      const known = contexts.get(user);
      if (known) return known;
      const context = await browser.newContext({
        baseURL: base,
        locale: 'vi-VN',
        viewport: { width: 1440, height: 900 },
      });
      if (user !== null) {
        const res = await context.request.post('/api/auth/login', { data: { username: user, password: PASSWORD } });
        if (!res.ok()) throw new Error(`login ${user}: ${res.status()} ${await res.text()}`);
      }
      contexts.set(user, context);
      return context;
    };
    const ids = await demoIds(await contextFor('cb.hni'));
    const director = await demoIds(await contextFor('gd.hni'));
    ids.campaignId = director.campaignId;

    const only = values.only?.split(',');
    const pages = PAGES.filter((p) => !only || only.includes(p.name));
    console.log(
      `  ${'page'.padEnd(20)} ${'user'.padEnd(12)} ${'first'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)}` +
        ` ${'max'.padStart(7)}  ${'slowest API p95'.padStart(15)} ${'calls'.padStart(5)} ${'server CPU'.padStart(11)}` +
        ` ${'browser CPU'.padStart(12)}  load  target`,
    );
    const missed: string[] = [];
    for (const spec of pages) {
      const context = await contextFor(spec.user);
      const page = await context.newPage();
      const url = spec.path(ids);
      try {
        const first = await timeLoad(page, url, spec.ready);
        const cpuFrom = cpuSeconds(app.child.pid!);
        const browserFrom = treeCpuSeconds(process.pid, app.child.pid!);
        const timings: Timing[] = [];
        for (let i = 0; i < LOADS; i++) timings.push(await timeLoad(page, url, spec.ready));
        const cpu = (cpuSeconds(app.child.pid!) - cpuFrom) / LOADS;
        const browserCpu = (treeCpuSeconds(process.pid, app.child.pid!) - browserFrom) / LOADS;
        const ms = timings.map((t) => t.ms).sort((a, b) => a - b);
        const api = timings.map((t) => t.slowestApiMs).sort((a, b) => a - b);
        const p95 = percentile(ms, 95);
        if (p95 > TARGET_MS) missed.push(spec.name);
        console.log(
          `  ${spec.name.padEnd(20)} ${(spec.user ?? '(public)').padEnd(12)} ${first.ms.toFixed(0).padStart(7)}` +
            ` ${percentile(ms, 50).toFixed(0).padStart(7)} ${p95.toFixed(0).padStart(7)} ${ms.at(-1)!.toFixed(0).padStart(7)}` +
            `  ${percentile(api, 95).toFixed(0).padStart(15)} ${String(timings[0]!.apiCalls).padStart(5)}` +
            ` ${`${(cpu * 1000).toFixed(0)} ms`.padStart(11)} ${`${(browserCpu * 1000).toFixed(0)} ms`.padStart(12)}` +
            `  ${load1().padStart(4)}  ${p95 <= TARGET_MS ? 'meets' : 'MISSES'}`,
        );
      } catch (e) {
        missed.push(spec.name);
        console.log(`  ${spec.name.padEnd(20)} failed: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        await page.close();
      }
    }
    console.log(
      `  ${pages.length - missed.length} of ${pages.length} pages meet p95 ≤ ${TARGET_MS} ms over ${LOADS} loads` +
        (missed.length > 0 ? `; missing: ${missed.join(', ')}` : ''),
    );
  } finally {
    await browser.close();
    await app.stop();
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `bench/pages: time until each page shows its data, ${LOADS} loads per page after a first one; target p95 ≤ ${TARGET_MS} ms; ` +
    `${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
const benchCpu = process.cpuUsage();
for (const kind of values.db === 'both' ? (['pglite', 'postgres'] as const) : [values.db as 'pglite' | 'postgres'])
  await run(kind);
const used = process.cpuUsage(benchCpu);
console.log(
  `\nbench process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
