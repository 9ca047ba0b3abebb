/**
 * The one way Masar reads and writes D1: a drizzle client over both schemas (the directory and
 * the maintainers' tables). Queries use drizzle's builder with the schema's columns, so the type
 * checker knows every column name and the schema decodes every row (JSON columns come back as
 * objects, never as text to parse by hand). Where SQL needs what the builder cannot say (FTS5
 * MATCH, id lists (db/id-list.ts), a pinned CROSS JOIN), a `sql` fragment names tables and columns by
 * interpolating the schema (`${services.id}`), never by typing their names.
 */
import {
  createTableRelationsHelpers,
  extractTablesRelationalConfig,
  type ExtractTablesWithRelations,
} from 'drizzle-orm';
import { DrizzleD1Database, SQLiteD1Session } from 'drizzle-orm/d1';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import * as directory from './schema.ts';
import * as maintainers from './maintainer-schema.ts';

export const schema = { ...directory, ...maintainers };

export type Database = DrizzleD1Database<typeof schema>;

type Tables = ExtractTablesWithRelations<typeof schema>;

/*
 * What `drizzle(d1, { schema })` works out from the schema on every call (each table's columns and
 * relations, walked over the whole schema) depends on the schema alone, and a request opens a new
 * D1 session, so it was worked out again for every request: a measurable part of a listing's CPU.
 * It is worked out once per isolate here, with the dialect (which keeps nothing of a request); only
 * the session over the request's D1 binding is new each time, exactly as `drizzle()` builds it.
 */
const dialect = new SQLiteAsyncDialect();
const relational = extractTablesRelationalConfig<Tables>(schema, createTableRelationsHelpers);
const relationalSchema = { fullSchema: schema, schema: relational.tables, tableNamesMap: relational.tableNamesMap };
/*
 * The client also builds a relational query builder (`db.query.<table>`) for every table, over its
 * session, on construction: again a part of every request's CPU, though the public reads use the
 * select builder alone. A client is made without them and builds them, over its own session, the
 * first time `db.query` is read.
 */
const withoutRelationalBuilders = { ...relationalSchema, schema: {} as typeof relationalSchema.schema };

/**
 * A client for a D1 binding or a D1 session (a read-replica session has the prepare/batch surface
 * drizzle uses; its type just is not in drizzle's union).
 */
export function database(d1: D1Database | D1DatabaseSession): Database {
  const client = d1 as D1Database;
  const session = new SQLiteD1Session(client, dialect, relationalSchema, {});
  const db = new DrizzleD1Database('async', dialect, session, withoutRelationalBuilders);
  let query: Database['query'] | undefined;
  Object.defineProperty(db, 'query', {
    get: () =>
      (query ??= new DrizzleD1Database('async', dialect, session, relationalSchema).query as Database['query']),
  });
  // As drizzle() leaves it: the client it was given, the schema it knows, and no query cache.
  return Object.assign(db, { $client: client, $cache: undefined, _: { ...db._, schema: relationalSchema.schema } });
}
