// bench/responsiveness: how long page requests wait while the server does heavy work. Starts `dondoc start --demo` on
// an empty database (the embedded PGlite default, then a PostgreSQL server), and from the moment it listens sends a
// page request (an officer's worklist) every 500 ms without waiting for the previous one, so a frozen server shows as
// long latencies rather than fewer probes. Figures are given per phase: while the first daily close (and the demo's
// history) runs, then while a large payments import runs, against the target p99 ≤ 1 s. Beside each phase: the machine's
// load average and the server's CPU time, since on a shared machine wall times say as much about the neighbours.
// On the embedded database the server logs every hold of its one connection of a second or more (DONDOC_SLOW_DB_MS);
// the longest are printed. On PostgreSQL, the server's sessions are sampled every 250 ms (pg_stat_activity, with the
// sessions blocking each waiting one): per phase, what the busy sessions were doing and what any of them waited on.
// Beside the server's CPU time, the time its main thread was runnable but waited for a core (/proc schedstat).
// On both, the server logs every stall of its event loop of 200 ms or more (DONDOC_SLOW_LOOP_MS): a request waiting
// on the app's own thread rather than on the database.
// Usage: npx tsx bench/responsiveness.ts [--db pglite|postgres|both] [--import-mb 100] [--employers 20000]
// Needs `npm run build`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.js';
import { cpuSeconds, runQueueSeconds } from './cpu.js';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    'import-mb': { type: 'string', default: '100' },
    employers: { type: 'string', default: '20000' },
  },
});
const TARGET_P99_MS = 1000;
const PROBE_EVERY_MS = 500;
const importMb = Number(values['import-mb']);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Probe {
  sentAt: number;
  ms: number;
  ok: boolean;
}

/**
 * One HTTP request with node:http, which (unlike fetch) has no timeout of its own: a request the server takes minutes
 * to answer is measured as minutes, not cut off.
 */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; file?: string },
) {
  return new Promise<{ status: number; body: string; cookie: string }>((resolve) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          cookie: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; '),
        }),
      );
      res.on('error', () => resolve({ status: 0, body: '', cookie: '' }));
    });
    req.on('error', () => resolve({ status: 0, body: '', cookie: '' }));
    if (options.file) createReadStream(options.file).pipe(req);
    else req.end(options.body);
  });
}

