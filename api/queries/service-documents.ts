/**
 * The stored public document of each published service (db/schema.ts `serviceDocuments`): what the
 * public read model (./public-directory.ts) returns for that service, kept as one row, so the
 * details of a page of services cost one row each instead of five queries.
 *
 * There is one projection of a service: a document is made only by `liveDocuments` below, which
 * calls the public read model's own functions (the builder, api/admin/edit/listing-index.ts
 * `refreshDocuments`, stores what it returns). A document is never stale: database triggers
 * delete it whenever anything it holds changes (migration 0017_service_documents.sql), and a reader that finds none, or
 * one built after the moment it reads at, reads the live tables for just those services.
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idPage, idsParameter, idsSlot } from '../../db/id-list.ts';
import { shaped } from '../../db/shaped-query.ts';
import { serviceDocuments } from '../../db/schema.ts';
import {
  areaNameRows,
  currentClosures,
  lastModifiedOf,
  organisationsOfServices,
  publicContactRoutes,
  publicLocations,
  publicServices,
  serviceAreaCodes,
  serviceTypeIds,
  type AreaNameRow,
  type ClosureRow,
  type PublicOrganisationRow,
  type PublicContactRouteRow,
  type PublicLocationRow,
  type PublicServiceRow,
} from './public-directory.ts';

export interface ServiceDocument {
  service: PublicServiceRow;
  typeIds: string[];
  /** Whether one of its types is a priority channel (a hotline or official channel listed first). */
  isPriority: boolean;
  routes: PublicContactRouteRow[];
  locations: PublicLocationRow[];
  /** Closures and alerts of the service and of its public routes that had not ended when read, by start. */
  closures: ClosureRow[];
  /** Its organisation (HSDS `organization`). */
  organisation: Omit<PublicOrganisationRow, 'serviceId'>;
  /** The areas it serves, by P-code (HSDS `service_areas`). */
  areaPcodes: string[];
  /** The areas it serves or has sites in (as the public sees a site's area), with their first-level area's names. */
  areaNames: AreaNameRow[];
  /** HSDS `last_modified`: the latest change of it, its organisation, public routes, sites and closures (ended too). */
  lastModified: string;
}

/**
 * What a map point shows of a service and what its hours are worked out from: its names, types,
 * public sites with their areas' names, and the hours and closures of its routes and sites. A few
 * hundred bytes of the document's few kB: a map draws up to 500 services at once, and decoding
 * their whole documents was most of its CPU. Made only by `pointOf`, from the document; a whole
 * document holds every field of it, so a reader of points may be given either.
 */
export interface ServicePoint {
  service: Pick<PublicServiceRow, 'id' | 'names' | 'country'>;
  typeIds: string[];
  isPriority: boolean;
  routes: Array<Pick<PublicContactRouteRow, 'id' | 'openingHours'>>;
  locations: Array<Pick<PublicLocationRow, 'locationId' | 'lon' | 'lat' | 'areaPcode' | 'openingHours'>>;
  closures: ClosureRow[];
  /** The areas of its sites, with their first-level area's names. */
  areaNames: AreaNameRow[];
}

/** The point of a service from its document: the one projection (stored beside it, `service_documents.point`). */
export function pointOf(document: ServiceDocument): ServicePoint {
  const sited = new Set(document.locations.map((l) => l.areaPcode));
  return {
    service: { id: document.service.id, names: document.service.names, country: document.service.country },
    typeIds: document.typeIds,
    isPriority: document.isPriority,
    routes: document.routes.map((r) => ({ id: r.id, openingHours: r.openingHours })),
    locations: document.locations.map((l) => ({
      locationId: l.locationId,
      lon: l.lon,
      lat: l.lat,
      areaPcode: l.areaPcode,
      openingHours: l.openingHours,
    })),
    closures: document.closures,
    areaNames: document.areaNames.filter((a) => sited.has(a.pcode)),
  };
}

/** A stored document as read: its body and the moment it was built at. */
export interface StoredDocument {
  /** The service's id. */
  id: string;
  body: ServiceDocument | null;
  builtAt: string | null;
}

export const d = alias(serviceDocuments, 'd');

/**
 * Which services a query reads: a list of ids, or a subquery named `page` with a `value` column
 * (the page of a listing itself, so its documents are read in the same D1 round trip as the page).
 */
export type ServiceSource = readonly string[] | SQL;

export const sourceTable = (source: ServiceSource): SQL => (Array.isArray(source) ? idPage(source) : (source as SQL));

/**
 * What a reader reads of each stored document: the whole `document`, or its map `point` (for the
 * map's points, which read nothing else; see `ServicePoint`).
 */
export type DocumentForm = 'document' | 'point';

/**
 * A stored document's map point, or its whole body when it was stored before points were kept
 * (migration 0032; a whole body holds every field of a point). Typed as the document because it
 * goes through the listing's one way of reading a page (./service-listing.ts); the map, its one
 * reader, gets its items typed as a point's parts (./service-listing.ts `listServices`, `PointParts`), and
 * test/api/map-points.test.ts checks that the maps of every area, of a box around each, of every
 * type, and "open now" and searches, answer the same from points as from documents.
 */
