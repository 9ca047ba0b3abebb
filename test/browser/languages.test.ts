// S9: five UI languages, right-to-left layouts for Arabic, Sorani and Badini, localised digits,
// phone numbers isolated left-to-right and dialable; the language travels in the URL, never a cookie.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phone, url } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ARABIC_INDIC = /[٠-٩]/;
const ASCII_DIGIT = /[0-9]/;

async function layout(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const exit = box('.quick-exit');
    const name = box('.site-name');
    const crumbs = [...document.querySelectorAll('.breadcrumbs li')].map((li) => li.getBoundingClientRect().left);
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      exitOnLeft: exit.left + exit.width / 2 < innerWidth / 2,
      nameOnLeft: name.left + name.width / 2 < innerWidth / 2,
      crumbsLeftToRight: crumbs.every((x, i) => i === 0 || x > crumbs[i - 1]!),
      horizontalScroll: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
}

describe('language switch and direction', () => {
  it('switches from English to Arabic from the menu and mirrors the layout', async () => {
    const context = await phone(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(url('/a/IQG15Q05?lang=en'));
    expect(await layout(page)).toEqual({
      lang: 'en',
      dir: 'ltr',
      direction: 'ltr',
      exitOnLeft: false,
      nameOnLeft: true,
      crumbsLeftToRight: true,
      horizontalScroll: false,
    });
    await page.locator('.language-menu a[lang="ar"]').click();
    await page.waitForURL(/\/a\/IQG15Q05\?lang=ar$/);
    expect(await layout(page)).toEqual({
      lang: 'ar',
      dir: 'rtl',
      direction: 'rtl',
      exitOnLeft: true,
      nameOnLeft: false,
      crumbsLeftToRight: false,
      horizontalScroll: false,
    });
    expect(await page.locator('h1').textContent()).toBe('الموصل');
    expect(await page.locator('.quick-exit').textContent()).toBe('خروج سريع');
    // Every link inside the site keeps the language; nothing is remembered elsewhere.
    for (const href of await page
      .locator('main a[href^="/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
      expect(href).toMatch(/[?&]lang=ar(&|$|#)/);
    }
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it.each(['ckb', 'kmr'])('lays out %s right to left with Arabic-Indic digits', async (lang) => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(url(`/a/IQG15Q05?lang=${lang}`));
    expect(await layout(page)).toMatchObject({
      lang,
      dir: 'rtl',
      direction: 'rtl',
      exitOnLeft: true,
      horizontalScroll: false,
    });
    const hours = (await page.locator('.service-card .hours').allTextContents()).join(' ');
    expect(hours).not.toMatch(ASCII_DIGIT);
    expect(await page.locator('#results-count').textContent()).toMatch(ARABIC_INDIC);
    await context.close();
  });

  it('lays out Spanish left to right, Guatemala first, with Spanish texts', async () => {
    const context = await phone(browser, { locale: 'es-GT' });
    const page = await context.newPage();
    await page.goto(url('/?lang=es'));
    expect(await layout(page)).toMatchObject({ lang: 'es', dir: 'ltr', exitOnLeft: false });
    expect(await page.locator('.area-picker h2').first().textContent()).toBe('Guatemala: elige un departamento');
    await page.locator('a[href^="/a/GT16?"]').click();
    await page.waitForURL(/\/a\/GT16\?/);
    expect(await page.locator('h1').textContent()).toBe('Alta Verapaz');
    expect(await page.locator('.area-picker h2').textContent()).toBe('Elige un municipio');
    await context.close();
  });

  it('follows Accept-Language when the address has no language, and carries it on', async () => {
    const context = await phone(browser, {
      locale: 'ckb-IQ',
      extraHTTPHeaders: { 'Accept-Language': 'ckb-IQ,ckb;q=0.9' },
    });
    const page = await context.newPage();
    await page.goto(url('/'));
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ckb',
      'rtl',
    ]);
    expect(await page.locator('.site-nav a').first().getAttribute('href')).toBe('/?lang=ckb');
    await context.close();
  });
});

describe('numbers and directory texts', () => {
  it('isolates phone numbers left to right, in ASCII, behind dialable tel: links', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(url('/a/IQG15Q05?lang=ar'));
    const actions = await page.locator('a.action[href^="tel:"]').evaluateAll((links) =>
      links.map((a) => {
        const value = a.querySelector('bdi');
        return {
          href: a.getAttribute('href')!,
          dir: value?.getAttribute('dir'),
          direction: value ? getComputedStyle(value).direction : null,
          text: value?.textContent ?? '',
        };
      }),
    );
    expect(actions.length).toBeGreaterThan(3);
    for (const action of actions) {
      expect(action.href).toMatch(/^tel:\+?[0-9]+$/);
      expect(action).toMatchObject({ dir: 'ltr', direction: 'ltr' });
      expect(action.text.replace(/\s/g, '')).toBe(action.href.slice(4));
    }
    await context.close();
  });

  it('marks directory texts shown in a fallback language with their own lang and direction', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(url('/a/IQG15Q05?lang=kmr'));
    const marked = await page
      .locator('main [lang]')
      .evaluateAll((elements) => elements.map((e) => [e.getAttribute('lang'), e.getAttribute('dir')]));
    expect(marked.length).toBeGreaterThan(0);
    for (const [lang, dir] of marked) expect(dir).toBe(['ar', 'ckb', 'kmr'].includes(lang!) ? 'rtl' : 'ltr');
    await context.close();
  });
});
