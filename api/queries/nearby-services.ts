/**
 * Services by distance from a point, and the services placed in a box, through a spatial index:
 * geohash cells (site_cells, api/domain/geohash.ts), one row per public site of a published
 * service, under an index on the cell.
 *
 * Why: D1 bills every row read and binds small statements, so "nearest" cannot read every site and
 * measure it in code (at 100,000 services that was millions of rows and megabytes of ids), and a
 * box on a one-column index reads a whole band of latitude. A geohash cell is one key range, so a
 * box is a few ranges of one index.
 *
 * "Nearest" is an expanding search: a first guess of the radius from the sites next to the point
 * along the geohash's Z-order curve (two index walks of a page each), then boxes of growing radius
 * around the point. Every site within the radius lies in the box, so once the box holds the page
 * plus one service no farther than its radius, nothing unread can be nearer, and only those sites
 * are measured exactly (haversine). So the rows read follow the page, not the directory.
 *
 * Services with no public site (hotlines, online services, those only at a confidential shelter)
 * have no distance: unknown is not far, but they cannot be placed, so a distance listing gives them
 * after every placed one, by name, as it always has. They never drop out.
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idList } from '../../db/id-list.ts';
import { serviceOpenHours, services, serviceTypeAssignments, siteCells } from '../../db/schema.ts';
import { cellOf, coverBox } from '../domain/geohash.ts';
import { distanceKm, type BoundingBox, type Point } from '../domain/geo.ts';
import { compareKeys, sortKey, type SortKey } from '../domain/ranking.ts';
import type { Country } from '../domain/vocabulary.ts';
import { candidateQuery, s, serviceConditions, type CandidateFilters } from './service-candidates.ts';
import { cellsCovering, inBox, sc } from './site-cells.ts';
import { d, type StoredDocument } from './service-documents.ts';

const a = alias(serviceTypeAssignments, 'a');
const oh = alias(serviceOpenHours, 'oh');

/** A service found by distance: `distanceKm` null when it has no public site. */
export interface Nearby {
  id: string;
  sortName: string;
  country: Country;
  distanceKm: number | null;
  key: SortKey;
}

/** A search radius that covers the whole earth. */
const WORLD_KM = 20_040;
const KM_PER_DEGREE = 111.195;
/** The no-distance part of a distance key (api/domain/ranking.ts sorts null distances last). */
const LAST = Number.MAX_SAFE_INTEGER;

/** The filters a distance search checks on each service it meets (no area, text or box: those drive). */
function probes(f: CandidateFilters): SQL {
  const conditions = [sql`${s.status} = 'published'`, ...serviceConditions(f)];
  if (f.typeIds?.length) {
    conditions.push(sql`EXISTS (SELECT 1 FROM ${serviceTypeAssignments} ${a} WHERE ${a.serviceId} = ${s.id}
      AND ${a.serviceTypeId} IN ${idList(f.typeIds)})`);
  }
  return sql.join(conditions, sql` AND `);
}

const placedFields = sql`${s.id} AS id, ${s.sortName} AS sortName, ${s.country} AS country,
  ${sc.lat} AS lat, ${sc.lon} AS lon`;

interface SiteRow {
  id: string;
  sortName: string;
  country: Country;
  lat: number | null;
  lon: number | null;
}

/**
 * The sites next to the point along the Z-order of their cells, a page on each side, of services
 * that pass the filters: close in the index is mostly close on the ground, so the page-th nearest
 * of them bounds the radius that holds a page.
 */
function neighboursInCellOrder(f: CandidateFilters, point: Point, n: number): SQL {
  const cell = cellOf(point.lat, point.lon);
  const side = (comparison: SQL, order: SQL) =>
    sql`SELECT * FROM (SELECT ${placedFields} FROM ${siteCells} ${sc} CROSS JOIN ${services} ${s}
      ON ${s.id} = ${sc.serviceId} WHERE ${comparison} AND ${probes(f)} ORDER BY ${order} LIMIT ${n})`;
  return sql`${side(sql`${sc.cell} >= ${cell}`, sql`${sc.cell}`)}
    UNION ALL ${side(sql`${sc.cell} < ${cell}`, sql`${sc.cell} DESC`)}`;
}

