import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startBrowserTest, type BrowserTest } from '../support/browser.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Payments as an official on a Vietnamese Windows keeps them: Vietnamese headings, real date cells shown dd/mm/yyyy
 * and amounts shown 1.000.000, and a row typed into cells formatted as text.
 */
async function vietnameseWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Thanh toán');
  sheet.addRow(['Mã đơn vị', 'Ngày nộp', 'Số tiền', 'Số chứng từ']);
  const dated = sheet.addRow(['HN0000001', new Date(Date.UTC(2025, 9, 1)), 12_500_000, 'UNC-TRINH-01']);
  dated.getCell(2).numFmt = 'dd/mm/yyyy';
  // Stored as '#,##0' whatever the locale; a Vietnamese Excel shows it as 12.500.000.
  dated.getCell(3).numFmt = '#,##0';
  const typed = sheet.addRow(['HN0000002', '03/10/2025', '1.000.000', 'UNC-TRINH-02']);
  for (const c of [2, 3]) typed.getCell(c).numFmt = '@';
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('imports in Chromium', () => {
  let t: BrowserTest;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await startBrowserTest(new Date('2025-10-15T03:00:00Z'));
    ({ page, base } = t);
  });

  afterAll(() => t?.close());

  const payments = async () =>
    t.database.handle.db
      .selectFrom('payment as p')
      .innerJoin('employer as e', 'e.id', 'p.employer_id')
      .select(['e.code', 'p.paid_on', 'p.amount'])
      .where('p.reference', 'like', 'UNC-TRINH-%')
      .orderBy('p.reference')
      .execute();

  it('a director checks a Vietnamese-locale workbook first, sees what would change, then imports it', async () => {
    await page.goto(`${base}/imports`);
    await logIn(page, 'gd.hni');
    await page.waitForURL(/\/imports/);
    // The columns of a payments file and their forms, before any file is chosen.
    const columns = page.locator('.ant-card', { hasText: 'Các cột của tệp' });
    await expect
      .poll(() =>
        columns.locator('tr', { hasText: 'Ngày nộp' }).filter({ hasText: 'dd/mm/yyyy hoặc yyyy-mm-dd' }).count(),
      )
      .toBe(1);
    expect(await page.getByRole('button', { name: /Tải tệp mẫu .xlsx/ }).count()).toBe(1);

    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'thanh-toan-thang-10.xlsx', mimeType: XLSX_TYPE, buffer: await vietnameseWorkbook() });
    await page.getByRole('button', { name: 'Kiểm tra trước' }).click();
    const checked = page.locator('.ant-card', { hasText: 'Kiểm tra xong, chưa ghi gì' });
    await expect.poll(() => checked.count()).toBe(1);
    expect(await checked.locator('.ant-card-head').textContent()).toContain('2 dòng — 2 mới, 0 thay đổi, 0 không đổi');
    const rows = async () =>
      (await checked.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(await rows()).toEqual([
      '2 Mới HN0000001 · 2025-10-01 · UNC-TRINH-01 — 12.500.000 ₫',
      '3 Mới HN0000002 · 2025-10-03 · UNC-TRINH-02 — 1.000.000 ₫',
    ]);
    expect(await payments()).toEqual([]);

    await checked.getByRole('button', { name: 'Nhập tệp này' }).click();
    await expect.poll(() => page.getByText('Đã nhập 2 dòng: 2 mới, 0 thay đổi').count()).toBe(1);
    expect(await payments()).toEqual([
      { code: 'HN0000001', paid_on: '2025-10-01', amount: 12_500_000 },
      { code: 'HN0000002', paid_on: '2025-10-03', amount: 1_000_000 },
    ]);
  });

  it('reads a CSV that Excel saved on a Vietnamese Windows (Windows-1258), and lists a bad row by row and column letter', async () => {
    // "Đông Á" in code page 1258: Đ is D0, ô is F4, Á is A followed by a combining acute (EC).
    const name = [0xd0, 0xf4, 0x6e, 0x67, 0x20, 0x41, 0xec];
    const csv = Buffer.concat([
      Buffer.from('employer;date;amount;reference\r\nHN0000001;07/10/2025;2.000.000;UNC-TRINH-03 '),
      Buffer.from(name),
      Buffer.from('\r\nHN0000001;32/10/2025;1.000,5;UNC-TRINH-04\r\n'),
    ]);
    await page.locator('input[type=file]').setInputFiles({ name: 'thanh-toan.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Kiểm tra trước' }).click();
    const refused = page.locator('.ant-card', { hasText: 'Tệp bị từ chối: 2 lỗi' });
    await expect.poll(() => refused.count()).toBe(1);
    const rows = (await refused.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual([
      '3 B (date) "32/10/2025" không phải ngày (viết dd/mm/yyyy hoặc yyyy-mm-dd)',
      '3 C (amount) "1.000,5" có phần lẻ dưới một đồng; số tiền là số đồng nguyên',
    ]);

    // The bad row mended, the file goes in with its Vietnamese letters whole.
    const mended = Buffer.concat([csv.subarray(0, csv.indexOf('\r\nHN0000001;32')), Buffer.from('\r\n')]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'thanh-toan-sua.csv', mimeType: 'text/csv', buffer: mended });
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await expect.poll(() => page.getByText('Đã nhập 1 dòng: 1 mới, 0 thay đổi').count()).toBe(1);
    const stored = await t.database.handle.db
      .selectFrom('payment')
      .select(['paid_on', 'amount'])
      .where('reference', '=', 'UNC-TRINH-03 Đông Á')
      .executeTakeFirst();
    expect(stored).toEqual({ paid_on: '2025-10-07', amount: 2_000_000 });
  });

  it('shows how far a large import is, row by row, while the server reads, checks and writes it', async () => {
    // Large enough that reading, checking and writing it take the server a few seconds, and read on a thread.
    const rows = 40_000;
    const lines = Array.from(
      { length: rows },
      (_, i) => `HN000000${(i % 2) + 1},2025-10-${String((i % 9) + 1).padStart(2, '0')},1000,TIEN-DO-${i}`,
    );
    const csv = Buffer.from(`employer,date,amount,reference\n${lines.join('\n')}\n`);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'thanh-toan-lon.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    // What the server said last, read while it works: its phase, and the rows read, checked against the stored
    // rows and written. Every state shown is kept, until the answer.
    const shown = new Set<string>();
    const done = page.getByText('Đã nhập 40.000 dòng: 40.000 mới, 0 thay đổi');
    await expect
      .poll(
        async () => {
          for (const text of await page.getByTestId('work-progress').allInnerTexts()) shown.add(text);
          return done.count();
        },
        { timeout: 120_000 },
      )
      .toBe(1);
    const states = [...shown].filter((s) => s.includes('Đã đọc'));
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) {
      expect(state).toMatch(
        /^Đang (đọc và kiểm tra từng dòng|đối chiếu với dữ liệu đã lưu|ghi dữ liệu|tính lại số chậm đóng của các đơn vị)\s*Đã đọc [\d.]+ dòng · đã đối chiếu [\d.]+ · đã ghi [\d.]+/,
      );
    }
    expect(await page.getByTestId('work-progress').count()).toBe(0);
  });

  it('tells a grassroots officer, before any file is chosen, that the role may not import', async () => {
    const officer = await t.browser.newPage({ locale: 'vi-VN' });
    try {
      await officer.goto(`${base}/imports`);
      await logIn(officer, 'cb.hni01');
      await officer.waitForURL(/\/imports/);
      await expect.poll(() => officer.getByText('Vai trò của bạn không được nhập dữ liệu').count()).toBe(1);
      expect(await officer.getByRole('button', { name: 'Kiểm tra trước' }).count()).toBe(0);
      expect(await officer.locator('input[type=file]').count()).toBe(0);
    } finally {
      await officer.close();
    }
  });
});
