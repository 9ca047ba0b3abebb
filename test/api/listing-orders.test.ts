import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { freshness } from '../../api/domain/freshness.ts';
import { ftsMatchExpression } from '../../api/domain/text-normalise.ts';
import { compareKeys, sortKey, type SortOrder } from '../../api/domain/ranking.ts';
import { findCandidates, type CandidateFilters } from '../../api/queries/service-candidates.ts';
import { ORDERED_MATCHES, RARE_MATCHES } from '../../api/queries/text-search.ts';
import { database } from '../../db/client.ts';
import { signedIn } from '../admin/support.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { MOSUL } from '../support/listing.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';
import { baghdadMoment, SUNDAY } from '../support/time.ts';

// Listings by name, by latest check, and without an area (everything, a country, a type) walk
// stored keys: what they read follows the page, not how many services the listing holds, and they
// list exactly what sorting the whole listing would, in the same order.
const app = createApp();

interface ListBody {
  items: Array<{ id: string }>;
  total: number;
  total_is_exact: boolean;
  next_cursor: string | null;
  evaluated_at: string;
}

/** One request to the public listing API through the app, on `binding`. */
async function list(query: string, binding: D1Database = env.DB): Promise<ListBody> {
  const response = await app.fetch(
    new Request(`https://masar.test/api/v1/services?${query}`),
    { ...env, DB: binding },
    createExecutionContext(),
  );
  expect(response.status, query).toBe(200);
  return response.json();
}

/** Every page of a listing, in order, and the moment its first page was evaluated at. */
async function allPages(query: string) {
  const ids: string[] = [];
  let body = await list(query);
  const evaluatedAt = new Date(body.evaluated_at);
  for (let pages = 0; ; pages++) {
    expect(pages).toBeLessThan(200);
    ids.push(...body.items.map((item) => item.id));
    if (!body.next_cursor) break;
    body = await list(`${query}&cursor=${encodeURIComponent(body.next_cursor)}`);
  }
  return { ids, evaluatedAt };
}

/**
 * The listing as sorting all of it gives: every published service the scope holds (read through
 * the candidate query, which finds them by coverage, type or country, not by the stored keys),
 * each keyed by the listing order's own definition.
 */
