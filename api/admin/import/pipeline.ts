/**
 * The import, start to end: read the sheet → map its columns → validate every row → match to the
 * directory and plan → (commit) stage the planned writes and apply them in one D1 batch
 * (staging.ts). The plan's hash lets a commit prove it is exactly what the dry run showed.
 */
import { areas, serviceTypes } from '../../../db/schema.ts';
import { conflict, invalid, unmappedSheet } from '../../errors.ts';
import type { Principal } from '../auth/principal.ts';
import type { WriteContext } from '../edit/write.ts';
import { mapColumns, type ImportField } from './columns.ts';
import type { KnownArea } from './places.ts';
import { planPackage, readPackage, UnreadablePackage } from './hsds-package.ts';
import { readTabularPackage } from './hsds-tabular-package.ts';
import { pathwaysInFile, planPathways } from './hsds-pathways.ts';
import { pathwaysInSheet } from './pathway-sheet.ts';
import { planImport, type PlanLookups, type RowOutcome } from './plan.ts';
import { validateRow, type ImportedListing, type Lookups } from './rows.ts';
import { readSheet, UnreadableSheet, type ImportFormat } from './sheet.ts';
import { changeMark, commitRun, stagePlan } from './staging.ts';

/**
 * At most this many data rows and bytes per file. A commit stages its writes and applies them with
 * a few set-based statements (staging.ts), so its size is not bound by D1's per-statement limits.
 */
export const MAX_IMPORT_ROWS = 20_000;
/**
 * At most this many rows per file through the API (`POST /imports`, `/imports/runs`): planning is
 * done in one request, within one Worker's CPU time. The command line (db/import.mjs) plans up to
 * MAX_IMPORT_ROWS, so a larger sheet is imported with `npm run import -- FILE --remote`.
 */
export const MAX_API_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/**
 * A commit in the same request as its planning (`POST /imports` with dry_run=false) takes at most
 * this many rows; larger sheets are staged and committed in requests of their own (`/imports/runs`),
 * so no one request plans, derives and writes 20,000 listings within one Worker's CPU time.
 */
export const MAX_DIRECT_COMMIT_ROWS = 2000;

export interface ImportRequest {
  bytes: ArrayBuffer;
  format: ImportFormat;
  fileName: string;
  mapping: Record<string, ImportField>;
  /** The row limit; only the benchmark plans a larger sheet, to measure where the limit stands. */
  maxRows?: number;
  /** What to do instead when the file is over the limit (the API points to the command line). */
  overLimit?: (fileName: string, noun: string) => string;
}

const fileProblem = (reason: string) => invalid([{ in: 'body', name: 'file', reason }]);

export async function lookups(ctx: WriteContext): Promise<Lookups> {
  const [areaRows, types] = await Promise.all([
    ctx.db
      .select({
        pcode: areas.pcode,
        country: areas.country,
        level: areas.level,
        path: areas.path,
        names: areas.names,
        aliases: areas.aliases,
      })
      .from(areas),
    ctx.db.select({ id: serviceTypes.id, names: serviceTypes.names }).from(serviceTypes),
  ]);
  const known: KnownArea[] = areaRows;
  return { areas: known, byPcode: new Map(known.map((a) => [a.pcode, a])), types };
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const sourceOf = (ctx: WriteContext, fileName: string) => `${fileName}, ${ctx.now.toISOString().slice(0, 10)}`;

function summary(outcomes: RowOutcome[]) {
  const counts = { new: 0, changed: 0, unchanged: 0, rejected: 0 };
  for (const o of outcomes) counts[o.outcome]++;
  return counts;
}

/** Objects of a package that name no record of the directory: attributes, metadata, taxonomy terms. */
const NOT_RECORDS = new Set(['attributes', 'metadata', 'taxonomy_term', 'taxonomy_terms', 'taxonomy_detail']);

/**
 * Every record id a package names (`id`, `…_id`, `service_ids`), outside attributes and metadata:
 * the records its plan matches by id, whose later change makes the plan stale.
 */
export function idsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) idsIn(item, out);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (NOT_RECORDS.has(key)) continue;
      if (typeof item === 'string' && (key === 'id' || key.endsWith('_id'))) out.add(item);
      else if (key === 'service_ids' && Array.isArray(item)) for (const id of item) out.add(String(id));
      else if (item && typeof item === 'object') idsIn(item, out);
    }
  return out;
}

