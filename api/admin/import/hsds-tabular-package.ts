/**
 * Reads an HSDS 3.x data package in its tabular form — a zip holding `datapackage.json` and the
 * CSV tables it names — back into the fully nested HSDS services of the JSON form, which the one
 * importer of HSDS services (hsds-package.ts) then plans. This module only reads: every row is
 * joined to the objects its link ids name (service_id, location_id, service_at_location_id,
 * phone_id, organization_id, link_entity/link_id of attributes, resource_type/resource_id of
 * metadata, …) as HSDS nests them; what the rows mean is the importer's concern.
 *
 * The file names come from the descriptor's resource list, never assumed. The table a resource
 * holds is its HSDS name ("service", "phone", …; else its HSDS file name), and its columns are read
 * by their header, with the types of HSDS's own table schemas (api/hsds-standard/datapackage.json).
 * A package that cannot be read whole is refused, naming the file, row and column: nothing of it
 * is planned.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
// Node (the `npm run import` command runs this module) imports JSON only with this attribute;
// tsconfig's module setting (ES2022) does not know the syntax, which the Worker's bundler and Node read.
// @ts-expect-error -- import attributes need module esnext in tsconfig; the type still comes from the file
import hsdsStandard from '../../hsds-standard/datapackage.json' with { type: 'json' };
import { invalid } from '../../errors.ts';
import { parseCsv } from './sheet.ts';

/**
 * A zip bomb stays out: at most this many entries, and this many bytes once uncompressed, all
 * entries together as the zip declares them (a declared size is also the most fflate inflates an
 * entry to). The HSDS tables of 2,000 services (the row limit of an import) fit well within them.
 */
export const MAX_PACKAGE_ENTRIES = 100;
export const MAX_PACKAGE_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
/** A refusal lists at most this many problems: enough to see what is wrong with the package. */
const MAX_ISSUES = 20;

type Json = Record<string, unknown>;

interface StandardTable {
  name: string;
  path: string;
  schema: {
    fields: Array<{ name: string; type: string }>;
    foreignKeys?: Array<{ fields: string | string[]; reference: { resource: string; fields: string | string[] } }>;
  };
}

const STANDARD = (hsdsStandard as { resources: StandardTable[] }).resources;
const TABLE_BY_NAME = new Map(STANDARD.map((t) => [t.name, t]));
const TABLE_BY_PATH = new Map(STANDARD.map((t) => [t.path, t]));

/**
 * Where a row of a table is nested, by the first of its link ids that is set: a schedule of a
 * service at a location carries the service's and location's ids too, but belongs to the former.
 */
const NESTED_IN: Record<string, Array<[column: string, parent: string, key: string]>> = {
  service_at_location: [['service_id', 'service', 'service_at_locations']],
  phone: [
    ['contact_id', 'contact', 'phones'],
    ['service_at_location_id', 'service_at_location', 'phones'],
    ['location_id', 'location', 'phones'],
    ['service_id', 'service', 'phones'],
    ['organization_id', 'organization', 'phones'],
  ],
  schedule: [
    ['service_at_location_id', 'service_at_location', 'schedules'],
    ['location_id', 'location', 'schedules'],
    ['service_id', 'service', 'schedules'],
  ],
  service_area: [
    ['service_at_location_id', 'service_at_location', 'service_areas'],
    ['service_id', 'service', 'service_areas'],
  ],
  language: [
    ['phone_id', 'phone', 'languages'],
    ['location_id', 'location', 'languages'],
    ['service_id', 'service', 'languages'],
  ],
  address: [['location_id', 'location', 'addresses']],
  accessibility: [['location_id', 'location', 'accessibility']],
  cost_option: [['service_id', 'service', 'cost_options']],
  url: [
    ['service_id', 'service', 'additional_urls'],
    ['organization_id', 'organization', 'additional_websites'],
  ],
  contact: [
    ['service_at_location_id', 'service_at_location', 'contacts'],
    ['location_id', 'location', 'contacts'],
    ['service_id', 'service', 'contacts'],
    ['organization_id', 'organization', 'contacts'],
  ],
  funding: [
    ['service_id', 'service', 'funding'],
    ['organization_id', 'organization', 'funding'],
  ],
  required_document: [['service_id', 'service', 'required_documents']],
  organization_identifier: [['organization_id', 'organization', 'organization_identifiers']],
  program: [['organization_id', 'organization', 'programs']],
};

/** One object a row names by its id, nested under its key (a service's organization, a site's location). */
const ONE_OF: Array<[table: string, column: string, target: string, key: string]> = [
  ['service', 'organization_id', 'organization', 'organization'],
  ['service', 'program_id', 'program', 'program'],
  ['service_at_location', 'location_id', 'location', 'location'],
  ['attribute', 'taxonomy_term_id', 'taxonomy_term', 'taxonomy_term'],
  ['taxonomy_term', 'taxonomy_id', 'taxonomy', 'taxonomy_detail'],
];

