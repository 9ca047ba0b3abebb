// Where a large import's time goes, step by step, on your machine against a local D1 (the way
// `npm run import -- FILE` runs it): plan, stage (its parts), commit. It reports; it asserts nothing.
//
//   node --experimental-transform-types --no-warnings=ExperimentalWarning test/bench/import-stage.mjs \
//     ROWS [--persist-to DIR]
//
// The sheet is the one test/bench/import.bench.ts generates (ROWS new listings). DIR is a local D1
// made by `npm run db:reset -- --persist-to DIR`; it is copied first, so every run starts the same.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPlatformProxy } from 'wrangler';
import { database } from '../../db/client.ts';
import { planFile, stageFile } from '../../api/admin/import/pipeline.ts';
import { commitRun, stagingTimes } from '../../api/admin/import/staging.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ROWS = Number(process.argv[2] ?? 10_000);
const at = process.argv.indexOf('--persist-to');
const source = resolve(at >= 0 ? process.argv[at + 1] : `${root}.wrangler/state`);
const PCODES = ['IQG15Q05', 'IQG15Q07', 'IQG12Q03', 'IQG11Q02', 'IQG08Q03'];
const TYPES = ['legal_aid', 'mhpss', 'health'];

function sheet() {
  const lines = ['external_id,organisation,service_type,pcode,phones,hours,languages,focal_point'];
  for (let i = 0; i < ROWS; i++)
    lines.push(
      [
        `BENCH-${i}`,
        `Bench Organisation ${i % 200}`,
        TYPES[i % TYPES.length],
        PCODES[i % PCODES.length],
        `0771 ${String(i).padStart(7, '0')}`,
        i % 2 ? 'Sun-Thu 8:00-14:00' : '24/7',
        '"Arabic, Kurdish"',
        `Focal point ${i}`,
      ].join(','),
    );
  return new TextEncoder().encode(`${lines.join('\n')}\n`).buffer;
}

const state = mkdtempSync(join(tmpdir(), 'masar-import-stage-'));
cpSync(`${source}/v3`, `${state}/v3`, { recursive: true });
const proxy = await getPlatformProxy({ configPath: `${root}wrangler.toml`, persist: { path: `${state}/v3` } });
const admin = {
  kind: 'token',
  id: 'import-stage',
  userId: null,
  label: 'import bench',
  role: 'admin',
  areaPcodes: [],
  areaPaths: [],
};
const ctx = {
  db: database(proxy.env.DB),
  actor: { userId: null, label: 'import bench' },
  now: new Date(),
  reason: null,
};
const ms = (t) => `${(performance.now() - t).toFixed(0)} ms`;
try {
  const bytes = sheet();
  let t = performance.now();
  const plan = await planFile(ctx, admin, { bytes, format: 'csv', fileName: 'bench.csv', mapping: {}, maxRows: ROWS });
  console.log(`${ROWS} rows: plan ${ms(t)}, counts ${JSON.stringify(plan.counts)}`);
  t = performance.now();
  const run = await stageFile(ctx, plan, plan.planHash);
  console.log(
    `stage ${ms(t)} (${Object.entries(stagingTimes)
      .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
      .join(', ')}), ${run.staged_rows} staged rows in ${run.staging_statements} statements`,
  );
  t = performance.now();
  await commitRun(ctx, admin, run.run_id);
  console.log(`commit ${ms(t)}`);
} finally {
  await proxy.dispose();
  rmSync(state, { recursive: true, force: true });
}
