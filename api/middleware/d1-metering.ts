/**
 * What one request cost D1, for the load bench (test/bench/load/): the statements sent, the round
 * trips they went in (a batch is one), the rows D1 reports it read (`meta.rows_read`, what D1 bills)
 * and the rows it sent back, in the response header `X-Masar-D1`.
 *
 * Only when the Worker runs with `MASAR_BENCH=1` (the bench's `wrangler dev --var MASAR_BENCH:1`;
 * never set in wrangler.toml, so never in production) AND the request asks for it with
 * `X-Masar-D1: 1`: the bench's load runs do not ask, so they time the Worker as deployed. A metered
 * builder read runs its statement twice (drizzle reads rows through `raw()`, which reports no
 * `meta`; `all()` before it measures), so a metered request's timing means nothing.
 *
 * The header is set on the way out, so it counts what ran before the response was handed back
 * (the public reads render whole answers; a streamed export would be undercounted).
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

export const D1_METER_HEADER = 'X-Masar-D1';

interface Meter {
  queries: number;
  trips: number;
  rowsRead: number;
  rowsReturned: number;
}

function meteredStatement(statement: D1PreparedStatement, meter: Meter): D1PreparedStatement {
  const count = (result: D1Result<unknown>) => {
    meter.queries++;
    meter.trips++;
    meter.rowsRead += result.meta?.rows_read ?? 0;
    meter.rowsReturned += result.results?.length ?? 0;
    return result;
  };
  return new Proxy(statement, {
    get(target, key) {
      if (key === UNWRAP) return target;
      if (key === 'bind') return (...values: unknown[]) => meteredStatement(target.bind(...values), meter);
      if (key === 'all' || key === 'run') return async () => count(await target.all());
      if (key === 'first') {
        return async (column?: string) => {
          const row = count(await target.all()).results[0] as Record<string, unknown> | undefined;
          return row === undefined ? null : column === undefined ? row : (row[column] ?? null);
        };
      }
      if (key === 'raw') {
        return async (options?: { columnNames?: boolean }) => {
          count(await target.all());
          return options?.columnNames ? target.raw({ columnNames: true }) : target.raw();
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The statement a metered one wraps: D1's batch accepts only its own statements. */
const UNWRAP = Symbol('unwrap');

function meteredDatabase<T extends D1Database | D1DatabaseSession>(d1: T, meter: Meter): T {
  return new Proxy(d1, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => meteredStatement(target.prepare(sql), meter);
      if (key === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const unwrapped = statements.map((s) => (s as unknown as Record<symbol, D1PreparedStatement>)[UNWRAP] ?? s);
          const results = await target.batch(unwrapped);
          meter.trips++;
          for (const result of results) {
            meter.queries++;
            meter.rowsRead += result.meta?.rows_read ?? 0;
            meter.rowsReturned += result.results?.length ?? 0;
          }
          return results;
        };
      }
      if (key === 'withSession') {
        return (...args: Parameters<D1Database['withSession']>) =>
          meteredDatabase((target as D1Database).withSession(...args), meter);
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export const d1Metering = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.env.MASAR_BENCH !== '1' || c.req.header(D1_METER_HEADER) !== '1') return next();
    const meter: Meter = { queries: 0, trips: 0, rowsRead: 0, rowsReturned: 0 };
    // A copy of the bindings for this request only: the env object is shared by concurrent requests.
    c.env = { ...c.env, DB: meteredDatabase(c.env.DB, meter) };
    await next();
    c.header(
      D1_METER_HEADER,
      `queries=${meter.queries}; trips=${meter.trips}; ` +
        `rows_read=${meter.rowsRead}; rows_returned=${meter.rowsReturned}`,
    );
  });
