/**
 * `npm run bench:workerd`: a generated 20,000-row service-mapping sheet, dry-run, committed and dry-run
 * again (a re-import), inside workerd against a real local D1. It reports the time, the queries
 * planning sends, and the size of the commit's statements against D1's per-statement limits
 * (100 bound parameters, 100,000 bytes of SQL); it asserts no timings.
 */
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import type { Principal } from '../../api/admin/auth/principal.ts';
import { commitPlan, MAX_IMPORT_ROWS, planFile } from '../../api/admin/import/pipeline.ts';
import { database } from '../../db/client.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

const ROWS = 20_000;
const admin = { role: 'admin', userId: null, label: 'import bench', areaPaths: [] } as unknown as Principal;
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
        'Arabic, Kurdish',
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

  const recorder = instrumentedDb(env.DB);
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

  const statements = plan.writes.flatMap((w) => [...w.guards, ...w.writes]);
  const sizes = statements.map((s) => (s as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL());
  const bytesOf = (text: string) => new TextEncoder().encode(text).length;
  // Reduced, not spread: a spread of 200,000 arguments would overflow the stack.
  const mostParams = sizes.reduce((n, q) => Math.max(n, q.params.length), 0);
  const longest = sizes.reduce((n, q) => Math.max(n, bytesOf(q.sql)), 0);
  const total = sizes.reduce((n, q) => n + bytesOf(q.sql) + bytesOf(JSON.stringify(q.params)), 0);
  lines.push(
    `commit: ${statements.length} statements in one batch, ≤ ${mostParams} bound parameters and ≤ ${longest} ` +
      `bytes of SQL each, ${(total / 1024 / 1024).toFixed(1)} MiB in all`,
  );
  expect(mostParams).toBeLessThanOrEqual(100);
  expect(longest).toBeLessThanOrEqual(100_000);
  started = performance.now();
  await commitPlan(context(database(env.DB)), plan, plan.planHash);
  lines.push(`commit: ${(performance.now() - started).toFixed(0)} ms (one D1 batch, then the derived search rows)`);

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
