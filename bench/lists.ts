// bench/lists: server CPU per request of the lists of employers (employers, late employers, inspection candidates:
// a page, a filtered and sorted page, the export of what is filtered) for the national board and a province's
// officer, against `dondoc start` on a throw-away PostgreSQL server holding the demo; prints, per request, the CPU
// time of the app process and of PostgreSQL, the median wall time, and the machine's load average.
// Usage: npx tsx bench/lists.ts [--employers 5000] [--repeat 10]
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startPostgres } from '../test/support/postgres-server.js';
import { postmasterPid, treeCpuSeconds } from './cpu.js';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: { employers: { type: 'string', default: '5000' }, repeat: { type: 'string', default: '10' } },
});
const REPEAT = Number(values.repeat);
const DEMO_PASSWORD = 'dondoc@2026';

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function logIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function get(base: string, cookie: string, path: string): Promise<Response> {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response;
}

const server = await startPostgres();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const app = spawn('node', [join(root, 'bin', 'dondoc.js'), 'start', '--demo'], {
  env: {
    ...process.env,
    DATABASE_URL: server.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DONDOC_DEMO_EMPLOYERS: values.employers,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  for (;;) {
    const { rows } = await client
      .query<{ state: string }>('SELECT state FROM installation')
      .catch(() => ({ rows: [] as { state: string }[] }));
    if (rows[0]?.state === 'ready') break;
    if (app.exitCode !== null) throw new Error(`dondoc start exited with ${app.exitCode}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  await client.end();
  for (;;) {
    if (
      await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 500));
  }

  const offices = await get(base, await logIn(base, 'admin'), '/api/offices').then(
    async (r) => ((await r.json()) as { items: { code: string; kind: string }[] }).items,
  );
  const province = offices.find((o) => o.kind === 'province')!.code.toLowerCase();
  const who: [string, string][] = [
    ['national board', await logIn(base, 'banthu')],
    [`officer cb.${province}`, await logIn(base, `cb.${province}`)],
  ];
  const filtered = 'q=cong%20ty&minAmount=10000000&sort=step&order=desc';
  const paths = [
    '/api/employers',
    `/api/employers?${filtered}`,
    '/api/employers/export?minAmount=1',
    '/api/arrears/late',
    `/api/arrears/late?${filtered}`,
    '/api/arrears/late/export',
    '/api/oversight/inspection/candidates',
    `/api/oversight/inspection/candidates?${filtered}`,
    '/api/oversight/inspection/candidates/export',
  ];
  const postgres = postmasterPid(server.url);
  console.log(`demo of ${values.employers} employers; ${REPEAT} requests each after one to warm up`);
  console.log('who | request | app CPU ms/req | PostgreSQL CPU ms/req | median wall ms');
  for (const [name, cookie] of who) {
    for (const path of paths) {
      await (await get(base, cookie, path)).arrayBuffer();
      const appBefore = treeCpuSeconds(app.pid!);
      const pgBefore = treeCpuSeconds(postgres);
      const walls: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        const start = performance.now();
        await (await get(base, cookie, path)).arrayBuffer();
        walls.push(performance.now() - start);
      }
      const appMs = ((treeCpuSeconds(app.pid!) - appBefore) * 1000) / REPEAT;
      const pgMs = ((treeCpuSeconds(postgres) - pgBefore) * 1000) / REPEAT;
      walls.sort((a, b) => a - b);
      console.log(
        `${name} | ${path} | ${appMs.toFixed(0)} | ${pgMs.toFixed(0)} | ${walls[Math.floor(REPEAT / 2)]!.toFixed(0)}`,
      );
    }
  }
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGTERM');
  await exited;
  server.stop();
}
