import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { vietnamDate } from '../../src/domain/calendar.js';
import { beginDemoLoad, finishDemoLoad } from '../../src/demo/install.js';
import { seedDemo } from '../../src/demo/seed.js';
import { ensureDefaultRuleSet } from '../../src/ledger/rule-sets.js';
import { ensureDefaultTemplate } from '../../src/features/campaigns/service.js';
import { createPostgresDatabase } from '../support/databases.js';
import { spawnServer } from '../support/server-process.js';

/**
 * Several app servers on one PostgreSQL database: each looks at the daily close when it starts, and the lease in
 * job_lease lets exactly one of them run it.
 */
const ROOT = join(import.meta.dirname, '..', '..');

describe('two app servers on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  let handle: DatabaseHandle;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) throw new Error('dist not built: npm run build');
    database = await createPostgresDatabase();
    handle = await openDatabase({ databaseUrl: database.url });
    await migrate(handle);
    await ensureDefaultRuleSet(handle.db);
    await ensureDefaultTemplate(handle.db);
    // A demo loaded and marked complete, whose first close has not run yet.
    await beginDemoLoad(handle, systemClock);
    await seedDemo(handle, systemClock, { employers: 3000, months: 12 });
    await finishDemoLoad(handle, systemClock);
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it('run one close between them, recorded in the lease table with its day', async () => {
    const env = { DATABASE_URL: database.url };
    const [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    try {
      await Promise.all([a.waitFor(/is running at/), b.waitFor(/is running at/)]);
      await Promise.race([a.waitFor(/job daily-close end/), b.waitFor(/job daily-close end/)]);
      // The other server's attempt was at its start, before or during the run: give a late one time to show up.
      await new Promise((r) => setTimeout(r, 1000));
      const starts = [a, b].map((s) => s.output().match(/job daily-close start/g)?.length ?? 0);
      expect([...starts].sort()).toEqual([0, 1]);
      const ran = starts[0] === 1 ? a : b;
      expect(ran.output()).toMatch(/job daily-close end ok .*3000 positions recomputed/);
    } finally {
      expect(await a.stop()).toBe(0);
      expect(await b.stop()).toBe(0);
    }
    const lease = await handle.db
      .selectFrom('job_lease')
      .selectAll()
      .where('name', '=', 'daily-close')
      .executeTakeFirstOrThrow();
    expect(lease).toMatchObject({ holder: null, last_outcome: 'ok', done_for: vietnamDate(systemClock.now()) });
    const positions = await handle.db
      .selectFrom('arrears_position')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(positions.n)).toBe(3000);
  });

  it('a server started after the close does not run it again that day', async () => {
    const c = await spawnServer({ DATABASE_URL: database.url, LOG_LEVEL: 'debug' });
    try {
      await c.waitFor(/is running at/);
      await c.waitFor(/job campaign-reminders end/);
      expect(c.output()).not.toMatch(/job daily-close start/);
    } finally {
      expect(await c.stop()).toBe(0);
    }
  });
  it('with --workers 2, two app processes answer on one port while the first process runs the jobs', async () => {
    const server = await spawnServer({ DATABASE_URL: database.url, LOG_LEVEL: 'debug' }, ['--workers', '2']);
    try {
      await server.waitFor(/is running at/);
      expect(server.output()).toMatch(/2 tiến trình ứng dụng \/ app processes/);
      for (let i = 0; i < 40; i++) expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
      const answeredBy = new Set(
        [...server.output().matchAll(/"pid":(\d+)[^\n]*"msg":"request completed"/g)].map((m) => m[1]),
      );
      expect(answeredBy.size).toBe(2);
      expect(answeredBy.has(String(server.child.pid))).toBe(false);
      await server.waitFor(/job campaign-reminders end/);
      expect(server.output()).toMatch(new RegExp(`job campaign-reminders start at \\S+ \\([^:]+:${server.child.pid}:`));
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 180_000);
});

describe('two app servers started with --demo on one empty PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createPostgresDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('load the demo once: the second waits for the first instead of clearing its load', async () => {
    const env = { DATABASE_URL: database.url, DONDOC_DEMO_EMPLOYERS: '400', LOG_LEVEL: 'info' };
    const [a, b] = await Promise.all([spawnServer(env, ['--demo']), spawnServer(env, ['--demo'])]);
    try {
      await Promise.all([a.waitFor(/is running at/, 150_000), b.waitFor(/is running at/, 150_000)]);
      const loads = [a, b].map((s) => (s.output().match(/loading the demo data set…/g) ?? []).length);
      expect([...loads].sort()).toEqual([0, 1]);
      const waited = loads[0] === 1 ? b : a;
      expect(waited.output()).toMatch(/another server is loading the demo data set, waiting/);
      // The one that waited starts serving only once the demo is complete, history included.
      const handle = await openDatabase({ databaseUrl: database.url });
      try {
        expect(await handle.db.selectFrom('installation').select(['purpose', 'state']).executeTakeFirst()).toEqual({
          purpose: 'demo',
          state: 'ready',
        });
        const employers = await handle.db
          .selectFrom('employer')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(employers.n)).toBe(400);
        const lease = await handle.db
          .selectFrom('job_lease')
          .select('holder')
          .where('name', '=', 'demo-load')
          .executeTakeFirstOrThrow();
        expect(lease.holder).toBeNull();
      } finally {
        await handle.close();
      }
    } finally {
      const codes = [await a.stop(), await b.stop()];
      expect(codes, `${a.output()}\n----\n${b.output()}`).toEqual([0, 0]);
    }
  }, 240_000);
});

it('refuses --workers on the embedded database, which one process opens', async () => {
  const server = await spawnServer({ DATA_DIR: mkdtempSync(join(tmpdir(), 'dondoc-workers-')) }, ['--workers', '2']);
  const code = await new Promise<number | null>((resolve) => server.child.once('exit', resolve));
  expect(code).toBe(2);
  expect(server.output()).toMatch(/--workers needs DATABASE_URL/);
});
