// The console as a caseworker finds it (read-only: the API lets that role read published
// listings with their practitioner-only details, nothing else), and what any maintainer reads on
// a listing: walk-in routes by their place, pending drafts with their values, whole sentences.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../web/src/i18n/index.ts';
import { launchBrowser } from './support/browser.ts';
import { firstAdmin, invitedPerson, listingNamed, signInThroughConsole, type Person } from './support/console.ts';

let browser: Browser;
let admin: Person;
const contexts: BrowserContext[] = [];

async function desktop(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  contexts.push(context);
  return context.newPage();
}

interface FullListing {
  id: string;
  names: Record<string, string>;
  referral: Record<string, Record<string, string> | null>;
  contact_routes: Array<{ id: string; kind: string; value: string; visibility: string }>;
  locations: Array<{ location_id: string; location: { names: Record<string, string> } }>;
}

const FEMALE_STAFF: Record<string, 'femaleYes' | 'femaleOnRequest' | 'femaleNo' | 'femaleUnknown'> = {
  yes: 'femaleYes',
  on_request: 'femaleOnRequest',
  no: 'femaleNo',
  unknown: 'femaleUnknown',
};
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Text of the page's main part: what a person reads. */
const mainText = (page: Page) => page.locator('#console-main').innerText();

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await firstAdmin();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('the console for a caseworker', () => {
  for (const lang of ['ar', 'en'] as const) {
    it(`lands on the published services to refer to, with no error, in ${lang}`, async () => {
      const t = translator(lang);
      const caseworker = await invitedPerson(admin, 'caseworker', { area_pcodes: ['IQG12'] });
      const page = await desktop(lang);
      await signInThroughConsole(page, caseworker, lang);
      const results = page.locator('[data-role="find-results"] li');
      await expect.poll(() => results.count()).toBeGreaterThan(3);
      expect(await page.locator('#console-main h1').textContent()).toBe(t('consoleFindHeading'));
      const text = await mainText(page);
      expect(text).not.toContain(t('consoleFailed'));
      expect(text).not.toMatch(/may not|Your role|caseworker/);
      // Every listing shown is one the caseworker may open: published, in Karbala's scope.
      expect(text).toContain(lang === 'ar' ? 'متابعة الحالة - كربلاء' : 'Case management, Karbala');
      // The navigation offers finding a service, not a work queue the API refuses them.
      expect(await page.locator('.console-nav').innerText()).toContain(t('consoleNavFind'));
      expect(await page.locator('.console-nav').innerText()).not.toContain(t('consoleNavQueue'));
    });

    it(`opens a listing read-only with its practitioner-only referral details, in ${lang}`, async () => {
      const t = translator(lang);
      const target = await listingNamed(admin, 'Case management, Karbala');
      const full = (await admin.api.ok<FullListing>('GET', `/services/${target.id}`)).body;
      const caseworker = await invitedPerson(admin, 'caseworker', {});
      const page = await desktop(lang);
      await signInThroughConsole(page, caseworker, lang);
      await page
        .locator('[data-role="find-results"] a')
        .filter({ hasText: lang === 'ar' ? 'متابعة الحالة - كربلاء' : 'Case management, Karbala' })
        .first()
        .click();
      const view = page.locator('[data-role="listing-view"]');
      await view.waitFor();

      // The referral details the admin API gives practitioners, in the page's language.
      const inLang = (value: Record<string, string> | null | undefined) => value?.[lang] ?? value?.ar ?? '';
      for (const [role, field] of [
        ['focal-point', 'focal_point'],
        ['intake-route', 'intake_route'],
        ['required-documents', 'required_documents'],
        ['expected-response-time', 'expected_response_time'],
      ] as const) {
        const expected = inLang(full.referral[field]);
        expect(expected, field).not.toBe('');
        expect(await view.locator(`[data-role="${role}"]`).textContent(), field).toBe(expected);
      }
      // The practitioner-only route, marked as such.
      const practitioner = full.contact_routes.find((r) => r.visibility === 'practitioner')!;
      const route = view.locator(`[data-role="route"][data-route-id="${practitioner.id}"]`);
      expect(await route.textContent()).toContain(practitioner.value);
      expect(await route.textContent()).toContain(t('consoleVisibility_practitioner'));
      expect(await view.locator('[data-role="places"] li').count()).toBe(full.locations.length);

      // Nothing to edit and no button the API would refuse: no save, no tabs. The only controls
      // add the listing to a referral (kept in the page) or report a problem (the API accepts it).
      const strayControls = await page
        .locator('#console-main')
        .evaluate(
          (main) =>
            [...main.querySelectorAll('form, input, textarea, select, button')].filter(
              (c) =>
                !c.matches(
                  '[data-role="referral-toggle"], [data-role="console-report"], [data-role="console-report"] *',
                ),
            ).length,
        );
      expect(strayControls).toBe(0);
      expect(await view.locator('[data-role="referral-toggle"]').count()).toBe(1);
      expect(await page.locator('.listing-tabs, [data-role="publish-panel"]').count()).toBe(0);
      expect(await mainText(page)).not.toMatch(/may not|outside your role/);
    });
  }

  it('narrows the list to an area and a type', async () => {
    const caseworker = await invitedPerson(admin, 'caseworker', {});
    const page = await desktop('en');
    await signInThroughConsole(page, caseworker, 'en');
    const form = page.locator('[data-role="find"]');
    const results = page.locator('[data-role="find-results"]');
    await results.locator('li').first().waitFor();
    // Counted before narrowing: counted after the click, a quick answer was already the narrowed list.
    const everything = await results.locator('li').count();
    await form.locator('[name="area-0"]').selectOption('IQ');
    await form.locator('[name="area-1"]').selectOption('IQG12');
    await form.locator('[name="type"]').selectOption('legal_aid');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => results.locator('li').count()).toBeLessThan(everything);
    const text = await results.innerText();
    expect(text).toContain('Legal aid, Karbala');
    expect(text).not.toContain('Case management, Karbala');
    expect(text).not.toContain('Mosul');
  });

  it('opens the listing itself, not a refusal, from a link to its history', async () => {
    const target = await listingNamed(admin, 'Case management, Karbala');
    const caseworker = await invitedPerson(admin, 'caseworker', {});
    const page = await desktop('ar');
    await signInThroughConsole(page, caseworker, 'ar', `#/s/${target.id}/history`);
    await page.locator('[data-role="listing-view"]').waitFor();
    expect(await page.locator('[data-role="referral"]').count()).toBe(1);
    const text = await mainText(page);
    expect(text).not.toMatch(/may not|history this listing/);
    expect(text).not.toContain(translator('ar')('consoleFailed'));
  });
});

