// A pathway is printed to hand over or keep: on A4, in black and white, without the site's
// controls, with every step, every step's services and their numbers written out, the page's
// address and the date of the information. And it reads without JavaScript, in every language.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../web/src/i18n/index.ts';
import { launchBrowser, phone, url } from './support/browser.ts';
import { printed } from './support/pdf.ts';

/**
 * At most this many A4 pages for a sample pathway: its steps and services, not the whole site (the
 * Qayyarah pathway in Arabic, six steps with their services, prints on 6 today, Guatemala's on 4;
 * one page of room for another system's fonts).
 */
const MAX_PRINTED_PAGES = 7;

interface SamplePathway {
  id: string;
  key: string;
  areaPcode: string;
}
interface ApiStep {
  kind: string;
  services: Array<{
    id: string;
    name: { text: string };
    contact_routes: Array<{ kind: string; value: string; href: string | null }>;
  }>;
}

// The seed module is plain JavaScript (no types for this project's browser tsconfig): its
// pathways are the ones the test app was seeded with.
const SEED = '../../db/seed/sample-pathways.mjs';
let pathways: SamplePathway[];
const pathwayOf = (key: string) => pathways.find((p) => p.key === key)!;

async function stepsOf(pathway: SamplePathway, lang: string): Promise<ApiStep[]> {
  const response = await fetch(url(`/api/v1/pathways/${pathway.id}?area=${pathway.areaPcode}&lang=${lang}`));
  expect(response.status).toBe(200);
  return ((await response.json()) as { steps: ApiStep[] }).steps;
}

const pagePath = (p: SamplePathway, lang: string) => `/p/${p.id}?a=${p.areaPcode}&lang=${lang}`;
const digits = (text: string) => text.replace(/[^\d]/g, '');

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  pathways = ((await import(SEED)) as { samplePathways: () => SamplePathway[] }).samplePathways();
  browser = await launchBrowser();
  context = await phone(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('a printed pathway', () => {
  it('on paper the quick exit, the language menu and the navigation are gone, and every step and step service is there', async () => {
    const qayyarah = pathwayOf('qayyarah-digital-extortion');
    const steps = await stepsOf(qayyarah, 'ar');
    await page.emulateMedia({ media: 'print' });
    try {
      await page.goto(url(pagePath(qayyarah, 'ar')));
      for (const selector of ['.quick-exit', '.language-menu', '.site-nav', '.back-link', '.footer-links']) {
        expect(await page.locator(selector).first().isHidden(), selector).toBe(true);
      }
      const shown = page.locator('.pathway-step');
      expect(await shown.count()).toBe(steps.length);
      for (const [i, step] of steps.entries()) {
        const item = shown.nth(i);
        expect(await item.isVisible()).toBe(true);
        expect(await item.getAttribute('data-step-kind')).toBe(step.kind);
        // The step's number is printed in its heading.
        expect(await item.locator('h2').textContent()).toMatch(new RegExp(`${i + 1}|${'٠١٢٣٤٥٦٧٨٩'[i + 1]}`));
        for (const service of step.services) {
          const name = item.locator(`[data-service="${service.id}"] .service-card__name`);
          expect(await name.isVisible(), service.name.text).toBe(true);
          expect(await name.textContent()).toContain(service.name.text);
          // Every number is written out beside its action: on paper a link cannot be tapped.
          for (const route of service.contact_routes.filter((r) => r.href?.startsWith('tel:'))) {
            const action = item.locator(`[data-service="${service.id}"] a[href="${route.href}"]`);
            expect(await action.isVisible()).toBe(true);
            expect(digits((await action.textContent()) ?? '')).toBe(digits(route.value));
          }
        }
      }
      expect(steps.flatMap((s) => s.services).length).toBeGreaterThan(0);
      const address = page.locator('[data-role="page-address"]');
      expect(await address.isVisible()).toBe(true);
      expect(await address.textContent()).toContain(url(pagePath(qayyarah, 'ar')));
      expect(await page.locator('.data-as-of').isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: null });
    }
    // On screen the address is not repeated: the browser shows it.
    await page.goto(url(pagePath(qayyarah, 'ar')));
    expect(await page.locator('[data-role="page-address"]').isHidden()).toBe(true);
    expect(await page.locator('.quick-exit').isVisible()).toBe(true);
  });

  it.each([
    ['qayyarah-digital-extortion', 'ar'],
    ['guatemala-digital-extortion', 'es'],
  ])(
    `the %s pathway in %s prints on at most ${MAX_PRINTED_PAGES} A4 pages with its hotline numbers`,
    async (key, lang) => {
      const pathway = pathwayOf(key);
      const hotlines = (await stepsOf(pathway, lang))
        .flatMap((s) => s.services)
        .flatMap((s) => s.contact_routes.filter((r) => r.kind === 'hotline'))
        .map((r) => digits(r.value));
      expect(hotlines.length).toBeGreaterThan(0);
      await page.goto(url(pagePath(pathway, lang)));
      const pdf = await page.pdf({ format: 'A4' });
      const { pages, text: words } = await printed(pdf);
      expect(pages).toBeGreaterThan(0);
      expect(pages).toBeLessThanOrEqual(MAX_PRINTED_PAGES);
      const text = words.replace(/\s+/g, '');
      for (const number of new Set(hotlines)) expect(text, number).toContain(number);
      // The page's address, to find it again up to date.
      expect(text).toContain(`/p/${pathway.id}`);
    },
  );
});

describe('a pathway page without JavaScript', () => {
  it('every sample pathway, in every language, shows its ordered steps and its services to dial', async () => {
    const noScript = await phone(browser, { javaScriptEnabled: false });
    const plain = await noScript.newPage();
    try {
      for (const pathway of pathways) {
        for (const lang of UI_LANGUAGES) {
          const steps = await stepsOf(pathway, lang);
          const response = await plain.goto(url(pagePath(pathway, lang)));
          expect(response?.status(), `${pathway.key} ${lang}`).toBe(200);
          const kinds = await plain
            .locator('.pathway-step')
            .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.stepKind));
          expect(kinds, `${pathway.key} ${lang}`).toEqual(steps.map((s) => s.kind));
          const dial = steps.flatMap((s) =>
            s.services.flatMap((service) => service.contact_routes.filter((r) => r.href?.startsWith('tel:'))),
          );
          expect(dial.length, `${pathway.key} ${lang}`).toBeGreaterThan(0);
          const hrefs = await plain
            .locator('.pathway-step a[href^="tel:"]')
            .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
          for (const route of dial) expect(hrefs, `${pathway.key} ${lang}`).toContain(route.href);
          expect(await plain.locator('.pathway-step a[href^="tel:"]').first().isVisible()).toBe(true);
        }
      }
    } finally {
      await noScript.close();
    }
  });
});
