/**
 * A page of services: candidates from SQL (phase one), then "open now", distance and ranking in
 * code, then the public details of just the page (phase two): each service's stored public
 * document (./service-documents.ts), one row each. Rows read follow the candidates of the scope
 * asked for plus the page, never the whole directory.
 */
import { sql, type SQL } from 'drizzle-orm';
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
import { boxCountedCheaply, boxHoldsAtMost } from './site-cells.ts';
import { placedMisplaced, placedWalkRanges } from './placed-walk.ts';
import {
  boundOf,
  matchesReadWhole,
  modeOf,
  RARE_MATCHES,
  whenCommon,
  whenIndexOrder,
  whenListingOrder,
  whenRare,
} from './text-search.ts';
import { matchStretch, matchWalk, type MatchWalked } from './match-walk.ts';
import {
  nameKeyOfSortKey,
  PRIORITY_RANKS_END,
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
  rangesCount,
  rangesTotal,
  unfiltered,
  walkRanges,
  type Walk,
  type WalkedRank,
  type WalkOrder,
  type WalkScope,
  walkPlan,
} from './area-walk.ts';
import type { AreaNameRow, PublicContactRouteRow, PublicLocationRow, PublicServiceRow } from './public-directory.ts';
import {
  documentsAt,
  type DocumentForm,
  type ServiceDocument,
  type ServicePoint,
  type StoredDocument,
} from './service-documents.ts';
import { slottedFilters } from './shaped-filters.ts';
import { shaped, slot } from '../../db/shaped-query.ts';

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
  /** The query this listing's cursors are tied to (`listingKey`); none for a listing whose cursors are never shown. */
  key?: string;
  now: Date;
  /**
   * Only priority channels (hotlines, official reporting channels): the relevance order lists them
   * first, so a walk of it ends where they end, however many other services the area holds.
   */
  priorityOnly?: boolean;
  /**
   * Only the services with a public site are wanted (the map's points): a walk of a stored order
   * reads the documents of those alone, and the page's items (and so a whole listing's total)
   * leave the others out; the cursor and whether there are more still follow every service walked.
   * Their documents are read as map points (./service-documents.ts `ServicePoint`) where the
   * listing reads them itself (a walk for the map's points, a box or matches read whole), so its
   * items hold a point's parts (`PointParts`) and are typed so.
   */
  placedOnly?: boolean;
}

/** How a listing reads its services' stored documents: as map points for the map, else whole. */
const formOf = (request: ListingRequest): DocumentForm => (request.placedOnly ? 'point' : 'document');

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
  /**
   * The areas it serves or has sites in (a site's area as the public sees it, so every area of
   * `locations`), with their names: from its document, so naming them costs no query of its own.
   */
  areaNames: AreaNameRow[];
}

/**
 * A listed service as a map's listing (`placedOnly`) gives it: the parts its map point holds
 * (./service-documents.ts `ServicePoint`), with its hours.
 */
export type PointParts = Omit<ServiceParts, 'service' | 'routes' | 'locations' | 'areaNames'> &
  Pick<ServicePoint, 'service' | 'routes' | 'locations' | 'areaNames'>;

export interface ListingPage<Item = ServiceParts> {
  items: Item[];
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
  areaNames: Map<string, AreaNameRow[]>;
}

/**
 * A page of a listing, read the way its request asks (a box, a search, a stored order, nearest
 * first, or every candidate). A map's listing (`placedOnly`) reads its services as map points, so
 * its items hold a point's parts alone.
 */
export async function listServices(
  db: Database,
  request: ListingRequest & { placedOnly: true },
): Promise<ListingPage<PointParts>>;
export async function listServices(db: Database, request: ListingRequest): Promise<ListingPage>;
export async function listServices(db: Database, request: ListingRequest): Promise<ListingPage<PointParts>> {
  if (walksBox(request)) return listBox(db, request);
  if (searchesText(request)) return listText(db, request);
  const stored = storedOrder(request);
  if (stored) return listStoredOrder(db, request, stored);
  if (request.sort === 'distance' && request.near) return listNearest(db, request, request.near);
  return listCandidates(db, request);
}

