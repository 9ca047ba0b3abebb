/**
 * The nearest service points to the phone, found without its position leaving the phone.
 *
 * The phone asks the map for the points in a block of 3×3 squares of a fixed grid, its own square in
 * the middle: the address says only which grid square, the same for everyone in it, never the
 * position. A block the map cuts short (more than it gives at once) is asked again one grid finer;
 * a block whose nearest points lie farther than its edge (something outside could be nearer) is
 * asked again one grid coarser. The distances are measured here. So the nearest is the nearest by
 * distance, not the nearest of the first few hundred by relevance, however many services there are.
 */
import { distanceKm, type BoundingBox, type Point } from '../../../api/domain/geo.ts';

export interface ServicePoint {
  properties: { service_id: string; name: string; area_pcode: string; area_name: string };
  geometry: { coordinates: [number, number] };
}

export interface MapAnswer {
  features: ServicePoint[];
  /** More services matched than the map gives at once. */
  truncated: boolean;
}

/** Grid squares in degrees, coarse to fine; the first block is the whole earth. */
const SQUARES = [180, 16, 4, 1, 0.25, 1 / 16, 1 / 64];
const FIRST = SQUARES.indexOf(4);

/** The block of 3×3 grid squares of `size` degrees around the square the point is in. */
export function blockAround(here: Point, size: number): BoundingBox {
  const lon = Math.floor(here.lon / size) * size;
  const lat = Math.floor(here.lat / size) * size;
  return [
    Math.max(-180, lon - size),
    Math.max(-90, lat - size),
    Math.min(180, lon + 2 * size),
    Math.min(90, lat + 2 * size),
  ];
}

/** How far the point lies from the nearest edge of the box (that reaches no farther than the earth). */
function margin(here: Point, [minLon, minLat, maxLon, maxLat]: BoundingBox): number {
  const edges = [
    minLon > -180 ? distanceKm(here, { lat: here.lat, lon: minLon }) : Infinity,
    maxLon < 180 ? distanceKm(here, { lat: here.lat, lon: maxLon }) : Infinity,
    minLat > -90 ? distanceKm(here, { lat: minLat, lon: here.lon }) : Infinity,
    maxLat < 90 ? distanceKm(here, { lat: maxLat, lon: here.lon }) : Infinity,
  ];
  return Math.min(...edges);
}

/** Each service once, at its nearest point, nearest first. */
function byDistance(here: Point, features: ServicePoint[]) {
  const nearest = new Map<string, { point: ServicePoint; km: number }>();
  for (const point of features) {
    const [lon, lat] = point.geometry.coordinates;
    const km = distanceKm(here, { lat, lon });
    const known = nearest.get(point.properties.service_id);
    if (!known || km < known.km) nearest.set(point.properties.service_id, { point, km });
  }
  return [...nearest.values()].sort((a, b) => a.km - b.km);
}

/** The `count` services nearest `here`, each at its nearest point, nearest first. */
export async function nearestPoints(
  here: Point,
  count: number,
  pointsIn: (box: BoundingBox) => Promise<MapAnswer>,
): Promise<Array<{ point: ServicePoint; km: number }>> {
  const cutShort = new Set<number>();
  let step = FIRST;
  for (;;) {
    const box = blockAround(here, SQUARES[step]!);
    const answer = await pointsIn(box);
    if (answer.truncated) cutShort.add(step);
    if (answer.truncated && step < SQUARES.length - 1) {
      step++;
      continue;
    }
    const ranked = byDistance(here, answer.features);
    const sure = ranked.filter((r) => r.km <= margin(here, box)).length;
    // Enough that nothing outside can be nearer, or no coarser block to ask (the earth, or one cut short).
    if (sure >= count || step === 0 || cutShort.has(step - 1) || answer.truncated) return ranked.slice(0, count);
    step--;
  }
}
