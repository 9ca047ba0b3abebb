// Planning an import reads the directory a few statements per kind for the whole sheet, never some
// per row: D1 allows 1,000 queries per Worker invocation (50 on the free plan), and a re-import of
// last month's sheet matches every row to an existing listing.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../api/admin/auth/principal.ts';
import { commitPlan, planFile } from '../../api/admin/import/pipeline.ts';
import { database } from '../../db/client.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

const admin = {
  id: 'query-count-test',
  role: 'admin',
  userId: null,
  label: 'query count test',
  areaPaths: [],
} as unknown as Principal;

/** `count` rows with distinct external ids and phones, in one district, with these hours. */
function sheet(prefix: string, phoneBlock: number, count: number, hours: string) {
  const lines = ['external_id,organisation,service_type,pcode,phones,hours,focal_point'];
  for (let i = 0; i < count; i++) {
    const phone = `0770 ${phoneBlock}${String(i).padStart(6, '0')}`;
    lines.push(`${prefix}-${i},${prefix} Query Org,legal_aid,IQG15Q05,${phone},${hours},Focal ${i}`);
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`).buffer as ArrayBuffer;
}

const contextOn = (db: ReturnType<typeof database>) => ({
  db,
  actor: { userId: null, label: 'query count test' },
  now: new Date(),
  reason: null,
});

async function importSheet(bytes: ArrayBuffer) {
  const ctx = contextOn(database(env.DB));
  const plan = await planFile(ctx, admin, { bytes, format: 'csv', fileName: 'count.csv', mapping: {} });
  await commitPlan(ctx, plan, plan.planHash);
  return plan;
}

/** The statements one dry run sends to D1. */
async function planningQueries(bytes: ArrayBuffer) {
  const recorder = instrumentedDb(env.DB);
  const plan = await planFile(contextOn(recorder.db), admin, {
    bytes,
    format: 'csv',
    fileName: 'count.csv',
    mapping: {},
  });
  return { plan, queries: recorder.recorded.length };
}

describe('import planning cost', () => {
  it('a 500-row re-import is planned in the same few queries as a 5-row one', async () => {
    const big = sheet('Q', 7, 500, 'Sun-Thu 8:00-14:00');
    const small = sheet('S', 8, 5, 'Sun-Thu 8:00-14:00');
    expect((await importSheet(big)).counts.new).toBe(500);
    expect((await importSheet(small)).counts.new).toBe(5);

    const again = await planningQueries(big);
    expect(again.plan.counts).toEqual({ new: 0, changed: 0, unchanged: 500, rejected: 0 });
    const smallAgain = await planningQueries(small);
    expect(smallAgain.plan.counts).toEqual({ new: 0, changed: 0, unchanged: 5, rejected: 0 });
    console.log(`planning a re-import: 500 rows ${again.queries} queries, 5 rows ${smallAgain.queries} queries`);
    expect(again.queries).toBe(smallAgain.queries);
    expect(again.queries).toBeLessThanOrEqual(15);
  }, 120_000);

  it('a re-import that changes the hours of 500 listings still plans in a few queries, and commits them', async () => {
    const changed = sheet('Q', 7, 500, 'Sun-Thu 9:00-15:00');
    const { plan, queries } = await planningQueries(changed);
    expect(plan.counts).toEqual({ new: 0, changed: 500, unchanged: 0, rejected: 0 });
    expect(queries).toBeLessThanOrEqual(15);
    // The plan made from records read in bulk is a real one: it commits, and the hours are stored.
    await commitPlan(contextOn(database(env.DB)), plan, plan.planHash);
    const stored = await env.DB.prepare(
      'SELECT DISTINCT r.opening_hours AS hours FROM contact_routes r JOIN services s ON s.id = r.service_id ' +
        "WHERE s.external_id LIKE 'Q-%'",
    ).all<{ hours: string }>();
    expect(stored.results.map((r) => r.hours)).toEqual(['Su-Th 09:00-15:00']);
  }, 120_000);
});
