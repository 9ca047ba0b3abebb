/**
 * The one way Masar reads and writes D1: a drizzle client over both schemas (the directory and
 * the maintainers' tables). Queries use drizzle's builder with the schema's columns, so the type
 * checker knows every column name and the schema decodes every row (JSON columns come back as
 * objects, never as text to parse by hand). Where SQL needs what the builder cannot say (FTS5
 * MATCH, id lists (db/id-list.ts), a pinned CROSS JOIN), a `sql` fragment names tables and columns by
 * interpolating the schema (`${services.id}`), never by typing their names.
 */
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as directory from './schema.ts';
import * as maintainers from './maintainer-schema.ts';

export const schema = { ...directory, ...maintainers };

export type Database = DrizzleD1Database<typeof schema>;

/**
 * A client for a D1 binding or a D1 session (a read-replica session has the prepare/batch surface
 * drizzle uses; its type just is not in drizzle's union).
 */
export function database(d1: D1Database | D1DatabaseSession): Database {
  return drizzle(d1 as D1Database, { schema });
}
