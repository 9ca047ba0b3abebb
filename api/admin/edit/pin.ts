/**
 * "Pinning a location on a map sets its area" (issue 4): the deepest loaded boundary that
 * contains the point, by point-in-polygon on the GeoJSON in area_boundaries. Candidates come
 * from the areas' bounding boxes first, so only a few polygons are read.
 */
import { and, asc, desc, eq, gt, gte, lte } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { areaBoundaries, areas } from '../../../db/schema.ts';
import type { Point } from '../../domain/geo.ts';
import { AREA_LEVELS } from '../../domain/vocabulary.ts';

type Ring = Array<[number, number]>;
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Ray casting (even-odd): is the point inside the ring? Points on an edge may go either way. */
function inRing(p: Point, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p.lat !== yj > p.lat && p.lon < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and in none of the holes, for any polygon of the geometry. */
export function pointInGeometry(p: Point, geometry: Geometry): boolean {
  const polygons =
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  return polygons.some(
    ([outer, ...holes]) => outer !== undefined && inRing(p, outer) && !holes.some((hole) => inRing(p, hole)),
  );
}

/** The P-code of the deepest area containing the point, or null outside every loaded boundary. */
export async function areaAtPoint(db: Database, p: Point): Promise<string | null> {
  const candidates = await db
    .select({ pcode: areas.pcode })
    .from(areas)
    .where(
      and(
        lte(areas.minLon, p.lon),
        gte(areas.maxLon, p.lon),
        lte(areas.minLat, p.lat),
        gte(areas.maxLat, p.lat),
        // Neither a country nor a region (whose level is below the country's) is a site's area.
        gt(areas.level, AREA_LEVELS.country),
      ),
    )
    .orderBy(desc(areas.level), asc(areas.pcode));
  for (const { pcode } of candidates) {
    const boundary = await db
      .select({ geometry: areaBoundaries.geometry })
      .from(areaBoundaries)
      .where(eq(areaBoundaries.pcode, pcode))
      .get();
    if (boundary && pointInGeometry(p, JSON.parse(boundary.geometry) as Geometry)) return pcode;
  }
  return null;
}
