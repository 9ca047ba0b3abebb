import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { D1_METER_HEADER } from '../../api/middleware/d1-metering.ts';
import { get } from '../support/http.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

// The load bench reads what a request cost D1 from a response header. Deployed, the Worker never
// says it: the header exists only where the bench's wrangler dev sets MASAR_BENCH=1.
const app = createApp();
const LISTING = '/api/v1/services?area=IQG15Q05&lang=ar';

async function fetchWith(bindings: Partial<typeof env> & Record<string, unknown>, headers: Record<string, string>) {
  const ctx = createExecutionContext();
  const response = await app.fetch(
    new Request(`https://masar.test${LISTING}`, { headers }),
    { ...env, ...bindings },
    ctx,
  );
  const body = await response.text();
  await waitOnExecutionContext(ctx);
  return { response, body };
}

function parse(header: string | null) {
  expect(header).not.toBeNull();
  return Object.fromEntries(
    header!
      .split('; ')
      .map((part) => part.split('='))
      .map(([k, v]) => [k, Number(v)]),
  );
}

describe('the D1 cost header of the load bench', () => {
  it('a deployed Worker never says what a request cost D1, even when asked', async () => {
    const asked = await get(LISTING, { [D1_METER_HEADER]: '1' });
    expect(asked.status).toBe(200);
    expect(asked.headers.get(D1_METER_HEADER)).toBeNull();
    const page = await get('/a/IQG15Q05', { [D1_METER_HEADER]: '1' });
    expect(page.headers.get(D1_METER_HEADER)).toBeNull();
  });

  it('under the bench it says nothing unless the request asks, so load runs are not metered', async () => {
    const { response } = await fetchWith({ MASAR_BENCH: '1' }, {});
    expect(response.status).toBe(200);
    expect(response.headers.get(D1_METER_HEADER)).toBeNull();
  });

  it('under the bench a listing reports the same statements and rows read as D1 reports for it', async () => {
    const instrumented = instrumentedDb(env.DB);
    const plain = await fetchWith({ DB: instrumented.binding }, {});
    const metered = await fetchWith({ MASAR_BENCH: '1' }, { [D1_METER_HEADER]: '1' });
    const ids = (body: string) => JSON.parse(body).items.map((item: { id: string }) => item.id);
    expect(ids(metered.body)).toEqual(ids(plain.body));
    const cost = parse(metered.response.headers.get(D1_METER_HEADER));
    expect(cost.queries).toBe(instrumented.recorded.length);
    expect(cost.trips).toBe(instrumented.trips());
    expect(cost.rows_read).toBe(instrumented.rowsRead());
    expect(cost.rows_returned).toBe(instrumented.rowsReturned());
    expect(cost.rows_read).toBeGreaterThan(0);
  });

  it('under the bench an edge copy reports the one row of the directory version it read', async () => {
    const bench = { MASAR_BENCH: '1', EDGE_CACHE: 'on' };
    for (let attempt = 0; attempt < 3; attempt++) {
      const minute = Math.floor(Date.now() / 60_000);
      await fetchWith(bench, {});
      const second = await fetchWith(bench, { [D1_METER_HEADER]: '1' });
      if (Math.floor(Date.now() / 60_000) !== minute) continue;
      expect(second.response.headers.get('X-Edge-Cache')).toBe('hit');
      expect(parse(second.response.headers.get(D1_METER_HEADER))).toEqual({
        queries: 1,
        trips: 1,
        rows_read: 1,
        rows_returned: 1,
      });
      return;
    }
    throw new Error('the minute changed between every pair of reads');
  });
});
