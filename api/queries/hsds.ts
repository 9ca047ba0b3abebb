/**
 * Reads for the HSDS 3 export (P3), on top of the public read model (public-directory.ts).
 *
 * Same rules as that module: only published services; only public columns (the referral-details
 * table is never joined, practitioner routes never selected); a location is read only as the
 * public sees it (confidential-location.ts); every detail query takes the page's ids as one JSON
 * parameter, so a page costs a fixed number of queries whatever its size.
 */
import { count, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idList as inList, idPage } from '../../db/id-list.ts';
import {
  areas,
  closures,
  contactRoutes,
  locations,
  organisations,
  serviceAreas,
  serviceAtLocations,
  serviceTypeAssignments,
  services,
} from '../../db/schema.ts';
import { toClosure, type ClosureFact } from '../domain/service-hours.ts';
import { governoratePathOf } from './area-paths.ts';
import { publicAreaPcode, site } from './confidential-location.ts';
import {
  currentClosures,
  publicContactRoutes,
  publicLocations,
  publicServices,
  serviceAreaCodes,
  serviceTypeIds,
  type PublicContactRouteRow,
  type PublicLocationRow,
  type PublicServiceRow,
} from './public-directory.ts';

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

export type PublicOrganisationRow = Awaited<ReturnType<typeof publicOrganisations>>[number];

/** An area with the first-level area it lies in (governorate in Iraq, departamento in Guatemala). */
export type AreaNameRow = Awaited<ReturnType<typeof areaNameRows>>[number];

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

const s = alias(services, 's');
const o = alias(organisations, 'o');
const r = alias(contactRoutes, 'r');
const c = alias(closures, 'c');
const l = alias(locations, 'l');
const sal = alias(serviceAtLocations, 'sal');
const a = alias(serviceTypeAssignments, 'a');

/**
 * HSDS `last_modified` is "when the service, or any related information about the service, has
 * changed", so it is the latest update of the service, its organisation, its public contact routes,
 * its sites and its closures. Needs `s` (services) and `o` (its organisation) in scope.
 */
const LAST_MODIFIED = sql<string>`max(${s.updatedAt}, ${o.updatedAt},
  coalesce((SELECT max(${r.updatedAt}) FROM ${contactRoutes} ${r}
    WHERE ${r.serviceId} = ${s.id} AND ${r.visibility} = 'public'), ''),
  coalesce((SELECT max(${l.updatedAt}) FROM ${serviceAtLocations} ${sal}
    JOIN ${locations} ${l} ON ${l.id} = ${sal.locationId} WHERE ${sal.serviceId} = ${s.id}), ''),
  coalesce((SELECT max(${c.updatedAt}) FROM ${closures} ${c} WHERE ${c.serviceId} = ${s.id} OR ${c.contactRouteId} IN
    (SELECT ${r.id} FROM ${contactRoutes} ${r} WHERE ${r.serviceId} = ${s.id} AND ${r.visibility} = 'public')), ''))`;

/**
 * SQLite prefers walking every published service through the (status, sort_name) index, which is
 * already in name order, to a far narrower index plus a sort; the unary + takes the status index
 * out of its choices when an organisation or a service type narrows the set.
 */
const PUBLISHED_NOT_INDEXED = sql`+${s.status} = 'published'`;

/**
 * One page of published services in name order, with the number of all that match, paged by
 * offset (along the (status, sort_name, id) index when nothing narrows the set). `modifiedAfter`
 * evaluates LAST_MODIFIED for every published service (index lookups per service): a filter for
 * partners syncing the directory, not a survivor-facing one.
 */
export async function publishedServicePage(db: Database, filter: ServiceFilter, page: PageRequest): Promise<IdPage> {
  const narrowed = filter.organisationId !== undefined || filter.typeIds !== undefined;
  const conditions: SQL[] = [narrowed ? PUBLISHED_NOT_INDEXED : sql`${s.status} = 'published'`];
  if (filter.organisationId) conditions.push(sql`${s.organisationId} = ${filter.organisationId}`);
  if (filter.typeIds) {
    conditions.push(sql`${s.id} IN (SELECT ${a.serviceId} FROM ${serviceTypeAssignments} ${a}
      WHERE ${a.serviceTypeId} IN ${inList(filter.typeIds)})`);
  }
  if (filter.modifiedAfter) conditions.push(sql`${LAST_MODIFIED} >= ${filter.modifiedAfter}`);
  const where = sql.join(conditions, sql` AND `);
  const idQuery = db.select({ id: s.id }).from(s).$dynamic();
  const countQuery = db.select({ total: count() }).from(s).$dynamic();
  for (const query of [idQuery, countQuery]) {
    if (filter.modifiedAfter) query.innerJoin(o, eq(o.id, s.organisationId));
    query.where(where);
  }
  const [rows, [counted]] = await Promise.all([
    idQuery
      .orderBy(s.sortName, s.id)
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    countQuery,
  ]);
  return { ids: rows.map((row) => row.id), total: counted?.total ?? 0 };
}

/** The published services of one organisation, in name order. */
export async function publishedServiceIdsOf(db: Database, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: s.id })
    .from(s)
    .where(sql`${s.organisationId} = ${organisationId} AND ${PUBLISHED_NOT_INDEXED}`)
    .orderBy(s.sortName, s.id);
  return rows.map((row) => row.id);
}

