/** Bulk import of service-mapping sheets: the request and the dry run's diff. */
import { z } from '@hono/zod-openapi';
import { IMPORT_FIELDS } from '../import/columns.ts';
import { OUTCOMES } from '../import/plan.ts';
import { IMPORT_FORMATS } from '../import/sheet.ts';

const Issue = z.object({ column: z.string(), reason: z.string() });

export const ImportRequestForm = z.object({
  file: z
    .custom<File>((value) => value instanceof File, 'must be a file (multipart/form-data)')
    .openapi({
      type: 'string',
      format: 'binary',
      description:
        "The sheet: CSV (UTF-8) or XLSX; or an HSDS data package's services.json or pathways.json, or the zip " +
        'of its tabular form (datapackage.json and the CSV tables it names).',
    }),
  format: z.enum(IMPORT_FORMATS).optional().openapi({
    description: "The file's format; by default taken from the file name (.csv, .xlsx, .json, .zip = hsds-tabular).",
  }),
  mapping: z
    .string()
    .max(10_000)
    .optional()
    .openapi({
      description:
        'JSON object: sheet header → field, for headers we do not recognise, e.g. {"اسم الجهة": "organisation"}. ' +
        `Fields: ${IMPORT_FIELDS.join(', ')}.`,
    }),
  dry_run: z
    .enum(['true', 'false'])
    .default('true')
    .openapi({ description: 'true (the default): only show what would change. false: commit.' }),
  plan_hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the plan_hash of a dry run')
    .optional()
    .openapi({
      description:
        'To commit (dry_run=false): the plan_hash of the dry run of the same file. The commit is refused (409) ' +
        'when the plan it would write is not the one that dry run showed.',
    }),
});

export const ImportResult = z
  .object({
    dry_run: z.boolean(),
    committed: z.boolean(),
    plan_hash: z.string(),
    counts: z.object({
      new: z.number().int(),
      changed: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
    }),
    headers: z.array(z.string()).openapi({ description: "The sheet's header row, as written." }),
    columns: z
      .record(z.string(), z.string())
      .openapi({ description: 'Each field and the sheet header it was read from.' }),
    rows: z.array(
      z.object({
        row: z.number().int(),
        outcome: z.enum(OUTCOMES),
        service_id: z.string().nullable(),
        pathway_id: z
          .string()
          .nullable()
          .optional()
          .openapi({ description: 'A pathway of pathways.json: the pathway it updates (null: a new one).' }),
        external_id: z.string().nullable(),
        name: z.string().nullable(),
        changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
        errors: z.array(Issue),
        warnings: z.array(Issue),
      }),
    ),
    limits: z.object({
      rows: z.number().int(),
      bytes: z.number().int(),
      direct_commit_rows: z
        .number()
        .int()
        .openapi({ description: 'The most rows a commit with dry_run=false takes; larger sheets are staged.' }),
    }),
  })
  .openapi('ImportResult');

const Counts = z.object({
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

export const StagedImport = z
  .object({
    run_id: z.string(),
    plan_hash: z.string(),
    counts: Counts,
    staged_rows: z.number().int().openapi({ description: 'Planned writes and derived rows waiting for the commit.' }),
    staging_statements: z.number().int(),
    expires_at: z.string().openapi({ description: 'After this moment the run is gone: stage it again.' }),
  })
  .openapi('StagedImport');

export const CommittedImport = z
  .object({
    run_id: z.string(),
    committed: z.literal(true),
    plan_hash: z.string(),
    counts: Counts,
  })
  .openapi('CommittedImport');

export const ImportRunParam = z.object({
  run_id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'run_id', in: 'path' }, description: 'The run_id a staging answered.' }),
});
