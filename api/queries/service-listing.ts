/**
 * A page of services: candidates from SQL (phase one), then "open now", distance and ranking in
 * code, then the public details of just the page (phase two): each service's stored public
 * document (./service-documents.ts), one row each. Rows read follow the candidates of the scope
 * asked for plus the page, never the whole directory.
 */
import type { SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { COUNTRIES, COUNTRY_TIME_ZONES, type Country } from '../domain/vocabulary.ts';
import { freshness } from '../domain/freshness.ts';
import { distanceKm, type Point } from '../domain/geo.ts';
import { msOfWeek } from '../domain/zoned-time.ts';
import type { HoursState } from '../domain/opening-hours.ts';
import { compareKeys, encodeCursor, sortKey, type Cursor, type SortKey, type SortOrder } from '../domain/ranking.ts';
import { serviceHours, toClosure, type ClosureFact, type ServiceHours } from '../domain/service-hours.ts';
import {
  candidates as candidatesQuery,
  findCandidates,
  type Candidate,
  type CandidateFilters,
} from './service-candidates.ts';
import { servicesByDistance, type Nearby } from './nearby-services.ts';
import { boundOf, modeOf, RARE_MATCHES, whenCommon, whenRare, type TextMode } from './text-search.ts';
import {
  nameKeyOfSortKey,
  rankKeyOfSortKey,
  rerankAt,
  sortKeyOfNameKey,
  sortKeyOfRankKey,
  sortKeyOfVerifiedKey,
  verifiedKeyOfSortKey,
} from '../domain/listing-index.ts';
import {
  arms,
  misplacedInRanges,
  probedWalkRanges,
  rangesTotal,
  unfiltered,
  walkRanges,
  type RankRange,
  type Walk,
  type WalkedRank,
  type WalkOrder,
  type WalkScope,
} from './area-walk.ts';
import type { RankReach } from '../../db/schema.ts';
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
  /**
   * An "open now" walk stopped before the end of the area without filling the page (at night, when
   * almost nothing is open): more may be open past `nextCursor`. Never read as "none open".
   */
  walkStopped: boolean;
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
  priority: Map<string, boolean>;
}

export async function listServices(db: Database, request: ListingRequest): Promise<ListingPage> {
  if (searchesText(request)) return listText(db, request);
  const stored = storedOrder(request);
  if (stored) return listStoredOrder(db, request, stored);
  if (request.sort === 'distance' && request.near) return listNearest(db, request, request.near);
  return listCandidates(db, request);
}

/** A text search in relevance order, over an area or the whole directory, is read as ./text-search.ts decides. */
const searchesText = (request: ListingRequest) =>
  Boolean(request.filters.textMatch && request.filters.textClauses && !request.filters.bbox) &&
  request.sort === 'relevance';

/**
 * A rare search reads its few matches; a common one walks the listing order of the area, or of
 * every country (each country's root holds all its services). A later page goes on the way its
 * first page went (the cursor says which), so a listing never changes order between its pages.
 */
async function listText(db: Database, request: ListingRequest): Promise<ListingPage> {
  const f = request.filters;
  const scope: WalkScope = f.area ?? { roots: (f.country ? [f.country] : COUNTRIES).map((c) => `/${c}/`) };
  const known: TextMode | undefined = request.cursor?.text;
  if (known === 'matches') return listCandidates(db, request, 'matches');
  if (known === 'walk') return listStoredOrder(db, request, textWalk(request, scope));
  // A first page (or a cursor that does not say): one round trip asks the bound and both ways, each
  // way guarded by the bound.
  const clauses = f.textClauses!;
  const at = (request.cursor ? new Date(request.cursor.at) : request.now).toISOString();
  const start = request.cursor ? rankKeyOfSortKey(request.cursor.after) : '';
  const walked = textWalk(request, scope);
  const { misplaced, walk } = walkQueries(db, request, walked, whenCommon(clauses));
  const [bound, matches, misplacedRows, firstWalk] = await db.batch([
    boundOf(db, clauses),
    candidatesQuery(db, f, { textFirst: RARE_MATCHES + 1, textWhen: whenRare(clauses) }),
    misplaced(at),
    walk(start),
  ]);
  if (modeOf(bound[0]?.bound) === 'matches') return listCandidates(db, request, 'matches', matches);
  return listStoredOrder(db, request, walked, { misplacedRows, firstWalk });
}

