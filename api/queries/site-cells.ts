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
import { CELL_BITS, cellBox, cellOf, cellSpan, coverBox, type CellRange } from '../domain/geohash.ts';
import { distanceKm, type BoundingBox, type Point } from '../domain/geo.ts';

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
 * The levels site_cell_counts keeps (migration 0031's triggers): a cell's first 20 bits (about 39 by
 * 20 km: a country or a governorate in view), 25 (about 4.9 by 4.9 km: a district) or 30 (about 1.2
 * by 0.6 km: a town).
 */
export const COUNT_LEVELS = [20, 25, 30] as const;
export type CountLevel = (typeof COUNT_LEVELS)[number];

/**
 * At most this many cells of a level may lie in a view for its counts to be drawn at that level:
 * finer cells in a wide view hold one service each, and draw a point per service after all. (The
 * ranges read reach past the view, so a map may draw more, at most `cellsRead`: 896 for a district
 * whose box spans 594.)
 */
export const MAX_COUNT_CELLS = 600;

/** How many cells of `level` a box spans, counting those it only touches at its edges. */
export function cellsSpanned([minLon, minLat, maxLon, maxLat]: BoundingBox, level: CountLevel): number {
  const { lon: lonSpan, lat: latSpan } = cellSpan(level);
  const across = Math.floor((maxLon + 180) / lonSpan) - Math.floor((minLon + 180) / lonSpan) + 1;
  const down = Math.floor((maxLat + 90) / latSpan) - Math.floor((minLat + 90) / latSpan) + 1;
  return across * down;
}

/** The finest level whose cells in the box number at most `maxCells`, else the coarsest. */
function finestLevelWithin(box: BoundingBox, maxCells: number): CountLevel {
  for (let i = COUNT_LEVELS.length - 1; i > 0; i--) {
    if (cellsSpanned(box, COUNT_LEVELS[i]!) <= maxCells) return COUNT_LEVELS[i]!;
  }
  return COUNT_LEVELS[0];
}

/** The level a map draws the box's counts at. */
export const countLevelFor = (box: BoundingBox): CountLevel => finestLevelWithin(box, MAX_COUNT_CELLS);

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
 * that hold a site, however many services they hold. Those ranges reach a little past the view:
 * at most `cellsRead` cells.
 */
export async function cellCountsIn(db: Database, box: BoundingBox, level: CountLevel): Promise<CellCount[]> {
  const unit = 2 ** (CELL_BITS - level);
  const rows = await db
    .select({ cell: cc.cell, services: cc.services, sites: cc.sites, latSum: cc.latSum, lonSum: cc.lonSum })
    .from(sql`json_each(${JSON.stringify(countRanges(box, level))}) ranges`)
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

/** How many cells of `level` the counts of a box may read: those in the key ranges that cover it. */
export const cellsRead = (box: BoundingBox, level: CountLevel): number =>
  countRanges(box, level).reduce((sum, [low, high]) => sum + (high - low + 1), 0);

/** The key ranges of the cells at `level` that cover the box (coverBox's, shortened to the level's bits). */
function countRanges(box: BoundingBox, level: CountLevel): CellRange[] {
  const unit = 2 ** (CELL_BITS - level);
  // Shortened, neighbouring ranges may name the same coarse cell: merged, each cell is read once.
  return mergedRanges(coverBox(box).map(([low, high]) => [Math.floor(low / unit), Math.floor(high / unit)]));
}

/** Ranges in order of their lows, those that touch or overlap merged into one. */
function mergedRanges(ranges: CellRange[]): CellRange[] {
  const merged: CellRange[] = [];
  for (const [low, high] of ranges) {
    const last = merged.at(-1);
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else merged.push([low, high]);
  }
  return merged;
}

/**
 * One of the rings a search by distance widens through (api/queries/nearby-services.ts), as JSON
 * for its statement: the box `b` around the point that holds every place within `r` km, and the
 * key ranges of the sites' cells covering it (`s`).
 */
export interface Ring {
  r: number;
  b: BoundingBox;
  s: Array<[number, number]>;
}

/**
 * The rings around a point, from a hundred metres to the whole earth, and the cells whose stored
 * counts tell how many services lie around it: the 3 by 3 cells of each count level centred on
 * the point's own, as key ranges at that level, with their area in km².
 */
export interface RingsAround {
  rings: Ring[];
  blocks: { fine: Array<[number, number]>; fineKm2: number; coarse: Array<[number, number]>; coarseKm2: number };
}

const FIRST_RING_KM = 0.1;
/** Each ring a fifth wider than the one before: finer steps read fewer sites past the page, more make a longer list. */
const RING_GROWTH = 1.2;
/**
 * Cells covering each ring's box: more cells read fewer sites outside it, and make a longer list.
 * Sixteen covered 1.4 to 3 times a kilometre-wide ring's box, so in a dense district more sites
 * were read outside the box than in it; sixty-four cover 1.0 to 1.4 times it, for a list of the
 * rings of about 30 kB instead of 16 (a bound value, not SQL text).
 */
const RING_CELLS = 64;
const KM_PER_DEGREE = 111.195;

/** Merged key ranges of some cell keys. */
function rangesOf(keys: number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const key of [...keys].sort((x, y) => x - y)) {
    const last = ranges.at(-1);
    if (last && last[1] + 1 === key) last[1] = key;
    else if (!last || last[1] < key) ranges.push([key, key]);
  }
  return ranges;
}

/** At most this many cells are summed for a box, of the finest level that covers it with so few. */
const BOUND_CELLS = 64;

/**
 * Whether the box holds at most `most` published services with a public site, in SQL, by the stored
 * counts of the cells covering it, of the finest level that covers it with at most BOUND_CELLS: an
 * upper bound (a service placed in two cells is counted in each, and a cell reaches past the box),
 * never less than the truth, and the closer the finer the cells (a box of a few kilometres beside a
 * city counted the city too in the 39 km cells, so it was walked a stretch at a time instead of read
 * whole). Each cell holding a service adds at least 1 to the bound, so a bound of at most `most`
 * has at most `most` such cells: the sum stops after `most` + 1 of them (a cell whose services have
 * all gone keeps its row, counting 0, and is passed over), and a country's box, hundreds of cells
 * even at the coarsest level, reads about that many, however often a request asks.
 */
export function boxHoldsAtMost(box: BoundingBox, most: number): SQL {
  const level = finestLevelWithin(box, BOUND_CELLS);
  return sql`((SELECT coalesce(sum(n), 0) FROM (SELECT ${cc.services} AS n
    FROM json_each(${JSON.stringify(countRanges(box, level))}) CROSS JOIN ${siteCellCounts} ${cc}
    ON ${cc.level} = ${level} AND ${cc.cell} BETWEEN json_each.value ->> 0 AND json_each.value ->> 1
    WHERE ${cc.services} > 0 LIMIT ${most + 1})) <= ${most})`;
}

/**
 * Whether the box spans at most BOUND_CELLS cells of some level, so `boxHoldsAtMost` reads a few
 * dozen counts for it: false for a box wider than that many of the coarsest cells (about 2.8° by
 * 1.4°), whose count may read a few hundred.
 */
export const boxCountedCheaply = (box: BoundingBox): boolean => cellsSpanned(box, COUNT_LEVELS[0]) <= BOUND_CELLS;

/** The 3 by 3 cells at `level` centred on the point's, and their area in km². */
function blockAround(point: { lat: number; lon: number }, level: CountLevel) {
  const { lon: lonSpan, lat: latSpan } = cellSpan(level);
  const keys: number[] = [];
  for (const dx of [-1, 0, 1]) {
    for (const dy of [-1, 0, 1]) {
      const lat = Math.min(89.999, Math.max(-89.999, point.lat + dy * latSpan));
      const lon = ((point.lon + dx * lonSpan + 540) % 360) - 180;
      keys.push(Math.floor(cellOf(lat, lon) / 2 ** (CELL_BITS - level)));
    }
  }
  const km2 = 9 * lonSpan * KM_PER_DEGREE * Math.cos((point.lat * Math.PI) / 180) * latSpan * KM_PER_DEGREE;
  return { ranges: rangesOf(keys), km2 };
}

/**
 * The rings around the point past ring `from` (those up to it are given without cells: a search
 * past it never reads them). When a circle of `innerKm` was read already, a ring's cells leave out
 * the box inside that circle (boxWithin): its sites were measured then. Without that, each wider
 * ring read every site nearer than it again, and a search that went on page after page read
 * 238,390 rows at its eighth page at 100,000 services.
 */
export function ringsAround(point: Point, worldKm: number, innerKm = 0, from = -1): RingsAround {
  const rings: Ring[] = [];
  const inner = boxWithin(point, innerKm);
  for (let r = FIRST_RING_KM, i = 0; ; r = Math.min(worldKm, r * RING_GROWTH), i++) {
    const b = boxAround(point, r, worldKm);
    // Past three times the inner circle, its box is a twentieth of the ring's: not worth the strips.
    const strips = inner && i > from && r > innerKm && r <= 3 * innerKm ? coverRing(b, inner) : null;
    rings.push({ r, b, s: i <= from ? [] : smaller(coverBox(b, RING_CELLS), strips) });
    if (r >= worldKm) break;
  }
  const fine = blockAround(point, 30);
  const coarse = blockAround(point, 20);
  return {
    rings,
    blocks: { fine: fine.ranges, fineKm2: fine.km2, coarse: coarse.ranges, coarseKm2: coarse.km2 },
  };
}

/**
 * Of two covers, the one that reaches less of the earth (every finest cell is the same span of
 * latitude and longitude): the strips' coarser cells can reach further than the whole box's.
 */
function smaller(whole: CellRange[], ring: CellRange[] | null): CellRange[] {
  if (!ring) return whole;
  const reach = (ranges: CellRange[]) => ranges.reduce((sum, [low, high]) => sum + (high - low + 1), 0);
  return reach(ring) < reach(whole) ? ring : whole;
}

/**
 * The cells covering the box `outer` less the box `inner` inside it: the four strips around `inner`,
 * each covered by a quarter of the cells, their ranges merged (a cell reaches past its strip, so
 * some sites inside `inner` are read, and dropped before their services are).
 */
function coverRing(outer: BoundingBox, inner: BoundingBox): CellRange[] {
  const [oMinLon, oMinLat, oMaxLon, oMaxLat] = outer;
  const [iMinLon, iMinLat, iMaxLon, iMaxLat] = inner;
  const strips: BoundingBox[] = [
    [oMinLon, oMinLat, oMaxLon, iMinLat],
    [oMinLon, iMaxLat, oMaxLon, oMaxLat],
    [oMinLon, iMinLat, iMinLon, iMaxLat],
    [iMaxLon, iMinLat, oMaxLon, iMaxLat],
  ];
  // A strip with no width (the inner box touching the outer one's edge) holds nothing to cover.
  return mergedRanges(
    strips
      .filter(([minLon, minLat, maxLon, maxLat]) => minLon < maxLon && minLat < maxLat)
      .flatMap((strip) => coverBox(strip, RING_CELLS / 4))
      .sort((x, y) => x[0] - y[0]),
  );
}

/**
 * A box around the point every place of which lies within `km` of it (a percent and ten metres
 * inside, measured exactly on its corners and along its edges), or null for none (no circle, or one
 * reaching a pole or the date line, where a box of degrees is no square).
 */
export function boxWithin(point: Point, km: number): BoundingBox | null {
  // A percent and ten metres inside, as a key rounds to the metre (see nearby-services.ts readBefore).
  const limit = km * 0.99 - 0.01;
  if (limit <= 0) return null;
  let dLat = limit / Math.SQRT2 / KM_PER_DEGREE;
  let dLon = dLat / Math.cos((point.lat * Math.PI) / 180);
  for (let tries = 0; tries < 8; tries++) {
    if (Math.abs(point.lat) + dLat >= 89 || Math.abs(point.lon) + dLon >= 180) return null;
    let farthest = 0;
    for (let step = 0; step <= 8; step++) {
      const t = step / 4 - 1;
      for (const [y, x] of [
        [t, -1],
        [t, 1],
        [-1, t],
        [1, t],
      ] as const) {
        farthest = Math.max(farthest, distanceKm(point, { lat: point.lat + y * dLat, lon: point.lon + x * dLon }));
      }
    }
    if (farthest <= limit) return [point.lon - dLon, point.lat - dLat, point.lon + dLon, point.lat + dLat];
    dLat *= (limit / farthest) * 0.999;
    dLon *= (limit / farthest) * 0.999;
  }
  return null;
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
