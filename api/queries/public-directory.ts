/**
 * The public read model of services: the only place public endpoints read service details from.
 *
 * C3 and C9 are enforced here, in SQL, so restricted data never even reaches the Worker's memory
 * on a public request: practitioner-only contact routes are never selected, the referral-details
 * table is never joined, and a location is read only as the public sees it
 * (./confidential-location.ts: no address or coordinates for a confidential site).
 * Everything takes a list of ids as one JSON parameter, so a page costs a fixed number of queries
 * (no N+1) and stays under D1's limit on bound parameters; the id list drives each query (CROSS
 * JOIN keeps SQLite from walking a whole table instead).
 */
import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idList as inList, idPage, idsParameter, idsSlot } from '../../db/id-list.ts';
import { shaped } from '../../db/shaped-query.ts';
import {
  areas,
  closures,
  contactRoutes,
  locations,
  organisations,
  serviceAreas,
  serviceAtLocations,
  serviceTypeAssignments,
  serviceTypes,
  services,
} from '../../db/schema.ts';
import { governoratePathOf } from './area-paths.ts';
import { publicAreaPcode, publicSiteFields, site } from './confidential-location.ts';

export type PublicServiceRow = Awaited<ReturnType<typeof publicServices>>[number];
export type PublicContactRouteRow = Awaited<ReturnType<typeof publicContactRoutes>>[number];
export type PublicLocationRow = Awaited<ReturnType<typeof publicLocations>>[number];
export type ClosureRow = Awaited<ReturnType<typeof currentClosures>>[number];

const s = alias(services, 's');
const o = alias(organisations, 'o');
const r = alias(contactRoutes, 'r');
const c = alias(closures, 'c');
const sal = alias(serviceAtLocations, 'sal');
const a = alias(serviceTypeAssignments, 'a');
const t = alias(serviceTypes, 't');
const sa = alias(serviceAreas, 'sa');
const l = alias(locations, 'l');

export function publicServices(db: Database, serviceIds: readonly string[]) {
  if (!serviceIds.length) return Promise.resolve([]);
  return db
    .select({
      id: s.id,
      organisationId: s.organisationId,
      organisationNames: o.names,
      organisationWebsite: o.website,
      isSample: o.isSample,
      country: s.country,
      sortName: s.sortName,
      names: s.names,
      descriptions: s.descriptions,
      afterContact: s.afterContact,
      costKind: s.costKind,
      costNote: s.costNote,
      femaleStaff: s.femaleStaff,
      anonymousReporting: s.anonymousReporting,
      accompaniment: s.accompaniment,
      safePlaceMeeting: s.safePlaceMeeting,
      passesOnWithoutIdentity: s.passesOnWithoutIdentity,
      confidentialityNote: s.confidentialityNote,
      eligibleGender: s.eligibleGender,
      minAge: s.minAge,
      maxAge: s.maxAge,
      eligibilityNote: s.eligibilityNote,
      accessibility: s.accessibility,
      accessibilityNote: s.accessibilityNote,
      languages: s.languages,
      sourceDescription: s.sourceDescription,
      sourceUrl: s.sourceUrl,
      sourceDate: s.sourceDate,
      verificationStatus: s.verificationStatus,
      lastVerifiedAt: s.lastVerifiedAt,
      lastVerifiedBy: s.lastVerifiedBy,
      verificationMethod: s.verificationMethod,
      nextVerificationDue: s.nextVerificationDue,
      updatedAt: s.updatedAt,
    })
    .from(idPage(serviceIds))
    .crossJoin(s)
    .innerJoin(o, eq(o.id, s.organisationId))
    .where(sql`${s.id} = page.value AND ${s.status} = 'published'`);
}

export function publicContactRoutes(db: Database, serviceIds: readonly string[]) {
  if (!serviceIds.length) return Promise.resolve([]);
  return db
    .select({
      id: r.id,
      serviceId: r.serviceId,
      kind: r.kind,
      value: r.value,
      labels: r.labels,
      languages: r.languages,
      openingHours: r.openingHours,
      notes: r.notes,
      verificationStatus: r.verificationStatus,
      lastVerifiedAt: r.lastVerifiedAt,
      nextVerificationDue: r.nextVerificationDue,
    })
    .from(idPage(serviceIds))
    .crossJoin(r)
    .where(sql`${r.serviceId} = page.value AND ${r.visibility} = 'public'`)
    .orderBy(r.serviceId, r.sortOrder, r.id);
}

export function publicLocations(db: Database, serviceIds: readonly string[]) {
  if (!serviceIds.length) return Promise.resolve([]);
  return db
    .select({
      serviceAtLocationId: sal.id,
      serviceId: sal.serviceId,
      openingHours: sal.openingHours,
      hoursNote: sal.hoursNote,
      ...publicSiteFields,
    })
    .from(idPage(serviceIds))
    .crossJoin(sal)
    .innerJoin(site, eq(site.id, sal.locationId))
    .where(sql`${sal.serviceId} = page.value`)
    .orderBy(sal.serviceId, sal.id);
}

const closureFields = {
  id: c.id,
  serviceId: c.serviceId,
  contactRouteId: c.contactRouteId,
  startsAt: c.startsAt,
  endsAt: c.endsAt,
  closes: c.closes,
  reason: c.reason,
};

