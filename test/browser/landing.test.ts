import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../support/app.js';
import { logIn, startBrowserTest, type BrowserTest } from '../support/browser.js';

/** 17:00 on 14/10/2025 in Việt Nam, the second day of a drive over every province, 13–20/10/2025. */
const NOW = new Date('2025-10-14T10:00:00Z');

const EVERYONE = ['Đơn vị sử dụng lao động', 'Chậm đóng', 'Đợt cao điểm', 'Giám sát', 'Tổng quan', 'Thi đua'];

describe('where each role lands, and what its menu offers, in Chromium', () => {
  let t: BrowserTest;
  let campaignId: number;

  beforeAll(async () => {
    t = await startBrowserTest(NOW, async ({ app }) => {
      const board = await login(app, 'banthu');
      const created = await board.request('POST', '/api/campaigns', {
        name: 'Đợt cao điểm đôn đốc thu tháng 10/2025',
        legalBasis: 'Công văn số 4208/BHXH-TST ngày 13/12/2023',
        firstDay: '2025-10-13',
        lastDay: '2025-10-20',
        firstDayDeadline: { dayOffset: 1, time: '08:30' },
        dailyDeadline: { dayOffset: 0, time: '18:30' },
        baselineDate: '2025-10-12',
      });
      expect(created.statusCode).toBe(201);
      campaignId = created.json().id;
    });
  });

  afterAll(() => t?.close());

  /** Logs in from the bare address and answers the page landed on and the menu's entries, top to bottom. */
  async function land(username: string): Promise<{ path: string; menu: string[] }> {
    const page = await t.browser.newPage({ locale: 'vi-VN' });
    try {
      await page.goto(`${t.base}/`);
      await logIn(page, username);
      await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/');
      const menu = page.locator('.ant-layout-sider .ant-menu-title-content');
      await expect.poll(() => menu.count()).toBeGreaterThan(0);
      const url = new URL(page.url());
      return { path: url.pathname + url.search, menu: await menu.allInnerTexts() };
    } finally {
      await page.close();
    }
  }

  it('takes an officer to the worklist, without the import a grassroots office may not do', async () => {
    expect(await land('cb.hni01')).toEqual({
      path: '/worklist',
      menu: ['Việc hôm nay', ...EVERYONE, 'Thanh tra', 'Phản ánh', 'Tài khoản của tôi'],
    });
    expect((await land('cb.hni')).menu).toEqual([
      'Việc hôm nay',
      ...EVERYONE,
      'Thanh tra',
      'Phản ánh',
      'Nhập dữ liệu',
      'Tài khoản của tôi',
    ]);
  });

  it("takes a director to the province's report of the day, with the accounts and public lists a director runs", async () => {
    expect(await land('gd.hni')).toEqual({
      path: `/campaigns/${campaignId}/reports/${t.world.offices.hni}/2025-10-14`,
      menu: [
        'Việc hôm nay',
        ...EVERYONE,
        'Thanh tra',
        'Công khai danh sách',
        'Phản ánh',
        'Nhập dữ liệu',
        'Người dùng',
        'Người ký, sổ văn bản',
        'Tài khoản của tôi',
      ],
    });
  });

  it("lets a director set who signs a grassroots office's letters and where its register stands", async () => {
    const page = await t.browser.newPage({ locale: 'vi-VN' });
    try {
      await page.goto(`${t.base}/offices/documents`);
      await logIn(page, 'gd.hni');
      await page.waitForURL(/\/offices\/documents/);
      await page.getByLabel('Cơ quan quản lý').click();
      await page.keyboard.type('Ba Dinh');
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: 'Ba Đình' }).click();
      await expect.poll(() => page.getByTestId('signature-now').textContent()).toContain('(chưa đặt tên người ký)');
      await page.getByLabel('Họ tên Giám đốc').fill('Lê Thị Hà');
      await page.getByLabel('KT. GIÁM ĐỐC — Phó Giám đốc ký thay').check();
      await page.getByRole('button', { name: 'Lưu' }).first().click();
      await expect.poll(() => page.getByText('Cần họ tên Phó Giám đốc khi Phó Giám đốc ký thay').count()).toBe(1);
      await page.getByLabel('Họ tên Phó Giám đốc ký thay').fill('Trần Văn Bình');
      await page.getByRole('button', { name: 'Lưu' }).first().click();
      await expect
        .poll(() => page.getByTestId('signature-now').textContent())
        .toBe('Văn bản hiện ký: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC — Trần Văn Bình');

      await page.getByLabel('Số cuối đã dùng').fill('10372');
      await page.getByRole('button', { name: 'Lưu' }).last().click();
      await expect.poll(() => page.getByText('Văn bản tiếp theo mang số 10373').count()).toBe(1);
      await page.getByLabel('Số cuối đã dùng').fill('100');
      await page.getByRole('button', { name: 'Lưu' }).last().click();
      await expect.poll(() => page.getByText(/đã dùng đến số 10372/).count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it("takes the collection board to the day's national board, with nothing it may not use", async () => {
    expect(await land('banthu')).toEqual({
      path: `/campaigns/${campaignId}/board?day=2025-10-14`,
      menu: [...EVERYONE, 'Thanh tra', 'Phản ánh', 'Tài khoản của tôi'],
    });
  });

  it('takes inspection to coverage and candidates, communication to the public lists, the administrator to the users', async () => {
    expect((await land('thanhtra')).path).toBe('/oversight/inspection');
    const communication = await land('truyenthong');
    expect(communication.path).toBe('/disclosure');
    expect(communication.menu).toEqual([
      'Việc hôm nay',
      ...EVERYONE,
      'Thanh tra',
      'Công khai danh sách',
      'Phản ánh',
      'Tài khoản của tôi',
    ]);
    const admin = await land('admin');
    expect(admin.path).toBe('/users');
    expect(admin.menu).toContain('Người dùng');
    expect(admin.menu).toContain('Người ký, sổ văn bản');
    expect(admin.menu).toContain('Nhập dữ liệu');
  });

  it('offers no page that is not there yet', async () => {
    const { menu } = await land('admin');
    expect(menu).not.toContain('Đôn đốc');
  });
});
