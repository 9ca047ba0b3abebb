/**
 * The all-or-nothing commit of an import of any size up to MAX_IMPORT_ROWS, in two steps:
 *
 * 1. Stage: the plan's writes (staged-writes.ts) and its listings' derived rows (derived-after.ts)
 *    go into import_staged_rows, a private table no public read looks at, a few thousand rows per
 *    statement carried as ONE JSON parameter (≤ STAGE_BYTES, under D1's 2 MB value limit) and
 *    unpacked by `json_each`. A 20,000-row sheet takes a few dozen statements, far under D1's
 *    1,000 queries per Worker invocation.
 * 2. Commit: one D1 batch (one transaction) of a few statements per table written — guards first,
 *    then INSERT … SELECT and UPDATE … FROM over the staged rows — whatever the number of rows.
 *    Any failure rolls the whole batch back: the directory stays exactly as it was.
 *
 * See https://developers.cloudflare.com/d1/platform/limits/ for the limits named here.
 */
import { and, asc, eq, gt, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../../db/client.ts';
import { changeLog, importRuns, importStagedRows, writeGuards } from '../../../db/maintainer-schema.ts';
import { conflict, invalid, notFound } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import { guard, HOUR_MS, iso, isGuardFailure, type Statement } from '../db.ts';
import type { PlannedWrite, WriteContext } from '../edit/write.ts';
import { derivedAfter } from './derived-after.ts';
import type { KnownArea } from './places.ts';
import type { PlanLookups } from './plan.ts';
import {
  columnsOf,
  emptyWrites,
  keyColumn,
  parentsFirst,
  stageStatement,
  tableNamed,
  UnstageableWrite,
  type StagedWrites,
} from './staged-writes.ts';

/** Bytes of JSON per staging statement: half of D1's 2 MB limit on one value, for headroom. */
export const STAGE_BYTES = 1_000_000;
/** How long a staged run waits for its commit before the hourly job deletes it. */
export const RUN_LIFETIME_MS = HOUR_MS;

/** Milliseconds of the last staging's parts (for test/bench/import-stage.mjs). */
export const stagingTimes: Record<string, number> = {};

export interface StagedRun {
  run_id: string;
  plan_hash: string;
  staged_rows: number;
  /** Statements the staging took (each one JSON parameter under D1's 2 MB value limit). */
  staging_statements: number;
  expires_at: string;
}

/**
 * The records a plan reads or writes, by id: what it matched (`reads`), every record it guards or
 * updates. A later change logged for one of them (as the record, or as a record of that listing or
 * pathway) makes the plan stale.
 */
function touchedIds(writes: StagedWrites, reads: Iterable<string>): Set<string> {
  const ids = new Set<string>();
  for (const id of reads) if (id) ids.add(id);
  for (const records of [...writes.expects.values(), ...writes.updates.values()])
    for (const id of records.keys()) if (!id.startsWith('#')) ids.add(id);
  return ids;
}

/** The staged rows, in the order the commit reads them: [kind, key, row]. */
function stagedRowsOf(
  writes: StagedWrites,
  touched: Set<string>,
  lookups: PlanLookups | undefined,
): Array<[string, string | null, unknown]> {
  const out: Array<[string, string | null, unknown]> = [];
  for (const id of touched) out.push([TOUCHED, id, 0]);
  for (const [kind, keys] of Object.entries(LOOKUP))
    for (const key of new Set(lookups?.[kind as keyof PlanLookups] ?? [])) out.push([keys, key, 0]);
  for (const [table, versions] of writes.expects)
    for (const [id, version] of versions) out.push([`expect:${table}`, id, { version }]);
  for (const [target, values] of writes.parks) for (const value of values) out.push([`park:${target}`, value, 0]);
  for (const [target, values] of writes.deletes) for (const value of values) out.push([`delete:${target}`, value, 0]);
  for (const [table, rows] of writes.inserts) {
    const columns = columnsOf(tableNamed(table)).map(([, c]) => c.name);
    for (const [id, { row, orIgnore }] of rows)
      out.push([`${orIgnore ? 'insert-or-ignore' : 'insert'}:${table}`, id, columns.map((c) => row[c] ?? null)]);
  }
  for (const [table, rows] of writes.updates) for (const [id, set] of rows) out.push([`update:${table}`, id, set]);
  return out;
}

/** Bytes of `text` in UTF-8, counted without encoding it (staging measures every row). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A surrogate pair: two UTF-16 units, four bytes.
        bytes += 2;
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}

/**
 * A moment for pending I/O between long stretches of work. Through wrangler's platform proxy (the
 * command line), a keep-alive connection the other side closed while Node was busy is noticed only
 * when the event loop reads its sockets; a query sent first on it fails ("other side closed").
 */
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/** The last change-log id: a plan made before it is stale once a later change is logged. */
async function changeMark(db: Database): Promise<number> {
  const last = await db
    .select({ id: changeLog.id })
    .from(changeLog)
    .orderBy(sql`${changeLog.id} DESC`)
    .limit(1)
    .get();
  return last?.id ?? 0;
}

/**
 * Stages a checked plan for `p`: its writes and its listings' derived rows, in pieces. Returns the
 * run to commit. `mark` is the change-log id read before the plan was made.
 */
export async function stagePlan(
  ctx: WriteContext,
  p: Principal,
  plan: {
    planHash: string;
    counts: StagedRunCounts;
    writes: PlannedWrite[];
    reads?: Iterable<string>;
    lookups?: PlanLookups;
  },
  fileName: string,
  areas: KnownArea[],
  mark: number,
  progress?: (staged: number, total: number) => void,
): Promise<StagedRun> {
  const now = iso(ctx.now);
  const writes = emptyWrites();
  let entries: Array<[entry: string, bytes: number]>;
  let rows: ReturnType<typeof stagedRowsOf>;
  try {
    let t = performance.now();
    for (const w of plan.writes) for (const s of [...w.guards, ...w.writes]) stageStatement(writes, s, now);
    stagingTimes.writes = performance.now() - t;
    await pause();
    t = performance.now();
    const indexed = plan.writes.flatMap((w) => w.indexed);
    const derived = await derivedAfter(ctx.db, indexed, writes, areas, ctx.now);
    stagingTimes.derive = performance.now() - t;
    t = performance.now();
    for (const s of derived) stageStatement(writes, s, now);
    rows = stagedRowsOf(writes, touchedIds(writes, plan.reads ?? []), plan.lookups);
    // Every row is checked before the run is stored, so a refusal leaves nothing staged behind.
    entries = rows.map(([kind, key, row], seq) => {
      // The row as JSON text inside the entry, so json_extract hands it back as the text to store.
      const entry = JSON.stringify([kind, seq, key, JSON.stringify(row)]);
      const size = utf8Length(entry);
      if (size + 2 > STAGE_BYTES) throw new UnstageableWrite(`one row of ${kind} is ${size} bytes`);
      return [entry, size];
    });
    stagingTimes.rows = performance.now() - t;
    await pause();
  } catch (error) {
    if (!(error instanceof UnstageableWrite)) throw error;
    throw invalid(
      [{ in: 'body', name: 'file', reason: `plans a write the staged commit cannot carry (${error.message})` }],
      'This import cannot be committed: nothing was written.',
    );
  }

  const runId = crypto.randomUUID();
  const expiresAt = iso(new Date(ctx.now.getTime() + RUN_LIFETIME_MS));
  await ctx.db.insert(importRuns).values({
    id: runId,
    principalId: p.id,
    planHash: plan.planHash,
    fileName,
    counts: plan.counts,
    changeMark: mark,
    stagedRows: rows.length,
    createdAt: now,
    expiresAt,
  });
  const stored = performance.now();
  let statements = 0;
  let done = 0;
  let piece: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (!piece.length) return;
    const json = `[${piece.join(',')}]`;
    await ctx.db.insert(importStagedRows).select(
      sql`SELECT ${runId}, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
        json_extract(value, '$[3]') FROM json_each(${json})`,
    );
    statements++;
    done += piece.length;
    progress?.(done, rows.length);
    piece = [];
    bytes = 0;
  };
  for (const [entry, size] of entries) {
    if (bytes + size + 1 > STAGE_BYTES) await flush();
    piece.push(entry);
    bytes += size + 1;
  }
  await flush();
  stagingTimes.store = performance.now() - stored;
  await ctx.db.update(importRuns).set({ ready: true }).where(eq(importRuns.id, runId));
  return {
    run_id: runId,
    plan_hash: plan.planHash,
    staged_rows: rows.length,
    staging_statements: statements,
    expires_at: expiresAt,
  };
}

