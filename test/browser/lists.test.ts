import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startBrowserTest, type BrowserTest } from '../support/browser.js';
import { seedLateEmployers } from '../support/worklist-seed.js';

/**
 * The director of Hà Nội on 15/10/2025 works through the late employers as through the worklist: Ba Đình's five
 * employers that left 08/2025 unpaid, beside Nguyễn Hoàng and Đông Anh's cooperative.
 */
describe('the list of late employers in Chromium', () => {
  let t: BrowserTest;
  let page: Page;
  let base: string;
  let downloads: string;

  beforeAll(async () => {
    t = await startBrowserTest(new Date('2025-10-15T03:00:00Z'), async ({ database, world, clock }) => {
      await seedLateEmployers(database.handle.db, world, clock);
    });
    ({ page, base } = t);
    await page.setViewportSize({ width: 1440, height: 900 });
    downloads = mkdtempSync(join(tmpdir(), 'dondoc-downloads-'));
  });

  afterAll(async () => {
    await t?.close();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('shows one line per employer, filters by words without diacritics and amount, and exports what it shows', async () => {
    await page.goto(`${base}/arrears`);
    await logIn(page, 'gd.hni');
    await page.waitForURL(/\/arrears/);
    const rows = page.locator('[data-testid^="late-row-"]');
    await expect.poll(() => rows.count()).toBe(7);
    // One line each at 1440 px: a small table's row of one line is under 50 px high, of two over 60.
    for (const box of await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height))) {
      expect(box).toBeLessThan(50);
    }

    await page.getByLabel('Nợ từ (triệu ₫)').fill('100');
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByTestId('employer-search').locator('input').fill('trang');
    // Bánh kẹo Tràng An and Gốm sứ Bát Tràng, the larger debt first.
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid'))))
      .toEqual(['late-row-HN0000105', 'late-row-HN0000103']);
    expect(page.url()).toMatch(/minAmount=100000000/);
    expect(page.url()).toMatch(/q=trang/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Xuất Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('cham-dong-2025-10-15.xlsx');
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect([2, 3].map((r) => sheet.getRow(r).getCell(2).value)).toEqual(['HN0000105', 'HN0000103']);
    expect(sheet.getRow(2).getCell(8).value).toBe(300_000_000);
    expect(sheet.getRow(2).getCell(8).numFmt).toBe('#,##0');
  });
});
