/** From a validated service query to the listing request: one translation for list and map. */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { BoundingBox, Point } from '../domain/geo.ts';
import { decodeCursor } from '../domain/ranking.ts';
import { ftsMatchExpression } from '../domain/text-normalise.ts';
import { invalid } from '../errors.ts';
import { ancestorPaths, getArea } from '../queries/areas.ts';
import type { ListingRequest } from '../queries/service-listing.ts';
import { withSubtypes, type ServiceTypeRow } from '../queries/service-types.ts';
import type { ServiceListQuery } from '../schemas/services.ts';

export async function listingRequest(
  c: Context<AppEnv>,
  query: ServiceListQuery,
  types: ServiceTypeRow[],
  limit: number,
): Promise<ListingRequest> {
  const request: ListingRequest = {
    filters: {
      country: query.country,
      offeredIn: query.language,
      femaleStaff: query.female_staff === 'true',
      freeOnly: query.free === 'true',
      anonymousReporting: query.anonymous === 'true',
      eligibleGender: query.gender,
      age: query.age,
      // Each feature is one SQL condition: repeats add nothing but depth (SQLite caps it at 100).
      accessibility: query.accessibility ? [...new Set(query.accessibility.split(','))] : undefined,
      bbox: query.bbox ? (query.bbox.split(',').map(Number) as BoundingBox) : undefined,
    },
    openOnly: query.open_now === 'true' || query.open_at !== undefined,
    hoursAt: query.open_at ? new Date(query.open_at) : undefined,
    near: query.near ? toPoint(query.near) : undefined,
    sort: query.sort,
    limit,
    now: new Date(),
  };
  if (query.type) {
    const requested = query.type.split(',');
    const unknown = requested.filter((id) => !types.some((t) => t.id === id));
    if (unknown.length) throw invalid([{ in: 'query', name: 'type', reason: `unknown service type: ${unknown.join(', ')}` }]);
    request.filters.typeIds = withSubtypes(types, requested);
  }
  if (query.area) {
    const area = await getArea(c.get('db'), query.area);
    if (!area) throw invalid([{ in: 'query', name: 'area', reason: `no area with P-code ${query.area}` }]);
    request.filters.area = { path: area.path, ancestorPaths: ancestorPaths(area.path) };
  }
  if (query.q !== undefined) {
    const match = ftsMatchExpression(query.q);
    if (!match) throw invalid([{ in: 'query', name: 'q', reason: 'has no searchable words' }]);
    request.filters.textMatch = match;
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    if (!cursor) throw invalid([{ in: 'query', name: 'cursor', reason: 'is not a cursor from a previous page' }]);
    if (cursor.sort !== query.sort) {
      throw invalid([{ in: 'query', name: 'cursor', reason: `was made for sort=${cursor.sort}, not sort=${query.sort}` }]);
    }
    request.cursor = cursor;
  }
  return request;
}

function toPoint(near: string): Point {
  const [lat, lon] = near.split(',').map(Number) as [number, number];
  return { lat, lon };
}
