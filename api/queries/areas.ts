import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idList, idPage } from '../../db/id-list.ts';
import { shaped, slot } from '../../db/shaped-query.ts';
import { areaBoundaries, areas } from '../../db/schema.ts';
import { areaSearch } from '../../db/search-schema.ts';
import { ancestorCodes } from '../domain/area-paths.ts';
import { rankPlaces } from '../domain/ranking.ts';
import { placeMatchExpressions } from '../domain/text-normalise.ts';
import type { Country } from '../domain/vocabulary.ts';

export type AreaRow = typeof areas.$inferSelect;

const a = alias(areas, 'a');

/**
 * The area with this P-code, as a query not yet sent (so it can go in a D1 batch). Most listings
 * read one, so its SQL is built once per isolate (db/shaped-query.ts).
 */
export function areaByPcode(db: Database, pcode: string) {
  return shaped(
    db,
    'area by pcode',
    () =>
      db
        .select()
        .from(areas)
        .where(eq(areas.pcode, slot('pcode'))),
    { pcode },
  );
}

export function getArea(db: Database, pcode: string): Promise<AreaRow | undefined> {
  return areaByPcode(db, pcode).get();
}

/** The paths of the areas with these P-codes (unknown P-codes have none). */
export async function pathsOfAreas(db: Database, pcodes: readonly string[]): Promise<string[]> {
  if (!pcodes.length) return [];
  const rows = await db
    .select({ path: areas.path })
    .from(areas)
    .where(sql`${areas.pcode} IN ${idList(pcodes)}`);
  return rows.map((r) => r.path);
}

/** The ancestors of an area, from the country down, read by the P-codes in its path. */
export async function ancestorsOf(db: Database, area: AreaRow): Promise<AreaRow[]> {
  const codes = ancestorCodes(area.path);
  if (!codes.length) return [];
  const rows = await db.select().from(areas).where(inArray(areas.pcode, codes));
  return codes.flatMap((code) => rows.filter((r) => r.pcode === code));
}

export interface AreaListing {
  parent?: string;
  country?: Country;
  level?: number;
  /** Several levels at once (the governorates and the regions above some of them). */
  levels?: readonly number[];
}

/** Areas by parent (default: the countries), optionally narrowed by country and level. */
export function listAreas(db: Database, listing: AreaListing): Promise<AreaRow[]> {
  const conditions = [];
  if (listing.parent) conditions.push(eq(areas.parentPcode, listing.parent));
  else if (listing.level === undefined && listing.levels === undefined) conditions.push(eq(areas.level, 0));
  if (listing.country) conditions.push(eq(areas.country, listing.country));
  if (listing.level !== undefined) conditions.push(eq(areas.level, listing.level));
  if (listing.levels !== undefined) conditions.push(inArray(areas.level, [...listing.levels]));
  return db
    .select()
    .from(areas)
    .where(and(...conditions))
    .orderBy(asc(areas.pcode));
}

/**
 * How many matching areas the ranking sees. The places whose whole name equals the query come
 * first in this cut, so a common word ("Qar", "San") can never push them out of it.
 */
const SEARCH_CANDIDATES = 100;

/**
 * Areas whose names or aliases match, in any language or script, the place a person meant first
 * (rankPlaces), then larger areas first. Null when the query has no searchable words.
 */
export async function searchAreas(db: Database, query: string, limit: number): Promise<AreaRow[] | null> {
  const match = placeMatchExpressions(query);
  if (!match) return null;
  const f = alias(areaSearch, 'f');
  // FTS5 answers MATCH and bm25 through the table's hidden column named like the table; inside the
  // subquery that name means the subquery's own table.
  const whole = db
    .select({ pcode: areaSearch.pcode })
    .from(areaSearch)
    .where(sql`${areaSearch} MATCH ${match.whole}`);
  const candidates = await db
    .select(getTableColumns(a))
    .from(f)
    .crossJoin(a)
    .where(sql`${a.pcode} = ${f.pcode} AND ${areaSearch} MATCH ${match.any}`)
    .orderBy(sql`${a.pcode} IN ${whole} DESC`, a.level, sql`bm25(${areaSearch})`, a.pcode)
    .limit(SEARCH_CANDIDATES);
  return rankPlaces(query, candidates).slice(0, limit);
}

/** The parent of each of these areas, by the child's P-code (countries have none). */
export async function parentsOf(db: Database, children: readonly AreaRow[]): Promise<Map<string, AreaRow>> {
  const codes = [...new Set(children.map((c) => c.parentPcode).filter((p): p is string => Boolean(p)))];
  if (!codes.length) return new Map();
  const rows = await db.select().from(areas).where(inArray(areas.pcode, codes));
  const byCode = new Map(rows.map((r) => [r.pcode, r]));
  return new Map(
    children.flatMap((c) =>
      c.parentPcode && byCode.has(c.parentPcode) ? [[c.pcode, byCode.get(c.parentPcode)!]] : [],
    ),
  );
}

/** Boundaries of the given areas as GeoJSON geometry text. */
export function boundariesOf(db: Database, pcodes: string[]): Promise<Array<{ pcode: string; geometry: string }>> {
  if (!pcodes.length) return Promise.resolve([]);
  return db
    .select({ pcode: areaBoundaries.pcode, geometry: areaBoundaries.geometry })
    .from(areaBoundaries)
    .where(sql`${areaBoundaries.pcode} IN ${idList(pcodes)}`)
    .orderBy(areaBoundaries.pcode);
}

/** The names of these areas, by P-code. */
export async function areaNames(db: Database, pcodes: string[]): Promise<Map<string, AreaRow['names']>> {
  if (!pcodes.length) return new Map();
  const rows = await db
    .select({ pcode: a.pcode, names: a.names })
    .from(idPage(pcodes))
    .crossJoin(a)
    .where(sql`${a.pcode} = page.value`);
  return new Map(rows.map((r) => [r.pcode, r.names]));
}
