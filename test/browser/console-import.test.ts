// Importing a service-mapping sheet in the maintainer console: a coordinator checks a messy sheet
// and sees each rejected row with its column and reason, maps a column the console did not
// recognise, imports a clean sheet, and finds the new listing among the drafts. Editors have no
// import view.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, url } from './support/browser.ts';
import { firstAdmin, invitedPerson, listingNamed, signInThroughConsole, type Person } from './support/console.ts';

const fixture = readFileSync(new URL('../fixtures/import/mixed-spellings.csv', import.meta.url));

let browser: Browser;
let admin: Person;
const contexts: BrowserContext[] = [];

async function desktop(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en' });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await firstAdmin();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('importing a sheet in the console', () => {
  it('shows a coordinator the rejected rows of a sheet, then imports a clean one as a draft', async () => {
    const coordinator = await invitedPerson(admin, 'coordinator', { area_pcodes: ['IQG15', 'IQG09'] });
    const page = await desktop();
    await signInThroughConsole(page, coordinator);
    await page.locator('.console-nav').getByRole('link', { name: 'Import a sheet' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Import a sheet');

    const form = page.locator('[data-role="import-form"]');
    await form.getByLabel('Sheet file').setInputFiles({ name: 'mixed.csv', mimeType: 'text/csv', buffer: fixture });
    await form.getByRole('button', { name: 'Check the sheet' }).click();
    const counts = page.locator('[data-role="import-counts"]');
    await counts.waitFor();
    expect(await counts.locator('[data-count="new"]').textContent()).toBe('3');
    expect(await counts.locator('[data-count="rejected"]').textContent()).toBe('5');
    expect(await counts.locator('[data-count="changed"]').textContent()).toBe('0');

    // Each rejected row with its row number, the column by its name, and the reason.
    const rejected = page.locator('[data-role="import-rejected"] table');
    expect(await rejected.locator('thead th').allTextContents()).toEqual(['Row', 'Column', 'Reason']);
    const cells = await rejected
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect([...new Set(cells.map((c) => c[0]))]).toEqual(['4', '5', '7', '9', '10']);
    expect(cells[0]).toEqual(['4', 'P-code', 'no area has the P-code IQZZ99']);
    expect(cells).toContainEqual(['5', 'Phone numbers', 'duplicate: +9647700001234 is also in row 2']);
    // The hours nobody can read are a warning, not a rejection.
    expect(await page.locator('[data-role="import-warnings"] tbody').textContent()).toContain('"mornings"');
    // With a rejected row there is nothing to commit.
    expect(await page.locator('[data-role="import-commit"]').count()).toBe(0);
    expect(await page.locator('[data-role="import-results"]').textContent()).toContain(
      'Nothing can be imported while a row is rejected',
    );

    // A clean sheet whose organisation column has a header the console does not know.
    const clean =
      'external_id,الجهة المنفذة,service_type,governorate,district,phones,hours\n' +
      'BR-1,Browser Import Org,legal_aid,Ninewa,Mosul,0770 600 0001,Sun-Thu 8:00-14:00\n';
    await form
      .getByLabel('Sheet file')
      .setInputFiles({ name: 'clean.csv', mimeType: 'text/csv', buffer: Buffer.from(clean) });
    await form.getByRole('button', { name: 'Check the sheet' }).click();
    const message = page.locator('[data-role="import-message"]');
    await expect.poll(() => message.textContent()).toContain('could not find the column with the organisation');
    const columns = page.locator('[data-role="import-columns"]');
    await columns.getByLabel('الجهة المنفذة').selectOption('organisation');
    await form.getByRole('button', { name: 'Check the sheet' }).click();
    await counts.waitFor();
    expect(await counts.locator('[data-count="new"]').textContent()).toBe('1');
    expect(await counts.locator('[data-count="rejected"]').textContent()).toBe('0');
    expect(await page.locator('[data-role="import-new"] tbody').textContent()).toContain('Browser Import Org');

    await page.locator('[data-role="import-commit"]').click();
    const committed = page.locator('[data-role="import-committed"]');
    await committed.waitFor();
    expect(await committed.textContent()).toContain('1 new and 0 changed listings were imported');

    // The new listing is a draft in the coordinator's queue, unverified.
    await page.goto(url('/maintainers/?lang=en#/'));
    const drafts = page.locator('[data-role="queue-drafts"]');
    await drafts.waitFor();
    await expect.poll(() => drafts.textContent()).toContain('Browser Import Org');
    const { body } = await admin.api.ok<{ items: Array<{ names: Record<string, string>; status: string }> }>(
      'GET',
      '/services?status=draft',
    );
    const imported = body.items.filter((s) => Object.values(s.names).some((n) => n.includes('Browser Import Org')));
    expect(imported.map((s) => s.status)).toEqual(['draft']);
  });

  it('takes an HSDS package zip from the same file picker and shows its dry run', async () => {
    const page = await desktop();
    await signInThroughConsole(page, admin, 'en', '#/import');
    const input = page.locator('[data-role="import-form"]').getByLabel('Sheet file');
    expect((await input.getAttribute('accept'))!.split(',')).toContain('.zip');
    const download = await fetch(url('/api/v1/exports/hsds/datapackage.zip?lang=en'));
    expect(download.status).toBe(200);
    const zip = Buffer.from(await download.arrayBuffer());
    const services = unzipSync(new Uint8Array(zip), { filter: (f) => f.name === 'services.json' });
    const published = (JSON.parse(strFromU8(services['services.json']!)) as unknown[]).length;
    await input.setInputFiles({ name: 'masar-hsds-datapackage.zip', mimeType: 'application/zip', buffer: zip });
    await page.locator('[data-role="import-form"]').getByRole('button', { name: 'Check the sheet' }).click();
    const counts = page.locator('[data-role="import-counts"]');
    await counts.waitFor();
    // The directory's own package: every service is one already here, none new, none rejected.
    const count = async (outcome: string) => Number(await counts.locator(`[data-count="${outcome}"]`).textContent());
    expect({ new: await count('new'), rejected: await count('rejected') }).toEqual({ new: 0, rejected: 0 });
    expect((await count('changed')) + (await count('unchanged'))).toBe(published);
  });

  it('shows no import view to an editor', async () => {
    const listing = await listingNamed(admin, 'Case management, Karbala');
    const editor = await invitedPerson(admin, 'editor', { organisation_id: listing.organisation_id });
    const page = await desktop();
    await signInThroughConsole(page, editor, 'en', '#/import');
    await page.locator('h1').waitFor();
    expect(await page.locator('.console-nav a[href="#/import"]').count()).toBe(0);
    expect(await page.locator('[data-role="import-form"]').count()).toBe(0);
  });
});
