import { createMiddleware } from 'hono/factory';
import { database } from '../../db/client.ts';
import type { AppEnv } from '../env.ts';

const READS = new Set(['GET', 'HEAD']);

/**
 * The one db accessor: a drizzle client (db/client.ts) on the context for every handler.
 *
 * Public reads go through a D1 session that may answer from the nearest read replica (P5): a
 * directory listing a few seconds stale is fine, a slow page on a poor connection is not.
 * Writes, and everything maintainers do, use the primary so they read what they just wrote.
 * https://developers.cloudflare.com/d1/best-practices/read-replication/
 */
export const withDatabase = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const publicRead = READS.has(c.req.method) && !c.req.path.startsWith('/api/v1/admin');
    c.set('db', database(publicRead ? c.env.DB.withSession('first-unconstrained') : c.env.DB));
    await next();
  });
