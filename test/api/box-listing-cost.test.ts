import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { ftsMatchExpression } from '../../api/domain/text-normalise.ts';
import { BOX_READ_WHOLE } from '../../api/queries/service-listing.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { fetchCounted } from '../support/counted-fetch.ts';
import { eachStatistics, measureWithEachStatistics, type ByStatistics } from '../support/statistics.ts';
import { get, type ApiResponse } from '../support/http.ts';
import { baghdadMoment, SUNDAY } from '../support/time.ts';

// A box on the map may hold a handful of services or ten thousand: what one request reads must
// follow what it returns, not how many services the box holds.
const MOSUL = { path: '/IQ/IQG15/IQG15Q05/', around: { lat: 36.34, lon: 43.13, radiusKm: 25 } };
/** A box around the whole disc the services are grown in. */
const BOX = [42.8, 36.1, 43.45, 36.6] as const;
/** A fixed moment (Sunday 10:00 in Baghdad), so "open" never depends on the minute the test runs. */
const OPEN_AT = encodeURIComponent(baghdadMoment(SUNDAY, '10:00'));

const list = (query: string) => `/api/v1/services?bbox=${BOX.join(',')}${query}&lang=en`;
const lists = [
  list(''),
  list('&area=IQG15Q05'),
  // Every grown service's name holds "synthetic": a common word. "Qayyarah" names a few sample services.
  list('&q=synthetic'),
  list('&q=qayyarah'),
  list('&type=legal_aid'),
  list(`&open_at=${OPEN_AT}`),
  list('&sort=name'),
];
const mapCounts = ['/api/v1/map/services?area=IQG15&summary=auto&lang=en', '/api/v1/map/services?summary=auto&lang=en'];
const mapPoints = [
  '/api/v1/map/services?area=IQG15&type=legal_aid&summary=auto&lang=en',
  '/api/v1/map/services?type=legal_aid&summary=auto&lang=en',
  `/api/v1/map/services?bbox=${BOX.join(',')}&lang=en`,
  `/api/v1/map/services?bbox=${BOX.join(',')}&open_at=${OPEN_AT}&lang=en`,
];
const requests = [...lists, ...mapCounts, ...mapPoints];

/** Every service a listing gives, following its cursors to the end. */
async function everyPage(path: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 200; page++) {
    const url: string = cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path;
    const answer: ApiResponse<{ items: Array<{ id: string }>; next_cursor: string | null }> = await get(url);
    expect(answer.status, path).toBe(200);
    ids.push(...answer.body.items.map((item) => item.id));
    cursor = answer.body.next_cursor;
    if (!cursor) return ids;
  }
  throw new Error(`${path}: no end after 200 pages`);
}

/** The published services with a public site in the box, from the sites themselves. */
async function placedIn([minLon, minLat, maxLon, maxLat]: readonly number[]): Promise<string[]> {
  const { results } = await env.DB.prepare(
    'SELECT DISTINCT service_id AS id FROM site_cells WHERE lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?',
  )
    .bind(minLon, maxLon, minLat, maxLat)
    .all<{ id: string }>();
  return results.map((r) => r.id).sort();
}

describe('paging through a box', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('a box read whole and a box walked a stretch at a time each give every service placed in it once, in every order', async () => {
    const town = [43.0, 36.1, 43.1, 36.2];
    const few = await placedIn(town);
    expect(few.length).toBeGreaterThan(0);
    for (const sort of ['relevance', 'name', 'freshness']) {
      const ids = await everyPage(`/api/v1/services?bbox=${town.join(',')}&sort=${sort}&limit=5&lang=en`);
      expect(ids.sort(), sort).toEqual(few);
    }
    // More in the box than a list reads whole, so it walks the listing order.
    const more = BOX_READ_WHOLE + 40;
    grown.push(...(await growDirectory(env.DB, more, { withinPath: MOSUL.path, around: MOSUL.around })));
    const many = await placedIn(BOX);
    expect(many.length).toBeGreaterThan(more);
    for (const sort of ['relevance', 'name']) {
      const ids = await everyPage(`/api/v1/services?bbox=${BOX.join(',')}&sort=${sort}&limit=50&lang=en`);
      expect(ids.sort(), sort).toEqual(many);
    }
  }, 300_000);
});

