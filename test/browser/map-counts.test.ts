// A wide map view that holds more services than points can show draws counts per cell. This app
// draws counts above 3 services in view (MAP_POINTS_LIMIT), so the sample governorate is such a view.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from './global-setup.ts';
import { launchBrowser, phone, record, url, useBaseURL } from './support/browser.ts';

let browser: Browser;
let app: Awaited<ReturnType<typeof startApp>>;
// Its own app (the shared one draws counts only above 500 services); stopped even if starting was slow.
let starting: ReturnType<typeof startApp> | undefined;
beforeAll(async () => {
  starting = startApp({ MAP_POINTS_LIMIT: '3' });
  [browser, app] = await Promise.all([launchBrowser(), starting]);
  useBaseURL(app.baseURL);
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await (await starting?.catch(() => undefined))?.stop();
});

/** The numbers on the count buttons on screen ("12 services have a place here, …" → 12). */
const drawnCounts = (page: Page) =>
  page.$$eval('.map-cluster', (buttons) =>
    buttons.map((b) => Number((b.getAttribute('aria-label') ?? '').replace(/\D+/g, ''))),
  );

describe('counts on a wide map', () => {
  it('a governorate shows how many services each place holds, in numbers that add up to what was counted', async () => {
    const context = await phone(browser, { locale: 'en' });
    const page = await context.newPage();
    const recorder = record(page);
    await page.goto(url('/a/IQG15?lang=en&view=map'));
    await page.locator('#map-view[data-ready="true"]').waitFor();
    await expect.poll(() => page.locator('.map-cluster--cell, .map-cluster').count()).toBeGreaterThan(0);

    // What the server counted for the view: the buttons say those numbers, added up where they meet.
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/v1/map/services?area=IQG15&lang=en&summary=auto');
      return (await response.json()) as {
        counts?: boolean;
        features: Array<{ geometry: { coordinates: [number, number] }; properties: { services: number } }>;
      };
    });
    expect(answer.counts).toBe(true);
    const total = answer.features.reduce((sum, f) => sum + f.properties.services, 0);
    const [minLon, minLat, maxLon, maxLat] = (await page.locator('#map-view').getAttribute('data-bbox'))!
      .split(',')
      .map(Number) as [number, number, number, number];
    const inBox = answer.features
      .filter(
        ({
          geometry: {
            coordinates: [lon, lat],
          },
        }) => lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat,
      )
      .reduce((sum, f) => sum + f.properties.services, 0);
    await expect.poll(async () => (await drawnCounts(page)).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(inBox);
    expect((await drawnCounts(page)).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(total);
    for (const label of await page.$$eval('.map-cluster', (b) => b.map((e) => e.getAttribute('aria-label')))) {
      expect(label).toMatch(/^(Up to )?\d+ services have a place here, whichever areas they serve/);
    }

    // Nothing but this site was asked for anything.
    const origin = new URL(app.baseURL).origin;
    expect(recorder.requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('data:'))).toEqual([]);
    await context.close();
  }, 180_000);
});
