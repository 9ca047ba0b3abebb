/**
 * The hotlines and official reporting channels covering an area, with the listing's filters
 * each of them does not meet (see domain/filter-facts.ts). A filtered list must never hide them
 * silently: the area page shows them above the results and the API returns them beside its items.
 * It reads the area's priority channels only (an area-driven listing), so it costs what a
 * district listing costs, whatever the size of the directory.
 */
import type { Database } from '../../db/client.ts';
import { hasFactFilters, unmetFilters, type FactFilters, type UnmetFilter } from '../domain/filter-facts.ts';
import { listServices, type ListingRequest, type ServiceParts } from './service-listing.ts';
import { typeFamilies, type ServiceTypeRow } from './service-types.ts';

/** At most this many channels: an area is covered by a handful. */
const LIMIT = 100;

export interface PriorityChannel {
  parts: ServiceParts;
  unmet: UnmetFilter[];
}

/** The fact filters of a listing request, as the domain rule reads them. */
export function factFiltersOf(request: ListingRequest, openParam: 'open_now' | 'open_at' = 'open_now'): FactFilters {
  const f = request.filters;
  return {
    open: request.openOnly ? openParam : undefined,
    language: f.offeredIn,
    femaleStaff: f.femaleStaff,
    free: f.freeOnly,
    anonymous: f.anonymousReporting,
    gender: f.eligibleGender,
    age: f.age,
    accessibility: f.accessibility,
    accompaniment: f.accompaniment,
    safePlaceMeeting: f.safePlaceMeeting,
    withoutIdentity: f.withoutIdentity,
  };
}

/**
 * Every priority channel covering the request's area that also passes its scope (types, text,
 * box), each with the fact filters it does not meet (possibly none). Empty without an area.
 */
export async function priorityChannels(
  db: Database,
  request: ListingRequest,
  types: ServiceTypeRow[],
  facts: FactFilters,
): Promise<PriorityChannel[]> {
  const { area, country, bbox, textMatch, textClauses, typeIds } = request.filters;
  if (!area) return [];
  const priority = types.filter((t) => t.isPriorityChannel).map((t) => t.id);
  const scopeTypes = typeIds ? priority.filter((id) => typeIds.includes(id)) : priority;
  if (!scopeTypes.length) return [];
  // An area's walk of its priority ranks (before PRIORITY_RANKS_END, with neither text nor a box)
  // holds exactly the services of some priority type (api/domain/listing-index.ts `rankKey`): asked
  // for every such type, it reads the rank rows alone, not each service's row and types. A search
  // or a box reads other candidates, which the types still choose.
  const ranksAreTypes = scopeTypes.length === priority.length && !textMatch && !bbox;
  const listing = await listServices(db, {
    filters: {
      area,
      country,
      bbox,
      textMatch,
      textClauses,
      ...(!ranksAreTypes && { typeIds: scopeTypes, typeFamilies: typeFamilies(types, scopeTypes) }),
    },
    openOnly: false,
    hoursAt: request.hoursAt,
    sort: 'relevance',
    priorityOnly: true,
    limit: LIMIT,
    now: request.cursor ? new Date(request.cursor.at) : request.now,
  });
  return listing.items.map((parts) => ({
    parts,
    unmet: unmetFilters({ ...parts.service, hours: parts.hours }, facts),
  }));
}

/** The priority channels that the request's fact filters left out of its items. */
export async function priorityChannelsLeftOut(
  db: Database,
  request: ListingRequest,
  types: ServiceTypeRow[],
  openParam: 'open_now' | 'open_at',
): Promise<PriorityChannel[]> {
  const facts = factFiltersOf(request, openParam);
  if (!hasFactFilters(facts)) return [];
  return (await priorityChannels(db, request, types, facts)).filter((c) => c.unmet.length > 0);
}
