// Searching from the start page keeps the words out of every address: the form is a POST answered
// directly with the results (no redirect that would carry the words), never stored by the browser.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const response = await exports.default.fetch(`https://masar.test${path}`, {
    method: 'POST',
    body,
    headers,
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** What the page shows in its results region. */
const resultsRegion = (html: string) =>
  /<div id="search-results" data-role="search-results">([\s\S]*?)<\/div>\s*<nav class="area-picker"/.exec(html)?.[1];

describe('search on the start page', () => {
  it('is a POST form to the neutral start address, with typing suggestions off', async () => {
    const page = await get('/?lang=en');
    const form = /<form class="search"[^>]*>/.exec(page.text)![0];
    expect(form).toContain('method="post"');
    expect(form).toContain('action="/?lang=en"');
    const input = /<input id="search-q"[^>]*>/.exec(page.text)![0];
    expect(input).toContain('autocomplete="off"');
    expect(input).toContain('spellcheck="false"');
  });

  it('answers the POST with the results themselves: no redirect, nothing kept by the browser', async () => {
    const answer = await post('/?lang=en', new URLSearchParams({ q: 'Mosul' }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Location')).toBeNull();
    expect(answer.headers.get('Cache-Control')).toBe('no-store');
    const results = resultsRegion(answer.text)!;
    expect(results).toContain('href="/a/IQG15Q05?lang=en"');
    // The words are on the page (in the box), and in none of its own addresses.
    expect(answer.text).toContain('value="Mosul"');
    const own = [...answer.text.matchAll(/(?:href|action|src)="(\/[^"]*)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(own.length).toBeGreaterThan(20);
    expect(own.filter((address) => /q=|mosul/i.test(address))).toEqual([]);
  });

  it('finds services from words in Arabic script, and says so when nothing matches', async () => {
    const found = await post('/?lang=ar', new URLSearchParams({ q: 'الموصل' }));
    expect(resultsRegion(found.text)).toMatch(/href="\/a\/IQG15Q05\?lang=ar"/);
    const nothing = await post('/?lang=ckb', new URLSearchParams({ q: 'ژژژژژ' }));
    expect(nothing.status).toBe(200);
    expect(resultsRegion(nothing.text)).toContain('role="status"');
  });

  it('lists the place a person meant first, with the area it is part of beside each place', async () => {
    for (const [lang, parent] of [
      ['en', 'in Al-Mosul'],
      ['ar', 'في الموصل'],
      ['es', 'en Al-Mosul'],
    ] as const) {
      const answer = await post(`/?lang=${lang}`, new URLSearchParams({ q: 'Qayara' }));
      const places = /<ul class="area-links">([\s\S]*?)<\/ul>/.exec(resultsRegion(answer.text)!)![1]!;
      const first = /<li>([\s\S]*?)<\/li>/.exec(places)![1]!;
      expect(first, lang).toContain(`href="/a/IQG15Q05N01?lang=${lang}"`);
      expect(first.replace(/<[^>]+>/g, ''), lang).toContain(parent);
    }
  });

  it('accepts the form as multipart too, and any other body as an empty search', async () => {
    const form = new FormData();
    form.set('q', 'Mosul');
    expect(resultsRegion((await post('/?lang=en', form)).text)).toContain('href="/a/IQG15Q05?lang=en"');
    for (const [body, type] of [
      ['{"q":"Mosul"}', 'application/json'],
      ['q=%ZZ', 'application/x-www-form-urlencoded'],
      ['--x\r\nbroken', 'multipart/form-data; boundary=x'],
    ]) {
      const answer = await post('/?lang=en', body!, { 'Content-Type': type! });
      expect(answer.status, body).toBe(200);
      expect(resultsRegion(answer.text), body).not.toContain('href="/a/');
    }
  });

  it('ignores words put into the address, so no link can make the page show them', async () => {
    const page = await get('/?lang=en&q=Mosul');
    expect(page.status).toBe(200);
    expect(resultsRegion(page.text)).toBe('');
    expect(page.text).not.toContain('value="Mosul"');
  });
});
