/**
 * The order of a service listing, and cursors that continue it.
 *
 * Every order ends with the service id, so keys are unique and a cursor (the last key served,
 * plus the moment the listing was evaluated at) continues the listing without repeating or
 * skipping an item, even when "open now" and freshness depend on the clock.
 */
import { FRESHNESS_RANK, type Freshness } from './freshness.ts';

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
      value.after.every((part: unknown) => typeof part === 'string' || typeof part === 'number');
    return valid ? (value as Cursor) : null;
  } catch {
    return null;
  }
}
