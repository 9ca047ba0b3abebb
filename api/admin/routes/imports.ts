/**
 * Bulk import of service-mapping sheets (CSV, XLSX) and HSDS packages (services.json, pathways.json, the
 * tabular zip) by coordinators and admins. A dry run (the default) answers what would happen, row by
 * row; a commit sends the same file with the dry run's plan_hash, so what is written is exactly what
 * was previewed, or nothing (409). A file of up to MAX_DIRECT_COMMIT_ROWS rows commits in that one
 * request; any may be committed in steps: staged (`POST /imports/runs`), then committed
 * (`POST /imports/runs/{run_id}/commit`) in one batch.
 */
import { z } from '@hono/zod-openapi';
import { invalid, ProblemError } from '../../errors.ts';
import { countRestrictedRead } from '../auth/read-limit.ts';
import { mayExportStatuses, practitionerPathways } from '../queries/pathway-export.ts';
import { pathwaySheetRows, sheetHeader, sheetLines } from '../import/pathway-sheet.ts';
import { serviceTypes } from '../../../db/schema.ts';
import { PATHWAY_STATUSES, type Language, type PathwayStatus } from '../../domain/vocabulary.ts';
import { termId } from '../../views/hsds-taxonomy.ts';
import type { Principal } from '../auth/principal.ts';
import { LanguageParam } from '../../schemas/common.ts';
import { hsdsContext } from '../../views/hsds-context.ts';
import { createRouter } from '../../router.ts';
import { requireRole } from '../auth/policy.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, writeContext } from '../http.ts';
import { isImportField, type ImportField } from '../import/columns.ts';
import {
  commitPlan,
  MAX_API_IMPORT_ROWS,
  MAX_DIRECT_COMMIT_ROWS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  planFile,
  stageFile,
} from '../import/pipeline.ts';
import type { ImportFormat } from '../import/sheet.ts';
import { commitRun, discardRun, RUN_LIFETIME_MS } from '../import/staging.ts';
import type { Context } from 'hono';
import { CommittedImport, ImportRequestForm, ImportResult, ImportRunParam, StagedImport } from '../schemas/imports.ts';

const route = adminRoute({
  method: 'post',
  path: '/imports',
  summary:
    "Import a service-mapping sheet (CSV or XLSX), an HSDS data package's services.json or pathways.json, " +
    'or the zip of its tabular form (datapackage.json and its CSV tables) ' +
    `(at most ${MAX_API_IMPORT_ROWS} rows, services or pathways and ${MAX_IMPORT_BYTES} bytes; larger files ` +
    'through the command line, `npm run import -- FILE --remote`): ' +
    `dry run by default; commit with the dry run plan_hash (in this request up to ${MAX_DIRECT_COMMIT_ROWS} rows; ` +
    'larger files through /imports/runs)',
  request: {
    body: { content: { 'multipart/form-data': { schema: ImportRequestForm } }, required: true },
  },
  ok: ImportResult,
});

const field = (name: string, reason: string) => invalid([{ in: 'body', name, reason }]);

function parseMapping(text: string | undefined): Record<string, ImportField> {
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw field('mapping', 'must be a JSON object: sheet header → field');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw field('mapping', 'must be a JSON object: sheet header → field');
  for (const [header, target] of Object.entries(value)) {
    if (typeof target !== 'string' || !isImportField(target))
      throw field('mapping', `"${header}" → "${String(target)}": not a field we import`);
  }
  return value as Record<string, ImportField>;
}

function formatOf(name: string, given: ImportFormat | undefined): ImportFormat {
  if (given) return given;
  const extension = /\.(csv|xlsx|json|zip)$/i.exec(name)?.[1]?.toLowerCase();
  if (!extension)
    throw field('format', 'give the format (csv, xlsx, json or hsds-tabular): the file name does not say it');
  // A zip is an HSDS package in its tabular form: datapackage.json and the CSV tables it names.
  return extension === 'zip' ? 'hsds-tabular' : (extension as ImportFormat);
}

const stageRoute = adminRoute({
  method: 'post',
  path: '/imports/runs',
  summary:
    'Stage the commit of an import (any size up to the import limits): the same form as a commit, ' +
    'answered with the run to commit. Nothing is written to the directory yet',
  description:
    'The multi-request commit. 1. Dry run: `POST /imports`. 2. Stage: `POST /imports/runs` with the same file, ' +
    'mapping and the dry run plan_hash (409 when the plan differs, 400 when rows are rejected): the plan is made ' +
    'again and its writes and derived rows are stored apart, in statements of at most 1 MB of JSON each; no public ' +
    `read sees them. 3. Commit: \`POST /imports/runs/{run_id}/commit\` applies them all in one transaction, or ` +
    'none (409 when anything in the directory changed since step 2: stage again). A run belongs to whoever ' +
    `staged it, and expires ${RUN_LIFETIME_MS / 60_000} minutes after staging; \`DELETE\` discards it.`,
  request: {
    body: { content: { 'multipart/form-data': { schema: ImportRequestForm } }, required: true },
  },
  created: StagedImport,
});

