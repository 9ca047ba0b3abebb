/**
 * `npm run bench:workerd`: what one public request costs D1 (queries, rows read) when it renders afresh
 * (an edge miss) and when the edge copy answers it (a hit), and how long each takes inside workerd,
 * with the sample directory grown to ten times its size. The figures feed the capacity plan in
 * README.md. It reports; it asserts no timings.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { growDirectory } from '../support/grow-directory.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

const ITERATIONS = 8;
const ENDPOINTS = [
  '/a/IQG15Q05?lang=ar',
  '/api/v1/services?area=IQG15Q05&lang=ar',
  '/api/v1/services?area=IQG12&open_now=true&lang=ar',
  '/api/v1/services/866c8ddd-c6ff-59ca-8f3f-a759504af7b2?lang=ar',
  '/api/v1/hsds/services?per_page=50',
  '/api/v1/areas?parent=IQG15',
  '/api/v1/map/services?area=IQG15',
];

let directorySize = 0;
beforeAll(async () => {
  const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM services WHERE status = 'published'").first<{
    n: number;
  }>())!;
  await growDirectory(env.DB, n * 9);
  directorySize = n * 10;
}, 120_000);

const app = createApp();
const instrumented = instrumentedDb(env.DB);

async function once(path: string) {
  instrumented.reset();
  const ctx = createExecutionContext();
  const started = performance.now();
  const response = await app.fetch(
    new Request(`https://masar.test${path}`),
    { ...env, DB: instrumented.binding, EDGE_CACHE: 'on' },
    ctx,
  );
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  await waitOnExecutionContext(ctx);
  expect(response.status, path).toBe(200);
  return {
    state: response.headers.get('X-Edge-Cache'),
    elapsed,
    queries: instrumented.recorded.length,
    rowsRead: instrumented.rowsRead(),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

it('public reads: D1 cost and time, edge miss against edge hit', async () => {
  const rows: string[] = [];
  for (const path of ENDPOINTS) {
    const misses: Awaited<ReturnType<typeof once>>[] = [];
    const hits: Awaited<ReturnType<typeof once>>[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      // A no-op write to a public table bumps the directory version (its trigger), so the first read
      // renders afresh (a miss) and the second is answered by the copy it left (a hit).
      await env.DB.prepare("UPDATE areas SET names = names WHERE pcode = 'IQ'").run();
      const miss = await once(path);
      const hit = await once(path);
      if (miss.state === 'miss') misses.push(miss);
      if (hit.state === 'hit') hits.push(hit);
    }
    const m = misses.at(-1)!;
    const h = hits.at(-1);
    rows.push(
      `${path.padEnd(64)} miss: ${String(m.queries).padStart(2)} queries ${String(m.rowsRead).padStart(6)} rows ` +
        `${median(misses.map((x) => x.elapsed))
          .toFixed(1)
          .padStart(6)} ms | hit: ` +
        (h
          ? `${h.queries} query ${h.rowsRead} row ${median(hits.map((x) => x.elapsed))
              .toFixed(1)
              .padStart(5)} ms`
          : 'none'),
    );
  }
  console.log(
    `\nEdge cache (directory: ${directorySize} published services; median of ${ITERATIONS}; ` +
      `workerd timers advance only on I/O, so the times are wall time around D1)\n${rows.join('\n')}`,
  );
}, 600_000);
