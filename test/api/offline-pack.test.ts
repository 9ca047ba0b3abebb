// A governorate saved for use without internet: the one answer that lists what to save must list
// pages and data that exist, only public ones, the whole governorate, and cost the same few queries
// however large the governorate is.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { forEachLimited } from '../support/concurrency.ts';
import { allPages, get } from '../support/http.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

const DAY_MS = 86_400_000;
// A sweep is thousands of requests on a shared, busy machine; it asserts results, not time.
const SWEEP_TIMEOUT = 900_000;

const rows = async <T>(sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<T>()
  ).results;

/** Addresses that are never public: the maintainers' console and API, and anything off this origin. */
const NOT_PUBLIC = /^(\/api\/v1\/admin|\/maintainers|\/console|\/\/|[a-z]+:)/i;

describe('GET /api/v1/areas/{pcode}/offline-pack', () => {
  it('lists every district and subdistrict page of Ninewa, its services, pathways, guide and map data', async () => {
    const { status, body } = await get('/api/v1/areas/IQG15/offline-pack?lang=en');
    expect(status).toBe(200);
    expect(body.area).toEqual({ pcode: 'IQG15', name: { text: 'Ninewa', lang: 'en' } });
    const urls: string[] = body.urls;
    expect(urls[0]).toBe('/a/IQG15?lang=en');
    expect(new Set(urls).size).toBe(urls.length);

    const inside = await rows<{ pcode: string }>(
      "SELECT pcode FROM areas WHERE path LIKE '%/IQG15/%' AND level IN (2, 3) ORDER BY pcode",
    );
    expect(inside.length).toBeGreaterThan(20);
    for (const { pcode } of inside) expect(urls).toContain(`/a/${pcode}?lang=en`);

    // The services a person finds in Ninewa through the API are exactly the ones saved.
    const listed = (await allPages<{ id: string }>('/api/v1/services?area=IQG15&lang=en', 50)).map((s) => s.id);
    const saved = urls.filter((u) => u.startsWith('/s/')).map((u) => /^\/s\/([^?]+)\?lang=en$/.exec(u)?.[1]);
    expect(saved.sort()).toEqual([...new Set(listed)].sort());

    // Each place's pathways, as its own page links them.
    const mosul = await get('/a/IQG15Q05?lang=en');
    const pathwayLinks = [...mosul.text.matchAll(/href="(\/p\/[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(pathwayLinks.length).toBeGreaterThan(0);
    for (const link of pathwayLinks) expect(urls).toContain(link);

    for (const url of [
      '/guide?lang=en',
      '/api/v1/map/boundaries?parent=IQG15&lang=en',
      '/api/v1/map/boundaries?parent=IQG15Q05&lang=en',
      '/api/v1/map/services?area=IQG15Q05&lang=en',
      '/assets/area-map.js',
      '/assets/maplibre-gl-worker.mjs',
      ...['ar', 'ckb', 'kmr', 'en', 'es'].map((lang) => `/offline?lang=${lang}`),
    ]) {
      expect(urls).toContain(url);
    }
    // The map asks for exactly the addresses the area page gives it.
    const boundaries = /data-boundaries-url="([^"]+)"/.exec(mosul.text)![1]!.replaceAll('&amp;', '&');
    const points = /data-map-services="([^"]+)"/.exec(mosul.text)![1]!.replaceAll('&amp;', '&');
    expect(urls).toContain(boundaries);
    expect(urls).toContain(points);

    expect(body.valid_days).toBe(14);
    expect(Date.parse(body.expires_at) - Date.parse(body.data_as_of)).toBe(14 * DAY_MS);
    expect(Math.abs(Date.parse(body.data_as_of) - Date.now())).toBeLessThan(60_000);
    expect(body.offline_page).toBe('/offline?lang=en');
  });

  it('every address in the Ninewa pack answers 200, and its size is measured', { timeout: SWEEP_TIMEOUT }, async () => {
    const { body } = await get('/api/v1/areas/IQG15/offline-pack?lang=ar');
    const failures: string[] = [];
    let bytes = 0;
    await forEachLimited(body.urls as string[], 8, async (url) => {
      const response = await get(url);
      if (response.status !== 200) failures.push(`${url} → ${response.status}`);
      bytes += new TextEncoder().encode(response.text).length;
    });
    expect(failures).toEqual([]);
    // The pack's size, for the record (Arabic; the files are the same in every language).
    console.log(
      `offline pack for Ninewa (IQG15, ar): ${body.urls.length} addresses, ${bytes} bytes ` +
        `(${(bytes / 1024 / 1024).toFixed(2)} MiB); ${JSON.stringify(body.counts)}`,
    );
  });

  it(
    'for every governorate, every listed address answers 200 and none is a maintainer or practitioner address',
    { timeout: SWEEP_TIMEOUT },
    async () => {
      const governorates = await rows<{ pcode: string }>('SELECT pcode FROM areas WHERE level = 1 ORDER BY pcode');
      expect(governorates.length).toBeGreaterThan(30);
      const all = new Set<string>();
      const problems: string[] = [];
      await forEachLimited(governorates, 4, async ({ pcode }) => {
        const { status, body } = await get(`/api/v1/areas/${pcode}/offline-pack?lang=es`);
        if (status !== 200) return void problems.push(`${pcode} → ${status}`);
        if (body.urls[0] !== `/a/${pcode}?lang=es`) problems.push(`${pcode}: starts with ${body.urls[0]}`);
        for (const url of body.urls as string[]) {
          if (NOT_PUBLIC.test(url)) problems.push(`${pcode}: ${url}`);
          all.add(url);
        }
      });
      expect(problems).toEqual([]);
      // Area and service pages are rendered in every language by the page sweep (test/pages/sweep.test.ts):
      // here it is enough that each names an area or a published service that exists.
      const areaCodes = new Set((await rows<{ pcode: string }>('SELECT pcode FROM areas')).map((r) => r.pcode));
      const published = new Set(
        (await rows<{ id: string }>("SELECT id FROM services WHERE status = 'published'")).map((r) => r.id),
      );
      const pages = [...all].filter((url) => /^\/[as]\/[^/?]+\?lang=[a-z]+$/.test(url));
      for (const url of pages) {
        const key = url.slice(3, url.indexOf('?'));
        if (!(url.startsWith('/a/') ? areaCodes : published).has(key)) problems.push(`${url} names nothing`);
      }
      expect(problems).toEqual([]);
      const fetched = [...all].filter((url) => !pages.includes(url));
      expect(fetched.length).toBeGreaterThan(100);
      await forEachLimited(fetched, 12, async (url) => {
        const response = await get(url);
        if (response.status !== 200) problems.push(`${url} → ${response.status}`);
      });
      expect(problems).toEqual([]);
    },
  );

  it('never lists a draft or closed service, nor a draft pathway', async () => {
    const { body } = await get('/api/v1/areas/IQG15/offline-pack?lang=en');
    const hidden = await rows<{ id: string }>("SELECT id FROM services WHERE status <> 'published'");
    const hiddenPathways = await rows<{ id: string }>("SELECT id FROM pathways WHERE status <> 'published'");
    const ids = new Set([...hidden, ...hiddenPathways].map((r) => r.id));
    expect(hidden.length + hiddenPathways.length).toBeGreaterThan(0);
    const listed = (body.urls as string[]).filter((u) => /^\/[sp]\//.test(u)).map((u) => u.split(/[/?]/)[2]!);
    expect(listed.filter((id) => ids.has(id))).toEqual([]);
  });

  it('costs the same number of queries for a small governorate and for Ninewa', async () => {
    const queriesFor = async (pcode: string) => {
      const { binding, recorded } = instrumentedDb(env.DB);
      const response = await createApp().fetch(
        new Request(`https://masar.test/api/v1/areas/${pcode}/offline-pack?lang=en`),
        { ...env, DB: binding },
        createExecutionContext(),
      );
      expect(response.status).toBe(200);
      const urls = ((await response.json()) as { urls: string[] }).urls.length;
      return { queries: recorded.length, urls };
    };
    const ninewa = await queriesFor('IQG15');
    const small = await queriesFor('GT01');
    expect(ninewa.urls).toBeGreaterThan(small.urls);
    expect(ninewa.queries).toBe(small.queries);
    expect(ninewa.queries).toBeLessThanOrEqual(8);
  });

  it('refuses an address that is not a governorate with a problem naming the P-code', async () => {
    for (const [path, status] of [
      ['/api/v1/areas/not-a-code/offline-pack', 400],
      ['/api/v1/areas/IQG15Q05/offline-pack', 400],
      ['/api/v1/areas/IQ/offline-pack', 400],
      ['/api/v1/areas/IQG99/offline-pack', 404],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
      if (status === 400) expect(response.body.errors.map((e: { name: string }) => e.name)).toEqual(['pcode']);
    }
    const badLanguage = await get('/api/v1/areas/IQG15/offline-pack?lang=xx');
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.errors.map((e: { name: string }) => e.name)).toEqual(['lang']);
  });

  it('is described in the OpenAPI document beside the other area endpoints', async () => {
    const { body } = await get('/api/v1/openapi.json');
    const operation = body.paths['/api/v1/areas/{pcode}/offline-pack']?.get;
    expect(operation.tags).toEqual(['Areas']);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '404']);
  });
});

describe('the page for an address that was not saved', () => {
  it('says so in every language, with the quick exit', async () => {
    const texts = new Set<string>();
    for (const lang of ['ar', 'ckb', 'kmr', 'en', 'es']) {
      const { status, text } = await get(`/offline?lang=${lang}`);
      expect(status).toBe(200);
      expect(text).toContain('data-quick-exit');
      texts.add(/<h1>([^<]+)<\/h1>/.exec(text)![1]!);
    }
    expect(texts.size).toBe(5);
    expect(texts).toContain('This page is not saved on this phone');
  });
});
