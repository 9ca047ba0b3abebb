// A caseworker builds a referral for one person on this device: services chosen from Find and
// from a listing, a consent checklist gone through with the person, a sheet to print or share.
// Nothing of it may leave the tab: no request carries it, no storage or history keeps it, and it
// is gone once the tab is reloaded or closed. Find's caseworker filters narrow the results as the
// public directory does, and a caseworker's problem report reaches the coordinators with their role.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../web/src/i18n/index.ts';
import { launchBrowser, record } from './support/browser.ts';
import { firstAdmin, invitedPerson, listingNamed, signInThroughConsole, type Person } from './support/console.ts';

let browser: Browser;
let admin: Person;
const contexts: BrowserContext[] = [];
const t = translator('en');

async function desktop(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en' });
  contexts.push(context);
  return { context, page: await context.newPage() };
}

const CASE = 'Case management, Karbala';
const PSYCHOSOCIAL = 'Psychosocial support, Karbala';

const resultNamed = (page: Page, name: string) =>
  page.locator('[data-role="find-results"] li').filter({ has: page.locator('a', { hasText: name }) });
const resultNames = async (page: Page) =>
  (await page.locator('[data-role="find-results"] li > a').allTextContents()).map((s) => s.trim());

/** Runs Find's form and waits for its answer to replace the results. */
async function search(page: Page) {
  // The results' heading is marked; the answer replaces it with a new one.
  await page.locator('[data-role="find-results"] > h2').evaluate((e) => e.setAttribute('data-old', ''));
  await page.locator('[data-role="find"] button[type="submit"]').click();
  await page.locator('[data-role="find-results"] > h2:not([data-old])').waitFor();
}