/**
 * Every candidate of the scope, ranked in code, then the page: for listings without a stored
 * order, and for a rare search's matches (`text`), at most RARE_MATCHES and one more (`found`:
 * read already).
 */
async function listCandidates(
  db: Database,
  request: ListingRequest,
  text?: 'matches',
  found?: Candidate[],
): Promise<ListingPage> {
  const evaluatedAt = request.cursor ? new Date(request.cursor.at) : request.now;
  const hoursMoment = request.hoursAt ?? evaluatedAt;
  const candidates = found ?? (await findCandidates(db, request.filters, text ? { textFirst: RARE_MATCHES + 1 } : {}));

  // Hours are needed for every candidate only when they filter (a distance is shown, never ranked, here).
  const needsAll = request.openOnly;
  // Closures still in force at the earlier of the two moments: a past open_at sees those that have ended since.
  const closuresFrom = new Date(Math.min(evaluatedAt.getTime(), hoursMoment.getTime()));
  const allInputs = needsAll
    ? await loadDetails(
        db,
        candidates.map((c) => c.id),
        closuresFrom,
      )
    : null;

  const ranked: Array<{ candidate: Candidate; key: SortKey; hours: ServiceHours | null }> = [];
  for (const candidate of candidates) {
    const hours = allInputs ? hoursOf(candidate.id, candidate.country, allInputs, hoursMoment) : null;
    if (request.openOnly && hours?.service.state !== 'open') continue;
    const key = sortKey(request.sort, {
      id: candidate.id,
      isPriority: Boolean(candidate.isPriority),
      freshness: freshness(candidate, evaluatedAt),
      textScore: candidate.textScore,
      sortName: candidate.sortName,
      lastVerifiedAt: candidate.lastVerifiedAt,
      distanceKm: null,
    });
    ranked.push({ candidate, key, hours });
  }
  ranked.sort((a, b) => compareKeys(a.key, b.key));

  const after = request.cursor?.after;
  const remaining = after ? ranked.filter((r) => compareKeys(r.key, after) > 0) : ranked;
  const page = remaining.slice(0, request.limit);
  const last = page.at(-1);
  const nextCursor =
    remaining.length > request.limit && last
      ? encodeCursor({ sort: request.sort, at: evaluatedAt.toISOString(), after: last.key, ...(text && { text }) })
      : null;

  const pageIds = page.map((r) => r.candidate.id);
  const inputs = allInputs ?? (await loadDetails(db, pageIds, closuresFrom));
  const items = page.flatMap((r) =>
    partsOf(inputs, r.candidate.id, hoursMoment, {
      hours: r.hours,
      isPriority: Boolean(r.candidate.isPriority),
      near: request.near,
    }),
  );
  return {
    items,
    total: ranked.length,
    totalIsExact: true,
    walkStopped: false,
    nextCursor,
    evaluatedAt,
    hoursAt: hoursMoment,
  };
}

/**
 * Nearest first (./nearby-services.ts): the services found in distance order are judged "open"
 * a page at a time, and only the page's details are read.
 */
async function listNearest(db: Database, request: ListingRequest, near: Point): Promise<ListingPage> {
  const evaluatedAt = request.cursor ? new Date(request.cursor.at) : request.now;
  const hoursMoment = request.hoursAt ?? evaluatedAt;
  const closuresFrom = new Date(Math.min(evaluatedAt.getTime(), hoursMoment.getTime()));
  const inputs = noDetails();
  const accept = async (batch: Nearby[]) => {
    if (!request.openOnly) return batch;
    mergeDetails(
      inputs,
      await loadDetails(
        db,
        batch.map((n) => n.id),
        closuresFrom,
        storedOf(batch),
      ),
    );
    return batch.filter((n) => hoursOf(n.id, n.country, inputs, hoursMoment).service.state === 'open');
  };
  const found = await servicesByDistance(
    db,
    request.filters,
    near,
    request.cursor?.after,
    request.limit + 1,
    accept,
    request.openOnly ? hourOfWeek(hoursMoment) : null,
  );
  const page = found.slice(0, request.limit);
  const more = found.length > request.limit;
  const last = page.at(-1);
  const nextCursor =
    more && last ? encodeCursor({ sort: request.sort, at: evaluatedAt.toISOString(), after: last.key }) : null;
  const pageInputs = request.openOnly
    ? inputs
    : await loadDetails(
        db,
        page.map((n) => n.id),
        closuresFrom,
        storedOf(page),
      );
  const items = page.flatMap((n) =>
    partsOf(pageInputs, n.id, hoursMoment, {
      isPriority: pageInputs.priority.get(n.id) ?? false,
      distanceKm: n.distanceKm,
    }),
  );
  // The whole listing is known when this is its first and last page; past it, at least what was seen.
  const whole = !request.cursor && !more;
  return {
    items,
    total: whole ? items.length : found.length,
    totalIsExact: whole,
    walkStopped: false,
    nextCursor,
    evaluatedAt,
    hoursAt: hoursMoment,
  };
}

