import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshLadder } from '../../src/ledger/ladder.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { logIn, startLateEmployersBrowserTest, type BrowserTest } from '../support/browser.js';
import { docxInZip } from '../support/docx-text.js';

/**
 * The director of Hà Nội on 15/10/2025 works through the late employers as through the worklist: Ba Đình's five
 * employers that left 08/2025 unpaid (Gốm sứ Bát Tràng urged that morning; In Ấn late since 05/2025), beside Nguyễn
 * Hoàng and Đông Anh's cooperative.
 */
describe('the list of late employers in Chromium', () => {
  let t: BrowserTest;
  let page: Page;
  let base: string;
  const rows = () => page.locator('[data-testid^="late-row-"]');
  const rowCodes = () => rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')?.slice(9)));

  beforeAll(async () => {
    t = await startLateEmployersBrowserTest(async ({ database, clock, ids }) => {
      // In Ấn Hà Nội left 05 to 07/2025 unpaid too, 5.000.000 ₫ each: 75.000.000 ₫, months enough for "3–5 tháng".
      const { db } = database.handle;
      await db
        .insertInto('obligation')
        .values(
          ['2025-05', '2025-06', '2025-07'].map((period) => ({
            employer_id: ids.HN0000104!,
            period,
            fund: 'BHXH' as const,
            amount: 5_000_000,
          })),
        )
        .execute();
      await recomputePositions(db, clock);
      await refreshLadder(db, clock);
    });
    ({ page, base } = t);
  });

  afterAll(() => t?.close());

  it('shows one line per employer, filters by words without diacritics and amount, and exports what it shows', async () => {
    await page.goto(`${base}/arrears`);
    await logIn(page, 'gd.hni');
    await page.waitForURL(/\/arrears/);
    await expect.poll(() => rows().count()).toBe(7);
    // One line each at 1440 px: a small table's row of one line is under 50 px high, of two over 60.
    for (const box of await rows().evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height))) {
      expect(box).toBeLessThan(50);
    }

    await page.getByLabel('Nợ từ (triệu ₫)').fill('100');
    await expect.poll(() => rows().count()).toBe(4);
    await page.getByTestId('employer-search').locator('input').fill('trang');
    // Bánh kẹo Tràng An and Gốm sứ Bát Tràng, the larger debt first.
    await expect.poll(rowCodes).toEqual(['HN0000105', 'HN0000103']);
    expect(page.url()).toMatch(/minAmount=100000000/);
    expect(page.url()).toMatch(/q=trang/);

    const { name, path } = await t.download(() => page.getByRole('button', { name: /Xuất Excel/ }).click());
    expect(name).toBe('cham-dong-2025-10-15.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect([2, 3].map((r) => sheet.getRow(r).getCell(2).value)).toEqual(['HN0000105', 'HN0000103']);
    expect(sheet.getRow(2).getCell(8).value).toBe(300_000_000);
    expect(sheet.getRow(2).getCell(8).numFmt).toBe('#,##0');
  });

  it('narrows to a band from its card, the URL carrying it, and back to all from a second click', async () => {
    await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
    await expect.poll(() => rows().count()).toBe(7);
    const card = page.getByTestId('summary-card-3-5');
    // In Ấn alone is three months late or more; the six others owe 733.280.000 ₫.
    await expect.poll(() => card.textContent()).toBe('3–5 tháng175.000.000\u00a0₫');
    expect(await page.getByTestId('summary-card-1-2').textContent()).toBe('1–2 tháng6733.280.000\u00a0₫');
    await card.click();
    await page.waitForURL(/band=3-5/);
    await expect.poll(rowCodes).toEqual(['HN0000104']);
    expect(await card.getAttribute('aria-pressed')).toBe('true');
    // The other cards still count their band, to be clicked to.
    expect(await page.getByTestId('summary-card-1-2').textContent()).toBe('1–2 tháng6733.280.000\u00a0₫');

    await card.click();
    await expect.poll(() => page.url()).not.toMatch(/band=/);
    await expect.poll(() => rows().count()).toBe(7);
    expect(await card.getAttribute('aria-pressed')).toBe('false');
  });

  it('sends an urging letter to the employers ticked, across a search, and downloads them as one zip', async () => {
    // All on the page: the two found by "trang".
    await page.getByTestId('employer-search').locator('input').fill('trang');
    await expect.poll(rowCodes).toEqual(['HN0000105', 'HN0000103']);
    await page.locator('thead').locator('input[type="checkbox"]').check();
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('Đã chọn 2 đơn vị');
    // The ticks stay when the search changes: one more from the whole list.
    await page.getByTestId('employer-search').locator('input').fill('');
    await expect.poll(() => rows().count()).toBe(7);
    await page.getByTestId('late-row-HN0000101').locator('input[type="checkbox"]').check();
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('Đã chọn 3 đơn vị');

    await page.getByRole('button', { name: 'Gửi công văn đôn đốc (3)' }).click();
    const { name, path } = await t.download(() => page.getByTestId('bulk-urging-start').click());
    expect(name).toBe('van-ban-2025-10-15-3.zip');
    const letters = docxInZip(readFileSync(path));
    expect(letters.map((l) => l.name.match(/HN\d{7}/)?.[0]).sort()).toEqual(['HN0000101', 'HN0000103', 'HN0000105']);
    for (const letter of letters) expect(letter.xml).toMatch(/\d+\/BHXH-QLT/);
    const letterOf = (code: string) => letters.find((l) => l.name.includes(code))!.xml;
    expect(letterOf('HN0000101')).toContain('Công ty TNHH Thép Hòa Phát Hà Nội');
    expect(letterOf('HN0000103')).toContain('Công ty TNHH Bánh kẹo Tràng An');
    expect(letterOf('HN0000105')).toContain('Công ty TNHH Gốm sứ Bát Tràng');

    await expect.poll(() => page.getByTestId('bulk-done').count()).toBe(1);
    await page.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
    // The selection is spent, and the list shows the step the letters moved them to.
    expect(await page.getByTestId('selected-count').count()).toBe(0);
    await expect.poll(() => page.getByTestId('late-row-HN0000101').textContent()).toContain('Đã đôn đốc');
  });
});
