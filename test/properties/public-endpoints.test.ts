/**
 * Generated input for the public API and the survivor pages: whatever a client or a browser sends
 * (real and malformed area codes, filters, text in any script, cursors), the answer is never a
 * 5xx; the API answers JSON or problem+json, the pages answer HTML with the quick exit.
 *
 * Runs are bounded and the seed is fixed, so a run is repeatable and the file stays fast; a
 * failure prints the counterexample path.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESSIBILITY_FEATURES } from '../../api/domain/vocabulary.ts';
import { get } from '../support/http.ts';

const SEED = 20261201;
const RUNS = 60;
const TIMEOUT = 60_000;

let realAreas: string[] = [];
let realServices: string[] = [];
const realCursors: string[] = [];
let realTypes: Array<{ id: string; sortOrder: number }> = [];

beforeAll(async () => {
  realAreas = (await env.DB.prepare('SELECT pcode FROM areas ORDER BY pcode').all<{ pcode: string }>()).results.map(
    (r) => r.pcode,
  );
  realServices = (
    await env.DB.prepare("SELECT id FROM services WHERE status = 'published' ORDER BY id").all<{ id: string }>()
  ).results.map((r) => r.id);
  for (const sort of ['relevance', 'name', 'freshness']) {
    const page = await get(`/api/v1/services?sort=${sort}&limit=2`);
    if (page.body.next_cursor) realCursors.push(page.body.next_cursor);
  }
  realTypes = (
    await env.DB.prepare('SELECT id, sort_order AS sortOrder FROM service_types ORDER BY sort_order').all<{
      id: string;
      sortOrder: number;
    }>()
  ).results;
  const near = await get('/api/v1/services?sort=distance&near=36.34,43.13&limit=2');
  if (near.body.next_cursor) realCursors.push(near.body.next_cursor);
});

// --- Text in every script, already encoded for a URL -------------------------------------------

/** Percent-encodes every UTF-8 byte: what a browser sends for any text. */
const encode = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

const fromChars = (chars: string, maxLength = 40) =>
  fc.array(fc.constantFrom(...Array.from(chars)), { minLength: 1, maxLength }).map((parts) => parts.join(''));

const ARABIC = 'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى ًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩،؛؟';
const KURDISH = 'ەێۆڕڵڤگچپژکیھ ئ';
const LATIN =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 áéíóúñüÑçß-_.,:;!?\'"*()[]{}^$|\\/+=&<>%#@~`';
const EMOJI = ['🙂', '🆘', '👩🏽‍⚖️', '🏳️‍🌈', '📞', '\u200d', '\ufe0f', '🇮🇶', '🇬🇹'];
const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat(
  '\u007f',
  '\u0085',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\ufeff',
);

/** Byte sequences no encoder would produce: lone surrogates, truncated and broken escapes. */
const RAW_ENCODED = [
  '%ED%A0%80',
  '%ED%B0%80',
  '%ED%A0%80%ED%B0%80',
  '%E0%A4%A',
  '%',
  '%%',
  '%zz',
  '%00',
  '%C0%AF',
  '%FF%FE',
  '%F4%90%80%80',
];

const anyText = fc.oneof(
  fromChars(ARABIC).map(encode),
  fromChars(KURDISH).map(encode),
  fromChars(LATIN).map(encode),
  fc.array(fc.constantFrom(...EMOJI), { minLength: 1, maxLength: 8 }).map((parts) => encode(parts.join(''))),
  fc.array(fc.constantFrom(...CONTROL), { minLength: 1, maxLength: 8 }).map((parts) => encode(parts.join(''))),
  fc.string({ unit: 'binary', maxLength: 30 }).map(encode),
  fc
    .tuple(fc.constantFrom(ARABIC, KURDISH, LATIN), fc.integer({ min: 200, max: 4000 }))
    .map(([chars, n]) => encode(chars.repeat(Math.ceil(n / chars.length)).slice(0, n))),
  fc.constantFrom(...RAW_ENCODED),
  fc.constant(''),
);

