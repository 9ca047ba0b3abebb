// S10: with JavaScript off, a person can still choose an area, read its list with hotlines first,
// filter it, read a service and report a problem. The script's controls are simply absent.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, ownClientAddress, phone, url } from './support/browser.ts';

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await phone(browser, { javaScriptEnabled: false, locale: 'en', extraHTTPHeaders: ownClientAddress() });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe('without JavaScript', () => {
  it('goes from the start page to a district by links, and lists its services with hotlines first', async () => {
    await page.goto(url('/?lang=en'));
    expect(await page.locator('[data-role="home-near-me"]').isHidden()).toBe(true);
    await page.locator('a[href^="/a/IQG15?"]').click();
    await page.locator('.area-links a[href^="/a/IQG15Q05?"]').click();
    expect(await page.locator('h1').textContent()).toBe('Al-Mosul');
    const headings = await page.locator('main h2, main h3').allTextContents();
    expect(headings[0]).toBe('Hotlines and official channels');
    expect(headings).toContain('Services by type');
    expect(await page.locator('.service-group--priority .service-card').count()).toBeGreaterThan(0);
    expect(await page.locator('.service-card').count()).toBeGreaterThan(5);
    // Map, near-me and offline need the script: not offered.
    for (const selector of [
      '[data-role="view-toggle"]',
      '[data-role="near-me-sort"]',
      '#map-view',
      '#offline-control',
    ]) {
      expect(await page.locator(selector).isHidden(), selector).toBe(true);
    }
  });

  it('filters with the plain form', async () => {
    await page.goto(url('/a/IQG15Q05?lang=en'));
    const listed = '[data-role="priority-group"] .service-card, [data-role="type-groups"] .service-card';
    const all = await page.locator(listed).count();
    await page.locator('details.filters summary').click();
    await page.locator('input[name="fs"]').check();
    await page.locator('#filter-type').selectOption({ label: 'Legal aid' });
    await page.locator('.filters button[type="submit"]').click();
    await page.waitForURL(/t=70/);
    expect(page.url()).toContain('fs=1');
    expect(await page.locator(listed).count()).toBeLessThan(all);
    // The hotlines a filter leaves out are still there, above the list, without the script.
    expect(await page.locator('[data-role="emergency-block"] .service-card').count()).toBeGreaterThan(0);
    expect(await page.locator('details.filters').getAttribute('open')).not.toBeNull();
    expect(await page.locator('#filter-type').inputValue()).toBe('70');
  });

  it('reads a whole service page with its direct actions', async () => {
    await page.goto(url('/a/IQG15Q05?lang=en'));
    await page.locator('.service-card h4 a').first().click();
    await page.waitForURL(/\/s\//);
    const text = await page.locator('main').textContent();
    for (const heading of ['How to contact', 'What happens when you contact them', 'Details', 'Last checked'])
      expect(text).toContain(heading);
    expect(await page.locator('.routes .action').count()).toBeGreaterThan(0);
    expect(await page.locator('.routes').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await page.locator('.back-link a').getAttribute('href')).toBe('/a/IQG15Q05?lang=en');
  });

  it('reports a problem with the plain form in three taps', async () => {
    await page.goto(url('/a/IQG15Q05?lang=en'));
    await page.locator('.service-card h4 a').first().click();
    await page.locator('details.report summary').click(); // 1
    await page.locator('input[name="kind"][value="no_answer"]').check(); // 2
    await page.locator('.report button[type="submit"]').click(); // 3
    await page.waitForURL(/\/problem/);
    expect(await page.locator('[role="status"]').textContent()).toBe('Thank you. Our team will check this listing.');
  });
});
