/**
 * `npm run bench:workerd`: a generated 20,000-row (or MASAR_BENCH_ROWS) service-mapping sheet, dry-run,
 * staged, committed and dry-run again (a re-import), inside workerd against a real local D1, end to end as the requests
 * of the multi-request commit run it (api/admin/import/staging.ts). It reports the time and the
 * statements of each step against D1's limits (100 bound parameters and 100,000 bytes of SQL per
 * statement, 2 MB per value, 1,000 queries per Worker invocation); it asserts no timings.
 */
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import type { Principal } from '../../api/admin/auth/principal.ts';
import { MAX_IMPORT_ROWS, planFile, stageFile } from '../../api/admin/import/pipeline.ts';
import { commitRun } from '../../api/admin/import/staging.ts';
import { database } from '../../db/client.ts';
import { instrumentedDb, type Recorded } from '../support/instrumented-db.ts';

/** 20,000 rows, or MASAR_BENCH_ROWS (`MASAR_BENCH=1 MASAR_BENCH_ROWS=2000 npx vitest run … import.bench.ts`). */
const ROWS = Number((env as { MASAR_BENCH_ROWS?: string }).MASAR_BENCH_ROWS) || 20_000;
const admin = {
  id: 'import-bench',
  role: 'admin',
  userId: null,
  label: 'import bench',
  areaPaths: [],
} as unknown as Principal;
// Districts of several governorates, so the rows spread as a cluster-wide sheet does.
const PCODES = ['IQG15Q05', 'IQG15Q07', 'IQG12Q03', 'IQG11Q02', 'IQG08Q03'];
const TYPES = ['legal_aid', 'mhpss', 'health'];

function sheet(): ArrayBuffer {
  const lines = ['external_id,organisation,service_type,pcode,phones,hours,languages,focal_point'];
  for (let i = 0; i < ROWS; i++) {
    const phone = `0771 ${String(i).padStart(7, '0')}`;
    lines.push(
      [
        `BENCH-${i}`,
        `Bench Organisation ${i % 200}`,
        TYPES[i % TYPES.length],
        PCODES[i % PCODES.length],
        phone,
        i % 2 ? 'Sun-Thu 8:00-14:00' : '24/7',
        '"Arabic, Kurdish"',
        `Focal point ${i}`,
      ].join(','),
    );
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`).buffer as ArrayBuffer;
}

const context = (db: ReturnType<typeof database>) => ({
  db,
  actor: { userId: null, label: 'import bench' },
  now: new Date(),
  reason: null,
});

it(`a ${ROWS}-row sheet: dry run, commit, re-import`, async () => {
  const bytes = sheet();
  const lines: string[] = [
    `sheet: ${ROWS} rows, ${(bytes.byteLength / 1024).toFixed(0)} KiB (API limit: ${MAX_IMPORT_ROWS} rows)`,
  ];

  const recorder = instrumentedDb(env.DB, { writes: true });
  let started = performance.now();
  const plan = await planFile(context(recorder.db), admin, {
    bytes,
    format: 'csv',
    fileName: 'bench.csv',
    mapping: {},
    maxRows: ROWS,
  });
  lines.push(
    `dry run: ${(performance.now() - started).toFixed(0)} ms, ${recorder.recorded.length} queries, ` +
      `counts ${JSON.stringify(plan.counts)}`,
  );
  expect(plan.counts.new).toBe(ROWS);

  const bytesOf = (text: string) => new TextEncoder().encode(text).length;
  /** The statements of one step, against D1's limits; reduced, not spread (thousands of values). */
  const measure = (recorded: Recorded[]) => {
    const batches = new Map<number, number>();
    for (const r of recorded) batches.set(r.trip, (batches.get(r.trip) ?? 0) + 1);
    const most = recorded.reduce((n, q) => Math.max(n, q.params.length), 0);
    const longest = recorded.reduce((n, q) => Math.max(n, bytesOf(q.sql)), 0);
    const biggest = recorded.reduce(
      (n, q) => Math.max(n, ...q.params.map((p) => (typeof p === 'string' ? bytesOf(p) : 0))),
      0,
    );
    const largestBatch = [...batches.values()].reduce((n, b) => Math.max(n, b), 0);
    expect(most).toBeLessThanOrEqual(100);
    expect(longest).toBeLessThanOrEqual(100_000);
    expect(biggest).toBeLessThanOrEqual(2_000_000);
    expect(recorded.length).toBeLessThan(1000);
    return (
      `${recorded.length} statements in ${batches.size} round trips (largest batch ${largestBatch}), ` +
      `≤ ${most} bound parameters, ≤ ${longest} bytes of SQL, ≤ ${(biggest / 1024).toFixed(0)} KiB per value`
    );
  };

  // Stage: the staging request plans again (the same plan, proved by its hash), then stages.
  recorder.reset();
  started = performance.now();
  const stagePlan = await planFile(context(recorder.db), admin, {
    bytes,
    format: 'csv',
    fileName: 'bench.csv',
    mapping: {},
    maxRows: ROWS,
  });
  const run = await stageFile(context(recorder.db), stagePlan, plan.planHash);
  lines.push(
    `stage (one request): ${(performance.now() - started).toFixed(0)} ms, ${run.staged_rows} staged rows in ` +
      `${run.staging_statements} staging statements; ${measure(recorder.recorded)}`,
  );

  recorder.reset();
  started = performance.now();
  await commitRun(context(recorder.db), admin, run.run_id);
  lines.push(`commit (one request): ${(performance.now() - started).toFixed(0)} ms; ${measure(recorder.recorded)}`);

  recorder.reset();
  started = performance.now();
  const again = await planFile(context(recorder.db), admin, {
    bytes,
    format: 'csv',
    fileName: 'bench.csv',
    mapping: {},
    maxRows: ROWS,
  });
  lines.push(
    `re-import dry run: ${(performance.now() - started).toFixed(0)} ms, ${recorder.recorded.length} queries, ` +
      `counts ${JSON.stringify(again.counts)}`,
  );
  expect(again.counts.unchanged).toBe(ROWS);
  console.log(`\nimport of a generated sheet\n${lines.join('\n')}`);
}, 1_800_000);
