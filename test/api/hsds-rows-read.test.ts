// What an HSDS request reads must follow what it returns, not how large the directory is: a page
// of services reads its services' stored documents, a filter walks its own stored listing or index,
// sites page by a seek on their id, and every total is exact. Each request is measured with Mosul
// grown to 1,000 and then 2,000 published services (each with one public site), through the Worker
// with D1 metered (the directory version of the edge copy counted as a round trip).
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termId } from '../../api/views/hsds-taxonomy.ts';
import { fetchCounted } from '../support/counted-fetch.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { get, linkTo } from '../support/http.ts';
import {
  measureWithEachStatistics,
  STATISTICS_VARIANTS,
  type ByStatistics,
  type StatisticsVariant,
} from '../support/statistics.ts';

const MOSUL = '/IQ/IQG15/IQG15Q05/';
const AROUND_MOSUL = { lat: 36.34, lon: 43.13, radiusKm: 8 };
const HSDS = '/api/v1/hsds';
/** An index seek may read one row past its range, and a grown row can be that row. */
const SEEK_SLACK = 3;

const one = async <T>(sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<T>())!;

const publishedCount = async () =>
  (await one<{ n: number }>("SELECT count(*) AS n FROM services WHERE status = 'published'")).n;

/** The organisation growDirectory gives every grown service, and another one that provides a published service. */
async function organisations() {
  const grown = (await one<{ id: string }>('SELECT id FROM organisations LIMIT 1')).id;
  const other = (
    await one<{ id: string }>(
      "SELECT organisation_id AS id FROM services WHERE status = 'published' AND organisation_id <> ? LIMIT 1",
      grown,
    )
  ).id;
  return { grown, other };
}

