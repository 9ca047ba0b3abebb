/**
 * A plan's statements (made by edit/write.ts, the same as an edit's) turned into rows that a few
 * set-based statements can apply: D1 takes at most 100 bound parameters and 100 KB of SQL per
 * statement and 1,000 queries per Worker invocation, so a 20,000-row sheet's 200,000 statements
 * cannot run one by one, nor in one batch. Each statement is read from its builder's parts (the
 * table, the values with the column's driver mapping, the `eq(key, id)` it is filtered by), the way
 * `toSQL()` would render them; a shape that reading does not know is read from its SQL instead
 * (`readSql`, the slow way: rendering and parsing every statement was most of the time a 10,000-row
 * sheet took to stage). Either way the staged rows hold exactly the values the statement would have
 * written (test/admin/import-staged-reader.test.ts reads real plans both ways):
 *
 * - an insert → its whole row, in the table's column order (later updates of that row merged in);
 * - an update of one record by its key → the columns it sets, and how much it raises `version`;
 * - a delete of a record's link rows → the key whose rows go;
 * - a version guard → the version the record must still be at;
 * - a reordering's first step, a position column turned negative for every row of a parent (so no
 *   two rows share a place while each takes its new one) → the parent whose rows move out of the way.
 * Anything else is refused: a statement this module cannot stage must not be silently dropped.
 */
import { Column, getTableColumns, getTableName, is, Param, Placeholder, SQL, StringChunk, Table } from 'drizzle-orm';
import {
  getTableConfig,
  SQLiteDeleteBase,
  SQLiteInsertBase,
  SQLiteSelectBase,
  SQLiteTable,
  SQLiteUpdateBase,
  type SQLiteColumn,
} from 'drizzle-orm/sqlite-core';
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

const columnLists = new WeakMap<SQLiteTable, Array<[key: string, column: SQLiteColumn]>>();

/** A table's columns in drizzle's insert order, with their SQL names (once per table: staging asks per row). */
export function columnsOf(table: SQLiteTable): Array<[key: string, column: SQLiteColumn]> {
  let columns = columnLists.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table)) as Array<[string, SQLiteColumn]>;
    columnLists.set(table, columns);
  }
  return columns;
}

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

/** What one planned statement writes, as the staged writes take it. */
export type StagedOp =
  | { op: 'guard'; table: string; key: string; id: string; version: number }
  | { op: 'insert'; table: string; row: Record<string, Stored>; orIgnore: boolean }
  | { op: 'park'; table: string; column: string; parent: string; value: string }
  | { op: 'update'; table: string; key: string; id: string; set: Record<string, Stored>; bump: number }
  | { op: 'delete'; table: string; column: string; value: string };

/**
 * A statement read from the SQL drizzle makes for it (`toSQL()`): any statement of the shapes above,
 * however it was built. Rendering and parsing the SQL is slow (most of the time a large import took
 * to stage), so it is the fallback of `readBuilder`, and the reference a test compares it with.
 */
