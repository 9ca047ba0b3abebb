/**
 * Keeps a listing's derived rows true after an edit: reads the listing's facts from D1, asks
 * api/domain/listing-index.ts (the module the seed uses) what its service_coverage, listing_ranks,
 * service_open_hours, service_search and site_cells rows are, and writes exactly those; then stores
 * its public document, made by the public read model itself (api/queries/service-documents.ts).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../../db/client.ts';
import { inIds } from '../../../db/id-list.ts';
import {
  areas,
  contactRoutes,
  directoryVersion,
  listingRanks,
  locations,
  organisations,
  serviceAreas,
  serviceAtLocations,
  serviceCoverage,
  serviceDocuments,
  serviceDocumentsDue,
  serviceOpenHours,
  serviceSearchWords,
  services,
  serviceTypeAssignments,
  serviceTypes,
  siteCells,
} from '../../../db/schema.ts';
import { pathCodes } from '../../domain/area-paths.ts';
import { deriveListing, type DerivedListing, type ListingFacts } from '../../domain/listing-index.ts';
import { liveDocuments, pointOf } from '../../queries/service-documents.ts';
import { readDirectoryVersion } from '../../queries/directory-version.ts';
import { guard, isGuardFailure, runBatch, type Statement } from '../db.ts';

type Facts = { facts: ListingFacts; version: number };

/** A listing's facts as stored now, with its version; null if there is no such listing. */
export async function listingFacts(db: Database, serviceId: string): Promise<Facts | null> {
  return (await listingsFacts(db, [serviceId])).get(serviceId) ?? null;
}

/**
 * The facts of several listings in six queries, whatever their number (an import refreshes
 * thousands: one round trip per listing would not fit in one request's queries).
 */
async function listingsFacts(db: Database, serviceIds: string[]): Promise<Map<string, Facts>> {
  const found = await db
    .select({
      id: services.id,
      status: services.status,
      names: services.names,
      descriptions: services.descriptions,
      organisationId: services.organisationId,
      country: services.country,
      version: services.version,
      verificationStatus: services.verificationStatus,
      lastVerifiedAt: services.lastVerifiedAt,
      nextVerificationDue: services.nextVerificationDue,
    })
    .from(services)
    .where(inIds(services.id, serviceIds));
  if (!found.length) return new Map();
  const ids = found.map((s) => s.id);
  const parent = alias(serviceTypes, 'parent');
  const [orgs, types, areaPaths, sites, routeHours] = await Promise.all([
    db
      .select({ id: organisations.id, names: organisations.names })
      .from(organisations)
      .where(inIds(organisations.id, [...new Set(found.map((s) => s.organisationId))])),
    db
      .select({
        serviceId: serviceTypeAssignments.serviceId,
        id: serviceTypes.id,
        names: serviceTypes.names,
        descriptions: serviceTypes.descriptions,
        cycle: serviceTypes.verificationCycleDays,
        isPriorityChannel: serviceTypes.isPriorityChannel,
        parentId: parent.id,
        parentNames: parent.names,
        parentDescriptions: parent.descriptions,
      })
      .from(serviceTypeAssignments)
      .innerJoin(serviceTypes, eq(serviceTypes.id, serviceTypeAssignments.serviceTypeId))
      .leftJoin(parent, eq(parent.id, serviceTypes.parentId))
      .where(inIds(serviceTypeAssignments.serviceId, ids)),
    db
      .select({ serviceId: serviceAreas.serviceId, path: areas.path })
      .from(serviceAreas)
      .innerJoin(areas, eq(areas.pcode, serviceAreas.areaPcode))
      .where(inIds(serviceAreas.serviceId, ids)),
    db
      .select({
        serviceId: serviceAtLocations.serviceId,
        path: areas.path,
        confidential: locations.isConfidential,
        locationId: locations.id,
        lat: locations.lat,
        lon: locations.lon,
        hours: serviceAtLocations.openingHours,
      })
      .from(serviceAtLocations)
      .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
      .innerJoin(areas, eq(areas.pcode, locations.areaPcode))
      .where(inIds(serviceAtLocations.serviceId, ids)),
    // Only public routes: "open now" speaks of what a survivor can use.
    db
      .select({ serviceId: contactRoutes.serviceId, hours: contactRoutes.openingHours })
      .from(contactRoutes)
      .where(and(inIds(contactRoutes.serviceId, ids), eq(contactRoutes.visibility, 'public'))),
  ]);
  // Names of every area on these paths (an area path lists the area and all its ancestors).
  const pcodes = [...new Set([...areaPaths, ...sites].flatMap((r) => pathCodes(r.path)))];
  const named = await db
    .select({ pcode: areas.pcode, names: areas.names, aliases: areas.aliases })
    .from(areas)
    .where(inIds(areas.pcode, pcodes));
  const namesByPcode = new Map(
    named.map((a) => [a.pcode, [...Object.values(a.names).filter((n): n is string => Boolean(n)), ...a.aliases]]),
  );
  const orgNames = new Map(orgs.map((o) => [o.id, o.names]));
  const of = <T extends { serviceId: string }>(list: T[], id: string) => list.filter((r) => r.serviceId === id);
  return new Map(
    found.map((service) => {
      const facts: ListingFacts = {
        status: service.status,
        names: service.names,
        descriptions: service.descriptions,
        organisationNames: orgNames.get(service.organisationId) ?? {},
        types: of(types, service.id).map((t) => ({
          id: t.id,
          names: t.names,
          descriptions: t.descriptions,
          verificationCycleDays: t.cycle,
          isPriorityChannel: t.isPriorityChannel,
          parent: t.parentId ? { id: t.parentId, names: t.parentNames, descriptions: t.parentDescriptions } : null,
        })),
        areaPaths: of(areaPaths, service.id).map((r) => r.path),
        locations: of(sites, service.id).map((r) => ({
          areaPath: r.path,
          isConfidential: r.confidential,
          id: r.locationId,
          lat: r.lat,
          lon: r.lon,
        })),
        areaNames: (pcode) => namesByPcode.get(pcode) ?? [],
        hours: [...of(routeHours, service.id), ...of(sites, service.id)].map((r) => r.hours),
        id: service.id,
        country: service.country,
        verification: {
          verificationStatus: service.verificationStatus,
          lastVerifiedAt: service.lastVerifiedAt,
          nextVerificationDue: service.nextVerificationDue,
        },
      };
      return [service.id, { facts, version: service.version }];
    }),
  );
}

