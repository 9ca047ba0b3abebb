import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { refreshDocuments } from '../../api/admin/edit/listing-index.ts';
import { CELL_BITS, cellOf, cellSpan } from '../../api/domain/geohash.ts';
import { cellsRead, cellsSpanned, MAX_COUNT_CELLS, type CountLevel } from '../../api/queries/site-cells.ts';
import { localise } from '../../api/domain/language.ts';
import type { LocalizedText } from '../../api/domain/vocabulary.ts';
import { database } from '../../db/client.ts';
import { fetchCounted } from '../support/counted-fetch.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { get } from '../support/http.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

// A map of a country or a governorate cannot show 100,000 points: a wide view gets how many
// services each cell holds, read from stored counts, so it costs the cells in view, not the services.
const MOSUL = { path: '/IQ/IQG15/IQG15Q05/', around: { lat: 36.34, lon: 43.13, radiusKm: 25 } };

async function map(path: string, vars: Record<string, string> = {}) {
  const { binding, rowsRead, trips } = instrumentedDb(env.DB);
  const response = await createApp().fetch(
    new Request(`https://masar.test/api/v1/map/services${path}`),
    { ...env, ...vars, DB: binding },
    createExecutionContext(),
  );
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const body = JSON.parse(text) as {
    counts?: boolean;
    features: Array<{ geometry: { coordinates: [number, number] }; properties: Record<string, any> }>;
  };
  const services = body.features.reduce((sum, f) => sum + Number(f.properties.services), 0);
  return { body, services, rowsRead: rowsRead(), trips: trips() };
}

/**
 * Published services with a public, placed site in each cell of `level` bits (a coarse cell, the
 * first 20, unless told), counted from the sites themselves: confidential sites and sites without
 * coordinates are no one's point.
 */
async function placedServicesPerCell(box?: [number, number, number, number], level = 20): Promise<number> {
  const { results } = await env.DB.prepare(
    `SELECT sal.service_id AS service, l.lat AS lat, l.lon AS lon FROM service_at_locations sal
     JOIN locations l ON l.id = sal.location_id JOIN services s ON s.id = sal.service_id
     WHERE s.status = 'published' AND l.is_confidential = 0 AND l.lat IS NOT NULL AND l.lon IS NOT NULL`,
  ).all<{ service: string; lat: number; lon: number }>();
  const pairs = new Set(
    results
      .filter(({ lat, lon }) => !box || (lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3]))
      .map(({ service, lat, lon }) => `${service} ${Math.floor(cellOf(lat, lon) / 2 ** (CELL_BITS - level))}`),
  );
  return pairs.size;
}

/** The services the counts of a view add up to, cell by cell as the sites say, at the level its cells are of. */
async function placedInCellsOf(features: Array<{ properties: Record<string, any> }>, level: number): Promise<number> {
  let inCells = 0;
  for (const f of features) inCells += await placedServicesPerCell(f.properties.bbox, level);
  return inCells;
}