/** The stored documents read with the services found, when each was (else they are read apart). */
const storedOf = (found: Nearby[]) => (found.every((n) => n.document) ? found.map((n) => n.document!) : undefined);

type Walked = WalkedRank & StoredDocument & { hours?: ServiceHours };

/**
 * "Open now" / "open at" walks at most this many ranks a round, and at most two rounds a request: at
 * night, when almost nothing is open, it stops there and returns what it found with a cursor to go on,
 * rather than walk the whole district. Twice the page (and its look-ahead) lets a page whose services
 * are open finish in one round though a few are dropped by the exact check; the floor of 60 keeps a
 * small page from stopping after a handful. Each rank costs about five rows read (its rank and service
 * rows, the hours probe, and once more for the stop row), so a fruitless round reads about 300 rows,
 * whatever the size of the district.
 */
const openWalkRanks = (limit: number) => Math.max(60, 2 * (limit + 1));
const OPEN_WALK_ROUNDS = 2;

/** The hour of the week (0 = Sunday 00:00–01:00) of `moment` in each country's zone. */
function hourOfWeek(moment: Date): Record<Country, number> {
  const hours = {} as Record<Country, number>;
  for (const [country, zone] of Object.entries(COUNTRY_TIME_ZONES) as Array<[Country, string]>) {
    hours[country] = Math.floor(msOfWeek(moment, zone) / 3_600_000);
  }
  return hours;
}

/**
 * The statements of a walk: the ranks to rank here (the relevance order's alone), and a stretch of
 * the walk from a key (the same on every round). A walk that probes (`probes`) keeps, in SQL, only
 * the walked services that may be open in this hour of the week (service_open_hours; the exact
 * state, closures included, is checked for the rest in code) and, of a common search, whose words
 * match (one probe each); it stops after a fixed number of rows, so a fruitless walk reads no more
 * than that. `when`: a condition that leaves the statements unread when false (see area-walk.ts).
 */
function walkQueries(db: Database, request: ListingRequest, stored: StoredOrder, when?: SQL) {
  const { walk, filters } = stored;
  const evaluatedAt = request.cursor ? new Date(request.cursor.at) : request.now;
  const hoursMoment = request.hoursAt ?? evaluatedAt;
  const at = evaluatedAt.toISOString();
  const chunk = request.limit + 1;
  const ranks = openWalkRanks(request.limit);
  const hours = request.openOnly ? hourOfWeek(hoursMoment) : null;
  return {
    misplaced: (moment: string) => misplacedInRanges(db, walk.ranges, filters, moment, when),
    walk: (after: string) =>
      probes(request, stored)
        ? probedWalkRanges(db, walk, filters, after, at, hours, ranks, chunk, when)
        : walkRanges(db, walk, filters, after, at, chunk),
  };
}

/** Whether a walk keeps only some of the rows it walks ("open", or a common search's words). */
const probes = (request: ListingRequest, stored: StoredOrder) => request.openOnly || stored.text === 'walk';

/** A common search walks the listing's relevance order of the area, or of whole countries. */
function textWalk(request: ListingRequest, scope: WalkScope): StoredOrder {
  return {
    walk: { ranges: arms(scope), order: 'rank' },
    filters: request.filters,
    counted: false,
    keyOf: rankKeyOfSortKey,
    sortKeyOf: sortKeyOfRankKey,
    text: 'walk',
  };
}

