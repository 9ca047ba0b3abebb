/**
 * Reads for the HSDS 3 export (P3), on top of the public read model (public-directory.ts).
 *
 * Same rules as that module: only published services; only public columns (the referral-details
 * table is never joined, practitioner routes never selected); a confidential location's address
 * and coordinates are masked by public-directory.ts in SQL; every detail query takes the page's ids
 * as one JSON parameter, so a page costs a fixed number of queries whatever its size.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Country, LocalizedText } from '../domain/vocabulary.ts';
import { toClosure, type ClosureFact } from '../domain/service-hours.ts';
import {
  currentClosures,
  publicContactRoutes,
  GOVERNORATE_OF,
  publicLocations,
  publicServices,
  serviceAreaCodes,
  serviceTypeIds,
  type PublicContactRouteRow,
  type PublicLocationRow,
  type PublicServiceRow,
} from './public-directory.ts';

type Db = DrizzleD1Database<any>;

export interface PageRequest {
  /** 1-based, as HSDS's `page`. */
  page: number;
  perPage: number;
}

export interface IdPage {
  ids: string[];
  total: number;
}

export interface ServiceFilter {
  /** Service type ids (already widened to sub-types). */
  typeIds?: string[];
  organisationId?: string;
  /** ISO 8601 UTC instant: only services whose public record changed at or after it. */
  modifiedAfter?: string;
}

export interface PublicOrganisationRow {
  id: string;
  names: LocalizedText;
  descriptions: LocalizedText;
  website: string | null;
  updatedAt: string;
}

/** An area with the first-level area it lies in (governorate in Iraq, departamento in Guatemala). */
export interface AreaNameRow {
  pcode: string;
  country: Country;
  level: number;
  names: LocalizedText;
  governorateNames: LocalizedText | null;
}

/** What the HSDS views need about one published service. */
export interface HsdsServiceRecord {
  service: PublicServiceRow;
  organisation: PublicOrganisationRow;
  /** When the service or anything public about it (routes, sites, closures, organisation) last changed. */
  lastModified: string;
  /** Closures and alerts that have not ended: they set HSDS `status` and `alert`. */
  closures: ClosureFact[];
  typeIds: string[];
  routes: PublicContactRouteRow[];
  locations: PublicLocationRow[];
  areaPcodes: string[];
}

const ids = (list: readonly string[]) => JSON.stringify(list);
const parse = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * HSDS `last_modified` is "when the service, or any related information about the service, has
 * changed", so it is the latest update of the service, its organisation, its public contact routes,
 * its sites and its closures. Needs `s` (services) and `o` (its organisation) in scope.
 */
const LAST_MODIFIED = sql`max(s.updated_at, o.updated_at,
  coalesce((SELECT max(r.updated_at) FROM contact_routes r WHERE r.service_id = s.id AND r.visibility = 'public'), ''),
  coalesce((SELECT max(l.updated_at) FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id WHERE sal.service_id = s.id), ''),
  coalesce((SELECT max(c.updated_at) FROM closures c WHERE c.service_id = s.id OR c.contact_route_id IN
    (SELECT r.id FROM contact_routes r WHERE r.service_id = s.id AND r.visibility = 'public')), ''))`;

/**
 * SQLite prefers walking every published service through the (status, sort_name) index, which is
 * already in name order, to a far narrower index plus a sort; the unary + takes the status index
 * out of its choices when an organisation or a service type narrows the set.
 */
const PUBLISHED_NOT_INDEXED = sql`+s.status = 'published'`;

/**
 * One page of published services in name order, with the number of all that match, paged by
 * offset (along the (status, sort_name, id) index when nothing narrows the set). `modifiedAfter`
 * evaluates LAST_MODIFIED for every published service (index lookups per service): a filter for
 * partners syncing the directory, not a survivor-facing one.
 */
