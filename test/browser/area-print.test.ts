// An area's printed sheet goes on an office wall in place of the stale lists: on A4, one to three
// pages for a district, every published service of the district on it, nothing of the site's
// controls on paper, and a QR code back to the live page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';
import { ar } from '../../web/src/i18n/ar.ts';
import { launchBrowser, phone, url } from './support/browser.ts';
import { printed } from './support/pdf.ts';

const DISTRICTS = [
  ['Mosul', 'IQG15Q05'],
  ['Karbala', 'IQG12Q03'],
] as const;

interface ApiService {
  id: string;
  name: { text: string };
}

/** Every published service of the area, from the API, in the language asked for. */
async function servicesOf(pcode: string, lang: string): Promise<ApiService[]> {
  const items: ApiService[] = [];
  let cursor: string | null = null;
  do {
    const next: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await fetch(url(`/api/v1/services?area=${pcode}&lang=${lang}&limit=100${next}`));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: ApiService[]; next_cursor: string | null };
    items.push(...body.items);
    cursor = body.next_cursor;
  } while (cursor);
  return items;
}

/** Text compared without spaces and line breaks: a long name wraps in a column. */
const squeezed = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await phone(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('a printed district sheet', () => {
  it.each(DISTRICTS)(
    'the %s district prints on one to three A4 pages with every published service named',
    async (_, pcode) => {
      const services = await servicesOf(pcode, 'en');
      expect(services.length).toBeGreaterThan(5);
      await page.goto(url(`/a/${pcode}/print?lang=en`));
      const { pages, text } = await printed(await page.pdf({ format: 'A4' }));
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(3);
      const all = squeezed(text);
      for (const service of services) expect(all, service.name.text).toContain(squeezed(service.name.text));
      // Nothing to tap or filter on paper: no quick exit, no filters, no buttons, no navigation.
      for (const word of [en.quickExit, en.quickExitLink, en.filtersHeading, en.printBackToArea, en.navPrivacy]) {
        expect(all).not.toContain(squeezed(word));
      }
      // The way back to the live list, written out beside the code.
      expect(all).toContain(squeezed(url(`/a/${pcode}?lang=en`)));
    },
  );

  it.each(DISTRICTS)('the %s district also fits on one to three pages in Arabic, right to left', async (_, pcode) => {
    await page.goto(url(`/a/${pcode}/print?lang=ar`));
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const { pages, text } = await printed(await page.pdf({ format: 'A4' }));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    expect(squeezed(text)).not.toContain(squeezed(ar.quickExitLink));
  });

  it('on paper the controls are gone and the QR code to the live page is there; on screen the quick exit stays', async () => {
    const [, pcode] = DISTRICTS[0];
    const live = url(`/a/${pcode}?lang=en`);
    await page.emulateMedia({ media: 'print' });
    try {
      await page.goto(url(`/a/${pcode}/print?lang=en`));
      for (const selector of ['.quick-exit', '.language-menu', '.site-nav', '[data-role="print-controls"]', 'form']) {
        const shown = await page.locator(selector).evaluateAll((els) => els.some((e) => e.getClientRects().length > 0));
        expect(shown, selector).toBe(false);
      }
      const code = page.locator(`[data-role="live-code"] a[href="${live}"] svg`);
      expect(await code.isVisible()).toBe(true);
      const box = (await code.boundingBox())!;
      // Big enough to scan from a wall: about 28 mm (106 CSS pixels) square.
      expect(box.width).toBeGreaterThan(90);
      expect(Math.abs(box.width - box.height)).toBeLessThan(2);
      expect(await page.locator('[data-role="data-as-of"]').isVisible()).toBe(true);
      expect(await page.locator('.print-service').first().isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: null });
    }
    await page.goto(url(`/a/${pcode}/print?lang=en`));
    expect(await page.locator('.quick-exit').isVisible()).toBe(true);
    expect(await page.locator('[data-role="print"]').isVisible()).toBe(true);
  });

  it('the area page leads to its sheet', async () => {
    const [, pcode] = DISTRICTS[1];
    await page.goto(url(`/a/${pcode}?lang=es`));
    await page.locator('[data-role="print-link"]').click();
    await page.waitForURL(new RegExp(`/a/${pcode}/print\\?lang=es`));
    expect(await page.locator('[data-role="print-priority"] .print-service').count()).toBeGreaterThan(0);
  });
});
