// The map is for everyone: in map view the area's hotlines stay one tap away, place names stay
// readable under the markers, a popup is never covered by a marker, and a cluster opens readably.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, url } from './support/browser.ts';

const MOSUL = 'IQG15Q05';

interface ApiService {
  id: string;
  name: { text: string };
  is_priority_channel: boolean;
  contact_routes: Array<{ href: string | null }>;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openMap(path: string): Promise<Page> {
  const context = await phone(browser, { locale: 'en' });
  const page = await context.newPage();
  await page.goto(url(path));
  await expect.poll(() => page.locator('[data-role="view-toggle"]').isVisible()).toBe(true);
  await page.locator('[data-view="map"]').click();
  await page.locator('#map-view[data-ready="true"]').waitFor();
  await expect.poll(() => page.locator('.map-marker, .map-cluster').count()).toBeGreaterThan(0);
  return page;
}

/** Whether the element is what a finger at its centre would touch: nothing drawn over it. */
const onTop = (page: Page, selector: string, index: number) =>
  page.evaluate(
    ([sel, i]) => {
      const element = document.querySelectorAll(sel as string)[i as number] as HTMLElement;
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return hit !== null && (hit === element || element.contains(hit));
    },
    [selector, index],
  );

/** The centres of the elements wholly inside the map on the screen (those outside are clipped). */
const insideCanvas = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const canvas = document.querySelector('#map-view canvas')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>(sel)].flatMap((e, index) => {
      const b = e.getBoundingClientRect();
      const inside =
        b.top >= canvas.top && b.bottom <= canvas.bottom && b.left >= canvas.left && b.right <= canvas.right;
      return inside ? [{ index, x: b.left + b.width / 2, y: b.top + b.height / 2 }] : [];
    });
  }, selector);

describe('the map, for everyone', () => {
  it("in map view every hotline's dial link is on the screen, above the map", async () => {
    const response = await fetch(url(`/api/v1/services?area=${MOSUL}&lang=en&limit=100`));
    const { items } = (await response.json()) as { items: ApiService[] };
    const dial = items
      .filter((s) => s.is_priority_channel)
      .flatMap((s) => s.contact_routes.filter((r) => r.href?.startsWith('tel:')).map((r) => r.href!));
    expect(dial.length).toBeGreaterThan(0);
    const page = await openMap(`/a/${MOSUL}?lang=en`);
    expect(await page.locator('#results').isHidden()).toBe(true);
    const viewport = page.viewportSize()!;
    for (const href of new Set(dial)) {
      const link = page.locator(`#map-view [data-role="map-hotlines"] a[href="${href}"]`);
      expect(await link.isVisible(), href).toBe(true);
      const box = (await link.boundingBox())!;
      // On the screen the map opens to, not somewhere above it.
      expect(box.y, href).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, href).toBeLessThanOrEqual(viewport.height);
    }
    // The same in another language, right to left.
    await page.goto(url(`/a/${MOSUL}?lang=ar&view=map`));
    await page.locator('#map-view[data-ready="true"]').waitFor();
    for (const href of new Set(dial)) {
      expect(await page.locator(`#map-view [data-role="map-hotlines"] a[href="${href}"]`).isVisible()).toBe(true);
    }
    await page.context().close();
  });

  it('tapping a cluster lists its services readably, above every marker, each a link to its page', async () => {
    const page = await openMap(`/a/IQG15?lang=en`);
    await expect.poll(async () => (await insideCanvas(page, '.map-cluster')).length).toBeGreaterThan(0);
    const [cluster] = await insideCanvas(page, '.map-cluster');
    const count = Number(await page.locator('.map-cluster').nth(cluster!.index).textContent());
    await page.mouse.click(cluster!.x, cluster!.y);
    const popup = page.locator('.maplibregl-popup .map-cluster-popup');
    await popup.waitFor();
    const links = popup.locator('a.map-popup__link');
    const shown = await links.count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(count);
    const viewport = page.viewportSize()!;
    for (let i = 0; i < shown; i++) {
      const link = links.nth(i);
      expect(await link.isVisible()).toBe(true);
      expect(((await link.textContent()) ?? '').trim().length).toBeGreaterThan(3);
      expect(await link.getAttribute('href')).toMatch(/^\/s\/[0-9a-f-]+\?a=IQG15&lang=en$/);
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      // Readable: at least 14 CSS pixels, and no marker drawn over it.
      expect(await link.evaluate((a) => parseFloat(getComputedStyle(a).fontSize))).toBeGreaterThanOrEqual(14);
      await link.scrollIntoViewIfNeeded();
      expect(await onTop(page, '.maplibregl-popup a.map-popup__link', i)).toBe(true);
    }
    // Or zoom in to where the cluster opens up.
    expect(await popup.locator('.map-cluster-popup__zoom').isVisible()).toBe(true);
    await page.context().close();
  });

  it('no marker hides a place name', async () => {
    for (const area of ['IQG15', MOSUL]) {
      const page = await openMap(`/a/${area}?lang=ar`);
      await page.waitForTimeout(500);
      // In one pass, so nothing moves between finding a name and touching it.
      const names = await page.evaluate(() => {
        const canvas = document.querySelector('#map-view canvas')!.getBoundingClientRect();
        const top = Math.max(canvas.top, 0);
        const bottom = Math.min(canvas.bottom, window.innerHeight);
        return [...document.querySelectorAll<HTMLElement>('.map-label')].flatMap((label) => {
          const b = label.getBoundingClientRect();
          if (b.top < top || b.bottom > bottom || b.left < canvas.left || b.right > canvas.right) return [];
          const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
          return [{ name: label.textContent, covered: hit !== label && !label.contains(hit) ? hit?.className : null }];
        });
      });
      expect(names.length, area).toBeGreaterThan(0);
      expect(
        names.filter((n) => n.covered),
        area,
      ).toEqual([]);
      await page.context().close();
    }
  });
});
