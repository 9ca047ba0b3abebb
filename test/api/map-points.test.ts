// A map draws up to 500 services at once. Its walk reads each service's map point, the few hundred
// bytes of its stored document that a point shows and its hours are worked out from, instead of
// the whole document: decoding whole documents was most of a map's CPU. A point is made only from
// the document (`pointOf`) and stored beside it; a document stored before points were kept is read
// whole, and the scheduled job stores it again.
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { documentsWithoutPoint, refreshDocuments } from '../../api/admin/edit/listing-index.ts';
import { runMaintenance } from '../../api/admin/jobs/maintenance.ts';
import { pointOf, type ServiceDocument } from '../../api/queries/service-documents.ts';
import { database } from '../../db/client.ts';
import { get } from '../support/http.ts';

const db = database(env.DB);
const LANGUAGES = ['ar', 'ckb', 'kmr', 'en', 'es'];

async function stored() {
  return (
    await env.DB.prepare('SELECT service_id AS id, body, point FROM service_documents ORDER BY service_id').all<{
      id: string;
      body: string;
      point: string | null;
    }>()
  ).results;
}

const minute = () => Math.floor(Date.now() / 60_000);
/** Maps compared at a time: a batch is asked twice within one minute. */
const BATCH = 20;
/** Words the sample's services hold, in its languages. */
const SEARCHES = ['legal', 'ابتزاز', 'police', 'shelter', 'psychosocial'];

/** `read` with every stored document's point taken away (as before points were kept), then put back. */
async function withoutPoints<T>(read: () => Promise<T>): Promise<T> {
  await env.DB.prepare('CREATE TABLE kept_points AS SELECT service_id, point FROM service_documents').run();
  try {
    await env.DB.prepare('UPDATE service_documents SET point = NULL').run();
    return await read();
  } finally {
    await env.DB.prepare(
      `UPDATE service_documents
          SET point = (SELECT k.point FROM kept_points k WHERE k.service_id = service_documents.service_id)`,
    ).run();
    await env.DB.prepare('DROP TABLE kept_points').run();
  }
}

/** The answers of `paths`, in order, each 200. */
async function answers(paths: string[]): Promise<string[]> {
  const texts: string[] = [];
  for (const path of paths) {
    const { status, text } = await get(path);
    expect(status, path).toBe(200);
    texts.push(text);
  }
  return texts;
}

