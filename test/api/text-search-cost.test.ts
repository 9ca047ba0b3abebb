import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { ancestorPaths } from '../../api/domain/area-paths.ts';
import { ftsMatchExpression } from '../../api/domain/text-normalise.ts';
import { fetchCounted } from '../support/counted-fetch.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { eachStatistics, measureWithEachStatistics } from '../support/statistics.ts';
import { instrumentedDb, queryPlan } from '../support/instrumented-db.ts';

// A text search must read rows bounded by its page, not by how many services hold its words: D1
// bills rows read, and a common word ("legal", "ابتزاز") can be held by a third of the directory.
const app = createApp();
const MOSUL = '/IQ/IQG15/IQG15Q05/';

interface Listing {
  items: Array<{ id: string; name: string }>;
  total: number;
  total_is_exact: boolean;
  next_cursor: string | null;
}

/** One request through the Worker, with what it cost D1. */
async function measured(path: string) {
  const instrumented = instrumentedDb(env.DB);
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`https://masar.test${path}`), { ...env, DB: instrumented.binding }, ctx);
  const body = (await response.json()) as Listing;
  await waitOnExecutionContext(ctx);
  expect(response.status, path).toBe(200);
  return {
    body,
    rowsRead: instrumented.rowsRead(),
    rowsReturned: instrumented.rowsReturned(),
    trips: instrumented.trips(),
    recorded: instrumented.recorded,
  };
}

type MeasuredPath = Awaited<ReturnType<typeof measured>> & { path: string };

const search = (q: string, more = '') => `/api/v1/services?lang=en&q=${encodeURIComponent(q)}${more}`;

/** Every page of a listing, following its cursors. */
async function allPages(path: string) {
  const pages: Listing[] = [];
  let cursor: string | null = null;
  do {
    const { body } = await measured(cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path);
    pages.push(body);
    cursor = body.next_cursor;
    expect(pages.length).toBeLessThan(200);
  } while (cursor);
  return pages;
}

/**
 * The same listing computed another way: the services the full-text index matches (FTS5 MATCH, not
 * the walk's probe), relevant in Mosul (its own ranks and those of the whole areas above it), in the
 * stored listing order.
 */
