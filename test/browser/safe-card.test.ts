// A safe card is handed over on paper, by SMS or by WhatsApp. On paper: only the cards, several
// per A4 sheet, without the quick exit, the language menu or the navigation. On screen: the sms:
// and WhatsApp links carry the card's text, and loading the page asks nothing of another site.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, siteName, url } from './support/browser.ts';
import { printed as read } from './support/pdf.ts';

interface ListedService {
  id: string;
  name: { text: string };
  contact_routes: Array<{ kind: string; value: string; href: string | null }>;
}

const digits = (text: string) => text.replace(/[^\d]/g, '');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let service: ListedService;
let numbers: string[];

beforeAll(async () => {
  // A Karbala listing with a number to dial, as the API lists it in Arabic.
  const response = await fetch(url('/api/v1/services?area=IQG12&lang=ar&limit=50'));
  const items = ((await response.json()) as { items: ListedService[] }).items;
  service = items.find((s) => s.contact_routes.some((r) => r.href?.startsWith('tel:')))!;
  numbers = service.contact_routes.filter((r) => r.href?.startsWith('tel:')).map((r) => r.value.replace(/[^\d+]/g, ''));
  browser = await launchBrowser();
  context = await phone(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('a safe card', () => {
  it('is reached from the service page, and its sms: and WhatsApp links carry the card without asking another site', async () => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(url(`/s/${service.id}?lang=ar`));
    await page.locator('[data-role="safe-card-link"]').click();
    await page.waitForURL(/\/card\?/);
    expect(new URL(page.url()).pathname).toBe(`/s/${service.id}/card`);

    const sms = (await page.locator('[data-role="sms-link"]').getAttribute('href'))!;
    expect(sms.startsWith('sms:?&body=')).toBe(true);
    const body = decodeURIComponent(sms.slice('sms:?&body='.length));
    expect(body.length).toBeLessThanOrEqual(134);
    expect(numbers.some((n) => body.includes(n))).toBe(true);

    const whatsapp = (await page.locator('[data-role="whatsapp-link"]').getAttribute('href'))!;
    expect(whatsapp.startsWith('https://wa.me/?text=')).toBe(true);
    const text = await page.locator('[data-role="card-text"]').inputValue();
    expect(decodeURIComponent(whatsapp.slice('https://wa.me/?text='.length))).toBe(text);
    expect(text).toContain(service.name.text);

    // On screen one card is shown; nothing was asked of WhatsApp or any other site.
    expect(await page.locator('[data-role="safe-card"]:visible').count()).toBe(1);
    const origin = new URL(url('/')).origin;
    expect(requested.filter((r) => !r.startsWith(origin) && !r.startsWith('data:'))).toEqual([]);
  });

  it('prints as several black-and-white cards on one A4 sheet, without the quick exit, menus or share links', async () => {
    await page.goto(url(`/s/${service.id}/card?lang=ar`));
    await page.emulateMedia({ media: 'print' });
    try {
      for (const selector of [
        '.quick-exit',
        '.language-menu',
        '.site-nav',
        '.back-link',
        '.footer-links',
        '[data-role="sms-link"]',
        '[data-role="whatsapp-link"]',
        '[data-role="discreet-option"]',
      ]) {
        expect(await page.locator(selector).first().isHidden(), selector).toBe(true);
      }
      const cards = page.locator('[data-role="safe-card"]');
      expect(await cards.count()).toBeGreaterThan(1);
      for (const card of await cards.all()) expect(await card.isVisible()).toBe(true);
      const color = await cards.first().evaluate((el) => getComputedStyle(el).color);
      expect(color).toBe('rgb(0, 0, 0)');
    } finally {
      await page.emulateMedia({ media: null });
    }
    const pdf = await page.pdf({ format: 'A4' });
    const paper = await read(pdf);
    expect(paper.pages).toBe(1);
    const printed = paper.text.replace(/\s+/g, '');
    expect(numbers.some((n) => printed.includes(digits(n)))).toBe(true);
  });

  it('a discreet card names neither the service nor the site', async () => {
    await page.goto(url(`/s/${service.id}/card?lang=ar`));
    await page.locator('[data-role="discreet-option"] a').click();
    await page.waitForURL(/discreet=true/);
    const text = await page.locator('[data-role="card-text"]').inputValue();
    expect(text).not.toContain(service.name.text);
    expect(text).not.toContain(siteName());
    const sms = decodeURIComponent(
      (await page.locator('[data-role="sms-link"]').getAttribute('href'))!.slice('sms:?&body='.length),
    );
    expect(sms).not.toContain(service.name.text);
    expect(numbers.some((n) => sms.includes(n))).toBe(true);
  });
});
