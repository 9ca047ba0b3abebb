/**
 * The public sites of published services by geohash cell (site_cells: see
 * api/queries/nearby-services.ts for why): a box is covered by a few cells, each one range of the
 * cell index, then checked exactly, since a cell reaches past the box. Only sites that may be
 * placed have a row (api/domain/listing-index.ts never writes a confidential one).
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { siteCellCounts, siteCells } from '../../db/schema.ts';
import { CELL_BITS, cellBox, cellOf, coverBox } from '../domain/geohash.ts';
import type { BoundingBox } from '../domain/geo.ts';

export const sc = alias(siteCells, 'sc');

/** `FROM` the sites in the cells covering the box (alias `sc`); add `WHERE ${inBox(box)}`. */
export const cellsCovering = (box: BoundingBox): SQL =>
  sql`json_each(${JSON.stringify(coverBox(box))}) CROSS JOIN ${siteCells} ${sc}
    ON ${sc.cell} BETWEEN json_each.value ->> 0 AND json_each.value ->> 1`;

/** The site `sc` lies in the box. */
export const inBox = ([minLon, minLat, maxLon, maxLat]: BoundingBox): SQL =>
  sql`${sc.lat} BETWEEN ${minLat} AND ${maxLat} AND ${sc.lon} BETWEEN ${minLon} AND ${maxLon}`;

/** The ids of the services placed in the box (as `service_id`): a candidate query's driver. */
export const placedInBox = (box: BoundingBox): SQL =>
  sql`SELECT DISTINCT ${sc.serviceId} AS service_id FROM ${cellsCovering(box)} WHERE ${inBox(box)}`;

/** The service whose id is `serviceId` has a public site in the box (a probe, when an area drives). */
export const hasSiteInBox = (serviceId: SQLWrapper, box: BoundingBox): SQL =>
  sql`EXISTS (SELECT 1 FROM ${siteCells} ${sc} WHERE ${sc.serviceId} = ${serviceId} AND ${inBox(box)})`;

/**
 * The levels site_cell_counts keeps (migration 0018's triggers): a cell's first 20 bits (about 39 by
 * 20 km, a country or a governorate in view) or its first 30 (about 1.2 by 0.6 km, a district or a town).
 */
export const COUNT_LEVELS = [20, 30] as const;
export type CountLevel = (typeof COUNT_LEVELS)[number];

/** The level that draws a box in a readable number of counts: the coarse one for a view wider than a degree. */
export const countLevelFor = ([minLon, minLat, maxLon, maxLat]: BoundingBox): CountLevel =>
  maxLon - minLon > 1 || maxLat - minLat > 1 ? 20 : 30;

export interface CellCount {
  level: CountLevel;
  /** The cell's first `level` bits. */
  cell: number;
  /** Published services with a public site in the cell, each once. */
  services: number;
  /** Where the cell's sites are on average (the count is drawn there). */
  lat: number;
  lon: number;
  /** The cell's own box, to zoom in to. */
  box: [number, number, number, number];
}

const cc = alias(siteCellCounts, 'cc');

/**
 * The counts of the cells at `level` that cover the box: the same few key ranges a box search
 * reads (coverBox), each shortened to the level's bits, so the rows read are the cells in view
 * that hold a site, however many services they hold.
 */
export async function cellCountsIn(db: Database, box: BoundingBox, level: CountLevel): Promise<CellCount[]> {
  const unit = 2 ** (CELL_BITS - level);
  // Shortened, neighbouring ranges may name the same coarse cell: merged, each cell is read once.
  const ranges: Array<[number, number]> = [];
  for (const [low, high] of coverBox(box)) {
    const range: [number, number] = [Math.floor(low / unit), Math.floor(high / unit)];
    const last = ranges.at(-1);
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else ranges.push(range);
  }
  const rows = await db
    .select({ cell: cc.cell, services: cc.services, sites: cc.sites, latSum: cc.latSum, lonSum: cc.lonSum })
    .from(sql`json_each(${JSON.stringify(ranges)}) ranges`)
    .crossJoin(cc)
    .where(
      sql`${cc.level} = ${level} AND ${cc.services} > 0
        AND ${cc.cell} BETWEEN ranges.value ->> 0 AND ranges.value ->> 1`,
    );
  return rows.map((row) => ({
    level,
    cell: row.cell,
    services: row.services,
    lat: row.latSum / row.sites,
    lon: row.lonSum / row.sites,
    box: cellBox(row.cell * unit, level),
  }));
}

