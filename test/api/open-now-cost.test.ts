import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchCounted } from '../support/counted-fetch.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { eachStatistics, measureWithEachStatistics } from '../support/statistics.ts';
import { baghdadMoment, SUNDAY } from '../support/time.ts';

// "Open" on a district walks its stored ranks a fixed stretch at a time and keeps the services
// that may be open in that hour; the priority channels it leaves out are read beside it. What a
// request reads follows the page and that fixed stretch, never how many services the district holds.
const MOSUL = '/IQ/IQG15/IQG15Q05/';
const OFFICE_HOURS = 'Su-Th 08:00-14:00';

/**
 * What one request may read besides three rows per row it returns: the fixed stretch a fruitless
 * walk goes (60 ranks, each its rank row, its hours probe and its place in the count of where the
 * walk stopped: 180) and the reads every listing makes whatever its size (the directory version,
 * the service types, the area, the area's counts, the priority channels read beside the walk, the
 * ranks to rank here: about 80).
 */
const FIXED = 260;

async function measure(query: string) {
  const counted = await fetchCounted(`/api/v1/services?area=IQG15Q05&lang=en&${query}`);
  const body = JSON.parse(counted.text) as { items: unknown[]; next_cursor: string | null };
  return { ...counted, items: body.items.length, nextCursor: body.next_cursor };
}
type Measured = Awaited<ReturnType<typeof measure>>;

const statements = (m: Measured) =>
  m.statements.map((s) => `${s.rowsRead} read, ${s.rowsReturned} returned, trip ${s.trip}: ${s.sql.slice(0, 100)}`);

const expectWithinBudget = (name: string, m: Measured) => {
  expect(m.rowsRead, `${name}:\n${statements(m).join('\n')}`).toBeLessThanOrEqual(3 * m.rowsReturned + FIXED);
  // The version, the types and the area, then the walk with everything else in one batch (a
  // per-isolate cache may save one).
  expect(m.trips, name).toBeLessThanOrEqual(3);
};

describe('open at a fixed moment on a district that itself grows', () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  // The grown services keep office hours: open on Sunday at 10:00 (the page fills from the first
  // ranks), all closed at 02:00 (the walk finds almost nothing and stops after its fixed stretch).
  const moments: Array<[string, () => string]> = [
    ['by day', () => `open_at=${encodeURIComponent(baghdadMoment(SUNDAY, '10:00'))}`],
    ['at night', () => `open_at=${encodeURIComponent(baghdadMoment(SUNDAY, '02:00'))}`],
  ];
  const measureAll = async () => {
    const all: Measured[] = [];
    for (const [, query] of moments) all.push(await measure(query()));
    return all;
  };

  it('reads the same rows with 1,000 or 2,000 services in the district, three per row returned and a fixed stretch, in at most three round trips', async () => {
    grown = await growDirectory(env.DB, 1000, { withinPath: MOSUL, hours: OFFICE_HOURS });
    const small = await measureWithEachStatistics(env.DB, measureAll);
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, hours: OFFICE_HOURS })));
    const large = await measureWithEachStatistics(env.DB, measureAll);
    for (const [variant, smallOnes, largeOnes] of eachStatistics(small, large)) {
      for (const [i, [moment]] of moments.entries()) {
        const [s, l] = [smallOnes[i]!, largeOnes[i]!];
        const name = `${moment}, ${variant}`;
        console.log(`open at a moment ${name}: rows read, returned, trips`, {
          '1,000': [s.rowsRead, s.rowsReturned, s.trips],
          '2,000': [l.rowsRead, l.rowsReturned, l.trips],
        });
        // An index seek may read one row past its range, and a grown row can be that row.
        expect(Math.abs(l.rowsRead - s.rowsRead), name).toBeLessThanOrEqual(3);
        expectWithinBudget(`${name}, 1,000`, s);
        expectWithinBudget(`${name}, 2,000`, l);
      }
      const [day, night] = largeOnes as unknown as [Measured, Measured];
      expect(day.items, variant).toBe(20);
      expect(day.nextCursor, variant).not.toBeNull();
      // At night the walk stops after its stretch and says where, to go on from there.
      expect(night.items, variant).toBeLessThan(20);
      expect(night.nextCursor, variant).not.toBeNull();
    }
  }, 300_000);
});

