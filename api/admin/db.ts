/** Thin helpers over the raw D1 binding for the admin side: statements are batched, so raw SQL. */
import type { Database } from '../../db/client.ts';
import { ProblemError } from '../errors.ts';

export type Row = Record<string, unknown>;

export async function first<T = Row>(d1: D1Database, query: string, ...params: unknown[]): Promise<T | null> {
  return d1.prepare(query).bind(...params).first<T>();
}

export async function all<T = Row>(d1: D1Database, query: string, ...params: unknown[]): Promise<T[]> {
  return (await d1.prepare(query).bind(...params).all<T>()).results;
}

export const GUARD_FAILED = 'masar_write_guard';

/**
 * Runs statements as one D1 batch (one transaction). A failed write guard (see
 * db/maintainer-schema.ts `writeGuards`) becomes `onGuard()`'s problem, typically a 412.
 */
export async function runBatch(d1: D1Database, statements: D1PreparedStatement[], onGuard: () => Promise<ProblemError> | ProblemError) {
  try {
    return statements.length ? await d1.batch(statements) : [];
  } catch (error) {
    if (String((error as Error)?.message ?? error).includes(GUARD_FAILED)) throw await onGuard();
    throw error;
  }
}

/** A guard statement: the batch goes on only if `countQuery` (a SELECT count(*) …) is not 0. */
export function guard(d1: D1Database, countQuery: string, ...params: unknown[]): D1PreparedStatement {
  return d1.prepare(`INSERT INTO write_guards (ok) ${countQuery}`).bind(...params);
}

export const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
export const iso = (d: Date) => d.toISOString();
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/**
 * The D1 binding under a drizzle client, for the few calls that still take the binding
 * (principal.ts `areaPathsOf`, the write path's `WriteContext`); it goes when they take `db`.
 */
export const bindingOf = (db: Database): D1Database => (db as Database & { $client: D1Database }).$client;
