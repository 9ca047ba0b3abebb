// An HSDS data package in its tabular form (a zip of datapackage.json and the CSV tables it names)
// imports as the JSON form does: the same diff, the same listings, and an export of the imported
// directory says what the first one said. A zip that cannot be read whole is refused, naming the
// file, row and column, before anything is planned.
import { env, exports } from 'cloudflare:workers';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_PACKAGE_ENTRIES, MAX_PACKAGE_UNCOMPRESSED_BYTES } from '../../api/admin/import/hsds-tabular-package.ts';
import { MAX_IMPORT_BYTES } from '../../api/admin/import/pipeline.ts';
import { emptyDirectory, exportServices, normalised } from './hsds-roundtrip.ts';
import { ORIGIN, signedIn, type Client, uploadImport } from './support.ts';

let admin: Client;
/** The directory's services as HSDS JSON, and the same directory's package as one zip. */
let first: any[];
let packageZip: Uint8Array;
/** The zip's files by name, to build broken packages from. */
let files: Record<string, Uint8Array>;

beforeAll(async () => {
  admin = await signedIn('admin');
  first = await exportServices();
  const response = await exports.default.fetch(`${ORIGIN}/api/v1/exports/hsds/datapackage.zip?lang=en`);
  expect(response.status).toBe(200);
  packageZip = new Uint8Array(await response.arrayBuffer());
  files = unzipSync(packageZip);
}, 120_000);

/** The tabular package alone: datapackage.json and its CSV tables, with `change` applied to the files. */
function tabularZip(change: (files: Zippable) => void = () => {}): Uint8Array {
  const chosen: Zippable = {};
  for (const [name, bytes] of Object.entries(files))
    if (!name.endsWith('.json') || name === 'datapackage.json') chosen[name] = bytes;
  change(chosen);
  return zipSync(chosen);
}

/** A table of the package with one row changed (rows counted from 0, the header not counted). */
function withRow(file: string, index: number, change: Record<string, string>): Uint8Array {
  const table = Papa.parse<Record<string, string>>(new TextDecoder().decode(files[file]!), {
    header: true,
    skipEmptyLines: true,
  });
  const fields = table.meta.fields!;
  const rows = table.data.map((r, i) => (i === index ? { ...r, ...change } : r));
  return strToU8(Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f])) }));
}

/** The refusal as a client reads it: a problem+json whose one error names the file field. */
async function refusalOf(zip: Uint8Array, name = 'package.zip') {
  const response = await uploadImport(admin, name, zip);
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  expect(response.body.errors.length).toBeGreaterThan(0);
  for (const e of response.body.errors) expect(e).toMatchObject({ in: 'body', name: 'file' });
  return response.body.errors.map((e: { reason: string }) => e.reason) as string[];
}

