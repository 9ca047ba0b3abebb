/** What every admin handler shares: route definitions, If-Match, ETag, the acting person. */
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { invalid, preconditionRequired } from '../errors.ts';
import type { AdminEnv } from './env.ts';
import type { Actor, WriteContext } from './edit/write.ts';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: z.object({ title: z.string(), status: z.number() }).passthrough() } } });

const RESPONSES = {
  200: { description: 'OK' },
  400: problem('Invalid request (the offending fields are listed in `errors`)'),
  401: problem('Not signed in, or unknown/revoked API token'),
  403: problem('Outside your role or scope, or a failed CSRF check'),
  404: problem('Not found'),
  412: problem('Stale If-Match: the body has `current_version` and `current`'),
} as const;

type AdminRouteConfig = Omit<RouteConfig, 'responses' | 'tags'> & { tags?: string[] };

/** A documented admin route. Bodies are JSON; every response is JSON or problem+json. */
export function adminRoute<R extends AdminRouteConfig>(config: R) {
  return createRoute({ tags: ['Maintainers'], security: [{ session: [] }, { apiToken: [] }], ...config, responses: RESPONSES } as R & {
    responses: typeof RESPONSES;
  });
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export const IdParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });

/** The version an edit is based on, from `If-Match: "<version>"`; 428 without it (M4). */
export function ifMatch(c: Context): number {
  const header = c.req.header('If-Match');
  if (!header) {
    throw preconditionRequired('Send If-Match with the version (ETag) your edit is based on.');
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw invalid([{ in: 'header', name: 'If-Match', reason: 'must be the ETag of the version, e.g. "3"' }]);
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;

export function actorOf(c: Context<AdminEnv>): Actor {
  const p = c.get('principal');
  return { userId: p.userId, label: p.label };
}

export function writeContext(c: Context<AdminEnv>, reason: unknown): WriteContext {
  return { d1: c.env.DB, actor: actorOf(c), now: c.get('now'), reason: typeof reason === 'string' && reason ? reason : null };
}

export const Reason = z.string().trim().max(1000).optional().openapi({ description: 'Why: kept in the change log.' });
