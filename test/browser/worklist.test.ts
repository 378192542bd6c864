import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputePositions } from '../../src/ledger/positions.js';
import { refreshLadder } from '../../src/ledger/ladder.js';
import { logIn, startBrowserTest, type BrowserTest } from '../support/browser.js';
import { documentXml, textOf } from '../support/docx-text.js';

/**
 * An official of BHXH cơ sở Ba Đình on 15/10/2025: Nguyễn Hoàng owes 13.280.000 ₫ for 07/2025 (due 31/08), so the
 * monthly urging letter, due by 10/10, is overdue.
 */
describe('the worklist in Chromium', () => {
  let t: BrowserTest;
  let page: Page;
  let base: string;
  let downloads: string;

  beforeAll(async () => {
    t = await startBrowserTest(new Date('2025-10-15T03:00:00Z'), async ({ database, world, clock }) => {
      const { db } = database.handle;
      await recomputePositions(db, clock);
      await refreshLadder(db, clock);
      await db
        .insertInto('assignment')
        .values(
          [world.employers.nguyenHoang, world.employers.ducThanh].map((employerId) => ({
            employer_id: employerId,
            user_id: world.users.hni01Officer,
            responsibility: 'official',
            assigned_from: '2025-10-01',
          })),
        )
        .execute();
    });
    ({ page, base } = t);
    downloads = mkdtempSync(join(tmpdir(), 'dondoc-downloads-'));
  });

  afterAll(async () => {
    await t?.close();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('sends the due urging letter in one click and downloads the numbered letter', async () => {
    await page.goto(`${base}/worklist`);
    await logIn(page, 'cb.hni01');
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

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-document').click(),
    ]);
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
