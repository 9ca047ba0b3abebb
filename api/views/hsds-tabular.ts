/**
 * HSDS's tabular form (one CSV per table, the columns of HSDS's own datapackage.json), from the
 * nested HSDS objects the API serves: every nested object becomes a row of its table, each once
 * (by id), with its link ids as HSDS gives them (service_id, location_id, link_id, …).
 * `api/hsds-standard/datapackage.json` is Open Referral's file, unmodified (CC BY-SA 4.0, see
 * api/hsds-standard/README.md).
 */
import hsdsPackage from '../hsds-standard/datapackage.json';

interface HsdsResource {
  name: string;
  path: string;
  schema: { fields: Array<{ name: string }> };
}

export const HSDS_RESOURCES = (hsdsPackage as { resources: HsdsResource[] }).resources;
const COLUMNS = new Map(HSDS_RESOURCES.map((r) => [r.name, r.schema.fields.map((f) => f.name)]));

/** The HSDS table of an object by the key it is nested under. */
const TABLE_OF_KEY: Record<string, string> = {
  organization: 'organization',
  phones: 'phone',
  schedules: 'schedule',
  service_areas: 'service_area',
  service_at_locations: 'service_at_location',
  location: 'location',
  addresses: 'address',
  languages: 'language',
  accessibility: 'accessibility',
  attributes: 'attribute',
  metadata: 'metadata',
  cost_options: 'cost_option',
  additional_urls: 'url',
  taxonomy_term: 'taxonomy_term',
  taxonomy_detail: 'taxonomy',
  contacts: 'contact',
  funding: 'funding',
  required_documents: 'required_document',
  program: 'program',
};

export type TabularRow = Record<string, string | number | boolean>;

/**
 * Rows of `table` in a nested HSDS object whose own table is `rootTable`; `seen` (ids per table)
 * keeps an object shared by several services (an organization, a term) to one row.
 */
export function tabularRows(root: object, rootTable: string, table: string, seen: Set<string>): TabularRow[] {
  const rows: TabularRow[] = [];
  const visit = (object: Record<string, unknown>, objectTable: string) => {
    if (objectTable === table) {
      const key = String(object.id ?? JSON.stringify(object));
      if (!seen.has(key)) {
        seen.add(key);
        rows.push(rowOf(object, table));
      }
    }
    for (const [key, value] of Object.entries(object)) {
      const childTable = TABLE_OF_KEY[key];
      if (!childTable || !value || typeof value !== 'object') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object') visit(child as Record<string, unknown>, childTable);
      }
    }
  };
  visit(root as Record<string, unknown>, rootTable);
  return rows;
}

function rowOf(object: Record<string, unknown>, table: string): TabularRow {
  const row: TabularRow = {};
  for (const column of COLUMNS.get(table) ?? []) {
    const value = object[column];
    row[column] = value === undefined || value === null || typeof value === 'object' ? '' : (value as string | number);
  }
  return row;
}

export const columnsOf = (table: string) => COLUMNS.get(table) ?? [];
