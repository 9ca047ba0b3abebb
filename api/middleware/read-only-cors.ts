/**
 * CORS for the read-only open-data feeds (HSDS, exports): any origin may read them from a browser,
 * with GET only. They set no cookie and read none, so nothing of a person's session can leak; the
 * maintainers' API never gets this header (it is mounted on those routers only).
 */
import type { MiddlewareHandler } from 'hono';

export function readOnlyCors(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, OPTIONS',
        'Access-Control-Allow-Headers': 'Accept, Accept-Language',
        'Access-Control-Max-Age': '86400',
      });
    }
    await next();
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Access-Control-Expose-Headers', 'Content-Language, Link');
    // Read from another origin by design; the app's default would be same-origin.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
  };
}