async function expectedInMosul(q: string): Promise<string[]> {
  const ancestors = ancestorPaths(MOSUL);
  const { results } = await env.DB.prepare(
    `SELECT service_id AS id, min(rank_key) AS key FROM listing_ranks
      WHERE ((area_path = ? AND reach = 'in') OR (area_path IN (SELECT value FROM json_each(?)) AND reach = 'at'))
        AND service_id IN (SELECT service_id FROM service_search WHERE service_search MATCH ?)
      GROUP BY service_id ORDER BY key`,
  )
    .bind(MOSUL, JSON.stringify(ancestors), ftsMatchExpression(q))
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

describe('text search reads the page, not the matches', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  // Common: every grown service holds "legal" and "ابتزاز" (as a third of a real directory may).
  // Rare: a few services hold made-up words no other service has, in Latin and Arabic letters.
  const common = [
    search('legal', '&area=IQG15Q05'),
    search('legal'),
    search('ابتزاز', '&area=IQG15Q05'),
    search('ابتزاز'),
  ];
  const rare = [
    search('quixlur', '&area=IQG15Q05'),
    search('quixlur'),
    search('سنبلور', '&area=IQG15Q05'),
    search('سنبلور'),
  ];
  const second = async (path: string) => {
    const first = await measured(path);
    expect(first.body.next_cursor, path).not.toBeNull();
    return `${path}&cursor=${encodeURIComponent(first.body.next_cursor!)}`;
  };
  const measureAll = async () => {
    const paths = [...common, ...rare, await second(common[0]!), await second(common[1]!)];
    const results = [];
    for (const path of paths) results.push({ path, ...(await measured(path)) });
    return results;
  };

  it('a common or a rare word, in Latin or Arabic letters, with or without an area, reads the same rows with 1,000 or 2,000 matching services in Mosul', async () => {
    grown.push(...(await growDirectory(env.DB, 3, { withinPath: MOSUL, description: 'Quixlur سنبلور' })));
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, description: 'Legal counselling ابتزاز' })));
    // The first request of an isolate also reads the taxonomy it keeps: measure warm requests only.
    await measureAll();
    const small = await measureWithEachStatistics(env.DB, measureAll);
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, description: 'Legal counselling ابتزاز' })));
    const large = await measureWithEachStatistics(env.DB, measureAll);

    // (A second page's address holds its cursor, which holds the moment of its first page.)
    const cost = (m: MeasuredPath) => [m.path.replace(/&cursor=.*/, '&cursor'), m.rowsRead, m.trips];
    for (const [variant, s, l] of eachStatistics(small, large)) {
      expect(l.map(cost), variant).toEqual(s.map(cost));
      console.log(
        `text search rows read ${variant}, at 1,000 → 2,000 matching services in Mosul`,
        s.map((m, i) => [
          decodeURIComponent(m.path.replace(/&cursor=.*/, '&cursor')),
          `${m.rowsRead} → ${l[i]!.rowsRead}`,
        ]),
      );
      for (const m of l) {
        const name = `${m.path}, ${variant}`;
        expect(m.trips, name).toBeLessThanOrEqual(3);
        // A fixed bound, whatever the directory holds: the walk checks at most 120 ranks (two rounds
        // of 60), about three rows each, and a rare word reads at most its few matches (measured
        // 64 to 368, the 38 rows of the taxonomy included).
        expect(m.rowsRead, name).toBeLessThanOrEqual(400);
        // Every match of a rare word; a full page of a common one, in an area (its walk) or over the
        // whole directory (its matches in the index's order: the grown services come last in the
        // listing order).
        if (rare.includes(m.path)) expect(m.body.items.length, name).toBe(3);
        else expect(m.body.items.length, name).toBe(20);
      }
    }
    // The rare word's listing is whole and exact; the common word's is at least what was seen.
    for (const [variant, , l] of eachStatistics(small, large)) {
      for (const m of l.filter((m) => rare.includes(m.path))) {
        expect(m.body.total_is_exact, `${m.path}, ${variant}`).toBe(true);
        expect(m.body.total, `${m.path}, ${variant}`).toBe(3);
      }
      for (const m of l.filter((m) => common.includes(m.path))) {
        expect([m.path, variant, m.body.total_is_exact]).toEqual([m.path, variant, false]);
        expect(m.body.total, `${m.path}, ${variant}`).toBeGreaterThanOrEqual(m.body.items.length);
      }
    }
    console.log(
      'text search rows read / rows returned / round trips at 2,000 matching services in Mosul',
      large['without statistics'].map((m) => [decodeURIComponent(m.path), m.rowsRead, m.rowsReturned, m.trips]),
    );
  }, 600_000);
});