/**
 * Rewrites the coverage, rank and search rows of these services from their facts, ranked as of
 * `now` (the freshness part of a rank). Each listing's rows
 * are written only while it is still at the version its facts were read at: when another edit
 * landed in between, that edit's own refresh writes the newer rows.
 */
export async function refreshDerived(db: Database, serviceIds: string[], now = new Date()) {
  const ids = [...new Set(serviceIds)];
  for (let i = 0; i < ids.length; i += REFRESH_CHUNK) {
    const chunk = ids.slice(i, i + REFRESH_CHUNK);
    const loaded = await listingsFacts(db, chunk);
    try {
      await runBatch(
        db,
        [...loaded].flatMap(([id, facts]) => derivedStatements(db, id, facts, now)),
      );
    } catch (error) {
      if (!isGuardFailure(error)) throw error;
      // One of them changed meanwhile: each on its own, so the others are still written.
      for (const id of chunk) {
        const one = await listingFacts(db, id);
        if (!one) continue;
        try {
          await runBatch(db, derivedStatements(db, id, one, now));
        } catch (again) {
          if (!isGuardFailure(again)) throw again;
        }
      }
    }
  }
  await refreshDocuments(db, ids);
}

/**
 * Stores the public document of each published service among `serviceIds` (and drops those of the
 * others), as the public read model returns it now. This is the one builder: edits, imports, the
 * scheduled job, the seed and the test directory all store documents through it.
 *
 * A chunk is written only if nothing public changed since its rows were read: every public write
 * bumps the directory version (migration 0011), so a document never holds what an edit made in
 * between undid. When something did change, the chunk is left as it is (the triggers have dropped
 * whatever changed; readers read those live) and the scheduled job stores it later.
 * Returns how many documents were stored.
 */
