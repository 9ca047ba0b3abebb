import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { decodeCursor } from '../../api/domain/ranking.ts';
import { areaScope } from '../../api/queries/area-paths.ts';
import { listServices, type ListingRequest } from '../../api/queries/service-listing.ts';
import { typeFamilies } from '../../api/queries/service-types.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { listingRequest as request, MOSUL, servicesRelevantIn, taxonomy } from '../support/listing.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';
import { eachStatistics, measureWithEachStatistics } from '../support/statistics.ts';
import { baghdadMoment, SUNDAY } from '../support/time.ts';

// A listing of one service type in an area walks that type's own ranks there (listing_ranks rows
// `at:<type>` and `in:<type>`, api/domain/listing-index.ts), so a rare type in a large district
// costs its page, not the district: before, the walk read the district's ranks and looked up the
// types of each, 2,900 rows for 20 legal aid services in Mosul at 100,000 services.

/** Every service of a listing, in its order, page after page. */
async function everyId(ask: ListingRequest): Promise<{ ids: string[]; firstTotal: number; exact: boolean }> {
  const ids: string[] = [];
  let page = await listServices(instrumentedDb(env.DB).db, ask);
  const first = page;
  for (;;) {
    ids.push(...page.items.map((item) => item.service.id));
    if (!page.nextCursor) break;
    page = await listServices(instrumentedDb(env.DB).db, { ...ask, cursor: decodeCursor(page.nextCursor)! });
  }
  return { ids, firstTotal: first.total, exact: first.totalIsExact };
}

describe('a listing of service types in an area lists what the area listing holds of those types', () => {
  it('in every area, for every type found there with its sub-types, in the same order, with an exact total', async () => {
    const { types, withSubtypes } = await taxonomy(env.DB);
    // Every area, those whose listing holds only services covering an ancestor included.
    const paths = (await env.DB.prepare('SELECT path FROM areas ORDER BY path').all<{ path: string }>()).results.map(
      (row) => row.path,
    );
    expect(paths.length).toBeGreaterThan(100);
    let compared = 0;
    for (const path of paths) {
      const area = areaScope(path);
      const facts = await servicesRelevantIn(env.DB, path);
      const whole = await everyId(request({ filters: { area }, limit: 50 }));
      expect(new Set(whole.ids).size, path).toBe(whole.ids.length);
      const present = [...new Set(facts.map((f) => f.typeId))];
      // Every type found in the area, and one that is not, nor any of its sub-types (nothing to list).
      const absent = types.find((t) => !withSubtypes(t.id).some((id) => present.includes(id)));
      const asked = [...present, ...(absent ? [absent.id] : [])].map(withSubtypes);
      for (const typeIds of asked) {
        const name = `${path} ${typeIds.join('+')}`;
        const expected = new Set(facts.filter((f) => typeIds.includes(f.typeId)).map((f) => f.id));
        // As a request asks: the types with their sub-types, and the families whose ranks hold them.
        const families = typeFamilies(types, typeIds);
        expect(families, name).toEqual([typeIds[0]]);
        const typed = await everyId(request({ filters: { area, typeIds, typeFamilies: families }, limit: 50 }));
        expect(new Set(typed.ids), name).toEqual(expected);
        expect(typed.ids, name).toEqual(whole.ids.filter((id) => expected.has(id)));
        expect([typed.firstTotal, typed.exact], name).toEqual([expected.size, true]);
        compared++;
      }
    }
    console.log(`type listings compared: ${compared} in ${paths.length} areas`);
  }, 300_000);
});

