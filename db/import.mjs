// `npm run import -- FILE [--dry-run] [--remote] [--mapping '{"header": "field"}'] [--as NAME]`
//
// Imports a service-mapping sheet (CSV or XLSX), or an HSDS data package (its services.json or pathways.json, or
// the zip of its tabular form: datapackage.json and its CSV tables), from the command line with the same pipeline as
// POST /api/v1/admin/imports (api/admin/import/pipeline.ts): every row checked, the diff printed,
// then, without --dry-run, the writes staged piece by piece (with progress) and applied in one D1
// batch, all or nothing, as POST /api/v1/admin/imports/runs and …/commit do (staging.ts). It acts as an
// administrator named in the change log ("command line (NAME)", by default the system user), with
// the reason "import from FILE by command line".
//
// The D1 binding comes from wrangler's getPlatformProxy: the local database of `npm start` /
// `npm run db:reset` (or `--persist-to DIR`, as `wrangler dev --persist-to`), or with --remote the
// deployed one (needs `wrangler login`; wrangler.toml's database_id must be the real one).
//
// Exit status: 0 when every row is fine (and, without --dry-run, committed); 1 when a row is
// rejected or the commit fails (nothing is written then); 2 for a bad command line or file.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { getPlatformProxy } from 'wrangler';
import { database } from './client.ts';
import { planFile, stageFile } from '../api/admin/import/pipeline.ts';
import { commitRun } from '../api/admin/import/staging.ts';
import { isImportField } from '../api/admin/import/columns.ts';
import { ProblemError } from '../api/errors.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const usage = 'usage: npm run import -- FILE [--dry-run] [--remote] [--mapping JSON] [--as NAME] [--persist-to DIR]';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      remote: { type: 'boolean', default: false },
      mapping: { type: 'string' },
      as: { type: 'string' },
      'persist-to': { type: 'string' },
    },
  });
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}
const path = resolve(positionals[0]);
const fileName = basename(path);
const extension = /\.(csv|xlsx|json|zip)$/i.exec(fileName)?.[1]?.toLowerCase();
if (!extension) {
  console.error(
    `${fileName}: the file name must end in .csv, .xlsx, .json (an HSDS services.json or pathways.json) ` +
      'or .zip (an HSDS tabular package)',
  );
  process.exit(2);
}
const format = extension === 'zip' ? 'hsds-tabular' : extension;
let mapping = {};
if (values.mapping) {
  try {
    mapping = JSON.parse(values.mapping);
  } catch {
    mapping = null;
  }
  const bad = !mapping || typeof mapping !== 'object' || Array.isArray(mapping);
  if (bad || !Object.values(mapping).every((f) => typeof f === 'string' && isImportField(f))) {
    console.error('--mapping must be a JSON object: sheet header → one of our fields');
    process.exit(2);
  }
}
let bytes;
try {
  const buffer = readFileSync(path);
  bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
} catch (error) {
  console.error(`${path}: ${error.message}`);
  process.exit(2);
}

const label = `command line (${values.as ?? userInfo().username})`;
// The administrator this import acts as: every area, every organisation.
const principal = {
  kind: 'token',
  id: 'command-line',
  userId: null,
  label,
  role: 'admin',
  areaPcodes: [],
  areaPaths: [],
  organisationId: null,
  canWrite: true,
  stage: 'full',
  sessionTokenHash: null,
  csrfToken: null,
};

/** wrangler.toml with the DB binding marked remote, beside it (its relative paths stay right). */
function remoteConfig() {
  const text = readFileSync(`${root}wrangler.toml`, 'utf8');
  const marked = text.replace(/^binding = "DB"$/m, 'binding = "DB"\nremote = true');
  if (marked === text) throw new Error('wrangler.toml has no [[d1_databases]] binding "DB"');
  const file = `${root}.wrangler-import-remote.toml`;
  writeFileSync(file, marked);
  return file;
}

