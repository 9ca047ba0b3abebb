/**
 * What the HSDS round trips (JSON and tabular form) share: the directory's services as the public
 * export gives them, emptying the directory of its listings, and the one comparison of two exports.
 */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { ORIGIN } from './support.ts';

/** One file of the public HSDS export (services.json, pathways.json, …) in one language. */
export async function exportFile(file: string, lang = 'en'): Promise<any[]> {
  const response = await exports.default.fetch(`${ORIGIN}/api/v1/exports/hsds/${file}?lang=${lang}`);
  expect(response.status).toBe(200);
  return (await response.json()) as any[];
}

export const exportServices = (lang = 'en') => exportFile('services.json', lang);

/**
 * Every table of the directory's listings, children first (foreign keys): no listing, organisation,
 * site, route or closure is left. Referral pathways are their own resource (pathways.json): unless
 * they go too, they stay without the services their steps named, which the import links again.
 */
const PATHWAY_TABLES = [
  'pathway_step_services',
  'pathway_step_referral_details',
  'pathway_steps',
  'pathway_verifications',
  'pathways',
];
const LISTING_TABLES = [
  'service_documents',
  'service_open_hours',
  'site_cells',
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
  'service_search_words',
  'locations',
  'services',
  'organisations',
];

export async function emptyDirectory({ withPathways = false } = {}) {
  const tables = withPathways
    ? [...PATHWAY_TABLES, ...LISTING_TABLES]
    : ['pathway_step_services WHERE service_id IS NOT NULL', ...LISTING_TABLES];
  for (const table of tables) await env.DB.prepare(`DELETE FROM ${table}`).run();
  expect(await exportServices()).toEqual([]);
  if (withPathways) expect(await exportFile('pathways.json')).toEqual([]);
}

/**
 * What must differ between two exports, and only that: `last_modified` is when the listing or
 * pathway was last written here, which an import is.
 */
export function normalised(items: any[]) {
  return items
    .map((s) => ({ ...s, last_modified: 'written at import' }))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}
