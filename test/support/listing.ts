/** The listing that cost and order tests ask of `listServices` directly, and the district they grow. */
import { descendantsEnd } from '../../api/domain/area-paths.ts';
import { areaScope } from '../../api/queries/area-paths.ts';
import type { ListingRequest } from '../../api/queries/service-listing.ts';

/** Mosul district: the tests grow the directory inside it (2,178 services at the bench's 100,000). */
export const MOSUL = areaScope('/IQ/IQG15/IQG15Q05/');

/** A first page of 20 in relevance order, at this moment, with these changes. */
export const listingRequest = (overrides: Partial<ListingRequest> = {}): ListingRequest => ({
  filters: {},
  openOnly: false,
  sort: 'relevance',
  limit: 20,
  now: new Date(),
  ...overrides,
});

/** The taxonomy, and each type with its sub-types, as a request asks for it (`type=police` is police and its own). */
export async function taxonomy(db: D1Database) {
  const { results: types } = await db
    .prepare('SELECT id, parent_id AS parentId FROM service_types')
    .all<{ id: string; parentId: string | null }>();
  const withSubtypes = (id: string) => [id, ...types.filter((t) => t.parentId === id).map((t) => t.id)];
  return { types, withSubtypes };
}

/**
 * The published services relevant in the area at `path` (covering it, anything inside it, or an
 * ancestor), one row per service and type: read from the facts, never from the ranks a listing walks.
 */
export async function servicesRelevantIn(db: D1Database, path: string): Promise<Array<{ id: string; typeId: string }>> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT a.service_id AS id, a.service_type_id AS typeId
         FROM service_type_assignments a JOIN services s ON s.id = a.service_id
        WHERE s.status = 'published' AND a.service_id IN (
          SELECT service_id FROM service_coverage
           WHERE area_path IN (SELECT value FROM json_each(?)) OR (area_path >= ? AND area_path < ?))`,
    )
    .bind(JSON.stringify(areaScope(path).ancestorPaths), path, descendantsEnd(path))
    .all<{ id: string; typeId: string }>();
  return results;
}