describe('a box that grows', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('each list and map request reads the same rows with 1,000 or 2,000 services inside the box, in at most three round trips', async () => {
    const measureAll = async () => {
      const measured = [];
      for (const path of requests) {
        const m = await fetchCounted(path);
        measured.push({ rowsRead: m.rowsRead, rowsReturned: m.rowsReturned, trips: m.trips });
      }
      return measured;
    };
    const sizes: Array<ByStatistics<Array<{ rowsRead: number; rowsReturned: number; trips: number }>>> = [];
    for (const count of [1000, 1000]) {
      grown.push(...(await growDirectory(env.DB, count, { withinPath: MOSUL.path, around: MOSUL.around })));
      sizes.push(await measureWithEachStatistics(env.DB, measureAll));
    }
    const variants = eachStatistics(sizes[0]!, sizes[1]!);
    for (const [variant, s, l] of variants) {
      console.log(
        `round trips and rows read with 1,000 → 2,000 services in the box, ${variant}`,
        requests.map((path, i) => {
          const [small, large] = [s[i]!, l[i]!];
          const rows = `${small.rowsRead} → ${large.rowsRead} rows read, ${large.rowsReturned} returned`;
          return `${path}: ${large.trips} trips, ${rows}`;
        }),
      );
    }
    for (const [variant, s, l] of variants) {
      for (const [i, request] of requests.entries()) {
        const [small, large] = [s[i]!, l[i]!];
        const path = `${request}, ${variant}`;
        // A relevance rank holds until a moment; the rows whose moment passed while the test ran are
        // ranked again by the reader (a few rows each): ±20 rather than ±3 for that.
        const tolerance = mapCounts.includes(request) ? 3 : 20;
        expect(Math.abs(large.rowsRead - small.rowsRead), path).toBeLessThanOrEqual(tolerance);
        // The directory version, the taxonomy and the query's area, then the listing; a map of points
        // names the areas of its points from the documents the listing read with its page, no fourth.
        expect(large.trips, path).toBeLessThanOrEqual(3);
      }
    }
  }, 600_000);

  it('a crowded box lists only services with a place in it, and says when it stopped looking before the end', async () => {
    const inBox = (l: { lat: number | null; lon: number | null }) =>
      l.lat !== null && l.lon !== null && l.lon >= BOX[0] && l.lon <= BOX[2] && l.lat >= BOX[1] && l.lat <= BOX[3];
    for (const path of [list(''), list('&q=synthetic'), list('&type=legal_aid')]) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      for (const item of page.body.items) expect(item.locations.some(inBox), path).toBe(true);
      // A page short of the limit with a cursor is a walk that stopped: never an exact total then.
      if (page.body.items.length < 20 && page.body.next_cursor) expect(page.body.total_is_exact, path).toBe(false);
    }
    const map = await get(`/api/v1/map/services?bbox=${BOX.join(',')}&lang=en`);
    expect(map.status).toBe(200);
    expect(typeof map.body.checked_all).toBe('boolean');
    for (const f of map.body.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(typeof lon === 'number' && typeof lat === 'number').toBe(true);
    }
  });
});