/**
 * Pathways of a pathways.json or a pathways sheet: each pathway a row of the plan (`rows`: the sheet
 * row where each begins; a file's pathways are numbered in order).
 */
async function planPathwayItems(
  ctx: WriteContext,
  p: Principal,
  request: ImportRequest,
  items: Array<Record<string, unknown>>,
  rows?: number[],
) {
  const maxRows = request.maxRows ?? MAX_IMPORT_ROWS;
  if (items.length > maxRows) tooManyRows(request, items.length, 'pathways', 'split the file');
  const found = await lookups(ctx);
  const planned = await planPathways(ctx, p, items, found);
  const outcomes = rows ? planned.outcomes.map((o) => ({ ...o, row: rows[o.row - 1] ?? o.row })) : planned.outcomes;
  const planHash = await sha256(JSON.stringify(outcomes));
  // Pathways are matched by id only (their reads); a pathway or step created meanwhile blocks anyway.
  const none: PlanLookups = { externalIds: [], listingKeys: [], phones: [] };
  return {
    outcomes,
    counts: summary(outcomes),
    planHash,
    writes: planned.writes,
    columns: {},
    headers: [],
    found,
    reads: idsIn(items),
    lookups: none,
  };
}

/**
 * An HSDS data package (its services.json or pathways.json, or the zip of its tabular form): the
 * same plan, dry run and commit as a sheet.
 */
async function planPackageFile(ctx: WriteContext, p: Principal, request: ImportRequest) {
  const pathwayItems = request.format === 'hsds-tabular' ? null : pathwaysInFile(request.bytes);
  if (pathwayItems) return planPathwayItems(ctx, p, request, pathwayItems);
  let hsdsServices;
  try {
    hsdsServices = request.format === 'hsds-tabular' ? readTabularPackage(request.bytes) : readPackage(request.bytes);
  } catch (error) {
    if (error instanceof UnreadablePackage) throw fileProblem(error.message);
    throw error;
  }
  const maxRows = request.maxRows ?? MAX_IMPORT_ROWS;
  if (hsdsServices.length > maxRows) tooManyRows(request, hsdsServices.length, 'services', 'split the package');
  const found = await lookups(ctx);
  const planned = await planPackage(ctx, p, hsdsServices, found, sourceOf(ctx, request.fileName));
  const outcomes = planned.outcomes;
  const planHash = await sha256(JSON.stringify(outcomes));
  return {
    outcomes,
    counts: summary(outcomes),
    planHash,
    writes: planned.writes,
    columns: {},
    headers: [],
    found,
    reads: idsIn(hsdsServices),
    // A package's service is matched by its id, here or as the external id of a listing.
    lookups: {
      externalIds: hsdsServices.flatMap((s) => (typeof s.id === 'string' ? [s.id] : [])),
      listingKeys: [],
      phones: [],
    } satisfies PlanLookups,
  };
}

/**
 * The plan of a file: what each row would do and the statements that do it. It remembers the last
 * change-log id read before planning and the records the plan read (the listings and pathways its
 * rows matched, the ids a package names): a commit refuses the plan once a change since then could
 * alter what it does (staging.ts).
 */
export async function planFile(ctx: WriteContext, p: Principal, request: ImportRequest) {
  const mark = await changeMark(ctx.db);
  const plan = await planAny(ctx, p, request);
  const reads = new Set<string>('reads' in plan ? plan.reads : []);
  for (const o of plan.outcomes) for (const id of [o.service_id, o.pathway_id]) if (id) reads.add(id);
  return { ...plan, reads, changeMark: mark, principal: p, fileName: request.fileName };
}

export type ImportPlan = Awaited<ReturnType<typeof planFile>>;

