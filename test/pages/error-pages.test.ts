import { exports, env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, UI_LANGUAGES, type MessageKey, type UiLanguage } from '../../web/src/i18n/index.ts';
import { get, type ApiResponse } from '../support/http.ts';

const UNKNOWN_SERVICE = '00000000-0000-4000-8000-000000000000';

/** The HTML-escaped form of a catalogue text, as it appears in a rendered page. */
const shown = (lang: UiLanguage, key: MessageKey) =>
  CATALOGUES[lang][key]
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/** The section listing the country's hotlines, or '' when the page has none. */
const helpNowBlock = (html: string) =>
  /<section[^>]*data-role="help-now"[\s\S]*?<\/section>\s*<\/section>/.exec(html)?.[0] ?? '';

function expectErrorPage(response: ApiResponse, status: number, lang: UiLanguage) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  expect(response.headers.get('Content-Language')).toBe(lang);
  expect(response.text).toMatch(new RegExp(`<html lang="${lang}"`));
  // The quick exit comes first on the page, as on every other page.
  const quickExit = response.text.indexOf('data-quick-exit');
  expect(quickExit).toBeGreaterThan(0);
  expect(quickExit).toBeLessThan(response.text.indexOf('<main'));
  expect(response.text).toContain(shown(lang, 'quickExit'));
}

