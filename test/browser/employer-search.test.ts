import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { buildApp } from '../../src/server.js';
import type { App } from '../../src/http/types.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { PASSWORD, seedWorld } from '../support/fixtures.js';

/** Debian's Chromium, never a downloaded browser; a missing one fails the suite (`.ci/run` installs it). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_ROOT = join(import.meta.dirname, '..', '..', 'dist', 'web');

describe('the web UI in Chromium', () => {
  let database: TestDatabase;
  let app: App;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
    if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error(`Web UI not built in ${WEB_ROOT}: npm run build`);
    database = await createTestDatabase('pglite');
    await seedWorld(database.handle.db);
    app = await buildApp({
      handle: database.handle, db: database.handle.db, clock: new FixedClock(new Date('2025-10-15T03:00:00Z')),
      webRoot: WEB_ROOT,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    page = await browser.newPage({ locale: 'vi-VN' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('logs in and finds an employer typed without diacritics', async () => {
    await page.goto(`${base}/employers`);
    await page.waitForURL(/\/login/);
    await page.getByLabel(/Tên đăng nhập/).fill('gd.hni');
    await page.getByLabel(/Mật khẩu/).fill(PASSWORD);
    await page.getByRole('button', { name: /Đăng nhập/ }).click();

    await page.waitForURL(/\/employers/);
    await expect.poll(() => page.getByText('Công ty Cổ phần Xây dựng Đức Thành').count()).toBe(1);
    // Hồ Chí Minh's employers are outside the director's province.
    expect(await page.getByText('Công ty TNHH Điện tử Sài Gòn').count()).toBe(0);

    await page.getByTestId('employer-search').locator('input').fill('nguyen hoang');
    await expect.poll(() => page.getByText('Công ty Cổ phần Xây dựng Đức Thành').count()).toBe(0);
    const row = page.getByText('Công ty TNHH Nguyễn Hoàng');
    await expect.poll(() => row.count()).toBe(1);
    expect(page.url()).toContain('q=nguyen');

    await row.click();
    await page.waitForURL(/\/employers\/\d+/);
    await expect.poll(() => page.getByText('0101234567').count()).toBeGreaterThan(0);
    // The ledger: July 2025 in mm/yyyy, its total due, and the totals in VND format.
    await expect.poll(() => page.getByText('07/2025').count()).toBeGreaterThan(0);
    expect(await page.getByText('33.280.000 ₫').count()).toBeGreaterThan(0);
    expect(await page.getByText('65.280.000 ₫').count()).toBeGreaterThan(0);
    expect(await page.getByText('20/08/2025').count()).toBeGreaterThan(0);
  });

  it('switches the interface to English', async () => {
    await page.goto(`${base}/employers`);
    await expect.poll(() => page.getByText('Đơn vị sử dụng lao động').count()).toBeGreaterThan(0);
    expect(await page.getByText('Log out').count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByText('Log out').count()).toBe(1);
    expect(await page.getByText('Đơn vị sử dụng lao động').count()).toBe(0);
    // The choice is remembered across a reload.
    await page.reload();
    await expect.poll(() => page.getByText('Log out').count()).toBe(1);
  });
});
