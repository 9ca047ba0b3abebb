/**
 * The edge copy of public reads (Workers Cache API, `caches.default`: one cache per Cloudflare
 * data centre, never the person's browser).
 *
 * - What: GET of the survivor pages (`/`, `/a/…`, `/s/…`, `/p/…`, `/privacy`, `/about`, `/guide`)
 *   and of the public API under /api/v1, except the admin API, the exports (long streams) and
 *   `format=ndjson`. Never a request that carries a maintainer's session, bookmark or an
 *   `Authorization` header: those read their own writes through their own D1 session.
 * - Key: the path, every query parameter sorted (unknown ones too, so a request the API refuses is
 *   never answered by another's copy), the language the answer is written in (after `?lang=` and
 *   Accept-Language), the directory version, the site's configuration, and, for everything that
 *   says "open now", "closes at" or how long ago a listing was checked, the current UTC minute.
 * - Stale: never after an edit. Every write to a public table bumps the directory version in the
 *   same statement (database triggers, migration 0011), and the version is in the key, so the first
 *   read after an edit misses and renders afresh. Reading the version is one query of one row per
 *   request, hit or miss; on a miss it is the first query of the request's D1 session, so the rows
 *   read after it are at least as new as the key says.
 * - The browser: still `Cache-Control: no-store` on every answer, hit or miss. Only the copy handed
 *   to `cache.put` carries `s-maxage` for the edge.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { readDirectoryVersion } from '../queries/directory-version.ts';
import { BOOKMARK_COOKIE, BOOKMARK_HEADER, sessionDatabase } from './db.ts';
import { likelyCountries } from '../domain/likely-country.ts';
import { languageOf } from './language.ts';

/**
 * Answers that depend on the clock (open now, next change, freshness) are keyed by the minute and
 * kept no longer: hours change on the minute, so a copy is exactly as right as a fresh render
 * made within the same minute.
 */
export const EDGE_TTL_TIMED_S = 60;
/** Answers that do not depend on the clock (areas, taxonomy, boundaries): the version alone keys them. */
export const EDGE_TTL_TIMELESS_S = 3600;

const TIMELESS = [
  /^\/api\/v1\/(service-types|concerns|attribution|openapi\.json)\/?$/,
  // Not the offline pack: its expiry is counted from the moment it is asked for.
  /^\/api\/v1\/areas(?!\/[^/]+\/offline-pack)(\/.*)?$/,
  /^\/api\/v1\/map\/boundaries\/?$/,
  /^\/api\/v1\/hsds\/(taxonomies|taxonomy_terms)(\/.*)?$/,
  /^\/api\/v1\/hsds\/(profile\/?)?$/,
];
const NOT_CACHED_API = /^\/api\/v1\/(admin|exports|problem-reports)(\/|$)/;
const PAGES = /^\/($|(a|s|p)\/[^/]+$|(privacy|about|guide)$)/;
const MAINTAINER_COOKIES = new RegExp(`(^|;\\s*)__Host-(masar_session|${BOOKMARK_COOKIE})=`);

export type EdgeCacheState = 'hit' | 'miss';
/** Says whether an answer came from the edge copy; for operators and tests, no personal data. */
export const EDGE_CACHE_HEADER = 'X-Edge-Cache';

function cacheable(c: Context<AppEnv>): boolean {
  if (c.req.method !== 'GET' || c.env.EDGE_CACHE === 'off') return false;
  if (c.req.header('Authorization') || c.req.header(BOOKMARK_HEADER)) return false;
  if (MAINTAINER_COOKIES.test(c.req.header('Cookie') ?? '')) return false;
  const path = c.req.path;
  if (path.startsWith('/api/v1/')) return !NOT_CACHED_API.test(path) && c.req.query('format') !== 'ndjson';
  return PAGES.test(path);
}

/**
 * The configuration an answer shows (site name, quick exit, basemap, the listings' licence), folded
 * into the key: a copy outlives a deployment, and must not go on saying what a setting no longer says.
 */
function configurationKey(c: Context<AppEnv>): string {
  const settings = [c.env.SITE_NAME, c.env.QUICK_EXIT_URL, c.env.MAP_BASEMAP_STYLE ?? '', c.env.DATA_LICENCE ?? ''];
  const text = settings.join('\n');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

/** The cache key of a cacheable request and how long the edge keeps its answer. */
export function edgeCacheKey(
  c: Context<AppEnv>,
  directory: { version: number; stamp: string },
  now = Date.now(),
): { key: Request; ttl: number } {
  const url = new URL(c.req.url);
  // `lang` stays as sent (links an answer gives, such as HSDS's next page, repeat it), and the
  // language resolved from it or from Accept-Language is added.
  const params = new URLSearchParams(url.search);
  params.sort();
  const timeless = TIMELESS.some((pattern) => pattern.test(url.pathname));
  params.append('~lang', languageOf(c));
  params.append('~v', `${directory.version}.${directory.stamp}`);
  params.append('~cfg', configurationKey(c));
  // The start page puts the reader's likely country first, read from their language list.
  if (url.pathname === '/') params.append('~first', likelyCountries(languageOf(c), c.req.header('Accept-Language'))[0]);
  if (!timeless) params.append('~minute', String(Math.floor(now / 60_000)));
  return {
    key: new Request(`${url.origin}${url.pathname}?${params}`, { method: 'GET' }),
    ttl: timeless ? EDGE_TTL_TIMELESS_S : EDGE_TTL_TIMED_S,
  };
}

function later(c: Context<AppEnv>, work: Promise<unknown>) {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (a direct app.fetch in a test): nothing waits; the put still runs.
  }
}

export const edgeCache = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!cacheable(c)) return next();
    const directory = await readDirectoryVersion(sessionDatabase(c));
    c.set('directory', directory);
    const { key, ttl } = edgeCacheKey(c, directory);
    const cache = caches.default;
    const cached = await cache.match(key);
    if (cached) {
      const hit = new Response(cached.body, cached);
      // The edge's own lifetime stays at the edge: the browser keeps nothing.
      hit.headers.set('Cache-Control', 'no-store');
      hit.headers.delete('Age');
      hit.headers.delete('Expires');
      hit.headers.set(EDGE_CACHE_HEADER, 'hit' satisfies EdgeCacheState);
      return hit;
    }
    await next();
    c.header(EDGE_CACHE_HEADER, 'miss' satisfies EdgeCacheState);
    const response = c.res;
    // Only whole, successful, cookie-free answers are shared (public answers never set one anyway).
    if (response.status !== 200 || response.headers.has('Set-Cookie')) return;
    const copy = new Response(response.clone().body, response);
    copy.headers.set('Cache-Control', `public, max-age=${ttl}, s-maxage=${ttl}`);
    later(c, cache.put(key, copy));
  });