export const pointOrBody = sql<ServiceDocument | null>`coalesce(${d.point}, ${d.body})`.mapWith(d.body);

const storedDocumentsOf = (db: Database, ids: ServiceSource, form: DocumentForm) =>
  db
    .select({ id: d.serviceId, body: form === 'point' ? pointOrBody : d.body, builtAt: d.builtAt })
    .from(sourceTable(ids))
    .crossJoin(d)
    .where(sql`${d.serviceId} = page.value`);

/**
 * The stored documents of the services (one row each, by primary key), whole or as map points.
 * Over a list of ids its text is the same whatever the list (one JSON parameter), so it is built
 * once per isolate.
 */
export function storedDocuments(db: Database, ids: ServiceSource, form: DocumentForm = 'document') {
  if (!Array.isArray(ids)) return storedDocumentsOf(db, ids, form);
  return shaped(db, `stored ${form}s of ids`, () => storedDocumentsOf(db, idsSlot('ids'), form), {
    ids: idsParameter(ids),
  });
}

/**
 * The documents of the published services among `ids`, read from the live tables through the public
 * read model, with the closures that have not ended by `from`. The only place a document is made.
 */
export async function liveDocuments(
  db: Database,
  ids: readonly string[],
  from: Date,
): Promise<Map<string, ServiceDocument>> {
  if (!ids.length) return new Map();
  const [rows, types, routes, locations, closures, providers, areas, modified, areaNames] = await Promise.all([
    publicServices(db, ids),
    serviceTypeIds(db, ids),
    publicContactRoutes(db, ids),
    publicLocations(db, ids),
    currentClosures(db, ids, from),
    organisationsOfServices(db, ids),
    serviceAreaCodes(db, ids),
    lastModifiedOf(db, ids),
    areaNameRows(db, ids),
  ]);
  const areaNamed = new Map(areaNames.map((row) => [row.pcode, row]));
  const providerOf = new Map(providers.map(({ serviceId, ...organisation }) => [serviceId, organisation]));
  const areasOf = groupBy(areas, (sa) => sa.serviceId);
  const modifiedAt = new Map(modified.map((m) => [m.id, m.lastModified]));
  const routeOwner = new Map(routes.map((r) => [r.id, r.serviceId]));
  const typesOf = groupBy(types, (t) => t.serviceId);
  const routesOf = groupBy(routes, (r) => r.serviceId);
  const locationsOf = groupBy(locations, (l) => l.serviceId);
  const closuresOf = groupBy(closures, (c) => c.serviceId ?? routeOwner.get(c.contactRouteId ?? '') ?? '');
  return new Map(
    rows.flatMap((service): Array<[string, ServiceDocument]> => {
      const organisation = providerOf.get(service.id);
      if (!organisation) return [];
      return [
        [
          service.id,
          {
            service,
            typeIds: (typesOf.get(service.id) ?? []).map((t) => t.typeId),
            isPriority: (typesOf.get(service.id) ?? []).some((t) => t.isPriority),
            routes: routesOf.get(service.id) ?? [],
            locations: locationsOf.get(service.id) ?? [],
            closures: closuresOf.get(service.id) ?? [],
            organisation,
            areaPcodes: (areasOf.get(service.id) ?? []).map((sa) => sa.areaPcode),
            areaNames: [
              ...new Set([
                ...(areasOf.get(service.id) ?? []).map((sa) => sa.areaPcode),
                ...(locationsOf.get(service.id) ?? []).map((l) => l.areaPcode),
              ]),
            ].flatMap((pcode) => (areaNamed.has(pcode) ? [areaNamed.get(pcode)!] : [])),
            lastModified: modifiedAt.get(service.id) ?? service.updatedAt,
          },
        ],
      ];
    }),
  );
}

/**
 * The documents of `ids` as they are at `from`: each stored one that holds at `from`, the others
 * (none stored yet, deleted by an edit, or built after `from`, so missing closures that ended in
 * between) read live. Services that are not published have none.
 */
export async function documentsAt(
  db: Database,
  ids: readonly string[],
  from: Date,
  stored?: readonly StoredDocument[],
  form: DocumentForm = 'document',
): Promise<Map<string, ServiceDocument>> {
  const found = new Map<string, ServiceDocument>();
  const after = from.toISOString();
  for (const row of stored ?? (ids.length ? await storedDocuments(db, ids, form) : [])) {
    // A body stored before documents held the HSDS fields (the migration drops those) reads live.
    if (!row.body || !row.builtAt || row.builtAt > after || row.body.areaNames === undefined) continue;
    found.set(row.id, { ...row.body, closures: row.body.closures.filter((c) => c.endsAt > after) });
  }
  const missing = [...new Set(ids)].filter((id) => !found.has(id));
  for (const [id, document] of await liveDocuments(db, missing, from)) found.set(id, document);
  return found;
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