/** Closures and alerts of the services and of their public routes that have not ended by `from`, by start. */
export async function currentClosures(db: Database, serviceIds: readonly string[], from: Date) {
  if (!serviceIds.length) return [];
  const after = from.toISOString();
  // A closure belongs to a service or to one of its routes: two index lookups, no OR scan.
  const rows = await db
    .select(closureFields)
    .from(idPage(serviceIds))
    .crossJoin(c)
    .where(sql`${c.serviceId} = page.value AND ${c.endsAt} > ${after}`)
    .unionAll(
      db
        .select(closureFields)
        .from(idPage(serviceIds))
        .crossJoin(r)
        .crossJoin(c)
        .where(
          sql`${r.serviceId} = page.value AND ${c.contactRouteId} = ${r.id} AND ${r.visibility} = 'public'
            AND ${c.endsAt} > ${after}`,
        ),
    );
  // Ordered here: SQLite orders a UNION only by result names, which the builder does not give. The
  // few closures of a page sort the same in code (ISO times and ids are ASCII).
  const key = (row: (typeof rows)[number]) => `${row.startsAt}\u0000${row.id}`;
  return rows.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

export function serviceTypeIds(
  db: Database,
  serviceIds: readonly string[],
): Promise<Array<{ serviceId: string; typeId: string; isPriority: boolean }>> {
  if (!serviceIds.length) return Promise.resolve([]);
  return db
    .select({ serviceId: a.serviceId, typeId: a.serviceTypeId, isPriority: t.isPriorityChannel })
    .from(idPage(serviceIds))
    .crossJoin(a)
    .innerJoin(t, eq(t.id, a.serviceTypeId))
    .where(sql`${a.serviceId} = page.value`)
    .orderBy(t.sortOrder, t.id);
}

export function serviceAreaCodes(
  db: Database,
  serviceIds: readonly string[],
): Promise<Array<{ serviceId: string; areaPcode: string }>> {
  if (!serviceIds.length) return Promise.resolve([]);
  return serviceAreaCodesQuery(db, serviceIds);
}

/** The query of `serviceAreaCodes` for a non-empty list, not yet sent (so it can go in a D1 batch). */
export function serviceAreaCodesQuery(db: Database, serviceIds: readonly string[]) {
  // Its text is the same whatever the list (one JSON parameter): built once per isolate.
  return shaped(
    db,
    'area codes of services',
    () =>
      db
        .select({ serviceId: sa.serviceId, areaPcode: sa.areaPcode })
        .from(idPage(idsSlot('ids')))
        .crossJoin(sa)
        .where(sql`${sa.serviceId} = page.value`)
        .orderBy(sa.areaPcode),
    { ids: idsParameter(serviceIds) },
  );
}

export type PublicOrganisationRow = Awaited<ReturnType<typeof organisationsOfServices>>[number];

/** The organisation of each published service among the ids (a published service's provider is public). */
export function organisationsOfServices(db: Database, serviceIds: readonly string[]) {
  return db
    .select({
      serviceId: s.id,
      id: o.id,
      names: o.names,
      descriptions: o.descriptions,
      website: o.website,
      updatedAt: o.updatedAt,
    })
    .from(idPage(serviceIds))
    .crossJoin(s)
    .innerJoin(o, eq(o.id, s.organisationId))
    .where(sql`${s.id} = page.value AND ${s.status} = 'published'`);
}

/**
 * HSDS `last_modified` is "when the service, or any related information about the service, has
 * changed", so it is the latest update of the service, its organisation, its public contact routes,
 * its sites and its closures (ended ones too). Needs `s` (services) and `o` (its organisation) in scope.
 * The service's own closures and its routes' closures are two lookups, each by its own index (routes
 * first: CROSS JOIN keeps that order): with one `OR` between them, SQLite's statistics once made it
 * read every closure in the directory for each service.
 */
export const LAST_MODIFIED = sql<string>`max(${s.updatedAt}, ${o.updatedAt},
  coalesce((SELECT max(${r.updatedAt}) FROM ${contactRoutes} ${r}
    WHERE ${r.serviceId} = ${s.id} AND ${r.visibility} = 'public'), ''),
  coalesce((SELECT max(${l.updatedAt}) FROM ${serviceAtLocations} ${sal}
    JOIN ${locations} ${l} ON ${l.id} = ${sal.locationId} WHERE ${sal.serviceId} = ${s.id}), ''),
  coalesce((SELECT max(${c.updatedAt}) FROM ${closures} ${c} WHERE ${c.serviceId} = ${s.id}), ''),
  coalesce((SELECT max(${c.updatedAt}) FROM ${contactRoutes} ${r} CROSS JOIN ${closures} ${c}
    WHERE ${r.serviceId} = ${s.id} AND ${r.visibility} = 'public' AND ${c.contactRouteId} = ${r.id}), ''))`;

/** The HSDS `last_modified` of each of the services. */
export function lastModifiedOf(db: Database, serviceIds: readonly string[]) {
  return db
    .select({ id: s.id, lastModified: LAST_MODIFIED })
    .from(idPage(serviceIds))
    .crossJoin(s)
    .innerJoin(o, eq(o.id, s.organisationId))
    .where(sql`${s.id} = page.value`);
}

/** An area with the first-level area it lies in (governorate in Iraq, departamento in Guatemala). */
export type AreaNameRow = Awaited<ReturnType<typeof areaNameRows>>[number];

const area = alias(areas, 'a');
const governorate = alias(areas, 'g');

/** The areas (as the public sees a site's area) the services cover or have sites in, with their governorate's names. */
export function areaNameRows(db: Database, serviceIds: readonly string[]) {
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