export type StagedRunCounts = { new: number; changed: number; unchanged: number; rejected: number };

/** A staged row's value at a JSON path (a fixed path: never a bound parameter). */
const field = (path: string): SQL => sql`json_extract(${importStagedRows.row}, ${sql.raw(`'${path}'`)})`;
const has = (path: string): SQL => sql`json_type(${importStagedRows.row}, ${sql.raw(`'${path}'`)}) IS NOT NULL`;

/** The staged rows of one kind of this run, for a commit statement to read. */
const ofKind = (runId: string, kind: string) => and(eq(importStagedRows.runId, runId), eq(importStagedRows.kind, kind));
const keysOf = (runId: string, kind: string): SQL =>
  sql`(SELECT ${importStagedRows.key} FROM ${importStagedRows} WHERE ${ofKind(runId, kind)})`;

const columnNamed = (table: SQLiteTable, name: string): SQLiteColumn => {
  const found = columnsOf(table).find(([, c]) => c.name === name);
  if (!found) throw new Error(`import staging: no column ${name}`);
  return found[1];
};

/** The kinds of staged rows a run holds, read once so the commit has one statement per kind. */
async function kindsOf(db: Database, runId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ kind: importStagedRows.kind })
    .from(importStagedRows)
    .where(eq(importStagedRows.runId, runId));
  return rows.map((r) => r.kind);
}

