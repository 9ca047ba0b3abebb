// "Use my location" on the start page finds the nearest services by distance, measured on the phone
// from the map's points of a grid block around it, however many services there are: the nearest is
// found when it is not among the first 500 the map gives by relevance, and the position never
// travels (the addresses name grid squares only).
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import type { BoundingBox, Point } from '../../api/domain/geo.ts';
import { nearestPoints, type MapAnswer } from '../../web/src/home/nearest-points.ts';
import { get } from '../support/http.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';

// Around Basra, where the sample has few services.
const AROUND = { lat: 30.52, lon: 47.8, radiusKm: 15 };

describe('the start page\'s "use my location"', () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('shows the nearest service by distance when it is not among the first 500 by relevance', async () => {
    grown = await growDirectory(env.DB, 600, { withinPath: '/IQ/IQG16/IQG16Q01/', around: AROUND });
    // What the start page used to measure: the map's first 500 services by relevance, anywhere.
    const everywhere = (await get<MapAnswer>('/api/v1/map/services?lang=en')).body;
    expect(everywhere.truncated).toBe(true);
    const shown = new Set(everywhere.features.map((f) => f.properties.service_id));
    const left = grown.find((id) => !shown.has(id))!;
    expect(left).toBeDefined();
    // Standing at that service's site: it is the nearest by distance.
    const site = (await env.DB.prepare('SELECT lat, lon FROM site_cells WHERE service_id = ?')
      .bind(left)
      .first<Point>())!;
    const here: Point = { lat: site.lat + 0.00001, lon: site.lon };

    const asked: string[] = [];
    const pointsIn = async (box: BoundingBox) => {
      const path = `/api/v1/map/services?lang=en&bbox=${box.join(',')}`;
      asked.push(path);
      const response = await get<MapAnswer>(path);
      expect(response.status).toBe(200);
      return response.body;
    };
    const nearest = await nearestPoints(here, 5, pointsIn);
    expect(nearest[0]!.point.properties.service_id).toBe(left);
    expect(nearest[0]!.km).toBeLessThan(0.01);
    expect(nearest.map((n) => n.km)).toEqual([...nearest.map((n) => n.km)].sort((a, b) => a - b));
    expect(nearest).toHaveLength(5);
    // The grid was refined past blocks the map cut short, and no address held the position: only
    // lines of the grid (multiples of 1/64 of a degree), the same for everyone in the square.
    expect(asked.length).toBeGreaterThan(1);
    for (const path of asked) {
      const box = new URL(path, 'https://masar.test').searchParams.get('bbox')!.split(',').map(Number);
      expect(
        box.every((v) => Number.isInteger(v * 64)),
        path,
      ).toBe(true);
    }
  });
});
