// Staging reads each planned statement from its builder's parts instead of rendering its SQL and
// parsing it back (the slow part of staging a large sheet). Both readings must give the same rows:
// every statement real plans make (a sheet of new and changed listings, a pathways.json whose steps
// move, and the derived rows of the listings) is read both ways here.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../api/admin/auth/principal.ts';
import type { WriteContext } from '../../api/admin/edit/write.ts';
import { derivedAfter } from '../../api/admin/import/derived-after.ts';
import { planFile, stageFile } from '../../api/admin/import/pipeline.ts';
import { commitRun } from '../../api/admin/import/staging.ts';
import {
  emptyWrites,
  readBuilder,
  readSql,
  stageStatement,
  type StagedOp,
} from '../../api/admin/import/staged-writes.ts';
import type { Statement } from '../../api/admin/db.ts';
import { database } from '../../db/client.ts';
import { exportFile } from './hsds-roundtrip.ts';
import { rows } from './support.ts';

const admin = {
  kind: 'token',
  id: 'reader-test',
  userId: null,
  label: 'reader test',
  role: 'admin',
  areaPcodes: [],
  areaPaths: [],
} as unknown as Principal;

const context = (): WriteContext => ({
  db: database(env.DB),
  actor: { userId: null, label: 'reader test' },
  now: new Date(),
  reason: 'import from a test',
});

const bytesOf = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

/** A plan's statements and its listings' derived statements, in the order staging reads them. */
async function statementsOf(ctx: WriteContext, file: string, format: 'csv' | 'json', text: string) {
  const plan = await planFile(ctx, admin, { bytes: bytesOf(text), format, fileName: file, mapping: {} });
  expect(plan.counts.rejected, JSON.stringify(plan.outcomes.filter((o) => o.errors.length))).toBe(0);
  const now = ctx.now.toISOString();
  const planned: Statement[] = plan.writes.flatMap((w) => [...w.guards, ...w.writes]);
  const writes = emptyWrites();
  for (const s of planned) stageStatement(writes, s, now);
  const indexed = plan.writes.flatMap((w) => w.indexed);
  const derived = await derivedAfter(ctx.db, indexed, writes, plan.found.areas, ctx.now);
  return { plan, statements: [...planned, ...derived] };
}

/** Each statement read both ways; the ops by kind, and any statement the builder reading left to SQL. */
function readBothWays(statements: Statement[], now: string) {
  const kinds: Record<string, number> = {};
  const leftToSql: string[] = [];
  for (const s of statements) {
    const fromSql: StagedOp = readSql(s, now);
    const fromBuilder = readBuilder(s, now);
    if (!fromBuilder) {
      leftToSql.push((s as unknown as { toSQL(): { sql: string } }).toSQL().sql.slice(0, 80));
      continue;
    }
    expect(fromBuilder).toEqual(fromSql);
    // The same keys in the same order: the staged JSON text is the same too.
    expect(JSON.stringify(fromBuilder)).toBe(JSON.stringify(fromSql));
    kinds[fromSql.op] = (kinds[fromSql.op] ?? 0) + 1;
  }
  return { kinds, leftToSql };
}

describe('staging reads a planned statement from its builder as its SQL says it', () => {
  it('a sheet of new listings and of changes to listings it imported before', async () => {
    const ctx = context();
    const now = ctx.now.toISOString();
    const header = 'external_id,organisation,service_type,pcode,phones,hours,languages,focal_point';
    const line = (i: number, hours: string, focal: string) =>
      [
        `READER-${i}`,
        `Reader Org ${i % 3}`,
        ['legal_aid', 'mhpss'][i % 2],
        'IQG15Q05',
        `0771 88800${i}${i}`,
        hours,
        '"Arabic, Kurdish"',
        focal,
      ].join(',');
    const first = [header, ...[1, 2, 3, 4].map((i) => line(i, 'Sun-Thu 8:00-14:00', `Focal ${i}`))].join('\n');
    const created = await statementsOf(ctx, 'reader.csv', 'csv', first);
    expect(created.plan.counts.new).toBe(4);
    const { kinds, leftToSql } = readBothWays(created.statements, now);
    expect(leftToSql).toEqual([]);
    expect(kinds.insert).toBeGreaterThan(0);
    expect(kinds.delete).toBeGreaterThan(0);

    // Commit them (the ordinary path), then change two of them: updates, version guards, replaced links.
    const run = await stageFile(ctx, created.plan, created.plan.planHash);
    await commitRun(ctx, admin, run.run_id);
    const second = [
      header,
      line(1, '24/7', 'Focal one'),
      line(2, 'Sun-Thu 8:00-14:00', 'Focal 2'),
      line(3, 'Sun-Wed 9:00-13:00', 'Focal 3'),
    ].join('\n');
    const changed = await statementsOf({ ...ctx, now: new Date() }, 'reader.csv', 'csv', second);
    expect(changed.plan.counts).toMatchObject({ changed: 2, unchanged: 1 });
    const again = readBothWays(changed.statements, now);
    expect(again.leftToSql).toEqual([]);
    expect(again.kinds.guard).toBeGreaterThan(0);
    expect(again.kinds.update).toBeGreaterThan(0);
  }, 120_000);

  it('a pathways.json whose steps move', async () => {
    const ctx = context();
    const now = ctx.now.toISOString();
    const pathways = await exportFile('pathways.json');
    const moved = pathways.find((p) => p.steps?.length >= 2);
    expect(moved).toBeDefined();
    moved.steps.reverse();
    for (const step of moved.steps) delete step.position;
    const [stored] = await rows<{ n: number }>(
      'SELECT count(*) AS n FROM pathway_steps WHERE pathway_id = ?',
      moved.id,
    );
    expect(stored!.n).toBeGreaterThanOrEqual(2);
    const fromPathways = await statementsOf(ctx, 'pathways.json', 'json', JSON.stringify(pathways));
    expect(fromPathways.plan.counts.changed).toBeGreaterThanOrEqual(1);
    const pathwaysRead = readBothWays(fromPathways.statements, now);
    expect(pathwaysRead.leftToSql).toEqual([]);
    expect(pathwaysRead.kinds.park).toBeGreaterThan(0);
  }, 120_000);
});