const commitRoute = adminRoute({
  method: 'post',
  path: '/imports/runs/{run_id}/commit',
  summary: 'Commit a staged import in one transaction: all of it, or nothing (409 when the directory changed)',
  request: { params: ImportRunParam },
  ok: CommittedImport,
});

const discardRoute = adminRoute({
  method: 'delete',
  path: '/imports/runs/{run_id}',
  summary: 'Discard a staged import (nothing of it was written)',
  request: { params: ImportRunParam },
  noContent: true,
});

/** The plan of the uploaded form, checked for a commit when `commit` says so. */
async function planForm(c: Context<AdminEnv>, form: { file: File; format?: ImportFormat; mapping?: string }) {
  const p = c.get('principal');
  requireRole(p, ['admin', 'coordinator'], 'import listings');
  const file = form.file;
  if (file.size > MAX_IMPORT_BYTES)
    throw field(
      'file',
      `is larger than ${MAX_IMPORT_BYTES} bytes` +
        // Our own datapackage.zip carries the JSON forms too, which an import of the zip never reads.
        (formatOf(file.name, form.format) === 'hsds-tabular'
          ? '; from a zip the import reads only datapackage.json and the CSV tables it names: zip those ' +
            'without the JSON files (services.json, taxonomies.json, pathways.json), or split the package'
          : ''),
    );
  const mapping = parseMapping(form.mapping);
  const ctx = writeContext(c, `import from ${file.name}`);
  const plan = await planFile(ctx, p, {
    bytes: await file.arrayBuffer(),
    format: formatOf(file.name, form.format),
    fileName: file.name,
    mapping,
    maxRows: MAX_API_IMPORT_ROWS,
    overLimit: (name, noun) =>
      `the API plans at most ${MAX_API_IMPORT_ROWS} ${noun} per import: import it from the command line ` +
      `with npm run import -- ${name} --remote (db/import.mjs, up to ${MAX_IMPORT_ROWS}), or split it`,
  });
  return { ctx, plan };
}

const PathwayExportQuery = z
  .object({
    lang: LanguageParam.optional(),
    status: z
      .string()
      .optional()
      .openapi({
        description:
          'Comma-separated statuses (published, draft, withdrawn; default published). Drafts and withdrawn ' +
          'pathways are given only where you may edit them (admins, the coordinators of their area).',
        example: 'published,draft',
      }),
  })
  .strict();

const pathwayExportRoute = adminRoute({
  method: 'get',
  path: '/exports/pathways.json',
  summary:
    "The pathways as the HSDS package's pathways.json, with each step's practitioner-only details " +
    '(focal point, intake route): for moving pathways to another directory through POST /imports. Coordinators ' +
    'get the published pathways they may read, and the drafts and withdrawn ones (`status`) they may edit',
  request: { query: PathwayExportQuery },
});

const pathwaySheetRoute = adminRoute({
  method: 'get',
  path: '/exports/pathways.csv',
  summary:
    'The same pathways as /exports/pathways.json as a spreadsheet, one row per step, its texts in `lang` ' +
    '(README.md "Pathways sheet"); POST /imports reads it back',
  request: { query: PathwayExportQuery },
});

/** The statuses asked for (`status`), checked against what `p` may be given. */
function statusesOf(p: Principal, text: string | undefined): PathwayStatus[] {
  const asked = (text ?? 'published').split(',').map((s) => s.trim());
  const unknown = asked.filter((s) => !(PATHWAY_STATUSES as readonly string[]).includes(s));
  if (unknown.length || !asked.length)
    throw invalid([
      { in: 'query', name: 'status', reason: `${unknown.join(', ')}: not a status (${PATHWAY_STATUSES.join(', ')})` },
    ]);
  const statuses = [...new Set(asked)] as PathwayStatus[];
  if (!mayExportStatuses(p, statuses))
    throw new ProblemError({
      status: 403,
      title: 'Forbidden',
      detail: 'Drafts and withdrawn pathways are exported only to those who may edit them.',
      errors: [{ in: 'query', name: 'status', reason: 'asks for pathways you may not edit: ask for published only' }],
    });
  return statuses;
}