/** The kind of staged row that names a record the plan reads or writes (its key is the record's id). */
const TOUCHED = 'touched';

/**
 * The kinds of staged rows that name what planning looked rows up by (plan.ts PlanLookups): the
 * external ids, the organisation|type|P-code keys and the phone numbers of the planned rows.
 */
const LOOKUP = {
  externalIds: 'lookup:external_id',
  listingKeys: 'lookup:listing',
  phones: 'lookup:phone',
} as const satisfies Record<keyof PlanLookups, string>;

/**
 * Records among which planning matches a row (by id, external id, organisation + type + area,
 * phone) that could be the match, or the duplicate, the plan did not see as soon as one is created
 * or deleted anywhere since planning: organisations (a row names one), sites, pathways and steps.
 * Listings and routes are narrower (`couldMatch`).
 */
const MATCHED_ENTITIES = ['organisation', 'location', 'service_location', 'pathway', 'pathway_step'] as const;

/** The record a "*" change logged (created: the new record; deleted: the old one), as JSON. */
const loggedRecord = sql`coalesce(${changeLog.newValue}, ${changeLog.oldValue})`;

/**
 * A listing or route created or deleted since planning that could be a planned row's match or
 * duplicate: a listing with a row's external id, or of a row's organisation with its type and
 * P-code; a route with a row's phone number. Any other listing or route is no row's match.
 */
function couldMatch(runId: string): SQL {
  return or(
    and(
      eq(changeLog.entity, 'service'),
      or(
        sql`json_extract(${loggedRecord}, '$.external_id') IN ${keysOf(runId, LOOKUP.externalIds)}`,
        sql`EXISTS (SELECT 1 FROM json_each(${loggedRecord}, '$.type_ids') AS t,
            json_each(${loggedRecord}, '$.area_pcodes') AS a
          WHERE json_extract(${loggedRecord}, '$.organisation_id') || '|' || t.value || '|' || a.value
            IN ${keysOf(runId, LOOKUP.listingKeys)})`,
      ),
    ),
    and(
      eq(changeLog.entity, 'contact_route'),
      sql`json_extract(${loggedRecord}, '$.value') IN ${keysOf(runId, LOOKUP.phones)}`,
    ),
  )!;
}

