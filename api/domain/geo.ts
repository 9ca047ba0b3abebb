/** Small geometry for the directory: distances and boxes in WGS84 degrees. */

export interface Point {
  lon: number;
  lat: number;
}
export type BoundingBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine); good to a few metres at city scale, plenty for "nearest". */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
