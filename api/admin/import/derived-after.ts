/**
 * The derived rows (coverage, listing ranks, open hours, search documents, site cells) of every listing
 * an import touches, as they will be once its staged writes are applied: each listing's facts are read as stored now,
 * the staged writes laid over them, and the one derivation (api/domain/listing-index.ts) asked what
 * the rows are. They are staged and written in the commit's batch, so the public never sees a listing
 * whose search row or coverage lags behind it.
 */
import { eq, getTableColumns, type InferSelectModel } from 'drizzle-orm';
import { alias, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../../db/client.ts';
import { inChunks, inIds } from '../../../db/id-list.ts';
import {
  contactRoutes,
  locations,
  organisations,
  serviceAreas,
  serviceAtLocations,
  services,
  serviceTypeAssignments,
  serviceTypes,
} from '../../../db/schema.ts';
import { deriveListing, type ListingFacts } from '../../domain/listing-index.ts';
import type { Statement } from '../db.ts';
import { derivedRows } from '../edit/listing-index.ts';
import type { KnownArea } from './places.ts';
import { columnsOf, keyColumn, type StagedWrites, type Stored } from './staged-writes.ts';

type Row<T extends SQLiteTable> = InferSelectModel<T>;

/** A staged row (column names, stored values) as drizzle reads it (keys, decoded values). */
function decode<T extends SQLiteTable>(table: T, stored: Record<string, Stored>): Partial<Row<T>> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of columnsOf(table)) {
    if (!(column.name in stored)) continue;
    const value = stored[column.name];
    out[key] = value === null ? null : column.mapFromDriverValue(value);
  }
  return out as Partial<Row<T>>;
}

/** Records of a table with a key after the staged writes: stored ones updated, new ones added. */
function keyedAfter<T extends SQLiteTable>(table: T, name: string, current: Row<T>[], writes: StagedWrites) {
  const key = keyColumn(table)!;
  const keyName = columnsOf(table).find(([, c]) => c === key)![0];
  const out = new Map<string, Row<T>>();
  for (const row of current) out.set(String((row as Record<string, unknown>)[keyName]), row);
  for (const [id, set] of writes.updates.get(name) ?? []) {
    const row = out.get(id);
    if (row) out.set(id, { ...row, ...decode(table, set) });
  }
  for (const [id, { row }] of writes.inserts.get(name) ?? [])
    if (!out.has(id)) out.set(id, decode(table, row) as Row<T>);
  return out;
}

/** Records of a table with a key whose rows belong to a listing: a listing's replaced rows go first. */
function ownedAfter<T extends SQLiteTable>(table: T, name: string, current: Row<T>[], writes: StagedWrites) {
  const replaced = writes.deletes.get(`${name}:service_id`) ?? new Set<string>();
  const kept = current.filter((r) => !replaced.has((r as { serviceId: string }).serviceId));
  return [...keyedAfter(table, name, kept, writes).values()];
}

/** Link rows of these listings after the staged writes: a listing's replaced rows go, inserted ones come. */
function linksAfter<T extends SQLiteTable>(table: T, name: string, current: Row<T>[], writes: StagedWrites) {
  const replaced = writes.deletes.get(`${name}:service_id`) ?? new Set<string>();
  const kept = current.filter((r) => !replaced.has((r as { serviceId: string }).serviceId));
  const added = [...(writes.inserts.get(name)?.values() ?? [])].map(({ row }) => decode(table, row) as Row<T>);
  return [...kept, ...added];
}

async function readMany<T>(ids: string[], read: (piece: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const piece of inChunks(ids)) out.push(...(await read(piece)));
  return out;
}

