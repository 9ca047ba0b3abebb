// What to do now, without scrolling: on a 360×740 phone, in every UI language, the first dial or
// message link of an area page (a hotline or official channel covering it) and of the start page is
// on the first screen, and nothing covers it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRegionCode } from '../../api/domain/area-paths.ts';
import { UI_LANGUAGES } from '../../web/src/i18n/index.ts';
import { launchBrowser, phone, url } from './support/browser.ts';

const SCREEN = { width: 360, height: 740 };
const DIAL = 'a[href^="tel:"], a[href^="sms:"], a[href^="https://wa.me/"]';
/** Qayyarah subdistrict, south of Mosul. */
const QAYYARAH = 'IQG15Q05N01';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let areas: string[];

interface Area {
  pcode: string;
}
async function areasUnder(parent: string): Promise<string[]> {
  const response = await fetch(url(`/api/v1/areas?parent=${parent}&lang=en`));
  const body = (await response.json()) as { items: Area[] };
  return body.items.map((a) => a.pcode);
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await phone(browser, { viewport: SCREEN });
  page = await context.newPage();
  // Every governorate and department (those of the Kurdistan Region under it, with the region), and a
  // district and subdistrict (municipality) of several.
  const top = [...(await areasUnder('IQ')), ...(await areasUnder('GT'))];
  const inRegions = (await Promise.all(top.filter(isRegionCode).map(areasUnder))).flat();
  const regions = [...top, ...inRegions];
  const sampled = [regions.find((r) => !isRegionCode(r))!, 'IQG15', regions.find((r) => r.startsWith('GT'))!];
  const districts = (await Promise.all(sampled.map(async (r) => (await areasUnder(r)).slice(0, 2)))).flat();
  const subdistricts = (await Promise.all(districts.map(async (d) => (await areasUnder(d)).slice(0, 1)))).flat();
  areas = [...new Set([...regions, ...districts, ...subdistricts, 'IQG15Q05', QAYYARAH])];
});
afterAll(async () => {
  await browser?.close();
});

/** Where the page's first dial or message link is, and whether a tap on its middle reaches it. */
async function firstDialLink(path: string) {
  await page.goto(url(path));
  return page.evaluate((selector) => {
    const link = document.querySelector<HTMLAnchorElement>(`main ${selector}`);
    if (!link) return null;
    const box = link.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      top: Math.round(box.top),
      bottom: Math.round(box.bottom),
      scrolled: scrollY,
      reachable: hit !== null && link.contains(hit),
      inNowBlock: link.closest('[data-role="now"]') !== null,
    };
  }, DIAL);
}

describe('the first dial link is on the first screen of a phone', () => {
  it('on the page of every governorate and department and of sampled districts and subdistricts, in every language', async () => {
    expect(areas).toContain(QAYYARAH);
    expect(areas.length).toBeGreaterThan(40);
    const misplaced: string[] = [];
    for (const lang of UI_LANGUAGES) {
      for (const pcode of areas) {
        const path = `/a/${pcode}?lang=${lang}`;
        const link = await firstDialLink(path);
        const ok = link && link.scrolled === 0 && link.top >= 0 && link.bottom <= SCREEN.height && link.reachable;
        if (!ok || !link.inNowBlock) misplaced.push(`${path}: ${JSON.stringify(link)}`);
      }
    }
    expect(misplaced).toEqual([]);
  }, 900_000);

  it('with filters too: the hotlines they leave out, marked, still come first', async () => {
    const misplaced: string[] = [];
    for (const lang of UI_LANGUAGES) {
      for (const filters of ['fs=1', 'open=1', 'ln=tr&anon=1']) {
        const path = `/a/${QAYYARAH}?lang=${lang}&${filters}`;
        const link = await firstDialLink(path);
        const ok = link && link.scrolled === 0 && link.top >= 0 && link.bottom <= SCREEN.height && link.reachable;
        if (!ok || !link.inNowBlock) misplaced.push(`${path}: ${JSON.stringify(link)}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('on the start page, in every language, and it belongs to the hotlines block', async () => {
    const misplaced: string[] = [];
    for (const lang of UI_LANGUAGES) {
      const link = await firstDialLink(`/?lang=${lang}`);
      const ok = link && link.scrolled === 0 && link.top >= 0 && link.bottom <= SCREEN.height && link.reachable;
      if (!ok || !link.inNowBlock) misplaced.push(`${lang}: ${JSON.stringify(link)}`);
    }
    expect(misplaced).toEqual([]);
  });
});
