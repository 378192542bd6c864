import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputePositions } from '../../src/ledger/positions.js';
import { refreshLadder } from '../../src/ledger/ladder.js';
import { login } from '../support/app.js';
import { startBrowserTest, type BrowserTest } from '../support/browser.js';

const LATE_LIST = 'Danh sách đơn vị chậm đóng BHXH, BHYT, BHTN — Bảo hiểm xã hội Việt Nam';
const GOOD_PAYERS = 'Danh sách đơn vị chấp hành tốt';

/**
 * Đức Thành owes 20.000.000 for each of 05, 06 and 07/2025: at 15/10/2025 it is 3 months and 60.000.000 late, the
 * one employer on the national list of late payers, which the communication centre assembles and the administrator
 * approves. A good payers' list is assembled too and left a draft: the public must never see it.
 */
describe('the public pages in Chromium, without logging in', () => {
  let t: BrowserTest;
  let page: Page;
  let base: string;
  let approvedId: number;
  let draftId: number;
  const sessionRequests: string[] = [];

  beforeAll(async () => {
    t = await startBrowserTest(new Date('2025-10-15T03:00:00Z'), async ({ database, world, clock, app }) => {
      const { db } = database.handle;
      await db
        .insertInto('obligation')
        .values(
          ['2025-05', '2025-06', '2025-07'].map((period) => ({
            employer_id: world.employers.ducThanh,
            period,
            fund: 'BHXH' as const,
            amount: 20_000_000,
          })),
        )
        .execute();
      await recomputePositions(db, clock);
      await refreshLadder(db, clock);
      const communicator = await login(app, 'truyenthong');
      const admin = await login(app, 'admin');
      const late = await communicator.request('POST', '/api/disclosure/lists', {
        kind: 'late',
        officeId: world.offices.vn,
      });
      expect(late.statusCode).toBe(201);
      approvedId = late.json().id;
      expect((await admin.request('POST', `/api/disclosure/lists/${approvedId}/approve`)).statusCode).toBe(204);
      const good = await communicator.request('POST', '/api/disclosure/lists', {
        kind: 'commendation',
        officeId: world.offices.vn,
      });
      expect(good.statusCode).toBe(201);
      draftId = good.json().id;
    });
    ({ page, base } = t);
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/auth/')) sessionRequests.push(r.url());
    });
  });

  afterAll(() => t?.close());

  it('shows only the approved list and finds an employer typed without diacritics', async () => {
    await page.goto(`${base}/public`);
    await expect.poll(() => page.getByRole('link', { name: LATE_LIST }).count()).toBe(1);
    expect(page.url()).toBe(`${base}/public`);
    expect(await page.getByText('Bảo hiểm xã hội Việt Nam — Công khai thông tin').count()).toBe(1);
    expect(await page.getByText(GOOD_PAYERS).count()).toBe(0);

    await page.getByRole('link', { name: LATE_LIST }).click();
    await page.waitForURL(`${base}/public/lists/${approvedId}`);
    await expect.poll(() => page.getByText('Số liệu đến ngày: 15/10/2025').count()).toBe(1);
    const search = page.getByPlaceholder('Tìm theo tên, mã số thuế hoặc địa chỉ, có hoặc không dấu');
    const ducThanh = page.getByText('Công ty Cổ phần Xây dựng Đức Thành');
    await expect.poll(() => ducThanh.count()).toBe(1);

    // Nguyễn Hoàng is only a month late: not on the list, so the search leaves nothing.
    await search.fill('nguyen hoang');
    await expect.poll(() => ducThanh.count()).toBe(0);
    await search.fill('duc thanh');
    await expect.poll(() => ducThanh.count()).toBe(1);
    expect(page.url()).toContain('q=duc+thanh');
    const row = page.getByRole('row').filter({ has: ducThanh });
    expect(await row.getByText('0102345678').count()).toBe(1);
    expect(await row.getByText('60.000.000').count()).toBe(1);
    expect(await page.getByRole('button', { name: /Tải Excel/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /In \/ Lưu PDF/ }).count()).toBe(1);
  });

  it('does not show a list that has not been approved', async () => {
    await page.goto(`${base}/public/lists/${draftId}`);
    await expect
      .poll(() => page.getByText('Không tìm thấy danh sách, hoặc danh sách chưa được công khai').count())
      .toBe(1);
    expect(await page.getByText(GOOD_PAYERS).count()).toBe(0);
    expect(await page.getByText('Công ty TNHH Điện tử Sài Gòn').count()).toBe(0);
  });

  it('answers whether an employer is late, for one tax code and for a file of them', async () => {
    await page.goto(`${base}/public`);
    await page.getByLabel('Mã số thuế', { exact: true }).fill('0101234567');
    await page.getByRole('button', { name: /Tra cứu/ }).click();
    const answer = page.getByRole('alert');
    await expect
      .poll(() => answer.getByText('Đơn vị chưa đủ điều kiện xét khen thưởng', { exact: true }).count())
      .toBe(1);
    expect(await answer.getByText('Công ty TNHH Nguyễn Hoàng').count()).toBe(1);
    expect(await answer.getByText('– Đang chậm đóng BHXH, BHYT, BHTN').count()).toBe(1);

    const file = page.locator('input[type=file]');
    await file.setInputFiles({
      name: 'ma-so-thue.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('mst\n0301234567\n0109999999\n'),
    });
    await expect
      .poll(() => page.getByText('2 mã số thuế: 0 chưa đủ điều kiện xét khen thưởng, 1 không tìm thấy').count())
      .toBe(1);
    expect(
      await page
        .getByRole('row')
        .filter({ hasText: '0301234567' })
        .getByText('Đơn vị không nợ, không chậm đóng: đủ điều kiện xét khen thưởng')
        .count(),
    ).toBe(1);
    expect(
      await page.getByRole('row').filter({ hasText: '0109999999' }).getByText('Không tìm thấy mã số thuế').count(),
    ).toBe(1);

    await file.setInputFiles({
      name: 'sai.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('mst\n0101234567\n12345\n'),
    });
    await expect.poll(() => page.getByText('Tệp bị từ chối tại dòng 3').count()).toBe(1);
  });

  it('never asked for a session', () => {
    expect(sessionRequests).toEqual([]);
  });
});