async function sortedWhole(filters: CandidateFilters, sort: SortOrder, at: Date): Promise<string[]> {
  const candidates = await findCandidates(database(env.DB), filters);
  return candidates
    .map((c) => ({
      id: c.id,
      key: sortKey(sort, {
        id: c.id,
        isPriority: Boolean(c.isPriority),
        freshness: freshness(c, at),
        textScore: null,
        sortName: c.sortName,
        lastVerifiedAt: c.lastVerifiedAt,
        distanceKm: null,
      }),
    }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((c) => c.id);
}

async function legalAidTypes(): Promise<string[]> {
  const found = await env.DB.prepare("SELECT id FROM service_types WHERE id = 'legal_aid' OR parent_id = 'legal_aid'")
    .all<{ id: string }>()
    .then((r) => r.results.map((t) => t.id));
  return found;
}

describe('listings in a stored order list what sorting the whole listing gives', () => {
  let grown: string[] = [];
  afterAll(async () => {
    // The checks recorded here refer to the grown services: they go first.
    await env.DB.prepare('DELETE FROM verifications WHERE service_id IN (SELECT value FROM json_each(?))')
      .bind(JSON.stringify(grown))
      .run();
    await shrinkDirectory(env.DB, grown);
  });

  it('every page of a listing by name, by latest check, and without an area, in order, with no repeat and no gap; an edit moves a service at once', async () => {
    grown = await growDirectory(env.DB, 12, { withinPath: MOSUL.path });
    const admin = await signedIn('admin');
    // Names in Arabic and in Latin letters with accents, and a few checks at different moments
    // (the rest never checked), each made through the maintainers' API, which rewrites derived rows.
    const renames: Array<[number, Record<string, string>]> = [
      [0, { ar: 'مركز الأمل للدعم القانوني' }],
      [1, { ar: 'ألف باء للمحاماة' }],
      [2, { es: 'Ángel de la guarda' }],
      [3, { en: 'aaron legal help' }],
      [4, { ckb: 'ناوەندی یارمەتی' }],
    ];
    for (const [i, names] of renames) {
      const current = await admin.get(`/services/${grown[i]}`);
      const renamed = await admin.patch(`/services/${grown[i]}`, { names }, current.body.version);
      expect(renamed.status).toBe(200);
    }
    for (const i of [5, 6]) {
      const verified = await admin.post(`/services/${grown[i]}/verifications`, { method: 'call', result: 'confirmed' });
      expect(verified.status).toBe(201);
    }
    const types = await legalAidTypes();
    const cases: Array<[string, CandidateFilters, SortOrder]> = [
      ['sort=name&area=IQG15Q05', { area: MOSUL }, 'name'],
      ['sort=freshness&area=IQG15Q05', { area: MOSUL }, 'freshness'],
      ['sort=name', {}, 'name'],
      ['sort=freshness&country=IQ', { country: 'IQ' }, 'freshness'],
      ['', {}, 'relevance'],
      ['country=GT', { country: 'GT' }, 'relevance'],
      ['type=legal_aid', { typeIds: types }, 'relevance'],
      ['sort=name&type=legal_aid&free=true', { typeIds: types, freeOnly: true }, 'name'],
      ['sort=freshness&type=shelter,hotline', { typeIds: ['shelter', 'hotline'] }, 'freshness'],
      ['country=IQ&type=shelter', { country: 'IQ', typeIds: ['shelter'] }, 'relevance'],
    ];
    const check = async () => {
      for (const [query, filters, sort] of cases) {
        const { ids, evaluatedAt } = await allPages(`${query}&limit=7`);
        expect(new Set(ids).size, query).toBe(ids.length);
        expect(ids, query).toEqual(await sortedWhole(filters, sort, evaluatedAt));
      }
    };
    await check();
    // The listings hold what this test made: Arabic and accented names, checked and never-checked services.
    const byName = (await allPages('sort=name&area=IQG15Q05&limit=50')).ids;
    for (const i of [0, 1, 2, 3, 4]) expect(byName).toContain(grown[i]);
    const byCheck = (await allPages('sort=freshness&area=IQG15Q05&limit=50')).ids;
    expect(byCheck.slice(0, 2).sort()).toEqual([grown[5], grown[6]].sort());

    // A rename moves the service in the name order at once, and a check to the top of the freshness order.
    const current = await admin.get(`/services/${grown[7]}`);
    expect(
      (await admin.patch(`/services/${grown[7]}`, { names: { en: '000 first by name' } }, current.body.version)).status,
    ).toBe(200);
    expect((await list('sort=name&area=IQG15Q05&limit=1')).items[0]?.id).toBe(grown[7]);
    expect((await list('sort=name&limit=1')).items[0]?.id).toBe(grown[7]);
    expect(
      (await admin.post(`/services/${grown[8]}/verifications`, { method: 'call', result: 'confirmed' })).status,
    ).toBe(201);
    expect((await list('sort=freshness&area=IQG15Q05&limit=1')).items[0]?.id).toBe(grown[8]);
    expect((await list('sort=freshness&country=IQ&limit=1')).items[0]?.id).toBe(grown[8]);
    await check();
  }, 300_000);
});

describe('rows read when the listed scope grows', () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  // The grown services are open Sunday to Thursday, 08:00–14:00: open on Sunday at 10:00.
  const sundayMorning = encodeURIComponent(baghdadMoment(SUNDAY, '10:00'));
  const queries = [
    'sort=name&area=IQG15Q05',
    'sort=freshness&area=IQG15Q05',
    'sort=name&area=IQG15Q05&page=2',
    '',
    'country=IQ',
    'type=legal_aid',
    'sort=freshness&type=legal_aid',
    `open_at=${sundayMorning}`,
    // A type few services have (none of the grown ones): its own rows, not a walk past the others.
    'type=shelter',
  ];

  /** One listing through the app, on a binding that counts rows read and round trips. */
  const measure = async (query: string) => {
    let ask = query.replace('&page=2', '');
    if (query.endsWith('&page=2')) {
      const first = await list(ask);
      ask = `${ask}&cursor=${encodeURIComponent(first.next_cursor!)}`;
    }
    const { binding, rowsRead, trips } = instrumentedDb(env.DB);
    const body = await list(ask, binding);
    return { rowsRead: rowsRead(), trips: trips(), items: body.items.length, body };
  };
  const measureAll = async () => {
    const measured = [];
    for (const query of queries) measured.push(await measure(query));
    return measured;
  };

  it('listings by name, by latest check, unscoped, of a country, of a type and open at a moment read the same rows with 1,000 or 2,000 services in the scope', async () => {
    grown = await growDirectory(env.DB, 1000, { withinPath: MOSUL.path });
    const small = await measureAll();
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL.path })));
    const large = await measureAll();
    console.log(
      'rows read (1,000 → 2,000 in the scope)',
      Object.fromEntries(
        queries.map((q, i) => [
          q || '(unscoped)',
          `${small[i]!.rowsRead} → ${large[i]!.rowsRead} in ${large[i]!.trips} trips`,
        ]),
      ),
    );
    expect(large.map((m) => m.rowsRead)).toEqual(small.map((m) => m.rowsRead));
    expect(large.map((m) => m.trips)).toEqual(small.map((m) => m.trips));
    for (const [i, m] of large.entries()) {
      if (queries[i] !== 'type=shelter') {
        expect(m.items, queries[i]).toBe(20);
        expect(m.body.next_cursor, queries[i]).not.toBeNull();
      }
      // The page and the row after it, a few rows each (the key, the service row its filters probe,
      // the stored document; "open" also its hours), the taxonomy and the area: never the scope.
      expect(m.rowsRead, queries[i]).toBeLessThan(400);
      expect(m.trips, queries[i]).toBeLessThanOrEqual(3);
    }
    // An unfiltered listing's total is exact from the counts kept by triggers; a filtered one that
    // did not read past its page says "at least".
    /** How many published services there are, of these types when given, from the facts. */
    const published = async (where = '', types?: string[]) =>
      (await env.DB.prepare(
        `SELECT count(DISTINCT s.id) AS n FROM services s LEFT JOIN service_type_assignments a ON a.service_id = s.id
         WHERE s.status = 'published' ${where}
           AND (?1 IS NULL OR a.service_type_id IN (SELECT value FROM json_each(?1)))`,
      )
        .bind(types ? JSON.stringify(types) : null)
        .first<{ n: number }>())!.n;
    const body = (query: string) => large[queries.indexOf(query)]!.body;
    expect(body('')).toMatchObject({ total: await published(), total_is_exact: true });
    expect(body('country=IQ')).toMatchObject({ total: await published("AND s.country = 'IQ'"), total_is_exact: true });
    const byName = body('sort=name&area=IQG15Q05');
    expect(byName.total_is_exact).toBe(true);
    expect(byName.total).toBeGreaterThanOrEqual(2000);
    // Legal aid with its sub-type: the type's rows hold its sub-type's services too, each once.
    const legalAid = await published('', ['legal_aid', 'legal_volunteers']);
    expect(legalAid).toBeGreaterThan(2000);
    expect(body('type=legal_aid')).toMatchObject({ total: legalAid, total_is_exact: true });
    const shelters = await published('', ['shelter']);
    expect(shelters).toBeGreaterThan(0);
    expect(body('type=shelter')).toMatchObject({ total: shelters, total_is_exact: true });
  }, 600_000);
});

