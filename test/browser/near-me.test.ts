// S11: "near me" works out distances on the phone; the position never leaves it.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, record, url, type Recorder } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// A point in eastern Mosul, near the sample's Mosul sites, with digits found nowhere else.
const HERE = { latitude: 36.15123, longitude: 43.05987 };
const TRACES = ['36.15', '43.05', '36,15', '43,05', '36.1512', '43.0598', '3615123', '4305987'];

async function locatedPhone(): Promise<BrowserContext> {
  const context = await phone(browser, { locale: 'en', geolocation: HERE });
  await context.grantPermissions(['geolocation'], { origin: new URL(url('/')).origin });
  return context;
}

function expectNoTrace(recorder: Recorder) {
  for (const request of recorder.requests) {
    for (const trace of TRACES) {
      expect(decodeURIComponent(request.url), request.url).not.toContain(trace);
      expect(request.body ?? '', request.url).not.toContain(trace);
    }
  }
}

describe('near me', () => {
  it('sorts an area list by distance on the phone, hotlines still first', async () => {
    const context = await locatedPhone();
    const page = await context.newPage();
    const recorder = record(page);
    await page.goto(url('/a/IQG15Q05?lang=en'));
    await page.locator('[data-role="near-me-sort"] button').click();
    await page.locator('#group-nearest').waitFor();
    expect(await page.locator('#group-nearest').textContent()).toBe('Nearest first');
    expect(await page.locator('main h2').first().textContent()).toBe('Hotlines and official channels');
    const distances = await page
      .locator('.service-group--nearest .service-card [data-role="distance"]')
      .allTextContents();
    expect(distances.length).toBeGreaterThan(3);
    const km = distances.filter((d) => /km away/.test(d)).map((d) => Number(d.replace(/[^0-9.]/g, '')));
    expect(km.length).toBeGreaterThan(2);
    expect(km).toEqual([...km].sort((a, b) => a - b));
    expect(km[0]).toBeLessThan(3);
    // Services without a public place say so, last.
    if (distances.length > km.length) expect(distances.at(-1)).toBe('Distance not known');
    expectNoTrace(recorder);
    await context.close();
  });

  it('finds the nearest services from the start page without sending the position', async () => {
    const context = await locatedPhone();
    const page = await context.newPage();
    const recorder = record(page);
    await page.goto(url('/?lang=en'));
    await page.locator('[data-role="home-near-me"] button').click();
    await page.locator('[data-role="area-link"] a').waitFor();
    const items = page.locator('.near-list li');
    expect(await items.count()).toBe(5);
    expect(await items.first().textContent()).toMatch(/km away$/);
    expect(await page.locator('[data-role="area-link"] a').textContent()).toMatch(/^All services in /);
    await page.locator('[data-role="area-link"] a').click();
    await page.waitForURL(/\/a\/IQG15/);
    expectNoTrace(recorder);
    await context.close();
  });

  it('says so when the phone gives no position', async () => {
    const context = await phone(browser, { locale: 'en' });
    const page = await context.newPage();
    await page.goto(url('/a/IQG15Q05?lang=en'));
    await page.locator('[data-role="near-me-sort"] button').click();
    await expect
      .poll(() => page.locator('[data-role="near-me-sort"] [data-role="status"]').textContent())
      .toBe('Your location is not available. Choose your area from the list instead.');
    await context.close();
  });
});
