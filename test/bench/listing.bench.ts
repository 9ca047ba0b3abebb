/**
 * `npm run bench:workerd`: how long the public endpoints take inside workerd against a real local D1,
 * with the sample directory grown to ten times its size (services spread over every district),
 * and how many rows D1 reads for each listing. It reports; it asserts no timings (they depend on
 * the machine). Rows read are the figure D1 bills and do not depend on the machine.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, expect, it } from 'vitest';
import { ancestorPaths } from '../../api/domain/area-paths.ts';
import { listServices } from '../../api/queries/service-listing.ts';
import { growDirectory } from '../support/grow-directory.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

const ITERATIONS = 60;
const ENDPOINTS = [
  '/api/v1/services?area=IQG15Q05N01&lang=ar',
  '/api/v1/services?area=IQG15&lang=ar&limit=50',
  '/api/v1/services?area=IQG12&open_now=true&lang=ar',
  '/api/v1/services?q=%D8%A7%D8%A8%D8%AA%D8%B2%D8%A7%D8%B2&lang=ar',
  '/api/v1/services?near=36.19,44.01&sort=distance&lang=ckb',
  '/api/v1/services?country=IQ&type=hotline',
  '/api/v1/services/866c8ddd-c6ff-59ca-8f3f-a759504af7b2?lang=ar',
  '/api/v1/areas/search?q=Dohuk',
  '/api/v1/map/services?area=IQG15',
  '/api/v1/map/boundaries?parent=IQ',
];

let directorySize = 0;
beforeAll(async () => {
  const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM services WHERE status = 'published'").first<{
    n: number;
  }>())!;
  await growDirectory(env.DB, n * 9);
  directorySize = n * 10;
}, 60_000);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

it('public endpoints: latency inside workerd', async () => {
  const rows: string[] = [];
  for (const path of ENDPOINTS) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < ITERATIONS + 5; i++) {
      const started = performance.now();
      const response = await exports.default.fetch(`https://masar.test${path}`);
      const body = await response.arrayBuffer();
      const elapsed = performance.now() - started;
      expect(response.status, path).toBe(200);
      bytes = body.byteLength;
      if (i >= 5) times.push(elapsed);
    }
    times.sort((a, b) => a - b);
    rows.push(
      `${path.padEnd(66)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  ` +
        `p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms  ${(bytes / 1024).toFixed(1).padStart(7)} KiB`,
    );
  }
  console.log(
    `\nDirectory: ${directorySize} published services; ${ITERATIONS} requests each (workerd timers are coarse)\n` +
      rows.join('\n'),
  );
});

it('district listings: rows read from D1', async () => {
  const report: string[] = [];
  for (const [label, path] of [
    ['Qayyarah subdistrict', '/IQ/IQG15/IQG15Q05/IQG15Q05N01/'],
    ['Mosul district', '/IQ/IQG15/IQG15Q05/'],
    ['Karbala governorate', '/IQ/IQG12/'],
  ] as const) {
    const { db, rowsRead, recorded } = instrumentedDb(env.DB);
    const page = await listServices(db, {
      filters: { area: { path, ancestorPaths: ancestorPaths(path) } },
      openOnly: false,
      sort: 'relevance',
      limit: 20,
      now: new Date(),
    });
    report.push(
      `${label.padEnd(22)} ${String(page.total).padStart(4)} services  ` +
        `${String(recorded.length).padStart(2)} queries  ${String(rowsRead()).padStart(5)} rows read`,
    );
  }
  console.log(`\nRows read per first page (directory: ${directorySize} services)\n${report.join('\n')}`);
});