export function readSql(statement: Statement, now: string): StagedOp {
  const { sql, params: given } = (statement as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
  const params = [...given];
  let m: RegExpExecArray | null;
  if ((m = GUARD.exec(sql))) {
    const [, table, key] = m;
    return { op: 'guard', table: table!, key: key!, id: String(params[0]), version: Number(params[1]) };
  }
  if ((m = INSERT.exec(sql))) {
    const [, table, columnList, valueList, ignore] = m;
    const names = splitList(columnList!).map((c) => c.replace(/^"|"$/g, ''));
    const values = splitList(valueList!).map((v) => valueOf(v, params, now));
    if (names.length !== values.length) throw new UnstageableWrite(`import staging: one row per insert (${table})`);
    const row = Object.fromEntries(names.map((n, i) => [n, values[i]!]));
    return { op: 'insert', table: table!, row, orIgnore: Boolean(ignore) };
  }
  if ((m = PARK.exec(sql)) && m[2] === m[3])
    return { op: 'park', table: m[1]!, column: m[2]!, parent: m[4]!, value: String(params[0]) };
  if ((m = UPDATE.exec(sql))) {
    const [, table, setList, key] = m;
    const set: Record<string, Stored> = {};
    let bump = 0;
    for (const assignment of splitList(setList!)) {
      const [, column, value] = /^"(\w+)" = (.*)$/s.exec(assignment) ?? [];
      if (!column) throw new UnstageableWrite(`import staging: cannot read ${assignment}`);
      if (value === `"${table}"."${column}" + 1` && column === 'version') bump++;
      else set[column] = valueOf(value!, params, now);
    }
    return { op: 'update', table: table!, key: key!, id: String(params.shift()), set, bump };
  }
  if ((m = DELETE.exec(sql))) return { op: 'delete', table: m[1]!, column: m[2]!, value: String(params[0]) };
  throw new UnstageableWrite(`import staging: cannot stage ${sql.slice(0, 120)}`);
}

/** Not a shape `readBuilder` knows: the statement is read from its SQL instead. */
const UNKNOWN = Symbol('unknown');

const chunkText = (chunk: unknown): string | null => (is(chunk, StringChunk) ? chunk.value.join('') : null);

/** A value as `toSQL()` binds it: the column's driver value (JSON text, 0/1, …). */
function encoded(value: unknown, encoder: { mapToDriverValue(value: unknown): unknown }): Stored | typeof UNKNOWN {
  if (value === null) return null;
  if (is(value, Placeholder)) return UNKNOWN;
  const mapped = encoder.mapToDriverValue(value);
  return is(mapped, SQL) ? UNKNOWN : (mapped as Stored);
}

const paramValue = (chunk: unknown): Stored | typeof UNKNOWN =>
  is(chunk, Param) ? encoded(chunk.value, chunk.encoder as { mapToDriverValue(value: unknown): unknown }) : UNKNOWN;

/** SQL of plain text only (`null`, a literal default, the time of writing): the value it renders to. */
function literal(fragment: SQL, now: string): Stored | typeof UNKNOWN {
  const texts = fragment.queryChunks.map(chunkText);
  if (texts.some((t) => t === null)) return UNKNOWN;
  try {
    return valueOf(texts.join('').trim(), [], now);
  } catch (error) {
    if (error instanceof UnstageableWrite) return UNKNOWN;
    throw error;
  }
}

/** `eq(column, value)` of a column of `table`: its column and bound value. */
function equality(where: unknown, table: SQLiteTable): [SQLiteColumn, Stored] | typeof UNKNOWN {
  if (!is(where, SQL)) return UNKNOWN;
  const c = where.queryChunks;
  if (c.length !== 5 || chunkText(c[0]) !== '' || chunkText(c[2]) !== ' = ' || chunkText(c[4]) !== '') return UNKNOWN;
  if (!is(c[1], Column) || c[1].table !== table) return UNKNOWN;
  const value = paramValue(c[3]);
  return value === UNKNOWN ? UNKNOWN : [c[1] as SQLiteColumn, value];
}

/** `sql\`-${column}\``: a position turned negative (the first step of a reordering). */
function negated(value: unknown, table: SQLiteTable): SQLiteColumn | null {
  if (!is(value, SQL)) return null;
  const c = value.queryChunks;
  if (c.length !== 3 || chunkText(c[0]) !== '-' || chunkText(c[2]) !== '' || !is(c[1], Column)) return null;
  return c[1].table === table ? (c[1] as SQLiteColumn) : null;
}

/** `sql\`${version} + 1\`` of the table's own version column. */
function versionStep(value: unknown, table: SQLiteTable): boolean {
  if (!is(value, SQL)) return false;
  const c = value.queryChunks;
  return (
    c.length === 3 &&
    chunkText(c[0]) === '' &&
    chunkText(c[2]) === ' + 1' &&
    is(c[1], Column) &&
    c[1].table === table &&
    c[1].name === 'version'
  );
}

const emptyList = (list: unknown) => list === undefined || (Array.isArray(list) && list.length === 0);

/** The builder's own parts (drizzle keeps them as `config`), read the way `toSQL()` would render them. */
interface BuilderConfig {
  table: SQLiteTable;
  values?: unknown;
  select?: boolean;
  set?: Record<string, unknown>;
  where?: unknown;
  onConflict?: unknown[];
  returning?: unknown;
  withList?: unknown[];
  joins?: unknown[];
  from?: unknown;
  orderBy?: unknown[];
  limit?: unknown;
}

/** A version guard (db.ts `guard`): count(*) of the table's rows with this key and this version. */
function readGuard(config: BuilderConfig): StagedOp | typeof UNKNOWN {
  if (config.table !== maintainerSchema.writeGuards || !is(config.values, SQLiteSelectBase)) return UNKNOWN;
  const select = (config.values as unknown as { config: Record<string, unknown> }).config;
  const fields = select.fields as Record<string, unknown>;
  const ok = fields.ok;
  const table = select.table;
  if (Object.keys(fields).length !== 1 || !is(ok, SQL.Aliased) || ok.fieldAlias !== 'ok') return UNKNOWN;
  if (ok.sql.queryChunks.length !== 1 || chunkText(ok.sql.queryChunks[0]) !== 'count(*)') return UNKNOWN;
  if (!is(table, SQLiteTable) || !emptyList(select.joins) || !emptyList(select.withList)) return UNKNOWN;
  if (select.distinct || select.groupBy || select.having || select.limit !== undefined || select.offset !== undefined)
    return UNKNOWN;
  if (!emptyList(select.orderBy) || !emptyList(select.setOperators)) return UNKNOWN;
  const where = select.where;
  if (!is(where, SQL) || where.queryChunks.length !== 3) return UNKNOWN;
  const [open, both, close] = where.queryChunks;
  if (chunkText(open) !== '(' || chunkText(close) !== ')' || !is(both, SQL) || both.queryChunks.length !== 3)
    return UNKNOWN;
  const [byKey, and, byVersion] = both.queryChunks;
  if (chunkText(and) !== ' and ') return UNKNOWN;
  const key = equality(byKey, table);
  const version = equality(byVersion, table);
  if (key === UNKNOWN || version === UNKNOWN || version[0].name !== 'version') return UNKNOWN;
  return { op: 'guard', table: getTableName(table), key: key[0].name, id: String(key[1]), version: Number(version[1]) };
}

function readInsert(config: BuilderConfig, now: string): StagedOp | typeof UNKNOWN {
  if (config.select) return readGuard(config);
  const values = config.values;
  if (!Array.isArray(values) || values.length !== 1 || config.returning || !emptyList(config.withList)) return UNKNOWN;
  let orIgnore = false;
  if (config.onConflict?.length) {
    const [clause, ...more] = config.onConflict;
    if (more.length || !is(clause, SQL) || literalText(clause) !== ' on conflict do nothing') return UNKNOWN;
    orIgnore = true;
  }
  const given = values[0] as Record<string, unknown>;
  const row: Record<string, Stored> = {};
  for (const [key, column] of columnsOf(config.table)) {
    // Generated columns are never inserted (drizzle's `shouldDisableInsert`, not in its types).
    if ((column as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert()) continue;
    let value: Stored | typeof UNKNOWN;
    const v = given[key];
    if (v === undefined || (is(v, Param) && v.value === undefined)) {
      // The defaults drizzle writes for a column left out, as its insert does.
      if (column.default !== null && column.default !== undefined)
        value = is(column.default, SQL) ? literal(column.default, now) : encoded(column.default, column);
      else if (column.defaultFn !== undefined) {
        const made = column.defaultFn();
        value = is(made, SQL) ? literal(made, now) : encoded(made, column);
      } else if (column.onUpdateFn !== undefined) value = UNKNOWN;
      else value = null;
    } else if (is(v, Param)) value = paramValue(v);
    else if (is(v, SQL)) value = literal(v, now);
    else value = UNKNOWN;
    if (value === UNKNOWN) return UNKNOWN;
    row[column.name] = value;
  }
  return { op: 'insert', table: getTableName(config.table), row, orIgnore };
}

const literalText = (fragment: SQL): string | null => {
  const texts = fragment.queryChunks.map(chunkText);
  return texts.some((t) => t === null) ? null : texts.join('');
};

function readUpdate(config: BuilderConfig, now: string): StagedOp | typeof UNKNOWN {
  const { table, set } = config;
  if (!set || config.returning || config.from || config.limit !== undefined) return UNKNOWN;
  if (!emptyList(config.joins) || !emptyList(config.withList) || !emptyList(config.orderBy)) return UNKNOWN;
  const where = equality(config.where, table);
  if (where === UNKNOWN) return UNKNOWN;
  const columns = columnsOf(table);
  if (columns.some(([, c]) => c.onUpdateFn !== undefined)) return UNKNOWN;
  // In the table's column order, as drizzle writes the SET list.
  const assigned = columns.filter(([key]) => set[key] !== undefined);
  const name = getTableName(table);
  if (assigned.length === 1) {
    const [, column] = assigned[0]!;
    const moved = negated(set[assigned[0]![0]], table);
    if (moved) {
      if (moved.name !== column.name) return UNKNOWN;
      return { op: 'park', table: name, column: column.name, parent: where[0].name, value: String(where[1]) };
    }
  }
  const out: Record<string, Stored> = {};
  let bump = 0;
  for (const [key, column] of assigned) {
    const v = set[key];
    if (column.name === 'version' && versionStep(v, table)) {
      bump++;
      continue;
    }
    const value = is(v, Param) ? paramValue(v) : is(v, SQL) ? literal(v, now) : UNKNOWN;
    if (value === UNKNOWN) return UNKNOWN;
    out[column.name] = value;
  }
  return { op: 'update', table: name, key: where[0].name, id: String(where[1]), set: out, bump };
}

function readDelete(config: BuilderConfig): StagedOp | typeof UNKNOWN {
  if (config.returning || config.limit !== undefined || !emptyList(config.withList) || !emptyList(config.orderBy))
    return UNKNOWN;
  const where = equality(config.where, config.table);
  if (where === UNKNOWN) return UNKNOWN;
  return { op: 'delete', table: getTableName(config.table), column: where[0].name, value: String(where[1]) };
}

/**
 * A statement read from its builder's parts, without rendering its SQL: the columns and values it
 * would bind, mapped as drizzle maps them. Null for a shape it does not know; `readSql` reads those.
 */
export function readBuilder(statement: Statement, now: string): StagedOp | null {
  const config = (statement as unknown as { config?: BuilderConfig }).config;
  if (!config || !is(config.table, SQLiteTable)) return null;
  let op: StagedOp | typeof UNKNOWN = UNKNOWN;
  if (is(statement, SQLiteInsertBase)) op = readInsert(config, now);
  else if (is(statement, SQLiteUpdateBase)) op = readUpdate(config, now);
  else if (is(statement, SQLiteDeleteBase)) op = readDelete(config);
  return op === UNKNOWN ? null : op;
}

/** Adds one statement of a plan to the staged writes; `now` is the time of the plan. */
export function stageStatement(writes: StagedWrites, statement: Statement, now: string) {
  applyOp(writes, readBuilder(statement, now) ?? readSql(statement, now));
}

function applyOp(writes: StagedWrites, op: StagedOp) {
  const { table } = op;
  const appear = () => {
    if (!writes.order.includes(table)) writes.order.push(table);
  };
  switch (op.op) {
    case 'guard': {
      if (keyColumn(tableNamed(table))?.name !== op.key)
        throw new UnstageableWrite(`import staging: guard on ${table}.${op.key}`);
      at(writes.expects, table, () => new Map()).set(op.id, op.version);
      return;
    }
    case 'insert': {
      const { row, orIgnore } = op;
      const key = keyColumn(tableNamed(table));
      const rows = at(writes.inserts, table, () => new Map());
      const id = key && row[key.name] !== null ? String(row[key.name]) : `#${writes.inserted}`;
      writes.inserted++;
      appear();
      if (rows.has(id)) {
        if (orIgnore) return; // inserted earlier in this plan: "do nothing" is what the database would do
        throw new UnstageableWrite(`import staging: ${table} ${id} inserted twice`);
      }
      rows.set(id, { row, orIgnore });
      reindex(writes, table, id, null, row);
      return;
    }
    case 'park': {
      // The commit parks stored rows before it inserts: a row this plan inserted earlier would escape it.
      if (insertedByColumn(writes, table, op.parent).get(op.value)?.size)
        throw new UnstageableWrite(`import staging: ${table} moved after an insert`);
      appear();
      at(writes.parks, `${table}:${op.parent}:${op.column}`, () => new Set()).add(op.value);
      return;
    }
    case 'update': {
      if (keyColumn(tableNamed(table))?.name !== op.key)
        throw new UnstageableWrite(`import staging: update of ${table} by ${op.key}`);
      const { id, set, bump } = op;
      appear();
      const inserted = writes.inserts.get(table)?.get(id);
      if (inserted && !inserted.orIgnore) {
        // A record inserted by this plan: its later changes go into the row it is inserted with.
        const before = { ...inserted.row };
        Object.assign(inserted.row, set);
        if (bump) inserted.row.version = Number(inserted.row.version) + bump;
        reindex(writes, table, id, before, inserted.row);
        return;
      }
      const stagedSet = at(
        at(writes.updates, table, () => new Map()),
        id,
        () => ({}),
      );
      Object.assign(stagedSet, set);
      if (bump) stagedSet.__bump = Number(stagedSet.__bump ?? 0) + bump;
      return;
    }
    case 'delete': {
      appear();
      const { column, value } = op;
      // Rows this plan inserted before the delete go with it, as they would in the database (the
      // commit deletes stored rows first, then inserts what is staged).
      const rows = writes.inserts.get(table);
      for (const id of [...(insertedByColumn(writes, table, column).get(value) ?? [])]) {
        reindex(writes, table, id, rows!.get(id)!.row, null);
        rows!.delete(id);
      }
      at(writes.deletes, `${table}:${column}`, () => new Set()).add(value);
      return;
    }
  }
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
