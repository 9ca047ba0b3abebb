// The derived data of a listing: the areas it covers (service_coverage), its place in each area's
// listing (listing_ranks), the hours of the week it may be open (service_open_hours), its search row
// (service_search), the geohash cells of its public sites (site_cells), its sort name and its
// verification cycle. This is the only place they are
// computed: the seed (db/seed/build.mjs) and the Worker after every edit
// (api/admin/edit/listing-index.ts) gather a listing's facts, call deriveListing and write only
// what it returns, so the two cannot diverge.
// No imports but pure domain modules and only erasable TypeScript: Node seed scripts import this file.
import { ancestorPaths, governoratePath, pathCodes } from './area-paths.ts';
import {
  FRESHNESS_RANK,
  freshness,
  STALE_AFTER_DAYS,
  VERY_STALE_AFTER_DAYS,
  type VerificationFacts,
} from './freshness.ts';
import { cellOf } from './geohash.ts';
import { normaliseText, searchDocument } from './text-normalise.ts';
import { SORT_NAME_FALLBACK } from './vocabulary.ts';
import { openWeek } from './weekly-rule.ts';

type Localized = Partial<Record<string, string>> | null | undefined;

export interface ServiceTypeFacts {
  id: string;
  names: Localized;
  descriptions: Localized;
  verificationCycleDays: number;
  /** Hotlines and official reporting channels: their services come first in every listing. */
  isPriorityChannel?: boolean;
  /** The parent type, if any: a service of a sub-type is found by its parent's words too. */
  parent?: { id: string; names: Localized; descriptions: Localized } | null;
}

export interface ListingFacts {
  /** Only a published listing has a search row. */
  status: string;
  names: Localized;
  descriptions: Localized;
  organisationNames: Localized;
  types: ServiceTypeFacts[];
  /** Paths ("/IQ/IQG11/") of the areas the service serves. */
  areaPaths: string[];
  /**
   * Its sites: the path of each site's area and whether the site is confidential; with the site's
   * id and coordinates, a public site places the service (site_cells). Every fact is required, so
   * a builder of facts that forgets one does not compile (a missing fact would silently drop rows).
   */
  locations: Array<{
    areaPath: string;
    isConfidential: boolean;
    id: string;
    lat: number | null;
    lon: number | null;
  }>;
  /** Names in every language and aliases of an area, by P-code; asked for every P-code on a covered path. */
  areaNames: (pcode: string) => string[];
  /** Its own verification: fresh listings rank above overdue, stale and unverified ones. */
  verification?: VerificationFacts;
  /** The weekly rules (opening_hours) of its public contact routes and of its places; null: unknown. */
  hours: Array<string | null>;
  /** Its id, the last part of its rank key (every listing order ends with the id); without it, no ranks. */
  id?: string;
  /** The country the service belongs to (its own, whatever it covers): its `country` rank; without it, no ranks. */
  country?: string;
}

/** A site_cells row (db/schema.ts): a public site of a published listing and its geohash cell. */
export interface PlacedSite {
  cell: number;
  locationId: string;
  lat: number;
  lon: number;
}

/**
 * Which rows of an area path a listing_ranks row belongs to (db/schema.ts listingRanks): `at` and
 * `in` the area's, `at:<type id>` and `in:<type id>` the same for one type and its sub-types,
 * `country` and `type:<id>` (a type and its sub-types) at a country's root, and `placed:<id>` there
 * for those of a type with a public site.
 */
export type RankReach =
  'at' | 'in' | 'country' | `type:${string}` | `at:${string}` | `in:${string}` | `placed:${string}`;

/** A listing_ranks row (db/schema.ts): where the service stands in the listings of the area at `areaPath`. */
export interface ListingRank {
  areaPath: string;
  reach: RankReach;
  rankKey: string;
  rankedAt: string;
  rankUntil: string | null;
  counted: boolean;
  /** The name order (`nameKey`) and the freshness order (`verifiedKey`): they never change with time. */
  nameKey: string;
  verifiedKey: string;
}

