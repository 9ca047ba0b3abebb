// The maintainer console end to end, a coordinator's whole day: a Karbala coordinator accepts an
// invitation, enrols TOTP, signs in, works through the queue, verifies a new hotline by a logged
// test call, publishes an editor's draft, and the public page shows it at once. Also: a 412
// conflict resolved without losing what was typed, and HTML typed into a field shown as text.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, url } from './support/browser.ts';
import {
  firstAdmin,
  invite,
  invitedPerson,
  listingNamed,
  PASSWORD,
  signInThroughConsole,
  totp,
  type Person,
} from './support/console.ts';

let browser: Browser;
let admin: Person;
let karbala: { id: string; organisation_id: string; version: number };
const contexts: BrowserContext[] = [];

async function desktop(locale = 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await firstAdmin();
  karbala = await listingNamed(admin, 'Case management, Karbala');
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('maintainer console', () => {
  it('lets a Karbala coordinator verify a hotline by a test call and publish an editor’s draft, public at once', async () => {
    // A new hotline number on the Karbala listing, not verified yet: it lands in the queue.
    const route = await admin.api.ok<{ id: string }>('POST', `/services/${karbala.id}/contact-routes`, {
      kind: 'hotline',
      value: '+9647700000199',
      visibility: 'public',
      labels: { en: 'Karbala helpline' },
      opening_hours: '24/7',
    });

    // The coordinator: invitation accepted, second factor enrolled, all in the console.
    const coordinatorEmail = `coordinator-karbala-${Date.now()}@example.org`;
    const token = await invite(admin, 'coordinator', { area_pcodes: ['IQG12'] }, coordinatorEmail);
    const page = await desktop();
    await page.goto(url(`/maintainers/?lang=en#invitation=${token}`));
    const accept = page.locator('[data-role="accept-invitation"]');
    await accept.getByLabel('Your name').fill('Karbala coordinator');
    await accept.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await accept.getByLabel('New password again').fill(PASSWORD);
    await accept.locator('button[type="submit"]').click();
    const signIn = page.locator('[data-role="sign-in"]');
    await signIn.waitFor();
    expect(page.url()).not.toContain(token);
    expect(await signIn.locator('[name="email"]').inputValue()).toBe(coordinatorEmail);
    await signIn.locator('[name="password"]').fill(PASSWORD);
    await signIn.locator('button[type="submit"]').click();
    const secret = await page.locator('[data-secret]').getAttribute('data-secret');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.locator('.totp-secret__uri').textContent()).toContain('otpauth://totp/');
    await page.locator('[data-role="totp-confirm"] [name="code"]').fill(await totp(secret!));
    await page.locator('[data-role="totp-confirm"] button').click();
    await page.locator('[data-role="sign-out"]').waitFor();
    const coordinator: Person = { email: coordinatorEmail, password: PASSWORD, totpSecret: secret, api: admin.api };

    // An editor of the organisation changes the name: a draft, not public yet.
    const editor = await invitedPerson(admin, 'editor', { organisation_id: karbala.organisation_id });
    const editorPage = await desktop();
    await signInThroughConsole(editorPage, editor, 'en', `#/s/${karbala.id}`);
    const editorForm = editorPage.locator('[data-role="listing-form"]');
    await editorForm.locator('[name="names"]').fill('Case management, Karbala (Noor, reviewed)');
    await editorForm.locator('[data-role="save"]').click();
    await expect.poll(() => editorForm.locator('.form-message').textContent()).toContain('Saved as a draft');
    expect(await (await fetch(url(`/s/${karbala.id}?lang=en`))).text()).not.toContain('Noor, reviewed');

    // Sign out and back in with TOTP: the queue for Karbala.
    await page.locator('[data-role="sign-out"]').click();
    await signInThroughConsole(page, coordinator, 'en');
    const checks = page.locator('[data-role="queue-verifications"]');
    await expect.poll(() => checks.textContent()).toContain('+9647700000199');
    const drafts = page.locator('[data-role="queue-drafts"]');
    expect(await drafts.textContent()).toContain('Case management, Karbala');

    // The hotline, verified by a logged test call.
    await checks.getByRole('link', { name: /\+9647700000199/ }).click();
    const call = page.locator(`[data-role="test-call"][data-route-id="${route.body.id}"]`);
    await call.waitFor();
    expect(await call.locator('[data-role="answer-rate"]').textContent()).toContain('No test calls yet');
    await call.getByLabel('Language offered').selectOption('ar');
    await call.getByLabel('Female staff offered').selectOption('yes');
    await call.getByRole('button', { name: 'Log the call' }).click();
    await expect
      .poll(
        () =>
          page
            .locator(`[data-role="test-call"][data-route-id="${route.body.id}"] [data-role="answer-rate"]`)
            .textContent(),
        { timeout: 5_000 },
      )
      .toContain('100%');
    const calls = await admin.api.ok<{
      items: Array<{ answered: boolean; language_offered: string; female_staff_offered: string }>;
      answer_rate: number;
    }>('GET', `/contact-routes/${route.body.id}/test-calls`);
    expect(calls.body.items[0]).toMatchObject({ answered: true, language_offered: 'ar', female_staff_offered: 'yes' });
    const listing = await admin.api.ok<{ contact_routes: Array<{ id: string; verification_status: string }> }>(
      'GET',
      `/services/${karbala.id}`,
    );
    expect(listing.body.contact_routes.find((r) => r.id === route.body.id)?.verification_status).toBe('verified');

    // Back to the queue: the editor's draft, published.
    await page.getByRole('link', { name: 'My work' }).click();
    await page
      .locator('[data-role="queue-drafts"]')
      .getByRole('link', { name: /Case management, Karbala/ })
      .click();
    const panel = page.locator('[data-role="publish-panel"]');
    expect(await panel.locator('tr[data-field="names"] th').textContent()).toBe('Name');
    await panel.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('[data-role="publish-panel"]').count()).toBe(0);
    const publicPage = await (await fetch(url(`/s/${karbala.id}?lang=en`))).text();
    expect(publicPage).toContain('Case management, Karbala (Noor, reviewed)');
    expect(publicPage).toContain('+9647700000199');

    // History shows both changes; the name change can be reverted.
    await page.getByRole('link', { name: 'History' }).click();
    await expect.poll(() => page.locator('tr[data-field="names"]').count()).toBeGreaterThan(0);
  });

  it('shows a 412 conflict beside the current values and reapplies what was typed', async () => {
    const coordinator = await invitedPerson(admin, 'coordinator', { area_pcodes: ['IQG12'] });
    const target = await listingNamed(admin, 'Psychosocial support, Karbala');
    const page = await desktop();
    await signInThroughConsole(page, coordinator, 'en', `#/s/${target.id}`);
    const form = page.locator('[data-role="listing-form"]');
    await form.waitFor();

    // Someone else saves first.
    const current = await admin.api.ok('GET', `/services/${target.id}`);
    await admin.api.ok(
      'PATCH',
      `/services/${target.id}`,
      { source_description: 'Checked by the admin meanwhile' },
      current.version!,
    );

    await form.locator('[name="names"]').fill('Psychosocial support, Karbala (new hours)');
    await form.getByLabel('Female staff').selectOption('yes');
    await form.locator('[data-role="save"]').click();
    const conflict = page.locator('[data-role="conflict"]');
    await conflict.waitFor();
    expect(await conflict.locator('tr[data-field="names"] .conflict__mine').textContent()).toBe(
      'Psychosocial support, Karbala (new hours)',
    );
    expect(await conflict.locator('tr[data-field="source_description"]').count()).toBe(0);
    // Nothing typed is lost.
    expect(await form.locator('[name="names"]').inputValue()).toBe('Psychosocial support, Karbala (new hours)');
    expect(await form.getByLabel('Female staff').inputValue()).toBe('yes');

    await conflict.getByRole('button', { name: 'Reapply my changes' }).click();
    await expect.poll(() => form.locator('.form-message').textContent()).toBe('Saved.');
    const after = await admin.api.ok<{ names: { en: string }; female_staff: string; source_description: string }>(
      'GET',
      `/services/${target.id}`,
    );
    expect(after.body).toMatchObject({
      names: { en: 'Psychosocial support, Karbala (new hours)' },
      female_staff: 'yes',
      source_description: 'Checked by the admin meanwhile',
    });
  });

  it('shows HTML typed into a field as text, in the console and on the public page', async () => {
    const coordinator = await invitedPerson(admin, 'coordinator', { area_pcodes: ['IQG12'] });
    const target = await listingNamed(admin, 'Community police office, Karbala');
    const injected = '<img src=x onerror="window.__pwned=1">Police <b>office</b>';
    const page = await desktop();
    await signInThroughConsole(page, coordinator, 'en', `#/s/${target.id}`);
    const form = page.locator('[data-role="listing-form"]');
    await form.locator('[name="names"]').fill(injected);
    await form.locator('[name="descriptions"]').fill('<script>window.__pwned=2</script>');
    await form.locator('[data-role="save"]').click();
    await expect.poll(() => form.locator('.form-message').textContent()).toBe('Saved.');

    await page.reload();
    await page.locator('.listing h1').waitFor();
    expect(await page.locator('.listing h1').textContent()).toBe(injected);
    expect(await page.locator('.listing h1 img, .listing h1 b').count()).toBe(0);
    await page.getByRole('link', { name: 'History' }).click();
    await expect
      .poll(() => page.locator('tr[data-field="names"] .history__new').first().textContent())
      .toContain('<img src=x');
    await page.goto(url('/maintainers/?lang=en#/services'));
    await expect.poll(() => page.getByRole('link', { name: injected }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    const publicPage = await desktop();
    await publicPage.goto(url(`/s/${target.id}?lang=en`));
    expect(await publicPage.locator('h1').textContent()).toContain(injected);
    expect(await publicPage.locator('main img[src="x"], main script').count()).toBe(0);
    expect(await publicPage.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('shows the API’s opening_hours error beside the field, then saves valid hours', async () => {
    const coordinator = await invitedPerson(admin, 'coordinator', { area_pcodes: ['IQG12'] });
    const target = await listingNamed(admin, 'Women and girls safe space, Karbala');
    const page = await desktop();
    await signInThroughConsole(page, coordinator, 'en', `#/s/${target.id}/hours`);
    const hours = page.locator('[data-role="hours-form"]').first();
    await hours.locator('[name="opening_hours"]').fill('Mo-Fr 25:00-99:00 nonsense');
    await hours.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => hours.locator('.field__error').textContent()).toContain('opening_hours');
    expect(await hours.locator('[name="opening_hours"]').getAttribute('aria-invalid')).toBe('true');
    await hours.locator('[name="opening_hours"]').fill('Su-Th 09:00-14:00');
    await hours.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.console-status').textContent()).toBe('Saved.');

    // A dated closure (Eid) with start and end.
    const closure = page.locator('[data-role="closure-form"]');
    await closure.getByLabel('Starts').fill('2030-04-01T00:00');
    await closure.getByLabel('Ends').fill('2030-04-04T00:00');
    await closure.getByLabel(/Reason/).fill('Eid holiday');
    await closure.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => page.locator('[data-role="closures"] li').filter({ hasText: 'Eid holiday' }).count())
      .toBe(1);
  });
});