describe('an address that leads nowhere is a page with the quick exit and the hotlines', () => {
  it.each(UI_LANGUAGES)('an unknown path answers 404 as a page in the asked language (lang=%s)', async (lang) => {
    const response = await get(`/no/such/page?lang=${lang}`);
    expectErrorPage(response, 404, lang);
    expect(response.text).toContain(shown(lang, 'notFoundHeading'));
    const help = helpNowBlock(response.text);
    expect(help).toContain(shown(lang, 'helpNowHeading'));
    // Each country's nationwide channels, each with a direct call action.
    expect(help).toContain('id="help-now-IQ"');
    expect(help).toContain('id="help-now-GT"');
    expect(help).toMatch(/href="tel:/);
  });

  it('the language comes from the phone when the address has none', async () => {
    const response = await get('/no/such/page', { 'Accept-Language': 'es-GT,es;q=0.9' });
    expectErrorPage(response, 404, 'es');
    // A Spanish reader is most likely in Guatemala: its channels come first.
    const help = helpNowBlock(response.text);
    expect(help.indexOf('help-now-GT')).toBeLessThan(help.indexOf('help-now-IQ'));
  });

  it('the hotlines shown are the nationwide ones: a governorate-wide hotline is not offered to the whole country', async () => {
    const nationwide = await env.DB.prepare(
      `SELECT DISTINCT s.id FROM services s JOIN service_areas sa ON sa.service_id = s.id
        JOIN service_type_assignments a ON a.service_id = s.id JOIN service_types t ON t.id = a.service_type_id
        WHERE s.status = 'published' AND t.is_priority_channel = 1 AND sa.area_pcode = 'IQ'`,
    ).all<{ id: string }>();
    const regional = await env.DB.prepare(
      `SELECT DISTINCT s.id FROM services s JOIN service_type_assignments a ON a.service_id = s.id
        JOIN service_types t ON t.id = a.service_type_id
        WHERE s.status = 'published' AND t.is_priority_channel = 1 AND s.country = 'IQ'
        AND NOT EXISTS (SELECT 1 FROM service_areas sa WHERE sa.service_id = s.id AND sa.area_pcode = 'IQ')`,
    ).all<{ id: string }>();
    expect(nationwide.results.length).toBeGreaterThan(0);
    expect(regional.results.length).toBeGreaterThan(0);
    const help = helpNowBlock((await get('/a/IQZZ99?lang=ar')).text);
    for (const { id } of nationwide.results.slice(0, 6)) expect(help).toContain(`data-service="${id}"`);
    for (const { id } of regional.results) expect(help).not.toContain(`data-service="${id}"`);
  });

  it.each([
    ['an unknown area', '/a/IQZZ99?lang=ckb', 'ckb', ['IQ']],
    ['an area code in the wrong form', '/a/iqg15?lang=kmr', 'kmr', ['IQ', 'GT']],
    ['an unknown Guatemalan area', '/a/GT9999?lang=es', 'es', ['GT']],
    ['an unknown service', `/s/${UNKNOWN_SERVICE}?lang=en`, 'en', ['IQ', 'GT']],
    ['a service id that is not an id', '/s/not-a-service?lang=ar', 'ar', ['IQ', 'GT']],
  ] as Array<[string, string, UiLanguage, string[]]>)('%s is a 404 page (%s)', async (_, path, lang, countries) => {
    const response = await get(path);
    expectErrorPage(response, 404, lang);
    expect(response.text).toContain(shown(lang, 'notFoundHeading'));
    const help = helpNowBlock(response.text);
    // The area's own country only, when the address names it.
    for (const country of ['IQ', 'GT']) {
      if (countries.includes(country)) expect(help).toContain(`id="help-now-${country}"`);
      else expect(help).not.toContain(`id="help-now-${country}"`);
    }
  });

  it('a request other than GET to an unknown address is a page too', async () => {
    const response = await exports.default.fetch('https://masar.test/no/such/form?lang=en', {
      method: 'POST',
      body: 'x=1',
    });
    const text = await response.text();
    expectErrorPage({ status: response.status, headers: response.headers, text, body: text }, 404, 'en');
  });

  it('a missing static file is a page, not an empty answer', async () => {
    const response = await get('/assets/no-such-file.js?lang=en');
    expectErrorPage(response, 404, 'en');
  });

  it('values a page cannot read are ignored: the area page still answers, with the quick exit', async () => {
    const response = await get('/a/IQG15Q05?lang=en&age=abc&t=zz&g=x&ln=Arabic&open=yes&more=%25%25%25&fs=%00');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(response.text).toContain('data-page="area"');
    expect(response.text).toContain('data-quick-exit');
    // None of the unreadable values is kept as a filter, and the area's hotlines are there to call.
    expect(response.text).not.toContain('data-role="clear-filters"');
    expect(response.text).toContain('data-priority="true"');
    expect(response.text).toMatch(/href="tel:/);
  });
});

describe('the API keeps answering problem details', () => {
  it.each([
    ['/api/v1/no-such-resource', 404],
    ['/api/v1/areas/IQZZ99', 404],
    [`/api/v1/services/${UNKNOWN_SERVICE}`, 404],
    ['/api/v1/services?age=abc', 400],
    ['/api/no-such-version', 404],
  ])('%s → %d problem+json', async (path, status) => {
    const response = await get(path, { Accept: 'text/html' });
    expect(response.status).toBe(status);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect(response.body.status).toBe(status);
  });

  it('a request other than GET to an unknown API address is problem+json', async () => {
    const response = await exports.default.fetch('https://masar.test/api/v1/no-such-resource', {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  });
});

describe('a fault on our side is a page with the quick exit, never raw JSON', () => {
  // An area row whose stored names cannot be read makes the area page fail: a real 500 through the
  // real stack. The row is removed again at once.
  const BROKEN = 'IQZZ98';

  it('a page that fails answers 500 as a page in the asked language, with the hotlines', async () => {
    await env.DB.prepare(
      `INSERT INTO areas (pcode, country, level, parent_pcode, path, names, time_zone,
        centroid_lon, centroid_lat, min_lon, min_lat, max_lon, max_lat)
        VALUES (?, 'IQ', 1, 'IQ', ?, 'not json', 'Asia/Baghdad', 44, 33, 43, 32, 45, 34)`,
    )
      .bind(BROKEN, `/IQ/${BROKEN}/`)
      .run();
    try {
      const response = await get(`/a/${BROKEN}?lang=ckb`);
      expectErrorPage(response, 500, 'ckb');
      expect(response.text).toContain(shown('ckb', 'pageErrorHeading'));
      expect(response.text).not.toContain('"status":500');
      expect(helpNowBlock(response.text)).toContain('id="help-now-IQ"');
    } finally {
      await env.DB.prepare('DELETE FROM areas WHERE pcode = ?').bind(BROKEN).run();
    }
  });

  it('when the hotlines cannot be read either, the error page is still shown, without them', async () => {
    // Every read of the service types fails while their names cannot be parsed.
    const original = await env.DB.prepare("SELECT names FROM service_types WHERE id = 'hotline'").first<{
      names: string;
    }>();
    await env.DB.prepare("UPDATE service_types SET names = 'not json' WHERE id = 'hotline'").run();
    try {
      const missing = await get('/no/such/page?lang=es');
      expectErrorPage(missing, 404, 'es');
      expect(helpNowBlock(missing.text)).toBe('');
      const failing = await get('/a/IQG15Q05?lang=ar');
      expectErrorPage(failing, 500, 'ar');
      expect(failing.text).toContain(shown('ar', 'pageErrorText'));
    } finally {
      await env.DB.prepare("UPDATE service_types SET names = ? WHERE id = 'hotline'").bind(original!.names).run();
    }
  });
});