export interface DerivedListing {
  /** service_coverage rows: every area path the service is relevant to. */
  coverage: string[];
  /** listing_ranks rows, none when the listing is not published. */
  ranks: ListingRank[];
  /** The service_open_hours row: the hours of the week it may be open; null when not published or unknown. */
  openWeek: string | null;
  /** The service_search row, or null when the listing is not published. */
  search: { body: string; skeletons: string } | null;
  /** site_cells rows: the sites that place a published listing (none confidential, none without coordinates). */
  sites: PlacedSite[];
  sortName: string;
  /** Days between a check and the next one due. */
  verificationCycleDays: number;
}

export const MAX_CYCLE_DAYS = 365;
const DEFAULT_CYCLE_DAYS = 90;

/** The sort key of a listing: its name in the first language of SORT_NAME_FALLBACK that has one. */
export function sortName(names: Localized): string {
  const name = SORT_NAME_FALLBACK.map((l) => names?.[l]).find(Boolean) ?? '';
  return normaliseText(name);
}

/**
 * A listing is checked as often as its most demanding type asks (hotlines every 30 days, others
 * 90), never less than once a year.
 */
export function verificationCycleDays(types: ReadonlyArray<Pick<ServiceTypeFacts, 'verificationCycleDays'>>): number {
  const shortest = types.length ? Math.min(...types.map((t) => t.verificationCycleDays)) : DEFAULT_CYCLE_DAYS;
  return Math.min(MAX_CYCLE_DAYS, Math.max(1, shortest));
}

/**
 * Every area a service is relevant to: the areas it serves and the areas of its sites. A
 * confidential site discloses only its governorate (the rule's public projection is
 * api/queries/confidential-location.ts), so it places its service no finer than that, and neither
 * a filter nor a search can narrow a shelter down to its district.
 */
function coverage(facts: ListingFacts): string[] {
  const paths = [
    ...facts.areaPaths,
    ...facts.locations.map((l) => (l.isConfidential ? governoratePath(l.areaPath) : l.areaPath)),
  ];
  return [...new Set(paths)].sort();
}

const texts = (localized: Localized): string[] => Object.values(localized ?? {}).filter((t): t is string => Boolean(t));

/**
 * The search document of a published service: its names and descriptions, its organisation's
 * names, the names and descriptions of its types and their parents (so "blackmail" or "ابتزاز"
 * find the services that help), and the names and aliases of the areas it covers with their
 * ancestors. Addresses are left out, so a confidential site cannot be found by its street.
 */
function searchRow(facts: ListingFacts, covered: string[]) {
  const types = new Map<string, { names: Localized; descriptions: Localized }>();
  for (const t of facts.types) {
    types.set(t.id, t);
    if (t.parent) types.set(t.parent.id, t.parent);
  }
  // An area path lists the area and all its ancestors: "/IQ/IQG15/IQG15Q05/".
  const pcodes = [...new Set(covered.flatMap(pathCodes))];
  return searchDocument([
    ...texts(facts.names),
    ...texts(facts.descriptions),
    ...texts(facts.organisationNames),
    ...[...types.values()].flatMap((t) => [...texts(t.names), ...texts(t.descriptions)]),
    ...pcodes.flatMap((pcode) => facts.areaNames(pcode)),
  ]);
}

const DAY_MS = 86_400_000;
const UNVERIFIED: VerificationFacts = {
  verificationStatus: 'unverified',
  lastVerifiedAt: null,
  nextVerificationDue: null,
};
/** Sorts below every character of a sort name, so "name, then id" sorts as one string. */
const NAME_END = '\u0001';

/**
 * The relevance order of a listing without a text query (api/domain/ranking.ts `sortKey`: hotlines
 * and official channels first, then fresh before overdue, stale, very stale and unverified, then by
 * name, then by id) as one string that sorts the same way, so an index can hold it. The first two
 * characters are the priority and the freshness rank, at `at`.
 */
export function rankKey(facts: { id: string; sortName: string; isPriority: boolean; freshnessRank: number }): string {
  return `${facts.isPriority ? 0 : 1}${facts.freshnessRank}${facts.sortName}${NAME_END}${facts.id}`;
}

/** Every priority channel's rank key sorts below this, every other service's at or above it. */
export const PRIORITY_RANKS_END = '1';

/** A relevance cursor's last key (api/domain/ranking.ts `sortKey`, without a text score) as a rank key. */
export function rankKeyOfSortKey(key: ReadonlyArray<number | string>): string {
  const [priority, freshnessRank, , name, id] = key;
  return `${priority}${freshnessRank}${name}${NAME_END}${id}`;
}