describe('the map of a wide view', () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  // A governorate and everywhere are drawn from the coarse cells; Mosul's district, about a degree
  // each way, from the middle ones (about 4.9 km): its finest cells hold one service each. A part
  // of the town, a tenth of a degree, from the finest (a map that draws counts past 20 services).
  const TOWN = [43.08, 36.3, 43.18, 36.38];
  const views = [
    { path: '?area=IQG15&summary=auto&lang=en', level: 20 },
    { path: '?summary=auto&lang=en', level: 20 },
    { path: '?area=IQG15Q05&summary=auto&lang=en', level: 25 },
    { path: `?bbox=${TOWN.join(',')}&summary=auto&lang=en`, level: 30, vars: { MAP_POINTS_LIMIT: '20' } },
  ];
  const drawAll = () => Promise.all(views.map((v) => map(v.path, v.vars)));
  /** The box a view shows: its `bbox`, or its area's. */
  const boxOf = async (view: (typeof views)[number]): Promise<[number, number, number, number]> => {
    const bbox = /bbox=([^&]+)/.exec(view.path)?.[1];
    if (bbox) return bbox.split(',').map(Number) as [number, number, number, number];
    const pcode = /area=([^&]+)/.exec(view.path)![1]!;
    const area = await env.DB.prepare('SELECT min_lon, min_lat, max_lon, max_lat FROM areas WHERE pcode = ?')
      .bind(pcode)
      .first<{ min_lon: number; min_lat: number; max_lon: number; max_lat: number }>();
    return [area!.min_lon, area!.min_lat, area!.max_lon, area!.max_lat];
  };
  /** Each view's counts add up, cell by cell, to the services placed there (each once per cell), as the sites say. */
  const expectCountsOfSites = async (maps: Array<Awaited<ReturnType<typeof map>>>) => {
    expect(maps[1]!.services).toBe(await placedServicesPerCell());
    for (const [i, view] of views.entries()) {
      if (i !== 1) expect(maps[i]!.services, view.path).toBe(await placedInCellsOf(maps[i]!.body.features, view.level));
    }
  };
  /**
   * The same cells with the same counts, drawn at the same places (to 9 decimals: a cell's position is
   * its sites' average, and the sums lose a last bit on the way back).
   */
  const expectSameMaps = (
    now: Array<Awaited<ReturnType<typeof map>>>,
    before: Array<Awaited<ReturnType<typeof map>>>,
  ) => {
    const cells = (m: Awaited<ReturnType<typeof map>>) =>
      m.body.features.map((f) => [(f as { id?: string }).id, f.properties.services]);
    expect(now.map(cells)).toEqual(before.map(cells));
    for (const [i, m] of now.entries())
      for (const [j, f] of m.body.features.entries())
        for (const k of [0, 1]) {
          expect(f.geometry.coordinates[k]).toBeCloseTo(before[i]!.body.features[j]!.geometry.coordinates[k]!, 9);
        }
  };

  it('a governorate, a district and everywhere read the same rows at 1,000 and 2,000 services, and every view counts the services placed there', async () => {
    // A small directory is drawn as points, one per site, as before.
    const seeded = await map(views[0]!.path);
    expect(seeded.body.counts).toBeUndefined();
    expect(seeded.body.features.every((f) => f.properties.services === 1 && f.properties.service_id)).toBe(true);

    grown = await growDirectory(env.DB, 1000, { withinPath: MOSUL.path, around: MOSUL.around });
    const small = await drawAll();
    const second = await growDirectory(env.DB, 1000, { withinPath: MOSUL.path, around: MOSUL.around });
    grown.push(...second);
    const large = await drawAll();

    for (const [i, m] of [...small, ...large].entries()) {
      const view = views[i % views.length]!;
      expect(m.body.counts, view.path).toBe(true);
      expect(m.trips).toBeLessThanOrEqual(2);
      // Below the coarsest level, a view spans at most so many cells of its level, and draws at most
      // the cells its ranges read (a little past the view).
      if (view.level > 20) {
        const box = await boxOf(view);
        expect(cellsSpanned(box, view.level as CountLevel), view.path).toBeLessThanOrEqual(MAX_COUNT_CELLS);
        expect(m.body.features.length, view.path).toBeLessThanOrEqual(cellsRead(box, view.level as CountLevel));
      }
      for (const f of m.body.features) {
        expect(f.properties.cell).toBe(true);
        expect(f.properties.services).toBeGreaterThan(0);
        // Each count is drawn inside its own cell, a cell of the view's level.
        const [minLon, minLat, maxLon, maxLat] = f.properties.bbox as number[];
        const [lon, lat] = f.geometry.coordinates;
        expect(lon >= minLon! && lon <= maxLon! && lat >= minLat! && lat <= maxLat!).toBe(true);
        const { lon: width, lat: height } = cellSpan(view.level);
        expect(maxLon! - minLon!, view.path).toBeCloseTo(width!, 9);
        expect(maxLat! - minLat!, view.path).toBeCloseTo(height!, 9);
      }
    }
    // The cells in view, not the services: the same rows at both sizes (the town's finest cells fill
    // up as services are added, so it is left out).
    expect(large.slice(0, 3).map((m) => m.rowsRead)).toEqual(small.slice(0, 3).map((m) => m.rowsRead));
    // Every one of the 1,000 services added in Mosul is counted once, in the governorate, the district and everywhere.
    expect(large.slice(0, 3).map((m, i) => m.services - small[i]!.services)).toEqual([1000, 1000, 1000]);
    await expectCountsOfSites(large);

    // Services removed take their sites out of every level's counts: the maps are as they were.
    await shrinkDirectory(env.DB, second);
    grown = grown.filter((id) => !second.includes(id));
    expectSameMaps(await drawAll(), small);

    // A service with two sites 300 m apart, so about half of them share even a 30-bit cell (about
    // 0.6 km tall) and nearly all share the coarser ones: counted once in a cell holding both, at
    // every level, as they are added and as they are removed.
    const twins = await growDirectory(env.DB, 300, { withinPath: MOSUL.path, around: MOSUL.around, twinSiteKm: 0.3 });
    grown.push(...twins);
    await expectCountsOfSites(await drawAll());
    await shrinkDirectory(env.DB, twins);
    grown = grown.filter((id) => !twins.includes(id));
    expectSameMaps(await drawAll(), small);
  }, 300_000);

  it('a view zoomed in to a few streets is drawn as points again, and a filter keeps points', async () => {
    const town = await map(`?bbox=43.12,36.33,43.14,36.35&summary=auto&lang=en`);
    expect(town.body.counts).toBeUndefined();
    expect(town.body.features.length).toBeGreaterThan(0);
    expect(town.body.features.every((f) => f.properties.service_id)).toBe(true);
    const filtered = await map('?area=IQG15&type=legal_aid&summary=auto&lang=en');
    expect(filtered.body.counts).toBeUndefined();
    // Without summary=auto the answer is points, as clients of this endpoint have always had.
    const plain = await map('?area=IQG15&lang=en');
    expect(plain.body.counts).toBeUndefined();
  });
});

