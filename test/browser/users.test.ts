import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startBrowserTest, type BrowserTest } from '../support/browser.js';

/**
 * The national administrator gives a new grassroots officer of Ba Đình an account; the officer logs in with the
 * one-time password, is made to choose a password, and then works from the worklist.
 */
describe('user administration in Chromium', () => {
  let t: BrowserTest;
  let page: Page;
  let base: string;
  let oneTimePassword: string;

  beforeAll(async () => {
    t = await startBrowserTest(new Date('2025-10-15T03:00:00Z'));
    ({ page, base } = t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets the administrator create a user and shows the one-time password once', async () => {
    await page.goto(`${base}/users`);
    // The dialog's offices are the page's, fetched once it opens: an option the list renders as they arrive can move
    // under the click that means to choose it, so the dialog is opened once they are in.
    const offices = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/offices' && r.ok(), {
      timeout: 60_000,
    });
    await logIn(page, 'admin');
    await page.waitForURL(/\/users/);
    await offices;
    await expect
      .poll(() => page.getByRole('heading', { name: 'Quản lý người dùng' }).count(), { timeout: 15_000 })
      .toBe(1);
    await page.getByRole('button', { name: /Thêm người dùng/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập').fill('cb.badinh');
    await dialog.getByLabel('Họ tên').fill('Nguyễn Thị Ba Đình');
    // The roles offered follow the office chosen, so the role is chosen once the office shows as chosen; the options
    // open in a layer outside the dialog, so only a chosen value is inside it.
    const chosen = (text: string) => dialog.locator('.ant-select', { hasText: text });
    // In clean-clone runs beside the rest of the suite, a click on the option has twice left the office unchosen
    // (not once in runs of this file alone, even on a saturated machine): as an officer would, the test chooses again
    // until the choice shows, and fails only if it never does.
    const choose = async (label: string, search: string | null, option: string) => {
      await expect
        .poll(
          async () => {
            if ((await chosen(option).count()) === 0) {
              const field = dialog.getByLabel(label);
              if (search === null) await field.click();
              else await field.fill(search);
              await page.locator('.ant-select-item-option', { hasText: option }).click({ timeout: 5_000 });
            }
            return chosen(option).count();
          },
          { timeout: 30_000 },
        )
        .toBe(1);
    };
    await choose('Cơ quan quản lý', 'HNI-01', 'HNI-01 —');
    await choose('Vai trò', null, 'Cán bộ BHXH cơ sở');
    // The account is made with its one-time password hashed (Argon2, memory-hard): on a runner busy with the rest of the
    // suite the answer can take many seconds, so the test waits for it before it looks for the password shown.
    const created = page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST', {
      timeout: 60_000,
    });
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    expect((await created).status()).toBe(201);

    const shown = page.locator('.ant-modal-confirm code');
    await expect.poll(() => shown.count(), { timeout: 30_000 }).toBe(1);
    oneTimePassword = (await shown.textContent())!.trim();
    expect(oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await page.locator('.ant-modal-confirm').getByRole('button').last().click();
    const row = page.locator('tr', { hasText: 'cb.badinh' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('Chưa đổi mật khẩu');
    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await page.waitForURL(/\/login/);
  });

  it('makes the new user change the one-time password, then opens the worklist', async () => {
    await page.getByLabel(/Tên đăng nhập/).fill('cb.badinh');
    await page.getByLabel(/Mật khẩu/).fill(oneTimePassword);
    await page.getByRole('button', { name: /Đăng nhập/ }).click();
    await page.waitForURL(/\/change-password/);
    await page.getByLabel('Mật khẩu hiện tại').fill(oneTimePassword);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('password2025');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('password2025');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // The server's policy refuses a common password, and says why.
    await expect.poll(() => page.getByText(/quá phổ biến/).count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ba con vit xoe ra hai cai canh');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('ba con vit xoe ra hai cai canh');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL(/\/worklist/);
    await expect
      .poll(() => page.getByRole('menuitem').first().textContent(), { timeout: 15_000 })
      .toContain('Việc hôm nay');
    expect(await page.getByRole('menuitem', { name: 'Người dùng' }).count()).toBe(0);
  });
});
