import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { workbookEntries, zipFile } from '../support/zip.js';

/**
 * The server as an office runs it (`dondoc start` on an embedded folder), hurt on purpose: killed with SIGKILL in
 * the middle of a large payments import, then sent a zip bomb, a CSV larger than the limit and a CSV without line
 * breaks while another client keeps asking for pages.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dondoc.js');
const PAYMENT_ROWS = 1_500_000;
/** Limits of the server under test: the defaults' kinds, smaller so the test's files stay small. */
const ENV = {
  DONDOC_DEMO: '0',
  UPLOAD_CSV_MAX_BYTES: String(120 * 1024 * 1024),
  UPLOAD_XLSX_MAX_UNPACKED_BYTES: String(20 * 1024 * 1024),
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Server {
  base: string;
  port: number;
  child: ChildProcess;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn('node', [BIN, 'start'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 90 s:\n${output}`)), 90_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  return { base: `http://127.0.0.1:${port}`, port, child };
}

const stop = async (server: Server, signal: NodeJS.Signals) => {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill(signal);
  await exited;
};

async function signIn(base: string, username: string, password: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/**
 * POSTs a body as a browser uploading a file does; resolves with the answer, which may come before the body is all
 * sent (a refusal), or null when the connection ends without one.
 */
function upload(
  server: Server,
  path: string,
  session: { cookie: string; csrfToken: string },
  body: Readable,
  type: string,
  onSent?: () => void,
): Promise<{ status: number; body: string } | null> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': type },
    });
    req.on('response', (response: IncomingMessage) => {
      let text = '';
      response.on('data', (d: Buffer) => (text += d.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body: text }));
      response.on('error', () => resolve(null));
      body.unpipe(req);
    });
    req.on('error', () => resolve(null));
    req.on('finish', () => onSent?.());
    body.pipe(req);
  });
}

