import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { recomputePositions } from '../../src/ledger/positions.js';
import { CampaignService } from '../../src/features/campaigns/service.js';
import { logIn as logInAs, startBrowserTest, type BrowserTest } from '../support/browser.js';
import type { World } from '../support/fixtures.js';

/** 17:00 on 14/10/2025 in Việt Nam: the day's figures are due at 18:30, an hour and a half away. */
const NOW = new Date('2025-10-14T10:00:00Z');

/**
 * A drive over Hà Nội and Hồ Chí Minh, 13–20/10/2025, baseline 12/10, created by the collection board. Hà Nội's one
 * late employer is Nguyễn Hoàng: 13.280.000 ₫ of 07/2025 (due 31/08), both at the baseline and on 14/10.
 */
describe('campaign reporting in Chromium', () => {
  let t: BrowserTest;
  let world: World;
  let page: Page;
  let base: string;
  let campaignId: number;

  const logIn = (username: string) => logInAs(page, username);
  const logOut = async () => {
    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await page.waitForURL(/\/login/);
  };
  const typeDate = async (label: string, date: string) => {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  };

  beforeAll(async () => {
    t = await startBrowserTest(NOW, async ({ database, clock }) => {
      await recomputePositions(database.handle.db, clock);
    });
    ({ world, page, base } = t);
    // The browser's own clock says 2026 or later: the page must take "today" and the countdown from the server's.
  });

  afterAll(() => t?.close());

  it('lets the collection board create a campaign with the dispatch 4208 deadlines', async () => {
    await page.goto(`${base}/campaigns`);
    await logIn('banthu');
    await page.waitForURL(/\/campaigns$/);
    await page.getByRole('button', { name: 'Tạo đợt' }).click();
    await page.getByLabel('Tên đợt').fill('Đợt cao điểm đôn đốc thu tháng 10/2025');
    await page.getByLabel('Căn cứ').fill('Công văn số 4208/BHXH-TST ngày 13/12/2023');
    await typeDate('Ngày bắt đầu', '13/10/2025');
    await typeDate('Ngày kết thúc', '20/10/2025');
    // The baseline is offered as the eve of the first day.
    await expect.poll(() => page.getByLabel('Thời điểm mốc', { exact: true }).inputValue()).toBe('12/10/2025');
    await page.getByRole('button', { name: 'Tạo', exact: true }).click();

    await page.waitForURL(/\/campaigns\/\d+$/);
    campaignId = Number(new URL(page.url()).pathname.split('/').at(-1));
    const firstDay = page.getByTestId('day-2025-10-13');
    await expect.poll(() => firstDay.textContent()).toContain('14/10/2025 08:30');
    const today = page.getByTestId('day-2025-10-14');
    expect(await today.textContent()).toContain('14/10/2025 18:30');
    expect(await today.textContent()).toContain('Hôm nay');
    expect(await page.getByRole('button', { name: /Bảng tổng hợp ngày 14\/10\/2025/ }).count()).toBe(1);
    await logOut();
  });

  it('takes the director from the reminder to the pre-filled report and submits it on time', async () => {
    // The reminders an hour before the deadline, sent a little early so that the notice is there at 17:00.
    await new CampaignService(t.database.handle.db, new FixedClock(new Date('2025-10-14T10:31:00Z'))).sendReminders();
    await page.goto(`${base}/campaigns`);
    await logIn('gd.hni');
    await page.waitForURL(/\/campaigns$/);

    const bell = page.getByTestId('notice-bell');
    await expect.poll(() => page.locator('.ant-badge').filter({ has: bell }).textContent()).toContain('1');
    await bell.click();
    await page.getByText('Sắp hết hạn báo cáo ngày 14/10/2025').click();
    await page.waitForURL(new RegExp(`/campaigns/${campaignId}/reports/${world.offices.hni}/2025-10-14$`));

    const status = page.getByTestId('report-status');
    await expect.poll(() => status.textContent()).toContain('Chưa đến hạn');
    expect(await status.textContent()).toContain('14/10/2025 18:30');
    expect(await status.textContent()).toContain('Còn 1 giờ 30 phút');
    const lateAmount = page.getByTestId('figure-late_amount');
    expect(await lateAmount.textContent()).toContain('13.280.000\u00a0₫');
    expect(await page.getByRole('columnheader', { name: 'Thời điểm mốc 12/10/2025' }).count()).toBe(1);
    expect(await page.getByText(/C12-TS/).count()).toBe(1);
    // The draft names the rules it is computed under.
    expect(await page.getByText('Phân bổ theo quỹ (quy tắc v2)').count()).toBe(1);

    // The figure opens the employers behind it.
    await lateAmount.getByRole('button', { name: /13\.280\.000/ }).click();
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => drawer.getByRole('link', { name: 'Công ty TNHH Nguyễn Hoàng' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.getByRole('link', { name: 'Công ty TNHH Nguyễn Hoàng' }).isVisible()).toBe(false);

    await page.getByLabel('Khó khăn, vướng mắc').fill('Đơn vị khó khăn về tài chính');
    await expect
      .poll(() => page.getByTestId('figure-difficulties').textContent())
      .toContain('Đơn vị khó khăn về tài chính');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => page.getByText(/Số liệu sẽ được chốt/).count()).toBe(1);
    await page.getByRole('button', { name: 'Gửi và chốt số liệu' }).click();

    await expect.poll(() => status.textContent()).toContain('Đúng hạn');
    expect(await status.textContent()).toContain('Bản 1, gửi lúc 14/10/2025 17:00, Đỗ Văn Giám');
    // Beside the version, the rules its figures were frozen under.
    expect(await status.textContent()).toContain('Phân bổ theo quỹ (quy tắc v2)');
    expect(await status.textContent()).not.toContain('Còn');
    expect(await page.getByTestId('figure-difficulties').textContent()).toContain('Đơn vị khó khăn về tài chính');
    expect(await page.getByRole('button', { name: 'Gửi báo cáo' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Điều chỉnh/ }).count()).toBe(1);
    // The bell has nothing unread left.
    await expect
      .poll(() => page.locator('.ant-badge').filter({ has: bell }).locator('.ant-badge-count').count())
      .toBe(0);
    await logOut();
  });

  it('shows the board: Hà Nội on time at 17:00, Hồ Chí Minh not yet due', async () => {
    await page.goto(`${base}/campaigns/${campaignId}`);
    await logIn('banthu');
    await page.waitForURL(new RegExp(`/campaigns/${campaignId}$`));
    await page.getByTestId('day-2025-10-14').getByRole('link', { name: 'Bảng tổng hợp' }).click();
    await page.waitForURL(/\/board\?day=2025-10-14$/);

    const hni = page.getByTestId('board-row-HNI');
    await expect.poll(() => hni.textContent()).toContain('Đúng hạn');
    expect(await hni.textContent()).toContain('14/10/2025 17:00');
    expect(await hni.textContent()).toContain('20,34%');
    const hcm = page.getByTestId('board-row-HCM');
    expect(await hcm.textContent()).toContain('Chưa đến hạn');
    expect(await hcm.textContent()).not.toContain('2025');
    // The national table holds Hà Nội's frozen report alone.
    expect(await page.getByTestId('figure-late_amount').textContent()).toContain('13.280.000\u00a0₫');
    expect(await page.getByText('Từ 1/2 báo cáo đã gửi').count()).toBe(1);

    await hni.getByRole('link', { name: /Hà Nội/ }).click();
    await page.waitForURL(new RegExp(`/campaigns/${campaignId}/reports/${world.offices.hni}/2025-10-14$`));
    await expect.poll(() => page.getByTestId('report-status').textContent()).toContain('Đúng hạn');
    // The board may read the report but not amend it.
    expect(await page.getByRole('button', { name: /Điều chỉnh/ }).count()).toBe(0);
  });
});