describe('a migrated database', () => {
  it('gains the ranks and HSDS order of each type, its sub-types included, exactly as every writer derives them', async () => {
    // The types' own rows in areas, then their parents' everywhere, then each type's placed services.
    const migrations = ['area_type_ranks', 'area_type_family_ranks', 'placed_type_ranks'].map((name) =>
      env.TEST_MIGRATIONS.find((m) => m.name.includes(name))!,
    );
    for (const migration of migrations) expect(migration.queries.length).toBeGreaterThan(0);
    // A row of a type the service does not have itself: its parent's, which only the second migration adds.
    const ofParent = (table: string, type: string) =>
      `NOT EXISTS (SELECT 1 FROM service_type_assignments own
         WHERE own.service_id = ${table}.service_id AND own.service_type_id = ${type})`;
    const typed = `(reach LIKE 'at:%' OR reach LIKE 'in:%' OR reach LIKE 'type:%' OR reach LIKE 'placed:%')`;
    const snapshot = async () => ({
      ranks: (
        await env.DB.prepare(`SELECT * FROM listing_ranks WHERE ${typed} ORDER BY area_path, reach, rank_key`).all()
      ).results,
      counts: (
        await env.DB.prepare(
          `SELECT * FROM listing_counts WHERE ${typed} AND services > 0 ORDER BY area_path, reach`,
        ).all()
      ).results,
      members: (
        await env.DB.prepare('SELECT * FROM service_type_members ORDER BY type_id, sort_name, service_id').all()
      ).results,
    });
    const derived = await snapshot();
    expect(derived.ranks.length).toBeGreaterThan(100);
    expect(derived.counts.length).toBeGreaterThan(10);
    expect(derived.ranks.some((row) => String(row.reach).startsWith('placed:'))).toBe(true);
    // A sub-type's service is in its parent type's rows and order: police holds the cybercrime units.
    const count = async (query: string) => (await env.DB.prepare(query).first<{ n: number }>())!.n;
    const parentOf = `substr(reach, instr(reach, ':') + 1)`;
    expect(
      await count(`SELECT count(*) AS n FROM listing_ranks WHERE reach IN ('in:police', 'at:police', 'type:police')
        AND ${ofParent('listing_ranks', "'police'")}`),
    ).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) AS n FROM service_type_members
        WHERE type_id = 'police' AND ${ofParent('service_type_members', "'police'")}`),
    ).toBeGreaterThan(0);
    // The state before the migrations: no rows of a type in an area, no parents' rows at the roots,
    // no placed rows, no parents' members (their counts and the HSDS order's blocks follow, by trigger).
    await env.DB.batch([
      env.DB.prepare(`DELETE FROM listing_ranks WHERE reach LIKE 'at:%' OR reach LIKE 'in:%' OR reach LIKE 'placed:%'`),
      env.DB.prepare(`DELETE FROM listing_ranks WHERE reach LIKE 'type:%' AND ${ofParent('listing_ranks', parentOf)}`),
      env.DB.prepare(`DELETE FROM service_type_members WHERE ${ofParent('service_type_members', 'type_id')}`),
    ]);
    const before = await snapshot();
    expect(before.ranks.length).toBeLessThan(derived.ranks.length);
    expect(before.members.length).toBeLessThan(derived.members.length);
    for (const migration of migrations) await env.DB.batch(migration.queries.map((q) => env.DB.prepare(q)));
    expect(await snapshot()).toEqual(derived);
  });
});

describe('rows read by a listing of a rare type in a district that grows', () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown), 120_000);

  // Mosul grows with case management services; a few legal aid services are named to rank after all
  // of them, so a walk of the district's ranks that checks each one's types reads every one first.
  // Cybercrime units (a sub-type of police) give police a full page there.
  const POLICE = ['police', 'community_police', 'cybercrime_unit', 'early_warning_unit', 'national_security'];
  const sundayMorning = () => new Date(baghdadMoment(SUNDAY, '10:00'));
  const legal = { area: MOSUL, typeIds: ['legal_aid'], typeFamilies: ['legal_aid'] };
  const cases: Array<[string, () => Partial<ListingRequest>]> = [
    ['legal aid', () => ({ filters: legal })],
    ['legal aid, its second page', () => ({ filters: legal })],
    ['legal aid by name', () => ({ filters: legal, sort: 'name' })],
    ['legal aid by latest check', () => ({ filters: legal, sort: 'freshness' })],
    ['legal aid open at a moment', () => ({ filters: legal, openOnly: true, hoursAt: sundayMorning() })],
    ['legal aid and its sub-type', () => ({ filters: { ...legal, typeIds: ['legal_aid', 'legal_volunteers'] } })],
    ['police and its sub-types', () => ({ filters: { area: MOSUL, typeIds: POLICE, typeFamilies: ['police'] } })],
    ['legal aid in Ninewa', () => ({ filters: { ...legal, area: areaScope('/IQ/IQG15/') } })],
  ];
  const measure = async (name: string, overrides: Partial<ListingRequest>) => {
    let ask = request(overrides);
    if (name.includes('second page')) {
      const first = await listServices(instrumentedDb(env.DB).db, ask);
      ask = { ...ask, cursor: decodeCursor(first.nextCursor!)! };
    }
    const { db, rowsRead, rowsReturned, trips } = instrumentedDb(env.DB);
    const page = await listServices(db, ask);
    return { rowsRead: rowsRead(), rowsReturned: rowsReturned(), trips: trips(), items: page.items.length };
  };
  /** The API and the district page, through the Worker: every row their requests read. */
  const measureApp = async (path: string) => {
    const { binding, rowsRead } = instrumentedDb(env.DB);
    const response = await createApp().fetch(
      new Request(`https://masar.test${path}`),
      { ...env, DB: binding },
      createExecutionContext(),
    );
    expect(response.status, path).toBe(200);
    await response.text();
    return rowsRead();
  };
  // The district page names a type by its sort number (`t`), never by its name in the address.
  let pages: string[] = [];
  const measureAll = async () => ({
    listings: await Promise.all(cases.map(([name, overrides]) => measure(name, overrides()))),
    app: await Promise.all(pages.map(measureApp)),
  });

  it('reads the same rows with 1,000 or 2,000 other services in the district, about three per row returned', async () => {
    const { sortOrder } = (await env.DB.prepare(
      "SELECT sort_order AS sortOrder FROM service_types WHERE id = 'legal_aid'",
    ).first<{ sortOrder: number }>())!;
    pages = [
      '/api/v1/services?area=IQG15Q05&type=legal_aid&lang=en',
      '/api/v1/services?area=IQG15Q05&type=police&lang=en',
      `/a/IQG15Q05?t=${sortOrder}&lang=en`,
    ];
    grown = await growDirectory(env.DB, 1000, { withinPath: MOSUL.path, typeId: 'case_management' });
    grown.push(...(await growDirectory(env.DB, 45, { withinPath: MOSUL.path, name: 'Zz legal aid' })));
    grown.push(
      ...(await growDirectory(env.DB, 25, { withinPath: MOSUL.path, name: 'Zz police', typeId: 'cybercrime_unit' })),
    );
    const small = await measureWithEachStatistics(env.DB, measureAll);
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL.path, typeId: 'case_management' })));
    const large = await measureWithEachStatistics(env.DB, measureAll);
    for (const [variant, s, l] of eachStatistics(small, large)) {
      console.log(
        `rare type in a district, rows read ${variant}, 1,000 → 2,000 others`,
        cases.map(([name], i) => `${name}: ${s.listings[i]!.rowsRead} → ${l.listings[i]!.rowsRead}`),
        pages.map((path, i) => `${path}: ${s.app[i]} → ${l.app[i]}`),
      );
      expect(
        l.listings.map((m) => m.rowsRead),
        variant,
      ).toEqual(s.listings.map((m) => m.rowsRead));
      expect(l.app, variant).toEqual(s.app);
      for (const [i, m] of l.listings.entries()) {
        const name = `${cases[i]![0]}, ${variant}`;
        expect(m.items, name).toBe(20);
        // Each rank walked costs its rank row and its stored document ("open" adds the probe of its
        // hours); on top, a seek or two per range (three per type here: the district's and its two
        // ancestors') and the count.
        expect(m.rowsRead, name).toBeLessThanOrEqual(3 * m.rowsReturned + 40);
        expect(m.trips, name).toBeLessThanOrEqual(2);
      }
    }
  }, 300_000);
});