/** The relevance sort key (api/domain/ranking.ts `sortKey`) a rank key stands for. */
export function sortKeyOfRankKey(key: string): Array<number | string> {
  const end = key.lastIndexOf(NAME_END);
  return [Number(key[0]), Number(key[1]), 0, key.slice(2, end), key.slice(end + 1)];
}

/**
 * The name order (api/domain/ranking.ts `sortKey` 'name': the sort name, then the id) as one string
 * that sorts the same way.
 */
export function nameKey(facts: { id: string; sortName: string }): string {
  return `${facts.sortName}${NAME_END}${facts.id}`;
}

/** A name cursor's last key as a name key, and back. */
export const nameKeyOfSortKey = (key: ReadonlyArray<number | string>) => `${key[0]}${NAME_END}${key[1]}`;
export function sortKeyOfNameKey(key: string): Array<number | string> {
  const end = key.lastIndexOf(NAME_END);
  return [key.slice(0, end), key.slice(end + 1)];
}

/**
 * Milliseconds counted back from the last moment a Date can hold, so the latest check has the
 * smallest number; 16 digits hold every one of them, so they sort as strings.
 */
const LATEST_MS = 8_640_000_000_000_000;
const MS_DIGITS = 16;
/** The freshness order's first part for a listing never checked: after every checked one. */
const NEVER_CHECKED = Number.MAX_SAFE_INTEGER;

/**
 * The freshness order (api/domain/ranking.ts `sortKey` 'freshness': the latest check first, never
 * checked last, then the name, then the id) as one string that sorts the same way: "0" and the
 * moment counted back from LATEST_MS, or "1" for never checked, then the name key. The seed's
 * migration (0018) writes the same string in SQL for rows made before it.
 */
export function verifiedKey(facts: { id: string; sortName: string; lastVerifiedAt: string | null }): string {
  const ms = facts.lastVerifiedAt ? Date.parse(facts.lastVerifiedAt) : NaN;
  const when = Number.isFinite(ms) ? `0${String(LATEST_MS - Math.max(0, ms)).padStart(MS_DIGITS, '0')}` : '1';
  return `${when}${nameKey(facts)}`;
}

/** A freshness cursor's last key as a verified key, and back. */
export function verifiedKeyOfSortKey(key: ReadonlyArray<number | string>): string {
  const [first, name, id] = key;
  const when =
    first === NEVER_CHECKED ? '1' : `0${String(LATEST_MS + Math.min(0, Number(first))).padStart(MS_DIGITS, '0')}`;
  return `${when}${name}${NAME_END}${id}`;
}
export function sortKeyOfVerifiedKey(key: string): Array<number | string> {
  const checked = key[0] === '0';
  const first = checked ? -(LATEST_MS - Number(key.slice(1, 1 + MS_DIGITS))) : NEVER_CHECKED;
  return [first, ...sortKeyOfNameKey(key.slice(checked ? 1 + MS_DIGITS : 1))];
}

/** The same key with the freshness judged at another moment (the rest never changes with time). */
export function rerankAt(key: string, v: VerificationFacts, at: Date): string {
  return `${key[0]}${FRESHNESS_RANK[freshness(v, at)]}${key.slice(2)}`;
}

/**
 * The last moment at which a listing's freshness is still what it is at `at`: its next check's due
 * date, or 90 or 365 days after its last check, whichever comes first; null when it can no longer
 * change by time alone (unverified, or very stale already).
 */
export function freshnessUntil(v: VerificationFacts, at: Date): string | null {
  if (!v.lastVerifiedAt || v.verificationStatus === 'unverified') return null;
  const last = Date.parse(v.lastVerifiedAt);
  const due = v.verificationStatus === 'verified' && v.nextVerificationDue ? Date.parse(v.nextVerificationDue) : NaN;
  const moments = [due, last + STALE_AFTER_DAYS * DAY_MS, last + VERY_STALE_AFTER_DAYS * DAY_MS].filter(
    (t) => Number.isFinite(t) && t >= at.getTime(),
  );
  return moments.length ? new Date(Math.min(...moments)).toISOString() : null;
}

