import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchCounted } from '../support/counted-fetch.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { get } from '../support/http.ts';
import { eachStatistics, measureWithEachStatistics, naming } from '../support/statistics.ts';

// The map of a search draws the sites of the services the list of that search shows first, read the
// way the list reads them. Read as a box over the whole earth, a word many services hold walked a
// country's order looking for sites in that box: it read thousands of rows and drew nothing.
const WORD = 'zephyrite';
const MOSUL = '/IQ/IQG15/IQG15Q05/';
const MOSUL_CENTRE = { lat: 36.34, lon: 43.13, radiusKm: 25 };
/** The most services a map draws. */
const MAP_LIMIT = 500;

interface Point {
  properties: { service_id: string };
}
interface MapBody {
  features: Point[];
  truncated: boolean;
  checked_all: boolean;
}

/** The services a map draws, in the order it lists them, each once (a service may have several sites). */
const drawn = (body: MapBody) => [...new Set(body.features.map((f) => f.properties.service_id))];

/** The first `most` services of the list of the same query, page by page, as a client follows them. */
async function listed(query: string, most: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = `/api/v1/services?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await get(page);
    expect(status, page).toBe(200);
    const list = body as { items: Array<{ id: string }>; next_cursor: string | null };
    ids.push(...list.items.map((s) => s.id));
    cursor = list.next_cursor;
  } while (cursor && ids.length < most);
  return ids.slice(0, most);
}

describe('the map of a search', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('over the whole directory draws the first 500 services of the list of that search, at a cost that follows the points, with 600 or 1,200 services holding the word', async () => {
    const map = `/api/v1/map/services?q=${WORD}&lang=en`;
    const measure = async () => {
      const m = await fetchCounted(map);
      const body = JSON.parse(m.text) as MapBody;
      return { rowsRead: m.rowsRead, trips: m.trips, body };
    };
    const sizes = [];
    for (const count of [600, 600]) {
      // Each with one public site, serving a district each over the directory.
      grown.push(...(await growDirectory(env.DB, count, { around: MOSUL_CENTRE, description: `Advice on ${WORD}` })));
      sizes.push(await measureWithEachStatistics(env.DB, measure));
    }
    for (const [variant, small, large] of eachStatistics(sizes[0]!, sizes[1]!)) {
      await naming(variant, () => {
        for (const { body } of [small, large]) {
          // More services hold the word than the map draws: it draws 500 and says there are more.
          expect(drawn(body)).toHaveLength(MAP_LIMIT);
          expect(body.features).toHaveLength(MAP_LIMIT);
          expect([body.truncated, body.checked_all]).toEqual([true, true]);
        }
        // Each drawn service is read once with its document, and a few dozen rows more for the
        // version, the taxonomy and the search's bound: the same whether 600 or 1,200 hold the word.
        expect(large.rowsRead).toBeLessThanOrEqual(3 * MAP_LIMIT + 100);
        expect(Math.abs(large.rowsRead - small.rowsRead)).toBeLessThanOrEqual(20);
        expect(large.trips).toBeLessThanOrEqual(3);
      });
    }
    // The same services as the list of that search shows first. (Each page of a search read in the
    // full-text index's order is shown in relevance order, so a page of 500 and five of 100 hold the
    // same services in another order.)
    const { body } = sizes[1]!['without statistics'];
    expect(drawn(body).sort()).toEqual((await listed(`q=${WORD}&lang=en`, MAP_LIMIT)).sort());
  }, 600_000);

  it('in an area or a country draws the services the list of that search there shows first', async () => {
    grown.push(
      ...(await growDirectory(env.DB, 300, {
        withinPath: MOSUL,
        around: MOSUL_CENTRE,
        description: `Advice on ${WORD}`,
        name: 'Mosul advice',
      })),
    );
    for (const query of [`q=${WORD}&area=IQG15Q05`, `q=${WORD}&area=IQG15`, `q=${WORD}&country=IQ`]) {
      const { status, body } = await get(`/api/v1/map/services?${query}&lang=en`);
      expect(status, query).toBe(200);
      const points = drawn(body as MapBody);
      expect(points.length, query).toBeGreaterThanOrEqual(100);
      expect(points.sort(), query).toEqual((await listed(`${query}&lang=en`, points.length)).sort());
    }
  }, 600_000);
});