export async function publishedServicePage(db: Db, filter: ServiceFilter, page: PageRequest): Promise<IdPage> {
  const narrowed = filter.organisationId !== undefined || filter.typeIds !== undefined;
  const conditions: SQL[] = [narrowed ? PUBLISHED_NOT_INDEXED : sql`s.status = 'published'`];
  if (filter.organisationId) conditions.push(sql`s.organisation_id = ${filter.organisationId}`);
  if (filter.typeIds) {
    conditions.push(sql`s.id IN (SELECT a.service_id FROM service_type_assignments a
      WHERE a.service_type_id IN (SELECT value FROM json_each(${ids(filter.typeIds)})))`);
  }
  if (filter.modifiedAfter) conditions.push(sql`${LAST_MODIFIED} >= ${filter.modifiedAfter}`);
  const from = filter.modifiedAfter
    ? sql`FROM services s JOIN organisations o ON o.id = s.organisation_id`
    : sql`FROM services s`;
  const where = sql.join(conditions, sql` AND `);
  const [rows, [count]] = await Promise.all([
    db.all<{ id: string }>(sql`SELECT s.id AS id ${from} WHERE ${where}
      ORDER BY s.sort_name, s.id LIMIT ${page.perPage} OFFSET ${(page.page - 1) * page.perPage}`),
    db.all<{ total: number }>(sql`SELECT count(*) AS total ${from} WHERE ${where}`),
  ]);
  return { ids: rows.map((r) => r.id), total: count?.total ?? 0 };
}

/** The published services of one organisation, in name order. */
export async function publishedServiceIdsOf(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(sql`
    SELECT s.id AS id FROM services s WHERE s.organisation_id = ${organisationId} AND ${PUBLISHED_NOT_INDEXED}
    ORDER BY s.sort_name, s.id`);
  return rows.map((r) => r.id);
}

/** A provider is public only through a published service: other organisations stay out. */
const PROVIDES_PUBLISHED = sql`EXISTS (SELECT 1 FROM services s WHERE s.organisation_id = o.id AND ${PUBLISHED_NOT_INDEXED})`;

export async function publishedOrganisationPage(db: Db, page: PageRequest): Promise<IdPage> {
  const [rows, [count]] = await Promise.all([
    db.all<{ id: string }>(sql`SELECT o.id AS id FROM organisations o WHERE ${PROVIDES_PUBLISHED}
      ORDER BY o.id LIMIT ${page.perPage} OFFSET ${(page.page - 1) * page.perPage}`),
    db.all<{ total: number }>(sql`SELECT count(*) AS total FROM organisations o WHERE ${PROVIDES_PUBLISHED}`),
  ]);
  return { ids: rows.map((r) => r.id), total: count?.total ?? 0 };
}

const ORGANISATION_COLUMNS = sql`o.id AS id, o.names AS names, o.descriptions AS descriptions, o.website AS website, o.updated_at AS updatedAt`;
const organisationRows = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({ ...r, names: parse(r.names), descriptions: parse(r.descriptions) }) as PublicOrganisationRow);

export async function publicOrganisations(db: Db, organisationIds: readonly string[]): Promise<PublicOrganisationRow[]> {
  if (!organisationIds.length) return [];
  return organisationRows(
    await db.all<Record<string, unknown>>(sql`SELECT ${ORGANISATION_COLUMNS}
      FROM json_each(${ids(organisationIds)}) page CROSS JOIN organisations o ON o.id = page.value
      WHERE ${PROVIDES_PUBLISHED}`),
  );
}

/** The organisations of the given services, read alongside them (a published service's provider is public). */
async function organisationsOfServices(db: Db, serviceIds: readonly string[]): Promise<PublicOrganisationRow[]> {
  return organisationRows(
    await db.all<Record<string, unknown>>(sql`SELECT DISTINCT ${ORGANISATION_COLUMNS}
      FROM json_each(${ids(serviceIds)}) page CROSS JOIN services s ON s.id = page.value
      JOIN organisations o ON o.id = s.organisation_id
      WHERE s.status = 'published'`),
  );
}