/**
 * Whether the stored ranks alone answer a listing: an area or whole countries, with no filter but a
 * few service types (each type's ranks are ranges of their own, `walkPlan`), in a stored order. A
 * walk of them reads what it lists and nothing it passes over, however many services the area holds
 * of other types; any other filter is checked row by row on the way.
 */
export function answeredByRanks(request: ListingRequest): boolean {
  const stored = storedOrder(request);
  return stored !== null && unfiltered(stored.filters) && !request.openOnly && !request.priorityOnly;
}

/** A text search over an area or the whole directory is read as ./text-search.ts decides (nearest first: distance). */
const searchesText = (request: ListingRequest) =>
  Boolean(request.filters.textMatch && request.filters.textClauses && !request.filters.bbox) &&
  request.sort !== 'distance';

/**
 * A rare search reads its few matches; a common one reads its matches in the full-text index's
 * order (./match-walk.ts), or, when its words are held by more services than its area holds, walks
 * the area's listing order (./text-search.ts says why). Over the whole directory (or a country) it
 * always reads the index's order: the listing order of a country puts every hotline and official
 * channel first, which a walk of a fixed number of ranks may never get past. In name or
 * latest-check order there is no index's order to read: a search reads its matches when few enough
 * (ORDERED_MATCHES), and otherwise walks that order. A later page goes on the way its first page
 * went (the cursor says which), so a listing never changes order between its pages.
 */
async function listText(db: Database, request: ListingRequest): Promise<ListingPage> {
  const f = request.filters;
  const known = request.cursor?.text;
  if (known === 'matches') return listCandidates(db, request, 'matches');
  if (known === 'index') return listMatchWalk(db, request);
  const scope: WalkScope = f.area ?? rootsOf(f);
  const walked = textWalk(request, scope);
  if (known === 'walk') return listStoredOrder(db, request, walked);
  // A first page (or a cursor that does not say): one round trip asks the bound and every way, each
  // way guarded by the bound (and the area's size).
  const clauses = f.textClauses!;
  const most = matchesReadWhole(request.sort);
  const rare = () => candidatesQuery(db, f, { textFirst: most + 1, textWhen: whenRare(clauses, most) });
  const stretch = matchStretch(request.limit);
  // ("Open now" keeps walking the listing order, which probes each rank's hours; so do the priority
  // channels a filtered listing names beside it, which sit at the head of that order and would be
  // read late, or never, in the index's order. The index's order is not the name or latest-check
  // order either.)
  const chooses = request.sort === 'relevance' && !request.cursor && !request.openOnly && !request.priorityOnly;
  if (!f.area && chooses) {
    const [bound, matches, inIndexOrder] = await db.batch(firstTextPage(db, f, request.limit));
    if (modeOf(bound[0]?.bound) === 'matches') return listCandidates(db, request, 'matches', matches);
    return listMatchWalk(db, request, inIndexOrder);
  }
  const at = (request.cursor ? new Date(request.cursor.at) : request.now).toISOString();
  const start = request.cursor ? walked.keyOf(request.cursor.after) : '';
  if (f.area && chooses) {
    const size = rangesCount(arms(f.area));
    const { misplaced, walk } = walkQueries(db, request, walked, whenListingOrder(clauses, size));
    const [bound, matches, misplacedRows, firstWalk, inIndexOrder] = await db.batch([
      boundOf(db, clauses, size),
      rare(),
      misplaced(at),
      walk(start),
      matchWalk(db, f, 0, stretch, request.limit + 1, whenIndexOrder(clauses, size)),
    ]);
    const mode = modeOf(bound[0]?.bound, bound[0]?.size);
    if (mode === 'matches') return listCandidates(db, request, 'matches', matches);
    if (mode === 'index') return listMatchWalk(db, request, inIndexOrder);
    return listStoredOrder(db, request, walked, { misplacedRows, firstWalk });
  }
  const { misplaced, walk } = walkQueries(db, request, walked, whenCommon(clauses, most));
  // Only the relevance order has ranks whose moment may have passed, to rank here.
  const [bound, matches, firstWalk, misplacedRows] =
    walked.walk.order === 'rank'
      ? await db.batch([boundOf(db, clauses), rare(), walk(start), misplaced(at)])
      : [...(await db.batch([boundOf(db, clauses), rare(), walk(start)])), []];
  if (modeOf(bound[0]?.bound, undefined, most) === 'matches') return listCandidates(db, request, 'matches', matches);
  return listStoredOrder(db, request, walked, { misplacedRows, firstWalk });
}