/** The wall-clock date (YYYY-MM-DD) of the next given weekday (0 = Sunday) in Iraq, a week or less ahead. */
function nextIraqDay(weekday: number): string {
  const iraq = new Date(Date.now() + 3 * 3_600_000);
  const ahead = ((weekday - iraq.getUTCDay() + 7) % 7) + 7;
  return new Date(iraq.getTime() + ahead * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await firstAdmin();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('a referral built on the device', () => {
  it('holds exactly the chosen services, asks for consent, and sends and keeps nothing', async () => {
    const chosen = await Promise.all([listingNamed(admin, CASE), listingNamed(admin, PSYCHOSOCIAL)]);
    const full = await Promise.all(chosen.map((c) => admin.api.ok('GET', `/services/${c.id}`).then((r) => r.body)));
    const caseworker = await invitedPerson(admin, 'caseworker', { area_pcodes: ['IQG12'] });
    const { context, page } = await desktop();
    await signInThroughConsole(page, caseworker, 'en');
    await resultNamed(page, CASE).waitFor();
    const cookiesBefore = (await context.cookies()).map((c) => c.name).sort();
    const recorder = record(page);

    // One service from Find's results, one from its listing.
    const caseToggle = resultNamed(page, CASE).locator('[data-role="referral-toggle"]');
    await caseToggle.click();
    await expect.poll(() => caseToggle.getAttribute('aria-pressed')).toBe('true');
    await resultNamed(page, PSYCHOSOCIAL).locator('a').click();
    const viewToggle = page.locator('[data-role="listing-view"] [data-role="referral-toggle"]');
    await viewToggle.click();
    await expect.poll(() => viewToggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-role="referral-count"]').textContent()).toBe('2');

    // From here on the referral is built from memory: not one request.
    const requestsBeforeReferral = recorder.requests.length;
    await page.locator('.console-nav a[href="#/referral"]').click();
    const screen = page.locator('[data-role="referral-screen"]');
    await screen.waitFor();
    expect(await screen.innerText()).toContain(t('consoleReferralNotice').slice(0, 40));
    // Nothing on the screen asks who the person is: the only controls are the consent ticks.
    expect(await screen.locator('input:not([type="checkbox"]), textarea, select').count()).toBe(0);
    const listed = screen.locator('[data-role="referral-service"]');
    expect(await listed.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.serviceId).sort())).toEqual(
      chosen.map((c) => c.id).sort(),
    );
    for (const listing of full) {
      const item = screen.locator(`[data-role="referral-service"][data-service-id="${listing.id}"]`);
      const text = await item.innerText();
      // Practitioner-only details and every contact route with its weekly hours, already loaded.
      expect(await item.locator('[data-role="focal-point"]').innerText()).toBe(
        listing.referral.focal_point?.en ?? t('consoleNotGiven'),
      );
      for (const route of listing.contact_routes.filter((r: { kind: string }) => r.kind !== 'walk_in'))
        expect(text).toContain(route.value);
      for (const route of listing.contact_routes.filter((r: { opening_hours: string | null }) => r.opening_hours))
        expect(text).toContain(route.opening_hours);
    }

    // The sheet waits for every consent point, each chosen service named in one.
    await screen.locator('[data-role="make-sheet"]').click();
    expect(await screen.locator('[data-role="consent"] .form-message').innerText()).toBe(t('consoleConsentMissing'));
    expect(await page.locator('[data-role="referral-sheet"]').count()).toBe(0);
    const consentText = await screen.locator('[data-role="consent"]').innerText();
    for (const listing of full)
      expect(consentText).toContain(t('consoleConsentShareWith', { service: listing.names.en }));
    expect(consentText).toContain(t('consoleConsentRefuse'));
    expect(consentText).toContain(t('consoleConsentWithdraw'));
    for (const box of await screen.locator('[data-role="consent"] input[type="checkbox"]').all()) await box.check();
    await screen.locator('[data-role="make-sheet"]').click();
    const sheet = page.locator('[data-role="referral-sheet"]');
    await sheet.waitFor();
    expect(
      await sheet
        .locator('[data-role="sheet-service"]')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.serviceId).sort()),
    ).toEqual(chosen.map((c) => c.id).sort());
    const sheetText = await sheet.innerText();
    for (const listing of full) expect(sheetText).toContain(listing.names.en);
    expect(sheetText).not.toContain('Legal aid, Karbala');

    // On paper: the sheet alone, without the console's header, navigation or the checklist.
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.isVisible()).toBe(true);
    expect(await page.locator('.console-header').isVisible()).toBe(false);
    expect(await page.locator('[data-role="consent"]').isVisible()).toBe(false);
    expect(await page.locator('[data-role="sheet-print"]').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // Sharing hands the sheet's text to the device (Web Share), not to Masar's server.
    await page.evaluate(() => {
      const shared: unknown[] = [];
      (window as unknown as { shared: unknown[] }).shared = shared;
      navigator.share = async (data?: ShareData) => void shared.push(data);
    });
    await sheet.locator('[data-role="sheet-share"]').click();
    const shared = await page.evaluate(() => (window as unknown as { shared: Array<{ text: string }> }).shared);
    expect(shared).toHaveLength(1);
    for (const listing of full) expect(shared[0]!.text).toContain(listing.names.en);

    // No request since the referral screen opened, and none before carried the referral: only
    // reads, the listing reads the console makes to show a listing, nothing about consent.
    // (The browser fetches the page's icon by itself, whenever it likes; it carries nothing.)
    const own = (r: { url: string }) => new URL(r.url).pathname !== '/favicon.svg';
    expect(recorder.requests.slice(requestsBeforeReferral).filter(own)).toEqual([]);
    for (const request of recorder.requests) {
      expect(request.method).toBe('GET');
      expect(request.body).toBeNull();
      expect(request.url).not.toMatch(/referral|consent|share/i);
    }

    // Nothing stays behind in the browser.
    const left = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      cookie: document.cookie,
      state: history.state as unknown,
    }));
    expect(left).toEqual({ local: 0, session: 0, databases: 0, caches: 0, cookie: '', state: null });
    expect((await context.cookies()).map((c) => c.name).sort()).toEqual(cookiesBefore);
    const cdp = await context.newCDPSession(page);
    const { entries } = (await cdp.send('Page.getNavigationHistory')) as { entries: Array<{ url: string }> };
    // Only the screens visited: the console's start, a listing opened, the referral screen (no ids, no ticks).
    for (const { url } of entries.filter((e) => e.url !== 'about:blank'))
      expect(url).toMatch(/\/maintainers\/\?lang=en(#\/?|#\/s\/[0-9a-f-]{36}|#\/referral)$/);

    // Gone with the tab: a reload (as a new tab) finds no referral.
    await page.reload();
    await screen.waitFor();
    expect(await page.locator('[data-role="referral-empty"]').isVisible()).toBe(true);
    expect(await page.locator('[data-role="referral-count"]').textContent()).toBe('0');
  });
});

