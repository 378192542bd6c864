import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { recomputePositions } from '../../src/features/arrears/positions.js';
import { refreshLadder } from '../../src/features/ladder/service.js';
import { buildApp } from '../../src/server.js';
import type { App } from '../../src/http/types.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { documentXml, textOf } from '../support/docx-text.js';
import { PASSWORD, seedWorld } from '../support/fixtures.js';

/** Debian's Chromium, never a downloaded browser; a missing one fails the suite (`.ci/run` installs it). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_ROOT = join(import.meta.dirname, '..', '..', 'dist', 'web');

/**
 * An official of BHXH cơ sở Ba Đình on 15/10/2025: Nguyễn Hoàng owes 13.280.000 ₫ for 07/2025 (due 31/08), so the
 * monthly urging letter, due by 10/10, is overdue.
 */
describe('the worklist in Chromium', () => {
  let database: TestDatabase;
  let app: App;
  let browser: Browser;
  let page: Page;
  let base: string;
  let downloads: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
    if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error(`Web UI not built in ${WEB_ROOT}: npm run build`);
    database = await createTestDatabase('pglite');
    const { db } = database.handle;
    const world = await seedWorld(db);
    const clock = new FixedClock(new Date('2025-10-15T03:00:00Z'));
    await recomputePositions(db, clock);
    await refreshLadder(db, clock);
    await db.insertInto('assignment')
      .values([world.employers.nguyenHoang, world.employers.ducThanh].map((employerId) => ({
        employer_id: employerId, user_id: world.users.hni01Officer, responsibility: 'official', assigned_from: '2025-10-01',
      })))
      .execute();
    app = await buildApp({ handle: database.handle, db, clock, webRoot: WEB_ROOT });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    page = await browser.newPage({ locale: 'vi-VN', acceptDownloads: true });
    downloads = mkdtempSync(join(tmpdir(), 'dondoc-downloads-'));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('sends the due urging letter in one click and downloads the numbered letter', async () => {
    await page.goto(`${base}/worklist`);
    await page.waitForURL(/\/login/);
    await page.getByLabel(/Tên đăng nhập/).fill('cb.hni01');
    await page.getByLabel(/Mật khẩu/).fill(PASSWORD);
    await page.getByRole('button', { name: /Đăng nhập/ }).click();
    await page.waitForURL(/\/worklist/);

    // The worklist is the officer's first menu item.
    await expect.poll(() => page.getByRole('menuitem').first().textContent()).toContain('Việc hôm nay');
    const row = page.getByTestId('worklist-row-HN0000001');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Công ty TNHH Nguyễn Hoàng');
    expect(await row.textContent()).toContain('13.280.000\u00a0₫');
    expect(await row.textContent()).toContain('Chậm đóng');
    expect(await row.textContent()).toContain('hạn 10/10/2025');
    // Đức Thành owes nothing: assigned, but not on the list.
    expect(await page.getByTestId('worklist-row-HN0000002').count()).toBe(0);

    await row.getByRole('button', { name: 'Gửi công văn đôn đốc' }).click();
    await expect.poll(() => page.getByText('Số văn bản 1/BHXH-QLT').count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-document').click()]);
    expect(download.suggestedFilename()).toMatch(/HN0000001-1\.docx$/);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    const text = textOf(documentXml(readFileSync(path)));
    expect(text).toContain('Số: 1/BHXH-QLT');
    expect(text).toContain('Công ty TNHH Nguyễn Hoàng');
    expect(text).toContain('13.280.000');

    // The letter moved the employer up the ladder: the next task is the invitation, not yet due.
    await expect.poll(() => row.textContent()).toContain('Đã đôn đốc');
    expect(await row.textContent()).toContain('Thư mời làm việc');
    expect(await row.getByRole('button', { name: 'Gửi công văn đôn đốc' }).count()).toBe(0);
  });

  it('shows the letter and the ladder on the employer page', async () => {
    await page.getByTestId('worklist-row-HN0000001').getByRole('link', { name: 'Công ty TNHH Nguyễn Hoàng' }).click();
    await page.waitForURL(/\/employers\/\d+\?tab=urging/);
    const actionRow = page.locator('tr', { hasText: '1/BHXH-QLT' });
    await expect.poll(() => actionRow.count()).toBe(1);
    expect(await actionRow.textContent()).toContain('15/10/2025');
    expect(await actionRow.textContent()).toContain('Công văn đôn đốc');
    expect(await actionRow.textContent()).toContain('Vũ Văn Sở');
    // The ladder card and its history: late from 01/09, urged since the letter.
    expect(await page.getByText('Đã đôn đốc').count()).toBeGreaterThan(0);
    expect(await page.getByText('01/09/2025 – 15/10/2025').count()).toBe(1);
    expect(await page.getByText('15/10/2025 – nay').count()).toBe(1);
  });
});