/** Rows that name their owner by table and id: attributes (link_entity, link_id), metadata. */
const LINKED_BY_ENTITY: Record<string, [entity: string, id: string, key: string]> = {
  attribute: ['link_entity', 'link_id', 'attributes'],
  metadata: ['resource_type', 'resource_id', 'metadata'],
};

interface Row {
  file: string;
  /** The record's number in its CSV file, the header being 1 (as a spreadsheet numbers rows). */
  row: number;
  object: Json;
}

interface Table {
  file: string;
  rows: Row[];
  byId: Map<string, Row>;
}

class Refusal extends Error {}

/** The refusal: 400 naming the file field, each reason saying the file, row and column. */
const refuse = (reasons: string[]) =>
  invalid(
    reasons.slice(0, MAX_ISSUES).map((reason) => ({ in: 'body' as const, name: 'file', reason })),
    'The HSDS data package (tabular form) cannot be read: nothing was imported.',
  );

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function text(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw refuse([`${file} is not UTF-8 text`]);
  }
}

/**
 * The entries of the zip, inflating only those `wanted` asks for; the caps are checked against
 * every entry's declared size before anything is inflated.
 */
function readZip(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  const filter = (info: UnzipFileInfo) => {
    entries += 1;
    total += info.originalSize;
    if (entries > MAX_PACKAGE_ENTRIES)
      throw new Refusal(`the zip has more than ${MAX_PACKAGE_ENTRIES} entries (at most ${MAX_PACKAGE_ENTRIES})`);
    if (total > MAX_PACKAGE_UNCOMPRESSED_BYTES)
      throw new Refusal(
        `the zip holds more than ${MAX_PACKAGE_UNCOMPRESSED_BYTES} bytes once uncompressed ` +
          `(at most ${MAX_PACKAGE_UNCOMPRESSED_BYTES}, all entries together)`,
      );
    return wanted(info.name);
  };
  try {
    return unzipSync(bytes, { filter });
  } catch (error) {
    if (error instanceof Refusal) throw refuse([error.message]);
    throw refuse(['is not a zip archive that can be read (an HSDS tabular package is a .zip)']);
  }
}

/** A cell as the JSON form would hold it: HSDS's number columns as numbers; an empty cell is absent. */
function typed(value: string, type: string | undefined): unknown {
  if (type === 'number' || type === 'integer') {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) ? n : undefined;
  }
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : undefined;
  return value;
}

function readTable(file: string, content: string, table: StandardTable, issues: string[]): Table {
  const { records, errors } = parseCsv(content);
  for (const e of errors) issues.push(`${file} row ${e.record}: ${e.message}`);
  const [headers = [], ...data] = records;
  const types = new Map(table.schema.fields.map((f) => [f.name, f.type]));
  const result: Table = { file, rows: [], byId: new Map() };
  if (!headers.includes('id')) {
    issues.push(`${file} has no id column (its header row: ${headers.join(', ')})`);
    return result;
  }
  for (const [i, cells] of data.entries()) {
    const row = i + 2;
    if (cells.every((c) => c === '')) continue;
    const object: Json = {};
    for (const [c, header] of headers.entries()) {
      const cell = cells[c] ?? '';
      if (cell === '' || header === '') continue;
      const value = typed(cell, types.get(header));
      if (value === undefined)
        issues.push(`${file} row ${row}, column ${header}: "${cell}" is not a ${types.get(header)}`);
      else object[header] = value;
    }
    const id = object.id;
    if (typeof id !== 'string') {
      issues.push(`${file} row ${row}, column id: is empty`);
      continue;
    }
    const earlier = result.byId.get(id);
    if (earlier) {
      issues.push(`${file} row ${row}, column id: "${id}" is also the id of row ${earlier.row}`);
      continue;
    }
    const entry = { file, row, object };
    result.rows.push(entry);
    result.byId.set(id, entry);
  }
  return result;
}

const single = (v: string | string[]) => (Array.isArray(v) ? (v.length === 1 ? v[0]! : null) : v);

/** Every link id of every row names a row that is in the package, else a problem naming it. */
function checkLinks(tables: Map<string, Table>, issues: string[]) {
  const target = (row: Row, column: string, table: string | undefined, id: unknown) => {
    if (typeof id !== 'string') return;
    const found = table ? tables.get(table) : undefined;
    if (found?.byId.has(id)) return;
    const where = `${row.file} row ${row.row}, column ${column}`;
    if (!table || !TABLE_BY_NAME.has(table)) issues.push(`${where}: "${table ?? ''}" is not an HSDS table`);
    else if (!found) issues.push(`${where}: names ${table} "${id}", but the package has no ${table} table`);
    else issues.push(`${where}: no row of ${found.file} has the id "${id}"`);
  };
  for (const [name, table] of tables) {
    const keys = TABLE_BY_NAME.get(name)!.schema.foreignKeys ?? [];
    for (const row of table.rows) {
      for (const key of keys) {
        const column = single(key.fields);
        if (column) target(row, column, key.reference.resource, row.object[column]);
      }
      const byEntity = LINKED_BY_ENTITY[name];
      if (byEntity) {
        const [entityColumn, idColumn] = byEntity;
        if (typeof row.object[idColumn] !== 'string')
          issues.push(`${row.file} row ${row.row}, column ${idColumn}: is empty`);
        else target(row, idColumn, row.object[entityColumn] as string | undefined, row.object[idColumn]);
      }
    }
  }
}