/** The sites in the box of services that pass the filters. */
const placedNear = (f: CandidateFilters, box: BoundingBox): SQL =>
  sql`SELECT ${placedFields} FROM ${cellsCovering(box)} CROSS JOIN ${services} ${s} ON ${s.id} = ${sc.serviceId}
    WHERE ${inBox(box)} AND ${probes(f)}`;

/** Every candidate of a scope that drives (an area, a text, a box) with each of its public sites. */
const scopeWithSites = (f: CandidateFilters): SQL =>
  sql`SELECT c.id AS id, c.sortName AS sortName, c.country AS country, ${sc.lat} AS lat, ${sc.lon} AS lon
    FROM (${candidateQuery(f)}) c LEFT JOIN ${siteCells} ${sc} ON ${sc.serviceId} = c.id`;

/** Published services of the filters with no public site, by name after `after` (name, id). */
function unplacedByName(f: CandidateFilters, after: { name: string; id: string } | null, n: number): SQL {
  const from = after ? sql`AND (${s.sortName}, ${s.id}) > (${after.name}, ${after.id})` : sql``;
  return sql`SELECT ${s.id} AS id, ${s.sortName} AS sortName, ${s.country} AS country, NULL AS lat, NULL AS lon
    FROM ${services} ${s} WHERE ${probes(f)} ${from}
      AND NOT EXISTS (SELECT 1 FROM ${siteCells} ${sc} WHERE ${sc.serviceId} = ${s.id})
    ORDER BY ${s.sortName}, ${s.id} LIMIT ${n}`;
}

/** The box around a point that holds every place within `km` of it. */
export function boxAround(point: Point, km: number): BoundingBox {
  if (km >= WORLD_KM) return [-180, -90, 180, 90];
  const dLat = km / KM_PER_DEGREE;
  const minLat = Math.max(-90, point.lat - dLat);
  const maxLat = Math.min(90, point.lat + dLat);
  // Longitude degrees shrink towards the poles: widen by the box's edge nearest a pole.
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const dLon = widest >= 89.9 ? 180 : km / (KM_PER_DEGREE * Math.cos((widest * Math.PI) / 180));
  return dLon >= 180 ? [-180, minLat, 180, maxLat] : [point.lon - dLon, minLat, point.lon + dLon, maxLat];
}

/** Each service once, at the distance of its nearest public site (null when it has none). */
function nearestPerService(rows: SiteRow[], point: Point): Nearby[] {
  const best = new Map<string, Nearby>();
  for (const row of rows) {
    const km = row.lat === null || row.lon === null ? null : distanceKm(point, { lat: row.lat, lon: row.lon });
    const known = best.get(row.id);
    if (known && (km === null || (known.distanceKm !== null && known.distanceKm <= km))) continue;
    best.set(row.id, { id: row.id, sortName: row.sortName, country: row.country, distanceKm: km, key: [] });
  }
  return [...best.values()].map((n) => ({
    ...n,
    key: sortKey('distance', {
      id: n.id,
      sortName: n.sortName,
      distanceKm: n.distanceKm,
      isPriority: false,
      freshness: 'fresh',
      textScore: null,
      lastVerifiedAt: null,
    }),
  }));
}

const byKey = (x: Nearby, y: Nearby) => compareKeys(x.key, y.key);

/**
 * The first `want` services in distance order after `after` that `accept` keeps (it is given them
 * in order, at most `want` at a time, and returns those that pass: "open now" is judged there).
 * An area, a text or a box drives from its own index (their candidates are measured, however far);
 * otherwise the expanding search above reads the cells around the point.
 */
