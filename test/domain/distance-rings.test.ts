import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../api/domain/geo.ts';
import { cellOf, coverBox } from '../../api/domain/geohash.ts';
import { boxWithin, ringsAround } from '../../api/queries/site-cells.ts';

// A search by distance that goes on past a circle it has read leaves out the box inside that
// circle: the box must lie wholly inside it (or a site would be skipped), and a wider ring's cells
// must still hold every place between that box and the ring's own box.
const POINTS = [
  { name: 'Mosul', lat: 36.345, lon: 43.155 },
  { name: 'Guatemala City', lat: 14.634, lon: -90.507 },
  { name: 'near the equator', lat: 0.2, lon: 10 },
  { name: 'far north', lat: 70, lon: 25 },
  { name: 'by the date line', lat: -17.7, lon: 178.9 },
];
const RADII_KM = [0.1, 1, 20, 300, 3000];

/** Points over the box, edges and corners included. */
function grid([minLon, minLat, maxLon, maxLat]: [number, number, number, number], steps = 24) {
  const points = [];
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      points.push({ lat: minLat + ((maxLat - minLat) * i) / steps, lon: minLon + ((maxLon - minLon) * j) / steps });
    }
  }
  return points;
}

describe('the box inside a circle already read', () => {
  for (const point of POINTS) {
    for (const km of RADII_KM) {
      it(`around ${point.name}, within ${km} km: every place of the box is inside the circle, and the box is most of its square`, () => {
        const box = boxWithin(point, km);
        if (box === null) {
          // Only where a box of degrees reaches the date line or a pole.
          expect(Math.abs(point.lon) + km / 111 > 170 || Math.abs(point.lat) + km / 111 > 80).toBe(true);
          return;
        }
        for (const p of grid(box)) expect(distanceKm(point, p)).toBeLessThanOrEqual(km);
        // Its height alone: at least four fifths of the square inscribed in the circle.
        const heightKm = distanceKm({ lat: box[1], lon: point.lon }, { lat: box[3], lon: point.lon });
        expect(heightKm).toBeGreaterThanOrEqual(0.8 * km * Math.SQRT2);
      });
    }
  }
});

describe('a ring past a circle already read', () => {
  for (const point of POINTS) {
    for (const km of [1, 20, 300]) {
      it(`around ${point.name}, past ${km} km: the cells of each wider ring hold every place of its box outside the inner box`, () => {
        const inner = boxWithin(point, km);
        const { rings } = ringsAround(point, 20_040, km, 0);
        const wider = rings.filter((ring) => ring.r > km && ring.r < km * 6);
        expect(wider.length).toBeGreaterThan(0);
        for (const ring of wider) {
          const covered = (p: { lat: number; lon: number }) =>
            ring.s.some(([low, high]) => cellOf(p.lat, p.lon) >= low && cellOf(p.lat, p.lon) <= high);
          const outside = grid(ring.b, 40).filter(
            (p) => !inner || !(p.lat > inner[1] && p.lat < inner[3] && p.lon > inner[0] && p.lon < inner[2]),
          );
          expect(outside.filter((p) => !covered(p))).toEqual([]);
        }
      });
    }
  }
});

describe('cells covering a box', () => {
  it('an empty box (its edges crossed) is covered by no cell', () => {
    expect(coverBox([43.2, 36.3, 43.1, 36.4], 16)).toEqual([]);
    expect(coverBox([43.1, 36.4, 43.2, 36.3], 16)).toEqual([]);
  });

  it('every place of a box lies in one of its cells, for boxes from a hundred metres to a continent', () => {
    for (const half of [0.001, 0.05, 1, 20]) {
      const box: [number, number, number, number] = [43.13 - half, 36.34 - half, 43.13 + half, 36.34 + half];
      const ranges = coverBox(box, 16);
      expect(ranges.length).toBeGreaterThan(0);
      for (const p of grid(box, 30)) {
        const key = cellOf(p.lat, p.lon);
        expect(ranges.some(([low, high]) => key >= low && key <= high)).toBe(true);
      }
    }
  });
});
