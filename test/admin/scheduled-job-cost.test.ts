import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import worker from '../../api/index.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { instrumentedDb, queryPlan } from '../support/instrumented-db.ts';
import { signedIn } from './support.ts';

// The hourly scheduled job reads what is due (verification dates, rank judgements, closures past
// retention, services without a stored document), each through its own index or table, so an hour
// with nothing due costs the same few rows whatever the directory holds.

/** One run of the Worker's scheduled handler at `moment`, every statement it sent metered. */
async function scheduledRun(moment: Date) {
  const instrumented = instrumentedDb(env.DB, { writes: true });
  const ctx = createExecutionContext();
  worker.scheduled(
    createScheduledController({ scheduledTime: moment.getTime(), cron: '17 * * * *' }),
    { ...env, DB: instrumented.binding },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { rowsRead: instrumented.rowsRead(), recorded: [...instrumented.recorded] };
}

const ids = async (sql: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<{ id: string }>()
  ).results
    .map((row) => row.id)
    .sort();

/** The table the job reads, and what it stands for: published services without a stored document. */
async function dueAndTruth() {
  return {
    due: await ids('SELECT service_id AS id FROM service_documents_due'),
    truth: await ids(
      "SELECT id FROM services WHERE status = 'published' AND id NOT IN (SELECT service_id FROM service_documents)",
    ),
  };
}

async function expectDue(expected: string[]) {
  const { due, truth } = await dueAndTruth();
  expect(due).toEqual(truth);
  expect(due).toEqual([...expected].sort());
}

const CLOSURE_REASON = '{"en":"A closure of a grown service"}';

describe('the hourly scheduled job in a growing directory', () => {
  let grown: string[] = [];
  afterAll(async () => {
    await env.DB.prepare('DELETE FROM closures WHERE reason = ?').bind(CLOSURE_REASON).run();
    await shrinkDirectory(env.DB, grown);
  });

  it('an hourly run with nothing due reads the same few rows at 1,000 and 2,000 published services', async () => {
    // One fixed moment: the first run there does whatever is due; the second, at the same moment, has nothing left.
    const moment = new Date();
    const settled = async () => {
      await scheduledRun(moment);
      return scheduledRun(moment);
    };
    grown = await growDirectory(env.DB, 1000);
    const small = await settled();
    grown.push(...(await growDirectory(env.DB, 1000)));
    const large = await settled();

    expect(large.rowsRead).toBe(small.rowsRead);
    // About one row per statement (before: 10,716 rows with 1,000 services grown, 20,756 with 2,000).
    expect(large.rowsRead).toBeLessThanOrEqual(20);
    // The listings to rank again are sought by their due date, not found by walking every rank row.
    const ranks = large.recorded.find((r) => /from "listing_ranks"/.test(r.sql))!;
    expect((await queryPlan(env.DB, ranks)).join('\n')).toMatch(/listing_ranks_due_idx \(rank_until<\?\)/);
  }, 300_000);

  it('the services due a document are exactly the published ones without one, through edits, unpublishing, republishing and deletion', async () => {
    const [edited, unpublished, dropped, removed, removedWithDocument] = grown as [
      string,
      string,
      string,
      string,
      string,
    ];
    await expectDue([]);

    // A write straight into the database drops the document: the service is due until one is stored.
    await env.DB.prepare("UPDATE services SET names = json_set(names, '$.en', 'Renamed synthetic') WHERE id IN (?, ?)")
      .bind(edited, removed)
      .run();
    await env.DB.prepare(
      "INSERT INTO closures (id, contact_route_id, starts_at, ends_at, reason) SELECT ?, id, '2020-01-01T00:00:00Z', " +
        "'2999-01-01T00:00:00Z', ? FROM contact_routes WHERE service_id = ?",
    )
      .bind(crypto.randomUUID(), CLOSURE_REASON, dropped)
      .run();
    await expectDue([edited, dropped, removed]);

    // Unpublished, it is due nothing, whether or not it had a document; published again, it is due one.
    await env.DB.prepare("UPDATE services SET status = 'draft' WHERE id IN (?, ?)").bind(unpublished, edited).run();
    await expectDue([dropped, removed]);
    await env.DB.prepare("UPDATE services SET status = 'published' WHERE id IN (?, ?)").bind(unpublished, edited).run();
    await expectDue([dropped, edited, unpublished, removed]);

    // A maintainer's edit stores its own document.
    const admin = await signedIn('admin');
    const current = await admin.get(`/services/${edited}`);
    expect(
      (await admin.patch(`/services/${edited}`, { cost_note: { en: 'Free of charge' } }, current.body.version)).status,
    ).toBe(200);
    await expectDue([dropped, unpublished, removed]);

    // A deleted service is due nothing, whether or not it had a document.
    await shrinkDirectory(env.DB, [removed, removedWithDocument]);
    grown = grown.filter((id) => id !== removed && id !== removedWithDocument);
    await expectDue([dropped, unpublished]);

    // The next run stores what is due, and reads those services only.
    await scheduledRun(new Date());
    await expectDue([]);
    expect(
      await ids('SELECT service_id AS id FROM service_documents WHERE service_id IN (?, ?)', dropped, unpublished),
    ).toEqual([dropped, unpublished].sort());
  }, 120_000);
});