/** A provider is public only through a published service: other organisations stay out. */
const PROVIDES_PUBLISHED = sql`EXISTS (SELECT 1 FROM ${services} ${s}
  WHERE ${s.organisationId} = ${o.id} AND ${PUBLISHED_NOT_INDEXED})`;

export async function publishedOrganisationPage(db: Database, page: PageRequest): Promise<IdPage> {
  const [rows, [counted]] = await Promise.all([
    db
      .select({ id: o.id })
      .from(o)
      .where(PROVIDES_PUBLISHED)
      .orderBy(o.id)
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ total: count() }).from(o).where(PROVIDES_PUBLISHED),
  ]);
  return { ids: rows.map((row) => row.id), total: counted?.total ?? 0 };
}

const organisationFields = {
  id: o.id,
  names: o.names,
  descriptions: o.descriptions,
  website: o.website,
  updatedAt: o.updatedAt,
};

export function publicOrganisations(db: Database, organisationIds: readonly string[]) {
  if (!organisationIds.length) return Promise.resolve([]);
  return db
    .select(organisationFields)
    .from(idPage(organisationIds))
    .crossJoin(o)
    .where(sql`${o.id} = page.value AND ${PROVIDES_PUBLISHED}`);
}

/** The organisations of the given services, read alongside them (a published service's provider is public). */
function organisationsOfServices(db: Database, serviceIds: readonly string[]) {
  return db
    .selectDistinct(organisationFields)
    .from(idPage(serviceIds))
    .crossJoin(s)
    .innerJoin(o, eq(o.id, s.organisationId))
    .where(sql`${s.id} = page.value AND ${s.status} = 'published'`);
}

async function lastModified(db: Database, serviceIds: readonly string[]): Promise<Map<string, string>> {
  if (!serviceIds.length) return new Map();
  const rows = await db
    .select({ id: s.id, lastModified: LAST_MODIFIED })
    .from(idPage(serviceIds))
    .crossJoin(s)
    .innerJoin(o, eq(o.id, s.organisationId))
    .where(sql`${s.id} = page.value`);
  return new Map(rows.map((row) => [row.id, row.lastModified]));
}

const area = alias(areas, 'a');
const governorate = alias(areas, 'g');

/** The areas (as the public sees a site's area) the services cover or have sites in, with their governorate's names. */
function areaNameRows(db: Database, serviceIds: readonly string[]) {
  // The CTE's column has a name of its own: drizzle names it unqualified in the outer query.
  const wanted = db.$with('wanted').as(
    db
      .select({ pcode: publicAreaPcode.as('wanted_pcode') })
      .from(sal)
      .innerJoin(site, eq(site.id, sal.locationId))
      .where(sql`${sal.serviceId} IN ${inList(serviceIds)}`)
      .union(
        db
          .select({ pcode: serviceAreas.areaPcode })
          .from(serviceAreas)
          .where(sql`${serviceAreas.serviceId} IN ${inList(serviceIds)}`),
      ),
  );
  return db
    .with(wanted)
    .select({
      pcode: area.pcode,
      country: area.country,
      level: area.level,
      names: area.names,
      // A country lies in no governorate.
      governorateNames: sql<
        typeof areas.$inferSelect.names | null
      >`CASE WHEN ${governorate.level} = 1 THEN ${governorate.names} END`.mapWith(areas.names),
    })
    .from(wanted)
    .crossJoin(area)
    .leftJoin(governorate, eq(governorate.path, governoratePathOf(area.path)))
    .where(eq(area.pcode, wanted.pcode));
}

/** Names of the areas the services cover or have sites in, with their first-level area's names. */
export async function serviceAreaNames(db: Database, serviceIds: readonly string[]): Promise<Map<string, AreaNameRow>> {
  if (!serviceIds.length) return new Map();
  const rows = await areaNameRows(db, serviceIds);
  return new Map(rows.map((row) => [row.pcode, row]));
}

/**
 * The records of the given published services, in the order given; ids that are not published
 * services are dropped. `full` adds what only service_full shows (sites, service areas, types);
 * the public routes are always read, because a route's closure is part of the service's `alert`.
 */
export async function serviceRecords(
  db: Database,
  serviceIds: string[],
  now: Date,
  full: boolean,
): Promise<HsdsServiceRecord[]> {
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
  const organisations = new Map(providers.map((org) => [org.id, org]));
  const routeOwner = new Map(routes.map((route) => [route.id, route.serviceId]));
  const closureFacts = closures.map(toClosure);
  const serviceById = new Map(services.map((service) => [service.id, service]));
  return serviceIds.flatMap((id): HsdsServiceRecord[] => {
    const service = serviceById.get(id);
    const organisation = service && organisations.get(service.organisationId);
    if (!service || !organisation) return [];
    return [
      {
        service,
        organisation,
        lastModified: modified.get(id) ?? service.updatedAt,
        closures: closureFacts.filter((cl) => (cl.serviceId ?? routeOwner.get(cl.contactRouteId ?? '')) === id),
        typeIds: types.filter((t) => t.serviceId === id).map((t) => t.typeId),
        routes: routes.filter((route) => route.serviceId === id),
        locations: locations.filter((loc) => loc.serviceId === id),
        areaPcodes: areas.filter((sa) => sa.serviceId === id).map((sa) => sa.areaPcode),
      },
    ];
  });
}
