import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startBrowserTest, type BrowserTest } from '../support/browser.js';

/**
 * The built web app and the API docs run whole under the Content-Security-Policy every answer carries: no script,
 * style or image of theirs is refused, so the policy can stay strict (no inline script) without breaking a page.
 */
describe('the web app and the API docs under the Content-Security-Policy', () => {
  let t: BrowserTest;
  const refused: string[] = [];

  beforeAll(async () => {
    t = await startBrowserTest(new Date('2025-10-15T03:00:00Z'));
    t.page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    t.page.on('pageerror', (error) => refused.push(error.message));
  });
  afterAll(() => t.close());

  it('signs in and shows the employers page with Ant Design styles applied', async () => {
    const response = await t.page.goto(`${t.base}/employers`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await logIn(t.page, 'cb.hni');
    await t.page.getByText('Công ty TNHH Nguyễn Hoàng').first().waitFor();
    // Ant Design's stylesheet and the theme's variables it writes at run time were admitted: the table's header cells
    // have its background, not none.
    await t.page.locator('.ant-table-thead th').first().waitFor();
    const background = await t.page.evaluate(
      "getComputedStyle(document.querySelector('.ant-table-thead th')).backgroundColor",
    );
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(refused).toEqual([]);
  });

  it('renders the API docs', async () => {
    const response = await t.page.goto(`${t.base}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await t.page.locator('.swagger-ui .info .title').getByText('dondoc API').waitFor();
    await t.page.locator('.opblock-tag', { hasText: 'employers' }).first().waitFor();
    expect(refused).toEqual([]);
  });
});
