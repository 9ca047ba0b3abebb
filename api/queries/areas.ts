import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Country } from '../domain/vocabulary.ts';
import { areaBoundaries, areas } from '../../db/schema.ts';

type Db = DrizzleD1Database<any>;
export type AreaRow = typeof areas.$inferSelect;

export function getArea(db: Db, pcode: string): Promise<AreaRow | undefined> {
  return db.select().from(areas).where(eq(areas.pcode, pcode)).get();
}

/** The ancestors of an area, from the country down, read by the P-codes in its path. */
export async function ancestorsOf(db: Db, area: AreaRow): Promise<AreaRow[]> {
  const codes = ancestorCodes(area.path);
  if (!codes.length) return [];
  const rows = await db.select().from(areas).where(inArray(areas.pcode, codes));
  return codes.flatMap((code) => rows.filter((r) => r.pcode === code));
}

/** "/IQ/IQG15/IQG15Q05/" → ["IQ", "IQG15"]: the path is the precomputed ancestry. */
export function ancestorCodes(path: string): string[] {
  return path.split('/').filter(Boolean).slice(0, -1);
}

/** "/IQ/IQG15/IQG15Q05/" → ["/IQ/", "/IQ/IQG15/"]. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

export interface AreaListing {
  parent?: string;
  country?: Country;
  level?: number;
}

/** Areas by parent (default: the countries), optionally narrowed by country and level. */
export function listAreas(db: Db, listing: AreaListing): Promise<AreaRow[]> {
  const conditions = [];
  if (listing.parent) conditions.push(eq(areas.parentPcode, listing.parent));
  else if (listing.level === undefined) conditions.push(eq(areas.level, 0));
  if (listing.country) conditions.push(eq(areas.country, listing.country));
  if (listing.level !== undefined) conditions.push(eq(areas.level, listing.level));
  return db.select().from(areas).where(and(...conditions)).orderBy(asc(areas.pcode));
}

/** Areas whose names or aliases match, in any language or script (C10), larger areas first. */
export function searchAreas(db: Db, match: string, limit: number): Promise<AreaRow[]> {
  return db.all<AreaRow>(sql`
    SELECT a.pcode, a.country, a.level, a.parent_pcode AS parentPcode, a.path, a.names, a.aliases,
      a.time_zone AS timeZone, a.centroid_lon AS centroidLon, a.centroid_lat AS centroidLat,
      a.min_lon AS minLon, a.min_lat AS minLat, a.max_lon AS maxLon, a.max_lat AS maxLat
    FROM area_search f CROSS JOIN areas a ON a.pcode = f.pcode
    WHERE area_search MATCH ${match}
    ORDER BY a.level, bm25(area_search), a.pcode
    LIMIT ${limit}`).then((rows) =>
    rows.map((r) => ({ ...r, names: JSON.parse(r.names as unknown as string), aliases: JSON.parse(r.aliases as unknown as string) })),
  );
}

export function countChildren(db: Db, pcodes: string[]): Promise<Array<{ parent: string; n: number }>> {
  if (!pcodes.length) return Promise.resolve([]);
  return db.all(sql`SELECT parent_pcode AS parent, count(*) AS n FROM areas
    WHERE parent_pcode IN (SELECT value FROM json_each(${JSON.stringify(pcodes)})) GROUP BY parent_pcode`);
}

/** Boundaries of the given areas as GeoJSON geometry text. */
export function boundariesOf(db: Db, pcodes: string[]): Promise<Array<{ pcode: string; geometry: string }>> {
  if (!pcodes.length) return Promise.resolve([]);
  return db.all(sql`SELECT pcode, geometry FROM area_boundaries
    WHERE pcode IN (SELECT value FROM json_each(${JSON.stringify(pcodes)})) ORDER BY pcode`);
}

/** The names of these areas, by P-code. */
export async function areaNames(db: Db, pcodes: string[]): Promise<Map<string, AreaRow['names']>> {
  if (!pcodes.length) return new Map();
  const rows = await db.all<{ pcode: string; names: string }>(sql`SELECT a.pcode, a.names
    FROM json_each(${JSON.stringify(pcodes)}) wanted CROSS JOIN areas a ON a.pcode = wanted.value`);
  return new Map(rows.map((r) => [r.pcode, JSON.parse(r.names)]));
}