/**
 * A first page of a search over the whole directory (or a country): its bound, its few matches and
 * the index's order, as `listText` asks them. When the filters can be slotted (./shaped-filters.ts),
 * each is built once per shape of the filters and kept per isolate, the request's values bound to it:
 * the same text and parameters as built here on every request before.
 */
function firstTextPage(db: Database, f: CandidateFilters, limit: number) {
  const build = (g: CandidateFilters, after: number, stretch: number, first: number) => {
    const clauses = g.textClauses!;
    return [
      boundOf(db, clauses),
      candidatesQuery(db, g, { textFirst: RARE_MATCHES + 1, textWhen: whenRare(clauses) }),
      matchWalk(db, g, after, stretch, first, whenCommon(clauses)),
    ] as const;
  };
  const page = { after: 0, stretch: matchStretch(limit), first: limit + 1 };
  const slotted = slottedFilters(f);
  if (!slotted) return build(f, page.after, page.stretch, page.first);
  const { key, filters, values } = slotted;
  const statements = () => build(filters, slot('after'), slot('stretch'), slot('first'));
  const bound = { ...values, ...page };
  return [
    shaped(db, `text bound ${key}`, () => statements()[0], bound),
    shaped(db, `text matches ${key}`, () => statements()[1], bound),
    shaped(db, `text in index order, first page ${key}`, () => statements()[2], bound),
  ] as const;
}

/** A later stretch of the index's order, built once per shape of the filters as `firstTextPage`'s. */
function indexStretch(db: Database, f: CandidateFilters, after: number, stretch: number, first: number) {
  const slotted = slottedFilters(f);
  if (!slotted) return matchWalk(db, f, after, stretch, first);
  const { key, filters, values } = slotted;
  return shaped(
    db,
    `text in index order ${key}`,
    () => matchWalk(db, filters, slot('after'), slot('stretch'), slot('first')),
    { ...values, after, stretch, first },
  );
}

/** A box, searched or not, in a stored order is read as `listBox` decides (nearest first walks distance). */
const walksBox = (request: ListingRequest) =>
  Boolean(request.filters.bbox) &&
  request.sort !== 'distance' &&
  (!request.filters.textMatch || Boolean(request.filters.textClauses));

/**
 * A box holds a handful of services or ten thousand, and the cells' stored counts say which before
 * any service is read. One round trip asks that bound and every way of answering, each guarded in
 * SQL so that only one reads:
 * - a rare search reads its matches and checks each against the box;
 * - a box that holds few enough (`boxReadWhole`) is read whole and ranked exactly, a search's words
 *   probed on each of its services (a common word's matches are far more than a small box holds);
 * - otherwise the listing's stored order (of the area, or of whole countries) is walked a fixed
 *   stretch, each service checked for a site in the box (and a search's words), and a walk that ends
 *   its stretch early says so with a cursor to go on.
 * Each guard counts the box again, so a search, which has its matches to read, counts only a box
 * whose count is cheap (`boxCountedCheaply`): a country's box is searched by its matches or a walk.
 */