describe('map points', () => {
  afterAll(async () => {
    await refreshDocuments(db, await documentsWithoutPoint(db, 100_000));
  });

  it('are stored with every document, made from it, and a fraction of its size', async () => {
    const rows = await stored();
    expect(rows.length).toBeGreaterThan(40);
    let bodyBytes = 0;
    let pointBytes = 0;
    for (const row of rows) {
      expect(row.point, row.id).not.toBeNull();
      expect(JSON.parse(row.point!), row.id).toEqual(pointOf(JSON.parse(row.body) as ServiceDocument));
      bodyBytes += row.body.length;
      pointBytes += row.point!.length;
    }
    expect(pointBytes).toBeLessThan(bodyBytes / 2);
  });

  it('are what a map draws', async () => {
    const { id, areaPcode, lon, lat } = (await env.DB.prepare(
      `SELECT d.service_id AS id, json_extract(d.point, '$.locations[0].areaPcode') AS areaPcode,
              json_extract(d.point, '$.locations[0].lon') AS lon, json_extract(d.point, '$.locations[0].lat') AS lat
         FROM service_documents d JOIN service_coverage c ON c.service_id = d.service_id
        WHERE json_array_length(d.point, '$.locations') > 0 AND json_extract(d.point, '$.locations[0].lon') IS NOT NULL
          AND c.area_path = '/IQ/IQG15/IQG15Q05/'
        ORDER BY d.service_id LIMIT 1`,
    ).first<{ id: string; areaPcode: string; lon: number; lat: number }>())!;
    // A point that says another name than its document (never so outside this test) is drawn with
    // the point's: the map reads the point, not the document.
    await env.DB.prepare(
      `UPDATE service_documents SET point = json_set(point, '$.service.names', json('{"en":"Drawn from the point"}'))
        WHERE service_id = ?`,
    )
      .bind(id)
      .run();
    // The area's map walks its order; a small box around the site is read whole.
    const box = [lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01].join(',');
    for (const path of ['/api/v1/map/services?area=IQG15Q05&lang=en', `/api/v1/map/services?bbox=${box}&lang=en`]) {
      const { body } = await get(path);
      const names = (body as { features: Array<{ properties: { service_id: string; name: string } }> }).features
        .filter((f) => f.properties.service_id === id)
        .map((f) => f.properties.name);
      expect(names.length, `${path} ${areaPcode}`).toBeGreaterThan(0);
      expect(new Set(names), path).toEqual(new Set(['Drawn from the point']));
    }
    await refreshDocuments(db, [id]);
    expect((await stored()).find((r) => r.id === id)!.point).not.toContain('Drawn from the point');
  });

  it('give every map of an area, of a box around its centre, of everywhere, of each type, and the searches and "open now" of each governorate the answer the whole documents give', async () => {
    const areas = (
      await env.DB.prepare(
        'SELECT pcode, level, centroid_lon AS lon, centroid_lat AS lat FROM areas ORDER BY pcode',
      ).all<{ pcode: string; level: number; lon: number; lat: number }>()
    ).results;
    const types = (await env.DB.prepare('SELECT id FROM service_types ORDER BY id').all<{ id: string }>()).results;
    expect(areas.length).toBeGreaterThan(700);
    // The maps that read points: an area or everywhere, unfiltered or of one type (a walk of its
    // order), a box around each area's centre (read whole, or walked where it holds many), and a
    // search's matches or "open now" read whole, in each language.
    const paths = [
      ...areas.map(({ pcode }, i) => `/api/v1/map/services?area=${pcode}&lang=${LANGUAGES[i % LANGUAGES.length]}`),
      ...areas.map(({ lon, lat }, i) => {
        const box = [lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1].join(',');
        return `/api/v1/map/services?bbox=${box}&lang=${LANGUAGES[(i + 1) % LANGUAGES.length]}`;
      }),
      ...LANGUAGES.map((lang) => `/api/v1/map/services?lang=${lang}`),
      ...types.flatMap(({ id }) => [
        `/api/v1/map/services?type=${id}&lang=en`,
        `/api/v1/map/services?type=${id}&area=IQG15&lang=ar`,
      ]),
      ...['', ...areas.filter((a) => a.level === 1).map((a) => `&area=${a.pcode}`)].flatMap((scope) => [
        `/api/v1/map/services?open_now=true${scope}&lang=ar`,
        ...SEARCHES.map((q) => `/api/v1/map/services?q=${encodeURIComponent(q)}${scope}&lang=en`),
      ]),
    ];
    let drawn = 0;
    for (let i = 0; i < paths.length; i += BATCH) {
      const batch = paths.slice(i, i + BATCH);
      // A point's open state is of the minute it is drawn, so both answers of a batch are compared
      // only when made within one minute; a batch that crosses one is asked again.
      for (let attempt = 1; ; attempt++) {
        const started = minute();
        const fromPoints = await answers(batch);
        const fromDocuments = await withoutPoints(() => answers(batch));
        if (minute() !== started && attempt < 5) continue;
        expect(minute(), 'a batch of maps answered within one minute').toBe(started);
        for (const [j, path] of batch.entries()) expect(fromPoints[j], path).toBe(fromDocuments[j]);
        drawn += fromPoints.filter((text) => text.includes('"service_id"')).length;
        break;
      }
    }
    // The sample places services in a few areas only, but a hundred of these maps draw points: the
    // answers compared are of points, not only of empty maps.
    expect(drawn).toBeGreaterThan(100);
  }, 600_000);

  it('are stored by the scheduled job for documents stored before points were kept', async () => {
    const before = await stored();
    await env.DB.prepare('UPDATE service_documents SET point = NULL').run();
    expect(await documentsWithoutPoint(db, 100_000)).toHaveLength(before.length);
    await runMaintenance(db, new Date());
    expect(await documentsWithoutPoint(db, 100_000)).toEqual([]);
    for (const row of await stored()) {
      expect(JSON.parse(row.point!), row.id).toEqual(pointOf(JSON.parse(row.body) as ServiceDocument));
    }
  });
});
