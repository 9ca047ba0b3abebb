/**
 * A page of services: candidates from SQL (phase one), then "open now", distance and ranking in
 * code, then the public details of just the page (phase two): each service's stored public
 * document (./service-documents.ts), one row each. Rows read follow the candidates of the scope
 * asked for plus the page, never the whole directory.
 */
import type { Database } from '../../db/client.ts';
import { COUNTRY_TIME_ZONES, type Country } from '../domain/vocabulary.ts';
import { freshness } from '../domain/freshness.ts';
import { distanceKm, type Point } from '../domain/geo.ts';
import type { HoursState } from '../domain/opening-hours.ts';
import { compareKeys, encodeCursor, sortKey, type Cursor, type SortKey, type SortOrder } from '../domain/ranking.ts';
import { serviceHours, toClosure, type ClosureFact, type ServiceHours } from '../domain/service-hours.ts';
import { findCandidates, type Candidate, type CandidateFilters } from './service-candidates.ts';
import { areaTotal, misplacedInArea, unfiltered, walkArea, type WalkedRank } from './area-walk.ts';
import { rankKeyOfSortKey, rerankAt, sortKeyOfRankKey } from '../domain/listing-index.ts';
import type { PublicContactRouteRow, PublicLocationRow, PublicServiceRow } from './public-directory.ts';
import { documentsAt, type ServiceDocument, type StoredDocument } from './service-documents.ts';

export interface ListingRequest {
  filters: CandidateFilters;
  /** Keep only services open at `hoursAt` (open_now / open_at). */
  openOnly: boolean;
  /** When hours are evaluated: open_at, else the listing's moment. */
  hoursAt?: Date;
  near?: Point;
  sort: SortOrder;
  limit: number;
  cursor?: Cursor;
  now: Date;
}

/** Everything public about one service that a summary or detail view needs. */
export interface ServiceParts {
  service: PublicServiceRow;
  typeIds: string[];
  routes: PublicContactRouteRow[];
  locations: PublicLocationRow[];
  closures: ClosureFact[];
  /** The whole service's state at the listing's hours moment (open when any route or place is). */
  hours: HoursState;
  /** The state of each of `routes` and of `locations`, in the same order, at the same moment. */
  routeHours: HoursState[];
  locationHours: HoursState[];
  isPriority: boolean;
  distanceKm: number | null;
}

export interface ListingPage {
  items: ServiceParts[];
  /** How many services the listing holds; a lower bound when `totalIsExact` is false. */
  total: number;
  totalIsExact: boolean;
  nextCursor: string | null;
  evaluatedAt: Date;
  hoursAt: Date;
}

interface HoursInputs {
  routes: Map<string, PublicContactRouteRow[]>;
  locations: Map<string, PublicLocationRow[]>;
  closures: Map<string, ClosureFact[]>;
}

/** The public details of some services, from their documents: what hours need, and the rest. */
interface Details extends HoursInputs {
  services: Map<string, PublicServiceRow>;
  typeIds: Map<string, string[]>;
}

export async function listServices(db: Database, request: ListingRequest): Promise<ListingPage> {
  if (walksArea(request)) return listArea(db, request);
  const evaluatedAt = request.cursor ? new Date(request.cursor.at) : request.now;
  const hoursMoment = request.hoursAt ?? evaluatedAt;
  const candidates = await findCandidates(db, request.filters);

  // Hours and coordinates are needed for every candidate only when they filter or order.
  const needsAll = request.openOnly || request.sort === 'distance' || request.near !== undefined;
  // Closures still in force at the earlier of the two moments: a past open_at sees those that have ended since.
  const closuresFrom = new Date(Math.min(evaluatedAt.getTime(), hoursMoment.getTime()));
  const allInputs = needsAll
    ? await loadDetails(
        db,
        candidates.map((c) => c.id),
        closuresFrom,
      )
    : null;

  const ranked: Array<{ candidate: Candidate; key: SortKey; hours: ServiceHours | null; distance: number | null }> = [];
  for (const candidate of candidates) {
    const hours = allInputs ? hoursOf(candidate.id, candidate.country, allInputs, hoursMoment) : null;
    if (request.openOnly && hours?.service.state !== 'open') continue;
    const distance =
      allInputs && request.near ? nearestDistance(allInputs.locations.get(candidate.id) ?? [], request.near) : null;
    const key = sortKey(request.sort, {
      id: candidate.id,
      isPriority: Boolean(candidate.isPriority),
      freshness: freshness(candidate, evaluatedAt),
      textScore: candidate.textScore,
      sortName: candidate.sortName,
      lastVerifiedAt: candidate.lastVerifiedAt,
      distanceKm: distance,
    });
    ranked.push({ candidate, key, hours, distance });
  }
  ranked.sort((a, b) => compareKeys(a.key, b.key));

  const after = request.cursor?.after;
  const remaining = after ? ranked.filter((r) => compareKeys(r.key, after) > 0) : ranked;
  const page = remaining.slice(0, request.limit);
  const last = page.at(-1);
  const nextCursor =
    remaining.length > request.limit && last
      ? encodeCursor({ sort: request.sort, at: evaluatedAt.toISOString(), after: last.key })
      : null;

  const pageIds = page.map((r) => r.candidate.id);
  const inputs = allInputs ?? (await loadDetails(db, pageIds, closuresFrom));
  const items = page.flatMap((r): ServiceParts[] => {
    const service = inputs.services.get(r.candidate.id);
    if (!service) return [];
    const hours = r.hours ?? hoursOf(service.id, service.country, inputs, hoursMoment);
    return [
      {
        service,
        typeIds: inputs.typeIds.get(service.id) ?? [],
        routes: inputs.routes.get(service.id) ?? [],
        locations: inputs.locations.get(service.id) ?? [],
        closures: inputs.closures.get(service.id) ?? [],
        hours: hours.service,
        routeHours: hours.routes,
        locationHours: hours.locations,
        isPriority: Boolean(r.candidate.isPriority),
        distanceKm: r.distance,
      },
    ];
  });
  return { items, total: ranked.length, totalIsExact: true, nextCursor, evaluatedAt, hoursAt: hoursMoment };
}