/** The maintainers' pathways of the request, page by page, for `p` (who may export them). */
async function exportedPathways(c: Context<AdminEnv>, query: { lang?: Language; status?: string }) {
  const p = c.get('principal');
  requireRole(p, ['admin', 'coordinator'], 'export pathways with their practitioner-only details');
  const statuses = statusesOf(p, query.status);
  await countRestrictedRead(c);
  const lang = query.lang ?? 'en';
  const ctx = hsdsContext(lang, new URL(c.req.url).origin, c.get('now'));
  return { lang, pages: practitionerPathways(c.get('db'), p, ctx, statuses) };
}

/** Chunks of text as a download, pulled one at a time: never the whole file in memory. */
function download(c: Context<AdminEnv>, chunks: AsyncGenerator<string>, type: string, name: string, lang: string) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) return controller.close();
      if (value) controller.enqueue(encoder.encode(value));
    },
  });
  c.header('Content-Type', type);
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  c.header('Content-Language', lang);
  c.header('Cache-Control', 'no-store');
  return c.body(body, 200);
}

export const importsRouter = createRouter<AdminEnv>()
  .openapi(pathwayExportRoute, async (c) => {
    const { lang, pages } = await exportedPathways(c, c.req.valid('query'));
    // Streamed page by page, as the public exports are.
    const chunks = (async function* () {
      let first = true;
      for await (const page of pages) {
        if (!page.length) continue;
        yield `${first ? '[' : ','}${page.map((v) => JSON.stringify(v)).join(',')}`;
        first = false;
      }
      yield first ? '[]' : ']';
    })();
    return download(c, chunks, 'application/json; charset=utf-8', 'pathways.json', lang);
  })
  .openapi(pathwaySheetRoute, async (c) => {
    const { lang, pages } = await exportedPathways(c, c.req.valid('query'));
    const types = await c.get('db').select({ id: serviceTypes.id }).from(serviceTypes);
    const typeOfTerm = new Map(types.map((t) => [termId(t.id), t.id]));
    const chunks = (async function* () {
      yield sheetHeader();
      for await (const page of pages) yield sheetLines(page.flatMap((p) => pathwaySheetRows(p, lang, typeOfTerm)));
    })();
    return download(c, chunks, 'text/csv; charset=utf-8', 'pathways.csv', lang);
  })
  .openapi(route, async (c) => {
    const form = c.req.valid('form');
    const dryRun = form.dry_run !== 'false';
    if (!dryRun && !form.plan_hash) throw field('plan_hash', 'a commit needs the plan_hash of its dry run');
    const { ctx, plan } = await planForm(c, form);
    if (!dryRun && plan.outcomes.length > MAX_DIRECT_COMMIT_ROWS)
      throw field(
        'dry_run',
        `a sheet of more than ${MAX_DIRECT_COMMIT_ROWS} rows is committed in steps: POST /api/v1/admin/imports/runs, ` +
          'then POST /api/v1/admin/imports/runs/{run_id}/commit',
      );
    if (!dryRun) await commitPlan(ctx, plan, form.plan_hash!);
    return c.json(
      {
        dry_run: dryRun,
        committed: !dryRun,
        plan_hash: plan.planHash,
        counts: plan.counts,
        headers: plan.headers,
        columns: Object.fromEntries(Object.entries(plan.columns).map(([f, i]) => [f, plan.headers[i!] ?? ''])),
        rows: plan.outcomes,
        limits: { rows: MAX_API_IMPORT_ROWS, bytes: MAX_IMPORT_BYTES, direct_commit_rows: MAX_DIRECT_COMMIT_ROWS },
      },
      200,
    );
  })
  .openapi(stageRoute, async (c) => {
    const form = c.req.valid('form');
    if (!form.plan_hash) throw field('plan_hash', 'staging a commit needs the plan_hash of its dry run');
    const { ctx, plan } = await planForm(c, form);
    const run = await stageFile(ctx, plan, form.plan_hash);
    return c.json({ ...run, counts: plan.counts }, 201);
  })
  .openapi(commitRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'import listings');
    const { run } = await commitRun(writeContext(c, null), p, c.req.valid('param').run_id);
    return c.json({ run_id: run.id, committed: true as const, plan_hash: run.planHash, counts: run.counts }, 200);
  })
  .openapi(discardRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'import listings');
    await discardRun(c.get('db'), p, c.req.valid('param').run_id, c.get('now'));
    return c.body(null, 204);
  });