export async function servicesByDistance(
  db: Database,
  f: CandidateFilters,
  point: Point,
  after: SortKey | undefined,
  want: number,
  accept: (batch: Nearby[]) => Promise<Nearby[]>,
): Promise<Nearby[]> {
  const accepted: Nearby[] = [];
  const take = async (ordered: Nearby[]) => {
    for (let i = 0; i < ordered.length && accepted.length < want; i += want) {
      accepted.push(...(await accept(ordered.slice(i, i + want))));
    }
  };
  const isAfter = (n: Nearby) => !after || compareKeys(n.key, after) > 0;

  if (f.area || f.textMatch || f.bbox) {
    const rows = await db.all<SiteRow>(scopeWithSites(f));
    await take(nearestPerService(rows, point).filter(isAfter).sort(byKey));
    return accepted.slice(0, want);
  }

  const afterKm = after ? (after[0] === LAST ? WORLD_KM : Number(after[0]) / 1000) : 0;
  if (afterKm < WORLD_KM) {
    const neighbours = nearestPerService(await db.all<SiteRow>(neighboursInCellOrder(f, point, want)), point);
    const kms = neighbours.map((n) => n.distanceKm!).sort((x, y) => x - y);
    // Fewer than a page on both sides: every matching site on earth was among them.
    let radius = kms.length >= want ? afterKm + kms[want - 1]! : WORLD_KM;
    const seen = new Set<string>();
    for (;;) {
      const found = nearestPerService(await db.all<SiteRow>(placedNear(f, boxAround(point, radius))), point);
      const proven = found.filter((n) => n.distanceKm! <= radius && isAfter(n) && !seen.has(n.id)).sort(byKey);
      for (const n of proven) seen.add(n.id);
      await take(proven);
      if (accepted.length >= want || radius >= WORLD_KM) break;
      radius = Math.min(WORLD_KM, radius * 2);
    }
  }
  if (accepted.length < want) {
    // Past every placed service: those without a place, by name (after the cursor's, if it is among them).
    const from = after && after[0] === LAST ? { name: String(after[1]), id: String(after[2]) } : null;
    for (let cursor = from; accepted.length < want;) {
      const rows = await db.all<SiteRow>(unplacedByName(f, cursor, want));
      await take(nearestPerService(rows, point));
      if (rows.length < want) break;
      const last = rows.at(-1)!;
      cursor = { name: last.sortName, id: last.id };
    }
  }
  return accepted.slice(0, want);
}

/**
 * Nearest first without an area, a text or a box, in ONE statement (one D1 round trip), the page's
 * stored documents joined to it, and a bounded reach.
 *
 * The statement walks boxes of growing radius around the point (a recursive CTE, one ring a step:
 * `RING_START_KM` past the cursor's distance, each next one √2 times as far), counting in each
 * the services whose nearest public site lies within the ring's radius; it stops at the first ring
 * that holds `need` of them (every site within the radius lies in the box, so nothing unread is
 * nearer), then reads that ring's sites once more for the page, nearest first, LIMIT `need`, each
 * with its stored document. So it reads the rings up to the one that holds the page (about twice
 * that box, each smaller ring being half the one after it) and that box again, never the
 * directory: the rows follow the page and the density around the point, and services far away are
 * never read.
 *
 * Distances in SQL are a flat-earth approximation (SQLite has no trigonometry everywhere D1 runs),
 * good to far better than a metre within the rings a page needs; the caller measures each returned
 * service exactly (haversine, from its document's places) and orders the page by that, keeping only
 * what the ring proves (`provenKm`), a little inside the ring's radius.
 *
 * Not yet bounded: the rings go on to the whole earth until they hold `need` services, so a rare
 * type among many services still reads every site nearer than its page. `filled` false with a
 * cursor (the caller's `walkStopped`) is the way to stop earlier and say so; a bound by the sites a
 * ring holds broke paging and was left out.
 */
