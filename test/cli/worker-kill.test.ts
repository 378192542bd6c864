import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { vietnamDate } from '../../src/domain/calendar.js';
import { addMonths, periodOfDay } from '../../src/domain/periods.js';
import { createPostgresDatabase } from '../support/databases.js';
import { checkInvariants, login, prepareWorld } from '../support/kill-harness.js';
import { spawnServer, type ServerProcess } from '../support/server-process.js';

/**
 * `dondoc start --workers 2`: an app process killed (SIGKILL) in the middle of a write while the first process lives.
 * It dies after a payments import into employers the books already follow has committed and before their positions
 * are stored again: the first process starts another app process, takes over the refresh the dead one owed, and the
 * books are whole again without any restart of its own.
 */
const ROOT = join(import.meta.dirname, '..', '..');

let server: ServerProcess | null = null;
let drop = async () => {};
afterAll(async () => {
  await server?.kill();
  await drop();
});

/** The app processes of the first process: its children, read from /proc. */
function appProcesses(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

it('an app process killed inside a write is replaced, and what it left half-done is finished', async () => {
  if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) throw new Error('dist not built: npm run build');
  const database = await createPostgresDatabase();
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
  await server.waitFor(/is running at/, 180_000);
  await server.waitFor(/job daily-close end ok/, 180_000);
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

  await server.waitFor(/app process \d+ exited \(SIGKILL\); starting another/, 30_000);
  await server.waitFor(/refresh\(es\) of the positions cut short: the day is closed again/, 30_000);
  await server.waitFor(/job daily-close end ok[\s\S]*job daily-close end ok/, 180_000);
  expect(server.child.exitCode).toBeNull();
  // The new app process is started a second after the exit, and answers once it listens.
  await expect.poll(() => appProcesses(main).length, { timeout: 60_000 }).toBe(2);
  const after = appProcesses(main);
  expect(after.filter((pid) => !before.includes(pid))).toHaveLength(1);
  for (let i = 0; i < 6; i++) expect((await fetch(`${server.base}/healthz`)).status).toBe(200);

  // The import is whole with its batch, every position and ladder step equals a fresh computation, no refresh is owed.
  expect(await checkInvariants(kw)).toEqual([]);
  expect(await server.stop()).toBe(0);
}, 400_000);
