// One public request through the Worker, with D1 metered: what D1 bills (rows read) and what each
// request costs in round trips, the directory version of the edge copy included.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { createApp } from '../../api/app.ts';
import { instrumentedDb } from './instrumented-db.ts';

/** `path` with the edge copy on, as an edge miss (so its version read counts), answered 200. */
export async function fetchCounted(path: string) {
  const instrumented = instrumentedDb(env.DB);
  const ctx = createExecutionContext();
  const response = await createApp().fetch(
    new Request(`https://masar.test${path}`),
    { ...env, DB: instrumented.binding, EDGE_CACHE: 'on' },
    ctx,
  );
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('X-Edge-Cache'), path).toBe('miss');
  return {
    text,
    rowsRead: instrumented.rowsRead(),
    rowsReturned: instrumented.rowsReturned(),
    trips: instrumented.trips(),
    statements: [...instrumented.recorded],
  };
}
