import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { createPostgresDatabase, DATABASE_KINDS, type DatabaseKind } from '../support/databases.js';

/**
 * A VSS office puts dondoc into service as the README says: `dondoc init` on an empty database, then `dondoc start`,
 * on the embedded folder and on a PostgreSQL server; backups restored into a new database give the same books.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dondoc.js');

interface Target {
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function newTarget(kind: DatabaseKind): Promise<Target> {
  if (kind === 'pglite') {
    return { env: { DATA_DIR: join(mkdtempSync(join(tmpdir(), 'dondoc-service-')), 'data') }, drop: async () => {} };
  }
  const database = await createPostgresDatabase();
  return { env: { DATABASE_URL: database.url }, drop: () => database.drop() };
}

const run = (args: string[], env: Record<string, string>) => {
  const r = spawnSync('node', [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `dondoc start` in the background, resolved once it says it is running. */
async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn('node', [BIN, 'start'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 90 s:\n${output}`)), 90_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const login = (base: string, username: string, password: string) =>
  fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

/** Row counts of every table and the books' totals, as the restore must give them back. */
async function books(env: Record<string, string>) {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const tables = await handle.db.introspection.getTables();
    const counts: Record<string, number> = {};
    for (const t of tables) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t.name)}`.execute(handle.db);
      counts[t.name] = rows[0]!.n;
    }
    const totals = await handle.db
      .selectFrom('arrears_position')
      .select((eb) => [
        eb.fn.sum<number>('late_amount').as('late'),
        eb.fn.sum<number>('charge').as('charge'),
        eb.fn.countAll<number>().as('n'),
      ])
      .executeTakeFirstOrThrow();
    return { counts, totals };
  } finally {
    await handle.close();
  }
}

describe.each(DATABASE_KINDS)('into service on %s', (kind) => {
  let target: Target;
  let password: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) throw new Error('dist not built: npm run build');
    target = await newTarget(kind);
  });
  afterAll(async () => target.drop());

  it('will not start on an empty database without init or an explicit demo', () => {
    const r = run(['start'], { ...target.env, DONDOC_DEMO: '0', PORT: '0' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('dondoc init --admin');
  });

  it('init sets up the office tree and one administrator, whose one-time password is the last line', () => {
    const r = run(['init', '--admin', 'root'], target.env);
    expect(r.code, r.err).toBe(0);
    password = r.out.trimEnd().split('\n').at(-1)!;
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  });

  it('init refuses a database that is not empty, changing nothing', () => {
    const r = run(['init', '--admin', 'other'], target.env);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not empty');
  });

  it('start serves the real tree with no demo account and no employer; the administrator logs in, changes the one-time password and works', async () => {
    const server = await startServer(target.env);
    try {
      expect((await login(server.base, 'admin', 'dondoc@2026')).status).toBe(401);
      const session = await login(server.base, 'root', password);
      expect(session.status).toBe(200);
      const { user, csrfToken } = (await session.json()) as {
        user: { mustChangePassword: boolean };
        csrfToken: string;
      };
      expect(user.mustChangePassword).toBe(true);
      const cookie = session.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const get = (url: string) => fetch(`${server.base}${url}`, { headers: { cookie } });
      // The one-time password opens nothing but the change of password.
      const forced = await get('/api/offices');
      expect(forced.status).toBe(403);
      expect(((await forced.json()) as { code: string }).code).toBe('password_change_required');
      const changed = await fetch(`${server.base}/api/auth/password`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ currentPassword: password, newPassword: 'ba con vit xoe ra hai cai canh' }),
      });
      expect(changed.status).toBe(200);
      expect(await (await fetch(`${server.base}/api/system`)).json()).toEqual({ demo: false });
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${server.base}/readyz`)).json()).toMatchObject({ status: 'ready' });
      const offices = (await (await get('/api/offices')).json()) as { items: { kind: string }[] };
      expect(offices.items.filter((o) => o.kind === 'province')).toHaveLength(34);
      const employers = (await (await get('/api/employers?page=1&pageSize=10')).json()) as { total: number };
      expect(employers.total).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('start --demo refuses a database set up for production', () => {
    const r = run(['start', '--demo'], { ...target.env, PORT: '0' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('production');
  });

  it('a backup restored into a new database gives the same rows and the same arrears totals', {
    timeout: 180_000,
  }, async () => {
    const files = mkdtempSync(join(tmpdir(), 'dondoc-ledger-'));
    expect(
      run(
        ['generate', '--employers', '120', '--months', '8', '--seed', '4', '--out', files, '--as-of', '2026-06-30'],
        {},
      ).code,
    ).toBe(0);
    const imported = run(['import', files], target.env);
    expect(imported.code, imported.out + imported.err).toBe(0);
    const before = await books(target.env);
    expect(before.counts.employer).toBe(120);
    expect(before.totals.n).toBe(120);

    const file = join(files, 'backup.sql.gz');
    expect(run(['backup', file], target.env).code).toBe(0);
    const copy = await newTarget(kind);
    try {
      const restored = run(['restore', file], copy.env);
      expect(restored.code, restored.err).toBe(0);
      expect(await books(copy.env)).toEqual(before);
      // A restore goes into an empty database only.
      expect(run(['restore', file], copy.env).code).toBe(2);
    } finally {
      await copy.drop();
    }
  });
});
