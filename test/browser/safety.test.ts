// S1–S5 in a real browser, on a phone-sized screen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_EXIT_URL, answerQuickExit, launchBrowser, phone, record, siteName, url } from './support/browser.ts';
import { firstServicePath } from './support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function freshPage(options = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phone(browser, options);
  await answerQuickExit(context);
  return { context, page: await context.newPage() };
}

/**
 * What a person behind the survivor sees while the neutral site loads. The page reports (through
 * a binding, not storage) the moment its body was emptied and its title then; the route records
 * the moment the neutral site was requested (both the machine's wall clock). Blank must come first.
 */
async function watchExit(page: Page) {
  // The page must be blank before it is replaced: the blank is observed on our own page (its
  // address is still ours), not compared by clock with the neutral site's request, since the
  // observer reports a moment after the synchronous blanking and the browser's request races it.
  const seen = { requested: false, blank: null as null | { href: string; bodyChildren: number; title: string } };
  await page.exposeBinding('reportBlank', (_source, state: NonNullable<typeof seen.blank>) => {
    seen.blank ??= state;
  });
  await page.addInitScript(() => {
    const w = window as unknown as { reportBlank(state: unknown): void };
    new MutationObserver(() => {
      if (document.body && document.body.children.length === 0) {
        w.reportBlank({ href: location.href, bodyChildren: 0, title: document.title });
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.route('https://www.google.com/**', async (route) => {
    seen.requested = true;
    await route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>Weather</title><h1>Weather</h1>',
    });
  });
  return seen;
}

describe('S1 quick exit', () => {
  it('is the first thing a keyboard reaches, fixed on screen and never covered', async () => {
    const { context, page } = await freshPage({ locale: 'en' });
    await page.goto(url('/a/IQG15Q05?lang=en'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-quick-exit'))).not.toBeNull();
    for (const scroll of [0, 1500, 99999]) {
      await page.evaluate((y) => window.scrollTo(0, y), scroll);
      const onTop = await page.evaluate(() => {
        const exit = document.querySelector('.quick-exit')!;
        const box = exit.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return {
          fixed: getComputedStyle(exit).position === 'fixed',
          visible: box.top >= 0 && box.bottom <= innerHeight,
          hit: exit === hit || exit.contains(hit),
        };
      });
      expect(onTop).toEqual({ fixed: true, visible: true, hit: true });
    }
    await context.close();
  });

  it('blanks the page, then replaces it with the neutral site (button)', async () => {
    const { context, page } = await freshPage();
    const seen = await watchExit(page);
    await page.goto(url('/a/IQG15Q05?lang=ar'));
    const length = await page.evaluate(() => history.length);
    await page.locator('.quick-exit').click();
    await page.waitForURL(QUICK_EXIT_URL);
    await expect.poll(() => seen.blank).toMatchObject({ bodyChildren: 0, title: '' });
    expect(seen.requested).toBe(true);
    expect(new URL(seen.blank!.href).origin).toBe(new URL(url('/')).origin);
    // location.replace: the neutral site took this entry's place, none was added.
    expect(await page.evaluate(() => history.length)).toBe(length);
    await context.close();
  });

  it('leaves when Shift is pressed three times (and not on Escape)', async () => {
    const { context, page } = await freshPage();
    const seen = await watchExit(page);
    await page.goto(url('/s/' + (await firstServicePath()) + '&lang=ckb'));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    expect(page.url()).toContain('/s/');
    await page.keyboard.press('Shift');
    await page.waitForURL(QUICK_EXIT_URL);
    await expect.poll(() => seen.blank).toMatchObject({ bodyChildren: 0, title: '' });
    expect(seen.requested).toBe(true);
    expect(new URL(seen.blank!.href).origin).toBe(new URL(url('/')).origin);
    await context.close();
  });

  it('has a secondary text link for assistive technology that does the same', async () => {
    const { context, page } = await freshPage();
    const seen = await watchExit(page);
    await page.goto(url('/privacy?lang=en'));
    const link = page.locator('footer a[data-quick-exit]');
    expect(await link.textContent()).toBe('Leave this site quickly');
    await link.click();
    await page.waitForURL(QUICK_EXIT_URL);
    await expect.poll(() => seen.blank?.bodyChildren).toBe(0);
    expect(seen.requested).toBe(true);
    expect(new URL(seen.blank!.href).origin).toBe(new URL(url('/')).origin);
    await context.close();
  });

  it('still leads to the neutral site without JavaScript', async () => {
    const { context, page } = await freshPage({ javaScriptEnabled: false });
    await page.goto(url('/a/IQG15Q05?lang=ar'));
    expect(await page.locator('.quick-exit').getAttribute('href')).toBe(QUICK_EXIT_URL);
    await page.locator('.quick-exit').click();
    await page.waitForURL(QUICK_EXIT_URL);
    await context.close();
  });
});

describe('S2 one history entry', () => {
  it('after many pages, filters, the map and a quick exit, one Back never shows the site', async () => {
    const { context, page } = await freshPage();
    await page.goto('about:blank');
    await page.goto(url('/?lang=ar'));
    const entries = await page.evaluate(() => history.length);
    await page.locator('a[href^="/a/IQG15?"]').first().click();
    await page.waitForURL(/\/a\/IQG15\?/);
    await page.locator('.area-links a[href^="/a/IQG15Q05?"]').click();
    await page.waitForURL(/\/a\/IQG15Q05\?/);
    await page.locator('details.filters summary').click();
    await page.locator('input[name="open"]').check();
    await page.waitForURL(/open=1/);
    await page.locator('.service-card a[href^="/s/"]').first().click();
    await page.waitForURL(/\/s\//);
    await page.locator('.back-link a').click();
    await page.waitForURL(/\/a\/IQG15Q05\?/);
    await page.locator('a[href="#main"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.site-nav a[href^="/privacy"]').click();
    await page.waitForURL(/\/privacy/);
    await page.locator('.language-menu a[lang="en"]').click();
    await page.waitForURL(/lang=en/);
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await page.locator('.quick-exit').click();
    await page.waitForURL(QUICK_EXIT_URL);
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await context.close();
  });
});

describe('S3 no other origin, no cookies, strict CSP', () => {
  it('contacts only its own origin on every page type, sets no cookie and runs no inline script', async () => {
    const { context, page } = await freshPage({ locale: 'en' });
    const recorder = record(page);
    const service = await firstServicePath();
    await page.goto(url('/?lang=en'));
    await page.locator('#search-q').fill('Mosul');
    await page.locator('form.search button[type="submit"]').click();
    await page.locator('#search-results .search-results').waitFor();
    for (const path of [
      '/a/IQG15Q05?lang=en',
      `/s/${service}&lang=en`,
      '/privacy?lang=ar',
      '/about?lang=ckb',
      '/nowhere?lang=es',
    ]) {
      await page.goto(url(path));
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.cookie)).toBe('');
      expect(await page.locator('script:not([src])').count()).toBe(0);
      expect(await page.locator('[style], style').count()).toBe(0);
    }
    // The map too: MapLibre, its worker, boundaries and services, all from here.
    await page.goto(url('/a/IQG15Q05?lang=en'));
    await page.locator('[data-view="map"]').click();
    await page.locator('#map-view[data-ready="true"]').waitFor();
    await page.waitForLoadState('networkidle');

    const origin = new URL(url('/')).origin;
    const foreign = recorder.requests.filter((r) => !r.url.startsWith(`${origin}/`) && !r.url.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(recorder.requests.filter((r) => r.url.startsWith('data:'))).toEqual([]);
    expect(recorder.responses.filter((r) => 'set-cookie' in r.headers)).toEqual([]);
    expect(recorder.cspErrors).toEqual([]);
    const documents = recorder.responses.filter((r) => (r.headers['content-type'] ?? '').startsWith('text/html'));
    expect(documents.length).toBeGreaterThan(5);
    for (const response of recorder.responses.filter((r) => r.url.startsWith(origin))) {
      const csp = response.headers['content-security-policy'] ?? '';
      expect(csp, response.url).toMatch(/default-src 'self'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    await context.close();
  });
});

describe('S4 nothing stored by default', () => {
  it('leaves no storage, cache or service worker, and every response says no-store', async () => {
    const { context, page } = await freshPage();
    const recorder = record(page);
    const service = await firstServicePath();
    for (const path of ['/?lang=ar', '/a/IQG15Q05?lang=ar', `/s/${service}&lang=ar`, '/privacy?lang=ar']) {
      await page.goto(url(path));
      await page.waitForLoadState('networkidle');
    }
    await page.locator('.back-link a, .site-name').first().click();
    const storage = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      cookie: document.cookie,
    }));
    expect(storage).toEqual({ local: 0, session: 0, databases: 0, caches: 0, workers: 0, cookie: '' });
    const ours = recorder.responses.filter((r) => r.url.startsWith(new URL(url('/')).origin));
    expect(ours.length).toBeGreaterThan(8);
    for (const response of ours) expect(response.headers['cache-control'], response.url).toBe('no-store');
    expect((await context.cookies()).length).toBe(0);
    await context.close();
  });
});

describe('S5 discreet', () => {
  const TELLING =
    /violen|abus|rape|assault|harass|extort|blackmail|sextort|traffick|shelter|gbv|victim|survivor|عنف|ابتزاز|اغتصاب|تحرش|اعتداء|ضحية|مأوى|توندوتیژ|ئیستیغلال|violencia|abuso|extorsi|violaci|acoso|víctima|refugio/i;

  it('shows only the configured neutral name in titles, and no telling word in any title or address', async () => {
    const { context, page } = await freshPage();
    const seen: Array<{ title: string; address: string }> = [];
    const service = await firstServicePath();
    const paths = [
      '/?lang=ar',
      '/a/IQG11Q02?lang=en',
      '/a/IQG11Q02?lang=ar&t=40&open=1&fs=1&free=1&anon=1&g=f&age=30',
      `/s/${service}&lang=en`,
      '/privacy?lang=en',
      '/privacy?lang=es',
      '/about?lang=ckb',
    ];
    for (const path of paths) {
      await page.goto(url(path));
      seen.push({ title: await page.title(), address: page.url() });
    }
    // A search for a telling word leaves it out of the address and the title.
    await page.goto(url('/?lang=en'));
    await page.locator('#search-q').fill('shelter');
    await page.locator('form.search button[type="submit"]').click();
    await page.locator('#search-results .search-results, #search-results [role="status"]').first().waitFor();
    seen.push({ title: await page.title(), address: page.url() });
    // A filter chosen in the form travels as a neutral number, not as a type name.
    await page.goto(url('/a/IQG11Q02?lang=en'));
    await page.locator('details.filters summary').click();
    await page.locator('#filter-type').selectOption({ index: 8 });
    await page.waitForURL(/t=\d+/);
    seen.push({ title: await page.title(), address: page.url() });
    for (const { title, address } of seen) {
      expect(title.endsWith(siteName()), title).toBe(true);
      expect(title, title).not.toMatch(TELLING);
      expect(decodeURIComponent(address), address).not.toMatch(TELLING);
    }
    expect(seen.find((s) => s.address.includes('/s/'))?.title).toBe(siteName());
    await context.close();
  });

  it('uses a neutral icon drawn from the configured name, and offers no share preview', async () => {
    const { context, page } = await freshPage();
    await page.goto(url('/a/IQG15Q05?lang=ar'));
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    const icon = await (await page.request.get(url('/favicon.svg'))).text();
    expect(icon).toContain(`>${siteName()[0]}<`);
    expect(await page.locator('meta[property^="og:"], meta[name^="twitter:"], meta[name="description"]').count()).toBe(
      0,
    );
    await context.close();
  });
});