/** A listing answered by walking a stored order, and how its cursors translate to that order's keys. */
interface StoredOrder {
  walk: Walk;
  /** The filters each walked row is checked against: those the ranges do not answer already. */
  filters: CandidateFilters;
  /** Whether the filters are answered by the ranges alone, so listing_counts gives the exact total. */
  counted: boolean;
  keyOf: (after: SortKey) => string;
  sortKeyOf: (key: string) => SortKey;
  /** A common search's walk: its cursors say so, so every page of it continues the same way. */
  text?: 'walk';
}

/**
 * The listings walked from a stored order: an area in relevance, name or latest-check order, and
 * listings without an area (none, a country, a type, other filters) in those orders, which walk the
 * `country` rows (or, for types, the `type:<id>` rows) of one country or of both. Text chooses its
 * way in `listText` (a common search walks as `textWalk` says); a box has its own driver, and nearest
 * first its own walk.
 */
function storedOrder(request: ListingRequest): StoredOrder | null {
  const f = request.filters;
  if (f.textMatch || f.bbox || request.sort === 'distance') return null;
  const countries = f.country ? [f.country] : COUNTRIES;
  // Without an area, the country and the types (each asked for with its sub-types) are the ranges
  // walked, not filters: a service of one of them is in that type's rows of its country.
  const reaches: RankReach[] = f.typeIds?.length ? f.typeIds.map((id): RankReach => `type:${id}`) : ['country'];
  const ranges: RankRange[] = f.area
    ? arms(f.area)
    : countries.flatMap((country) => reaches.map((reach): RankRange => [`/${country}/`, reach]));
  const filters = f.area ? f : { ...f, country: undefined, typeIds: undefined };
  // Each service is counted once in a range; a service of two of the types asked for would be counted twice.
  const counted = unfiltered(filters) && !request.openOnly && (Boolean(f.area) || (f.typeIds?.length ?? 0) <= 1);
  const walk = (order: WalkOrder): Walk => ({ ranges, order });
  switch (request.sort) {
    case 'name':
      return { walk: walk('name'), filters, counted, keyOf: nameKeyOfSortKey, sortKeyOf: sortKeyOfNameKey };
    case 'freshness':
      return { walk: walk('verified'), filters, counted, keyOf: verifiedKeyOfSortKey, sortKeyOf: sortKeyOfVerifiedKey };
    case 'relevance':
      return { walk: walk('rank'), filters, counted, keyOf: rankKeyOfSortKey, sortKeyOf: sortKeyOfRankKey };
  }
}

/**
 * Every listing walked from a stored order (`storedOrder`, or a common search's `textWalk`): the
 * page and the one row after it, never the scope; a walk that probes ("open", a search's words) a
 * fixed number of rows a round, two rounds a request. Only the relevance order has ranks whose
 * moment may have passed, to rank here. `first`: the first stretch and the ranks to rank here, when
 * a search's first round trip has read them already.
 */
