import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import type { App } from '../../src/http/types.js';
import { ensureDefaultRuleSet } from '../../src/ledger/rule-sets.js';
import { buildApp } from '../../src/server.js';
import { tempFilesDir } from '../support/app.js';
import { createPostgresDatabase, createTestDatabase, DATABASE_KINDS } from '../support/databases.js';

/**
 * Two app servers on one database, as behind a reverse proxy that sends a client's requests to either: the public
 * look-ups' allowance is the client's, wherever its requests land. On PostgreSQL each server has its own connection
 * pool, as separate processes would; the embedded database is one process's, so there both share its handle.
 */
describe.each(DATABASE_KINDS)('public rate limits across two app servers on %s', (kind) => {
  const clock = new FixedClock(new Date('2025-10-15T03:00:00Z'));
  const handles: DatabaseHandle[] = [];
  const apps: App[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    if (kind === 'pglite') {
      const database = await createTestDatabase(kind);
      handles.push(database.handle, database.handle);
      drop = database.drop;
    } else {
      const database = await createPostgresDatabase();
      for (let i = 0; i < 2; i++) handles.push(await openDatabase({ databaseUrl: database.url }));
      await migrate(handles[0]!);
      await ensureDefaultRuleSet(handles[0]!.db);
      drop = async () => {
        for (const handle of handles) await handle.close();
        await database.drop();
      };
    }
    for (const handle of handles) {
      const app = await buildApp({
        handle,
        db: handle.db,
        clock,
        uploads: DEFAULT_UPLOAD_LIMITS,
        filesDir: tempFilesDir(),
        publicLimits: { lookupsPerMinute: 4, bulkChecksPerMinute: 1 },
      });
      await app.ready();
      apps.push(app);
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await drop();
  });

  const lookUp = (app: App, remoteAddress: string) =>
    app.inject({ method: 'GET', url: '/api/public/award-check?taxCode=0101234567', remoteAddress });
  const bulkCheck = (app: App, remoteAddress: string) =>
    app.inject({
      method: 'POST',
      url: '/api/public/award-check',
      remoteAddress,
      payload: '0101234567\n',
      headers: { 'content-type': 'text/csv' },
    });

  it('count a client once across both servers, each limit apart, and let it in again in the next minute', async () => {
    const [first, second] = apps as [App, App];
    const answers = [];
    for (const app of [first, second, first, second, first, second])
      answers.push((await lookUp(app, '192.0.2.20')).statusCode);
    expect(answers).toEqual([200, 200, 200, 200, 429, 429]);
    // Another client keeps its own allowance; the bulk check is a limit of its own, also shared.
    expect((await lookUp(second, '192.0.2.21')).statusCode).toBe(200);
    expect((await bulkCheck(first, '192.0.2.20')).statusCode).toBe(200);
    const refused = await bulkCheck(second, '192.0.2.20');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');

    clock.advance(45_000);
    expect((await lookUp(first, '192.0.2.20')).headers['retry-after']).toBe('15');
    clock.advance(15_000);
    expect((await lookUp(second, '192.0.2.20')).statusCode).toBe(200);
    expect((await bulkCheck(first, '192.0.2.20')).statusCode).toBe(200);
  });

  it('forget the windows that have ended', async () => {
    clock.advance(60_000);
    await lookUp(apps[0]!, '192.0.2.22');
    const rows = await handles[0]!.db.selectFrom('rate_limit_window').select(['key', 'window_start']).execute();
    expect(rows.map((r) => r.key)).toEqual(['award-lookup:192.0.2.22']);
    expect(new Date(rows[0]!.window_start).toISOString()).toBe('2025-10-15T03:02:00.000Z');
  });
});