export interface RingSearch {
  /** Each service found, nearest by the approximation first, with its stored document. */
  rows: Array<{ id: string; body: StoredDocument['body']; builtAt: string | null }>;
  /** Every service within this distance (km) that passes the filters is among `rows`, or more than `need` are. */
  provenKm: number;
  /** The ring held `need` services: the page is full from it. */
  filled: boolean;
  /** The last ring covered the whole earth: every placed service that passes the filters was read. */
  wholeEarth: boolean;
}

/** The first ring's radius past the cursor (km); each next ring reaches √2 times as far past it. */
const RING_START_KM = 1 / 4;
/** Cells per ring: each is one range of the cell index (fewer, larger cells read more sites outside the box). */
const RING_CELLS = 16;
/** Services read past the page, for the few whose exact distance orders them differently. */
export const RING_MARGIN = 3;
/** What the approximation may be off by, relative to the distance, within the rings' reach. */
const APPROX = 0.01;
/** Past this distance (km) the flat-earth approximation is not trusted: only the whole earth is read. */
const APPROX_REACH_KM = 500;

/** A finite number as an SQL literal: the ring geometry is computed here, never taken from a request as text. */
const num = (x: number): SQL => {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return sql.raw(String(x));
};

export async function nearestInRings(
  db: Database,
  f: CandidateFilters,
  point: Point,
  afterKm: number,
  need: number,
  openHours?: Partial<Record<Country, number>>,
): Promise<RingSearch> {
  const step = Math.max(RING_START_KM, afterKm / 4);
  const rings: Array<{ r: number; box: BoundingBox }> = [];
  for (let j = 0; ; j++) {
    const r = Math.min(WORLD_KM, afterKm + step * Math.SQRT2 ** j);
    rings.push({ r, box: boxAround(point, r) });
    if (r >= WORLD_KM) break;
  }
  const ringJson = JSON.stringify(
    rings.map(({ r, box }) => ({
      c: coverBox(box, RING_CELLS),
      b: box,
      // Proven: within the radius by the approximation, with room for its error.
      // Farther than the approximation holds, nothing is proven until the ring that holds the earth.
      r2: r >= WORLD_KM ? 1e18 : r > APPROX_REACH_KM ? -1 : (r * (1 - APPROX)) ** 2,
    })),
  );
  const lo = afterKm > 0 ? Math.max(0, afterKm * (1 - APPROX) - 0.01) ** 2 : -1;

  // Squared distance (km²) from the point, flat-earth at the middle latitude (cosine to second order).
  const rad = Math.PI / 180;
  const c0 = Math.cos(point.lat * rad);
  const s0 = Math.sin(point.lat * rad);
  const half = sql`((${sc.lat} - ${num(point.lat)}) * ${num(rad / 2)})`;
  const cosMiddle = sql`(${num(c0)} * (1 - ${half} * ${half} / 2) - ${num(s0)} * ${half})`;
  const dx = sql`((${sc.lon} - ${num(point.lon)}) * ${num(KM_PER_DEGREE)} * ${cosMiddle})`;
  const dy = sql`((${sc.lat} - ${num(point.lat)}) * ${num(KM_PER_DEGREE)})`;
  const q = sql`(${dx} * ${dx} + ${dy} * ${dy})`;

  // A service passes the filters (and, for "open now", its weekly hours may be open in this hour of
  // the week): probed on its row only for the sites within a ring's radius. Without filters every
  // cell is of a published service (the derivation writes cells for nothing else).
  const conditions: SQL[] = [];
  if (serviceConditions(f).length || f.typeIds?.length || openHours) {
    const open = openHours
      ? sql` AND EXISTS (SELECT 1 FROM ${serviceOpenHours} ${oh} WHERE ${oh.serviceId} = ${s.id}
          AND substr(${oh.week}, CASE ${s.country} ${sql.join(
            Object.entries(openHours).map(([country, h]) => sql`WHEN ${country} THEN ${num(h!)}`),
            sql` `,
          )} END + 1, 1) = '1')`
      : sql``;
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${services} ${s} WHERE ${s.id} = ${sc.serviceId} AND ${probes(f)}${open})`,
    );
  }
  const passes = conditions.length ? sql.join(conditions, sql` AND `) : sql`1`;
  // Ring `j` of the rings' JSON (bound once): its cells' key ranges, its box and its proven radius.
  const ringOf = (j: SQL) => sql`((SELECT v FROM rings) -> ('$[' || (${j}) || ']'))`;
  const ringSites = (g: SQL) =>
    sql`json_each(${g} -> '$.c') cr CROSS JOIN ${siteCells} ${sc}
      ON ${sc.cell} BETWEEN cr.value ->> 0 AND cr.value ->> 1`;
  const inRingBox = (g: SQL) =>
    sql`${sc.lon} BETWEEN ${g} ->> '$.b[0]' AND ${g} ->> '$.b[2]'
      AND ${sc.lat} BETWEEN ${g} ->> '$.b[1]' AND ${g} ->> '$.b[3]'`;
  const proven = (g: SQL) => sql`${q} <= ${g} ->> '$.r2' AND ${q} >= ${num(lo)} AND ${passes}`;
  const stepRing = ringOf(sql`w.j + 1`);
  const pageRing = ringOf(sql`(SELECT j FROM chosen)`);
  const statement = sql`WITH RECURSIVE
    rings(v) AS (SELECT ${ringJson}),
    walk(j, found) AS (
      SELECT -1, 0
      UNION ALL
      SELECT w.j + 1,
          (SELECT count(DISTINCT CASE WHEN ${proven(stepRing)} THEN ${sc.serviceId} END)
            FROM ${ringSites(stepRing)} WHERE ${inRingBox(stepRing)})
        FROM walk w
        WHERE w.found < ${num(need)} AND w.j + 1 < ${num(rings.length)}),
    chosen(j, found) AS (SELECT j, found FROM walk ORDER BY j DESC LIMIT 1),
    page(id, q) AS (
      SELECT ${sc.serviceId}, min(${q}) FROM ${ringSites(pageRing)}
      WHERE ${inRingBox(pageRing)} AND ${proven(pageRing)}
      GROUP BY ${sc.serviceId} ORDER BY min(${q})
      LIMIT (SELECT CASE WHEN j = ${num(rings.length - 1)} AND ${num(rings.at(-1)!.r)} >= ${num(WORLD_KM)}
        THEN -1 ELSE ${num(need)} END FROM chosen))
    SELECT chosen.j AS ring, chosen.found AS found, page.id AS id, page.q AS q
    FROM chosen LEFT JOIN page ON 1`;
  const rows = await db
    .select({
      ring: sql<number>`ring`.mapWith(Number),
      found: sql<number>`found`.mapWith(Number),
      id: sql<string | null>`id`,
      body: d.body,
      builtAt: d.builtAt,
    })
    .from(sql`(${statement}) found_page`)
    .leftJoin(d, sql`${d.serviceId} = found_page.id`)
    .orderBy(sql`found_page.q`);
  const ring = rings[rows[0]?.ring ?? -1];
  if (!ring) return { rows: [], provenKm: afterKm, filled: false, wholeEarth: false };
  const filled = (rows[0]?.found ?? 0) >= need;
  const wholeEarth = ring.r >= WORLD_KM;
  return {
    rows: rows.flatMap((row) => (row.id ? [{ id: row.id, body: row.body, builtAt: row.builtAt }] : [])),
    provenKm: wholeEarth ? WORLD_KM : ring.r * (1 - 2 * APPROX),
    filled,
    wholeEarth,
  };
}

/** Published services of the filters with no public site, by name after `after` (name, id): a listing's tail. */
export function unplacedAfter(
  db: Database,
  f: CandidateFilters,
  after: { name: string; id: string } | null,
  n: number,
) {
  return db.all<SiteRow>(unplacedByName(f, after, n));
}

/** The no-distance part of a distance key: services without a public site come after every placed one. */
export const NO_DISTANCE = LAST;
