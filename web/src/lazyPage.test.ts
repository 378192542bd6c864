import type { ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './lazyPage';
import { APP_PAGES, PUBLIC_PAGES, pageAt } from './pages';

const Page: ComponentType = () => null;

describe('a lazy page', () => {
  it('fetches its chunk once however often it is preloaded, and is loaded once it has arrived', async () => {
    let fetches = 0;
    const page = lazyPage(async () => {
      fetches++;
      return Page;
    });
    expect(page.loaded()).toBeUndefined();
    const first = page.preload();
    expect(page.preload()).toBe(first);
    expect(await first).toBe(Page);
    expect(page.loaded()).toBe(Page);
    expect(fetches).toBe(1);
  });

  it('fetches its chunk again after a failed fetch', async () => {
    let fetches = 0;
    const page = lazyPage(async () => {
      fetches++;
      if (fetches === 1) throw new Error('chunk missing');
      return Page;
    });
    await expect(page.preload()).rejects.toThrow('chunk missing');
    expect(page.loaded()).toBeUndefined();
    expect(await page.preload()).toBe(Page);
    expect(fetches).toBe(2);
  });
});

describe('the page at an address', () => {
  const app = (path: string) => APP_PAGES.find((p) => p.path === path)?.page;

  it('is the route that matches the whole address, not one that matches its start', () => {
    expect(pageAt('/worklist')).toBe(app('/worklist'));
    expect(pageAt('/campaigns/7')).toBe(app('/campaigns/:id'));
    expect(pageAt('/campaigns/7/board')).toBe(app('/campaigns/:id/board'));
    expect(pageAt('/campaigns/7/reports/12/2025-10-15')).toBe(app('/campaigns/:id/reports/:officeId/:day'));
    expect(pageAt('/public')).toBe(PUBLIC_PAGES[0]!.page);
    expect(pageAt('/public/lists/3')).toBe(PUBLIC_PAGES[1]!.page);
  });

  it('is none for the login page and the addresses the app sends elsewhere', () => {
    expect(pageAt('/login')).toBeUndefined();
    expect(pageAt('/')).toBeUndefined();
    expect(pageAt('/public/unknown')).toBeUndefined();
  });
});
