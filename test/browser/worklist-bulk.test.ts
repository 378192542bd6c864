import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startLateEmployersBrowserTest, type BrowserTest } from '../support/browser.js';
import { docxInZip } from '../support/docx-text.js';

/**
 * Vũ Văn Sở (cb.hni01) on 15/10/2025 with seven late employers (test/support/worklist-seed): he narrows his worklist
 * to "Cần làm ngay" over 100 million ₫, ticks the three left and sends each an urging letter, downloaded as one zip.
 */
describe('working through the worklist in Chromium', () => {
  let t: BrowserTest;
  let page: Page;
  let base: string;
  const rows = () => page.locator('tr[data-testid^="worklist-row-"]');
  const rowCodes = async () =>
    (await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')))).map((id) =>
      id?.replace('worklist-row-', ''),
    );

  beforeAll(async () => {
    t = await startLateEmployersBrowserTest();
    ({ page, base } = t);
  });

  afterAll(() => t?.close());

  it('shows one line per employer at 1440 px', async () => {
    await page.goto(`${base}/worklist`);
    await logIn(page, 'cb.hni01');
    await page.waitForURL(/\/worklist/);
    await expect.poll(() => rows().count()).toBe(6);
    const heights = await rows().evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    // A small table's line is about 39 px; a second line of text would make it over 55.
    for (const h of heights) expect(h).toBeLessThan(50);
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(1440);
  });

  it('filters to "Cần làm ngay" over 100 million ₫ from the card and the amount box', async () => {
    const card = page.getByTestId('summary-card-today');
    expect(await card.textContent()).toContain('5');
    await card.click();
    await page.waitForURL(/tier=today/);
    await expect.poll(() => rows().count()).toBe(5);
    expect(await card.getAttribute('aria-pressed')).toBe('true');

    await page.getByLabel('Nợ từ (triệu ₫)').fill('100');
    await page.waitForURL(/minAmount=100000000/);
    await expect.poll(rowCodes).toEqual(['HN0000101', 'HN0000102', 'HN0000103']);
    // The cards count what the amount keeps: three now, Bát Tràng later.
    await expect.poll(() => card.textContent()).toContain('3');
    expect(await page.getByText('Tổng chậm đóng: 380.000.000\u00a0₫').count()).toBe(1);
  });

  it('exports exactly the filtered rows to .xlsx', async () => {
    const { name, path } = await t.download(() => page.getByRole('button', { name: /Xuất Excel/ }).click());
    expect(name).toBe('viec-hom-nay-2025-10-15.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value)).toEqual(['HN0000101', 'HN0000102', 'HN0000103']);
    expect(sheet.getRow(2).getCell(7).value).toBe(150_000_000);
  });

  it('records an urging letter for each of the three selected and downloads them as one zip', async () => {
    for (const code of ['HN0000101', 'HN0000102', 'HN0000103']) {
      await page.getByTestId(`worklist-row-${code}`).locator('input[type="checkbox"]').check();
    }
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('Đã chọn 3 đơn vị');
    await page.getByRole('button', { name: 'Gửi công văn đôn đốc (3)' }).click();
    const { name, path } = await t.download(() => page.getByTestId('bulk-urging-start').click());
    expect(name).toBe('van-ban-2025-10-15-3.zip');
    const letters = docxInZip(readFileSync(path));
    expect(letters.map((l) => l.name)).toEqual([
      expect.stringMatching(/HN0000101.*\.docx$/),
      expect.stringMatching(/HN0000102.*\.docx$/),
      expect.stringMatching(/HN0000103.*\.docx$/),
    ]);
    const names = [
      'Công ty TNHH Thép Hòa Phát Hà Nội',
      'Công ty Cổ phần Dệt may Đông Đô',
      'Công ty TNHH Bánh kẹo Tràng An',
    ];
    for (const [n, letter] of letters.entries()) {
      expect(letter.xml).toContain(names[n]);
      expect(letter.xml).toMatch(/\d+\/BHXH-QLT/);
    }
    await expect.poll(() => page.getByTestId('bulk-done').count()).toBe(1);
    await page.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
    // Urged today, the three leave "Cần làm ngay"; the selection is spent.
    await expect.poll(() => rows().count()).toBe(0);
    expect(await page.getByText('Không có đơn vị nào khớp bộ lọc').count()).toBe(1);
    expect(await page.getByTestId('selected-count').count()).toBe(0);
  });

  it('finds an employer typed without diacritics and sorts by a column', async () => {
    await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
    await expect.poll(() => rows().count()).toBe(6);
    await page.getByPlaceholder('Tìm theo mã, mã số thuế hoặc tên đơn vị').fill('banh keo trang an');
    await expect.poll(rowCodes).toEqual(['HN0000103']);
    await page.getByPlaceholder('Tìm theo mã, mã số thuế hoặc tên đơn vị').fill('');
    await expect.poll(() => rows().count()).toBe(6);
    await page.getByRole('columnheader', { name: /Số tiền chậm đóng/ }).click();
    await page.waitForURL(/sort=lateAmount/);
    await expect.poll(async () => (await rowCodes())[0]).toBe('HN0000001');
  });
});