async function listStoredOrder(
  db: Database,
  request: ListingRequest,
  stored: StoredOrder,
  first?: { misplacedRows: Walked[]; firstWalk: Array<Walked & { visited?: number | null }> },
): Promise<ListingPage> {
  const { walk } = stored;
  const evaluatedAt = request.cursor ? new Date(request.cursor.at) : request.now;
  const hoursMoment = request.hoursAt ?? evaluatedAt;
  const closuresFrom = new Date(Math.min(evaluatedAt.getTime(), hoursMoment.getTime()));
  const at = evaluatedAt.toISOString();
  const start = request.cursor ? stored.keyOf(request.cursor.after) : '';
  const chunk = request.limit + 1;
  const ranks = openWalkRanks(request.limit);
  const probed = probes(request, stored);
  const { misplaced: misplacedAt, walk: walkFrom } = walkQueries(db, request, stored);
  // One round trip: the first stretch of the walk, the listing's count and (relevance alone) the
  // ranks to rank here (a first page of a search has read the first and the last with its bound).
  const [firstWalk, counts, misplacedRows] = first
    ? [first.firstWalk, [], first.misplacedRows]
    : walk.order === 'rank'
      ? await db.batch([walkFrom(start), rangesTotal(db, walk.ranges), misplacedAt(at)])
      : [...(await db.batch([walkFrom(start), rangesTotal(db, walk.ranges)])), []];
  const countedTotal = stored.counted ? (counts[0]?.n ?? 0) : null;
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
  let walked: Array<Walked & { visited?: number | null }> = firstWalk;
  let from = start;
  let stoppedAt: string | null = null;
  for (let round = 1; ; round++) {
    const end = walked.find((w) => w.visited !== null && w.visited !== undefined);
    const found = walked.filter((w) => w !== end);
    const exhausted = end ? end.visited! < ranks : found.length < chunk;
    const until = exhausted ? null : end ? end.rankKey : found.at(-1)!.rankKey;
    const batch: Walked[] = [
      ...found,
      ...misplaced.filter((m) => m.rankKey > from && (until === null || m.rankKey <= until)),
    ].sort(byRank);
    if (request.openOnly) {
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
    if (probed && (end || round >= OPEN_WALK_ROUNDS)) {
      stoppedAt = until;
      break;
    }
    from = until!;
    walked = await walkFrom(from);
  }

  const cursorAt = (key: string) =>
    encodeCursor({ sort: request.sort, at, after: stored.sortKeyOf(key), ...(stored.text && { text: stored.text }) });
  const page = accepted.slice(0, request.limit);
  const more = accepted.length > request.limit;
  const stopped = !more && stoppedAt !== null;
  const last = page.at(-1);
  const nextCursor = more && last ? cursorAt(last.rankKey) : stopped ? cursorAt(stoppedAt!) : null;
  const pageInputs = request.openOnly
    ? inputs
    : await loadDetails(
        db,
        page.map((w) => w.id),
        closuresFrom,
        page,
      );
  const items = page.flatMap((w) =>
    partsOf(pageInputs, w.id, hoursMoment, {
      hours: w.hours,
      isPriority: pageInputs.priority.get(w.id) ?? false,
      near: request.near,
    }),
  );
  // As an area's: exact when this page is the whole listing or the ranges' counts answer the
  // filters; otherwise at least what has been seen.
  const whole = !request.cursor && !more && !stopped;
  return {
    items,
    total: whole ? items.length : (countedTotal ?? accepted.length),
    totalIsExact: whole || countedTotal !== null,
    walkStopped: stopped,
    nextCursor,
    evaluatedAt,
    hoursAt: hoursMoment,
  };
}

const byRank = (x: { rankKey: string }, y: { rankKey: string }) =>
  x.rankKey < y.rankKey ? -1 : x.rankKey > y.rankKey ? 1 : 0;

function mergeDetails(into: Details, more: Details) {
  for (const key of ['services', 'typeIds', 'priority', 'routes', 'locations', 'closures'] as const) {
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
 * `stored`: their stored documents when a page already read them in its batch.
 */
export async function getServices(
  db: Database,
  ids: readonly string[],
  now: Date,
  stored?: readonly StoredDocument[],
): Promise<ServiceParts[]> {
  const list = [...new Set(ids)];
  const inputs = await loadDetails(db, list, now, stored);
  return [...inputs.services.keys()].flatMap((id) => partsOf(inputs, id, now, { isPriority: false }));
}

/**
 * One service's parts from the details read for its page, with its state at `at` (or the state the
 * listing already worked out, `known.hours`) and its distance (given, or measured from `known.near`);
 * none when it is not among the details (no longer published).
 */
function partsOf(
  details: Details,
  id: string,
  at: Date,
  known: { hours?: ServiceHours | null; isPriority: boolean; distanceKm?: number | null; near?: Point },
): ServiceParts[] {
  const service = details.services.get(id);
  if (!service) return [];
  const hours = known.hours ?? hoursOf(id, service.country, details, at);
  const locations = details.locations.get(id) ?? [];
  return [
    {
      service,
      typeIds: details.typeIds.get(id) ?? [],
      routes: details.routes.get(id) ?? [],
      locations,
      closures: details.closures.get(id) ?? [],
      hours: hours.service,
      routeHours: hours.routes,
      locationHours: hours.locations,
      isPriority: known.isPriority,
      distanceKm: known.distanceKm ?? (known.near ? nearestDistance(locations, known.near) : null),
    },
  ];
}

const noDetails = (): Details => ({
  services: new Map(),
  typeIds: new Map(),
  priority: new Map(),
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
    details.priority.set(id, document.isPriority);
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
