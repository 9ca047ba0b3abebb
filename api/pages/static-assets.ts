import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { notFoundPage } from './not-found.tsx';

/**
 * The built web app (web/dist) through the ASSETS binding. Every request reaches the Worker first
 * (wrangler.toml: run_worker_first = true) so that scripts and styles get the same security
 * headers as the pages, set in one place (app.ts and pages/index.ts), rather than in a second
 * `_headers` file that could drift.
 */
export async function staticAsset(c: Context<AppEnv>) {
  const response = await c.env.ASSETS.fetch(c.req.raw);
  // A missing file is answered like any unknown address: a page with the quick exit.
  if (response.status === 404) return notFoundPage(c);
  // A fetched response's headers are immutable; the middleware needs to add to them.
  return new Response(response.body, response);
}