async function planAny(ctx: WriteContext, p: Principal, request: ImportRequest) {
  if (request.bytes.byteLength > MAX_IMPORT_BYTES) fileProblemThrow(`is larger than ${MAX_IMPORT_BYTES} bytes`);
  if (request.format === 'json' || request.format === 'hsds-tabular') return planPackageFile(ctx, p, request);
  if (request.format === 'csv') {
    let pathwaySheet;
    try {
      pathwaySheet = pathwaysInSheet(request.bytes);
    } catch (error) {
      if (error instanceof UnreadableSheet) throw fileProblem(error.message);
      throw error;
    }
    if (pathwaySheet) return planPathwayItems(ctx, p, request, pathwaySheet.items, pathwaySheet.rows);
  }
  let sheet;
  try {
    sheet = await readSheet(request.bytes, request.format);
  } catch (error) {
    if (error instanceof UnreadableSheet) throw fileProblem(error.message);
    throw error;
  }
  const maxRows = request.maxRows ?? MAX_IMPORT_ROWS;
  if (sheet.rows.length > maxRows) tooManyRows(request, sheet.rows.length, 'rows', 'split the sheet');
  const columns = mapColumns(sheet.headers, request.mapping);
  const missing = (['organisation', 'service_type'] as const).filter((f) => columns[f] === undefined);
  if (missing.length)
    throw unmappedSheet(
      [
        {
          in: 'body',
          name: 'file',
          reason:
            `has no column for ${missing.join(', ')} (headers found: ${sheet.headers.filter(Boolean).join(', ')}); ` +
            'send a mapping',
        },
      ],
      sheet.headers,
    );
  const found = await lookups(ctx);
  const listings: ImportedListing[] = [];
  const rejected: RowOutcome[] = [];
  for (const row of sheet.rows) {
    const checked = validateRow(row, columns, found);
    if (checked.ok) listings.push(checked.listing);
    else
      rejected.push({
        row: row.row,
        outcome: 'rejected',
        service_id: null,
        external_id: null,
        name: null,
        changes: [],
        errors: checked.errors,
        warnings: [],
      });
  }
  const planned = await planImport(ctx, p, listings, sourceOf(ctx, request.fileName));
  const outcomes = [...planned.outcomes, ...rejected].sort((a, b) => a.row - b.row);
  const counts = summary(outcomes);
  const planHash = await sha256(JSON.stringify(outcomes));
  return {
    outcomes,
    counts,
    planHash,
    writes: planned.writes,
    columns,
    headers: sheet.headers,
    found,
    lookups: planned.lookups,
  };
}

function fileProblemThrow(reason: string): never {
  throw fileProblem(reason);
}

/** The problem of a file of `count` rows (of `noun`) over `request`'s limit. */
function tooManyRows(request: ImportRequest, count: number, noun: string, split: string): never {
  const maxRows = request.maxRows ?? MAX_IMPORT_ROWS;
  const limit = request.overLimit?.(request.fileName, noun) ?? `at most ${maxRows} per import (${split})`;
  fileProblemThrow(`has ${count} ${noun}; ${limit}`);
}

/** A plan may be committed only as its dry run showed it, and only without rejected rows. */
export function checkPlan(plan: ImportPlan, expectedHash: string) {
  if (plan.planHash !== expectedHash)
    throw conflict('The sheet or the directory changed since the dry run: run the dry run again and review it.');
  if (plan.counts.rejected) {
    throw invalid(
      plan.outcomes
        .filter((o) => o.outcome === 'rejected')
        .slice(0, 50)
        .map((o) => ({
          in: 'body' as const,
          name: 'file',
          reason: `row ${o.row}: ${o.errors.map((e) => `${e.column}: ${e.reason}`).join('; ')}`,
        })),
      'Some rows are rejected: nothing was written. Fix them and run the dry run again.',
    );
  }
}

/** Stages a checked plan for a commit in a later request (staging.ts); `progress` hears of each piece staged. */
export async function stageFile(
  ctx: WriteContext,
  plan: ImportPlan,
  expectedHash: string,
  progress?: (staged: number, total: number) => void,
) {
  checkPlan(plan, expectedHash);
  return stagePlan(ctx, plan.principal, plan, plan.fileName, plan.found.areas, plan.changeMark, progress);
}

/**
 * Commits the plan in this request: staged, then applied in one D1 batch (one transaction), so a
 * failure anywhere leaves the directory as it was, derived search and coverage rows included.
 */
export async function commitPlan(ctx: WriteContext, plan: ImportPlan, expectedHash: string) {
  const run = await stageFile(ctx, plan, expectedHash);
  return commitRun(ctx, plan.principal, run.run_id);
}
