/** What every admin handler shares: route definitions, If-Match, ETag, the acting person. */
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { invalid, preconditionRequired } from '../errors.ts';
import { Problem } from '../schemas/common.ts';
import type { AdminEnv } from './env.ts';
import type { Actor, WriteContext } from './edit/write.ts';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** The problems every admin route may answer with; the body is the one Problem schema of the API. */
const PROBLEMS = {
  400: problem('Invalid request (the offending fields are listed in `errors`)'),
  401: problem('Not signed in, or unknown/revoked API token'),
  403: problem('Outside your role or scope, or a failed CSRF check'),
  404: problem('Not found'),
  409: problem('The request conflicts with the current state (e.g. a duplicate)'),
  412: problem('Stale If-Match: the body has `current_version` and `current`'),
  428: problem('If-Match is required for this edit'),
  429: problem('Too many requests: wait `retry_after` seconds'),
} as const;

type Json<S extends z.ZodType, D extends string> = { description: D; content: { 'application/json': { schema: S } } };
const json = <S extends z.ZodType, D extends string>(schema: S, description: D): Json<S, D> => ({
  description,
  content: { 'application/json': { schema } },
});

/**
 * The success answers of an admin route, declared here and checked against each handler by the
 * type checker: `ok` is the body of a 200, `created` of a 201, `accepted` of a 202 (an editor's
 * change saved as a draft that waits for a coordinator), `noContent` a 204 with no body.
 */
interface SuccessConfig {
  ok?: z.ZodType;
  created?: z.ZodType;
  accepted?: z.ZodType;
  noContent?: true;
}
type AdminRouteConfig = Omit<RouteConfig, 'responses' | 'tags'> & { tags?: string[] } & SuccessConfig;
type SuccessResponses<R> = (R extends { ok: infer O extends z.ZodType } ? { 200: Json<O, 'OK'> } : {}) &
  (R extends { created: infer C extends z.ZodType } ? { 201: Json<C, 'Created'> } : {}) &
  (R extends { accepted: infer A extends z.ZodType } ? { 202: Json<A, 'Accepted'> } : {}) &
  (R extends { noContent: true } ? { 204: { description: 'No content' } } : {}) &
  (R extends { ok: z.ZodType } | { created: z.ZodType } | { accepted: z.ZodType } | { noContent: true }
    ? {}
    : { 200: { description: 'OK' } });

/**
 * A documented admin route. Bodies are JSON; every response is JSON or problem+json. The problems
 * are in the document but not in the handler's type: handlers throw them (errors.ts), never return.
 */
export function adminRoute<R extends AdminRouteConfig>(config: R) {
  const { ok, created, accepted, noContent, ...route } = config;
  const success = {
    ...(ok ? { 200: json(ok, 'OK') } : {}),
    ...(created ? { 201: json(created, 'Created') } : {}),
    ...(accepted ? { 202: json(accepted, 'Accepted') } : {}),
    ...(noContent ? { 204: { description: 'No content' } } : {}),
    ...(ok || created || accepted || noContent ? {} : { 200: { description: 'OK' } }),
  };
  return createRoute({
    tags: ['Maintainers'],
    security: [{ session: [] }, { apiToken: [] }],
    ...route,
    responses: { ...success, ...PROBLEMS },
  } as unknown as Omit<R, keyof SuccessConfig> & { responses: SuccessResponses<R> });
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

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
  return {
    db: c.get('db'),
    actor: actorOf(c),
    now: c.get('now'),
    reason: typeof reason === 'string' && reason ? reason : null,
  };
}

export const Reason = z.string().trim().max(1000).optional().openapi({ description: 'Why: kept in the change log.' });
