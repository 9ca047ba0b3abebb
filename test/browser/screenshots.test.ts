// Screenshots of the main pages on a 360×740 phone in Arabic, Sorani and English, kept in
// test/artifacts/ (not committed) for people to look at: design and right-to-left layout.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, url } from './support/browser.ts';
import { firstServicePath } from './support/pages.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('screenshots', () => {
  it.each(['ar', 'ckb', 'en'])('of the main pages in %s', async (lang) => {
    const service = await firstServicePath();
    const context = await phone(browser);
    const page = await context.newPage();
    const shots: Array<[name: string, path: string, fullPage: boolean]> = [
      ['start', `/?lang=${lang}`, true],
      ['area', `/a/IQG15Q05?lang=${lang}`, false],
      ['area-full', `/a/IQG15Q05?lang=${lang}`, true],
      ['service', `/s/${service}&lang=${lang}`, true],
      ['privacy', `/privacy?lang=${lang}`, true],
    ];
    for (const [name, path, fullPage] of shots) {
      await page.goto(url(path));
      await page.screenshot({ path: `${ARTIFACTS}${name}-${lang}.png`, fullPage });
    }
    await page.goto(url(`/a/IQG15Q05?lang=${lang}&view=map`));
    await page.locator('#map-view[data-ready="true"]').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}map-${lang}.png` });
    expect(await page.locator('#map-view canvas').isVisible()).toBe(true);
    await context.close();
  });
});