async function listBox(db: Database, request: ListingRequest): Promise<ListingPage> {
  const f = request.filters;
  const known = request.cursor?.text;
  const clauses = f.textClauses;
  const most = matchesReadWhole(request.sort);
  const rare = clauses ? whenRare(clauses, most) : null;
  const counted = !rare || boxCountedCheaply(f.bbox!);
  // The candidates of a box read exactly: a rare search's matches in the box, else the box's own
  // sites when `box` says it holds few (each way guarded, so one statement reads one of them).
  const exactly = (box: SQL) => {
    if (!rare) return candidatesQuery(db, f, { boxWhen: box });
    const matches = { textFirst: most + 1, textWhen: rare };
    return counted
      ? candidatesQuery(db, f, matches, { boxWhen: sql`NOT (${rare}) AND ${box}` })
      : candidatesQuery(db, f, matches);
  };
  // A later page goes on the way its first page went: a rare search's matches again (at most
  // `most`), or the box's own sites again, so its order never changes between pages (a search's
  // matches are ranked by how well they match, a box's services read whole by their rank alone).
  if (known === 'matches' && clauses) return listCandidates(db, request, 'matches');
  if (known === 'matches' || known === 'box') {
    // Not every service of its area probed for a site. A box that has grown a little since is still
    // read; past twice what is read whole, nothing is, and the listing ends.
    const again = candidatesQuery(db, f, { boxWhen: boxHoldsAtMost(f.bbox!, 2 * BOX_READ_WHOLE) });
    return listCandidates(db, request, 'box', await again);
  }
  const scope: WalkScope = f.area ?? rootsOf(f);
  const walked = clauses ? textWalk(request, scope) : { ...storedOrder(request, true)!, text: 'walk' as const };
  if (known === 'walk') return listStoredOrder(db, request, walked);
  const few = boxHoldsAtMost(f.bbox!, boxReadWhole(request));
  const exact = !rare ? few : counted ? sql`(${rare}) OR (${few})` : rare;
  const { misplaced, walk } = walkQueries(db, request, walked, sql`NOT (${exact})`);
  const at = (request.cursor ? new Date(request.cursor.at) : request.now).toISOString();
  const start = request.cursor ? walked.keyOf(request.cursor.after) : '';
  const decide = db.select({ exact: sql<number>`${exact}`.mapWith(Number) }).from(sql`(SELECT 1) one`);
  const read = exactly(few);
  // Only the relevance order has ranks whose moment may have passed, to rank here.
  const [decided, found, firstWalk, misplacedRows] =
    walked.walk.order === 'rank'
      ? await db.batch([decide, read, walk(start), misplaced(at)])
      : [...(await db.batch([decide, read, walk(start)])), []];
  // A rare search's matches come with their text score; a box's services read whole, without one.
  const way = found.some((c) => c.textScore !== null) ? 'matches' : 'box';
  if (decided[0]?.exact) return listCandidates(db, request, way, found);
  return listStoredOrder(db, request, walked, { misplacedRows, firstWalk });
}

/**
 * A common word read in the index's order (over the whole directory, or an area): the next matches (`first`: read
 * already by the first page's round trip), the page and one more, or as many as one stretch of
 * matches holds when other filters drop some; the page is then shown in relevance order. The cursor
 * holds the last position read, so the pages list every match once.
 */
async function listMatchWalk(db: Database, request: ListingRequest, first?: MatchWalked[]): Promise<ListingPage> {
  const evaluatedAt = request.cursor ? new Date(request.cursor.at) : request.now;
  const hoursMoment = request.hoursAt ?? evaluatedAt;
  const closuresFrom = new Date(Math.min(evaluatedAt.getTime(), hoursMoment.getTime()));
  const after = request.cursor ? Number(request.cursor.after[0]) : 0;
  const stretch = matchStretch(request.limit);
  const walked = first ?? (await indexStretch(db, request.filters, after, stretch, request.limit + 1));
  const end = walked.find((w) => w.visited !== null);
  const found = walked.filter((w) => w !== end);
  const more = found.length > request.limit;
  // The stretch ended before the matches did: more may match past it.
  const stopped = !more && end !== undefined && end.visited! >= stretch;
  const page = found.slice(0, request.limit);
  const cursorAt = (pos: number) => cursorOf(request, { at: evaluatedAt.toISOString(), after: [pos], text: 'index' });
  const nextCursor = more ? cursorAt(page.at(-1)!.pos) : stopped ? cursorAt(end.pos) : null;
  const inputs = await loadDetails(
    db,
    page.map((w) => w.id),
    closuresFrom,
    page,
  );
  const keyed = page.map((w) => ({
    w,
    key: sortKey('relevance', {
      ...w,
      isPriority: inputs.priority.get(w.id) ?? false,
      freshness: freshness(w, evaluatedAt),
      distanceKm: null,
    }),
  }));
  keyed.sort((x, y) => compareKeys(x.key, y.key));
  const items = keyed.flatMap(({ w }) =>
    partsOf(inputs, w.id, hoursMoment, { isPriority: inputs.priority.get(w.id) ?? false, near: request.near }),
  );
  const whole = !request.cursor && !more && !stopped;
  return {
    items,
    total: whole ? items.length : found.length,
    totalIsExact: whole,
    walkStopped: stopped,
    nextCursor,
    evaluatedAt,
    hoursAt: hoursMoment,
  };
}