// --- Area codes, ids, filters, cursors ----------------------------------------------------------

const areaCode = fc.oneof(
  fc.constantFrom('IQ', 'GT', 'IQG12Q01', 'IQG15Q05', 'GT01'),
  { arbitrary: fc.nat().map((i) => realAreas[i % realAreas.length]!), weight: 4 },
  fc.stringMatching(/^[A-Z]{2}[A-Z0-9]{0,18}$/),
  fc.nat().map((i) => realAreas[i % realAreas.length]!.toLowerCase()),
  fc.nat().map((i) => `${realAreas[i % realAreas.length]!}X`),
  anyText,
);

const serviceId = fc.oneof(
  fc.nat().map((i) => realServices[i % realServices.length]!),
  fc.uuid(),
  fc.nat().map((i) => realServices[i % realServices.length]!.toUpperCase()),
  fc.nat().map((i) => realServices[i % realServices.length]!.slice(0, 35)),
  anyText,
);

const cursor = fc.oneof(
  fc.nat().map((i) => realCursors[i % realCursors.length]!),
  fc.tuple(fc.nat(), fc.nat()).map(([i, cut]) => {
    const real = realCursors[i % realCursors.length]!;
    return real.slice(0, cut % real.length);
  }),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('A', '_', '-', '=', '.')).map(([i, at, ch]) => {
    const real = realCursors[i % realCursors.length]!;
    const p = at % real.length;
    return real.slice(0, p) + ch + real.slice(p + 1);
  }),
  fc.base64String({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 120 }).map((bytes) =>
    btoa(String.fromCharCode(...bytes))
      .replaceAll('+', '-')
      .replaceAll('/', '_'),
  ),
  // Well-formed cursors with values we never write: other moments, other keys.
  fc
    .record({
      sort: fc.constantFrom('relevance', 'name', 'freshness', 'distance', 'random'),
      at: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom('0', '1', '-1', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', 'Z'),
      ),
      after: fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.double(), fc.integer()), { maxLength: 6 }),
    })
    .map((value) => {
      const bytes = new TextEncoder().encode(JSON.stringify(value));
      return btoa(String.fromCharCode(...bytes))
        .replaceAll('+', '-')
        .replaceAll('/', '_')
        .replace(/=+$/, '');
    }),
);

const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double().map(String),
  fc.constantFrom('abc', '1e3', '0x10', '١٨', '18.5', ' 18', '', '-0', 'NaN', 'Infinity', '99999999999999999999'),
);

const coordinate = fc.oneof(
  fc.tuple(fc.double({ min: -200, max: 200, noNaN: true }), fc.nat(6)).map(([n, digits]) => n.toFixed(digits)),
  number,
);
const coordinates = (n: number) =>
  fc.oneof(
    fc.array(coordinate, { minLength: n, maxLength: n }).map((parts) => parts.join(',')),
    anyText,
  );

const moment = fc.oneof(
  fc
    .date({ noInvalidDate: true, min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-02-29T10:00:00Z',
    '2026-11-22T10:00:00+14:00',
    '2026-11-22T10:00:00-12:00',
    'yesterday',
    'now',
  ),
  anyText,
);

/** Mostly a valid value, sometimes any text: enough requests get past validation to reach the listing. */
const validOrText = <T extends string>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: anyText, weight: 1 });
const oneOfOrText = <T extends string>(...values: T[]) => validOrText(fc.constantFrom(...values));

/** A few of the given parameters (up to `max`), each drawn from its own arbitrary. */
function someOf(params: Record<string, fc.Arbitrary<string>>, max: number): fc.Arbitrary<Record<string, string>> {
  return fc
    .tuple(fc.record(params), fc.subarray(Object.keys(params), { maxLength: max }))
    .map(([values, keys]) => Object.fromEntries(keys.map((key) => [key, values[key]!])));
}

const typeIds = fc
  .nat()
  .chain((n) =>
    fc.subarray(
      realTypes.map((t) => t.id),
      { minLength: 1, maxLength: 1 + (n % 3) },
    ),
  )
  .map((ids) => ids.join(','));
