/**
 * A plan's statements (made by edit/write.ts, the same as an edit's) turned into rows that a few
 * set-based statements can apply: D1 takes at most 100 bound parameters and 100 KB of SQL per
 * statement and 1,000 queries per Worker invocation, so a 20,000-row sheet's 200,000 statements
 * cannot run one by one, nor in one batch. Each statement is read from the SQL drizzle makes for it
 * (`toSQL()`), so the staged rows hold exactly the values the statement would have written:
 *
 * - an insert → its whole row, in the table's column order (later updates of that row merged in);
 * - an update of one record by its key → the columns it sets, and how much it raises `version`;
 * - a delete of a record's link rows → the key whose rows go;
 * - a version guard → the version the record must still be at;
 * - a reordering's first step, a position column turned negative for every row of a parent (so no
 *   two rows share a place while each takes its new one) → the parent whose rows move out of the way.
 * Anything else is refused: a statement this module cannot stage must not be silently dropped.
 */
import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as maintainerSchema from '../../../db/maintainer-schema.ts';
import * as schema from '../../../db/schema.ts';
import type { Statement } from '../db.ts';

/**
 * A planned write this module cannot stage. The import answers it as a problem naming the file, and
 * writes nothing: a write left out would make the commit differ from the plan the dry run showed.
 */
export class UnstageableWrite extends Error {}

/** A value as D1 stores it. */
export type Stored = string | number | null;

/** Every table a plan may write, by its SQL name. */
export const TABLES: ReadonlyMap<string, SQLiteTable> = new Map(
  // Not the full-text table: its rows follow service_search_words by trigger (migration 0023).
  ([...Object.values(schema), ...Object.values(maintainerSchema)] as unknown[])
    .filter((t): t is SQLiteTable => is(t, SQLiteTable))
    .map((t) => [getTableName(t), t]),
);

export const tableNamed = (name: string): SQLiteTable => {
  const table = TABLES.get(name);
  if (!table) throw new UnstageableWrite(`import staging: unknown table ${name}`);
  return table;
};

/** A table's columns in drizzle's insert order, with their SQL names. */
export const columnsOf = (table: SQLiteTable): Array<[key: string, column: SQLiteColumn]> =>
  Object.entries(getTableColumns(table)) as Array<[string, SQLiteColumn]>;

/** The single-column primary key of a table, if it has one. */
export function keyColumn(table: SQLiteTable): SQLiteColumn | undefined {
  return columnsOf(table).find(([, c]) => c.primary)?.[1];
}

export interface StagedInsert {
  row: Record<string, Stored>;
  /** `ON CONFLICT DO NOTHING`: the row may already be stored (a listing's referral details). */
  orIgnore: boolean;
}

export interface StagedWrites {
  /** By table: inserted rows keyed by primary key (or by order, for tables without a single key). */
  inserts: Map<string, Map<string, StagedInsert>>;
  /** By table: the columns set on stored records, by key; `__bump` is how much `version` rises. */
  updates: Map<string, Map<string, Record<string, Stored>>>;
  /** By "table:column": the values whose rows are deleted (a record's link rows, replaced whole). */
  deletes: Map<string, Set<string>>;
  /** By "table:parent column:position column": the parents whose rows' positions turn negative first. */
  parks: Map<string, Set<string>>;
  /** By table: the version each stored record read at planning must still have. */
  expects: Map<string, Map<string, number>>;
  /** Tables in the order their writes first appeared (parents before children). */
  order: string[];
  /** Inserts staged so far: the key of a row of a table without a single key. */
  inserted: number;
  /**
   * By "table:column", built the first time a delete or park looks rows up by that column: the keys
   * of the inserted rows by their value there. A delete of one listing's rows then finds them at
   * once, instead of scanning every row inserted so far (which grew with the square of the rows).
   */
  insertedBy: Map<string, Map<string, Set<string>>>;
}

export const emptyWrites = (): StagedWrites => ({
  inserts: new Map(),
  updates: new Map(),
  deletes: new Map(),
  parks: new Map(),
  expects: new Map(),
  order: [],
  inserted: 0,
  insertedBy: new Map(),
});

/** The keys of the rows inserted into `table` so far by their `column` value, kept up to date from now on. */
function insertedByColumn(writes: StagedWrites, table: string, column: string): Map<string, Set<string>> {
  const name = `${table}:${column}`;
  let index = writes.insertedBy.get(name);
  if (!index) {
    index = new Map();
    for (const [id, { row }] of writes.inserts.get(table) ?? [])
      at(index, String(row[column]), () => new Set()).add(id);
    writes.insertedBy.set(name, index);
  }
  return index;
}

/** Keeps the indexes of `table` in step with a row inserted (`before` null) or changed. */
function reindex(
  writes: StagedWrites,
  table: string,
  id: string,
  before: Record<string, Stored> | null,
  after: Record<string, Stored> | null,
) {
  for (const [name, index] of writes.insertedBy) {
    if (!name.startsWith(`${table}:`)) continue;
    const column = name.slice(table.length + 1);
    if (before) index.get(String(before[column]))?.delete(id);
    if (after) at(index, String(after[column]), () => new Set()).add(id);
  }
}

const at = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
  if (!map.has(key)) map.set(key, make());
  return map.get(key)!;
};

/** SQL tokens of a comma-separated list, splitting only outside quotes and parentheses. */
function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

const NOW_DEFAULT = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

/** A value token of an insert: a parameter, null, a literal or the time of writing. */
function valueOf(token: string, params: unknown[], now: string): Stored {
  if (token === '?') return params.shift() as Stored;
  if (token === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  if (/^'([^']|'')*'$/.test(token)) return token.slice(1, -1).replaceAll("''", "'");
  if (token === NOW_DEFAULT) return now;
  throw new UnstageableWrite(`import staging: cannot stage the value ${token}`);
}

