import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { vietnamDate } from '../../src/domain/calendar.js';
import { addMonths, periodOfDay } from '../../src/domain/periods.js';
import { createMigratedPostgresDatabase } from '../support/databases.js';
import { checkInvariants, login, prepareWorld } from '../support/kill-harness.js';
import { spawnServer, type ServerProcess } from '../support/server-process.js';

/**
 * `dondoc start --workers 2` (PostgreSQL only: the embedded database is opened by one process): an app process killed
 * (SIGKILL) in the middle of a write while the first process lives. It dies after a payments import into employers
 * the books already follow has committed and before their positions are stored again: the first process starts
 * another app process, which takes connections, takes over the refresh the dead one owed, and the books are whole
 * again without any restart of its own. A stop that comes while a replacement is still loading its code ends too.
 */
const ROOT = join(import.meta.dirname, '..', '..');

let server: ServerProcess | null = null;
let drop = async () => {};
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await server?.kill();
  await drop();
});

/** The app processes of the first process: its children, read from /proc. */
function appProcesses(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

/** Asks /healthz on a connection of its own, left open so that the process holding its server end can be found. */
async function healthzOnNewConnection(port: number): Promise<{ status: number; clientPort: number }> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  await once(socket, 'connect');
  socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  const [data] = (await once(socket, 'data')) as [Buffer];
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data.toString())?.[1]), clientPort: socket.localPort! };
}

/** Which of the processes holds the server's end of the connection from `clientPort` (/proc/net/tcp, then fds). */
function holderOf(serverPort: number, clientPort: number, pids: number[]): number | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  const line = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1]?.endsWith(`:${hex(serverPort)}`) && f[2]?.endsWith(`:${hex(clientPort)}`));
  if (!line) return undefined;
  const socket = `socket:[${line[9]}]`;
  return pids.find((pid) =>
    readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === socket;
      } catch {
        return false;
      }
    }),
  );
}

it('an app process killed inside a write is replaced by one that serves, and what it left half-done is finished', async () => {
  if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) throw new Error('dist not built: npm run build');
  const database = await createMigratedPostgresDatabase();
  drop = database.drop;
  const env = {
    DATABASE_URL: database.url,
    FILES_DIR: mkdtempSync(join(tmpdir(), 'dondoc-worker-kill-')),
    DONDOC_BULK_MIN_BYTES: '0',
    // The first statement that stores positions again after the import: its rows are in the ledger by then.
    DONDOC_FAULT_BEFORE_STATEMENT: '^insert into "arrears_position"',
  };
  const kw = await prepareWorld({ env });
  server = await spawnServer(env, ['--workers', '2']);
  // A start is a few seconds on a quiet machine; the waits are long for a busy one, where it can take a minute.
  await server.waitFor(/is running at/, 180_000);
  await server.waitFor(/job daily-close end ok/, 120_000);
  const main = server.child.pid!;
  const before = appProcesses(main);
  expect(before).toHaveLength(2);

  // A payment for each late employer: each one's arrears change.
  const today = vietnamDate(systemClock.now());
  const paidOn = `${addMonths(periodOfDay(today), -1)}-15`;
  const codes = kw.lateIds.map((_, i) => `HL${String(i).padStart(7, '0')}`);
  const text = `employer,date,amount,reference\n${codes.map((c) => `${c},${paidOn},700000,W-${c}`).join('\n')}\n`;
  kw.imports.push({
    kind: 'payments',
    sha256: createHash('sha256').update(text).digest('hex'),
    codes,
    rows: codes.length,
  });
  const officer = await login(server.base, 'cb.hni');
  for (const pid of before) process.kill(pid, 'SIGUSR2');
  await server.waitFor(/fault armed[\s\S]*fault armed/, 30_000);
  const cut = await officer.post('/api/imports/payments?fileName=payments.csv', text, 'text/csv').then(
    () => 'answered',
    () => 'cut',
  );
  expect(cut, server.output()).toBe('cut');

  const dead = Number(
    /app process (\d+) exited \(SIGKILL\); starting another/.exec(await lineOf(server, 'exited'))![1],
  );
  expect(before).toContain(dead);
  await server.waitFor(/refresh\(es\) of the positions cut short: the day is closed again/, 30_000);
  await server.waitFor(/job daily-close end ok[\s\S]*job daily-close end ok/, 120_000);
  // The replacement is started a second after the exit and takes connections once it listens.
  const [, replacement, replaced] = /app process (\d+) listens in place of (\d+)/
    .exec(await lineOf(server, 'listens in place of'))!
    .map(Number);
  expect(replaced).toBe(dead);
  const after = appProcesses(main);
  expect(after.sort()).toEqual([...before.filter((pid) => pid !== dead), replacement].sort());

  // New connections go to each listening app process in turn: the replacement answers its share.
  const port = Number(new URL(server.base).port);
  const holders = new Set<number | undefined>();
  for (let i = 0; i < 4; i++) {
    const { status, clientPort } = await healthzOnNewConnection(port);
    expect(status).toBe(200);
    holders.add(holderOf(port, clientPort, after));
  }
  expect([...holders].sort()).toEqual([...after].sort());
  for (const s of sockets.splice(0)) s.destroy();

  // The import is whole with its batch, every position and ladder step equals a fresh computation, no refresh is owed.
  expect(await checkInvariants(kw)).toEqual([]);

  // Another app process dies, and the server is stopped as soon as its replacement exists, while it is still loading
  // its code: the stop does not wait on a process that is not yet listening for the word to stop.
  process.kill(after[0]!, 'SIGKILL');
  await expect
    .poll(() => appProcesses(main).filter((pid) => !after.includes(pid)), { timeout: 30_000 })
    .toHaveLength(1);
  expect(await server.stop()).toBe(0);
  expect(server.output()).toMatch(/đã dừng \/ stopped\s*$/);
}, 300_000);

/** Waits for the first line holding `text` and returns it. */
async function lineOf(server: ServerProcess, text: string): Promise<string> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await server.waitFor(new RegExp(escaped), 60_000);
  return server
    .output()
    .split('\n')
    .find((l) => l.includes(text))!;
}