const show = (value) => (value === null || value === undefined ? '—' : JSON.stringify(value));

function printPlan(plan) {
  // A sheet's columns (an HSDS package has none: its tables' columns are HSDS's own).
  if (plan.headers.length) {
    const columns = Object.entries(plan.columns).map(([field, i]) => `${field} ← "${plan.headers[i]}"`);
    console.log(`Columns: ${columns.join(', ')}`);
    const unread = plan.headers.filter((h, i) => h && !Object.values(plan.columns).includes(i));
    if (unread.length) console.log(`Not imported (no field): ${unread.map((h) => `"${h}"`).join(', ')}`);
  }
  for (const o of plan.outcomes) {
    const name = o.name ? ` ${o.name}` : '';
    const id = o.external_id ? ` [${o.external_id}]` : '';
    console.log(
      `row ${o.row}: ${o.outcome.toUpperCase()}${id}${name}${o.service_id ? ` (listing ${o.service_id})` : ''}`,
    );
    for (const e of o.errors) console.log(`    rejected, ${e.column}: ${e.reason}`);
    for (const w of o.warnings) console.log(`    warning, ${w.column}: ${w.reason}`);
    if (o.outcome === 'new') for (const c of o.changes) console.log(`    ${c.field}: ${show(c.new)}`);
    if (o.outcome === 'changed')
      for (const c of o.changes) console.log(`    ${c.field}: ${show(c.old)} → ${show(c.new)}`);
  }
  const c = plan.counts;
  console.log(`\n${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.rejected} rejected`);
}

function printProblem(error) {
  const p = error.problem;
  console.error(`${p.status} ${p.title}${p.detail ? `: ${p.detail}` : ''}`);
  for (const e of p.errors ?? []) console.error(`  ${e.name}: ${e.reason}`);
}

let configPath;
let proxy;
let status = 0;
try {
  if (values.remote) configPath = remoteConfig();
  proxy = await getPlatformProxy({
    configPath: configPath ?? `${root}wrangler.toml`,
    persist: values['persist-to'] ? { path: `${resolve(values['persist-to'])}/v3` } : true,
    remoteBindings: values.remote,
  });
  const ctx = {
    // The command line's one client over its D1 binding (as api/index.ts makes the Worker's).
    db: database(proxy.env.DB),
    actor: { userId: null, label },
    now: new Date(),
    reason: `import from ${fileName} by command line`,
  };
  const where = values.remote ? 'REMOTE' : 'local';
  console.log(`${values['dry-run'] ? 'Dry run of' : 'Importing'} ${fileName} into the ${where} D1, as ${label}\n`);
  const plan = await planFile(ctx, principal, { bytes, format, fileName, mapping });
  printPlan(plan);
  if (plan.counts.rejected) {
    console.error('\nRejected rows: nothing was written. Fix them and run the import again.');
    status = 1;
  } else if (values['dry-run']) {
    console.log('\nDry run: nothing was written.');
  } else {
    const run = await stageFile(ctx, plan, plan.planHash, (staged, total) =>
      console.log(`Staged ${staged} of ${total} writes`),
    );
    console.log(`Committing ${run.staged_rows} staged writes in one transaction…`);
    await commitRun(ctx, principal, run.run_id);
    console.log(
      `\nCommitted: ${plan.counts.new} new and ${plan.counts.changed} changed rows ` +
        '(new listings and pathways are drafts).',
    );
  }
} catch (error) {
  if (error instanceof ProblemError) {
    printProblem(error);
    status = /^(file|format|mapping)$/.test(error.problem.errors?.[0]?.name ?? '') ? 2 : 1;
  } else {
    console.error(error);
    status = 1;
  }
  if (!values['dry-run']) console.error('Nothing was written.');
} finally {
  await proxy?.dispose();
  if (configPath) rmSync(configPath, { force: true });
}
process.exit(status);
