/**
 * Geohash cells as integers: a point's cell is its longitude and latitude, each cut into 2^26
 * steps, with their bits interleaved (longitude first), as the geohash does before it writes them
 * in base 32 (http://geohash.org/site/tips.html). The first `p` bits name a coarser cell, and
 * every point inside that cell has a key in one range, so "the sites in these cells" is a few
 * ranges of one index. 52 bits fit exactly in a JavaScript number and a SQLite integer; a cell of
 * the finest level is about 60 cm wide.
 * No imports and only erasable TypeScript: the seed (a Node script) derives cells through
 * api/domain/listing-index.ts.
 */

export const CELL_BITS = 52;
const AXIS_BITS = CELL_BITS / 2;
const AXIS_STEPS = 2 ** AXIS_BITS;

/** A range of cell keys, both ends included. */
export type CellRange = [low: number, high: number];

const lonStep = (lon: number) => Math.min(AXIS_STEPS - 1, Math.max(0, Math.floor(((lon + 180) / 360) * AXIS_STEPS)));
const latStep = (lat: number) => Math.min(AXIS_STEPS - 1, Math.max(0, Math.floor(((lat + 90) / 180) * AXIS_STEPS)));

const HALF_BITS = AXIS_BITS / 2;
const HALF_STEPS = 2 ** HALF_BITS;

/** The 13 bits of `v` spread to the even bits of 26 (bit i to bit 2i), in 32-bit integer steps. */
function spread(v: number): number {
  let x = v & 0x1fff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  return (x | (x << 1)) & 0x55555555;
}

/**
 * Interleaves two 26-bit steps, longitude's bit first (above latitude's): each half of 13 bits
 * at a time, as JavaScript's bit operators work on 32 bits and a key has 52. A search by distance
 * covers dozens of rings with cells on every request, so this is on its path.
 */
function interleave(lonSteps: number, latSteps: number): number {
  const high = spread(Math.floor(lonSteps / HALF_STEPS)) * 2 + spread(Math.floor(latSteps / HALF_STEPS));
  const low = spread(lonSteps % HALF_STEPS) * 2 + spread(latSteps % HALF_STEPS);
  return high * 2 ** AXIS_BITS + low;
}

/** The finest cell of a point. */
export function cellOf(lat: number, lon: number): number {
  return interleave(lonStep(lon), latStep(lat));
}

/** How many of the bits `p` give to longitude and to latitude (longitude takes the odd one). */
export const axisBits = (p: number) => ({ lon: Math.ceil(p / 2), lat: Math.floor(p / 2) });

/** The width and height in degrees of a cell of `p` bits. */
export function cellSpan(p: number): { lon: number; lat: number } {
  const bits = axisBits(p);
  return { lon: 360 / 2 ** bits.lon, lat: 180 / 2 ** bits.lat };
}

/**
 * The key ranges of the cells of one level that together cover the box, at the finest level
 * where they number at most `maxCells`: finer cells read fewer sites outside the box, more cells
 * make a longer statement. Neighbouring cells whose ranges touch are merged.
 */
export function coverBox(
  [minLon, minLat, maxLon, maxLat]: [number, number, number, number],
  maxCells = 64,
): CellRange[] {
  const x0 = lonStep(minLon);
  const x1 = lonStep(maxLon);
  const y0 = latStep(Math.max(-90, minLat));
  const y1 = latStep(Math.min(90, maxLat));
  // An empty box covers nothing (and would otherwise walk the finest steps of its other side).
  if (x1 < x0 || y1 < y0) return [];
  let p = CELL_BITS;
  const count = (bits: number) => {
    const { lon, lat } = axisBits(bits);
    const shiftLon = 2 ** (AXIS_BITS - lon);
    const shiftLat = 2 ** (AXIS_BITS - lat);
    return (
      (Math.floor(x1 / shiftLon) - Math.floor(x0 / shiftLon) + 1) *
      (Math.floor(y1 / shiftLat) - Math.floor(y0 / shiftLat) + 1)
    );
  };
  // The finest level whose cells number at most maxCells: fewer cells at every coarser level, so
  // a binary search (a box covers the earth in one cell at level 0).
  let coarse = 0;
  while (coarse < p) {
    const mid = Math.ceil((coarse + p) / 2);
    if (count(mid) <= maxCells) coarse = mid;
    else p = mid - 1;
  }
  p = coarse;
  const { lon, lat } = axisBits(p);
  const shiftLon = 2 ** (AXIS_BITS - lon);
  const shiftLat = 2 ** (AXIS_BITS - lat);
  const span = 2 ** (CELL_BITS - p);
  const lows: number[] = [];
  for (let x = Math.floor(x0 / shiftLon); x <= Math.floor(x1 / shiftLon); x++) {
    for (let y = Math.floor(y0 / shiftLat); y <= Math.floor(y1 / shiftLat); y++) {
      lows.push(interleave(x * shiftLon, y * shiftLat));
    }
  }
  lows.sort((a, b) => a - b);
  const ranges: CellRange[] = [];
  for (const low of lows) {
    const last = ranges.at(-1);
    if (last && last[1] + 1 === low) last[1] = low + span - 1;
    else ranges.push([low, low + span - 1]);
  }
  return ranges;
}

/** The box [minLon, minLat, maxLon, maxLat] of the cell named by the first `p` bits of `key` (a key of that cell). */
export function cellBox(key: number, p: number): [number, number, number, number] {
  let lonSteps = 0;
  let latSteps = 0;
  for (let bit = AXIS_BITS - 1; bit >= 0; bit--) {
    const pair = Math.floor(key / 4 ** bit) % 4;
    lonSteps = lonSteps * 2 + Math.floor(pair / 2);
    latSteps = latSteps * 2 + (pair % 2);
  }
  const { lon, lat } = axisBits(p);
  const lonSpan = 2 ** (AXIS_BITS - lon);
  const latSpan = 2 ** (AXIS_BITS - lat);
  const x = Math.floor(lonSteps / lonSpan) * lonSpan;
  const y = Math.floor(latSteps / latSpan) * latSpan;
  const toLon = (steps: number) => (steps / AXIS_STEPS) * 360 - 180;
  const toLat = (steps: number) => (steps / AXIS_STEPS) * 180 - 90;
  return [toLon(x), toLat(y), toLon(x + lonSpan), toLat(y + latSpan)];
}
