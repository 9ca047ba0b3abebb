// On a shared phone, the browser's history list is the first place someone looks. Searching from the
// start page, with or without JavaScript, must leave the words in no address the browser records,
// and still show the results.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, url } from './support/browser.ts';

// A place typed in Latin letters on an Arabic page (the place's page is then titled "الموصل", its
// own name, which is not the typed word), and a word that says what the person is facing.
const PLACE = 'Mosul';
const CONCERN = 'ابتزاز';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Watch {
  /** Every request the page made (navigations, fetches, assets). */
  requests: Array<{ url: string; method: string; type: string; navigation: boolean }>;
  /** Every address the main frame showed. */
  addresses: string[];
}

function watch(page: Page): Watch {
  const seen: Watch = { requests: [], addresses: [] };
  page.on('request', (r) =>
    seen.requests.push({
      url: r.url(),
      method: r.method(),
      type: r.resourceType(),
      navigation: r.isNavigationRequest(),
    }),
  );
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.addresses.push(frame.url());
  });
  return seen;
}

/** Whether an address says any of the words, plainly, percent-encoded or form-encoded. */
function says(address: string, words: string[]): boolean {
  let decoded = address;
  try {
    decoded = decodeURIComponent(address.replace(/\+/g, ' '));
  } catch {
    // keep it as it is
  }
  return words.some((word) => decoded.includes(word) || address.includes(encodeURIComponent(word)));
}

/** The tab's whole back/forward list, as the browser keeps it (Chromium's DevTools protocol). */
async function historyEntries(context: BrowserContext, page: Page) {
  const session = await context.newCDPSession(page);
  const { entries } = (await session.send('Page.getNavigationHistory')) as {
    entries: Array<{ url: string; title: string }>;
  };
  await session.detach();
  return entries;
}

async function search(page: Page, words: string) {
  await page.locator('#search-q').fill(words);
  await page.locator('form.search button[type="submit"]').click();
}

/** Everything the browser could have written down about this tab: none of it may say the words. */
async function expectNoWordsRecorded(context: BrowserContext, page: Page, seen: Watch, words: string[]) {
  const entries = await historyEntries(context, page);
  expect(entries.length).toBeGreaterThan(0);
  const navigationEntries = (await page.evaluate(() =>
    performance.getEntriesByType('navigation').map((e) => e.name),
  )) as string[];
  const recorded = {
    location: [await page.evaluate(() => location.href)].filter((a) => says(a, words)),
    history: entries.flatMap((e) => [e.url, e.title]).filter((a) => says(a, words)),
    performance: navigationEntries.filter((a) => says(a, words)),
    addresses: seen.addresses.filter((a) => says(a, words)),
    requests: seen.requests.map((r) => r.url).filter((a) => says(a, words)),
  };
  expect(recorded).toEqual({ location: [], history: [], performance: [], addresses: [], requests: [] });
}

describe('searching from the start page', () => {
  it('with JavaScript: shows the results in place, adds no history entry, and no address says the words', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(url('/?lang=ar'));
    const entries = (await historyEntries(context, page)).length;

    await search(page, PLACE);
    await page.locator(`#search-results a[href^="/a/IQG15Q05?"]`).waitFor();
    await search(page, CONCERN);
    await page.locator('#search-results h2, #search-results [role="status"]').first().waitFor();
    await expect.poll(() => page.locator(`#search-results a[href^="/a/IQG15Q05?"]`).count()).toBe(0);

    // The script asked with a POST fetch: the words went in its body, and nothing navigated.
    const searches = seen.requests.filter((r) => r.method === 'POST');
    expect(searches.map((r) => [r.type, r.navigation])).toEqual([
      ['fetch', false],
      ['fetch', false],
    ]);
    expect((await historyEntries(context, page)).length).toBe(entries);
    // …and only from this site.
    const origin = new URL(url('/')).origin;
    expect(seen.requests.filter((r) => new URL(r.url).origin !== origin)).toEqual([]);
    await expectNoWordsRecorded(context, page, seen, [PLACE, CONCERN]);

    // Going on from a result leaves no trace of the words either.
    await search(page, PLACE);
    await page.locator(`#search-results a[href^="/a/IQG15Q05?"]`).first().click();
    await page.waitForURL(/\/a\/IQG15Q05\?/);
    await expectNoWordsRecorded(context, page, seen, [PLACE, CONCERN]);
    await context.close();
  });

  it('without JavaScript: the plain form shows the results, and no address says the words', async () => {
    const context = await phone(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(url('/?lang=ar'));

    await search(page, PLACE);
    await page.locator(`#search-results a[href^="/a/IQG15Q05?"]`).first().waitFor();
    expect(page.url()).toBe(url('/?lang=ar'));
    await search(page, CONCERN);
    await page.waitForLoadState('load');
    expect(await page.locator('#search-q').inputValue()).toBe(CONCERN);
    expect(await page.locator('#search-results h2, #search-results [role="status"]').count()).toBeGreaterThan(0);

    // Each search was a POST navigation to the start page's own address.
    const searches = seen.requests.filter((r) => r.method === 'POST');
    expect(searches.map((r) => [r.type, r.navigation, r.url])).toEqual([
      ['document', true, url('/?lang=ar')],
      ['document', true, url('/?lang=ar')],
    ]);
    await expectNoWordsRecorded(context, page, seen, [PLACE, CONCERN]);

    await page.locator(`#search-q`).fill(PLACE);
    await page.locator('form.search button[type="submit"]').click();
    await page.locator(`#search-results a[href^="/a/IQG15Q05?"]`).first().click();
    await page.waitForURL(/\/a\/IQG15Q05\?/);
    await expectNoWordsRecorded(context, page, seen, [PLACE, CONCERN]);
    await context.close();
  });
});
