/**
 * What the HSDS round trips (JSON and tabular form) share: the directory's services as the public
 * export gives them, emptying the directory of its listings, and the one comparison of two exports.
 */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { ORIGIN } from './support.ts';

const SERVICES_JSON = '/api/v1/exports/hsds/services.json?lang=en';

export async function exportServices(): Promise<any[]> {
  const response = await exports.default.fetch(`${ORIGIN}${SERVICES_JSON}`);
  expect(response.status).toBe(200);
  return (await response.json()) as any[];
}

/**
 * Every table of the directory's listings, children first (foreign keys): no listing, organisation,
 * site, route or closure is left. Referral pathways are their own resource (pathways.json, not part
 * of this import): they stay, without the services their steps named, which the import links again.
 */
const DIRECTORY_TABLES = [
  'pathway_step_services WHERE service_id IS NOT NULL',
  'service_referral_links',
  'problem_reports',
  'closures',
  'contact_routes',
  'service_at_locations',
  'service_areas',
  'service_coverage',
  'listing_ranks',
  'service_type_assignments',
  'service_referral_details',
  'service_search',
  'locations',
  'services',
  'organisations',
];

export async function emptyDirectory() {
  for (const table of DIRECTORY_TABLES) await env.DB.prepare(`DELETE FROM ${table}`).run();
  expect(await exportServices()).toEqual([]);
}

/**
 * What must differ between two exports, and only that: `last_modified` is when the listing was
 * last written here, which an import is.
 */
export function normalised(services: any[]) {
  return services
    .map((s) => ({ ...s, last_modified: 'written at import' }))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}
