import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { fetchCounted } from '../support/counted-fetch.ts';
import { BENCH_100K_STATISTICS, withStatistics } from '../support/statistics.ts';

// A map of points draws the sites of the first 500 services of its area's order. Hotlines are
// listed first and have no site: a document (a few kB each) read for one of them draws nothing,
// and its bytes, not its one row, were what the Worker spent its time on.
const MOSUL = '/IQ/IQG15/IQG15Q05/';
const MAP = '/api/v1/map/services?area=IQG15Q05&lang=en';
/** The ranks a map walks: its 500 services and one more, to say whether there are more. */
const WALKED = 501;

describe('the map of an area crowded with hotlines', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('reads the documents of the services it draws, not of every service it walks, with 1,000 or 2,000 hotlines', async () => {
    const measure = async () => {
      const m = await fetchCounted(MAP);
      const features = (JSON.parse(m.text) as { features: unknown[] }).features.length;
      return { rowsRead: m.rowsRead, trips: m.trips, features };
    };
    const measureAll = async () => [
      await measure(),
      await withStatistics(env.DB, measure),
      await withStatistics(env.DB, measure, BENCH_100K_STATISTICS),
    ];
    const sizes: Array<Array<{ rowsRead: number; trips: number; features: number }>> = [];
    for (const count of [1000, 1000]) {
      grown.push(...(await growDirectory(env.DB, count, { withinPath: MOSUL, typeId: 'hotline', name: 'Hotline' })));
      sizes.push(await measureAll());
    }
    const variants = ['without statistics', 'with statistics', 'with the statistics of 100,000 services'];
    console.log(
      'map of a district crowded with hotlines, 1,000 → 2,000',
      variants.map((v, i) => `${v}: ${sizes[0]![i]!.rowsRead} → ${sizes[1]![i]!.rowsRead} rows read`),
    );
    for (const [i, variant] of variants.entries()) {
      const [small, large] = [sizes[0]![i]!, sizes[1]![i]!];
      // A rank whose moment passed while the test ran is ranked again by the reader: ±20.
      expect(Math.abs(large.rowsRead - small.rowsRead), variant).toBeLessThanOrEqual(20);
      // The walked ranks, then a probe and a document for each service drawn (a service's points are
      // at least one), and a few dozen for the version, the taxonomy, the area and the count: a
      // document per walked hotline would be 500 more.
      expect(large.rowsRead, variant).toBeLessThanOrEqual(WALKED + 2 * large.features + 60);
      expect(large.trips, variant).toBeLessThanOrEqual(3);
    }
  }, 600_000);
});