/**
 * The load bench's mixture (test/bench/load/directory.mjs), per 1,000 services: one in ten a
 * priority channel (half hotlines, open 24/7; half police desks, with office hours), the rest of
 * them with the bench's Iraqi office hours. At 100,000 services Mosul is listed with some 330
 * priority channels (the country's and the governorate's hotlines included), so the priority
 * channels read beside an "open" listing fill their whole limit of 100: each of them must cost a
 * few rows, as the walk's own ranks do.
 */
const DISTRICT_PAGE_OPEN = '/a/IQG15Q05?lang=en&open=1';

async function growBenchMixture(n: number): Promise<string[]> {
  const per = n / 1000;
  const grown: string[] = [];
  const parts: Array<[number, string, string]> = [
    [50, 'hotline', '24/7'],
    [50, 'police', 'Su-Th 08:00-14:00'],
    [225, 'legal_aid', 'Su-Th 08:00-14:00'],
    [225, 'legal_aid', 'Su-Th 09:00-15:00'],
    [225, 'legal_aid', 'Sa-Th 08:00-16:00'],
    [225, 'legal_aid', 'Su-Th 08:00-14:00; Th 08:00-12:00'],
  ];
  for (const [count, typeId, hours] of parts) {
    grown.push(...(await growDirectory(env.DB, count * per, { withinPath: MOSUL, typeId, hours })));
  }
  return grown;
}

describe("open at a fixed moment on a district grown with the bench's mixture of hours and priority channels", () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  // By day the page fills from the first ranks and every channel is open; at night the hotlines
  // fill the page and the police desks, closed, are the priority channels named beside it.
  const moments: Array<[string, string]> = [
    ['by day', `open_at=${encodeURIComponent(baghdadMoment(SUNDAY, '10:00'))}`],
    ['at night', `open_at=${encodeURIComponent(baghdadMoment(SUNDAY, '02:00'))}`],
  ];
  const measureAll = async () => {
    const all: Measured[] = [];
    for (const [, query] of moments) all.push(await measure(query));
    return all;
  };

  it('reads the same rows with 1,000 or 2,000 services in the district, three per row returned and a fixed stretch, in at most three round trips', async () => {
    grown = await growBenchMixture(1000);
    const small = await measureWithEachStatistics(env.DB, measureAll);
    const smallPage = await fetchCounted(DISTRICT_PAGE_OPEN);
    grown.push(...(await growBenchMixture(1000)));
    const large = await measureWithEachStatistics(env.DB, measureAll);
    const largePage = await fetchCounted(DISTRICT_PAGE_OPEN);
    // The district page with its "open now" box ticked (the page has no moment of its own, so what
    // it reads follows the clock; its round trips do not): the area, its pathways and the taxonomy
    // in one trip, then the listing's walk and the priority channels it leaves out together.
    for (const [size, m] of [
      ['1,000', smallPage],
      ['2,000', largePage],
    ] as const) {
      console.log(`bench mixture, the district page open now, ${size}: rows read, returned, trips`, [
        m.rowsRead,
        m.rowsReturned,
        m.trips,
      ]);
      expect(m.trips, `the district page, ${size}`).toBeLessThanOrEqual(3);
      expect(m.rowsRead, `the district page, ${size}`).toBeLessThanOrEqual(3 * m.rowsReturned + FIXED);
    }
    for (const [variant, smallOnes, largeOnes] of eachStatistics(small, large)) {
      for (const [i, [moment]] of moments.entries()) {
        const [s, l] = [smallOnes[i]!, largeOnes[i]!];
        const name = `${moment}, ${variant}`;
        console.log(`bench mixture, open at a moment ${name}: rows read, returned, trips`, {
          '1,000': [s.rowsRead, s.rowsReturned, s.trips],
          '2,000': [l.rowsRead, l.rowsReturned, l.trips],
        });
        expect(Math.abs(l.rowsRead - s.rowsRead), name).toBeLessThanOrEqual(3);
        expectWithinBudget(`${name}, 1,000`, s);
        expectWithinBudget(`${name}, 2,000`, l);
        expect(l.items, name).toBe(20);
      }
    }
  }, 300_000);
});