export async function refreshDocuments(db: Database, serviceIds: string[]): Promise<number> {
  const ids = [...new Set(serviceIds)];
  let stored = 0;
  for (let i = 0; i < ids.length; i += DOCUMENT_CHUNK) {
    const chunk = ids.slice(i, i + DOCUMENT_CHUNK);
    const builtAt = new Date();
    const { version } = await readDirectoryVersion(db);
    const documents = await liveDocuments(db, chunk, builtAt);
    try {
      await runBatch(db, [
        guard(db, directoryVersion, and(eq(directoryVersion.id, 1), eq(directoryVersion.version, version))),
        db.delete(serviceDocuments).where(inIds(serviceDocuments.serviceId, chunk)),
        ...[...documents].map(([serviceId, body]) =>
          db.insert(serviceDocuments).values({ serviceId, body, point: pointOf(body), builtAt: builtAt.toISOString() }),
        ),
      ]);
      stored += documents.size;
    } catch (error) {
      if (!isGuardFailure(error)) throw error;
    }
  }
  return stored;
}

/**
 * Documents stored per D1 batch. A document is a few kB (about 4 kB in the bench's directory), so a
 * hundred keep one request under half a megabyte; five hundred (over a megabyte) were dropped by
 * wrangler's local D1 proxy. A few round trips per hundred services.
 */
export const DOCUMENT_CHUNK = 100;

/**
 * Published services without a stored document, at most `limit` of them: the rows of
 * service_documents_due, which triggers keep exact (migration 0021), so this reads what is missing,
 * not the directory.
 */
export async function servicesWithoutDocument(db: Database, limit: number): Promise<string[]> {
  const rows = await db.select({ id: serviceDocumentsDue.serviceId }).from(serviceDocumentsDue).limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Services whose stored document has no map point (stored before it was kept, migration 0032), at
 * most `limit` of them, from the partial index that holds only those.
 */
export async function documentsWithoutPoint(db: Database, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db
    .select({ id: serviceDocuments.serviceId })
    .from(serviceDocuments)
    .where(isNull(serviceDocuments.point))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Listings refreshed per D1 batch: a few statements each, a few round trips per hundred. */
const REFRESH_CHUNK = 100;

function derivedStatements(db: Database, id: string, loaded: Facts, now: Date): Statement[] {
  return [
    guard(db, services, and(eq(services.id, id), eq(services.version, loaded.version))),
    ...derivedRows(db, id, deriveListing(loaded.facts, now)),
  ];
}

/**
 * The statements that replace a listing's derived rows with `derived`: the one writer of them, for an
 * edit's refresh here and for an import's staged commit (../import/derived-after.ts).
 *
 * The search words go to service_search_words alone: its triggers (migration 0023) write the
 * full-text row, at the rowid the listing was given the first time it was published
 * (service_search_keys), found by one index seek. So a listing edited, ranked again, or unpublished
 * and published again keeps its place in the order a common word is paged in
 * (api/queries/match-walk.ts, `rowid > cursor`); a new rowid would show it again on a later page.
 */
export function derivedRows(db: Database, id: string, derived: DerivedListing): Statement[] {
  return [
    db.delete(serviceCoverage).where(eq(serviceCoverage.serviceId, id)),
    ...derived.coverage.map((path) => db.insert(serviceCoverage).values({ serviceId: id, areaPath: path })),
    db.delete(listingRanks).where(eq(listingRanks.serviceId, id)),
    ...derived.ranks.map((rank) => db.insert(listingRanks).values({ ...rank, serviceId: id })),
    db.delete(serviceOpenHours).where(eq(serviceOpenHours.serviceId, id)),
    ...(derived.openWeek ? [db.insert(serviceOpenHours).values({ serviceId: id, week: derived.openWeek })] : []),
    db.delete(serviceSearchWords).where(eq(serviceSearchWords.serviceId, id)),
    ...(derived.search ? [db.insert(serviceSearchWords).values({ serviceId: id, ...derived.search })] : []),
    db.delete(siteCells).where(eq(siteCells.serviceId, id)),
    ...derived.sites.map((site) => db.insert(siteCells).values({ ...site, serviceId: id })),
  ];
}
