// Nothing is kept until a person saves a governorate; then its pages work with the network cut and
// say how old they are, pages not saved say so, an expired pack says plainly that it may be out of
// date, and "delete saved data" removes everything in one tap.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, url } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const stored = () =>
  (async () => ({
    caches: (await caches.keys()).length,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }))();

const NOTHING = { caches: 0, workers: 0, local: 0, session: 0, databases: 0 };
const DAY_MS = 86_400_000;
const SAVE_TIMEOUT = 120_000;

const notice = (page: Page) => page.locator('[data-role="saved-copy-notice"]');

/** Opens a page with the network cut and returns what it says about being a saved copy. */
async function openSaved(page: Page, path: string) {
  await page.goto(url(path));
  await notice(page).waitFor();
  return {
    heading: (await page.locator('h1').textContent())?.trim(),
    notice: (await notice(page).textContent())?.trim(),
    expired: (await notice(page).getAttribute('class'))?.includes('--expired'),
    quickExit: await page.locator('a.quick-exit').isVisible(),
  };
}

describe('a governorate saved for use without internet', () => {
  it(
    'saves Ninewa from a district, opens it with the network cut, then says it may be out of date, then deletes all',
    { timeout: 300_000 },
    async () => {
      const context = await phone(browser, { locale: 'en' });
      const page = await context.newPage();
      await page.goto(url('/a/IQG15Q05?lang=en'));
      const control = page.locator('#offline-control');
      await control.waitFor();
      // Opt-in: before the tap nothing is stored, and the control says what would be.
      expect(await page.evaluate(stored)).toEqual(NOTHING);
      expect(await control.locator('[data-role="save"]').textContent()).toBe('Save Ninewa for use without internet');
      expect(await control.locator('[data-role="what-is-stored"]').textContent()).toContain(
        'the pages of Ninewa and of every place in it',
      );
      expect(await control.locator('[data-role="delete"]').isHidden()).toBe(true);

      // What to open later, read while online.
      const subdistrict = page.locator('.area-links a').first();
      const subdistrictHref = (await subdistrict.getAttribute('href'))!;
      const subdistrictName = (await subdistrict.textContent())!.trim();
      const service = page.locator('#results .service-card h4 a').first();
      const serviceHref = (await service.getAttribute('href'))!;
      const serviceName = (await service.textContent())!.trim();
      const pathwayHref = (await page.locator('[data-role="pathways"] a').first().getAttribute('href'))!;
      expect(serviceHref).toMatch(/^\/s\/.+[?&]a=IQG15Q05/);

      // Progress is shown while saving.
      const progressSeen = page.waitForFunction(
        () =>
          /^Saving… \d+ of \d+$/.test(
            document.querySelector('#offline-control [data-role="status"]')?.textContent ?? '',
          ),
        undefined,
        { timeout: SAVE_TIMEOUT, polling: 50 },
      );
      await control.locator('[data-role="save"]').click();
      await progressSeen;
      await expect
        .poll(() => control.locator('[data-role="status"]').textContent(), { timeout: SAVE_TIMEOUT })
        .toMatch(/^Saved on this phone: Ninewa, information as of .+\. Use it until .+\.$/);
      const pack = await page.evaluate(async () => {
        const answer = await (await fetch('/api/v1/areas/IQG15/offline-pack?lang=en')).json();
        const keys = await caches.keys();
        const cache = await caches.open(keys[0]!);
        const meta = await (await caches.match('/__offline/meta'))!.json();
        return { urls: answer.urls.length, keys: keys.length, entries: (await cache.keys()).length, meta };
      });
      expect(pack.keys).toBe(1);
      expect(pack.entries).toBe(pack.urls + 1); // every address of the pack and its metadata
      expect(pack.meta).toMatchObject({ pcode: 'IQG15', area: 'Ninewa', urls: pack.urls });
      expect(pack.meta.bytes).toBeGreaterThan(1_000_000);
      expect(await page.evaluate(stored)).toMatchObject({ caches: 1, workers: 1, local: 0, session: 0 });

      await context.setOffline(true);
      const current = /^Saved copy for use without internet: information as of .+, good until .+\.$/;
      const district = await openSaved(page, '/a/IQG15Q05?lang=en');
      expect(district).toMatchObject({ heading: 'Al-Mosul', expired: false, quickExit: true });
      expect(district.notice).toMatch(current);
      expect(await page.locator('.service-card').count()).toBeGreaterThan(5);
      expect(await page.locator('.data-as-of').textContent()).toMatch(/^Information as of /);
      // The saved copy's "until" is the pack's expiry.
      expect(await control.locator('[data-role="status"]').textContent()).toMatch(/Use it until .+\.$/);

      const inSubdistrict = await openSaved(page, subdistrictHref);
      expect(inSubdistrict).toMatchObject({ heading: subdistrictName, expired: false });
      expect(inSubdistrict.notice).toMatch(current);

      // A service reached from the district's list (its address names the district) opens from the pack.
      await page.goto(url('/a/IQG15Q05?lang=en'));
      await page.locator(`a[href="${serviceHref}"]`).click();
      await page.waitForURL(/\/s\//);
      await notice(page).waitFor();
      expect((await page.locator('h1').textContent())?.trim()).toBe(serviceName);

      const pathway = await openSaved(page, pathwayHref);
      expect(pathway.notice).toMatch(current);
      expect(await page.locator('.pathway').count()).toBe(1);

      const guide = await openSaved(page, '/guide?lang=en');
      expect(guide.notice).toMatch(current);

      // An address that was not saved: the friendly page, with the quick exit, in its language.
      await page.goto(url('/a/IQG01?lang=en'));
      expect((await page.locator('h1').textContent())?.trim()).toBe('This page is not saved on this phone');
      expect(await page.locator('a.quick-exit').isVisible()).toBe(true);
      await control.locator('[data-role="open-saved"]').waitFor();
      expect(await control.locator('[data-role="open-saved"]').getAttribute('href')).toBe('/a/IQG15?lang=en');
      await page.goto(url('/a/GT01?lang=es'));
      expect((await page.locator('h1').textContent())?.trim()).toBe('Esta página no está guardada en este teléfono');

      // Fifteen days later (the pack is good for fourteen), every saved page says it may be out of date.
      await page.clock.setFixedTime(new Date(Date.now() + 15 * DAY_MS));
      const expired = /^This saved copy may be out of date: its information is as of .+ and it expired on .+\./;
      for (const path of ['/a/IQG15Q05?lang=en', subdistrictHref, serviceHref, pathwayHref, '/guide?lang=en']) {
        const saved = await openSaved(page, path);
        expect(saved.expired, path).toBe(true);
        expect(saved.notice, path).toMatch(expired);
      }
      expect(await control.locator('[data-role="status"]').textContent()).toMatch(
        /It expired on .+: it may be out of date\.$/,
      );

      // One tap deletes it all, even without a connection.
      await control.locator('[data-role="delete"]').click();
      await expect
        .poll(() => control.locator('[data-role="status"]').textContent())
        .toBe('Saved data deleted from this phone.');
      expect(await page.evaluate(stored)).toEqual(NOTHING);
      expect(await page.evaluate(async () => Boolean(await caches.match('/__offline/meta')))).toBe(false);
      const gone = await page.goto(url('/a/IQG15Q05?lang=en')).catch((error: Error) => error);
      expect(gone).toBeInstanceOf(Error);
      await context.close();
    },
  );

  it('a save that cannot finish keeps nothing and says so', { timeout: 180_000 }, async () => {
    const context = await phone(browser, { locale: 'en' });
    // One address of the pack fails (the map data of one district) while everything else answers.
    await context.route(/\/api\/v1\/map\/boundaries\?parent=IQG15Q05&/, (route) =>
      route.fulfill({ status: 503, body: 'unavailable' }),
    );
    const page = await context.newPage();
    await page.goto(url('/a/IQG15Q05N01?lang=en'));
    const control = page.locator('#offline-control');
    await control.waitFor();
    await control.locator('[data-role="save"]').click();
    await expect
      .poll(() => control.locator('[data-role="status"]').textContent(), { timeout: SAVE_TIMEOUT })
      .toBe('Saving did not finish, so nothing new was kept. Check your connection and try again.');
    expect(await page.evaluate(() => caches.keys())).toEqual([]);
    await context.close();
  });
});