describe('importing an HSDS tabular package (zip)', () => {
  it('refuses a zip without datapackage.json, saying what the zip holds', async () => {
    const reasons = await refusalOf(
      tabularZip((chosen) => {
        delete chosen['datapackage.json'];
      }),
    );
    expect(reasons).toEqual([
      expect.stringMatching(/^the zip has no datapackage\.json.*entries found: .*services\.csv/),
    ]);
  });

  it('refuses a package whose descriptor names a table that is not in the zip, naming the file', async () => {
    const reasons = await refusalOf(
      tabularZip((chosen) => {
        delete chosen['phones.csv'];
      }),
    );
    expect(reasons).toEqual(['datapackage.json names the resource "phone" at phones.csv, which is not in the zip']);
  });

  it('refuses a row whose link id points to no row, naming the file, row and column', async () => {
    const reasons = await refusalOf(
      tabularZip((chosen) => {
        chosen['phones.csv'] = withRow('phones.csv', 1, { service_id: 'no-such-service' });
      }),
    );
    // The second data row is row 3 of the file (the header is row 1).
    expect(reasons).toEqual([
      'phones.csv row 3, column service_id: no row of services.csv has the id "no-such-service"',
    ]);
  });

  it('refuses an attribute linked to a location that is not in the package', async () => {
    const reasons = await refusalOf(
      tabularZip((chosen) => {
        chosen['attributes.csv'] = withRow('attributes.csv', 0, {
          link_entity: 'location',
          link_id: 'a-site-nobody-has',
        });
      }),
    );
    expect(reasons).toEqual([
      'attributes.csv row 2, column link_id: no row of locations.csv has the id "a-site-nobody-has"',
    ]);
  });

  it('refuses a table that is not UTF-8 text (a sheet saved as Windows-1252), naming the file', async () => {
    const reasons = await refusalOf(
      tabularZip((chosen) => {
        const original = chosen['services.csv'] as Uint8Array;
        chosen['services.csv'] = new Uint8Array([...original, ...strToU8('x,org,,Caf'), 0xe9, 0x0d, 0x0a]);
      }),
    );
    expect(reasons).toEqual(['services.csv is not UTF-8 text']);
  });

  it(`refuses a zip bomb: more than ${MAX_PACKAGE_UNCOMPRESSED_BYTES} bytes uncompressed, before inflating it`, async () => {
    // A few tens of kilobytes that would inflate to more than the cap.
    const bomb = zipSync({ 'services.csv': new Uint8Array(MAX_PACKAGE_UNCOMPRESSED_BYTES + 1).fill(32) }, { level: 1 });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const reasons = await refusalOf(bomb);
    expect(reasons).toEqual([
      `the zip holds more than ${MAX_PACKAGE_UNCOMPRESSED_BYTES} bytes once uncompressed ` +
        `(at most ${MAX_PACKAGE_UNCOMPRESSED_BYTES}, all entries together)`,
    ]);
  });

  it('refuses a zip over the upload limit before reading it, saying that only datapackage.json and its CSVs are read from it', async () => {
    // Stored, not deflated: random bytes that make the zip itself larger than the limit.
    const filler = crypto.getRandomValues(new Uint8Array(65_536));
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    for (let at = 0; at < big.length; at += filler.length) big.set(filler.subarray(0, big.length - at), at);
    const zip = zipSync({ 'datapackage.json': strToU8('{}'), 'services.json': [big, { level: 0 }] });
    expect(zip.byteLength).toBeGreaterThan(MAX_IMPORT_BYTES);
    const reasons = await refusalOf(zip);
    expect(reasons).toEqual([
      `is larger than ${MAX_IMPORT_BYTES} bytes; from a zip the import reads only datapackage.json and the CSV ` +
        'tables it names: zip those without the JSON files (services.json, taxonomies.json, pathways.json), or ' +
        'split the package',
    ]);
  });

  it(`refuses a zip of more than ${MAX_PACKAGE_ENTRIES} entries`, async () => {
    const reasons = await refusalOf(
      tabularZip((chosen) => {
        for (let i = 0; i < MAX_PACKAGE_ENTRIES; i++) chosen[`extra/${i}.txt`] = strToU8('x');
      }),
    );
    expect(reasons).toEqual([`the zip has more than ${MAX_PACKAGE_ENTRIES} entries (at most ${MAX_PACKAGE_ENTRIES})`]);
  });

  it('refuses a file named .zip that is not a zip', async () => {
    const reasons = await refusalOf(strToU8('id,name\n1,not a zip\n'));
    expect(reasons).toEqual([expect.stringContaining('is not a zip archive')]);
  });

  it('is read from the file name (.zip) or from format=hsds-tabular, with the diff of services.json', async () => {
    const byName = await uploadImport(admin, 'masar-package.zip', tabularZip());
    const byFormat = await uploadImport(admin, 'upload.bin', tabularZip(), { format: 'hsds-tabular' });
    const json = await uploadImport(admin, 'services.json', JSON.stringify(first));
    expect(byName.status, JSON.stringify(byName.body)).toBe(200);
    expect(byFormat.status, JSON.stringify(byFormat.body)).toBe(200);
    expect(byName.body.counts).toEqual(json.body.counts);
    expect(byName.body.rows).toEqual(json.body.rows);
    expect(byFormat.body.plan_hash).toBe(byName.body.plan_hash);
  });

  it('reads a package folder zipped whole: datapackage.json inside one folder, its paths relative to it', async () => {
    const flat = unzipSync(tabularZip());
    const inFolder = zipSync(
      Object.fromEntries(Object.entries(flat).map(([name, bytes]) => [`masar-package/${name}`, bytes])),
    );
    const fromFolder = await uploadImport(admin, 'masar-package.zip', inFolder);
    const fromTop = await uploadImport(admin, 'masar-package.zip', tabularZip());
    expect(fromFolder.status, JSON.stringify(fromFolder.body)).toBe(200);
    expect(fromFolder.body.counts.rejected).toBe(0);
    expect(fromFolder.body.plan_hash).toBe(fromTop.body.plan_hash);
  });

  it('a dry run of the zip shows the same diff as a dry run of the same directory as services.json', async () => {
    const zip = tabularZip();
    await emptyDirectory();
    const fromZip = await uploadImport(admin, 'package.zip', zip);
    const fromJson = await uploadImport(admin, 'services.json', JSON.stringify(first));
    expect(fromZip.status, JSON.stringify(fromZip.body)).toBe(200);
    expect(fromZip.body.counts).toEqual({ new: first.length, changed: 0, unchanged: 0, rejected: 0 });
    expect(fromZip.body.rows).toEqual(fromJson.body.rows);
    expect(fromZip.body.plan_hash).toBe(fromJson.body.plan_hash);
  }, 120_000);

  it('export as a zip → import into an empty directory → export again gives the same services and facts', async () => {
    await emptyDirectory();
    const dry = await uploadImport(admin, 'masar-hsds-datapackage.zip', packageZip);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.counts).toEqual({ new: first.length, changed: 0, unchanged: 0, rejected: 0 });
    const commit = await uploadImport(admin, 'masar-hsds-datapackage.zip', packageZip, {
      dry_run: 'false',
      plan_hash: dry.body.plan_hash,
    });
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);

    const drafts = await env.DB.prepare(
      "SELECT count(*) AS n FROM services WHERE status = 'draft' AND import_source LIKE ?",
    )
      .bind('masar-hsds-datapackage.zip, %')
      .first<{ n: number }>();
    expect(drafts!.n).toBe(first.length);
    // Imported listings are drafts; publishing them, as a reviewer would, lets the public export read them.
    await env.DB.prepare("UPDATE services SET status = 'published' WHERE status = 'draft'").run();

    const second = await exportServices();
    expect(second).toHaveLength(first.length);
    expect(normalised(second)).toEqual(normalised(first));

    const again = await uploadImport(admin, 'masar-hsds-datapackage.zip', packageZip);
    expect(again.body.counts).toEqual({ new: 0, changed: 0, unchanged: first.length, rejected: 0 });
  }, 180_000);
});
