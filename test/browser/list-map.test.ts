// List ↔ map (S10: the map loads only when asked for) and filters without a page load.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, record, url } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const MAP_FILES = /area-map|maplibre/;

describe('list ↔ map', () => {
  it('loads MapLibre only when the map is opened, then draws the boundaries and the services', async () => {
    const context = await phone(browser, { locale: 'en' });
    const page = await context.newPage();
    const recorder = record(page);
    await page.goto(url('/a/IQG15Q05?lang=en'));
    await page.waitForLoadState('networkidle');
    expect(recorder.requests.filter((r) => MAP_FILES.test(r.url))).toEqual([]);
    expect(await page.locator('canvas').count()).toBe(0);
    await expect.poll(() => page.locator('[data-role="view-toggle"]').isVisible()).toBe(true);

    await page.locator('[data-view="map"]').click();
    await page.locator('#map-view[data-ready="true"]').waitFor();
    expect(recorder.requests.some((r) => r.url.endsWith('/assets/area-map.js'))).toBe(true);
    expect(recorder.requests.some((r) => r.url.includes('/api/v1/map/boundaries?parent=IQG15Q05'))).toBe(true);
    expect(recorder.requests.some((r) => r.url.includes('/api/v1/map/services?area=IQG15Q05'))).toBe(true);
    expect(await page.locator('#map-view canvas').isVisible()).toBe(true);
    expect(await page.locator('#results').isHidden()).toBe(true);
    expect(await page.locator('[data-view="map"]').getAttribute('aria-pressed')).toBe('true');
    expect(page.url()).toContain('view=map');
    // Area names are HTML labels (right-to-left text needs no glyph server).
    expect(await page.locator('.map-label').count()).toBeGreaterThan(0);
    // Credits the licences require are on the map.
    expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('OCHA');
    // Services: coloured markers or clusters, as buttons.
    await expect.poll(() => page.locator('.map-marker, .map-cluster').count()).toBeGreaterThan(0);

    await page.locator('[data-view="list"]').click();
    expect(await page.locator('#results').isVisible()).toBe(true);
    expect(await page.locator('#map-view').isHidden()).toBe(true);
    await context.close();
  });

  it('opens a service from a marker', async () => {
    const context = await phone(browser, { locale: 'en' });
    const page = await context.newPage();
    await page.goto(url('/a/IQG15Q05N01?lang=en&view=map'));
    await page.locator('#map-view[data-ready="true"]').waitFor();
    const entries = await page.evaluate(() => history.length);
    // Zoom into clusters until one opens up into markers, then tap a marker: a person's path.
    let name: string | null = null;
    for (let i = 0; i < 8 && !name; i++) {
      const target = await page.evaluate(() => {
        const canvas = document.querySelector('#map-view canvas')!.getBoundingClientRect();
        const inside = [...document.querySelectorAll<HTMLElement>('.map-marker, .map-cluster')].find((e) => {
          const b = e.getBoundingClientRect();
          return (
            b.top > canvas.top + 40 && b.bottom < canvas.bottom - 40 && b.left > canvas.left && b.right < canvas.right
          );
        });
        if (!inside) return null;
        const b = inside.getBoundingClientRect();
        return {
          x: b.left + b.width / 2,
          y: b.top + b.height / 2,
          marker: inside.classList.contains('map-marker'),
          name: inside.getAttribute('aria-label'),
        };
      });
      if (!target) throw new Error('no marker or cluster on the map');
      await page.mouse.click(target.x, target.y);
      if (target.marker) name = target.name;
      else {
        // A cluster opens as a list of its services; its button zooms in to where it opens up.
        await page.locator('.map-cluster-popup__zoom').click();
        await page.waitForTimeout(1000);
      }
    }
    const link = page.locator('.maplibregl-popup a.map-popup__link');
    expect(await link.textContent()).toBe(name);
    await link.click();
    await page.waitForURL(/\/s\/[0-9a-f-]+\?a=IQG15Q05N01/);
    expect(await page.locator('h1').textContent()).toBe(name);
    // S2: links on the map replace the history entry like every other link.
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await context.close();
  });
});

describe('filters', () => {
  // The filtered list itself; the hotlines and official channels it leaves out are above it, apart.
  const LISTED = '[data-role="priority-group"] .service-card, [data-role="type-groups"] .service-card';

  it('narrow the list without loading a new page, keep the address in step, and the map follows', async () => {
    const context = await phone(browser, { locale: 'en' });
    const page = await context.newPage();
    const recorder = record(page);
    await page.goto(url('/a/IQG15Q05?lang=en'));
    const entries = await page.evaluate(() => history.length);
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same document'));
    const all = await page.locator(LISTED).count();

    await page.locator('details.filters summary').click();
    await page.locator('#filter-type').selectOption({ label: 'Legal aid' });
    await page.waitForURL(/t=70/);
    await expect.poll(() => page.locator(LISTED).count()).toBeLessThan(all);
    const legal = await page.locator(LISTED).count();
    expect(legal).toBeGreaterThan(0);
    for (const labels of await page.locator('[data-role="type-groups"] .service-card .type-labels').allTextContents())
      expect(labels).toContain('Legal aid');
    // The hotlines stay reachable above the filtered list.
    expect(await page.locator('[data-role="emergency-block"] .service-card').count()).toBeGreaterThan(0);

    await page.locator('input[name="free"]').check();
    await page.waitForURL(/free=1/);
    await page.locator('#filter-gender').selectOption('f');
    await page.waitForURL(/g=f/);
    expect(await page.locator('#results-count').textContent()).toMatch(/^Services found: \d+$/);
    // Still the same document: no reload, no new history entry.
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same document');
    expect(await page.evaluate(() => history.length)).toBe(entries);
    expect(
      recorder.requests.filter((r) => r.url.includes('/a/IQG15Q05?') && r.url.includes('t=70')).length,
    ).toBeGreaterThan(0);

    // The map shows the filtered services.
    await page.locator('[data-view="map"]').click();
    await page.locator('#map-view[data-ready="true"]').waitFor();
    expect(
      recorder.requests.some(
        (r) =>
          r.url.includes('/api/v1/map/services') && r.url.includes('type=legal_aid') && r.url.includes('free=true'),
      ),
    ).toBe(true);

    // The same filters as a plain link (a reload or a shared address) give the same list.
    await page.goto(page.url());
    await page.locator('[data-view="list"]').click();
    expect(await page.locator(LISTED).count()).toBeLessThanOrEqual(legal);
    await context.close();
  });

  it('"open now" keeps only services open at this moment, hotlines still first', async () => {
    const context = await phone(browser, { locale: 'en' });
    const page = await context.newPage();
    await page.goto(url('/a/IQG15Q05?lang=en&open=1'));
    // A card's own hours line (its routes' lines may differ: a phone open, a walk-in closed).
    const hours = await page
      .locator(
        '[data-role="priority-group"] .service-card article > .hours, ' +
          '[data-role="type-groups"] .service-card article > .hours',
      )
      .allTextContents();
    expect(hours.length).toBeGreaterThan(0);
    for (const h of hours) expect(h).toMatch(/^Open/);
    // First the hotlines whose hours are not known (unknown is not closed), then the open ones.
    const groups = await page.locator('main h2').allTextContents();
    expect(groups.slice(0, 2)).toEqual([
      'Hotlines and official channels, whatever your filters',
      'Hotlines and official channels',
    ]);
    expect(
      await page.locator('[data-role="emergency-block"] [data-role="unmet-filters"] li').allTextContents(),
    ).toContain('Opening hours not known');
    await context.close();
  });
});
