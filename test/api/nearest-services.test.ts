// "Nearest first" and "in this box" are read from geohash cells: the rows read follow the page asked
// for, not how many services the directory holds around the point or elsewhere.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceKm, type Point } from '../../api/domain/geo.ts';
import { decodeCursor } from '../../api/domain/ranking.ts';
import { listServices, type ListingRequest } from '../../api/queries/service-listing.ts';
import { allPages, get } from '../support/http.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { instrumentedDb, type Recorded } from '../support/instrumented-db.ts';

// Eastern Mosul, where the sample has a few sites; the grown ones fill a disc of 8 km around it.
const HERE: Point = { lat: 36.345, lon: 43.155 };
const LIMIT = 20;
const MOSUL = '/IQ/IQG15/IQG15Q05/';

const request = (overrides: Partial<ListingRequest>): ListingRequest => ({
  filters: {},
  openOnly: false,
  sort: 'distance',
  near: HERE,
  limit: LIMIT,
  now: new Date(),
  ...overrides,
});

/** Every published placed service in distance order, measured here from every public site. */
async function truth(from: Point): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT s.id, s.sort_name AS name, l.lat, l.lon FROM services s
     JOIN service_at_locations sal ON sal.service_id = s.id JOIN locations l ON l.id = sal.location_id
     WHERE s.status = 'published' AND l.is_confidential = 0 AND l.lat IS NOT NULL`,
  ).all<{ id: string; name: string; lat: number; lon: number }>();
  const best = new Map<string, { m: number; name: string }>();
  for (const r of results) {
    const m = Math.round(distanceKm(from, r) * 1000);
    const known = best.get(r.id);
    if (!known || m < known.m) best.set(r.id, { m, name: r.name });
  }
  return [...best]
    .sort(([ida, a], [idb, b]) => a.m - b.m || (a.name < b.name ? -1 : a.name > b.name ? 1 : ida < idb ? -1 : 1))
    .map(([id]) => id);
}

/** The largest JSON list of ids bound to any statement (a list of cell ranges is not one). */
const largestIdList = (recorded: Recorded[]) =>
  Math.max(
    0,
    ...recorded.flatMap((r) =>
      r.params.map((p) => {
        if (typeof p !== 'string' || !p.startsWith('[')) return 0;
        const list = JSON.parse(p) as unknown[];
        return list.every((v) => typeof v === 'string') ? list.length : 0;
      }),
    ),
  );

async function measure(overrides: Partial<ListingRequest>) {
  const { db, recorded } = instrumentedDb(env.DB);
  const page = await listServices(db, request(overrides));
  // The search itself: the statements that read the cells (the rest read the page's details).
  const search = recorded.filter((r) => r.sql.includes('site_cells'));
  return {
    ids: page.items.map((i) => i.service.id),
    distances: page.items.map((i) => i.distanceKm),
    nextCursor: page.nextCursor,
    searchRead: search.reduce((sum, r) => sum + r.rowsRead, 0),
    searchReturned: search.reduce((sum, r) => sum + r.rowsReturned, 0),
    largestIdList: largestIdList(recorded),
    trips: new Set(recorded.map((r) => r.trip)).size,
  };
}

describe('services nearest a point, with thousands of services around it', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('finds the true nearest page reading rows that follow the page: the same with 1,000 or 2,000 services around the point and 2,000 more far away', async () => {
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, around: { ...HERE, radiusKm: 8 } })));
    const small = await measure({});
    expect(small.ids).toEqual((await truth(HERE)).slice(0, LIMIT));

    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, around: { ...HERE, radiusKm: 8 } })));
    grown.push(
      ...(await growDirectory(env.DB, 2000, {
        withinPath: '/GT/GT01/GT0101/',
        around: { lat: 14.62, lon: -90.52, radiusKm: 20 },
      })),
    );
    const large = await measure({});
    const nearest = await truth(HERE);
    expect(large.ids).toEqual(nearest.slice(0, LIMIT));
    expect(large.distances).toEqual([...large.distances].sort((a, b) => a! - b!));

    for (const m of [small, large]) {
      // Reading the cells: at most six rows per row they send back (its cell, its service, its document, the
      // cells' reach past the box) plus a small constant, and never more than a few pages' worth (a
      // thousand services lie within 6 km); no statement is given a list of more ids than a page.
      expect(m.searchRead).toBeLessThanOrEqual(6 * m.searchReturned + 40);
      expect(m.searchRead).toBeLessThanOrEqual(25 * (LIMIT + 1));
      expect(m.largestIdList).toBeLessThanOrEqual(LIMIT + 1);
    }
    // Twice the services around the point: about the same rows, not twice as many.
    expect(large.searchRead).toBeLessThanOrEqual(small.searchRead * 1.5);
    expect(small.searchRead).toBeLessThanOrEqual(large.searchRead * 1.5);

    // The next page continues from the cursor, still the true order, still bounded.
    const second = await measure({ cursor: decodeCursor(large.nextCursor!)! });
    expect(second.ids).toEqual(nearest.slice(LIMIT, 2 * LIMIT));
    // A later page reads its box from the point outwards, the pages before it included (each of
    // those costs its cell and its service too): a few rows more per row sent back.
    expect(second.searchRead).toBeLessThanOrEqual(7 * second.searchReturned + 40);
    expect(second.largestIdList).toBeLessThanOrEqual(LIMIT + 1);

    // A box around the point is read as boxes are (test/api/box-listing-cost.test.ts holds its cost).
  }, 300_000);

  it('"open now" by distance judges the hours of a page at a time, not of every service around', async () => {
    const { db, recorded } = instrumentedDb(env.DB);
    // A Sunday at 10:00 in Baghdad: the grown services (Sunday to Thursday, 08:00-14:00) are open.
    const page = await listServices(db, request({ openOnly: true, hoursAt: new Date('2026-11-29T07:00:00Z') }));
    expect(page.items).toHaveLength(LIMIT);
    expect(page.items.every((i) => i.hours.state === 'open')).toBe(true);
    expect(largestIdList(recorded)).toBeLessThanOrEqual(LIMIT + 1);
  });

  it('services without a public place are still listed by distance, after every placed one, by name', async () => {
    const items = await allPages<{ id: string; distance_km: number | null; locations: unknown[] }>(
      `/api/v1/services?near=${HERE.lat},${HERE.lon}&sort=distance&type=cybercrime_unit&lang=en`,
      7,
    );
    const placed = items.filter((i) => i.distance_km !== null);
    expect(placed.length).toBeGreaterThan(0);
    expect(items.length).toBeGreaterThan(placed.length);
    // Every placed one first, then the rest: none is dropped for having no distance.
    expect(items.slice(0, placed.length).every((i) => i.distance_km !== null)).toBe(true);
    // The same services as the listing without a point: a cybercrime unit reached by phone only too.
    const all = await allPages<{ id: string }>('/api/v1/services?type=cybercrime_unit&lang=en', 7);
    expect(new Set(items.map((i) => i.id))).toEqual(new Set(all.map((i) => i.id)));
  });
});

describe('the derived cells follow the sites', () => {
  let grown: string[] = [];
  beforeAll(async () => {
    grown = await growDirectory(env.DB, 3, { withinPath: MOSUL, around: { ...HERE, radiusKm: 1 } });
  });
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('a confidential site never has a cell, and a public one has exactly one', async () => {
    const { results } = await env.DB.prepare(
      `SELECT l.is_confidential AS confidential, count(c.cell) AS cells FROM locations l
       JOIN service_at_locations sal ON sal.location_id = l.id JOIN services s ON s.id = sal.service_id
       LEFT JOIN site_cells c ON c.location_id = l.id AND c.service_id = s.id
       WHERE s.status = 'published' AND l.lat IS NOT NULL GROUP BY sal.id`,
    ).all<{ confidential: number; cells: number }>();
    expect(results.some((r) => r.confidential === 1)).toBe(true);
    for (const r of results) expect(r.cells).toBe(r.confidential ? 0 : 1);
  });
});

describe('paging nearest first', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('every page size from 1 to 7 gives the exact distance order, with ties at one spot broken by name then id, and services with two sites listed once: nothing lost or repeated', async () => {
    // A dozen services at one spot 300 m north of the point (the same distance to the metre), and 45
    // more over 2 km around it, each with a second site 600 m north of its first: a service is listed
    // once, at its nearer site, even when a later page's ring holds its farther one.
    const spot = { lat: HERE.lat + 0.3 / 111.195, lon: HERE.lon };
    grown.push(...(await growDirectory(env.DB, 12, { withinPath: MOSUL, around: { ...spot, radiusKm: 0.0002 } })));
    grown.push(
      ...(await growDirectory(env.DB, 45, { withinPath: MOSUL, around: { ...HERE, radiusKm: 2 }, twinSiteKm: 0.6 })),
    );
    const WANTED = 59;
    const expected = (await truth(HERE)).slice(0, WANTED);
    for (let size = 1; size <= 7; size++) {
      const ids: string[] = [];
      let cursor: string | null = null;
      while (ids.length < WANTED) {
        const url: string =
          `/api/v1/services?near=${HERE.lat},${HERE.lon}&sort=distance&lang=en&limit=${size}` +
          (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
        const page = await get<{ items: Array<{ id: string }>; next_cursor: string | null }>(url);
        expect(page.status, url).toBe(200);
        expect(page.body.items.length, url).toBe(size);
        ids.push(...page.body.items.map((i) => i.id));
        cursor = page.body.next_cursor;
        expect(cursor, url).not.toBeNull();
      }
      expect(ids.slice(0, WANTED), `pages of ${size}`).toEqual(expected);
    }
  }, 300_000);
});