/** Lines of the server's output, each with the time it arrived; `waitFor` resolves on the first line matching. */
function watch(child: ChildProcess) {
  const lines: { at: number; text: string }[] = [];
  const waiters: { match: RegExp; resolve: (at: number) => void; reject: (error: Error) => void }[] = [];
  let partial = '';
  const take = (chunk: Buffer) => {
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const text of parts) {
      const at = Date.now();
      lines.push({ at, text });
      if (process.env.VERBOSE) console.log(`   | ${text}`);
      for (const w of [...waiters]) {
        if (w.match.test(text)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(at);
        }
      }
    }
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  // A server that ends before the line awaited is reported with its last lines, not waited for.
  child.once('exit', (code, signal) => {
    const last = lines
      .slice(-20)
      .map((l) => l.text)
      .join('\n');
    for (const w of waiters.splice(0))
      w.reject(new Error(`the server ended (${signal ?? code}) before ${w.match}:\n${last}`));
  });
  return {
    lines,
    waitFor(match: RegExp, timeoutMs = 3_600_000): Promise<number> {
      const seen = lines.find((l) => match.test(l.text));
      if (seen) return Promise.resolve(seen.at);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no line ${match} in ${timeoutMs} ms:\n` +
                  lines
                    .slice(-20)
                    .map((l) => l.text)
                    .join('\n'),
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
  };
}

interface Session {
  pid: number;
  state: string;
  wait: string | null;
  ms: number;
  query: string;
  blockedBy: number[];
}

/** pg_stat_activity of the app's sessions every 250 ms, until `stop`. */
function sampleSessions(url: string) {
  const samples: { at: number; sessions: Session[] }[] = [];
  const client = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<Session>(
        `SELECT pid, state, wait_event_type || ':' || wait_event AS wait,
                (extract(epoch FROM clock_timestamp() - query_start) * 1000)::int AS ms,
                left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query, pg_blocking_pids(pid) AS "blockedBy"
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      samples.push({ at: Date.now(), sessions: rows });
      await new Promise((r) => setTimeout(r, 250));
    }
    await client.end();
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** What the database sessions did in a window: busy sessions, waits, and the statements that ran longest. */
function reportSessions(samples: { at: number; sessions: Session[] }[], from: number, to: number) {
  const inWindow = samples.filter((s) => s.at >= from && s.at < to);
  if (inWindow.length === 0) return;
  const busy = inWindow.map((s) => s.sessions.filter((x) => x.state !== 'idle').length);
  const connections = Math.max(...inWindow.map((s) => s.sessions.length));
  const waits = new Map<string, number>();
  const blockers = new Map<string, number>();
  const long = new Map<string, number>();
  for (const s of inWindow) {
    const byPid = new Map(s.sessions.map((x) => [x.pid, x]));
    for (const x of s.sessions) {
      if (x.state === 'idle') continue;
      if (x.wait && !x.wait.startsWith('Client:')) waits.set(x.wait, (waits.get(x.wait) ?? 0) + 1);
      for (const b of x.blockedBy) {
        const key = `${x.query.slice(0, 50)} ⟵ ${byPid.get(b)?.query.slice(0, 60) ?? b}`;
        blockers.set(key, (blockers.get(key) ?? 0) + 1);
      }
      if (x.ms >= 1000) long.set(x.query, Math.max(long.get(x.query) ?? 0, x.ms));
    }
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(
    `      sessions: ${connections} connected at most, busy p50 ${percentile(
      busy.sort((a, b) => a - b),
      50,
    )} max ${busy.at(-1)}; waits ${
      top(waits, 5)
        .map(([w, n]) => `${w}×${n}`)
        .join(', ') || 'none'
    }`,
  );
  for (const [k, n] of top(blockers, 4)) console.log(`      blocked ×${n}: ${k}`);
  for (const [q, ms] of top(long, 4)) console.log(`      running ${(ms / 1000).toFixed(1)} s: ${q}`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The machine's state at a moment: load average and the server's CPU seconds. */
interface Mark {
  at: number;
  load: number;
  cpu: number;
  /** Seconds the server's main thread waited for a core. */
  waited: number;
}

function report(label: string, probes: Probe[], from: Mark | number, to: Mark | number) {
  const at = (m: Mark | number) => (typeof m === 'number' ? m : m.at);
  const machine =
    typeof from === 'number' || typeof to === 'number'
      ? ''
      : `  load ${to.load.toFixed(1)}  server CPU ${(to.cpu - from.cpu).toFixed(1)} s, its main thread waited ` +
        `${(to.waited - from.waited).toFixed(1)} s for a core`;
  report_(label, probes, at(from), at(to), machine);
}

function report_(label: string, probes: Probe[], from: number, to: number, machine: string) {
  const inWindow = probes.filter((p) => p.sentAt >= from && p.sentAt < to);
  const ms = inWindow.map((p) => p.ms).sort((a, b) => a - b);
  const failed = inWindow.filter((p) => !p.ok).length;
  const p99 = percentile(ms, 99);
  console.log(
    `  ${label.padEnd(34)} ${((to - from) / 1000).toFixed(1).padStart(6)} s  ${String(ms.length).padStart(5)} requests` +
      `  p50 ${percentile(ms, 50).toFixed(0).padStart(6)} ms  p99 ${p99.toFixed(0).padStart(6)} ms` +
      `  max ${(ms.at(-1) ?? NaN).toFixed(0).padStart(6)} ms  failed ${failed}` +
      `  ${p99 <= TARGET_P99_MS ? 'meets' : 'MISSES'} p99 ≤ ${TARGET_P99_MS} ms${machine}`,
  );
}

/** A payments file of about `mb` megabytes for the demo's employers (codes as the demo generator makes them). */
async function paymentsFile(dir: string, codes: string[], mb: number): Promise<string> {
  const path = join(dir, 'payments.csv');
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r)));
  await write('employer,date,amount,reference\n');
  let bytes = 0;
  for (let i = 0; bytes < mb * 1e6; i++) {
    const line = `${codes[i % codes.length]},2024-0${1 + (i % 9)}-1${i % 10},${1_000_000 + (i % 977) * 1000},BENCH-${i}\n`;
    bytes += line.length;
    await write(line);
  }
  await new Promise<void>((r) => out.end(r));
  return path;
}

async function run(kind: 'pglite' | 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-responsive-'));
  let server: PostgresServer | null = null;
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    DONDOC_DEMO_EMPLOYERS: values.employers!,
    DONDOC_SLOW_DB_MS: '1000',
    DONDOC_SLOW_LOOP_MS: '200',
  };
  if (kind === 'pglite') env.DATA_DIR = join(dir, 'data');
  else env.DATABASE_URL = (server = await startPostgres()).url;
  const base = `http://127.0.0.1:${env.PORT}`;
  console.log(`\n${kind === 'pglite' ? 'embedded PGlite (default)' : 'PostgreSQL server'}:`);
  const started = Date.now();
  const child = spawn('node', [join(root, 'bin', 'dondoc.js'), 'start', '--demo'], { env: { ...process.env, ...env } });
  const out = watch(child);
  const mark = (at = Date.now()): Mark => ({
    at,
    load: loadavg()[0]!,
    cpu: cpuSeconds(child.pid!),
    waited: runQueueSeconds(child.pid!),
  });
  const probes: Probe[] = [];
  const sessions = server ? sampleSessions(server.url) : null;
  let probing = true;
  const pending = new Set<Promise<void>>();
  try {
    const listening = mark(await out.waitFor(/is running at/));
    console.log(
      `  demo of ${values.employers} employers loaded, listening after ${((listening.at - started) / 1000).toFixed(1)} s` +
        ` (server CPU ${listening.cpu.toFixed(1)} s, load ${listening.load.toFixed(1)})`,
    );
    // From the moment it listens: the login page's own request (public), and once signed in, the worklist.
    let cookie = '';
    const probe = async (path: string) => {
      const sentAt = Date.now();
      const res = await request(`${base}${path}`, { headers: cookie ? { cookie } : {} });
      probes.push({ sentAt, ms: Date.now() - sentAt, ok: res.status === 200 });
    };
    const probeLoop = (async () => {
      while (probing) {
        const p = probe(cookie ? '/api/worklist?pageSize=50' : '/api/system');
        pending.add(p);
        void p.finally(() => pending.delete(p));
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
    })();
    const loginSent = Date.now();
    const login = await request(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cb.hni', password: 'dondoc@2026' }),
    });
    if (login.status !== 200) throw new Error(`login ${login.status}`);
    console.log(`  login answered in ${((Date.now() - loginSent) / 1000).toFixed(1)} s`);
    cookie = login.cookie;

    // The first close and the demo's history run in the background once the server listens.
    const closeEnd = mark(await out.waitFor(/positions closed|job daily-close end/));
    const closed = mark(await out.waitFor(/job demo-history end/));
    await new Promise((r) => setTimeout(r, 2000));
    const idleFrom = mark();
    await new Promise((r) => setTimeout(r, 5000));
    const idleTo = mark();
    // The phases so far are reported now, once their probes are answered: a long import that fails still leaves them.
    await Promise.all(pending);
    const phases: [string, Mark, Mark][] = [
      ['first close', listening, closeEnd],
      ['demo history', closeEnd, closed],
      ['idle', idleFrom, idleTo],
    ];
    const reportPhase = ([label, from, to]: [string, Mark, Mark]) => {
      report(label, probes, from, to);
      // When the slowest were sent, to be read against the server's lines below (holds, stalls, jobs).
      const slowest = probes
        .filter((p) => p.sentAt >= from.at && p.sentAt < to.at)
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 4);
      console.log(
        `      slowest: ${slowest.map((p) => `${p.ms} ms sent at +${((p.sentAt - started) / 1000).toFixed(1)} s`).join(', ')}`,
      );
      if (sessions) reportSessions(sessions.samples, from.at, to.at);
      const stalls = out.lines
        .filter((l) => l.at >= from.at && l.at < to.at)
        .map((l) => Number(/event loop was blocked (\d+) ms/.exec(l.text)?.[1] ?? NaN))
        .filter((ms) => !Number.isNaN(ms))
        .sort((a, b) => b - a);
      console.log(
        `      event loop stalls ≥ 200 ms: ${stalls.length}, ${(stalls.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s` +
          ` in all, longest ${stalls.slice(0, 5).join(', ') || '-'} ms`,
      );
    };
    for (const phase of phases) reportPhase(phase);

    let importFrom = idleTo;
    let importTo = idleTo;
    let importNote = '';
    if (importMb > 0) {
      // Every employer of the director's province, as a day's national file would spread over them.
      const codes: string[] = [];
      for (let page = 1; ; page++) {
        const employers = await request(`${base}/api/employers?pageSize=200&page=${page}`, { headers: { cookie } });
        const items = (JSON.parse(employers.body) as { items: { code: string }[] }).items;
        codes.push(...items.map((e) => e.code));
        if (items.length < 200) break;
      }
      const file = await paymentsFile(dir, codes, importMb);
      const size = statSync(file).size;
      const director = await request(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'gd.hni', password: 'dondoc@2026' }),
      });
      const csrf = (JSON.parse(director.body) as { csrfToken: string }).csrfToken;
      importFrom = mark();
      const res = await request(`${base}/api/imports/payments?fileName=payments.csv`, {
        method: 'POST',
        headers: {
          cookie: director.cookie,
          'x-csrf-token': csrf,
          'content-type': 'text/csv',
          origin: base,
          'content-length': String(size),
        },
        file,
      });
      importTo = mark();
      importNote =
        `${(size / 1e6).toFixed(0)} MB payments import over ${codes.length} employers: ${res.status} in ` +
        `${((importTo.at - importFrom.at) / 1000).toFixed(1)} s, server CPU ${(importTo.cpu - importFrom.cpu).toFixed(1)} s ` +
        res.body.slice(0, 160);
    }
    probing = false;
    await probeLoop;
    await Promise.all(pending);
    await sessions?.stop();

    if (importMb > 0) {
      console.log(`  ${importNote}`);
      reportPhase(['payments import', importFrom, importTo]);
    }
    for (const l of out.lines.filter((l) => /chốt số liệu|demo arrears history|job /.test(l.text))) {
      console.log(`  +${((l.at - started) / 1000).toFixed(1)} s ${l.text.slice(0, 160)}`);
    }
    const holds = out.lines
      .map((l) => ({ l, ms: Number(/was held (\d+) ms/.exec(l.text)?.[1] ?? NaN) }))
      .filter((h) => !Number.isNaN(h.ms))
      .sort((a, b) => b.ms - a.ms);
    console.log(`  ${holds.length} holds of the embedded database of 1 s or more; the longest:`);
    for (const { l } of holds.slice(0, 8))
      console.log(`    +${((l.at - started) / 1000).toFixed(1)} s ${l.text.slice(8, 200)}`);
  } finally {
    probing = false;
    await sessions?.stop();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `bench/responsiveness: worklist probe every ${PROBE_EVERY_MS} ms; target p99 ≤ ${TARGET_P99_MS} ms; ` +
    `${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
const benchCpu = process.cpuUsage();
const kinds = values.db === 'both' ? (['pglite', 'postgres'] as const) : [values.db as 'pglite' | 'postgres'];
for (const kind of kinds) await run(kind);
const used = process.cpuUsage(benchCpu);
console.log(
  `\nbench process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
