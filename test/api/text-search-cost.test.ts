import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { ancestorPaths } from '../../api/domain/area-paths.ts';
import { ftsMatchExpression } from '../../api/domain/text-normalise.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
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
    const small = await measureAll();
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, description: 'Legal counselling ابتزاز' })));
    const large = await measureAll();

    // (A second page's address holds its cursor, which holds the moment of its first page.)
    const cost = (m: (typeof large)[number]) => [m.path.replace(/&cursor=.*/, '&cursor'), m.rowsRead, m.trips];
    expect(large.map(cost)).toEqual(small.map(cost));
    for (const m of large) {
      expect(m.trips, m.path).toBeLessThanOrEqual(3);
      // A fixed bound, whatever the directory holds: the walk checks at most 120 ranks (two rounds
      // of 60), about three rows each, and a rare word reads at most its few matches (measured
      // 64 to 368, the 38 rows of the taxonomy included).
      expect(m.rowsRead, m.path).toBeLessThanOrEqual(400);
      // A full page of a common word; every match of a rare one.
      if (rare.includes(m.path)) expect(m.body.items.length, m.path).toBe(3);
      else if (m.path.includes('area=')) expect(m.body.items.length, m.path).toBe(20);
      else {
        // Over the whole directory the walk checks a fixed number of services and stops, with what it
        // found and a cursor to go on: the grown services come last in the listing order (unverified).
        expect(m.body.items.length, m.path).toBeGreaterThan(0);
        expect(m.body.next_cursor, m.path).not.toBeNull();
      }
    }
    // The rare word's listing is whole and exact; the common word's is at least what was seen.
    for (const m of large.filter((m) => rare.includes(m.path))) {
      expect(m.body.total_is_exact, m.path).toBe(true);
      expect(m.body.total, m.path).toBe(3);
    }
    for (const m of large.filter((m) => common.includes(m.path))) {
      expect([m.path, m.body.total_is_exact]).toEqual([m.path, false]);
      expect(m.body.total, m.path).toBeGreaterThanOrEqual(m.body.items.length);
    }
    console.log(
      'text search rows read / rows returned / round trips at 2,000 matching services in Mosul',
      large.map((m) => [decodeURIComponent(m.path), m.rowsRead, m.rowsReturned, m.trips]),
    );
  }, 600_000);
});

describe('a common word walks the listing order', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('a common-word search in an area lists exactly the services that match, in listing order, across pages with no repeat and no gap', async () => {
    // Services with the word and without it, interleaved in the listing order (names are numbered in
    // the order grown), more than a walk checks in one request, so some pages stop early.
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
      // Every page but the last says there may be more; none says it holds all of them.
      for (const page of pages.slice(0, -1)) expect(page.total_is_exact, q).toBe(false);
    }
  }, 600_000);

  it('a search from the start page that checked only part of the directory says so, never that nothing was found', async () => {
    // The grown services come last in the listing order (unverified): the walk over the whole
    // directory checks its fixed number of services before it reaches them.
    const response = await exports.default.fetch('https://masar.test/?lang=en', {
      method: 'POST',
      body: new URLSearchParams({ q: 'zorblat' }),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-role="search-partial"');
    expect(html).toContain('Only part of the directory has been checked for “zorblat” so far');
    expect(html).not.toContain('Nothing found for');
  });

  it('the walk probes each service by key and the word counts by term: no query scans a table', async () => {
    const { recorded } = await measured(search('zorblat', '&area=IQG15Q05'));
    const { recorded: unscoped } = await measured(search('ابتزاز'));
    // The taxonomy is a few rows read whole, as every page does: left out.
    for (const statement of [...recorded, ...unscoped].filter((r) => !/^select .* from "service_types"/.test(r.sql))) {
      const plan = await queryPlan(env.DB, statement);
      const scans = plan.filter((line) =>
        /^SCAN (?!json_each|walk\b|misplaced\b|\(subquery-\d+\)|service_search_vocab|service_search VIRTUAL TABLE INDEX \d+:M|scope\b|CONSTANT ROW|one\b)/.test(
          line,
        ),
      );
      expect({ sql: statement.sql, scans }).toEqual({ sql: statement.sql, scans: [] });
    }
  });
});