/** Another officer asking for a page every 100 ms; the slowest answer and how many came back. */
function probe(base: string, cookie: string) {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      try {
        const response = await fetch(`${base}/api/offices`, {
          headers: { cookie },
          signal: AbortSignal.timeout(30_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) latencies.push(Date.now() - started);
        else failures++;
      } catch {
        failures++;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { answered: latencies.length, failures, slowest: Math.max(0, ...latencies) };
  };
}

/** Endless CSV payment rows. */
const endlessCsv = () =>
  Readable.from(
    (function* () {
      yield Buffer.from('employer,date,amount,reference\n');
      const chunk = Buffer.from('X0000000001,2025-09-01,1000,R\n'.repeat(20_000));
      for (;;) yield chunk;
    })(),
  );

describe('uploads under fault on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-fault-'));
  const env = { ...ENV, DATA_DIR: join(dir, 'data') };
  let password: string;
  let paymentsFile: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js')))
      throw new Error('dist not built: node scripts/build.mjs');
    const run = (args: string[]) =>
      spawnSync('node', [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
    const init = run(['init', '--admin', 'root']);
    expect(init.status, init.stderr).toBe(0);
    const oneTime = init.stdout.trimEnd().split('\n').at(-1)!;
    const ledger = join(dir, 'ledger');
    expect(
      run(['generate', '--employers', '2000', '--months', '2', '--seed', '3', '--out', ledger, '--as-of', '2025-09-30'])
        .status,
    ).toBe(0);
    unlinkSync(join(ledger, 'obligations.csv'));
    unlinkSync(join(ledger, 'payments.csv'));
    const imported = run(['import', ledger]);
    expect(imported.status, imported.stdout + imported.stderr).toBe(0);
    // A national-size day of payments for those employers: every row new, so it goes to the table in one COPY.
    const codes = readFileSync(join(ledger, 'employers.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]!);
    const lines = ['employer,date,amount,reference'];
    for (let i = 0; i < PAYMENT_ROWS; i++)
      lines.push(
        `${codes[i % codes.length]},2025-09-${String(1 + (i % 28)).padStart(2, '0')},${1000 + (i % 977)},F-${i}`,
      );
    paymentsFile = join(dir, 'payments.csv');
    writeFileSync(paymentsFile, `${lines.join('\n')}\n`);
    // The administrator's one-time password opens nothing but its own change: changed once, as at a first login.
    const server = await startServer(env);
    try {
      const session = await signIn(server.base, 'root', oneTime);
      password = 'ba con vit xoe ra hai cai canh';
      const changed = await fetch(`${server.base}/api/auth/password`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ currentPassword: oneTime, newPassword: password }),
      });
      expect(changed.status).toBe(200);
    } finally {
      await stop(server, 'SIGTERM');
    }
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const count = async (table: 'payment' | 'import_batch') => {
    const handle = await openDatabase({ dataDir: env.DATA_DIR });
    try {
      return Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    } finally {
      await handle.close();
    }
  };

  it('kill -9 in the middle of a large import leaves no partial batch, and the next start serves', {
    timeout: 300_000,
  }, async () => {
    const before = { batches: await count('import_batch'), payments: await count('payment') };
    const server = await startServer(env);
    let answered = false;
    try {
      const session = await signIn(server.base, 'root', password);
      const sent = new Promise<void>((resolve) => {
        void upload(
          server,
          '/api/imports/payments?fileName=payments.csv',
          session,
          createReadStream(paymentsFile),
          'text/csv',
          resolve,
        ).then((r) => (answered = r !== null));
      });
      await sent;
      // The body is in; the import is hashing, then copying 1.5 million rows.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(answered, 'the import finished before the kill: make the file larger').toBe(false);
      await stop(server, 'SIGKILL');
    } finally {
      await stop(server, 'SIGKILL');
    }
    // The batch row is written last: a killed import never has one.
    expect(await count('import_batch')).toBe(before.batches);

    const again = await startServer(env);
    try {
      expect((await fetch(`${again.base}/healthz`)).status).toBe(200);
      // What the killed import was receiving is gone.
      expect(spawnSync('ls', [join(dir, 'files', 'incoming')], { encoding: 'utf8' }).stdout.trim()).toBe('');
      const session = await signIn(again.base, 'root', password);
      expect((await fetch(`${again.base}/api/offices`, { headers: { cookie: session.cookie } })).status).toBe(200);
    } finally {
      await stop(again, 'SIGTERM');
    }
    // The embedded database applies a large file in steps; whatever steps the kill left applied, the start took out.
    expect({ batches: await count('import_batch'), payments: await count('payment') }).toEqual(before);
  });

  it('refuses a zip bomb, an oversized CSV and a CSV without line breaks within seconds while another client is answered', {
    timeout: 300_000,
  }, async () => {
    const server = await startServer(env);
    try {
      const session = await signIn(server.base, 'root', password);
      const timed = async (send: () => Promise<{ status: number; body: string } | null>) => {
        const started = Date.now();
        const answer = await send();
        return { answer, seconds: (Date.now() - started) / 1000 };
      };

      // 200 MB of sheet in a few hundred KB, stated honestly in the directory, then the same stating 1 KB.
      const sheet = Buffer.alloc(200 * 1024 * 1024, 0x20);
      const bomb = zipFile(workbookEntries(sheet));
      const entries = workbookEntries(sheet);
      entries[4]!.declaredUnpacked = 1024;
      const liar = zipFile(entries);
      const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const line = Buffer.alloc(60 * 1024 * 1024, 0x78);
      // Only now, with the files made (compressing blocks this process), does the other client start asking.
      const finish = probe(server.base, session.cookie);
      await new Promise((r) => setTimeout(r, 500));
      const honest = await timed(() =>
        upload(server, '/api/imports/payments?fileName=bomb.xlsx', session, Readable.from([bomb]), xlsx),
      );
      const lying = await timed(() =>
        upload(server, '/api/imports/payments?fileName=lie.xlsx', session, Readable.from([liar]), xlsx),
      );
      const oversized = await timed(() =>
        upload(server, '/api/imports/payments?fileName=huge.csv', session, endlessCsv(), 'text/csv'),
      );
      const oneLine = await timed(() =>
        upload(server, '/api/imports/payments?fileName=line.csv', session, Readable.from([line]), 'text/csv'),
      );
      const { answered, failures, slowest } = await finish();
      console.log(
        `fault: zip bomb ${bomb.length} B refused in ${honest.seconds} s, lying bomb in ${lying.seconds} s, ` +
          `endless CSV in ${oversized.seconds} s, 60 MB one-line CSV in ${oneLine.seconds} s; ` +
          `other client: ${answered} answers, ${failures} failures, slowest ${slowest} ms`,
      );

      expect(honest.answer).toMatchObject({ status: 413, body: expect.stringContaining('workbook_too_large') });
      expect(lying.answer).toMatchObject({
        status: 413,
        body: expect.stringContaining('unpacks to more than it declares'),
      });
      expect(oversized.answer).toMatchObject({ status: 413, body: expect.stringContaining('file_too_large') });
      expect(oneLine.answer).toMatchObject({ status: 422, body: expect.stringContaining('"code":"line_too_long"') });
      for (const { seconds } of [honest, lying, oversized, oneLine]) expect(seconds).toBeLessThan(30);
      expect(failures).toBe(0);
      expect(answered).toBeGreaterThan(5);
      expect(slowest).toBeLessThan(5_000);
      // The process is whole and left nothing of the refused uploads behind.
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
      expect(statSync(join(dir, 'files', 'incoming')).isDirectory()).toBe(true);
      expect(spawnSync('ls', [join(dir, 'files', 'incoming')], { encoding: 'utf8' }).stdout.trim()).toBe('');
    } finally {
      await stop(server, 'SIGTERM');
    }
  });
});