/**
 * An area's listing in relevance order (without text or a box, which choose their own driver) is
 * walked from the stored ranks (./area-walk.ts): the page and the one after it, never the area.
 */
const walksArea = (request: ListingRequest) =>
  Boolean(request.filters.area && !request.filters.textMatch && !request.filters.bbox && request.sort === 'relevance');

type Walked = WalkedRank & StoredDocument & { hours?: ServiceHours };

async function listArea(db: Database, request: ListingRequest): Promise<ListingPage> {
  const area = request.filters.area!;
  const evaluatedAt = request.cursor ? new Date(request.cursor.at) : request.now;
  const hoursMoment = request.hoursAt ?? evaluatedAt;
  const closuresFrom = new Date(Math.min(evaluatedAt.getTime(), hoursMoment.getTime()));
  const at = evaluatedAt.toISOString();
  const start = request.cursor ? rankKeyOfSortKey(request.cursor.after) : '';
  // "Open now" drops the closed ones after the walk: it walks twice the page at a time.
  const chunk = (request.limit + 1) * (request.openOnly ? 2 : 1);
  const counted = unfiltered(request.filters) && !request.openOnly;
  // One round trip: the ranks to rank here, the first stretch of the walk and the area's count.
  const [misplacedRows, firstWalk, counts] = await db.batch([
    misplacedInArea(db, area, request.filters, at),
    walkArea(db, area, request.filters, start, at, chunk),
    areaTotal(db, area),
  ]);
  const countedTotal = counted ? (counts[0]?.n ?? 0) : null;
  // Ranks that do not hold at this moment, ranked here; each service once.
  const misplaced = [
    ...new Map(
      misplacedRows.map((row) => [row.id, { ...row, rankKey: rerankAt(row.rankKey, row, evaluatedAt) }]),
    ).values(),
  ]
    .filter((row) => row.rankKey > start)
    .sort(byRank);

  const accepted: Walked[] = [];
  const inputs = noDetails();
  let walked = firstWalk;
  let from = start;
  for (;;) {
    const exhausted = walked.length < chunk;
    const until = exhausted ? null : walked.at(-1)!.rankKey;
    const batch: Walked[] = [
      ...walked,
      ...misplaced.filter((m) => m.rankKey > from && (until === null || m.rankKey <= until)),
    ].sort(byRank);
    if (request.openOnly) {
      // The walk brought each rank's stored document: only services without one are read here.
      mergeDetails(
        inputs,
        await loadDetails(
          db,
          batch.map((w) => w.id),
          closuresFrom,
          batch,
        ),
      );
      for (const w of batch) {
        w.hours = hoursOf(w.id, w.country, inputs, hoursMoment);
        if (w.hours.service.state === 'open') accepted.push(w);
      }
    } else {
      accepted.push(...batch);
    }
    if (accepted.length > request.limit || exhausted) break;
    from = until!;
    walked = await walkArea(db, area, request.filters, from, at, chunk);
  }

  const page = accepted.slice(0, request.limit);
  const more = accepted.length > request.limit;
  const last = page.at(-1);
  const nextCursor =
    more && last ? encodeCursor({ sort: request.sort, at, after: sortKeyOfRankKey(last.rankKey) }) : null;
  const pageIds = page.map((w) => w.id);
  const pageInputs = request.openOnly ? inputs : await loadDetails(db, pageIds, closuresFrom, page);
  const items = page.flatMap((w): ServiceParts[] => {
    const service = pageInputs.services.get(w.id);
    if (!service) return [];
    const hours = w.hours ?? hoursOf(service.id, service.country, pageInputs, hoursMoment);
    const locations = pageInputs.locations.get(service.id) ?? [];
    return [
      {
        service,
        typeIds: pageInputs.typeIds.get(service.id) ?? [],
        routes: pageInputs.routes.get(service.id) ?? [],
        locations,
        closures: pageInputs.closures.get(service.id) ?? [],
        hours: hours.service,
        routeHours: hours.routes,
        locationHours: hours.locations,
        isPriority: w.rankKey.startsWith('0'),
        distanceKm: request.near ? nearestDistance(locations, request.near) : null,
      },
    ];
  });
  // The whole listing is known when this is its first and last page; an unfiltered area's from its
  // counts; otherwise it is at least what has been seen (the ranks past the page are not read).
  const whole = !request.cursor && !more;
  const total = whole ? items.length : (countedTotal ?? accepted.length);
  return {
    items,
    total,
    totalIsExact: whole || countedTotal !== null,
    nextCursor,
    evaluatedAt,
    hoursAt: hoursMoment,
  };
}

