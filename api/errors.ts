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

/**
 * The extension members a problem may carry besides the standard ones (RFC 9457 §3.2), each
 * declared here once, with the answer that carries it. Clients read them by these names.
 */
export interface ProblemMembers {
  /** 400 and 422: the fields to fix. */
  errors?: InvalidParam[];
  /** 412, an edit based on an old version: the version now stored and the record as it is now. */
  current_version?: number;
  current?: Record<string, unknown>;
  /**
   * 409, a revert overtaken by a later change: the field, the value the revert would restore,
   * the value stored now and the later change (null when the record itself changed).
   */
  field?: string;
  revert_value?: unknown;
  current_value?: unknown;
  current_change?: Record<string, unknown> | null;
  /** 401 on signing in: the authenticator code is needed as well. */
  totp_required?: boolean;
  /** 400, an import sheet without a column we need: its header row, to map the columns from. */
  headers?: string[];
}

export interface Problem extends ProblemMembers {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
}

type ProblemInit = Omit<Problem, 'type'> & { type?: string };

const PROBLEM_TYPES = 'https://masar.example.org/problems/';

/**
 * Thrown anywhere in a handler; shaped by `onError`. Made only by the constructors below, so
 * every problem of one kind has one title and one set of members. `headers` go with the answer
 * (Retry-After on a 429).
 */
export class ProblemError extends HTTPException {
  constructor(
    readonly problem: ProblemInit,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.status as ContentfulStatusCode, { message: problem.title });
  }
}

/** 400: parameters or fields that cannot be used, each named in `errors`; `detail: null` says nothing more. */
export const invalid = (errors: InvalidParam[], detail: string | null = 'The request has invalid parameters.') =>
  new ProblemError(
    detail === null
      ? { status: 400, title: 'Invalid request', errors }
      : { status: 400, title: 'Invalid request', detail, errors },
  );

/** 400, an import sheet whose columns cannot be read without a mapping: the headers it has. */
export const unmappedSheet = (errors: InvalidParam[], headers: string[]) =>
  new ProblemError({ status: 400, title: 'Invalid request', detail: 'Send a mapping for the sheet.', errors, headers });

/** 400 for the fields of a maintainer's write. */
export const invalidFields = (errors: InvalidParam[]) => invalid(errors, 'The request has invalid fields.');

/** 401: not signed in, or an API token that is no longer good. */
export const unauthorized = (detail = 'Sign in first.') =>
  new ProblemError({ status: 401, title: 'Unauthorized', detail });

/** 401 on signing in, with one answer for any wrong part (see admin/auth/throttle.ts). */
export const signInFailed = (detail: string, members: Pick<ProblemMembers, 'totp_required'> = {}) =>
  new ProblemError({ status: 401, title: 'Sign-in failed', detail, ...members });

/** 403: outside the person's role or scope, or a request from another site. */
export const forbidden = (detail: string) => new ProblemError({ status: 403, title: 'Forbidden', detail });

export const notFound = (what: string, id: string) =>
  new ProblemError({ status: 404, title: 'Not found', detail: `No ${what} with id "${id}".` });

/** 404 for an address under /api/ that no route answers. */
export const nothingAt = (path: string) =>
  new ProblemError({ status: 404, title: 'Not found', detail: `Nothing at ${path}.` });

type RevertConflict = Required<Pick<ProblemMembers, 'field' | 'revert_value' | 'current_value' | 'current_change'>>;

/** 409: the request conflicts with what is stored; a revert overtaken by a later change says which. */
export const conflict = (detail: string, members?: RevertConflict) =>
  new ProblemError({ status: 409, title: 'Conflict', detail, ...members });

/** 410: an invitation link that is used up, expired or no longer backed by its sender. */
export const gone = (detail: string) => new ProblemError({ status: 410, title: 'Gone', detail });

/** 412: the edit was based on an older version; the answer carries the current one to reapply it to. */
export const staleVersion = (detail: string, currentVersion: number, current: Record<string, unknown>) =>
  new ProblemError({ status: 412, title: 'Precondition failed', detail, current_version: currentVersion, current });

/** 422: the request is well formed, but the listing is missing what publishing requires. */
export const notPublishable = (detail: string, errors: InvalidParam[]) =>
  new ProblemError({ status: 422, title: 'Not publishable', detail, errors });

/** 428: a write without If-Match. */
export const preconditionRequired = (detail: string) =>
  new ProblemError({ status: 428, title: 'Precondition required', detail });

/** 429, with Retry-After in seconds when the wait is known. */
export const tooManyRequests = (
  title: 'Too many requests' | 'Too many attempts',
  detail: string,
  retryAfterSeconds?: number,
) =>
  new ProblemError(
    { status: 429, title, detail },
    retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
  );

/** The answer for a problem: problem+json, its type derived from the title, its instance the path. */
export function problemResponse(c: Context, error: ProblemError) {
  const { problem } = error;
  const body: Problem = {
    type: problem.type ?? `${PROBLEM_TYPES}${slug(problem.title)}`,
    ...problem,
    instance: problem.instance ?? new URL(c.req.url).pathname,
  };
  return c.body(JSON.stringify(body), problem.status as ContentfulStatusCode, {
    ...error.headers,
    'Content-Type': 'application/problem+json; charset=utf-8',
  });
}

/** zod issues → invalid params, e.g. a bad `open_at` becomes { in: 'query', name: 'open_at' }. */
export function invalidParamsFromZod(error: ZodError, where: InvalidParam['in']): InvalidParam[] {
  return error.issues.flatMap((issue) =>
    // A strict schema's unknown keys: one problem entry per parameter, each named.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          in: where,
          name: [...issue.path, key].join('.'),
          reason: where === 'body' ? 'is not a field here' : 'is not a parameter here',
        }))
      : [{ in: where, name: issue.path.length ? issue.path.join('.') : '(root)', reason: issue.message }],
  );
}

/** The app's onError: known problems as they are; anything else is logged and answered 500. */
export function handleError(err: Error, c: Context) {
  if (err instanceof ProblemError) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    return problemResponse(c, new ProblemError({ status: err.status, title: err.message || 'Request failed' }));
  }
  console.error('unhandled error', err);
  return problemResponse(
    c,
    new ProblemError({ status: 500, title: 'Internal error', detail: 'Something went wrong on our side.' }),
  );
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
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
}