/**
 * Every candidate of the scope, ranked in code, then the page: for a rare search's matches
 * (`text`), at most `matchesReadWhole` and one more, and for a box read whole (`found`: read
 * already).
 */
async function listCandidates(
  db: Database,
  request: ListingRequest,
  text?: 'matches' | 'box',
  found?: Candidate[],
): Promise<ListingPage> {
  const evaluatedAt = request.cursor ? new Date(request.cursor.at) : request.now;
  const hoursMoment = request.hoursAt ?? evaluatedAt;
  const textFirst = matchesReadWhole(request.sort) + 1;
  const candidates = found ?? (await findCandidates(db, request.filters, text === 'matches' ? { textFirst } : {}));

  // Hours are needed for every candidate only when they filter (a distance is shown, never ranked, here).
  const needsAll = request.openOnly;
  // Closures still in force at the earlier of the two moments: a past open_at sees those that have ended since.
  const closuresFrom = new Date(Math.min(evaluatedAt.getTime(), hoursMoment.getTime()));
  const allInputs = needsAll
    ? await loadDetails(
        db,
        candidates.map((c) => c.id),
        closuresFrom,
        undefined,
        formOf(request),
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
      ? cursorOf(request, { at: evaluatedAt.toISOString(), after: last.key, ...(text && { text }) })
      : null;

  const pageIds = page.map((r) => r.candidate.id);
  const inputs = allInputs ?? (await loadDetails(db, pageIds, closuresFrom, undefined, formOf(request)));
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
  const { found, stoppedAt } = await servicesByDistance(
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
  // A search that stopped looking before the page was full goes on from where it stopped.
  const after = more && last ? last.key : stoppedAt;
  const nextCursor = after ? cursorOf(request, { at: evaluatedAt.toISOString(), after }) : null;
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
  const whole = !request.cursor && !more && !stoppedAt;
  return {
    items,
    total: whole ? items.length : found.length,
    totalIsExact: whole,
    walkStopped: !more && stoppedAt !== null,
    nextCursor,
    evaluatedAt,
    hoursAt: hoursMoment,
  };
}

/** The stored documents read with the services found, when each was (else they are read apart). */
const storedOf = (found: Nearby[]) => (found.every((n) => n.document) ? found.map((n) => n.document!()) : undefined);

/** `placed`: false when a walk for the map's points (`placedOnly`) found no public site, so read no document. */
type Walked = WalkedRank & StoredDocument & { hours?: ServiceHours; placed?: boolean };
/** A rank to rank here: its service's country and verification are always read. */
type Misplaced = Walked & { country: Country; verificationStatus: string };

/**
 * "Open now" / "open at" walks at most this many ranks, in one round trip of its own: at night, when
 * almost nothing is open, it stops there and returns what it found with a cursor to go on, rather
 * than walk the whole district. Twice the page (and its look-ahead) keeps a small page from stopping
 * after a handful; the floor of 60 keeps the stretch worth a trip. With no filter but "open", each
 * rank costs three rows read (its rank row, the hours probe, and its rank row once more for the stop
 * row; the service row only when the countries' hours disagree and the probe needs its country), so
 * a fruitless walk reads about 180 rows, whatever the size of the district. Other filters add the
 * service row, twice.
 */
const openWalkRanks = (limit: number) => Math.max(60, 2 * (limit + 1));

/**
 * A box whose cells count at most this many services is read whole and ranked exactly, unless "open"
 * filters it (then every candidate's document is read to judge it, so it reads whole only what an open
 * walk would read). A walk of the listing order (the area's, or a whole country's) probes each
 * service for a site in the box, so in a box of a few kilometres it mostly finds nothing: about 1,300
 * rows a stretch at 100,000 services, and an empty first page with a cursor. Reading the box whole
 * costs about 110 rows and 5 to 6 a service (its sites, service and coverage; the page's documents
 * alone), about one stretch at 240 services, and answers exactly. The counts over-count a box by the
 * parts of its edge cells outside it, so a bound of 300 is about 240 services in it.
 */
export const BOX_READ_WHOLE = 300;
const boxReadWhole = (request: ListingRequest) =>
  request.openOnly ? openWalkRanks(request.limit) : Math.max(BOX_READ_WHOLE, openWalkRanks(request.limit));

/**
 * How many rows a walk returns: the page and the one after it, and for "open" a quarter of a page
 * more, because the hours probe answers by the hour and the exact check in code may still drop a
 * service that closes within it. Those spare rows let the page fill in the same round trip.
 */
const walkChunk = (request: ListingRequest) =>
  request.limit + 1 + (request.openOnly ? Math.ceil(request.limit / 4) : 0);

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
  const chunk = walkChunk(request);
  const ranks = openWalkRanks(request.limit);
  const hours = request.openOnly ? hourOfWeek(hoursMoment) : null;
  return {
    // A map walk is never the priority channels' walk, the only one bounded by `before`.
    misplaced: (moment: string) =>
      request.placedOnly && !when && walk.before === undefined
        ? placedMisplaced(db, walk.ranges, filters, moment)
        : misplacedInRanges(db, walk.ranges, filters, moment, when, walk.before),
    walk: (after: string) =>
      probes(request, stored)
        ? probedWalkRanges(db, walk, filters, after, at, hours, ranks, chunk, when)
        : request.placedOnly
          ? placedWalkRanges(db, walk, filters, after, at, chunk)
          : walkRanges(db, walk, filters, after, at, chunk),
  };
}

/** Whether a walk keeps only some of the rows it walks ("open", or a common search's words). */
const probes = (request: ListingRequest, stored: StoredOrder) => request.openOnly || stored.text === 'walk';

/** A common search walks the listing's stored order (relevance, name, latest check) of the area or whole countries. */
function textWalk(request: ListingRequest, scope: WalkScope): StoredOrder {
  const { order, keyOf, sortKeyOf } = STORED_ORDERS[storedSort(request.sort)];
  return {
    walk: { ranges: arms(scope), order },
    filters: request.filters,
    counted: false,
    keyOf,
    sortKeyOf,
    text: 'walk',
  };
}

/**
 * Each order a listing may walk from its stored keys, and how a cursor's sort key translates to that
 * order's key and back. Distance has none: nearest first walks the sites' cells.
 */
const STORED_ORDERS = {
  relevance: { order: 'rank', keyOf: rankKeyOfSortKey, sortKeyOf: sortKeyOfRankKey },
  name: { order: 'name', keyOf: nameKeyOfSortKey, sortKeyOf: sortKeyOfNameKey },
  freshness: { order: 'verified', keyOf: verifiedKeyOfSortKey, sortKeyOf: sortKeyOfVerifiedKey },
} as const satisfies Record<
  string,
  { order: WalkOrder; keyOf: StoredOrder['keyOf']; sortKeyOf: StoredOrder['sortKeyOf'] }
>;

type StoredSort = keyof typeof STORED_ORDERS;
function storedSort(sort: SortOrder): StoredSort {
  if (sort === 'distance') throw new Error('nearest first has no stored order: it is walked by listNearest');
  return sort;
}

/** The whole countries a listing without an area walks: the one it asks for, or every one. */
const rootsOf = (f: CandidateFilters): WalkScope => ({
  roots: (f.country ? [f.country] : COUNTRIES).map((c) => `/${c}/`),
});

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
function storedOrder(request: ListingRequest, box = false): StoredOrder | null {
  const f = request.filters;
  if (f.textMatch || (f.bbox && !box) || request.sort === 'distance') return null;
  // The country and the types (each asked for with its sub-types) are ranges walked, not filters:
  // a service of one of them is in that type's rows of its area or country (`walkPlan`).
  const { ranges, filters, types } = walkPlan(f.area ?? rootsOf(f), f);
  // Each service is counted once in a range; a service of two of the types walked would be counted twice.
  const counted = unfiltered(filters) && !request.openOnly && types <= 1;
  const { order, keyOf, sortKeyOf } = STORED_ORDERS[storedSort(request.sort)];
  const walk: Walk = {
    ranges,
    order,
    ...(order === 'rank' && request.priorityOnly && { before: PRIORITY_RANKS_END }),
  };
  return { walk, filters, counted, keyOf, sortKeyOf };
}

/**
 * Every listing walked from a stored order (`storedOrder`, or a common search's `textWalk`): the
 * page and the one row after it, never the scope; a walk that probes ("open", a search's words) a
 * fixed number of rows, in one round trip of its own. Only the relevance order has ranks whose
 * moment may have passed, to rank here. `first`: the first stretch and the ranks to rank here, when
 * a search's first round trip has read them already.
 */
async function listStoredOrder(
  db: Database,
  request: ListingRequest,
  stored: StoredOrder,
  first?: { misplacedRows: Misplaced[]; firstWalk: Array<Walked & { visited?: number | null }> },
): Promise<ListingPage> {
  const { walk } = stored;
  const evaluatedAt = request.cursor ? new Date(request.cursor.at) : request.now;
  const hoursMoment = request.hoursAt ?? evaluatedAt;
  const closuresFrom = new Date(Math.min(evaluatedAt.getTime(), hoursMoment.getTime()));
  const at = evaluatedAt.toISOString();
  const start = request.cursor ? stored.keyOf(request.cursor.after) : '';
  const chunk = walkChunk(request);
  const ranks = openWalkRanks(request.limit);
  const probed = probes(request, stored);
  // A walk that probes takes one round trip of its own (two when a search's first trip already
  // walked its first stretch), so a listing stays within three: the version, the types and area,
  // the walk.
  const rounds = first ? 2 : 1;
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
        // A walk of the rank rows alone leaves the country to the service's details; without
        // details the service is not public, so not open.
        const country = inputs.services.get(w.id)?.country ?? w.country;
        if (!country) continue;
        w.hours = hoursOf(w.id, country, inputs, hoursMoment);
        if (w.hours.service.state === 'open') accepted.push(w);
      }
    } else {
      accepted.push(...batch);
    }
    if (accepted.length > request.limit || exhausted) break;
    if (probed && (end || round >= rounds)) {
      stoppedAt = until;
      break;
    }
    from = until!;
    walked = await walkFrom(from);
  }

  const cursorAt = (key: string) =>
    cursorOf(request, { at, after: stored.sortKeyOf(key), ...(stored.text && { text: stored.text }) });
  const page = accepted.slice(0, request.limit);
  const more = accepted.length > request.limit;
  const stopped = !more && stoppedAt !== null;
  const last = page.at(-1);
  const nextCursor = more && last ? cursorAt(last.rankKey) : stopped ? cursorAt(stoppedAt!) : null;
  const pageInputs = request.openOnly
    ? inputs
    : await loadDetails(
        db,
        page.filter((w) => w.placed !== false).map((w) => w.id),
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

/** The cursor of a page of this listing: where the next page starts, tied to the listing's query. */
const cursorOf = (request: ListingRequest, from: Omit<Cursor, 'sort' | 'of'>): string =>
  encodeCursor({ sort: request.sort, of: request.key ?? '', ...from });

const byRank = (x: { rankKey: string }, y: { rankKey: string }) =>
  x.rankKey < y.rankKey ? -1 : x.rankKey > y.rankKey ? 1 : 0;

function mergeDetails(into: Details, more: Details) {
  for (const key of ['services', 'typeIds', 'priority', 'areaNames', 'routes', 'locations', 'closures'] as const) {
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
      areaNames: details.areaNames.get(id) ?? [],
    },
  ];
}

const noDetails = (): Details => ({
  services: new Map(),
  typeIds: new Map(),
  priority: new Map(),
  areaNames: new Map(),
  routes: new Map(),
  locations: new Map(),
  closures: new Map(),
});

/**
 * The details of the published services among `ids`, with the closures not ended by `from`: from
 * their stored documents (one row each), given when a walk already read them, else read in one
 * query (whole, or as map points: `form`); the few without a usable document are read live.
 */
async function loadDetails(
  db: Database,
  ids: readonly string[],
  from: Date,
  stored?: readonly StoredDocument[],
  form: DocumentForm = 'document',
): Promise<Details> {
  const details = noDetails();
  const documents: Map<string, ServiceDocument> = await documentsAt(db, ids, from, stored, form);
  for (const [id, document] of documents) {
    details.services.set(id, document.service);
    details.typeIds.set(id, document.typeIds);
    details.priority.set(id, document.isPriority);
    details.areaNames.set(id, document.areaNames);
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
