import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { fetchCounted } from '../support/counted-fetch.ts';
import { MOSUL, servicesRelevantIn, taxonomy } from '../support/listing.ts';
import { eachStatistics, measureWithEachStatistics, type ByStatistics } from '../support/statistics.ts';

// The map of a service type in an area walks that type's own ranks there, as its listing does, and
// draws the sites of the first 500 services it lists. Before, it was read as a box (the area's box,
// checked a stretch of the area's order at a time), so a type among many other services read the
// area's ranks and the types of each: 9,255 rows for 138 of Mosul's legal aid services at 100,000.

interface Feature {
  id: string;
  properties: { service_id: string; services: number; cell?: boolean };
}
interface Collection {
  features: Feature[];
  counts?: boolean;
  truncated: boolean;
  checked_all: boolean;
}

/** Where the area map of one type asks (the area page asks with `summary=auto`). */
const typeMap = (pcode: string, typeId: string) =>
  `/api/v1/map/services?area=${pcode}&type=${typeId}&summary=auto&lang=en`;

/** The public sites of these services, as the map names them: `service/location`. */
async function publicSitesOf(ids: string[]): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT DISTINCT service_id AS id, location_id AS location FROM site_cells
      WHERE service_id IN (SELECT value FROM json_each(?))`,
  )
    .bind(JSON.stringify(ids))
    .all<{ id: string; location: string }>();
  return results.map((r) => `${r.id}/${r.location}`).sort();
}

async function mapOf(path: string): Promise<Collection> {
  const response = await createApp().fetch(new Request(`https://masar.test${path}`), env, createExecutionContext());
  expect(response.status, path).toBe(200);
  return (await response.json()) as Collection;
}

describe('the map of a service type in an area', () => {
  it('in every area, for every type found there, draws every public site of exactly the services its listing lists', async () => {
    const { withSubtypes } = await taxonomy(env.DB);
    const areas = (
      await env.DB.prepare('SELECT pcode, path FROM areas ORDER BY path').all<{ pcode: string; path: string }>()
    ).results;
    expect(areas.length).toBeGreaterThan(100);
    let compared = 0;
    let drawn = 0;
    for (const { pcode, path } of areas) {
      const facts = await servicesRelevantIn(env.DB, path);
      for (const typeId of new Set(facts.map((f) => f.typeId))) {
        // A type asked for is asked with its sub-types.
        const asked = withSubtypes(typeId);
        const services = [...new Set(facts.filter((f) => asked.includes(f.typeId)).map((f) => f.id))];
        const name = `${path} ${typeId}`;
        const map = await mapOf(typeMap(pcode, typeId));
        expect(services.length, name).toBeLessThanOrEqual(500);
        expect(map.counts, name).toBeUndefined();
        expect(map.features.map((f) => f.id).sort(), name).toEqual(await publicSitesOf(services));
        expect([map.truncated, map.checked_all], name).toEqual([false, true]);
        compared++;
        drawn += map.features.length;
      }
    }
    console.log(`type maps compared: ${compared} in ${areas.length} areas, ${drawn} points drawn`);
  }, 300_000);
});

describe('rows read by the map of a service type in a district that grows', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown), 120_000);
  const around = { lat: 36.34, lon: 43.13, radiusKm: 25 };
  const maps = [typeMap('IQG15Q05', 'legal_aid'), typeMap('IQG15', 'legal_aid')];
  const measureAll = async () => {
    const measured = [];
    for (const path of maps) {
      const m = await fetchCounted(path);
      const body = JSON.parse(m.text) as Collection;
      measured.push({ rowsRead: m.rowsRead, rowsReturned: m.rowsReturned, trips: m.trips, body });
    }
    return measured;
  };
  type Measured = Awaited<ReturnType<typeof measureAll>>;
  const expectFlat = (small: Measured, large: Measured, variant: string) => {
    for (const [i, path] of maps.entries()) {
      const [s, l] = [small[i]!, large[i]!];
      const name = `${path}, ${variant}`;
      // A rank whose moment passed while the test ran is ranked again by the reader: ±20.
      expect(Math.abs(l.rowsRead - s.rowsRead), name).toBeLessThanOrEqual(20);
      // Each walked rank, the probe for its site and the document of each service drawn; then the
      // version, the taxonomy, the area and the count.
      expect(l.rowsRead, name).toBeLessThanOrEqual(3 * l.rowsReturned + 60);
      expect(l.trips, name).toBeLessThanOrEqual(3);
      expect(l.body.checked_all, name).toBe(true);
    }
  };

  it('reads the same rows with 1,000 or 2,000 services of another type in the district, and draws every one of its own', async () => {
    // Named to come last in the district's order, so a walk of the district's ranks meets them after every other.
    grown.push(...(await growDirectory(env.DB, 45, { withinPath: MOSUL.path, around, name: 'Zz legal aid' })));
    const sizes: Array<ByStatistics<Measured>> = [];
    for (const count of [1000, 1000]) {
      grown.push(
        ...(await growDirectory(env.DB, count, { withinPath: MOSUL.path, around, typeId: 'case_management' })),
      );
      sizes.push(await measureWithEachStatistics(env.DB, measureAll));
    }
    const legalAid = (await servicesRelevantIn(env.DB, MOSUL.path)).filter((f) => f.typeId === 'legal_aid');
    const sites = await publicSitesOf(legalAid.map((f) => f.id));
    for (const [variant, s, l] of eachStatistics(sizes[0]!, sizes[1]!)) {
      console.log(
        `map of a rare type in a district, ${variant}, 1,000 → 2,000 others`,
        maps.map(
          (path, i) => `${path}: ${s[i]!.rowsRead} → ${l[i]!.rowsRead} rows read, ${l[i]!.rowsReturned} returned`,
        ),
      );
      expectFlat(s, l, variant);
      expect(l[0]!.body.features.map((f) => f.id).sort(), variant).toEqual(sites);
      expect(l[0]!.body.truncated, variant).toBe(false);
    }
  }, 600_000);

  it('draws 500 and says there are more when the district holds 1,000 or 2,000 of the type, reading the same rows', async () => {
    const sizes: Array<ByStatistics<Measured>> = [];
    for (const count of [1000, 1000]) {
      grown.push(...(await growDirectory(env.DB, count, { withinPath: MOSUL.path, around })));
      sizes.push(await measureWithEachStatistics(env.DB, measureAll));
    }
    for (const [variant, s, l] of eachStatistics(sizes[0]!, sizes[1]!)) {
      console.log(
        `map of a crowded type in a district, ${variant}, 1,000 → 2,000 of it`,
        maps.map(
          (path, i) => `${path}: ${s[i]!.rowsRead} → ${l[i]!.rowsRead} rows read, ${l[i]!.rowsReturned} returned`,
        ),
      );
      expectFlat(s, l, variant);
      for (const m of [...s, ...l]) {
        expect(new Set(m.body.features.map((f) => f.properties.service_id)).size, variant).toBe(500);
        expect(m.body.truncated, variant).toBe(true);
      }
    }
  }, 600_000);
});
