/**
 * The order of a service listing, and cursors that continue it.
 *
 * Every order ends with the service id, so keys are unique and a cursor (the last key served,
 * plus the moment the listing was evaluated at) continues the listing without repeating or
 * skipping an item, even when "open now" and freshness depend on the clock.
 */
import { FRESHNESS_RANK, type Freshness } from './freshness.ts';
import { latinSkeleton, nameKey, normaliseText } from './text-normalise.ts';

export const SORT_ORDERS = ['relevance', 'distance', 'name', 'freshness'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export type SortKey = Array<number | string>;

export interface RankingFacts {
  id: string;
  isPriority: boolean;
  freshness: Freshness;
  textScore: number | null;
  sortName: string;
  lastVerifiedAt: string | null;
  distanceKm: number | null;
}

const LAST = Number.MAX_SAFE_INTEGER;

export function sortKey(order: SortOrder, f: RankingFacts): SortKey {
  switch (order) {
    case 'relevance':
      // S12: hotlines and official reporting channels first; C2: stale below fresh; then the
      // best text match (bm25: lower is better), then by name.
      return [
        f.isPriority ? 0 : 1,
        FRESHNESS_RANK[f.freshness],
        f.textScore === null ? 0 : Math.round(f.textScore * 1e6),
        f.sortName,
        f.id,
      ];
    case 'distance':
      return [f.distanceKm === null ? LAST : Math.round(f.distanceKm * 1000), f.sortName, f.id];
    case 'name':
      return [f.sortName, f.id];
    case 'freshness':
      return [f.lastVerifiedAt ? -Date.parse(f.lastVerifiedAt) : LAST, f.sortName, f.id];
  }
}

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

export interface Cursor {
  sort: SortOrder;
  /** ISO instant the first page was evaluated at; later pages use the same moment. */
  at: string;
  after: SortKey;
  /**
   * How a text search reads its listing (api/queries/text-search.ts): from its few matches, walking
   * the area's listing order (`walk`), or walking its matches in the full-text index's order
   * (`index`: over the whole directory, or in an area whose services outnumber the matches; `after`
   * holds the last position read). Decided on the first page and kept, so every page continues the
   * same order. A box read whole (`box`: its own sites, a search's words probed on each) is read
   * again the same way.
   */
  text?: 'matches' | 'walk' | 'index' | 'box';
  /**
   * The query the cursor was made for (api/queries/listing-request.ts `listingKey`): a cursor goes on
   * only with the listing it came from, never with another area, box, search or filter. Cursors
   * given before they were tied have none, and are refused as made for another listing.
   */
  of?: string;
}

export function encodeCursor(cursor: Cursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify(cursor));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** The cursor, or null when it is not one we wrote. */
export function decodeCursor(token: string): Cursor | null {
  try {
    const binary = atob(token.replaceAll('-', '+').replaceAll('_', '/'));
    const value = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    const valid =
      value &&
      (SORT_ORDERS as readonly string[]).includes(value.sort) &&
      typeof value.at === 'string' &&
      !Number.isNaN(Date.parse(value.at)) &&
      Array.isArray(value.after) &&
      value.after.length > 0 &&
      value.after.every((part: unknown) => typeof part === 'string' || typeof part === 'number') &&
      (value.text === undefined || ['matches', 'walk', 'index', 'box'].includes(value.text)) &&
      (value.of === undefined || typeof value.of === 'string');
    return valid ? (value as Cursor) : null;
  } catch {
    return null;
  }
}

/**
 * How well a place's names answer a place search, best first. The place a person meant is the one
 * whose own name they typed, in any script or spelling we fold; then one whose other name (a
 * variant, historic or Kurdish name from the gazetteer) they typed; then one with a name that has
 * the typed word as one of its words ("Qar" for "Thi Qar"); then one whose name sounds the same in
 * Latin letters ("Qayara" for "Al-Qayarra"); then names that start with what was typed; and last
 * places that merely share a sound with a word ("Qar" of "Thi Qar" for "Qayyarah").
 */
export const PLACE_MATCH = {
  ownName: 0,
  otherName: 1,
  wholeWord: 2,
  sameSkeleton: 3,
  startsWith: 4,
  sharesWords: 5,
} as const;

export interface PlaceNames {
  level: number;
  pcode: string;
  names: Record<string, string | null | undefined>;
  aliases: readonly string[];
}

/** How well a place answers a query: its PLACE_MATCH tier, then how many letters its closest name
 * differs by (only within a tier reached by sound, where "Qayara" is nearer "Al Qayyarah" than
 * "Al Kuwayr", though all three sound alike). */
export function placeMatch(query: string, place: Omit<PlaceNames, 'level' | 'pcode'>): [number, number] {
  const key = nameKey(query);
  const skeleton = latinSkeleton(query);
  const own = Object.values(place.names).filter((n): n is string => Boolean(n));
  const all = [...own, ...place.aliases];
  if (key && own.some((n) => nameKey(n) === key)) return [PLACE_MATCH.ownName, 0];
  if (key && place.aliases.some((n) => nameKey(n) === key)) return [PLACE_MATCH.otherName, 0];
  if (key && all.some((n) => normaliseText(n).split(' ').map(nameKey).includes(key))) return [PLACE_MATCH.wholeWord, 0];
  const closest = (names: string[]) => Math.min(...names.map((n) => editDistance(nameKey(n), key)));
  const alike = skeleton ? all.filter((n) => latinSkeleton(n) === skeleton) : [];
  if (alike.length) return [PLACE_MATCH.sameSkeleton, closest(alike)];
  const starting = all.filter(
    (n) => (key && nameKey(n).startsWith(key)) || (skeleton.length >= 3 && latinSkeleton(n).startsWith(skeleton)),
  );
  if (starting.length) return [PLACE_MATCH.startsWith, closest(starting)];
  return [PLACE_MATCH.sharesWords, 0];
}

/** Levenshtein distance, for the few short names of one place. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** Places in the order a search shows them: best match, then larger areas first, then by P-code. */
export function rankPlaces<T extends PlaceNames>(query: string, places: readonly T[]): T[] {
  return places
    .map((place) => ({ place, key: [...placeMatch(query, place), place.level, place.pcode] as SortKey }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((r) => r.place);
}