const INSERT = /^insert into "(\w+)" \(([^)]*)\) values \((.*)\)( on conflict do nothing)?$/s;
const UPDATE = /^update "(\w+)" set (.*) where "\w+"\."(\w+)" = \?$/s;
const DELETE = /^delete from "(\w+)" where "\w+"\."(\w+)" = \?$/s;
const PARK = /^update "(\w+)" set "(\w+)" = -"\w+"\."(\w+)" where "\w+"\."(\w+)" = \?$/s;
const GUARD =
  /^insert into "write_guards" \("ok"\) select count\(\*\) as "ok" from "(\w+)" where \("\w+"\."(\w+)" = \? and "\w+"\."version" = \?\)$/s;

/** Adds one statement of a plan to the staged writes; `now` is the time of the plan. */
export function stageStatement(writes: StagedWrites, statement: Statement, now: string) {
  const { sql, params: given } = (statement as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
  const params = [...given];
  const appear = (table: string) => {
    if (!writes.order.includes(table)) writes.order.push(table);
  };
  let m: RegExpExecArray | null;
  if ((m = GUARD.exec(sql))) {
    const [, table, key] = m;
    if (keyColumn(tableNamed(table!))?.name !== key)
      throw new UnstageableWrite(`import staging: guard on ${table}.${key}`);
    at(writes.expects, table!, () => new Map()).set(String(params[0]), Number(params[1]));
    return;
  }
  if ((m = INSERT.exec(sql))) {
    const [, table, columnList, valueList, ignore] = m;
    const names = splitList(columnList!).map((c) => c.replace(/^"|"$/g, ''));
    const values = splitList(valueList!).map((v) => valueOf(v, params, now));
    if (names.length !== values.length) throw new UnstageableWrite(`import staging: one row per insert (${table})`);
    const row = Object.fromEntries(names.map((n, i) => [n, values[i]!]));
    const key = keyColumn(tableNamed(table!));
    const rows = at(writes.inserts, table!, () => new Map());
    const id = key && row[key.name] !== null ? String(row[key.name]) : `#${writes.inserted}`;
    writes.inserted++;
    appear(table!);
    if (rows.has(id)) {
      if (ignore) return; // inserted earlier in this plan: "do nothing" is what the database would do
      throw new UnstageableWrite(`import staging: ${table} ${id} inserted twice`);
    }
    rows.set(id, { row, orIgnore: Boolean(ignore) });
    reindex(writes, table!, id, null, row);
    return;
  }
  if ((m = PARK.exec(sql)) && m[2] === m[3]) {
    const [, table, column, , parent] = m;
    const value = String(params[0]);
    // The commit parks stored rows before it inserts: a row this plan inserted earlier would escape it.
    if (insertedByColumn(writes, table!, parent!).get(value)?.size)
      throw new UnstageableWrite(`import staging: ${table} moved after an insert`);
    appear(table!);
    at(writes.parks, `${table}:${parent}:${column}`, () => new Set()).add(value);
    return;
  }
  if ((m = UPDATE.exec(sql))) {
    const [, table, setList, key] = m;
    if (keyColumn(tableNamed(table!))?.name !== key)
      throw new UnstageableWrite(`import staging: update of ${table} by ${key}`);
    const set: Record<string, Stored> = {};
    let bump = 0;
    for (const assignment of splitList(setList!)) {
      const [, column, value] = /^"(\w+)" = (.*)$/s.exec(assignment) ?? [];
      if (!column) throw new UnstageableWrite(`import staging: cannot read ${assignment}`);
      if (value === `"${table}"."${column}" + 1` && column === 'version') bump++;
      else set[column] = valueOf(value!, params, now);
    }
    const id = String(params.shift());
    appear(table!);
    const inserted = writes.inserts.get(table!)?.get(id);
    if (inserted && !inserted.orIgnore) {
      // A record inserted by this plan: its later changes go into the row it is inserted with.
      const before = { ...inserted.row };
      Object.assign(inserted.row, set);
      if (bump) inserted.row.version = Number(inserted.row.version) + bump;
      reindex(writes, table!, id, before, inserted.row);
      return;
    }
    const stagedSet = at(
      at(writes.updates, table!, () => new Map()),
      id,
      () => ({}),
    );
    Object.assign(stagedSet, set);
    if (bump) stagedSet.__bump = Number(stagedSet.__bump ?? 0) + bump;
    return;
  }
  if ((m = DELETE.exec(sql))) {
    const [, table, column] = m;
    appear(table!);
    const value = String(params[0]);
    // Rows this plan inserted before the delete go with it, as they would in the database (the
    // commit deletes stored rows first, then inserts what is staged).
    const rows = writes.inserts.get(table!);
    for (const id of [...(insertedByColumn(writes, table!, column!).get(value) ?? [])]) {
      reindex(writes, table!, id, rows!.get(id)!.row, null);
      rows!.delete(id);
    }
    at(writes.deletes, `${table}:${column}`, () => new Set()).add(value);
    return;
  }
  throw new UnstageableWrite(`import staging: cannot stage ${sql.slice(0, 120)}`);
}

/**
 * The tables in an order that inserts parents before their children (foreign keys are enforced):
 * each table after the tables it references, otherwise in the order the plan wrote them.
 */
export function parentsFirst(tables: string[]): string[] {
  const out: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (out.includes(name) || path.includes(name)) return;
    for (const fk of getTableConfig(tableNamed(name)).foreignKeys) {
      const parent = getTableName(fk.reference().foreignTable as unknown as Table);
      if (tables.includes(parent)) visit(parent, [...path, name]);
    }
    out.push(name);
  };
  for (const t of tables) visit(t, []);
  return out;
}
