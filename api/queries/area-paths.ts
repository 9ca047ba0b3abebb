/**
 * The SQL forms of the area-path rules of api/domain/area-paths.ts: which services are relevant in
 * an area (the scope of an area listing) and the governorate an area lies in. Both read the path
 * precomputed on every row, so neither needs a recursive query, and a region on the path (the
 * Kurdistan Region between Iraq and its governorates) needs no special case in the first.
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { areas, serviceCoverage } from '../../db/schema.ts';
import { inIds } from '../../db/id-list.ts';
import { ancestorPaths, descendantsEnd } from '../domain/area-paths.ts';

export interface AreaScope {
  /** The area's own path, e.g. "/IQ/IQG15/IQG15Q05/": it and its descendants are a range. */
  path: string;
  /** The paths of its ancestors: services covering a whole governorate or country cover it too. */
  ancestorPaths: string[];
}

/** The scope of listings in the area at `path`. */
export const areaScope = (path: string): AreaScope => ({ path, ancestorPaths: ancestorPaths(path) });

/**
 * The ids (column `service_id`) of the services relevant in an area (api/domain/area-paths.ts
 * `relevantIn`): those covering one of its ancestors (a short IN list) and those covering the area
 * or anything inside it (one range of the coverage index). So the rows read follow the size of the
 * area's listing, not of the directory.
 */
export function servicesRelevantIn(area: AreaScope): SQL {
  const c = serviceCoverage;
  return sql`SELECT ${c.serviceId} FROM ${c} WHERE ${inIds(c.areaPath, area.ancestorPaths)}
    UNION SELECT ${c.serviceId} FROM ${c}
      WHERE ${c.areaPath} >= ${area.path} AND ${c.areaPath} < ${descendantsEnd(area.path)}`;
}

const rc = alias(serviceCoverage, 'rc');

/**
 * Whether the service `serviceId` is relevant in the area (as `servicesRelevantIn`), probed by the
 * service's own few coverage rows: for a listing driven by something else (a rare word's matches).
 */
export function relevantIn(serviceId: SQLiteColumn, area: AreaScope): SQL {
  return sql`EXISTS (SELECT 1 FROM ${serviceCoverage} ${rc} WHERE ${rc.serviceId} = ${serviceId}
    AND (${inIds(rc.areaPath, area.ancestorPaths)}
      OR (${rc.areaPath} >= ${area.path} AND ${rc.areaPath} < ${descendantsEnd(area.path)})))`;
}

/**
 * The path of the governorate an area path lies in, in SQL (api/domain/area-paths.ts
 * `governoratePath`): the path up to the end of its second code, "/IQ/IQG11/IQG11Q02/" → "/IQ/IQG11/",
 * or of its third when the second is a region's (its code has a hyphen, `isRegionCode`),
 * "/IQ/IQ-KR/IQG11/IQG11Q02/" → "/IQ/IQ-KR/IQG11/". A governorate's, a region's or a country's path
 * is its own. Regions lie directly under their country (db/seed/areas.mjs refuses any other place).
 */
export function governoratePathOf(path: SQLiteColumn): SQL<string> {
  // Where the slash after each code is, counted from the one before it: `afterCountry` after the
  // country's code, `afterSecond` after the next code, `afterThird` after the one below that (0 when
  // the path has no further code).
  const afterCountry = sql`instr(substr(${path}, 2), '/')`;
  const afterSecond = sql`instr(substr(${path}, 2 + ${afterCountry}), '/')`;
  const afterThird = sql`instr(substr(${path}, 2 + ${afterCountry} + ${afterSecond}), '/')`;
  const secondIsRegion = sql`instr(substr(${path}, 2 + ${afterCountry}, ${afterSecond}), '-') > 0`;
  return sql<string>`substr(${path}, 1, 1 + ${afterCountry} + ${afterSecond}
    + CASE WHEN ${secondIsRegion} THEN ${afterThird} ELSE 0 END)`;
}

const siteArea = alias(areas, 'site_area');
const governorate = alias(areas, 'governorate');

/**
 * The P-code of the governorate (departamento) the area with P-code `pcode` lies in (both by the
 * unique path index).
 */
export function governorateOf(pcode: SQLiteColumn | SQL): SQL<string> {
  const subquery = sql`(SELECT ${governorate.pcode} FROM ${areas} ${siteArea}
    JOIN ${areas} ${governorate} ON ${governorate.path} = ${governoratePathOf(siteArea.path)}
    WHERE ${siteArea.pcode} = ${pcode})`;
  // Nested once more: drizzle names the columns at the top level of a field of a one-table select
  // without their table, which would make this subquery's columns ambiguous.
  return sql<string>`${subquery}`;
}
