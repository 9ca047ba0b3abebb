// Bulk import at its size limits: a thousand good rows and one bad one commit nothing; the largest
// sheet committed in the request of its dry run commits, every planned statement within D1's
// per-statement limits (100 bound parameters, 100,000 bytes of SQL). Larger sheets are committed
// in steps: import-staged.test.ts.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../../db/client.ts';
import type { Principal } from '../../api/admin/auth/principal.ts';
import { MAX_API_IMPORT_ROWS, MAX_DIRECT_COMMIT_ROWS, planFile } from '../../api/admin/import/pipeline.ts';
import { one, signedIn, type Client, uploadImport } from './support.ts';

/** `count` good rows (distinct ids and phones); `bad` data-row indexes get an unknown P-code. */
function sheet(prefix: string, phoneBlock: number, count: number, bad: number[] = []) {
  const lines = ['external_id,organisation,service_type,pcode,phones,hours'];
  for (let i = 0; i < count; i++) {
    const phone = `0770 ${phoneBlock}${String(i).padStart(6, '0')}`;
    const pcode = bad.includes(i) ? 'IQZZ99' : 'IQG15Q05';
    lines.push(`${prefix}-${i},${prefix} Limits Org,legal_aid,${pcode},${phone},Sun-Thu 8:00-14:00`);
  }
  return `${lines.join('\n')}\n`;
}

const counts = () =>
  one<{ services: number; routes: number; changes: number; organisations: number }>(
    'SELECT (SELECT count(*) FROM services) AS services, (SELECT count(*) FROM contact_routes) AS routes, ' +
      '(SELECT count(*) FROM change_log) AS changes, (SELECT count(*) FROM organisations) AS organisations',
  );

let admin: Client;
beforeAll(async () => {
  admin = await signedIn('admin');
});

describe('bulk import at its limits', () => {
  it('commits nothing when one row among a thousand good ones is bad, and reports exactly that row', async () => {
    // Data row 500 (0-based) is spreadsheet row 502: the header is row 1.
    const csv = sheet('K', 1, 1001, [500]);
    const before = await counts();
    const started = Date.now();
    const dry = await uploadImport(admin, 'thousand.csv', csv);
    const dryRunMs = Date.now() - started;
    console.log(`dry run of 1,001 rows: ${dryRunMs} ms`);
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toEqual({ new: 1000, changed: 0, unchanged: 0, rejected: 1 });
    const rejected = dry.body.rows.filter((r: any) => r.outcome === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      row: 502,
      errors: [{ column: 'pcode', reason: 'no area has the P-code IQZZ99' }],
    });

    const commit = await uploadImport(admin, 'thousand.csv', csv, { dry_run: 'false', plan_hash: dry.body.plan_hash });
    expect(commit.status).toBe(400);
    expect(commit.body.errors).toEqual([
      { in: 'body', name: 'file', reason: 'row 502: pcode: no area has the P-code IQZZ99' },
    ]);
    expect(await counts()).toEqual(before);
    expect(await one("SELECT count(*) AS n FROM services WHERE external_id LIKE 'K-%'")).toEqual({ n: 0 });
  });

  it(`commits a sheet of ${MAX_DIRECT_COMMIT_ROWS} rows in one request, within D1's limits`, async () => {
    const csv = sheet('M', 2, MAX_DIRECT_COMMIT_ROWS);
    const bytes = new TextEncoder().encode(csv).buffer as ArrayBuffer;
    // The plan the route would commit, inspected statement by statement.
    const principal = {
      id: 'limits-test',
      role: 'admin',
      userId: null,
      label: 'limits test',
      areaPaths: [],
    } as unknown as Principal;
    const ctx = { db: database(env.DB), actor: { userId: null, label: 'limits test' }, now: new Date(), reason: null };
    const plan = await planFile(ctx, principal, { bytes, format: 'csv', fileName: 'max.csv', mapping: {} });
    expect(plan.counts.new).toBe(MAX_DIRECT_COMMIT_ROWS);
    const statements = plan.writes.flatMap((w) => [...w.guards, ...w.writes]);
    // Every drizzle statement can show the SQL and parameters it will send.
    const sizes = statements.map((s) => (s as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL());
    const mostParams = Math.max(...sizes.map((q) => q.params.length));
    const longest = Math.max(...sizes.map((q) => new TextEncoder().encode(q.sql).length));
    console.log(`${MAX_DIRECT_COMMIT_ROWS}-row plan: ${statements.length} statements, ≤ ${mostParams} params`);
    expect(mostParams).toBeLessThanOrEqual(100);
    expect(longest).toBeLessThanOrEqual(100_000);

    // And the real commit through the API, in workerd's D1. The plan above is the one its dry run
    // shows (the same rows, hence the same hash), so its hash stands for that dry run.
    const before = await counts();
    const started = Date.now();
    const commit = await uploadImport(admin, 'max.csv', csv, { dry_run: 'false', plan_hash: plan.planHash });
    console.log(`commit of ${MAX_DIRECT_COMMIT_ROWS} rows: ${Date.now() - started} ms`);
    expect(commit.status).toBe(200);
    const after = await counts();
    expect(after.services - before.services).toBe(MAX_DIRECT_COMMIT_ROWS);
    expect(after.routes - before.routes).toBe(MAX_DIRECT_COMMIT_ROWS);
    expect(after.organisations - before.organisations).toBe(1);
    expect(
      await one(
        'SELECT count(*) AS n FROM service_coverage c JOIN services s ON s.id = c.service_id ' +
          "WHERE s.external_id LIKE 'M-%'",
      ),
    ).toEqual({ n: MAX_DIRECT_COMMIT_ROWS });
    // Planning and writing 2,000 listings takes half a minute on a busy 2-core machine.
  }, 120_000);
});

describe('a sheet over the API limit', () => {
  it(`is refused with a problem on the file naming the limit of ${MAX_API_IMPORT_ROWS} rows and the command line`, async () => {
    const csv = sheet('BIG', 3, MAX_API_IMPORT_ROWS + 1);
    const before = await counts();
    for (const path of ['/api/v1/admin/imports', '/api/v1/admin/imports/runs']) {
      const refused = await uploadImport(admin, 'big.csv', csv, { plan_hash: 'a'.repeat(64) }, path);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('Content-Type')).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([
        {
          in: 'body',
          name: 'file',
          reason:
            `has ${MAX_API_IMPORT_ROWS + 1} rows; the API plans at most ${MAX_API_IMPORT_ROWS} rows per import: ` +
            'import it from the command line with npm run import -- big.csv --remote (db/import.mjs, up to 20000), ' +
            'or split it',
        },
      ]);
    }
    expect(await counts()).toEqual(before);
  });
});
