// S4 and C7: nothing is kept until a person saves an area; then it works with the network cut;
// "delete saved data" removes everything in one tap.
import type { Browser } from 'playwright-core';
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

describe('offline after opt-in', () => {
  it('saves an area on request, shows it without a network, and deletes it in one tap', async () => {
    const context = await phone(browser, { locale: 'en' });
    const page = await context.newPage();
    await page.goto(url('/a/IQG15Q05?lang=en'));
    const control = page.locator('#offline-control');
    await control.waitFor();
    expect(await page.evaluate(stored)).toEqual({ caches: 0, workers: 0, local: 0, session: 0, databases: 0 });
    expect(await control.locator('[data-role="delete"]').isHidden()).toBe(true);

    await control.locator('[data-role="save"]').click();
    await expect
      .poll(() => control.locator('[data-role="status"]').textContent(), { timeout: 30_000 })
      .toMatch(/^Saved on this phone: Al-Mosul, information as of /);
    expect(await page.evaluate(stored)).toMatchObject({ caches: 1, workers: 1, local: 0, session: 0 });
    const serviceHref = await page.locator('#results .service-card h4 a').first().getAttribute('href');
    const serviceName = await page.locator('#results .service-card h4 a').first().textContent();

    await context.setOffline(true);
    await page.goto(url('/a/IQG15Q05?lang=en'));
    expect(await page.locator('h1').textContent()).toBe('Al-Mosul');
    expect(await page.locator('.service-card').count()).toBeGreaterThan(5);
    expect(await page.locator('.data-as-of').textContent()).toMatch(/^Information as of /);
    await page.locator(`a[href="${serviceHref}"]`).click();
    await page.waitForURL(/\/s\//);
    expect(await page.locator('h1').textContent()).toBe(serviceName);
    // Quick exit still works offline.
    await page.locator('.quick-exit').waitFor();
    await context.setOffline(false);

    // Any page shows what is saved and offers to delete it.
    await page.goto(url('/privacy?lang=en'));
    await control.locator('[data-role="delete"]').waitFor();
    await control.locator('[data-role="delete"]').click();
    await expect
      .poll(() => control.locator('[data-role="status"]').textContent())
      .toBe('Saved data deleted from this phone.');
    expect(await page.evaluate(stored)).toEqual({ caches: 0, workers: 0, local: 0, session: 0, databases: 0 });

    await context.setOffline(true);
    const offline = await page.goto(url('/a/IQG15Q05?lang=en')).catch((error: Error) => error);
    expect(offline).toBeInstanceOf(Error);
    await context.close();
  });
});
