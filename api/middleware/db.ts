import { drizzle } from 'drizzle-orm/d1';
import { createMiddleware } from 'hono/factory';
import * as schema from '../../db/schema.ts';
import type { AppEnv } from '../env.ts';

/** The one db accessor: a drizzle client on the context for every handler. */
export const withDatabase = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('db', drizzle(c.env.DB, { schema }));
    await next();
  });