async function lastModified(db: Db, serviceIds: readonly string[]): Promise<Map<string, string>> {
  if (!serviceIds.length) return new Map();
  const rows = await db.all<{ id: string; lastModified: string }>(sql`
    SELECT s.id AS id, ${LAST_MODIFIED} AS lastModified
    FROM json_each(${ids(serviceIds)}) page CROSS JOIN services s ON s.id = page.value
    JOIN organisations o ON o.id = s.organisation_id`);
  return new Map(rows.map((r) => [r.id, r.lastModified]));
}

/** Names of the areas the services cover or have sites in, with their first-level area's names. */
export async function serviceAreaNames(db: Db, serviceIds: readonly string[]): Promise<Map<string, AreaNameRow>> {
  if (!serviceIds.length) return new Map();
  const list = ids(serviceIds);
  // Areas are at most three levels below the country, so the first-level area is the area
  // itself, its parent or its grandparent.
  const rows = await db.all<Record<string, unknown>>(sql`
    WITH wanted(pcode) AS (
      SELECT CASE WHEN l.is_confidential THEN ${GOVERNORATE_OF('l.area_pcode')} ELSE l.area_pcode END
      FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
      WHERE sal.service_id IN (SELECT value FROM json_each(${list}))
      UNION SELECT area_pcode FROM service_areas WHERE service_id IN (SELECT value FROM json_each(${list})))
    SELECT a.pcode AS pcode, a.country AS country, a.level AS level, a.names AS names,
      CASE WHEN a.level = 1 THEN a.names WHEN p.level = 1 THEN p.names WHEN pp.level = 1 THEN pp.names END AS governorateNames
    FROM wanted CROSS JOIN areas a ON a.pcode = wanted.pcode
    LEFT JOIN areas p ON p.pcode = a.parent_pcode LEFT JOIN areas pp ON pp.pcode = p.parent_pcode`);
  return new Map(
    rows.map((r) => [
      r.pcode as string,
      { ...r, names: parse(r.names), governorateNames: r.governorateNames ? parse(r.governorateNames) : null } as AreaNameRow,
    ]),
  );
}

/**
 * The records of the given published services, in the order given; ids that are not published
 * services are dropped. `full` adds what only service_full shows (sites, service areas, types);
 * the public routes are always read, because a route's closure is part of the service's `alert`.
 */
export async function serviceRecords(db: Db, serviceIds: string[], now: Date, full: boolean): Promise<HsdsServiceRecord[]> {
  if (!serviceIds.length) return [];
  const none = Promise.resolve([]);
  const [services, providers, modified, closures, types, routes, locations, areas] = await Promise.all([
    publicServices(db, serviceIds),
    organisationsOfServices(db, serviceIds),
    lastModified(db, serviceIds),
    currentClosures(db, serviceIds, now),
    full ? serviceTypeIds(db, serviceIds) : none,
    publicContactRoutes(db, serviceIds),
    full ? publicLocations(db, serviceIds) : none,
    full ? serviceAreaCodes(db, serviceIds) : none,
  ]);
  const organisations = new Map(providers.map((o) => [o.id, o]));
  const routeOwner = new Map(routes.map((r) => [r.id, r.serviceId]));
  const closureFacts = closures.map(toClosure);
  const serviceById = new Map(services.map((s) => [s.id, s]));
  return serviceIds.flatMap((id): HsdsServiceRecord[] => {
    const service = serviceById.get(id);
    const organisation = service && organisations.get(service.organisationId);
    if (!service || !organisation) return [];
    return [
      {
        service,
        organisation,
        lastModified: modified.get(id) ?? service.updatedAt,
        closures: closureFacts.filter((c) => (c.serviceId ?? routeOwner.get(c.contactRouteId ?? '')) === id),
        typeIds: types.filter((t) => t.serviceId === id).map((t) => t.typeId),
        routes: routes.filter((r) => r.serviceId === id),
        locations: locations.filter((l) => l.serviceId === id),
        areaPcodes: areas.filter((a) => a.serviceId === id).map((a) => a.areaPcode),
      },
    ];
  });
}
