import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FixedClock } from '../../src/clock.js';
import type { App } from '../../src/http/types.js';
import { DEFAULT_UPLOAD_LIMITS } from '../../src/config.js';
import { buildApp } from '../../src/server.js';
import { tempFilesDir } from './app.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { PASSWORD, seedWorld, type World } from './fixtures.js';
import { seedLateEmployers, urgeBatTrang } from './worklist-seed.js';

/** Debian's Chromium, never a downloaded browser; a missing one fails the suite (`.ci/run` installs it). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_ROOT = join(import.meta.dirname, '..', '..', 'dist', 'web');

export interface BrowserTest {
  database: TestDatabase;
  world: World;
  clock: FixedClock;
  app: App;
  browser: Browser;
  page: Page;
  /** http://127.0.0.1:port of the app serving the built UI. */
  base: string;
  /** Clicks what starts a download and saves the file in a folder of the test's: its suggested name and its path. */
  download(click: () => Promise<unknown>): Promise<{ name: string; path: string }>;
  close(): Promise<void>;
}

/**
 * The small country of the fixtures on PGlite, `prepare`d as the test needs (the app is built but not yet listening:
 * `app.inject` works), served with the built UI to a Chromium page in Vietnamese.
 */
export async function startBrowserTest(
  now: Date,
  prepare?: (t: { database: TestDatabase; world: World; clock: FixedClock; app: App }) => Promise<void>,
): Promise<BrowserTest> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error(`Web UI not built in ${WEB_ROOT}: npm run build`);
  const database = await createTestDatabase('pglite');
  const world = await seedWorld(database.handle.db);
  const clock = new FixedClock(now);
  const app = await buildApp({
    handle: database.handle,
    db: database.handle.db,
    clock,
    webRoot: WEB_ROOT,
    uploads: DEFAULT_UPLOAD_LIMITS,
    filesDir: tempFilesDir(),
  });
  await prepare?.({ database, world, clock, app });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = await browser.newPage({ locale: 'vi-VN', acceptDownloads: true });
  const downloads = mkdtempSync(join(tmpdir(), 'dondoc-downloads-'));
  return {
    database,
    world,
    clock,
    app,
    browser,
    page,
    base,
    async download(click) {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      const name = download.suggestedFilename();
      const path = join(downloads, name);
      await download.saveAs(path);
      return { name, path };
    },
    async close() {
      await browser.close();
      await app.close();
      await database.drop();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/**
 * Ba Đình's late employers of test/support/worklist-seed on 15/10/2025, Gốm sứ Bát Tràng urged that morning, in a
 * window 1440 px wide: the lists an official works through; `more` adds what a test needs besides.
 */
export async function startLateEmployersBrowserTest(
  more?: (t: { database: TestDatabase; clock: FixedClock; ids: Record<string, number> }) => Promise<void>,
): Promise<BrowserTest> {
  const t = await startBrowserTest(new Date('2025-10-15T03:00:00Z'), async ({ database, world, clock, app }) => {
    const ids = await seedLateEmployers(database.handle.db, world, clock);
    await urgeBatTrang(app, ids);
    await more?.({ database, clock, ids });
  });
  await t.page.setViewportSize({ width: 1440, height: 900 });
  return t;
}

/** Fills the login form the app redirected to. */
export async function logIn(page: Page, username: string): Promise<void> {
  await page.waitForURL(/\/login/);
  await page.getByLabel(/Tên đăng nhập/).fill(username);
  await page.getByLabel(/Mật khẩu/).fill(PASSWORD);
  await page.getByRole('button', { name: /Đăng nhập/ }).click();
}
