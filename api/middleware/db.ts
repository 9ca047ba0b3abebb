import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { database } from '../../db/client.ts';
import type { AppEnv } from '../env.ts';

const READS = new Set(['GET', 'HEAD']);
const ADMIN_PATH = '/api/v1/admin';

/**
 * Where a maintainer's last write left the database (a D1 bookmark), so their next read, on any
 * replica, is at least that new. Given back on every admin response as a header (API token
 * clients send it back themselves) and, after a maintainer's write in the console, as a cookie
 * (`__Host-` prefixed, HttpOnly, like the session cookie). Only the admin API sets it; public
 * pages and the public API read it but never set a cookie.
 */
export const BOOKMARK_HEADER = 'X-D1-Bookmark';
export const BOOKMARK_COOKIE = 'masar_d1_bookmark';
/** Replication lag is seconds; an hour outlives it by far and leaves little behind on a shared device. */
const BOOKMARK_MAX_AGE_S = 3600;
/** D1 bookmarks are short opaque tokens of hex groups and dashes; anything else is ignored. */
const BOOKMARK_SHAPE = /^[0-9A-Za-z-]{1,128}$/;

export function maintainerBookmark(c: Context<AppEnv>): string | undefined {
  const sent = c.req.header(BOOKMARK_HEADER) ?? getCookie(c, BOOKMARK_COOKIE, 'host');
  return sent && BOOKMARK_SHAPE.test(sent) ? sent : undefined;
}

/**
 * The one db accessor: a drizzle client (db/client.ts) on the context for every handler, over a
 * D1 session (read replication, https://developers.cloudflare.com/d1/best-practices/read-replication/).
 *
 * - Public reads start at the nearest replica ('first-unconstrained'): a directory a few seconds
 *   behind is fine, a slow page on a poor connection is not. Within one request the session is
 *   sequentially consistent, so what the edge cache keys by (the directory version, read first)
 *   is never newer than the rows read after it.
 * - Everything else (writes, the admin API) starts at the primary ('first-primary') or, when the
 *   maintainer sends a bookmark, at least at that bookmark: they always read their own writes,
 *   on the admin API and on the public pages alike.
 *
 * Idempotent: the edge cache opens the session before routing, the routers' own use reuses it.
 */
export function sessionDatabase(c: Context<AppEnv>) {
  const existing = c.get('db');
  if (existing) return existing;
  const bookmark = maintainerBookmark(c);
  const publicRead = READS.has(c.req.method) && !c.req.path.startsWith(ADMIN_PATH);
  const session = c.env.DB.withSession(bookmark ?? (publicRead ? 'first-unconstrained' : 'first-primary'));
  c.set('dbSession', session);
  c.set('db', database(session));
  return c.get('db');
}

export const withDatabase = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    sessionDatabase(c);
    await next();
    if (c.req.path.startsWith(ADMIN_PATH)) passBookmark(c);
  });

/** After an admin request: the session's bookmark as a header, and as a cookie after a console write. */
function passBookmark(c: Context<AppEnv>) {
  const bookmark = c.get('dbSession')?.getBookmark();
  if (!bookmark) return;
  c.header(BOOKMARK_HEADER, bookmark);
  // Signing out leaves no bookmark behind on the device.
  const signingOut = c.req.method === 'DELETE' && c.req.path === `${ADMIN_PATH}/session`;
  const consoleWrite = !READS.has(c.req.method) && c.res.status < 400 && !c.req.header('Authorization') && !signingOut;
  if (signingOut) deleteCookie(c, BOOKMARK_COOKIE, { prefix: 'host', path: '/', secure: true });
  else if (consoleWrite || getCookie(c, BOOKMARK_COOKIE, 'host')) {
    setCookie(c, BOOKMARK_COOKIE, bookmark, {
      prefix: 'host',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
      maxAge: BOOKMARK_MAX_AGE_S,
    });
  }
}