const age = validOrText(fc.oneof(fc.integer({ min: 0, max: 120 }).map(String), number));
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const lon = fc.double({ min: -180, max: 180, noNaN: true });
const near = validOrText(
  fc.oneof(
    fc.tuple(lat, lon).map(([a, b]) => `${a.toFixed(4)},${b.toFixed(4)}`),
    coordinates(2),
  ),
);
const bbox = validOrText(
  fc.oneof(
    fc
      .tuple(lon, lon, lat, lat)
      .map(([x1, x2, y1, y2]) =>
        [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)].map((n) => n.toFixed(3)).join(','),
      ),
    coordinates(4),
  ),
);
const languages = oneOfOrText('ar', 'ckb', 'kmr', 'en', 'es', 'syr', 'tr', 'cak', 'kek', 'zz');
const uiLanguage = oneOfOrText('ar', 'ckb', 'kmr', 'en', 'es', 'fr', 'ku');

/** The API's service filters (api/schemas/services.ts), a few at a time, mostly valid. */
const serviceQuery = someOf(
  {
    area: areaCode,
    type: validOrText(typeIds),
    q: anyText,
    open_now: oneOfOrText('true', 'false'),
    open_at: moment,
    language: languages,
    female_staff: oneOfOrText('true', 'false'),
    free: oneOfOrText('true', 'false'),
    anonymous: oneOfOrText('true', 'false'),
    gender: oneOfOrText('female', 'male'),
    age,
    accessibility: validOrText(fc.subarray([...ACCESSIBILITY_FEATURES], { minLength: 1 }).map((f) => f.join(','))),
    near,
    bbox,
    sort: oneOfOrText('relevance', 'distance', 'name', 'freshness'),
    cursor,
    limit: validOrText(fc.integer({ min: 1, max: 100 }).map(String)),
    lang: uiLanguage,
    country: oneOfOrText('IQ', 'GT'),
  },
  5,
);

/** The area page's own filters (api/pages/area-filters.ts), a few at a time. */
const pageQuery = someOf(
  {
    t: validOrText(fc.nat().map((i) => String(realTypes[i % realTypes.length]!.sortOrder))),
    open: oneOfOrText('1', '0'),
    fs: oneOfOrText('1', '0'),
    free: oneOfOrText('1', '0'),
    anon: oneOfOrText('1', '0'),
    ln: languages,
    g: oneOfOrText('f', 'm'),
    age,
    more: cursor,
    lang: uiLanguage,
  },
  5,
);

/** Values are already URL-encoded text (or deliberately broken encodings). */
function queryString(query: Record<string, string>): string {
  const parts = Object.entries(query).map(
    ([key, value]) => `${key}=${/^[\x21-\x7e]*$/.test(String(value)) ? value : encode(String(value))}`,
  );
  return parts.length ? `?${parts.join('&')}` : '';
}

// --- What every answer must be -------------------------------------------------------------------

async function expectApiAnswer(path: string): Promise<number> {
  const response = await get(path);
  expect(response.status, `${path} → ${response.status} ${response.text.slice(0, 200)}`).toBeLessThan(500);
  const type = response.headers.get('Content-Type') ?? '';
  expect(type, path).toMatch(/^application\/(json|problem\+json|geo\+json)/);
  if (response.status >= 400) {
    expect(type, path).toMatch(/^application\/problem\+json/);
    expect(response.body.status, path).toBe(response.status);
  } else {
    expect(typeof response.body, path).toBe('object');
  }
  return response.status;
}

async function expectPage(path: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await get(path, headers);
  expect(response.status, `${path} → ${response.status} ${response.text.slice(0, 200)}`).toBeLessThan(500);
  expect(response.headers.get('Content-Type'), path).toMatch(/^text\/html/);
  expect(response.text, path).toContain('data-quick-exit');
  return response.status;
}

