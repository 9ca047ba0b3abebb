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
import { services, serviceTypeAssignments, siteCells } from '../../db/schema.ts';
import { cellOf } from '../domain/geohash.ts';
import { distanceKm, type BoundingBox, type Point } from '../domain/geo.ts';
import { compareKeys, sortKey, type SortKey } from '../domain/ranking.ts';
import type { Country } from '../domain/vocabulary.ts';
import { candidateQuery, s, serviceConditions, type CandidateFilters } from './service-candidates.ts';
import { cellsCovering, inBox, sc } from './site-cells.ts';

const a = alias(serviceTypeAssignments, 'a');

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