describe('a listing in the console', () => {
  it('names the place of a walk-in route instead of showing its id', async () => {
    const target = await listingNamed(admin, 'Hope Bridges clinic, Karbala');
    const full = (await admin.api.ok<FullListing>('GET', `/services/${target.id}`)).body;
    const walkIn = full.contact_routes.find((r) => r.kind === 'walk_in')!;
    const place = full.locations.find((l) => l.location_id === walkIn.value)!.location.names.en!;
    expect(walkIn.value).toMatch(UUID);

    // For a caseworker, on the listing.
    const caseworker = await invitedPerson(admin, 'caseworker', {});
    const reader = await desktop('en');
    await signInThroughConsole(reader, caseworker, 'en', `#/s/${target.id}`);
    const route = reader.locator(`[data-role="route"][data-route-id="${walkIn.id}"]`);
    await route.waitFor();
    expect(await route.textContent()).toContain(`Walk-in at ${place}`);
    expect(await mainText(reader)).not.toMatch(UUID);

    // For a coordinator, on the hours and the verification tabs.
    const coordinator = await invitedPerson(admin, 'coordinator', { area_pcodes: ['IQG12'] });
    const page = await desktop('en');
    await signInThroughConsole(page, coordinator, 'en', `#/s/${target.id}/hours`);
    await page.locator('[data-role="hours-form"]').first().waitFor();
    expect(await page.locator('[data-role="hours-form"] h4').allTextContents()).toContain(`Walk-in at ${place}`);
    expect(await mainText(page)).not.toMatch(UUID);
    expect(await page.locator('[data-role="closure-form"] [name="contact_route_id"]').innerText()).not.toMatch(UUID);
    await page.getByRole('link', { name: 'Verification and test calls' }).click();
    await page.locator('[data-role="verification-form"]').waitFor();
    expect(await mainText(page)).toContain(`Walk-in at ${place}`);
    expect(await page.locator('[data-role="verification-form"] [name="contact_route_id"]').innerText()).not.toMatch(
      UUID,
    );
  });

  it('shows each change of a pending draft with its label, the value now and the value proposed', async () => {
    const target = await listingNamed(admin, 'Legal aid, Karbala');
    const before = (
      await admin.api.ok<{ names: Record<string, string>; female_staff: string }>('GET', `/services/${target.id}`)
    ).body;
    const proposed = before.female_staff === 'on_request' ? 'yes' : 'on_request';
    const editor = await invitedPerson(admin, 'editor', { organisation_id: target.organisation_id });
    const current = await editor.api.ok('GET', `/services/${target.id}`);
    const draft = await editor.api.call(
      'PATCH',
      `/services/${target.id}`,
      { names: { ...before.names, en: 'Legal aid, Karbala (evening hours)' }, female_staff: proposed },
      current.version!,
    );
    expect(draft.status).toBe(202);

    const coordinator = await invitedPerson(admin, 'coordinator', { area_pcodes: ['IQG12'] });
    const page = await desktop('en');
    await signInThroughConsole(page, coordinator, 'en', `#/s/${target.id}`);
    const panel = page.locator('[data-role="publish-panel"]');
    await panel.waitFor();
    const names = panel.locator('tr[data-field="names"]');
    expect(await names.locator('th').textContent()).toBe('Name');
    expect(await names.locator('.pending__old').textContent()).toBe(before.names.en);
    expect(await names.locator('.pending__new').textContent()).toBe('Legal aid, Karbala (evening hours)');
    const female = panel.locator('tr[data-field="female_staff"]');
    expect(await female.locator('th').textContent()).toBe('Female staff');
    expect(await female.locator('.pending__old').textContent()).toBe(
      translator('en')(FEMALE_STAFF[before.female_staff]!),
    );
    expect(await female.locator('.pending__new').textContent()).toBe(translator('en')(FEMALE_STAFF[proposed]!));
    expect(await panel.innerText()).not.toMatch(/female_staff|\bnames\b/);

    // In Arabic, the same change in Arabic words.
    const arabic = await desktop('ar');
    await signInThroughConsole(arabic, coordinator, 'ar', `#/s/${target.id}`);
    const arPanel = arabic.locator('[data-role="publish-panel"]');
    await arPanel.waitFor();
    expect(await arPanel.locator('tr[data-field="female_staff"] th').textContent()).toBe(
      translator('ar')('consoleField_female_staff'),
    );
    expect(await arPanel.locator('tr[data-field="female_staff"] .pending__new').textContent()).toBe(
      translator('ar')(FEMALE_STAFF[proposed]!),
    );
  });
});
