// Accessibility: axe-core finds no violation on any page type, left to right and right to left;
// keyboard-only use with visible focus; usable at 200% zoom and more (320 CSS px, no sideways scroll).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, ownClientAddress, phone, url } from './support/browser.ts';
import { firstServicePath } from './support/pages.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let service: string;
beforeAll(async () => {
  browser = await launchBrowser();
  // axe is injected as an inline script, which our CSP rightly forbids: only this test context
  // bypasses it.
  context = await phone(browser, { bypassCSP: true, extraHTTPHeaders: ownClientAddress() });
  page = await context.newPage();
  service = await firstServicePath();
});
afterAll(async () => {
  await browser?.close();
});

interface AxeResult {
  violations: Array<{
    id: string;
    impact: string;
    help: string;
    nodes: Array<{ target: string[]; failureSummary: string }>;
  }>;
}

async function axe(target: Page): Promise<AxeResult['violations']> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.addScriptTag({ content: AXE });
  const result = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => ({ ...v, nodes: v.nodes.slice(0, 3) }));
}

const LANGUAGES = ['ar', 'ckb', 'kmr', 'en', 'es'] as const;
const PAGE_TYPES = {
  start: (lang: string) => `/?lang=${lang}`,
  area: (lang: string) => `/a/IQG15Q05?lang=${lang}`,
  service: (lang: string) => `/s/${service}&lang=${lang}`,
  privacy: (lang: string) => `/privacy?lang=${lang}`,
  guide: (lang: string) => `/guide?lang=${lang}`,
  about: (lang: string) => `/about?lang=${lang}`,
};

describe('axe-core', () => {
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    it.each(LANGUAGES)(`${type} page in %s has no violations`, async (lang) => {
      await page.goto(url(path(lang)));
      expect(await axe(page)).toEqual([]);
    });
  }

  it.each(['ar', 'es'])('search results in %s have no violations', async (lang) => {
    await page.goto(url(`/?lang=${lang}`));
    await page.locator('#search-q').fill(lang === 'ar' ? 'الموصل' : 'Coban');
    await page.locator('form.search button[type="submit"]').click();
    await page.locator('#search-results .search-results').waitFor();
    expect(await axe(page)).toEqual([]);
  });

  it.each(['ckb', 'en'])(
    'an area with its filters open and sorted by distance in %s has no violations',
    async (lang) => {
      const located = await phone(browser, { bypassCSP: true, geolocation: { latitude: 36.2, longitude: 43.1 } });
      await located.grantPermissions(['geolocation'], { origin: new URL(url('/')).origin });
      const p = await located.newPage();
      await p.goto(url(`/a/IQG15Q05?lang=${lang}&open=1`));
      await p.locator('details.filters summary').click();
      await p.locator('[data-role="near-me-sort"] button').click();
      await p.locator('#group-nearest').waitFor();
      expect(await axe(p)).toEqual([]);
      await located.close();
    },
  );

  it.each(['ar', 'en'])('the map view in %s has no violations', async (lang) => {
    await page.goto(url(`/a/IQG15Q05?lang=${lang}&view=map`));
    await page.locator('#map-view[data-ready="true"]').waitFor();
    expect(await axe(page)).toEqual([]);
  });

  it.each(['kmr', 'en'])('the report form and its answer page in %s have no violations', async (lang) => {
    await page.goto(url(`/s/${service}&lang=${lang}`));
    await page.locator('details.report summary').click();
    expect(await axe(page)).toEqual([]);
    // The answer page of the plain form (what a person without JavaScript gets): submit()
    // skips the script's handler and posts the form natively.
    await page.locator('input[name="kind"][value="other"]').check();
    await page.locator('form[data-role="problem-report"]').evaluate((form: HTMLFormElement) => form.submit());
    await page.waitForURL(/\/problem/);
    expect(await page.locator('[role="status"]').textContent()).not.toBe('');
    expect(await axe(page)).toEqual([]);
  });

  it('the page-not-found page has no violations', async () => {
    await page.goto(url('/nowhere?lang=ar'));
    expect(await axe(page)).toEqual([]);
  });
});