const byRank = (x: { rankKey: string }, y: { rankKey: string }) =>
  x.rankKey < y.rankKey ? -1 : x.rankKey > y.rankKey ? 1 : 0;

function mergeDetails(into: Details, more: Details) {
  for (const key of ['services', 'typeIds', 'routes', 'locations', 'closures'] as const) {
    for (const [id, rows] of more[key]) (into[key] as Map<string, unknown>).set(id, rows);
  }
}

/** The public details of one service, or null when there is no published service with that id. */
export async function getService(db: Database, id: string, now: Date): Promise<ServiceParts | null> {
  return (await getServices(db, [id], now))[0] ?? null;
}

/**
 * The public details of the published services among `ids`, with their state at `now`, in no
 * particular order: a fixed number of queries however many ids (a pathway's steps read theirs at once).
 */
export async function getServices(db: Database, ids: readonly string[], now: Date): Promise<ServiceParts[]> {
  const list = [...new Set(ids)];
  const inputs = await loadDetails(db, list, now);
  return [...inputs.services.values()].map((service) => {
    const id = service.id;
    const hours = hoursOf(id, service.country, inputs, now);
    return {
      service,
      typeIds: inputs.typeIds.get(id) ?? [],
      routes: inputs.routes.get(id) ?? [],
      locations: inputs.locations.get(id) ?? [],
      closures: inputs.closures.get(id) ?? [],
      hours: hours.service,
      routeHours: hours.routes,
      locationHours: hours.locations,
      isPriority: false,
      distanceKm: null,
    };
  });
}

const noDetails = (): Details => ({
  services: new Map(),
  typeIds: new Map(),
  routes: new Map(),
  locations: new Map(),
  closures: new Map(),
});

/**
 * The details of the published services among `ids`, with the closures not ended by `from`: from
 * their stored documents (one row each), given when a walk already read them, else read in one
 * query; the few without a usable document are read live.
 */
async function loadDetails(
  db: Database,
  ids: readonly string[],
  from: Date,
  stored?: readonly StoredDocument[],
): Promise<Details> {
  const details = noDetails();
  const documents: Map<string, ServiceDocument> = await documentsAt(db, ids, from, stored);
  for (const [id, document] of documents) {
    details.services.set(id, document.service);
    details.typeIds.set(id, document.typeIds);
    details.routes.set(id, document.routes);
    details.locations.set(id, document.locations);
    details.closures.set(id, document.closures.map(toClosure));
  }
  return details;
}

function hoursOf(id: string, country: Country, inputs: HoursInputs, at: Date): ServiceHours {
  return serviceHours(
    inputs.routes.get(id) ?? [],
    inputs.locations.get(id) ?? [],
    inputs.closures.get(id) ?? [],
    at,
    COUNTRY_TIME_ZONES[country],
  );
}

function nearestDistance(locations: PublicLocationRow[], from: Point): number | null {
  let best: number | null = null;
  for (const l of locations) {
    if (l.lat === null || l.lon === null) continue;
    const d = distanceKm(from, { lon: l.lon, lat: l.lat });
    if (best === null || d < best) best = d;
  }
  return best;
}