/**
 * The changes since planning that make a plan stale: a change to a record the plan reads or writes
 * (or to any record of a listing or pathway it touches), a record created or deleted where planning
 * looks for matches (a listing or route only when it could be a planned row's match or duplicate),
 * and a change to what matching compares (an organisation's names, a route's number or kind, a
 * listing's types and areas). Other edits elsewhere in the directory do not change what the plan
 * would do, so they do not hold a commit back; the version guards check the rest.
 */
function staleChange(runId: string, mark: number): SQL {
  const touched = keysOf(runId, TOUCHED);
  return and(
    gt(changeLog.id, mark),
    or(
      sql`${changeLog.entityId} IN ${touched}`,
      sql`${changeLog.serviceId} IN ${touched}`,
      sql`${changeLog.pathwayId} IN ${touched}`,
      and(eq(changeLog.field, '*'), inArray(changeLog.entity, [...MATCHED_ENTITIES])),
      and(eq(changeLog.field, '*'), couldMatch(runId)),
      and(eq(changeLog.entity, 'organisation'), or(eq(changeLog.field, 'names'), like(changeLog.field, 'names.%'))),
      and(eq(changeLog.entity, 'contact_route'), inArray(changeLog.field, ['value', 'kind'])),
      and(eq(changeLog.entity, 'service'), inArray(changeLog.field, ['type_ids', 'area_pcodes'])),
    ),
  )!;
}

/** The commit's statements for a run's staged kinds: guards, then per table deletes, inserts, updates. */
function commitStatements(db: Database, run: { id: string; changeMark: number }, kinds: string[], now: string) {
  const statements: Statement[] = [
    // Only a completely staged, unexpired run commits, and only once (the batch deletes it).
    guard(db, importRuns, and(eq(importRuns.id, run.id), eq(importRuns.ready, true), gt(importRuns.expiresAt, now))),
    // Nothing the plan depends on changed since it was made (every change is logged).
    guard(db, changeLog, staleChange(run.id, run.changeMark), 'none'),
  ];
  const kindsOfTable = new Map<string, string[]>();
  for (const kind of kinds) {
    if (kind === TOUCHED || kind.startsWith('lookup:')) continue;
    const [op, table] = kind.split(':') as [string, string];
    if (op === 'expect') {
      const t = tableNamed(table);
      const key = keyColumn(t)!;
      const version = columnNamed(t, 'version');
      statements.push(
        db.insert(writeGuards).select(
          db
            .select({ ok: sql<number>`count(*) = 0`.as('ok') })
            .from(importStagedRows)
            .where(
              and(
                ofKind(run.id, kind),
                sql`NOT EXISTS (SELECT 1 FROM ${t} WHERE ${key} = ${importStagedRows.key}
                  AND ${version} = ${field('$.version')})`,
              ),
            ),
        ),
      );
      continue;
    }
    kindsOfTable.set(table, [...(kindsOfTable.get(table) ?? []), kind]);
  }
  for (const table of parentsFirst([...kindsOfTable.keys()])) {
    const t = tableNamed(table);
    const own = kindsOfTable.get(table)!;
    for (const kind of own.filter((k) => k.startsWith('park:'))) {
      // Out of the way of a reordering: the rows' places turn negative, then each update sets its own.
      const [, , parent, position] = kind.split(':') as [string, string, string, string];
      const column = columnNamed(t, position);
      statements.push(
        db
          .update(t)
          .set({ [columnsOf(t).find(([, c]) => c === column)![0]]: sql`-${column}` })
          .where(and(sql`${columnNamed(t, parent)} IN ${keysOf(run.id, kind)}`, gt(column, 0))),
      );
    }
    for (const kind of own.filter((k) => k.startsWith('delete:'))) {
      const column = columnNamed(t, kind.split(':')[2]!);
      statements.push(db.delete(t).where(sql`${column} IN ${keysOf(run.id, kind)}`));
    }
    for (const kind of own.filter((k) => k.startsWith('insert'))) {
      const fields = Object.fromEntries(columnsOf(t).map(([key], i) => [key, field(`$[${i}]`)]));
      const select = db
        .select(fields)
        .from(importStagedRows)
        .where(ofKind(run.id, kind))
        .orderBy(asc(importStagedRows.seq));
      const insert = db.insert(t).select(select as never);
      statements.push(kind.startsWith('insert-or-ignore:') ? insert.onConflictDoNothing() : insert);
    }
    const updates = own.find((k) => k.startsWith('update:'));
    if (updates) {
      const key = keyColumn(t)!;
      const set = Object.fromEntries(
        columnsOf(t)
          .filter(([, c]) => c !== key)
          .map(([k, c]) => {
            const path = `$.${c.name}`;
            const value = sql`CASE WHEN ${has(path)} THEN ${field(path)} ELSE ${c} END`;
            return [k, c.name === 'version' ? sql`${value} + coalesce(${field('$.__bump')}, 0)` : value];
          }),
      );
      statements.push(
        db
          .update(t)
          .set(set)
          .from(importStagedRows)
          .where(and(ofKind(run.id, updates), sql`${key} = ${importStagedRows.key}`)),
      );
    }
  }
  statements.push(
    db.delete(importStagedRows).where(eq(importStagedRows.runId, run.id)),
    db.delete(importRuns).where(eq(importRuns.id, run.id)),
  );
  return statements;
}