describe('a common word walks the listing order', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('a word held by more services than the area holds lists exactly the services of the area that match, in listing order, across pages with no repeat and no gap', async () => {
    // Services with the word and without it, interleaved in the listing order (names are numbered in
    // the order grown), more than a walk checks in one request, so some pages stop early. More
    // services hold the word elsewhere (in Guatemala) than Mosul holds in all, so the search walks
    // Mosul's listing order rather than the word's matches.
    grown.push(...(await growDirectory(env.DB, 1000, { exceptPathPrefix: '/IQ/', description: 'Zorblat ابتزاز' })));
    for (let i = 0; i < 8; i++) {
      grown.push(...(await growDirectory(env.DB, 40, { withinPath: MOSUL, description: 'Zorblat ابتزاز' })));
      grown.push(...(await growDirectory(env.DB, 90, { withinPath: MOSUL, description: 'Nothing to find here' })));
    }
    for (const q of ['zorblat', 'ابتزاز']) {
      const expected = await expectedInMosul(q);
      expect(expected.length, q).toBeGreaterThan(300);
      const pages = await allPages(search(q, '&area=IQG15Q05&limit=25'));
      const listed = pages.flatMap((p) => p.items.map((item) => item.id));
      expect(listed, q).toEqual(expected);
      expect(
        pages.some((p) => p.items.length < 25 && p.next_cursor !== null),
        q,
      ).toBe(true);
      // Every page but the last says there may be more; none says it holds all of them.
      for (const page of pages.slice(0, -1)) expect(page.total_is_exact, q).toBe(false);
    }
  }, 600_000);

  it('a search from the start page lists services that hold the word, though the listing order puts many others first', async () => {
    // The grown services come last in the listing order (unverified), after every seeded service:
    // the search reads its matches, not the listing order, so it finds them at once.
    const response = await exports.default.fetch('https://masar.test/?lang=en', {
      method: 'POST',
      body: new URLSearchParams({ q: 'zorblat' }),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Synthetic service');
    expect(html).not.toContain('data-role="search-partial"');
    expect(html).not.toContain('Nothing found for');
  });

  it('the walk probes each service by key and the word counts by term: no query scans a table', async () => {
    const { recorded } = await measured(search('zorblat', '&area=IQG15Q05'));
    const { recorded: unscoped } = await measured(search('ابتزاز'));
    // The taxonomy is a few rows read whole, as every page does: left out. The search's own words
    // (`search_word`, a JSON list of at most eight) are read whole by design.
    for (const statement of [...recorded, ...unscoped].filter((r) => !/^select .* from "service_types"/.test(r.sql))) {
      const plan = await queryPlan(env.DB, statement);
      const scans = plan.filter((line) =>
        /^SCAN (?!json_each|search_word\b|walk\b|misplaced\b|\(subquery-\d+\)|service_search_vocab|service_search VIRTUAL TABLE INDEX \d+:M|scope\b|CONSTANT ROW|one\b)/.test(
          line,
        ),
      );
      expect({ sql: statement.sql, scans }).toEqual({ sql: statement.sql, scans: [] });
    }
  });
});

/** The published services the full-text index matches (FTS5 MATCH, not a walk), of one country or all. */
async function expectedMatches(q: string, country?: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT s.id AS id FROM service_search m JOIN services s ON s.id = m.service_id
      WHERE service_search MATCH ? AND s.status = 'published' AND (? IS NULL OR s.country = ?)`,
  )
    .bind(ftsMatchExpression(q), country ?? null, country ?? null)
    .all<{ id: string }>();
  return results.map((r) => r.id).sort();
}

describe('a common word over the whole directory', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('fills its first page with services that hold the word and pages through every match once, whatever the hotlines ranked above them', async () => {
    // Hotlines rank first in the listing order and do not hold the word: more of them than a walk
    // of the listing order checks in a request stand above the services that do.
    const paths = [search('legal'), search('legal', '&country=IQ')];
    const sizes: Array<Array<{ path: string; rowsRead: number; trips: number }>> = [];
    for (const [hotlines, matching] of [
      [200, 150],
      [200, 150],
    ] as const) {
      // The matches alternate between the two countries, so `country=IQ` drops some of those read.
      for (let i = 0; i < 3; i++) {
        for (const except of ['/GT/', '/IQ/']) {
          const options = { exceptPathPrefix: except, description: 'Legal counselling' };
          grown.push(...(await growDirectory(env.DB, matching / 6, options)));
        }
      }
      // All in Iraq: they stand above the matches of the whole directory and of Iraq alone.
      const hotline = { exceptPathPrefix: '/GT/', typeId: 'hotline', description: 'Help by phone' };
      grown.push(...(await growDirectory(env.DB, hotlines, hotline)));
      // The first request of an isolate also reads the taxonomy it keeps: measure warm requests only.
      await measured(search('legal'));
      const measuredHere = [];
      for (const path of paths) {
        const country = path.includes('country=IQ') ? 'IQ' : undefined;
        const expected = await expectedMatches('legal', country);
        expect(expected.length, path).toBeGreaterThan(country ? 75 : 150);
        const first = await fetchCounted(path);
        const body = JSON.parse(first.text) as Listing;
        expect(body.items.length, path).toBe(20);
        for (const item of body.items) expect(expected, `${path}: ${item.id}`).toContain(item.id);
        expect(body.next_cursor, path).not.toBeNull();
        expect(first.trips, path).toBeLessThanOrEqual(3);
        measuredHere.push({ path, rowsRead: first.rowsRead, trips: first.trips });

        const pages = await allPages(path);
        const listed = pages.flatMap((page) => page.items.map((item) => item.id));
        expect(listed.length, path).toBe(new Set(listed).size);
        expect([...listed].sort(), path).toEqual(expected);
        for (const page of pages.slice(0, -1)) expect(page.total_is_exact, path).toBe(false);
      }
      sizes.push(measuredHere);
    }
    console.log(
      'a common word over the whole directory, rows read with 150 → 300 matching services under 200 → 400 hotlines',
      sizes[0]!.map(
        (m, i) => `${decodeURIComponent(m.path)}: ${m.trips} trips, ${m.rowsRead} → ${sizes[1]![i]!.rowsRead}`,
      ),
    );
    // Rows read follow the page: the same at both sizes (an index seek may read one row past its range).
    for (const [i, small] of sizes[0]!.entries()) {
      const large = sizes[1]![i]!;
      expect(Math.abs(large.rowsRead - small.rowsRead), small.path).toBeLessThanOrEqual(3);
    }
  }, 600_000);
});

describe('a common word in an area whose hotlines fill the stretch a request walks', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('fills its first page with services that hold the word and pages through every match once, whatever the hotlines ranked above them', async () => {
    const path = search('vorquill', '&area=IQG15Q05');
    const sizes: Array<{ rowsRead: number; rowsReturned: number; trips: number }> = [];
    for (const [hotlines, matching] of [
      [200, 150],
      [200, 150],
    ] as const) {
      grown.push(
        ...(await growDirectory(env.DB, matching, { withinPath: MOSUL, description: 'Vorquill counselling' })),
      );
      // Hotlines rank first in the area's listing and do not hold the word: more of them than a
      // walk of the listing order checks in a request stand above the services that do.
      const hotline = { withinPath: MOSUL, typeId: 'hotline', description: 'Help by phone' };
      grown.push(...(await growDirectory(env.DB, hotlines, hotline)));
      const expected = await expectedInMosul('vorquill');
      expect(expected.length).toBe(grown.length * (matching / (hotlines + matching)));
      // The first request of an isolate also reads the taxonomy it keeps: measure warm requests only.
      await measured(path);
      const first = await fetchCounted(path);
      const body = JSON.parse(first.text) as Listing;
      expect(body.items.length).toBe(20);
      for (const item of body.items) expect(expected, item.id).toContain(item.id);
      expect(body.next_cursor).not.toBeNull();
      expect(first.trips).toBeLessThanOrEqual(3);
      sizes.push({ rowsRead: first.rowsRead, rowsReturned: first.rowsReturned, trips: first.trips });

      const pages = await allPages(path);
      const listed = pages.flatMap((page) => page.items.map((item) => item.id));
      expect(listed.length).toBe(new Set(listed).size);
      expect([...listed].sort()).toEqual([...expected].sort());
      for (const page of pages.slice(0, -1)) expect(page.total_is_exact).toBe(false);
    }
    console.log(
      'a common word in an area, rows read / returned / round trips',
      'with 150 → 300 matching services under 200 → 400 hotlines',
      sizes,
    );
    // Rows read follow the page: the same at both sizes (an index seek may read one row past its range).
    expect(Math.abs(sizes[1]!.rowsRead - sizes[0]!.rowsRead)).toBeLessThanOrEqual(3);
    // The page (20 services and their documents), a stretch of matches each probed by key, and the
    // counts that choose the way: a fixed bound, whatever the area holds.
    expect(sizes[1]!.rowsRead).toBeLessThanOrEqual(3 * sizes[1]!.rowsReturned + 100);
  }, 600_000);
});
