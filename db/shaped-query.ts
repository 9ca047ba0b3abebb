/**
 * Statements whose SQL is built once per shape and kept per isolate, then bound with each request's
 * values. drizzle builds a statement's SQL from its query builder on every request (walking every
 * fragment, with type checks at each), and for the hottest public reads that was a large part of
 * the Worker's own CPU, though their text changes only with their shape (how many ranges a walk
 * merges, which order), never with the values they read.
 *
 * A shaped statement is built the first time with placeholders (`slot`) where the request's values
 * go, and kept under a key that must name everything else its text depends on. Each request then
 * asks drizzle's session for a prepared statement of that text with its own values: the same text,
 * the same parameters in the same order, the same row decoding as the builder's, so the answer is
 * the builder's to the byte. It is a batch item and a promise like the builder it stands for.
 */
import { fillPlaceholders, sql, type Query } from 'drizzle-orm';
import type { Database } from './client.ts';

/** What drizzle's select builder hands its session to prepare (its internals, kept as they are). */
interface Shape {
  query: Query;
  fields: unknown;
  joinsNotNullableMap: unknown;
  queryMetadata: unknown;
}

interface PreparedQuery {
  getQuery(): Query;
  fields: unknown;
  joinsNotNullableMap: unknown;
  queryMetadata: unknown;
  all(): Promise<unknown>;
  get(): Promise<unknown>;
  values(): Promise<unknown>;
}

interface Session {
  prepareQuery(
    query: Query,
    fields: unknown,
    executeMethod: 'all',
    isResponseInArrayMode: boolean,
    customResultMapper: undefined,
    queryMetadata: unknown,
  ): PreparedQuery;
}

/**
 * The shapes are few (a walk merges one range per level of the area tree); the bound only keeps a
 * mistaken key that names a value from growing without end.
 */
const MAX_SHAPES = 256;
const shapes = new Map<string, Shape>();

/**
 * A value a shaped statement is bound with, named; typed as the value it stands for, so the
 * builder functions take it where they take the value. Only where the value becomes a bound
 * parameter (interpolated in `sql`, or compared with a column), never where code reads it.
 */
export const slot = <T>(name: string): T => sql.placeholder(name) as unknown as T;

class ShapedQuery {
  constructor(
    private readonly db: Database,
    private readonly shape: Shape,
    private readonly bound: Record<string, unknown>,
  ) {}

  /** As the select builder's own: what drizzle's batch and the methods below run. */
  _prepare(): PreparedQuery {
    const session = (this.db as unknown as { session: Session }).session;
    const { query, fields, joinsNotNullableMap, queryMetadata } = this.shape;
    const filled = { sql: query.sql, params: fillPlaceholders(query.params, this.bound) };
    const prepared = session.prepareQuery(filled, fields, 'all', true, undefined, queryMetadata);
    prepared.joinsNotNullableMap = joinsNotNullableMap;
    return prepared;
  }

  toSQL(): Query {
    return { sql: this.shape.query.sql, params: fillPlaceholders(this.shape.query.params, this.bound) };
  }

  all = () => this._prepare().all();
  get = () => this._prepare().get();
  values = () => this._prepare().values();

  then<A, B>(onFulfilled?: (value: unknown) => A, onRejected?: (reason: unknown) => B) {
    return this.all().then(onFulfilled, onRejected);
  }

  catch<B>(onRejected?: (reason: unknown) => B) {
    return this.all().catch(onRejected);
  }

  finally(onFinally?: () => void) {
    return this.all().finally(onFinally);
  }
}

/**
 * The statement `build` makes, its SQL built once per `key` (every request after the first binds
 * `values` to the kept text). `build` must use `slot(name)` for each value in `values`, and `key`
 * must name everything else its text depends on.
 */
export function shaped<B>(db: Database, key: string, build: () => B, values: Record<string, unknown>): B {
  let shape = shapes.get(key);
  if (!shape) {
    const prepared = (build() as unknown as { _prepare(): PreparedQuery })._prepare();
    const { fields, joinsNotNullableMap, queryMetadata } = prepared;
    shape = { query: prepared.getQuery(), fields, joinsNotNullableMap, queryMetadata };
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(key, shape);
  }
  return new ShapedQuery(db, shape, values) as unknown as B;
}
