/**
 * A D1 binding that records every statement a query layer sends and the rows D1 reports it read,
 * so tests can EXPLAIN the real queries and measure their cost without changing production code.
 */
import { database } from '../../db/client.ts';

export interface Recorded {
  sql: string;
  params: unknown[];
  rowsRead: number;
  /** Rows D1 sent back. */
  rowsReturned: number;
  /** The round trip it went in: statements of one batch share it. */
  trip: number;
}

/** Where a recorded statement keeps its SQL and parameters, for a batch to record them. */
const SOURCE = Symbol('source');

export function instrumentedDb(d1: D1Database, options: { writes?: boolean } = {}) {
  const recorded: Recorded[] = [];
  let trips = 0;
  const wrap = (statement: D1PreparedStatement, sql: string, params: unknown[]): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, key) {
        if (key === SOURCE) return { sql, params };
        if (key === 'bind') return (...values: unknown[]) => wrap(target.bind(...values), sql, values);
        if (key === 'all') {
          return async () => {
            const result = await target.all();
            recorded.push({
              sql,
              params,
              rowsRead: result.meta.rows_read ?? 0,
              rowsReturned: result.results.length,
              trip: ++trips,
            });
            return result;
          };
        }
        if (key === 'run' && options.writes) {
          // A write sent on its own (drizzle runs inserts and updates through run()), when asked for.
          return async () => {
            const result = await target.run();
            recorded.push({ sql, params, rowsRead: result.meta.rows_read ?? 0, rowsReturned: 0, trip: ++trips });
            return result;
          };
        }
        if (key === 'raw') {
          // drizzle reads builder selects through raw(), which reports no meta: all() measures the
          // statement and raw() gives the rows (as arrays, so two columns of the same name, such as
          // a service's and its organisation's `names`, both arrive).
          return async () => {
            const result = await target.all();
            recorded.push({
              sql,
              params,
              rowsRead: result.meta.rows_read ?? 0,
              rowsReturned: result.results.length,
              trip: ++trips,
            });
            return target.raw();
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  // A read-replica session (what public pages read through) records its statements as well.
  const recording = <T extends D1Database | D1DatabaseSession>(d1: T): T =>
    new Proxy(d1, {
      get(target, key) {
        if (key === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql, []);
        if (key === 'batch') {
          return async (statements: D1PreparedStatement[]) => {
            const results = await target.batch(statements);
            const trip = ++trips;
            statements.forEach((statement, i) => {
              const { sql, params } = (statement as unknown as Record<symbol, { sql: string; params: unknown[] }>)[
                SOURCE
              ]!;
              const result = results[i]!;
              recorded.push({
                sql,
                params,
                rowsRead: result.meta.rows_read ?? 0,
                rowsReturned: result.results.length,
                trip,
              });
            });
            return results;
          };
        }
        if (key === 'withSession') {
          return (...args: Parameters<D1Database['withSession']>) =>
            recording((target as D1Database).withSession(...args));
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const binding = recording(d1);
  return {
    /** The binding itself, for an app under test (`createApp().fetch(request, { ...env, DB: binding })`). */
    binding,
    db: database(binding),
    recorded,
    rowsRead: () => recorded.reduce((sum, r) => sum + r.rowsRead, 0),
    rowsReturned: () => recorded.reduce((sum, r) => sum + r.rowsReturned, 0),
    /** Round trips to D1: a batch is one. */
    trips: () => new Set(recorded.map((r) => r.trip)).size,
    reset: () => recorded.splice(0),
  };
}

/** EXPLAIN QUERY PLAN lines of a recorded statement. */
export async function queryPlan(d1: D1Database, statement: Recorded): Promise<string[]> {
  const plan = await d1
    .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
    .bind(...statement.params)
    .all<{ detail: string }>();
  return plan.results.map((row) => row.detail);
}
