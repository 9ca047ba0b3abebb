/**
 * Bulk import of service-mapping sheets (CSV, XLSX) and HSDS packages (services.json, pathways.json)
 * by coordinators and admins. A dry run (the default) answers what would happen, row by row; a
 * commit sends the same file with the dry run's plan_hash, so what is written is exactly what was
 * previewed, or nothing (409).
 */
import { invalid } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { requireRole } from '../auth/policy.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, writeContext } from '../http.ts';
import { isImportField, type ImportField } from '../import/columns.ts';
import { commitPlan, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, planFile } from '../import/pipeline.ts';
import type { ImportFormat } from '../import/sheet.ts';
import { ImportRequestForm, ImportResult } from '../schemas/imports.ts';

const route = adminRoute({
  method: 'post',
  path: '/imports',
  summary:
    "Import a service-mapping sheet (CSV or XLSX), an HSDS data package's services.json or pathways.json, " +
    'or the zip of its tabular form (datapackage.json and its CSV tables) ' +
    `(at most ${MAX_IMPORT_ROWS} rows, services or pathways and ${MAX_IMPORT_BYTES} bytes): ` +
    'dry run by default; commit with the dry run plan_hash',
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

export const importsRouter = createRouter<AdminEnv>().openapi(route, async (c) => {
  const p = c.get('principal');
  requireRole(p, ['admin', 'coordinator'], 'import listings');
  const form = c.req.valid('form');
  const file = form.file;
  if (file.size > MAX_IMPORT_BYTES) throw field('file', `is larger than ${MAX_IMPORT_BYTES} bytes`);
  const mapping = parseMapping(form.mapping);
  const dryRun = form.dry_run !== 'false';
  if (!dryRun && !form.plan_hash) throw field('plan_hash', 'a commit needs the plan_hash of its dry run');
  const ctx = writeContext(c, `import from ${file.name}`);
  const plan = await planFile(ctx, p, {
    bytes: await file.arrayBuffer(),
    format: formatOf(file.name, form.format),
    fileName: file.name,
    mapping,
  });
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
      limits: { rows: MAX_IMPORT_ROWS, bytes: MAX_IMPORT_BYTES },
    },
    200,
  );
});
