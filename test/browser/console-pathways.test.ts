// The console's referral pathways: a caseworker reads a pathway of their area step by step with
// each step's practitioner-only details and no control to change it; the area's coordinator puts
// a step higher, writes a step's title in Sorani and records a check, and the API shows each.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../web/src/i18n/index.ts';
import { launchBrowser } from './support/browser.ts';
import { firstAdmin, invitedPerson, signInThroughConsole, type Person } from './support/console.ts';

/** Qayyarah's own digital-extortion pathway, as the sample seeds it. */
const QAYYARAH = { id: '' };

let browser: Browser;
let admin: Person;
const contexts: BrowserContext[] = [];

async function desktop(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  contexts.push(context);
  return context.newPage();
}

interface Detail {
  version: number;
  verification_status: string;
  steps: Array<{ id: string; title: Record<string, string>; referral: { focal_point: Record<string, string> } }>;
}
const detail = async () => (await admin.api.ok<Detail>('GET', `/pathways/${QAYYARAH.id}`)).body;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await firstAdmin();
  const list = await admin.api.ok<{ items: Array<{ id: string; area_pcode: string; concern_id: string }> }>(
    'GET',
    '/pathways?area=IQG15Q05N01&concern=digital_extortion',
  );
  QAYYARAH.id = list.body.items.find((p) => p.area_pcode === 'IQG15Q05N01')!.id;
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

describe('referral pathways in the console', () => {
  it('a caseworker of the area reads the steps with their focal points, and gets no control to change them', async () => {
    const t = translator('en');
    const caseworker = await invitedPerson(admin, 'caseworker', { area_pcodes: ['IQG15Q05'] });
    const page = await desktop('en');
    await signInThroughConsole(page, caseworker, 'en');
    await page.locator('.console-nav a', { hasText: t('consoleNavPathways') }).click();
    await page.locator(`[data-pathway-id="${QAYYARAH.id}"] a`).click();
    const { steps: stored } = await detail();
    const focalPoint = stored.find((s) => s.referral.focal_point.en)!.referral.focal_point.en!;
    const steps = page.locator('[data-role="steps"] > li');
    await expect.poll(() => steps.count()).toBe(stored.length);
    expect(await page.locator('[data-role="focal-point"]').allInnerTexts()).toContain(focalPoint);
    expect(await page.locator('[data-role="step-form"], [data-role="verify"], [data-role="publish"]').count()).toBe(0);
    expect(await page.locator('#console-main').innerText()).not.toContain(t('consoleFailed'));
  });

  it('the coordinator of the area reorders the steps, writes a title in Sorani and records a check', async () => {
    const t = translator('ckb');
    const coordinator = await invitedPerson(admin, 'coordinator', { area_pcodes: ['IQG15'] });
    const page = await desktop('ckb');
    const before = await detail();
    await signInThroughConsole(page, coordinator, 'ckb', `#/pw/${QAYYARAH.id}`);
    await page.locator('[data-role="steps"]').waitFor();
    const second = page.locator('[data-role="steps"] > li').nth(1);
    await second.locator('button', { hasText: t('consoleMoveUp') }).click();
    await expect
      .poll(async () => (await detail()).steps.map((s) => s.id))
      .toEqual([before.steps[1]!.id, before.steps[0]!.id, ...before.steps.slice(2).map((s) => s.id)]);

    const first = page.locator(`[data-step-id="${before.steps[1]!.id}"]`);
    await first.locator('summary', { hasText: t('consoleEditStep') }).click();
    await first.locator('textarea[name="title.ckb"]').fill('ناونیشانی تاقیکردنەوە');
    await first.locator('[data-role="step-form"] button[type="submit"]').click();
    await expect
      .poll(async () => (await detail()).steps.find((s) => s.id === before.steps[1]!.id)?.title.ckb)
      .toBe('ناونیشانی تاقیکردنەوە');

    const verify = page.locator('[data-role="verify"]');
    await verify.locator('textarea[name="note"]').fill('Checked with the unit');
    await verify.locator('button[type="submit"]').click();
    await expect.poll(async () => (await detail()).verification_status).toBe('verified');
  });
});
