import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

// Production D1 keeps SQLite's statistics (README, Deploy: PRAGMA optimize). They count the nulls of a
// column as one key, and a closure names a service or a route, never both: a full index on either
// column then looks as if each lookup read a large share of the table. A page of HSDS services must
// still read its own services' closures, not every closure in the directory once per service.

const CLOSURE_REASON = '{"en":"A closure elsewhere in the directory"}';
const PAGE = '/services?per_page=20&page=1';

/** One HSDS request through the real Worker, with the rows it read from D1. */
async function hsds(path: string) {
  const { binding, rowsRead } = instrumentedDb(env.DB);
  const response = await createApp().fetch(
    new Request(`https://masar.test/api/v1/hsds${path}`),
    { ...env, DB: binding },
    createExecutionContext(),
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { contents: Array<{ id: string }> };
  return { ids: body.contents.map((s) => s.id), rowsRead: rowsRead() };
}

describe('an HSDS page with closures elsewhere in the directory, with statistics', () => {
  let grown: string[] = [];
  afterAll(async () => {
    await env.DB.prepare('DELETE FROM closures WHERE reason = ?').bind(CLOSURE_REASON).run();
    await shrinkDirectory(env.DB, grown);
  });

  /**
   * `count` more closures, half on grown services and half on their phone lines. A few services
   * carry them all (an alert a day on a few lines), which is what makes the statistics of a full
   * index say "many closures per key".
   */
  async function growClosures(count: number) {
    const statements = [];
    for (let i = 0; i < count; i++) {
      const serviceId = grown[i % grown.length]!;
      statements.push(
        i % 2
          ? env.DB.prepare(
              'INSERT INTO closures (id, service_id, starts_at, ends_at, reason) ' +
                "VALUES (?, ?, '2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z', ?)",
            ).bind(crypto.randomUUID(), serviceId, CLOSURE_REASON)
          : env.DB.prepare(
              'INSERT INTO closures (id, contact_route_id, starts_at, ends_at, reason) ' +
                "SELECT ?, id, '2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z', ? " +
                'FROM contact_routes WHERE service_id = ?',
            ).bind(crypto.randomUUID(), CLOSURE_REASON, serviceId),
      );
    }
    for (let i = 0; i < statements.length; i += 400) await env.DB.batch(statements.slice(i, i + 400));
    await env.DB.prepare('ANALYZE').run();
  }

  it('the first page of services reads the same rows with 1,000 and 2,000 closures on other services', async () => {
    grown = await growDirectory(env.DB, 20);
    await growClosures(1000);
    const small = await hsds(PAGE);
    await growClosures(1000);
    const large = await hsds(PAGE);

    expect(large.ids).toEqual(small.ids);
    expect(small.ids.filter((id) => grown.includes(id))).toEqual([]);
    // An index seek may read one row past its range, and a grown closure can be that row.
    expect(Math.abs(large.rowsRead - small.rowsRead)).toBeLessThanOrEqual(3);
    // What 20 services' details cost (before: 95,001 rows with 1,000 closures, 189,001 with 2,000).
    expect(large.rowsRead).toBeLessThan(1000);
  }, 120_000);
});