/** Every path on the way to `path`, itself included: "/IQ/IQG15/" → ["/IQ/", "/IQ/IQG15/"]. */
const selfAndAncestors = (path: string) => [...ancestorPaths(path), path];

/**
 * The listing_ranks rows of a published listing covering `covered`: an `at` row for each covered
 * path, an `in` row for each covered path and each of its ancestors. A row is counted unless a
 * covered path above it already lists the service everywhere this row does.
 */
function ranks(facts: ListingFacts, covered: string[], name: string, at: Date): ListingRank[] {
  if (facts.status !== 'published' || !facts.id || !facts.country) return [];
  const verification = facts.verification ?? UNVERIFIED;
  const key = rankKey({
    id: facts.id,
    sortName: name,
    isPriority: facts.types.some((t) => t.isPriorityChannel),
    freshnessRank: FRESHNESS_RANK[freshness(verification, at)],
  });
  const rankUntil = freshnessUntil(verification, at);
  const rankedAt = at.toISOString();
  const orders = {
    nameKey: nameKey({ id: facts.id, sortName: name }),
    verifiedKey: verifiedKey({ id: facts.id, sortName: name, lastVerifiedAt: verification.lastVerifiedAt }),
  };
  const coveredAbove = (path: string) => ancestorPaths(path).some((p) => covered.includes(p));
  const inside = [...new Set(covered.flatMap(selfAndAncestors))].sort();
  // The area rows once for the area, and once more for each of the service's types and each of
  // their parents, so a listing of a type (always asked with its sub-types) in an area walks that
  // type's rows alone, however rare the type is there: "police" is one range, not five.
  const families = [...new Set(facts.types.flatMap((t) => (t.parent ? [t.id, t.parent.id] : [t.id])))];
  const areaRows = (reach: 'at' | 'in', paths: string[]): ListingRank[] =>
    [reach, ...families.map((id) => `${reach}:${id}` as const)].flatMap((r) =>
      paths.map((areaPath) => ({
        areaPath,
        reach: r,
        rankKey: key,
        rankedAt,
        rankUntil,
        counted: !coveredAbove(areaPath),
        ...orders,
      })),
    );
  return [
    ...areaRows('at', covered),
    ...areaRows('in', inside),
    // Every published service of the country, so a listing without an area walks them too, and
    // the services of each type (its sub-types' too), so a listing of a type walks those alone; and
    // of each type those with a public site, so nearest first knows when none of a type can be
    // placed (shelters, whose sites are confidential) before it widens its rings to the whole earth.
    ...[
      'country',
      ...families.map((id) => `type:${id}`),
      ...(placedSites(facts).length ? families.map((id) => `placed:${id}`) : []),
    ].map((reach) => ({
      areaPath: `/${facts.country}/`,
      reach: reach as ListingRank['reach'],
      rankKey: key,
      rankedAt,
      rankUntil,
      counted: true,
      ...orders,
    })),
  ];
}

/**
 * The sites that may place a published listing on the map, by distance or in a box: never a
 * confidential one (the rule's public projection is api/queries/confidential-location.ts), never
 * one without coordinates, each site once.
 */
function placedSites(facts: ListingFacts): PlacedSite[] {
  if (facts.status !== 'published') return [];
  const sites = new Map<string, PlacedSite>();
  for (const l of facts.locations) {
    if (l.isConfidential || !l.id || typeof l.lat !== 'number' || typeof l.lon !== 'number') continue;
    sites.set(l.id, { cell: cellOf(l.lat, l.lon), locationId: l.id, lat: l.lat, lon: l.lon });
  }
  return [...sites.values()].sort((a, b) => (a.locationId < b.locationId ? -1 : 1));
}

/**
 * Everything derived from a listing's facts at the moment `at` (its rank's freshness); callers write
 * exactly this.
 */
export function deriveListing(facts: ListingFacts, at = new Date()): DerivedListing {
  const covered = coverage(facts);
  const name = sortName(facts.names);
  return {
    coverage: covered,
    ranks: ranks(facts, covered, name, at),
    openWeek: facts.status === 'published' ? openWeek(facts.hours ?? []) : null,
    search: facts.status === 'published' ? searchRow(facts, covered) : null,
    sites: placedSites(facts),
    sortName: name,
    verificationCycleDays: verificationCycleDays(facts.types),
  };
}
