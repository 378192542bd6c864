import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../support/app.js';
import { logIn, startBrowserTest, type BrowserTest } from '../support/browser.js';
import { seedLateEmployers } from '../support/worklist-seed.js';

/**
 * Vũ Văn Sở (cb.hni01) on 15/10/2025 with seven late employers (test/support/worklist-seed): he narrows his worklist
 * to "Cần làm ngay" over 100 million ₫, ticks the three left and sends each an urging letter, downloaded as one zip.
 */
describe('working through the worklist in Chromium', () => {
  let t: BrowserTest;
  let page: Page;
  let base: string;
  let downloads: string;
  const rows = () => page.locator('tr[data-testid^="worklist-row-"]');
  const rowCodes = async () =>
    (await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')))).map((id) =>
      id?.replace('worklist-row-', ''),
    );

  beforeAll(async () => {
    t = await startBrowserTest(new Date('2025-10-15T03:00:00Z'), async ({ database, world, clock, app }) => {
      const ids = await seedLateEmployers(database.handle.db, world, clock);
      // Gốm sứ Bát Tràng (300 million ₫) was urged this morning: not "Cần làm ngay" any more.
      const officer = await login(app, 'cb.hni01');
      const urged = await officer.request('POST', '/api/actions', {
        employerIds: [ids.HN0000105],
        kind: 'urging_letter',
        date: '2025-10-15',
      });
      if (urged.statusCode !== 201) throw new Error(urged.body);
    });
    ({ page, base } = t);
    await page.setViewportSize({ width: 1440, height: 900 });
    downloads = mkdtempSync(join(tmpdir(), 'dondoc-downloads-'));
  });

  afterAll(async () => {
    await t?.close();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

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
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Xuất Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('viec-hom-nay-2025-10-15.xlsx');
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
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
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('bulk-urging-start').click(),
    ]);
    expect(download.suggestedFilename()).toBe('van-ban-2025-10-15-3.zip');
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    const names = Object.keys(files);
    expect(names).toHaveLength(3);
    const employers = [
      ['HN0000101', 'Công ty TNHH Thép Hòa Phát Hà Nội'],
      ['HN0000102', 'Công ty Cổ phần Dệt may Đông Đô'],
      ['HN0000103', 'Công ty TNHH Bánh kẹo Tràng An'],
    ];
    for (const [n, [code, name]] of employers.entries()) {
      expect(names[n]).toMatch(new RegExp(`${code}.*\\.docx$`));
      const xml = strFromU8(unzipSync(files[names[n]!]!)['word/document.xml']!);
      expect(xml).toContain(name);
      expect(xml).toMatch(/\d+\/BHXH-QLT/);
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