/** Each row's object put where HSDS nests it; the rows' order in their files is kept. */
function nest(tables: Map<string, Table>) {
  const push = (parent: Json, key: string, child: Json) => {
    const list = (parent[key] ??= []) as Json[];
    list.push(child);
  };
  const rowOf = (table: unknown, id: unknown) =>
    typeof table === 'string' && typeof id === 'string' ? tables.get(table)?.byId.get(id) : undefined;
  for (const [name, table] of tables) {
    const parents = NESTED_IN[name] ?? [];
    const byEntity = LINKED_BY_ENTITY[name];
    for (const { object } of table.rows) {
      const link = parents.find(([column]) => typeof object[column] === 'string');
      const parent = link && rowOf(link[1], object[link[0]]);
      if (parent) push(parent.object, link[2], object);
      const owner = byEntity && rowOf(object[byEntity[0]], object[byEntity[1]]);
      if (owner) push(owner.object, byEntity[2], object);
    }
  }
  for (const [name, column, target, key] of ONE_OF) {
    for (const { object } of tables.get(name)?.rows ?? []) {
      const found = rowOf(target, object[column]);
      if (found) object[key] = found.object;
    }
  }
}

/** The HSDS table a descriptor's resource holds: by its HSDS name, else by HSDS's file name for it. */
function tableOf(resource: Json): StandardTable | undefined {
  const byName = typeof resource.name === 'string' ? TABLE_BY_NAME.get(resource.name) : undefined;
  if (byName) return byName;
  const path = typeof resource.path === 'string' ? resource.path.split('/').at(-1)! : '';
  return TABLE_BY_PATH.get(path);
}

/** The services of a tabular HSDS package (a zip), nested as the JSON form nests them. */
export function readTabularPackage(buffer: ArrayBuffer): Json[] {
  const bytes = new Uint8Array(buffer);
  const names: string[] = [];
  readZip(bytes, (name) => {
    names.push(name);
    return false;
  });
  // The descriptor at the top of the zip, or in its one folder (a zipped package folder).
  const descriptorName = names
    .filter((n) => n === 'datapackage.json' || n.endsWith('/datapackage.json'))
    .sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (!descriptorName)
    throw refuse([
      'the zip has no datapackage.json: an HSDS tabular package names its CSV files there ' +
        `(entries found: ${names.slice(0, 10).join(', ') || 'none'})`,
    ]);
  const folder = descriptorName.slice(0, -'datapackage.json'.length);
  const descriptorText = text(readZip(bytes, (name) => name === descriptorName)[descriptorName]!, descriptorName);
  let descriptor: unknown;
  try {
    descriptor = JSON.parse(descriptorText);
  } catch {
    throw refuse([`${descriptorName} is not JSON`]);
  }
  const resources = (descriptor as Json | null)?.resources;
  if (!Array.isArray(resources)) throw refuse([`${descriptorName} has no "resources" list`]);

  const issues: string[] = [];
  const wanted = new Map<string, { entry: string; path: string; table: StandardTable }>();
  for (const resource of resources as Json[]) {
    const table = tableOf(resource ?? {});
    const path = resource?.path;
    // The JSON resources and extensions of a package are not its tables: the tabular form is the CSVs.
    if (!table || typeof path !== 'string' || !path.toLowerCase().endsWith('.csv')) continue;
    if (wanted.has(table.name)) {
      issues.push(
        `${descriptorName} names two files for the ${table.name} table: ${wanted.get(table.name)!.path} and ${path}`,
      );
      continue;
    }
    const entry = `${folder}${path.replace(/^\.\//, '')}`;
    if (!names.includes(entry))
      issues.push(
        `${descriptorName} names the resource "${String(resource.name)}" at ${path}, which is not in the zip`,
      );
    else wanted.set(table.name, { entry, path, table });
  }
  if (!wanted.has('service') && !issues.length)
    issues.push(`${descriptorName} names no services table (resource "service", services.csv)`);
  if (issues.length) throw refuse(issues);

  const entries = new Set([...wanted.values()].map((w) => w.entry));
  const files = readZip(bytes, (name) => entries.has(name));
  const tables = new Map<string, Table>();
  for (const { entry, path, table } of wanted.values())
    tables.set(table.name, readTable(path, text(files[entry]!, path), table, issues));
  if (issues.length) throw refuse(issues);
  checkLinks(tables, issues);
  if (issues.length) throw refuse(issues);
  nest(tables);
  return tables.get('service')!.rows.map((r) => r.object);
}
