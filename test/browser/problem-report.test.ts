// C8: report a problem in at most three taps, anonymously, and the answer comes in place.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, ownClientAddress, phone, record, url } from './support/browser.ts';
import { serviceWith } from './support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('report a problem', () => {
  it('takes three taps from the service page and sends only what is wrong with the listing', async () => {
    const service = await serviceWith('IQG15Q05', (s) => s.contact_routes.length > 1);
    const context = await phone(browser, { locale: 'en', extraHTTPHeaders: ownClientAddress() });
    const page = await context.newPage();
    const recorder = record(page);
    await page.goto(url(`/s/${service.id}?a=IQG15Q05&lang=en`));
    const address = page.url();
    await page.locator('details.report summary').tap(); // 1
    await page.locator('label', { hasText: 'Wrong number or address' }).tap(); // 2
    await page.locator('.report button[type="submit"]').tap(); // 3
    await expect
      .poll(() => page.locator('.report [data-role="status"]').textContent())
      .toBe('Thank you. Our team will check this listing.');
    expect(page.url()).toBe(address);
    const sent = recorder.requests.filter((r) => r.method === 'POST');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(url('/api/v1/problem-reports'));
    expect(JSON.parse(sent[0]!.body!)).toEqual({ service_id: service.id, kind: 'wrong_number' });
    await context.close();
  });

  it('can name the contact route that failed, in Arabic', async () => {
    const service = await serviceWith('IQG15Q05', (s) => s.contact_routes.length > 1);
    const context = await phone(browser, { extraHTTPHeaders: ownClientAddress() });
    const page = await context.newPage();
    const recorder = record(page);
    await page.goto(url(`/s/${service.id}?lang=ar`));
    await page.locator('details.report summary').click();
    await page.locator('input[name="kind"][value="no_answer"]').check();
    await page.locator('#report-route').selectOption({ index: 1 });
    await page.locator('.report button[type="submit"]').click();
    await expect
      .poll(() => page.locator('.report [data-role="status"]').textContent())
      .toBe('شكراً لك. سيتحقق فريقنا من هذه المعلومات.');
    const body = JSON.parse(recorder.requests.find((r) => r.method === 'POST')!.body!);
    expect(body).toEqual({
      service_id: service.id,
      kind: 'no_answer',
      contact_route_id: service.contact_routes[0]!.id,
    });
    await context.close();
  });
});