describe('keyboard only', () => {
  it('reaches quick exit, then skips to the content, and opens a service with Enter; focus is always visible', async () => {
    const keyboard = await phone(browser, { hasTouch: false, isMobile: false, viewport: { width: 1024, height: 768 } });
    const p = await keyboard.newPage();
    await p.goto(url('/a/IQG15Q05?lang=en'));
    const focused = () =>
      p.evaluate(() => {
        const e = document.activeElement as HTMLElement;
        const style = getComputedStyle(e);
        return {
          text: e.textContent?.trim() ?? '',
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
      });
    await p.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Leave now', outline: true });
    await p.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Skip to content', outline: true });
    await p.keyboard.press('Enter');
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await p.keyboard.press('Tab');
      const state = await focused();
      expect(state.outline, state.text).toBe(true);
      found = await p.evaluate(() => Boolean(document.activeElement?.closest('.service-card h3 a')));
    }
    expect(found).toBe(true);
    const name = await p.evaluate(() => document.activeElement!.textContent);
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/s\//);
    expect(await p.locator('h1').textContent()).toBe(name);
    await keyboard.close();
  });

  it('opens the map, a cluster and a service marker with the keyboard', async () => {
    const keyboard = await phone(browser, { hasTouch: false, isMobile: false, viewport: { width: 1024, height: 900 } });
    const p = await keyboard.newPage();
    await p.goto(url('/a/IQG15Q05N01?lang=en'));
    await p.locator('[data-view="map"]').focus();
    await p.keyboard.press('Enter');
    await p.locator('#map-view[data-ready="true"]').waitFor();
    await expect.poll(() => p.locator('.map-marker, .map-cluster').count()).toBeGreaterThan(0);
    const markers = await p
      .locator('.map-marker, .map-cluster')
      .evaluateAll((elements) => elements.map((e) => e.tagName));
    expect(new Set(markers)).toEqual(new Set(['BUTTON']));
    await keyboard.close();
  });
});

describe('zoom and reflow', () => {
  it.each(Object.keys(PAGE_TYPES))(
    'the %s page fits 320 CSS pixels (400%% zoom) without sideways scrolling, in ar and en',
    async (type) => {
      const narrow = await phone(browser, { viewport: { width: 320, height: 640 } });
      const p = await narrow.newPage();
      for (const lang of ['ar', 'en']) {
        await p.goto(url(PAGE_TYPES[type as keyof typeof PAGE_TYPES](lang)));
        expect(
          await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
          `${type} ${lang}`,
        ).toBeLessThanOrEqual(0);
      }
      await narrow.close();
    },
  );

  // A long e-mail address or word in one listing once widened every card of a list past the screen:
  // every card is on its country's page or a page one level down, and every listing has its page.
  it('every service card and every service page fits 320 CSS pixels, in Arabic', async () => {
    // The countries, the Kurdistan Region and every governorate and department.
    const areas: string[] = [];
    const pending = ['IQ', 'GT'];
    while (pending.length) {
      const code = pending.shift()!;
      areas.push(code);
      const children = (await (await fetch(url(`/api/v1/areas?parent=${code}&lang=ar`))).json()) as {
        items: Array<{ pcode: string; level: number }>;
      };
      for (const child of children.items) (child.level < 1 ? pending : areas).push(child.pcode);
    }
    const services: string[] = [];
    for (const country of ['IQ', 'GT']) {
      let next: string | null = `/api/v1/services?country=${country}&limit=100&lang=ar`;
      while (next) {
        const page = (await (await fetch(url(next))).json()) as {
          items: Array<{ id: string }>;
          next_cursor: string | null;
        };
        services.push(...page.items.map((item) => item.id));
        next = page.next_cursor
          ? `/api/v1/services?country=${country}&limit=100&lang=ar&cursor=${page.next_cursor}`
          : null;
      }
    }
    expect(areas.length).toBeGreaterThan(40);
    expect(services.length).toBeGreaterThan(40);

    const narrow = await phone(browser, { viewport: { width: 320, height: 640 } });
    const p = await narrow.newPage();
    const tooWide: string[] = [];
    for (const path of [...areas.map((code) => `/a/${code}?lang=ar`), ...services.map((id) => `/s/${id}?lang=ar`)]) {
      await p.goto(url(path));
      const overflow = await p.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) tooWide.push(`${path} by ${overflow}px`);
    }
    expect(tooWide).toEqual([]);
    await narrow.close();
  }, 240_000);
});