/** Published services of any of the types, counted once each. */
const servicesOfTypes = async (...types: string[]) =>
  (
    await one<{ n: number }>(
      `SELECT count(DISTINCT a.service_id) AS n FROM service_type_assignments a
         JOIN services s ON s.id = a.service_id AND s.status = 'published'
        WHERE a.service_type_id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(types),
    )
  ).n;

const sitesOfPublished = async () =>
  (
    await one<{ n: number }>(
      `SELECT count(*) AS n FROM service_at_locations sal
         JOIN services s ON s.id = sal.service_id AND s.status = 'published'`,
    )
  ).n;

interface Measured {
  rowsRead: number;
  rowsReturned: number;
  trips: number;
  body: any;
}

async function measure(path: string): Promise<Measured> {
  const { text, rowsRead, rowsReturned, trips } = await fetchCounted(`${HSDS}${path}`);
  return { rowsRead, rowsReturned, trips, body: JSON.parse(text) };
}

/** What each request cost at both sizes under each statistics, measured before the tests. */
let small: ByStatistics<Record<string, Measured>>;
let large: ByStatistics<Record<string, Measured>>;
/** What one request cost at 1,000 and at 2,000 services under `variant`. */
const atBothSizes = (variant: StatisticsVariant) => [small[variant], large[variant]] as const;

function requests(orgs: { grown: string; other: string }) {
  return {
    services: '/services?per_page=50',
    full: '/services?per_page=50&full=true',
    legalAid: `/services?per_page=50&taxonomy_term_id=${termId('legal_aid')}`,
    police: `/services?per_page=50&taxonomy_term_id=${termId('police')}`,
    volunteers: `/services?per_page=50&taxonomy_term_id=${termId('legal_volunteers')}`,
    grownOrg: `/services?per_page=50&organization_id=${orgs.grown}`,
    otherOrg: `/services?per_page=50&organization_id=${orgs.other}`,
    sites: '/service_at_locations?per_page=50',
    organisations: '/organizations?per_page=50&full=true',
  };
}

describe('HSDS rows read in a growing directory', () => {
  let grown: string[] = [];
  let orgs: { grown: string; other: string };
  const expected: Array<Record<string, number>> = [];

  async function measureRequests() {
    const measured: Record<string, Measured> = {};
    for (const [name, path] of Object.entries(requests(orgs))) measured[name] = await measure(path);
    return measured;
  }

  /** Every request under each statistics, with the totals the database holds. */
  async function measureAll() {
    const measured = await measureWithEachStatistics(env.DB, measureRequests);
    expected.push({
      services: await publishedCount(),
      legalAid: await servicesOfTypes('legal_aid', 'legal_volunteers'),
      police: await servicesOfTypes(
        ...(
          await env.DB.prepare("SELECT id FROM service_types WHERE id = 'police' OR parent_id = 'police'").all<{
            id: string;
          }>()
        ).results.map((r) => r.id),
      ),
      volunteers: await servicesOfTypes('legal_volunteers'),
      grownOrg: (
        await one<{ n: number }>(
          "SELECT count(*) AS n FROM services WHERE status = 'published' AND organisation_id = ?",
          orgs.grown,
        )
      ).n,
      otherOrg: (
        await one<{ n: number }>(
          "SELECT count(*) AS n FROM services WHERE status = 'published' AND organisation_id = ?",
          orgs.other,
        )
      ).n,
      sites: await sitesOfPublished(),
    });
    return measured;
  }

  beforeAll(async () => {
    orgs = await organisations();
    grown = await growDirectory(env.DB, 1000 - (await publishedCount()), { withinPath: MOSUL, around: AROUND_MOSUL });
    small = await measureAll();
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, around: AROUND_MOSUL })));
    large = await measureAll();
    for (const variant of STATISTICS_VARIANTS) {
      const [s, l] = atBothSizes(variant);
      console.log(
        `HSDS rows read ${variant}, 1,000 → 2,000`,
        Object.keys(s).map((name) => `${name}: ${s[name]!.rowsRead} → ${l[name]!.rowsRead}`),
      );
    }
  }, 600_000);
  afterAll(() => shrinkDirectory(env.DB, grown));

  it.each(
    (
      [
        ['a page of services', 'services', 0],
        ['a page of full services', 'full', 0],
        // A type filter walks one stored listing per (country, type): police has five sub-types, so
        // twelve ranges, each a few rows to open and close, and the page is walked again to read its
        // services' documents in the same round trip. A constant of the filter, not of the directory.
        ['a page of a service type with sub-types the directory did not grow in', 'police', 12],
        ['a page of a service type without sub-types', 'volunteers', 2],
        ['a page of an organisation the directory did not grow in', 'otherOrg', 0],
        ['a page of sites', 'sites', 0],
      ] as const
    ).flatMap(([what, name, ranges]) => STATISTICS_VARIANTS.map((variant) => [what, variant, name, ranges] as const)),
  )(
    '%s, %s, reads the same rows at 1,000 and 2,000 services, within three per row returned',
    (_, variant, name, ranges) => {
      const [s, l] = atBothSizes(variant);
      const [at1000, at2000] = [s[name]!, l[name]!];
      expect(expected[0]!.services).toBe(1000);
      expect(expected[1]!.services).toBe(2000);
      // The page object stays exact: its total is what the database holds.
      const totalOf = name === 'full' ? 'services' : name;
      expect([at1000.body.total_items, at2000.body.total_items], name).toEqual([
        expected[0]![totalOf],
        expected[1]![totalOf],
      ]);
      expect(Math.abs(at2000.rowsRead - at1000.rowsRead), name).toBeLessThanOrEqual(SEEK_SLACK);
      for (const m of [at1000, at2000]) {
        // 30: the directory version, the service types kept with it, and the page's count.
        expect(m.rowsRead, name).toBeLessThanOrEqual(3 * m.rowsReturned + 30 + 10 * ranges);
        expect(m.trips, name).toBeLessThanOrEqual(3);
      }
    },
  );

  it.each(STATISTICS_VARIANTS)(
    'a service type the grown services have counts only its own matches, along its index, %s',
    (variant) => {
      const [s, l] = atBothSizes(variant);
      const [at1000, at2000] = [s.legalAid!, l.legalAid!];
      expect([at1000.body.total_items, at2000.body.total_items]).toEqual([
        expected[0]!.legalAid,
        expected[1]!.legalAid,
      ]);
      // Legal aid has a sub-type, so its exact total counts its distinct services (one index row each).
      expect(at2000.rowsRead - at1000.rowsRead).toBeLessThanOrEqual(1000 + SEEK_SLACK);
      // Its page walks four ranges (two countries, legal aid and its sub-type) twice: once for the page,
      // once to read the page's documents with it; about five rows per service it returns.
      expect(at1000.rowsRead).toBeLessThanOrEqual(expected[0]!.legalAid! + 6 * at1000.rowsReturned + 20);
      expect(at2000.trips).toBeLessThanOrEqual(3);
    },
  );

  it.each(STATISTICS_VARIANTS)(
    'the grown organisation counts only its own services, along its index, %s',
    (variant) => {
      const [s, l] = atBothSizes(variant);
      const [at1000, at2000] = [s.grownOrg!, l.grownOrg!];
      expect([at1000.body.total_items, at2000.body.total_items]).toEqual([
        expected[0]!.grownOrg,
        expected[1]!.grownOrg,
      ]);
      expect(at2000.rowsRead - at1000.rowsRead).toBeLessThanOrEqual(1000 + SEEK_SLACK);
      expect(at2000.trips).toBeLessThanOrEqual(3);
    },
  );

  it.each(STATISTICS_VARIANTS)(
    'organizations with full=true read their services in one statement, not one per organisation, %s',
    (variant) => {
      const [s, l] = atBothSizes(variant);
      for (const m of [s.organisations!, l.organisations!]) {
        expect(m.trips).toBeLessThanOrEqual(4);
        expect(m.rowsRead).toBeLessThanOrEqual(3 * m.rowsReturned + 20);
      }
      const services = (m: Measured) =>
        m.body.contents.reduce((sum: number, o: { services: unknown[] }) => sum + o.services.length, 0);
      expect(services(l.organisations!) - services(s.organisations!)).toBe(1000);
    },
  );

  it('sites page by a seek: the Link header leads to the next page, which reads its own rows', async () => {
    const first = await get(`${HSDS}/service_at_locations?per_page=50`);
    const next = linkTo(first.headers, 'next')!;
    expect(next.searchParams.get('after')).toMatch(/./);
    expect(next.searchParams.get('page')).toBe('2');
    const numbered = await get(`${HSDS}/service_at_locations?per_page=50&page=2`);
    const seeked = await measure(`${next.pathname}${next.search}`.replace(HSDS, ''));
    expect(seeked.body.contents.map((s: { id: string }) => s.id)).toEqual(
      numbered.body.contents.map((s: { id: string }) => s.id),
    );
    expect(seeked.body.page_number).toBe(2);
    expect(seeked.body.total_items).toBe(await sitesOfPublished());
    expect(seeked.rowsRead).toBeLessThanOrEqual(3 * seeked.rowsReturned + 20);
    // A deep seek reads what the first page does: never the sites before it.
    const lastId = (
      await one<{ id: string }>(
        `SELECT sal.id FROM service_at_locations sal JOIN services s ON s.id = sal.service_id
          AND s.status = 'published' ORDER BY sal.id DESC LIMIT 1 OFFSET 60`,
      )
    ).id;
    const deep = await measure(`/service_at_locations?per_page=50&after=${lastId}`);
    expect(deep.body.contents).toHaveLength(50);
    expect(deep.rowsRead).toBeLessThanOrEqual(large['without statistics'].sites!.rowsRead + SEEK_SLACK);
    // An `after` that is not a site id is refused with a problem naming it.
    const refused = await get(`${HSDS}/service_at_locations?after=${encodeURIComponent('not a key!')}`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('Content-Type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(refused.body)).toContain('after');
  });

  it('the stored published-site total follows unpublishing and publishing a service with sites', async () => {
    const stored = async () =>
      (await one<{ n: number }>('SELECT published_sites AS n FROM directory_version WHERE id = 1')).n;
    expect(await stored()).toBe(await sitesOfPublished());
    const [service] = grown;
    await env.DB.prepare("UPDATE services SET status = 'draft' WHERE id = ?").bind(service).run();
    expect((await get(`${HSDS}/service_at_locations?per_page=1`)).body.total_items).toBe(await sitesOfPublished());
    expect(await sitesOfPublished()).toBe(expected[1]!.sites! - 1);
    expect(await stored()).toBe(expected[1]!.sites! - 1);
    await env.DB.prepare("UPDATE services SET status = 'published' WHERE id = ?").bind(service).run();
    expect((await get(`${HSDS}/service_at_locations?per_page=1`)).body.total_items).toBe(expected[1]!.sites);
  });
});

describe('the service areas a document holds', () => {
  it('a new service area drops the stored document, so HSDS shows it at once', async () => {
    const row = await one<{ id: string; pcode: string }>(
      `SELECT s.id, a.pcode FROM services s JOIN service_documents d ON d.service_id = s.id
         JOIN areas a ON a.level = 1 AND a.pcode NOT IN (SELECT area_pcode FROM service_areas WHERE service_id = s.id)
        WHERE s.status = 'published' AND s.country = a.country LIMIT 1`,
    );
    await env.DB.prepare('INSERT INTO service_areas (service_id, area_pcode) VALUES (?, ?)')
      .bind(row.id, row.pcode)
      .run();
    try {
      expect(
        await env.DB.prepare('SELECT 1 FROM service_documents WHERE service_id = ?').bind(row.id).first(),
      ).toBeNull();
      const { body } = await get(`${HSDS}/services/${row.id}`);
      expect(JSON.stringify(body.service_areas)).toContain(row.pcode);
    } finally {
      await env.DB.prepare('DELETE FROM service_areas WHERE service_id = ? AND area_pcode = ?')
        .bind(row.id, row.pcode)
        .run();
    }
  });
});
