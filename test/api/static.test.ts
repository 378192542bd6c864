import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import type { App } from '../../src/http/types.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../src/config.js';
import { buildApp } from '../../src/server.js';
import { tempFilesDir } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('serving the web UI', () => {
  let database: TestDatabase;
  let app: App;
  beforeAll(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'dondoc-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>dondoc</title>');
    writeFileSync(join(webRoot, 'assets', 'app-3f2a.js'), 'console.log(1)');
    database = await createTestDatabase('pglite');
    app = await buildApp({
      handle: database.handle,
      db: database.handle.db,
      clock: new FixedClock(new Date()),
      webRoot,
      uploads: DEFAULT_UPLOAD_LIMITS,
      filesDir: tempFilesDir(),
    });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('answers client-side routes with the page, never cached', async () => {
    const response = await app.inject({ method: 'GET', url: '/employers/12?q=nguyen' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>dondoc</title>');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('caches hashed assets for good', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/app-3f2a.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers 404 for a missing script or file instead of the page', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/app-old.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/favicon.ico' })).statusCode).toBe(404);
    // An unknown API path stays a JSON answer, not the page: no route matched, so there is nothing to sign in to.
    const api = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('not_found');
  });
});
