/**
 * The one way a query takes a list of ids (service ids, P-codes, area paths): as ONE bound
 * parameter holding a JSON array, read back by SQLite's `json_each`. D1 allows at most 100 bound
 * parameters per statement (https://developers.cloudflare.com/d1/platform/limits/), so `IN (?, ?, …)`
 * with one parameter per id would fail on a long list; one JSON value never does, and the
 * statement's text stays the same whatever the list's length.
 */
import { sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';

/** The one parameter a list of ids is bound as: its JSON array. */
export const idsParameter = (ids: Iterable<string>): string => JSON.stringify([...ids]);

/** Lists that stand for a shaped statement's slot (db/shaped-query.ts), and the slot each stands for. */
const slots = new WeakMap<object, Placeholder>();

/**
 * A list of ids that a shaped statement binds per request: it takes the place of the ids when the
 * statement is built (non-empty, as the ids it stands for are), and its one parameter is the slot
 * `name`, bound with `idsParameter(ids)`. What it holds is only a marker, never read as ids.
 */
export function idsSlot(name: string): string[] {
  const ids = [`<slot ${name}>`];
  slots.set(ids, sql.placeholder(name));
  return ids;
}

const jsonIds = (ids: Iterable<string>) => sql`json_each(${slots.get(ids) ?? idsParameter(ids)})`;

/** For `${column} IN ${idList(ids)}`: the ids as a subquery. */
export const idList = (ids: Iterable<string>): SQL => sql`(SELECT value FROM ${jsonIds(ids)})`;

/** `column IN (the ids)`, for a builder's `.where(...)`. */
export const inIds = (column: SQLWrapper, ids: Iterable<string>): SQL => sql`${column} IN ${idList(ids)}`;

/**
 * The ids as a table named `page`, to drive a query (`.from(idPage(ids)).crossJoin(t)` with
 * `t.id = page.value`): the CROSS JOIN keeps the list first, so SQLite looks each id up by index
 * and reads only the rows asked for.
 */
export const idPage = (ids: Iterable<string>): SQL => sql`${jsonIds(ids)} page`;

/**
 * A long list in pieces for `inIds`: one JSON parameter per statement, each well under D1's
 * 2 MB value limit (2,000 UUIDs are about 80 kB), so a list of any length costs one statement
 * per piece. (A hundred-row sheet or a 20,000-row one both read in a handful of statements.)
 */
export function inChunks<T>(items: T[], size = 2000): T[][] {
  const pieces: T[][] = [];
  for (let i = 0; i < items.length; i += size) pieces.push(items.slice(i, i + size));
  return pieces;
}
