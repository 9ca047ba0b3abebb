/**
 * Keeps a listing's derived rows true after an edit: reads the listing's facts from D1, asks
 * api/domain/listing-index.ts (the module the seed uses) what its service_coverage and
 * service_search rows are, and writes exactly those.
 */
import { and, eq, sql } from 'drizzle-orm';
import { alias, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../../db/client.ts';
import { idList } from '../../../db/id-list.ts';
import {
  areas,
  locations,
  organisations,
  serviceAreas,
  serviceAtLocations,
  serviceCoverage,
  services,
  serviceTypeAssignments,
  serviceTypes,
} from '../../../db/schema.ts';
import { deriveListing, type ListingFacts } from '../../domain/listing-index.ts';
import { guard, isGuardFailure, runBatch, type Statement } from '../db.ts';

/**
 * The FTS5 search table (db/migrations/0001_search_index.sql). Declared here, not in
 * db/schema.ts, because drizzle-kit cannot make a virtual table: it must not generate one.
 */
const serviceSearch = sqliteTable('service_search', {
  serviceId: text('service_id').notNull(),
  body: text('body').notNull(),
  skeletons: text('skeletons').notNull(),
});

/** A listing's facts as stored now, with its version; null if there is no such listing. */
export async function listingFacts(
  db: Database,
  serviceId: string,
): Promise<{ facts: ListingFacts; version: number } | null> {
  const service = await db
    .select({
      status: services.status,
      names: services.names,
      descriptions: services.descriptions,
      organisationId: services.organisationId,
      version: services.version,
    })
    .from(services)
    .where(eq(services.id, serviceId))
    .get();
  if (!service) return null;
  const parent = alias(serviceTypes, 'parent');
  const [org, types, areaPaths, sites] = await Promise.all([
    db
      .select({ names: organisations.names })
      .from(organisations)
      .where(eq(organisations.id, service.organisationId))
      .get(),
    db
      .select({
        id: serviceTypes.id,
        names: serviceTypes.names,
        descriptions: serviceTypes.descriptions,
        cycle: serviceTypes.verificationCycleDays,
        parentId: parent.id,
        parentNames: parent.names,
        parentDescriptions: parent.descriptions,
      })
      .from(serviceTypeAssignments)
      .innerJoin(serviceTypes, eq(serviceTypes.id, serviceTypeAssignments.serviceTypeId))
      .leftJoin(parent, eq(parent.id, serviceTypes.parentId))
      .where(eq(serviceTypeAssignments.serviceId, serviceId)),
    db
      .select({ path: areas.path })
      .from(serviceAreas)
      .innerJoin(areas, eq(areas.pcode, serviceAreas.areaPcode))
      .where(eq(serviceAreas.serviceId, serviceId)),
    db
      .select({ path: areas.path, confidential: locations.isConfidential })
      .from(serviceAtLocations)
      .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
      .innerJoin(areas, eq(areas.pcode, locations.areaPcode))
      .where(eq(serviceAtLocations.serviceId, serviceId)),
  ]);
  // Names of every area on these paths (an area path lists the area and all its ancestors).
  const pcodes = [...new Set([...areaPaths, ...sites].flatMap((r) => r.path.split('/').filter(Boolean)))];
  const named = await db
    .select({ pcode: areas.pcode, names: areas.names, aliases: areas.aliases })
    .from(areas)
    .where(sql`${areas.pcode} IN ${idList(pcodes)}`);
  const namesByPcode = new Map(
    named.map((a) => [a.pcode, [...Object.values(a.names).filter((n): n is string => Boolean(n)), ...a.aliases]]),
  );
  const facts: ListingFacts = {
    status: service.status,
    names: service.names,
    descriptions: service.descriptions,
    organisationNames: org?.names ?? {},
    types: types.map((t) => ({
      id: t.id,
      names: t.names,
      descriptions: t.descriptions,
      verificationCycleDays: t.cycle,
      parent: t.parentId ? { id: t.parentId, names: t.parentNames, descriptions: t.parentDescriptions } : null,
    })),
    areaPaths: areaPaths.map((r) => r.path),
    locations: sites.map((r) => ({ areaPath: r.path, isConfidential: r.confidential })),
    areaNames: (pcode) => namesByPcode.get(pcode) ?? [],
  };
  return { facts, version: service.version };
}

/**
 * Rewrites the coverage and search rows of these services from their facts. Each listing's rows
 * are written only while it is still at the version its facts were read at: when another edit
 * landed in between, that edit's own refresh writes the newer rows.
 */
export async function refreshDerived(db: Database, serviceIds: string[]) {
  for (const id of new Set(serviceIds)) {
    const loaded = await listingFacts(db, id);
    if (!loaded) continue;
    const derived = deriveListing(loaded.facts);
    const statements: Statement[] = [
      guard(db, services, and(eq(services.id, id), eq(services.version, loaded.version))),
      db.delete(serviceCoverage).where(eq(serviceCoverage.serviceId, id)),
      ...derived.coverage.map((path) => db.insert(serviceCoverage).values({ serviceId: id, areaPath: path })),
      db.delete(serviceSearch).where(eq(serviceSearch.serviceId, id)),
    ];
    if (derived.search) {
      statements.push(
        db
          .insert(serviceSearch)
          .values({ serviceId: id, body: derived.search.body, skeletons: derived.search.skeletons }),
      );
    }
    try {
      await runBatch(db, statements);
    } catch (error) {
      if (!isGuardFailure(error)) throw error;
    }
  }
}
