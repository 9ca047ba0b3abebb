// `npm run screenshots`: pictures of the survivor pages on a 360×740 phone in Arabic, Sorani and
// English, and of a coordinator's console screens at phone and desktop width in Arabic and
// English, saved in test/artifacts/ (not committed) for people to judge the design and the
// right-to-left layout. A script, not a test: it asserts nothing. It starts the app the way the
// browser tests do (a freshly seeded local D1 under `wrangler dev`) and stops it at the end.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { startApp } from './global-setup.ts';
import { launchBrowser, phone, url, useBaseURL } from './support/browser.ts';
import {
  CONSOLE_SCREENS,
  firstAdmin,
  invitedPerson,
  listingNamed,
  openConsoleScreen,
  signInThroughConsole,
} from './support/console.ts';
import { firstServicePath } from './support/pages.ts';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

async function survivorPages(browser: Browser) {
  const service = await firstServicePath();
  for (const lang of ['ar', 'ckb', 'en']) {
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
    // The map draws its tiles after it reports ready.
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}map-${lang}.png` });
    await context.close();
  }
}

async function consoleScreens(browser: Browser) {
  const admin = await firstAdmin();
  const coordinator = await invitedPerson(admin, 'coordinator', { area_pcodes: ['IQG12'] });
  const listingId = (await listingNamed(admin, 'Case management, Karbala')).id;
  const screens = CONSOLE_SCREENS(listingId).filter(([name]) =>
    ['queue', 'details', 'translations', 'verify', 'quality'].includes(name),
  );
  for (const lang of ['ar', 'en']) {
    const context = await browser.newContext({ locale: lang });
    const page = await context.newPage();
    await signInThroughConsole(page, coordinator, lang);
    for (const [device, viewport] of [
      ['phone', { width: 360, height: 740 }],
      ['desktop', { width: 1280, height: 900 }],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const [name, hash, ready] of screens) {
        await openConsoleScreen(page, lang, hash, ready);
        await page.screenshot({
          path: `${ARTIFACTS}console-${name}-${lang}-${device}.png`,
          fullPage: device === 'desktop',
        });
      }
    }
    await context.close();
  }
}

mkdirSync(ARTIFACTS, { recursive: true });
const app = await startApp();
let browser: Browser | undefined;
try {
  useBaseURL(app.baseURL);
  browser = await launchBrowser();
  await survivorPages(browser);
  await consoleScreens(browser);
  console.log(`Screenshots saved in ${ARTIFACTS}`);
} finally {
  await browser?.close();
  await app.stop();
}