describe('a search in name or latest-check order', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  // A rare word (a few services), a word of 150 (more than a search in relevance order reads whole,
  // no more than one in name or latest-check order does: an Arabic word, whose bound is its count;
  // a Latin word's bound counts its skeleton's rows too) and a common word, held by services
  // interleaved in the name order with others that do not hold it.
  const queries = [
    'q=quixlur&sort=name&area=IQG15Q05',
    'q=قرطلاس&sort=name',
    'q=قرطلاس&sort=freshness&area=IQG15Q05',
    'q=zorblat&sort=name&area=IQG15Q05',
    'q=zorblat&sort=freshness',
    'q=zorblat&sort=name&country=IQ',
  ];
  const filtersOf = (query: string): CandidateFilters => {
    const q = new URLSearchParams(query);
    return {
      textMatch: ftsMatchExpression(q.get('q')!)!,
      ...(q.get('area') && { area: MOSUL }),
      ...(q.get('country') && { country: q.get('country') as 'IQ' }),
    };
  };
  const grow = async (common: number) => {
    for (let i = 0; i < common / 40; i++) {
      grown.push(...(await growDirectory(env.DB, 40, { withinPath: MOSUL.path, description: 'Zorblat ابتزاز' })));
      grown.push(...(await growDirectory(env.DB, 60, { withinPath: MOSUL.path, description: 'Nothing to find' })));
    }
  };

  it('lists exactly what sorting all its matches gives, every page in order, and reads the same rows with 400 or 800 matches in the district', async () => {
    grown.push(...(await growDirectory(env.DB, 3, { withinPath: MOSUL.path, description: 'Quixlur' })));
    expect(RARE_MATCHES < 150 && 150 <= ORDERED_MATCHES).toBe(true);
    grown.push(...(await growDirectory(env.DB, 150, { withinPath: MOSUL.path, description: 'قرطلاس' })));
    await grow(400);
    for (const query of queries) {
      const { ids, evaluatedAt } = await allPages(`${query}&limit=25`);
      const sort = new URLSearchParams(query).get('sort') as SortOrder;
      const expected = await sortedWhole(filtersOf(query), sort, evaluatedAt);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(ids, query).toEqual(expected);
    }
    // The word of 150 is read whole and sorted: a full page and an exact total.
    const middle = await list(`q=${encodeURIComponent('قرطلاس')}&sort=name`);
    expect([middle.items.length, middle.total, middle.total_is_exact]).toEqual([20, 150, true]);

    const measureAll = async () => {
      const measured = [];
      for (const query of queries) {
        const { binding, rowsRead, trips } = instrumentedDb(env.DB);
        const body = await list(query, binding);
        measured.push({ query, rowsRead: rowsRead(), trips: trips(), items: body.items.length });
      }
      return measured;
    };
    const small = await measureAll();
    await grow(400);
    const large = await measureAll();
    console.log(
      'a search by name or latest check, rows read with 400 → 800 services holding the common word in Mosul',
      small.map((m, i) => `${m.query}: ${m.rowsRead} → ${large[i]!.rowsRead} in ${large[i]!.trips} trips`),
    );
    expect(large.map((m) => [m.query, m.rowsRead, m.trips])).toEqual(small.map((m) => [m.query, m.rowsRead, m.trips]));
    for (const m of large) {
      expect(m.trips, m.query).toBeLessThanOrEqual(3);
      // A rare word's matches, or a walk of a fixed stretch; the word of 150 read whole, five to
      // seven rows a match (its index entry, service row, area and priority probes).
      expect(m.rowsRead, m.query).toBeLessThan(m.query.includes('قرطلاس') ? 7 * 150 + 100 : 400);
    }
  }, 600_000);
});