describe('what a count on the map says', () => {
  /** The map's message `name` (data-msg-…) on an area page in `lang`, entities decoded. */
  async function mapMessage(lang: string, name: string): Promise<string> {
    const page = await get(`/a/IQG15?lang=${lang}`);
    expect(page.status).toBe(200);
    const found = new RegExp(`data-msg-${name}="([^"]*)"`).exec(page.text);
    return (found?.[1] ?? '')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  }

  it('a cell counts the services with a place in it, whichever areas they serve, and a group of cells says "up to"', async () => {
    expect(await mapMessage('en', 'cell')).toBe('{n} services have a place here, whichever areas they serve');
    expect(await mapMessage('en', 'cells')).toBe(
      'Up to {n} services have a place here, whichever areas they serve (a service with two places is counted in each)',
    );
    expect(await mapMessage('es', 'cell')).toBe(
      '{n} servicios tienen un lugar aquí, sea cual sea la zona que atienden',
    );
    // In every language a cell's words are not the list's "services found", and a group's say "up to".
    for (const lang of ['ar', 'ckb', 'kmr', 'es', 'en']) {
      const [found, cell, cells] = await Promise.all(['cluster', 'cell', 'cells'].map((n) => mapMessage(lang, n)));
      expect(cell, lang).toContain('{n}');
      expect(cells, lang).toContain('{n}');
      expect(cell, lang).not.toBe(found);
      expect(cells, lang).not.toBe(cell);
    }
  });

  it('a filtered map says whether it checked all of the view, and the area page has the words to say so', async () => {
    const filtered = await map('?area=IQG15&type=legal_aid&summary=auto&lang=en');
    expect(typeof (filtered.body as { checked_all?: boolean }).checked_all).toBe('boolean');
    const page = await get('/a/IQG15?lang=en');
    expect(page.text).toMatch(/data-role="partly-checked" hidden(="")?>\s*Only part of this view was checked/);
  });
});

describe('the area each point names', () => {
  type Point = { properties: { service_id: string; area_pcode: string; area_name: string } };

  /** The name of each area in `lang` as the areas table holds it, with the language fallback (else its P-code). */
  async function namesFromAreas(pcodes: string[], lang: 'ar' | 'en'): Promise<Map<string, string>> {
    const { results } = await env.DB.prepare(
      `SELECT pcode, names FROM areas WHERE pcode IN (${pcodes.map(() => '?').join(',')})`,
    )
      .bind(...pcodes)
      .all<{ pcode: string; names: string }>();
    const named = new Map(results.map((r) => [r.pcode, JSON.parse(r.names) as LocalizedText]));
    return new Map(pcodes.map((pcode) => [pcode, localise(named.get(pcode), lang)?.text ?? pcode]));
  }

  async function expectNamedAsAreas(features: Point[], lang: 'ar' | 'en') {
    const names = await namesFromAreas([...new Set(features.map((f) => f.properties.area_pcode))], lang);
    for (const f of features)
      expect(f.properties.area_name, `${f.properties.area_pcode} ${lang}`).toBe(names.get(f.properties.area_pcode));
  }

  it('each point names its area as the areas table does, in Arabic and English, in at most three round trips, and a service without a stored document the same', async () => {
    const answers = new Map<'ar' | 'en', { text: string; features: Point[] }>();
    for (const lang of ['ar', 'en'] as const) {
      const m = await fetchCounted(`/api/v1/map/services?lang=${lang}`);
      const features = (JSON.parse(m.text) as { features: Point[] }).features;
      expect(features.length, lang).toBeGreaterThan(10);
      // The directory version, the taxonomy, then the listing with its page's documents, which name the points' areas.
      expect(m.trips, lang).toBeLessThanOrEqual(3);
      await expectNamedAsAreas(features, lang);
      answers.set(lang, { text: m.text, features });
    }
    const en = answers.get('en')!.features;
    // The names differ by language (so the language is not lost on the way).
    expect(en.some((f, i) => f.properties.area_name !== answers.get('ar')!.features[i]!.properties.area_name)).toBe(
      true,
    );
    // A service whose document is gone (an edit deletes it) is read live: its points name their areas as before.
    const counted = new Map<string, number>();
    for (const f of en) counted.set(f.properties.area_pcode, (counted.get(f.properties.area_pcode) ?? 0) + 1);
    const alone = en.find((f) => counted.get(f.properties.area_pcode) === 1) ?? en[0]!;
    const id = alone.properties.service_id;
    await env.DB.prepare('DELETE FROM service_documents WHERE service_id = ?').bind(id).run();
    try {
      for (const lang of ['ar', 'en'] as const) {
        const live = await map(`?lang=${lang}`);
        expect(live.body.features.some((f) => f.properties.service_id === id)).toBe(true);
        await expectNamedAsAreas(live.body.features as unknown as Point[], lang);
        expect(JSON.stringify(live.body), lang).toBe(answers.get(lang)!.text);
      }
    } finally {
      await refreshDocuments(database(env.DB), [id]);
    }
  });
});
