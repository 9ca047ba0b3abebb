// The start page opens with the countries' hotlines and official channels, dialable, and lists the
// reader's likely country first, its channels and its regions: never Guatemala first to someone
// reading Arabic or Kurdish, never Iraq first to someone reading Spanish.
import { describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';
import { element, pieces, textOf } from '../support/html.ts';

const directory = sampleDirectory(new Date());
const serviceKeyed = (key: string) => directory.services.find((s: { key: string }) => s.key === key)!;

async function home(lang: string, acceptLanguage?: string): Promise<string> {
  const response = await get<string>(`/?lang=${lang}`, acceptLanguage ? { 'Accept-Language': acceptLanguage } : {});
  expect(response.status).toBe(200);
  return response.text;
}

/** The countries in the order the page shows their hotlines, and the order of their region lists. */
function countryOrder(html: string) {
  const block = element(html, 'data-role="now"') ?? '';
  return {
    hotlines: [...block.matchAll(/data-country="([A-Z]+)"/g)].map((m) => m[1]),
    regions: [...html.matchAll(/<nav class="area-picker" aria-labelledby="choose-([a-z]+)"/g)].map((m) =>
      m[1]!.toUpperCase(),
    ),
  };
}

describe('the start page shows the hotlines first', () => {
  it('the whole-country hotlines and official channels come before the search, each dialable', async () => {
    const html = await home('en');
    const block = element(html, 'data-role="now"');
    expect(block).not.toBeNull();
    expect(html.indexOf('data-role="now"')).toBeLessThan(html.indexOf('<form class="search"'));
    for (const [key, number] of [
      ['iq-community-police', '497'],
      ['iq-community-police', '533'],
      ['iq-national-security-131', '131'],
      ['gt-ministerio-publico-1572', '1572'],
      ['gt-pnc-110', '110'],
    ]) {
      const line = pieces(block!, /<li class="channel"/).find((l) => l.includes(serviceKeyed(key!).id));
      expect(line, key).toBeDefined();
      expect(line).toContain(`href="tel:${number}"`);
    }
  });

  it('a channel whose hours are not recorded says so and claims no 24 hours; an unchecked one says it is not checked', async () => {
    const block = element(await home('en'), 'data-role="now"')!;
    const line = pieces(block, /<li class="channel"/).find((l) =>
      l.includes(serviceKeyed('iq-national-security-131').id),
    );
    const text = textOf(line!);
    expect(text).toContain('Opening hours not known');
    expect(text).not.toMatch(/24/);
    expect(text).toContain('Not checked yet');
  });
});

describe('the order of the countries on the start page follows the reader', () => {
  it.each(['ar', 'ckb', 'kmr'])('in %s, Iraq first, even on a phone that also lists Spanish', async (lang) => {
    expect(countryOrder(await home(lang, 'es-GT, en;q=0.5'))).toEqual({
      hotlines: ['IQ', 'GT'],
      regions: ['IQ', 'GT'],
    });
  });

  it('in Spanish, Guatemala first', async () => {
    expect(countryOrder(await home('es', 'ar-IQ'))).toEqual({ hotlines: ['GT', 'IQ'], regions: ['GT', 'IQ'] });
  });

  it.each([
    ['en-GT', ['GT', 'IQ']],
    ['en-US, es;q=0.8', ['GT', 'IQ']],
    ['en-IQ', ['IQ', 'GT']],
    ['en-GB, ckb;q=0.5', ['IQ', 'GT']],
    ['en-GB', ['IQ', 'GT']],
  ])('in English with a phone asking for "%s", %j', async (acceptLanguage, order) => {
    expect(countryOrder(await home('en', acceptLanguage))).toEqual({ hotlines: order, regions: order });
  });

  it('in English with no language list at all, Iraq first', async () => {
    expect(countryOrder(await home('en'))).toEqual({ hotlines: ['IQ', 'GT'], regions: ['IQ', 'GT'] });
  });
});
