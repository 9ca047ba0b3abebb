/**
 * The one error envelope: RFC 9457 problem details (`application/problem+json`), with the
 * offending parameters listed in `errors` so a client can point at the field (P4).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

export interface InvalidParam {
  /** Where the bad value was: query parameter, path parameter, header or body field. */
  in: 'query' | 'path' | 'header' | 'body';
  /** The parameter or field name, dotted for nested body fields. */
  name: string;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: InvalidParam[];
}

const PROBLEM_TYPES = 'https://masar.example.org/problems/';

/** Thrown anywhere in a handler; shaped by `onError`. */
export class ProblemError extends HTTPException {
  constructor(readonly problem: Omit<Problem, 'type'> & { type?: string }) {
    super(problem.status as ContentfulStatusCode, { message: problem.title });
  }
}

export const notFound = (what: string, id: string) =>
  new ProblemError({ status: 404, title: 'Not found', detail: `No ${what} with id "${id}".` });

export const invalid = (errors: InvalidParam[], detail = 'The request has invalid parameters.') =>
  new ProblemError({ status: 400, title: 'Invalid request', detail, errors });

export function problemResponse(c: Context, problem: Omit<Problem, 'type'> & { type?: string }) {
  const body: Problem = {
    type: problem.type ?? `${PROBLEM_TYPES}${slug(problem.title)}`,
    ...problem,
    instance: problem.instance ?? new URL(c.req.url).pathname,
  };
  return c.body(JSON.stringify(body), problem.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json; charset=utf-8',
  });
}

/** zod issues → invalid params, e.g. a bad `open_at` becomes { in: 'query', name: 'open_at' }. */
export function invalidParamsFromZod(error: ZodError, where: InvalidParam['in']): InvalidParam[] {
  return error.issues.map((issue) => ({
    in: where,
    name: issue.path.length ? issue.path.join('.') : '(root)',
    reason: issue.message,
  }));
}

/** The app's onError: known problems as they are; anything else is logged and answered 500. */
export function handleError(err: Error, c: Context) {
  if (err instanceof ProblemError) return problemResponse(c, err.problem);
  if (err instanceof HTTPException) {
    return problemResponse(c, { status: err.status, title: err.message || 'Request failed' });
  }
  console.error('unhandled error', err);
  return problemResponse(c, { status: 500, title: 'Internal error', detail: 'Something went wrong on our side.' });
}

/** Machine clients live under /api/; everything else is a person's browser. */
export const isApiPath = (c: Context) => c.req.path.startsWith('/api/');

/** The status an error answers with: a known problem's own, anything else 500. */
export function statusOf(err: unknown): number {
  if (err instanceof ProblemError) return err.problem.status;
  if (err instanceof HTTPException) return err.status;
  return 500;
}

function slug(title: string) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '');
}
