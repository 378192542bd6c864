import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../src/config.js';
import { FixedClock } from '../../src/clock.js';
import { SESSION_COOKIE } from '../../src/features/auth/session.js';
import type { App } from '../../src/http/types.js';
import { buildApp, type AppOptions } from '../../src/server.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { PASSWORD, seedWorld, type World } from './fixtures.js';

export interface TestContext {
  app: App;
  database: TestDatabase;
  world: World;
  clock: FixedClock;
  /** Where the app keeps attachments and receives uploads. */
  filesDir: string;
  close(): Promise<void>;
}

export interface TestRoute {
  method: string;
  url: string;
  public: boolean;
}

/** A fresh files folder (attachments, uploads being received) under the system's temporary folder. */
export function tempFilesDir(): string {
  return mkdtempSync(join(tmpdir(), 'dondoc-files-'));
}

export async function startTestApp(
  kind: DatabaseKind,
  options: {
    sessionIdleMinutes?: number;
    routes?: TestRoute[];
    uploads?: Partial<UploadLimits>;
    /** Settings a test needs to vary: proxies to trust, rate limits, a log to read, the built web UI. */
    app?: Pick<AppOptions, 'trustProxy' | 'publicLimits' | 'log' | 'webRoot'>;
  } = {},
): Promise<TestContext> {
  const database = await createTestDatabase(kind);
  const filesDir = tempFilesDir();
  const world = await seedWorld(database.handle.db);
  const clock = new FixedClock(new Date('2025-10-15T03:00:00Z'));
  const app = await buildApp({
    handle: database.handle,
    db: database.handle.db,
    clock,
    ...(options.sessionIdleMinutes ? { sessionIdleMinutes: options.sessionIdleMinutes } : {}),
    uploads: { ...DEFAULT_UPLOAD_LIMITS, ...options.uploads },
    filesDir,
    ...options.app,
    onRoute: (route) => {
      for (const method of [route.method].flat())
        options.routes?.push({ method, url: route.url, public: route.public });
    },
  });
  await app.ready();
  return {
    app,
    database,
    world,
    clock,
    filesDir,
    async close() {
      await app.close();
      await database.drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A signed-in browser: sends the session cookie and, on writes, the CSRF token, as the web client does. */
export interface Agent {
  csrfToken: string;
  cookie: string;
  request(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
}

export async function login(app: App, username: string, password = PASSWORD): Promise<Agent> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  const csrfToken = response.json().csrfToken as string;
  const agent: Agent = {
    csrfToken,
    cookie: cookie.value,
    request(method, url, body, headers = {}) {
      return app.inject({
        method,
        url,
        cookies: { [SESSION_COOKIE]: cookie.value },
        headers: method === 'GET' ? headers : { 'x-csrf-token': csrfToken, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
    get: (url) => agent.request('GET', url),
  };
  return agent;
}
