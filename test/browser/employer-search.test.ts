import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startBrowserTest, type BrowserTest } from '../support/browser.js';
import { documentXml, textOf } from '../support/docx-text.js';

describe('the web UI in Chromium', () => {
  let t: BrowserTest;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await startBrowserTest(new Date('2025-10-15T03:00:00Z'));
    ({ page, base } = t);
  });

  afterAll(() => t?.close());

  it('logs in and finds an employer typed without diacritics', async () => {
    await page.goto(`${base}/employers`);
    await logIn(page, 'gd.hni');

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

    // The arrears card at 15/10/2025: 13.280.000 of BHXH unpaid since 31/08/2025, 45 days; its charge 45 × 0,03% ×
    // 13.280.000 = 179.280 accrued and outstanding, nothing paid; the months table adds up to it.
    await expect.poll(() => page.getByText('Tiền chậm đóng còn nợ').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Các tháng còn nợ' }).click();
    const july = page
      .locator('tr', { hasText: '07/2025' })
      .filter({ hasText: '31/08/2025' })
      .filter({ hasText: '13.280.000 ₫' });
    await expect.poll(() => july.filter({ hasText: '179.280 ₫' }).count(), { timeout: 10_000 }).toBe(1);
    // Amounts are written with a no-break space before ₫.
    const cells = async (row: ReturnType<Page['locator']>) =>
      (await row.locator('td').allInnerTexts()).map((c) => c.replace(/\u00a0/g, ' '));
    expect(await cells(july)).toEqual(['07/2025', '31/08/2025', '13.280.000 ₫', '45', '45', '179.280 ₫']);
    expect((await cells(page.locator('tr', { hasText: 'Tiền chậm đóng trên số tiền đã nộp muộn' }))).at(-1)).toBe(
      '0 ₫',
    );
    expect((await cells(page.locator('tr', { hasText: 'Tiền chậm đóng còn nợ' }).last())).at(-1)).toBe('179.280 ₫');
  });

  it('downloads the C12-TS notice of a chosen month as .docx from the employer page', async () => {
    // Still on Nguyễn Hoàng's page from the test above.
    const card = page.locator('.ant-card', { hasText: 'Thông báo kết quả đóng (mẫu C12-TS)' });
    await expect.poll(() => card.count()).toBe(1);
    const picker = card.locator('.ant-picker input');
    await picker.click();
    await picker.fill('09/2025');
    await picker.press('Enter');
    await card.getByText('.docx').click();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: /Tải thông báo/ }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('c12-ts-HN0000001-2025-09.docx');
    const text = textOf(documentXml(await readFile((await file.path())!)));
    expect(text).toContain('Kính gửi: Công ty TNHH Nguyễn Hoàng');
    expect(text).toContain('tháng 09/2025');
  });

  it('downloads the C12-TS notices of the office chosen in the list as a zip', async () => {
    await page.goto(`${base}/employers?officeId=${t.world.offices.hni}`);
    const bar = page.getByTestId('c12-office');
    await expect.poll(() => bar.count()).toBe(1);
    const picker = bar.locator('.ant-picker input');
    await picker.click();
    await picker.fill('09/2025');
    await picker.press('Enter');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      bar.getByRole('button', { name: /Tải C12-TS/ }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('c12-ts-HNI-2025-09-xlsx.zip');
    const names = Object.keys(unzipSync(new Uint8Array(await readFile((await file.path())!))));
    expect(names).toEqual(['c12-ts-HN0000001-2025-09.xlsx']);
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