describe("Find's filters for caseworkers", () => {
  it('leaves out a service closed at the chosen day and time, and keeps it when it is open', async () => {
    const caseworker = await invitedPerson(admin, 'caseworker', { area_pcodes: ['IQG12'] });
    const { page } = await desktop();
    await signInThroughConsole(page, caseworker, 'en');
    await resultNamed(page, PSYCHOSOCIAL).waitFor();
    // Every result says how fresh its check is.
    const count = await page.locator('[data-role="find-results"] li').count();
    expect(await page.locator('[data-role="find-results"] li [data-role="freshness"]').count()).toBe(count);

    const openAt = page.locator('[data-role="find"] [name="open_at"]');
    // Psychosocial support in Karbala keeps Su-Th 09:00-13:00: closed on a Friday morning.
    await openAt.fill(`${nextIraqDay(5)}T10:00`);
    await search(page);
    expect(await resultNames(page)).not.toContain(expect.stringContaining(PSYCHOSOCIAL));
    await openAt.fill(`${nextIraqDay(0)}T10:00`);
    await search(page);
    expect(await resultNames(page)).toContainEqual(expect.stringContaining(PSYCHOSOCIAL));
  });

  it('narrows by age and gender and by an accessibility need', async () => {
    const caseworker = await invitedPerson(admin, 'caseworker', { area_pcodes: ['IQG12'] });
    const { page } = await desktop();
    await signInThroughConsole(page, caseworker, 'en');
    await resultNamed(page, CASE).waitFor();
    const all = await resultNames(page);
    // Case management in Karbala takes adults (18 and over): not for a 17-year-old girl.
    await page.locator('[data-role="find"] [name="age"]').fill('17');
    await page.locator('[data-role="find"] [name="gender"]').selectOption('female');
    await search(page);
    const forHer = await resultNames(page);
    expect(forHer).not.toContainEqual(expect.stringContaining(CASE));
    expect(forHer.length).toBeGreaterThan(0);
    expect(forHer.length).toBeLessThan(all.length);
    await page.locator('[data-role="find"] [name="age"]').fill('');
    await page.locator('[data-role="find"] [name="gender"]').selectOption('');
    await page.locator('[data-role="find"] input[name="accessibility"][value="wheelchair"]').check();
    await search(page);
    const wheelchair = await resultNames(page);
    // It has a ramp; every service kept says it has wheelchair access.
    expect(wheelchair).toContainEqual(expect.stringContaining(CASE));
    for (const name of wheelchair) {
      const listing = await listingNamed(admin, name.replace(/ \(sample\)$/, ''));
      const detail = (await admin.api.ok('GET', `/services/${listing.id}`)).body;
      expect(detail.accessibility).toContain('wheelchair');
    }
  });
});

describe('a problem reported from the console', () => {
  it("reaches the coordinators' reports with the caseworker's role", async () => {
    const caseworker = await invitedPerson(admin, 'caseworker', { area_pcodes: ['IQG12'] });
    const { page } = await desktop();
    await signInThroughConsole(page, caseworker, 'en');
    await resultNamed(page, CASE).locator('a').click();
    const form = page.locator('[data-role="console-report"]');
    await form.waitFor();
    await form.locator('input[name="kind"][value="no_answer"]').check();
    await form.locator('textarea[name="note"]').fill('Rang the intake line at nine, no answer.');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('.form-message').textContent()).toBe(t('consoleReportSent'));
    const { body } = await admin.api.ok('GET', '/problem-reports?status=open');
    const report = body.items.find(
      (r: { note: string | null }) => r.note === 'Rang the intake line at nine, no answer.',
    );
    expect(report).toMatchObject({ kind: 'no_answer', reporter_role: 'caseworker' });

    const { page: adminPage } = await desktop();
    await signInThroughConsole(adminPage, admin, 'en', '#/reports');
    const shown = adminPage.locator(`[data-role="report"][data-report-id="${report.id}"]`);
    await shown.waitFor();
    expect(await shown.locator('[data-role="reporter"]').innerText()).toBe(
      t('consoleReportedByRole', { role: t('consoleRole_caseworker') }),
    );
  });
});