/** The facts of these listings once the staged writes are applied. */
async function factsAfter(db: Database, ids: string[], writes: StagedWrites, areas: KnownArea[]) {
  const [serviceRows, typeLinks, areaLinks, siteLinks, routeRows] = await Promise.all([
    readMany(ids, (p) => db.select(getTableColumns(services)).from(services).where(inIds(services.id, p))),
    readMany(ids, (p) => db.select().from(serviceTypeAssignments).where(inIds(serviceTypeAssignments.serviceId, p))),
    readMany(ids, (p) => db.select().from(serviceAreas).where(inIds(serviceAreas.serviceId, p))),
    readMany(ids, (p) => db.select().from(serviceAtLocations).where(inIds(serviceAtLocations.serviceId, p))),
    readMany(ids, (p) => db.select().from(contactRoutes).where(inIds(contactRoutes.serviceId, p))),
  ]);
  const wanted = new Set(ids);
  const listings = keyedAfter(services, 'services', serviceRows, writes);
  const sites = [...keyedAfter(serviceAtLocations, 'service_at_locations', siteLinks, writes).values()].filter((s) =>
    wanted.has(s.serviceId),
  );
  const locationIds = [...new Set(sites.map((s) => s.locationId))];
  const orgIds = [...new Set([...listings.values()].map((s) => s.organisationId))];
  const parent = alias(serviceTypes, 'parent');
  const [locationRows, orgRows, types] = await Promise.all([
    readMany(locationIds, (p) => db.select().from(locations).where(inIds(locations.id, p))),
    readMany(orgIds, (p) => db.select().from(organisations).where(inIds(organisations.id, p))),
    db
      .select({ type: serviceTypes, parent: { id: parent.id, names: parent.names, descriptions: parent.descriptions } })
      .from(serviceTypes)
      .leftJoin(parent, eq(parent.id, serviceTypes.parentId)),
  ]);
  const sitesAfter = keyedAfter(locations, 'locations', locationRows, writes);
  const orgsAfter = keyedAfter(organisations, 'organisations', orgRows, writes);
  const typeOf = new Map(types.map((t) => [t.type.id, t]));
  const areaOf = new Map(areas.map((a) => [a.pcode, a]));
  const group = <T>(items: T[], key: (item: T) => string) => {
    const out = new Map<string, T[]>();
    for (const item of items) if (wanted.has(key(item))) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
    return out;
  };
  const typesOf = group(
    linksAfter(serviceTypeAssignments, 'service_type_assignments', typeLinks, writes),
    (t) => t.serviceId,
  );
  const areasOf = group(linksAfter(serviceAreas, 'service_areas', areaLinks, writes), (a) => a.serviceId);
  const sitesOf = group(sites, (s) => s.serviceId);
  // Only public routes: "open now" speaks of what a survivor can use (as an edit's refresh reads them).
  const routesOf = group(
    ownedAfter(contactRoutes, 'contact_routes', routeRows, writes).filter((r) => r.visibility === 'public'),
    (r) => r.serviceId,
  );
  const facts = new Map<string, ListingFacts>();
  for (const id of ids) {
    const service = listings.get(id);
    if (!service) continue;
    facts.set(id, {
      status: service.status,
      names: service.names,
      descriptions: service.descriptions,
      organisationNames: orgsAfter.get(service.organisationId)?.names ?? {},
      types: (typesOf.get(id) ?? []).flatMap(({ serviceTypeId }) => {
        const t = typeOf.get(serviceTypeId);
        if (!t) return [];
        return [
          {
            id: t.type.id,
            names: t.type.names,
            descriptions: t.type.descriptions,
            verificationCycleDays: t.type.verificationCycleDays,
            isPriorityChannel: t.type.isPriorityChannel,
            parent: t.parent?.id ? t.parent : null,
          },
        ];
      }),
      areaPaths: (areasOf.get(id) ?? []).flatMap((a) => areaOf.get(a.areaPcode)?.path ?? []),
      locations: (sitesOf.get(id) ?? []).flatMap((s) => {
        const site = sitesAfter.get(s.locationId);
        const path = site ? areaOf.get(site.areaPcode)?.path : undefined;
        return site && path
          ? [{ areaPath: path, isConfidential: site.isConfidential, id: site.id, lat: site.lat, lon: site.lon }]
          : [];
      }),
      hours: [...(routesOf.get(id) ?? []), ...(sitesOf.get(id) ?? [])].map((r) => r.openingHours),
      areaNames: (pcode) => {
        const area = areaOf.get(pcode);
        return area ? [...Object.values(area.names).filter((n): n is string => Boolean(n)), ...area.aliases] : [];
      },
      id,
      country: service.country,
      verification: {
        verificationStatus: service.verificationStatus,
        lastVerifiedAt: service.lastVerifiedAt,
        nextVerificationDue: service.nextVerificationDue,
      },
    });
  }
  return facts;
}

/**
 * The statements that replace these listings' derived rows with what the derivation says they are
 * after the import, ranked as of `now`: the same deletes and inserts an edit's refresh writes
 * (edit/listing-index.ts), to be staged with the plan's other writes.
 */
export async function derivedAfter(
  db: Database,
  ids: string[],
  writes: StagedWrites,
  areas: KnownArea[],
  now: Date,
): Promise<Statement[]> {
  const facts = await factsAfter(db, [...new Set(ids)], writes, areas);
  const statements: Statement[] = [];
  for (const [id, f] of facts) statements.push(...derivedRows(db, id, deriveListing(f, now)));
  return statements;
}
