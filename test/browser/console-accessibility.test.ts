// The maintainer console in Arabic (right to left) and English: axe-core finds no violation on
// any screen, the layout mirrors, the keyboard reaches every control with a visible focus. The
// caseworker's screens it checks are also saved to test/artifacts/ for people to look at; the
// other screens at phone and desktop width are taken by `npm run screenshots` (screenshots.ts).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, url } from './support/browser.ts';
import {
  CONSOLE_SCREENS,
  firstAdmin,
  invitedPerson,
  listingNamed,
  openConsoleScreen,
  signInThroughConsole,
  type Person,
} from './support/console.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

let browser: Browser;
let coordinator: Person;
let caseworker: Person;
let listingId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
  const admin = await firstAdmin();
  coordinator = await invitedPerson(admin, 'coordinator', { area_pcodes: ['IQG12'] });
  caseworker = await invitedPerson(admin, 'caseworker', { area_pcodes: ['IQG12'] });
  listingId = (await listingNamed(admin, 'Case management, Karbala')).id;
  // Something in every queue: an open problem report from the public.
  await fetch(url('/api/v1/problem-reports'), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: url(''),
      'Sec-Fetch-Site': 'same-origin',
      'CF-Connecting-IP': '198.18.7.7',
    },
    body: JSON.stringify({ service_id: listingId, kind: 'no_answer', note: 'Nobody answered <b>twice</b>' }),
  });
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
});

const signedIn = new Map<string, Page>();
/** One signed-in page per language (each sign-in spends a TOTP time step, so they are reused). */
async function signedInPage(lang: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  let page = signedIn.get(lang);
  if (!page) {
    // axe is injected as an inline script, which the CSP rightly forbids: only these contexts bypass it.
    const context = await browser.newContext({ viewport, locale: lang, bypassCSP: true });
    contexts.push(context);
    page = await context.newPage();
    await signInThroughConsole(page, coordinator, lang);
    signedIn.set(lang, page);
  }
  await page.setViewportSize(viewport);
  return page;
}

async function axe(page: Page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => ({
    id: v.id,
    nodes: v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')} ${(n as { failureSummary?: string }).failureSummary ?? ''}`),
  }));
}

describe('console accessibility', () => {
  it.each(['ar', 'en'])('the sign-in screen in %s has no axe violations', async (lang) => {
    const context = await browser.newContext({ locale: lang, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url(`/maintainers/?lang=${lang}`));
    await page.locator('[data-role="sign-in"]').waitFor();
    expect(await axe(page)).toEqual([]);
    // No cookie before signing in, and none from the shell page itself.
    expect(await context.cookies()).toEqual([]);
  });

  it.each(['ar', 'en'])('every console screen in %s has no axe violations', async (lang) => {
    const page = await signedInPage(lang);
    for (const [name, hash, ready] of CONSOLE_SCREENS(listingId)) {
      await openConsoleScreen(page, lang, hash, ready);
      expect({ name, violations: await axe(page) }).toEqual({ name, violations: [] });
    }
  });

  it.each(['ar', 'en'])(
    'a caseworker’s screens in %s (finding a service, reading a listing) have no axe violations',
    async (lang) => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: lang,
        bypassCSP: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      await signInThroughConsole(page, caseworker, lang);
      for (const [name, hash, ready] of [
        ['find', '#/', '[data-role="find-results"] li'],
        ['view', `#/s/${listingId}`, '[data-role="referral"]'],
      ] as const) {
        await openConsoleScreen(page, lang, hash, ready);
        expect({ name, violations: await axe(page) }).toEqual({ name, violations: [] });
        await page.screenshot({ path: `${ARTIFACTS}console-caseworker-${name}-${lang}-desktop.png`, fullPage: true });
      }
    },
  );

  it('mirrors the layout in Arabic and keeps numbers and codes left to right', async () => {
    const page = await signedInPage('ar');
    await openConsoleScreen(page, 'ar', '#/', '[data-role="queue-drafts"]');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    expect(await page.locator('h1').textContent()).toBe('عملي');
    const name = await page.locator('.console-header__name').boundingBox();
    const languages = await page.locator('.console-header .language-menu').boundingBox();
    // The site name starts on the right, the language menu is pushed to the left end.
    expect(name!.x + name!.width).toBeGreaterThan(1000);
    expect(languages!.x).toBeLessThan(name!.x);
    await openConsoleScreen(page, 'ar', `#/s/${listingId}/verify`, '[data-role="test-call"]');
    expect(await page.locator('[data-role="test-call"] h4 bdi').first().getAttribute('dir')).toBe('ltr');
  });

  it('is usable with the keyboard alone, with a visible focus', async () => {
    const context = await browser.newContext({ locale: 'en' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url('/maintainers/?lang=en'));
    await page.locator('[data-role="sign-in"]').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    const focused: string[] = [];
    // Five language links, email, password, the button: every control, then focus leaves the page.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate(
          () => document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName ?? '',
        ),
      );
      const outline = await page.evaluate(
        () =>
          `${document.activeElement?.outerHTML.slice(0, 60)} ${getComputedStyle(document.activeElement!).outlineStyle}`,
      );
      expect(outline).not.toMatch(/ none$/);
    }
    expect(focused).toEqual(expect.arrayContaining(['email', 'password', 'BUTTON']));
  });
});
