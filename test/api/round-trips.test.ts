// Every D1 query is a network round trip in production: a page or an API answer reads what it needs
// in at most three, the directory version (the edge copy's key) included, however many services the
// district holds.
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { fetchCounted } from '../support/counted-fetch.ts';

const MOSUL = '/IQ/IQG15/IQG15Q05/';
const HERE = { lat: 36.345, lon: 43.155 };

describe('round trips to D1 per request', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('the area page, a service page and its API answer and the district list each take at most three round trips, with 1,000 or 2,000 services in the district', async () => {
    const linked = (await env.DB.prepare(
      'SELECT from_service_id AS id FROM service_referral_links ' +
        "JOIN services s ON s.id = from_service_id AND s.status = 'published' LIMIT 1",
    ).first<{ id: string }>())!.id;
    // Each request's exact number of round trips: the version, then what the answer needs. The
    // taxonomy kept per isolate for the version (queries/service-types.ts) saves none of these: it
    // is read, when it is, in a batch with reads the answer needs anyway (taxonomy-copy.test.ts
    // counts the listing without an area, where it saves one).
    const expected: Array<[string, number]> = [
      // The version; the area, its breadcrumbs, children, pathways (and the taxonomy unless kept); the listing.
      ['/a/IQG15Q05?lang=en', 3],
      // The version; the service's document, areas and referral links (and the taxonomy unless kept).
      [`/s/${linked}?lang=en`, 2],
      [`/api/v1/services/${linked}?lang=en`, 2],
      // The version; the area (and the taxonomy unless kept); the walk.
      ['/api/v1/services?area=IQG15Q05&lang=en', 3],
    ];
    const sizes: Array<Array<{ trips: number; rowsRead: number }>> = [];
    for (const count of [1000, 1000]) {
      grown.push(...(await growDirectory(env.DB, count, { withinPath: MOSUL, around: { ...HERE, radiusKm: 8 } })));
      const measured = [];
      for (const [path, trips] of expected) {
        const m = await fetchCounted(path);
        expect(m.trips, path).toBe(trips);
        measured.push({ trips: m.trips, rowsRead: m.rowsRead });
      }
      sizes.push(measured);
    }
    console.log(
      'round trips and rows read with 1,000 → 2,000 services in Mosul',
      expected.map(
        ([path], i) =>
          `${path}: ${sizes[0]![i]!.trips} trips, ${sizes[0]![i]!.rowsRead} → ${sizes[1]![i]!.rowsRead} rows`,
      ),
    );
    // The walks read the page, not the district: the same rows at both sizes.
    for (const i of [0, 1, 2, 3]) expect(sizes[1]![i]!.rowsRead, expected[i]![0]).toBe(sizes[0]![i]!.rowsRead);
  }, 300_000);
});
