/**
 * From a service query parsed by the API's schema to the listing request: one translation for the
 * API's list and map and for the pages (area, home search, the area's hotlines), which import it
 * from here rather than from a route.
 */
import type { Database } from '../../db/client.ts';
import { decodeCursor } from '../domain/ranking.ts';
import { ftsMatchExpression, matchClauses } from '../domain/text-normalise.ts';
import { invalid } from '../errors.ts';
import { areaScope } from './area-paths.ts';
import { areaByPcode, getArea, type AreaRow } from './areas.ts';
import type { ListingRequest } from './service-listing.ts';
import {
  batchWithServiceTypes,
  serviceTypesAt,
  typeFamilies,
  withSubtypes,
  type ServiceTypeRow,
} from './service-types.ts';
import type { DirectoryVersion } from './directory-version.ts';
import type { ServiceListQuery } from '../schemas/services.ts';

export interface RequestScope {
  limit: number;
  /** The moment of the request: hours and freshness are evaluated at it. */
  now: Date;
  /** The query's area, when already read (`typesAndArea`); null when it has none or there is no such area. */
  area?: AreaRow | null;
}

/**
 * The taxonomy and the query's area in one round trip (a D1 batch): what a listing needs before it
 * can walk, so a district listing costs the directory version, this and the walk. The taxonomy
 * comes from the isolate's copy when it is of the request's directory version: a listing without
 * an area then walks straight after the version.
 */
export async function typesAndArea(
  db: Database,
  directory: DirectoryVersion | undefined,
  pcode: string | undefined,
): Promise<{ types: ServiceTypeRow[]; area: AreaRow | null }> {
  if (!pcode) return { types: await serviceTypesAt(db, directory), area: null };
  const { results, types } = await batchWithServiceTypes(db, directory, [areaByPcode(db, pcode)]);
  return { types, area: results[0][0] ?? null };
}

/** What a page asks without changing the listing: where it starts, how many it shows, in which language. */
const NOT_THE_LISTING = new Set(['cursor', 'limit', 'lang']);

/**
 * The listing a query asks for, as a short digest of its parameters but those that do not change it
 * (in a fixed order, lists as sets): a cursor carries it, so a cursor sent with another area, box,
 * search, filter or moment is refused instead of continuing a listing it was not made for. Not a
 * signature: a forged cursor can only ask a listing what a genuine one could.
 */
export async function listingKey(query: ServiceListQuery): Promise<string> {
  const asSet = (value: string) => [...new Set(value.split(','))].sort().join(',');
  const parts = Object.entries(query)
    .filter(([name, value]) => value !== undefined && !NOT_THE_LISTING.has(name))
    .map(([name, value]) => [name, name === 'type' || name === 'accessibility' ? asSet(String(value)) : value])
    .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(parts)));
  return [...new Uint8Array(digest, 0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function listingRequest(
  db: Database,
  query: ServiceListQuery,
  types: ServiceTypeRow[],
  { limit, now, area: known }: RequestScope,
): Promise<ListingRequest> {
  const request: ListingRequest = {
    filters: {
      country: query.country,
      offeredIn: query.language,
      femaleStaff: query.female_staff === 'true',
      freeOnly: query.free === 'true',
      anonymousReporting: query.anonymous === 'true',
      accompaniment: query.accompaniment === 'true',
      safePlaceMeeting: query.safe_place_meeting === 'true',
      withoutIdentity: query.without_identity === 'true',
      eligibleGender: query.gender,
      age: query.age,
      // Each feature is one SQL condition: repeats add nothing but depth (SQLite caps it at 100).
      accessibility: query.accessibility ? [...new Set(query.accessibility.split(','))] : undefined,
      bbox: query.bbox,
    },
    openOnly: query.open_now === 'true' || query.open_at !== undefined,
    hoursAt: query.open_at ? new Date(query.open_at) : undefined,
    near: query.near,
    sort: query.sort,
    limit,
    now,
    key: await listingKey(query),
  };
  if (query.type) {
    const requested = query.type.split(',');
    const unknown = requested.filter((id) => !types.some((t) => t.id === id));
    if (unknown.length)
      throw invalid([{ in: 'query', name: 'type', reason: `unknown service type: ${unknown.join(', ')}` }]);
    request.filters.typeIds = withSubtypes(types, requested);
    request.filters.typeFamilies = typeFamilies(types, request.filters.typeIds);
  }
  if (query.area) {
    const area = known !== undefined ? known : await getArea(db, query.area);
    if (!area) throw invalid([{ in: 'query', name: 'area', reason: `no area with P-code ${query.area}` }]);
    request.filters.area = areaScope(area.path);
  }
  if (query.q !== undefined) {
    const match = ftsMatchExpression(query.q);
    if (!match) throw invalid([{ in: 'query', name: 'q', reason: 'has no searchable words' }]);
    request.filters.textMatch = match;
    request.filters.textClauses = matchClauses(query.q);
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    if (!cursor) throw invalid([{ in: 'query', name: 'cursor', reason: 'is not a cursor from a previous page' }]);
    if (cursor.sort !== query.sort) {
      throw invalid([
        { in: 'query', name: 'cursor', reason: `was made for sort=${cursor.sort}, not sort=${query.sort}` },
      ]);
    }
    if (cursor.of !== request.key) {
      throw invalid([
        {
          in: 'query',
          name: 'cursor',
          reason: 'was made for another listing (area, search or filters): ask the first page again',
        },
      ]);
    }
    // A walk of a search's matches in the index's order goes on from a position in that index.
    const position = cursor.after[0];
    if (cursor.text === 'index' && (typeof position !== 'number' || !Number.isSafeInteger(position))) {
      throw invalid([{ in: 'query', name: 'cursor', reason: 'is not a cursor from a previous page' }]);
    }
    // That walk checks the words and the other filters, never the hours: a cursor of it goes on only
    // with the search it was made for, and never under "open now" or "open at".
    if (cursor.text === 'index' && (!query.q || request.openOnly)) {
      throw invalid([
        {
          in: 'query',
          name: 'cursor',
          reason: 'was made for a search without open_now or open_at: ask the first page again',
        },
      ]);
    }
    request.cursor = cursor;
  }
  return request;
}
