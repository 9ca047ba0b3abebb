/**
 * The area page's reads before its listing, in one D1 round trip (every query is a network round trip
 * in production): the area and its ancestors, its child areas, the taxonomy (unless the isolate keeps
 * it for the request's directory version), the pathways defined at
 * the area or above it, and the concerns that order them. None needs another's answer: the area and
 * its ancestors are found from the P-code alone, by walking the parents in SQL, so the breadcrumbs
 * and the pathways do not wait for the area row. The listing follows in one more trip (its walk needs
 * the area's path); with the directory version read first, a district page costs three trips.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { areas } from '../../db/schema.ts';
import { pathCodes } from '../domain/area-paths.ts';
import { ancestorsOf, type AreaRow } from './areas.ts';
import { nearestPathways } from '../domain/pathways.ts';
import { allConcerns, pathwaysFor, publishedPathwaysAt, type ConcernRow, type PublicPathwayRow } from './pathways.ts';
import type { DirectoryVersion } from './directory-version.ts';
import { batchWithServiceTypes, type ServiceTypeRow } from './service-types.ts';

const up = alias(areas, 'up_area');

export interface AreaPageData {
  area: AreaRow;
  /** From the country down. */
  ancestors: AreaRow[];
  children: AreaRow[];
  types: ServiceTypeRow[];
  /** For each concern, the pathway that holds in the area, in the concerns' order. */
  pathways: PublicPathwayRow[];
}

export async function areaPageData(
  db: Database,
  directory: DirectoryVersion | undefined,
  pcode: string,
): Promise<AreaPageData | null> {
  // The P-codes of the area and of every area above it, by its parents (one primary-key probe a level).
  const lineage = sql`(WITH RECURSIVE line(code) AS (SELECT ${pcode}
      UNION ALL SELECT ${up.parentPcode} FROM ${areas} ${up} JOIN line ON ${up.pcode} = line.code
      WHERE ${up.parentPcode} IS NOT NULL) SELECT code FROM line)`;
  const {
    results: [line, children, found, concerns],
    types,
  } = await batchWithServiceTypes(db, directory, [
    db
      .select()
      .from(areas)
      .where(sql`${areas.pcode} IN ${lineage}`),
    db.select().from(areas).where(eq(areas.parentPcode, pcode)).orderBy(asc(areas.pcode)),
    publishedPathwaysAt(db, lineage),
    allConcerns(db),
  ]);
  const area = line.find((a) => a.pcode === pcode);
  if (!area) return null;
  // The path names the ancestors; the parents are the same areas. Should they ever differ, the path
  // decides, as everywhere else (one more read).
  const codes = pathCodes(area.path);
  const byCode = new Map(line.map((a) => [a.pcode, a]));
  const sameLine = codes.every((code) => byCode.has(code)) && line.length === codes.length;
  const ancestors = sameLine ? codes.slice(0, -1).map((code) => byCode.get(code)!) : await ancestorsOf(db, area);
  const pathways = sameLine ? nearestPathways(found, area.path) : await pathwaysFor(db, area.path);
  return { area, ancestors, children, types, pathways: inConcernOrder(pathways, concerns) };
}

function inConcernOrder(found: PublicPathwayRow[], concerns: ConcernRow[]): PublicPathwayRow[] {
  const order = new Map(concerns.map((c, i) => [c.id, i]));
  return [...found].sort((a, b) => (order.get(a.concernId) ?? 0) - (order.get(b.concernId) ?? 0));
}