/** A run of `p`'s that is still waiting for its commit, or a 404. */
async function ownRun(db: Database, p: Principal, runId: string, now: string) {
  const run = await db.select().from(importRuns).where(eq(importRuns.id, runId)).get();
  if (!run || run.principalId !== p.id || run.expiresAt <= now || !run.ready) throw notFound('import run', runId);
  return run;
}

/** Applies a staged run in one batch; its numbers, or 409 when the directory changed since it was planned. */
export async function commitRun(ctx: WriteContext, p: Principal, runId: string) {
  const now = iso(ctx.now);
  const run = await ownRun(ctx.db, p, runId, now);
  const statements = commitStatements(ctx.db, run, await kindsOf(ctx.db, run.id), now);
  try {
    await ctx.db.batch(statements as [Statement, ...Statement[]]);
  } catch (error) {
    // Nothing of it was written; a run that failed once would fail again: it goes, and is staged anew.
    await deleteRuns(ctx.db, [run.id]);
    if (!isGuardFailure(error)) throw error;
    throw conflict(
      'The directory changed since this import was planned: nothing was written. Run the dry run again and review it.',
    );
  }
  return { run, statements: statements.length };
}

/** Deletes a run of `p`'s and its staged rows (nothing of it was written to the directory). */
export async function discardRun(db: Database, p: Principal, runId: string, now: Date) {
  await ownRun(db, p, runId, iso(now));
  await deleteRuns(db, [runId]);
}

async function deleteRuns(db: Database, ids: string[]) {
  for (const id of ids)
    await db.batch([
      db.delete(importStagedRows).where(eq(importStagedRows.runId, id)),
      db.delete(importRuns).where(eq(importRuns.id, id)),
    ]);
}

/** The hourly job: runs never committed within their lifetime go, with their staged rows. */
export async function deleteExpiredRuns(db: Database, now: Date): Promise<number> {
  const expired = await db
    .select({ id: importRuns.id })
    .from(importRuns)
    .where(lte(importRuns.expiresAt, iso(now)));
  await deleteRuns(
    db,
    expired.map((r) => r.id),
  );
  return expired.length;
}

export { changeMark };