describe('open now on a district that itself grows', () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('reads about the same rows with 1,000 or 2,000 services open day and night in the district, within the same budget', async () => {
    // The grown services are open at every hour, so the page fills with them whatever the clock;
    // the sample's own services in the district open and close with the clock, so which of them
    // the walk passes (and how far it goes) may differ between the two requests by a few ranks:
    // ±20 rows.
    grown = await growDirectory(env.DB, 1000, { withinPath: MOSUL, hours: '24/7' });
    const openNow = () => measure('open_now=true');
    const small = await measureWithEachStatistics(env.DB, openNow);
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, hours: '24/7' })));
    const large = await measureWithEachStatistics(env.DB, openNow);
    for (const [variant, s, l] of eachStatistics(small, large)) {
      console.log(`open now ${variant}: rows read, returned, trips`, {
        '1,000': [s.rowsRead, s.rowsReturned, s.trips],
        '2,000': [l.rowsRead, l.rowsReturned, l.trips],
      });
      expect(Math.abs(l.rowsRead - s.rowsRead), variant).toBeLessThanOrEqual(20);
      expect(l.items, variant).toBe(20);
      expectWithinBudget(`open now, 1,000, ${variant}`, s);
      expectWithinBudget(`open now, 2,000, ${variant}`, l);
    }
  }, 300_000);
});

describe('paging an open listing with its cursor', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('returns every service open at the moment exactly once across its pages, where a walk stopped included, each page within the budget', async () => {
    // Open services few and far between among closed ones (about one in thirteen, spread through
    // the relevance order by their names), so pages end where a walk stopped as well as where a
    // page filled.
    for (let i = 0; i < 6; i++) {
      grown.push(...(await growDirectory(env.DB, 6, { withinPath: MOSUL, hours: OFFICE_HOURS })));
      grown.push(...(await growDirectory(env.DB, 70, { withinPath: MOSUL, hours: 'Fr 08:00-09:00' })));
    }
    const moment = baghdadMoment(SUNDAY, '10:00');
    // Each page within the budget, in at most three round trips, however far on it starts.
    const paged: Array<{ id: string }> = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const m = await measure(`open_at=${encodeURIComponent(moment)}${after}`);
      expectWithinBudget(`page ${page + 1}`, m);
      const body = JSON.parse(m.text) as { items: Array<{ id: string }>; next_cursor: string | null };
      paged.push(...body.items);
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    const ids = paged.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);

    // From the database: every published service listed in the district (its own rows and those
    // of the areas above it) whose weekly hours may be open in that hour (Sunday 10:00 is hour 10
    // of the week); the sample's services in the district and the grown ones keep whole hours, and
    // the moment lies past every dated closure, so "may be open" is "open".
    const ancestors = ['/IQ/', '/IQ/IQG15/'];
    const { results } = await env.DB.prepare(
      `SELECT DISTINCT r.service_id AS id FROM listing_ranks r
         JOIN services s ON s.id = r.service_id
         JOIN service_open_hours o ON o.service_id = r.service_id
       WHERE ((r.area_path = ? AND r.reach = 'in') OR (r.area_path IN (?, ?) AND r.reach = 'at'))
         AND s.status = 'published' AND substr(o.week, 11, 1) = '1'`,
    )
      .bind(MOSUL, ...ancestors)
      .all<{ id: string }>();
    const expected = results.map((row) => row.id);
    expect(expected.length).toBeGreaterThanOrEqual(36);
    expect([...ids].sort()).toEqual([...expected].sort());
  }, 300_000);
});