/**
 * One of the rings a search by distance widens through (api/queries/nearby-services.ts), as JSON
 * for its statement: the box `b` around the point that holds every place within `r` km; the
 * count cells at level `l` this ring adds to the ones before it, as key ranges at that level (`c`;
 * `reset`: the count starts again, at a coarser level); `f`, the share of the counted cells' area
 * the circle of radius `r` covers (the count times `f` estimates the services within `r`); and the
 * key ranges of the sites' cells covering the box (`s`).
 */
export interface Ring {
  r: number;
  b: BoundingBox;
  l: CountLevel;
  reset: 0 | 1;
  c: Array<[number, number]>;
  f: number;
  s: Array<[number, number]>;
}

/** The first ring's radius, and how much wider each next one is, in km. */
const FIRST_RING_KM = 0.25;
const RING_GROWTH = 1.4;
/** Level-30 cells are listed one by one while a box spans at most this many degrees of latitude. */
const FINE_RING_DEGREES = 0.12;

/** Merged key ranges of some cell keys. */
function rangesOf(keys: number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const key of [...keys].sort((x, y) => x - y)) {
    const last = ranges.at(-1);
    if (last && last[1] + 1 === key) last[1] = key;
    else ranges.push([key, key]);
  }
  return ranges;
}

/** The rings around a point, from a few hundred metres to `worldKm` (a box of the whole earth). */
export function ringsAround(point: { lat: number; lon: number }, worldKm: number): Ring[] {
  const rings: Ring[] = [];
  const listed = new Set<number>();
  let level: CountLevel = 30;
  let counted = 0;
  const kmPerDegree = 111.195;
  const cellKm2 = (l: CountLevel) =>
    (360 / 2 ** Math.ceil(l / 2)) * kmPerDegree * Math.cos((point.lat * Math.PI) / 180) *
    ((180 / 2 ** Math.floor(l / 2)) * kmPerDegree);
  for (let r = FIRST_RING_KM; ; r = Math.min(worldKm, r * RING_GROWTH)) {
    const b = boxAround(point, r, worldKm);
    const [minLon, minLat, maxLon, maxLat] = b;
    let c: Array<[number, number]>;
    let reset: 0 | 1 = 0;
    if (maxLat - minLat <= FINE_RING_DEGREES) {
      // Each level-30 cell the box touches, listed once over every ring.
      const lonSpan = 360 / 2 ** 15;
      const latSpan = 180 / 2 ** 15;
      const fresh: number[] = [];
      for (let x = Math.floor((minLon + 180) / lonSpan); x <= Math.floor((maxLon + 180) / lonSpan); x++) {
        for (let y = Math.floor((minLat + 90) / latSpan); y <= Math.floor((maxLat + 90) / latSpan); y++) {
          const key = Math.floor(cellOf(-90 + (y + 0.5) * latSpan, -180 + (x + 0.5) * lonSpan) / 2 ** (CELL_BITS - 30));
          if (!listed.has(key)) fresh.push(key);
          listed.add(key);
        }
      }
      c = rangesOf(fresh);
      counted = listed.size;
    } else {
      // Wider: the coarse cells covering the box, counted again from nothing at each ring.
      level = 20;
      reset = 1;
      const unit = 2 ** (CELL_BITS - 20);
      c = [];
      for (const [low, high] of coverBox(b)) {
        const range: [number, number] = [Math.floor(low / unit), Math.floor(high / unit)];
        const last = c.at(-1);
        if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
        else c.push(range);
      }
      counted = c.reduce((sum, [low, high]) => sum + high - low + 1, 0);
    }
    const f = r >= worldKm ? 1 : Math.min(1, (Math.PI * r * r) / (counted * cellKm2(level)));
    rings.push({ r, b, l: level, reset, c, f, s: coverBox(b, 32) });
    if (r >= worldKm) return rings;
  }
}

/** The box around a point that holds every place within `km` of it (the whole earth from `worldKm`). */
export function boxAround(point: { lat: number; lon: number }, km: number, worldKm: number): BoundingBox {
  if (km >= worldKm) return [-180, -90, 180, 90];
  const kmPerDegree = 111.195;
  const dLat = km / kmPerDegree;
  const minLat = Math.max(-90, point.lat - dLat);
  const maxLat = Math.min(90, point.lat + dLat);
  // Longitude degrees shrink towards the poles: widen by the box's edge nearest a pole.
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const dLon = widest >= 89.9 ? 180 : km / (kmPerDegree * Math.cos((widest * Math.PI) / 180));
  return dLon >= 180 ? [-180, minLat, 180, maxLat] : [point.lon - dLon, minLat, point.lon + dLon, maxLat];
}