describe('a small box beside a crowded one', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('is read whole from the counts of the cells over it, not of the 39 km cell it shares with the crowd: every service in it on the first page, with an exact total', async () => {
    // A few services east of Mosul, outside the disc of 1,000 grown around the city, in the same
    // 39 km cell: that cell counts the crowd, the 4.9 km cells over the box count only these few.
    const BESIDE = [43.45, 36.25, 43.55, 36.35] as const;
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL.path, around: MOSUL.around })));
    grown.push(
      ...(await growDirectory(env.DB, 5, { withinPath: MOSUL.path, around: { lat: 36.3, lon: 43.5, radiusKm: 2 } })),
    );
    const placed = await placedIn(BESIDE);
    expect(placed.length).toBeGreaterThanOrEqual(5);
    expect(placed.length).toBeLessThan(20);
    for (const sort of ['relevance', 'name', 'freshness']) {
      const path = `/api/v1/services?bbox=${BESIDE.join(',')}&sort=${sort}&lang=en`;
      const m = await fetchCounted(path);
      const page = JSON.parse(m.text) as {
        items: Array<{ id: string }>;
        next_cursor: string | null;
        total: number;
        total_is_exact: boolean;
      };
      expect(page.items.map((item) => item.id).sort(), sort).toEqual(placed);
      expect(page.next_cursor, sort).toBeNull();
      expect([page.total, page.total_is_exact], sort).toEqual([placed.length, true]);
      // The box's own cells and services, not the crowd's.
      expect(m.rowsRead, sort).toBeLessThan(300);
    }

    // Grown to 150 services, the box is still read whole (up to BOX_READ_WHOLE): a full first page,
    // an exact total, every service once over its pages, at a few rows a service. Walking the
    // order of the whole country a stretch at a time would have found almost none of them.
    grown.push(
      ...(await growDirectory(env.DB, 150, { withinPath: MOSUL.path, around: { lat: 36.3, lon: 43.5, radiusKm: 3 } })),
    );
    const crowded = await placedIn(BESIDE);
    expect(crowded.length).toBeGreaterThan(150);
    expect(crowded.length).toBeLessThan(BOX_READ_WHOLE);
    for (const sort of ['relevance', 'name']) {
      const path = `/api/v1/services?bbox=${BESIDE.join(',')}&sort=${sort}&lang=en`;
      const m = await fetchCounted(path);
      const page = JSON.parse(m.text) as { items: unknown[]; total: number; total_is_exact: boolean };
      expect([page.items.length, page.total, page.total_is_exact], sort).toEqual([20, crowded.length, true]);
      expect(m.rowsRead, sort).toBeLessThan(6 * crowded.length + 200);
      expect((await everyPage(`${path}&limit=50`)).sort(), sort).toEqual(crowded);
    }
    // A common word in it (every grown service's name holds "synthetic", the crowd's thousand too) is
    // read the same way, each service's words probed: not the word's thousand matches, nor a walk of
    // the country's order that finds almost none of them in a stretch.
    const { results } = await env.DB.prepare('SELECT service_id AS id FROM service_search WHERE service_search MATCH ?')
      .bind(ftsMatchExpression('synthetic'))
      .all<{ id: string }>();
    expect(results.length).toBeGreaterThan(1000);
    const holding = new Set(results.map((r) => r.id));
    const matching = crowded.filter((id) => holding.has(id));
    expect(matching.length).toBeGreaterThan(150);
    for (const sort of ['relevance', 'name', 'freshness']) {
      const path = `/api/v1/services?bbox=${BESIDE.join(',')}&q=synthetic&sort=${sort}&lang=en`;
      const m = await fetchCounted(path);
      const page = JSON.parse(m.text) as { items: unknown[]; total: number; total_is_exact: boolean };
      expect([page.items.length, page.total, page.total_is_exact], sort).toEqual([20, matching.length, true]);
      expect(m.rowsRead, sort).toBeLessThan(7 * crowded.length + 200);
      expect(m.trips, sort).toBeLessThanOrEqual(3);
      expect((await everyPage(`${path}&limit=50`)).sort(), sort).toEqual(matching);
    }
    // By name, every page in order: the services' own sort names, read apart from the listing.
    const { results: named } = await env.DB.prepare(
      'SELECT id FROM services WHERE id IN (SELECT value FROM json_each(?)) ORDER BY sort_name, id',
    )
      .bind(JSON.stringify(matching))
      .all<{ id: string }>();
    const byName = `/api/v1/services?bbox=${BESIDE.join(',')}&q=synthetic&sort=name&limit=30&lang=en`;
    expect(await everyPage(byName)).toEqual(named.map((r) => r.id));
    // Its later pages read the box again, not the district's 1,150 services each probed for a site.
    const inDistrict = `/api/v1/services?bbox=${BESIDE.join(',')}&area=IQG15Q05&lang=en`;
    const first = await fetchCounted(inDistrict);
    const { next_cursor: cursor } = JSON.parse(first.text) as { next_cursor: string };
    const second = await fetchCounted(`${inDistrict}&cursor=${encodeURIComponent(cursor)}`);
    expect(second.rowsRead).toBeLessThan(6 * crowded.length + 200);
    expect((await everyPage(`${inDistrict}&limit=50`)).sort()).toEqual(crowded);
  }, 300_000);
});