/** Runs a property over requests and says how many were answered 200, i.e. got past validation. */
async function answered(
  property: (record: (status: number) => void) => fc.IAsyncPropertyWithHooks<any>,
): Promise<number> {
  let ok = 0;
  await run(
    property((status) => {
      if (status === 200) ok += 1;
    }),
  );
  return ok;
}

const run = (property: fc.IAsyncPropertyWithHooks<any>) =>
  fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: true });

describe('generated requests to the public API never get a 5xx', () => {
  it(
    'service listings with any combination of filters',
    async () => {
      const ok = await answered((record) =>
        fc.asyncProperty(serviceQuery, async (query) =>
          record(await expectApiAnswer(`/api/v1/services${queryString(query)}`)),
        ),
      );
      // Most generated requests reach the listing itself, not only the validator.
      expect(ok).toBeGreaterThan(RUNS / 4);
    },
    TIMEOUT,
  );

  it(
    'the map with any combination of filters',
    async () => {
      const ok = await answered((record) =>
        fc.asyncProperty(serviceQuery, async (query) =>
          record(await expectApiAnswer(`/api/v1/map/services${queryString(query)}`)),
        ),
      );
      expect(ok).toBeGreaterThan(RUNS / 4);
    },
    TIMEOUT,
  );

  it(
    'areas by code, by parent and by search text',
    async () => {
      await run(
        fc.asyncProperty(areaCode, anyText, number, oneOfOrText('IQ', 'GT', 'FR'), async (code, q, level, country) => {
          await expectApiAnswer(`/api/v1/areas/${code}`);
          await expectApiAnswer(`/api/v1/areas${queryString({ parent: code, level, country })}`);
          await expectApiAnswer(`/api/v1/areas/search${queryString({ q })}`);
          await expectApiAnswer(`/api/v1/map/boundaries${queryString({ parent: code })}`);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'services by id, as the API and as HSDS',
    async () => {
      await run(
        fc.asyncProperty(serviceId, oneOfOrText('ar', 'ckb', 'kmr', 'en', 'es', 'fr'), async (id, lang) => {
          await expectApiAnswer(`/api/v1/services/${id}${queryString({ lang })}`);
          await expectApiAnswer(`/api/v1/hsds/services/${id}${queryString({ lang })}`);
        }),
      );
    },
    TIMEOUT,
  );
});

describe('generated requests to the pages always get a page with the quick exit', () => {
  it(
    'area pages with any filters',
    async () => {
      const ok = await answered((record) =>
        fc.asyncProperty(areaCode, pageQuery, async (code, query) =>
          record(await expectPage(`/a/${code}${queryString(query)}`)),
        ),
      );
      expect(ok).toBeGreaterThan(RUNS / 4);
    },
    TIMEOUT,
  );

  it(
    'service pages with any id and back link',
    async () => {
      await run(
        fc.asyncProperty(serviceId, areaCode, oneOfOrText('ar', 'en', 'es'), async (id, a, lang) => {
          await expectPage(`/s/${id}${queryString({ a, lang })}`);
        }),
      );
    },
    TIMEOUT,
  );

  it(
    'the start page with any search text and any phone language',
    async () => {
      await run(
        fc.asyncProperty(
          anyText,
          fc.oneof(
            fc.constantFrom('ar-IQ', 'ku-IQ', 'ckb', 'es-GT,es;q=0.9', 'en', '*', 'xx', ''),
            fc.string({ maxLength: 30 }),
          ),
          async (q, language) => {
            await expectPage(`/${queryString({ q })}`, { 'Accept-Language': language.replace(/[^\x20-\x7e]/g, '') });
          },
        ),
      );
    },
    TIMEOUT,
  );

  it(
    'any other address',
    async () => {
      await run(
        fc.asyncProperty(fc.array(anyText, { minLength: 1, maxLength: 4 }), async (segments) => {
          const path = `/${segments.map((s) => s.replaceAll('/', '%2F')).join('/')}`;
          // Only addresses outside the API: those are the pages' business.
          fc.pre(!/^\/+api(\/|%2F)/i.test(path));
          await expectPage(path);
        }),
      );
    },
    TIMEOUT,
  );
});
