// A large import commits in steps: its writes are staged apart (no public read sees them), then one
// D1 batch of a few set-based statements applies all of them or none. Every request stays within
// D1's limits: at most 100 bound parameters and 100,000 bytes of SQL per statement, 2 MB per value,
// 1,000 queries per Worker invocation. (The benchmark, test/bench/import.bench.ts, times 20,000 rows.)
import { createExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import type { Principal } from '../../api/admin/auth/principal.ts';
import type { WriteContext } from '../../api/admin/edit/write.ts';
import { runMaintenance } from '../../api/admin/index.ts';
import { commitRun, stagePlan } from '../../api/admin/import/staging.ts';
import { createApp } from '../../api/app.ts';
import { ProblemError } from '../../api/errors.ts';
import { database } from '../../db/client.ts';
import { serviceAreas, services } from '../../db/schema.ts';
import { instrumentedDb, type Recorded } from '../support/instrumented-db.ts';
import { emptyDirectory, exportFile } from './hsds-roundtrip.ts';
import { Client, ORIGIN, one, rows, signedIn, uploadImport } from './support.ts';

const ROWS = 5000;
const RUNS = '/api/v1/admin/imports/runs';

/** `count` rows with distinct external ids and phones, spread over three districts. */
function sheet(prefix: string, phoneBlock: number, count: number) {
  const pcodes = ['IQG15Q05', 'IQG15Q07', 'IQG11Q02'];
  const lines = ['external_id,organisation,service_type,pcode,phones,hours,focal_point'];
  for (let i = 0; i < count; i++) {
    const phone = `0771 ${phoneBlock}${String(i).padStart(6, '0')}`;
    lines.push(
      `${prefix}-${i},${prefix} Staged Org ${i % 40},legal_aid,${pcodes[i % 3]},${phone},Sun-Thu 8:00-14:00,Focal ${i}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Every public table, row by row: the directory as the public (and the change log) knows it. */
async function directoryDump(): Promise<string> {
  const tables = [
    'organisations',
    'services',
    'service_type_assignments',
    'service_areas',
    'service_referral_details',
    'contact_routes',
    'locations',
    'service_at_locations',
    'service_coverage',
    'listing_ranks',
    'service_open_hours',
    'site_cells',
    'service_search',
    'service_search_words',
    'change_log',
  ];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = (await rows(`SELECT * FROM ${table}`)).map((r) => JSON.stringify(r)).sort();
  return JSON.stringify(out);
}

/** One request through the app on an instrumented D1: the answer and every statement it sent. */
async function counted(client: Client, method: string, path: string, body?: FormData) {
  const recorder = instrumentedDb(env.DB, { writes: true });
  const headers: Record<string, string> = { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' };
  if (client.cookie) headers.Cookie = client.cookie;
  if (client.csrf) headers['X-CSRF-Token'] = client.csrf;
  const response = await createApp().fetch(
    new Request(`${ORIGIN}${path}`, { method, headers, body }),
    { ...env, DB: recorder.binding },
    createExecutionContext(),
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, statements: recorder.recorded };
}

const form = (name: string, csv: string, planHash: string) => {
  const f = new FormData();
  f.set('file', new File([csv], name));
  f.set('plan_hash', planHash);
  return f;
};

const bytes = (text: string) => new TextEncoder().encode(text).length;

/** D1's limits, checked on every statement a request sent. */
function expectWithinD1Limits(statements: Recorded[]) {
  expect(statements.length).toBeLessThan(1000);
  for (const s of statements) {
    expect(s.params.length).toBeLessThanOrEqual(100);
    expect(bytes(s.sql)).toBeLessThanOrEqual(100_000);
    for (const p of s.params) if (typeof p === 'string') expect(bytes(p)).toBeLessThanOrEqual(2_000_000);
  }
}

/** The statements of each round trip, by trip: a batch is one. */
const trips = (statements: Recorded[]) => {
  const out = new Map<number, Recorded[]>();
  for (const s of statements) out.set(s.trip, [...(out.get(s.trip) ?? []), s]);
  return [...out.values()];
};

let admin: Client;
beforeAll(async () => {
  admin = await signedIn('admin');
});

describe('POST /api/v1/admin/imports/runs: a large import, committed in steps', () => {
  it(`commits a ${ROWS}-row sheet in steps whose every statement stays within D1's limits`, async () => {
    const csv = sheet('ST', 3, ROWS);
    const dry = await uploadImport(admin, 'staged.csv', csv);
    expect(dry.body.counts).toEqual({ new: ROWS, changed: 0, unchanged: 0, rejected: 0 });

    const before = await directoryDump();
    const staged = await counted(admin, 'POST', RUNS, form('staged.csv', csv, dry.body.plan_hash));
    expect(staged.status).toBe(201);
    expect(staged.body).toMatchObject({ plan_hash: dry.body.plan_hash, counts: dry.body.counts });
    expectWithinD1Limits(staged.statements);
    // The staged rows went in pieces, each one statement with one JSON parameter.
    const pieces = staged.statements.filter((s) => /^insert into "import_staged_rows"/.test(s.sql));
    expect(pieces).toHaveLength(staged.body.staging_statements);
    expect(pieces.every((s) => s.params.length === 2)).toBe(true);
    console.log(
      `${ROWS} rows: staged ${staged.body.staged_rows} rows in ${staged.body.staging_statements} statements, ` +
        `${staged.statements.length} queries in the staging request`,
    );
    // Staged, not written: every table a public read reads, and the change log, is as it was.
    expect(await directoryDump()).toBe(before);
    const commit = await counted(admin, 'POST', `${RUNS}/${staged.body.run_id}/commit`);
    expect(commit.status).toBe(200);
    expect(commit.body).toMatchObject({ committed: true, counts: dry.body.counts });
    expectWithinD1Limits(commit.statements);
    const batch = trips(commit.statements).sort((a, b) => b.length - a.length)[0]!;
    console.log(`commit: one batch of ${batch.length} statements, ${commit.statements.length} in the request`);
    expect(batch.length).toBeLessThanOrEqual(60);

    expect(
      await one<{ services: number; routes: number; coverage: number; changes: number }>(
        "WITH s AS (SELECT id FROM services WHERE external_id LIKE 'ST-%') SELECT " +
          '(SELECT count(*) FROM s) AS services, ' +
          '(SELECT count(*) FROM contact_routes WHERE service_id IN s) AS routes, ' +
          '(SELECT count(DISTINCT service_id) FROM service_coverage WHERE service_id IN s) AS coverage, ' +
          '(SELECT count(*) FROM change_log WHERE service_id IN s) AS changes',
      ),
    ).toEqual({ services: ROWS, routes: ROWS, coverage: ROWS, changes: 3 * ROWS });
    // The staged rows went with the commit.
    expect(await one('SELECT count(*) AS n FROM import_staged_rows')).toEqual({ n: 0 });

    // The commit's batch is as long for five rows as for thousands: its statements are set-based.
    const small = sheet('SM', 4, 5);
    const smallDry = await uploadImport(admin, 'small.csv', small);
    const smallStaged = await counted(admin, 'POST', RUNS, form('small.csv', small, smallDry.body.plan_hash));
    const smallCommit = await counted(admin, 'POST', `${RUNS}/${smallStaged.body.run_id}/commit`);
    expect(smallCommit.status).toBe(200);
    expect(trips(smallCommit.statements).sort((a, b) => b.length - a.length)[0]!.length).toBe(batch.length);
  }, 300_000);

  it('changes nothing when the same sheet is staged and committed again', async () => {
    const csv = sheet('RE', 5, 30);
    for (let round = 0; round < 2; round++) {
      const dry = await uploadImport(admin, 'again.csv', csv);
      expect(dry.body.counts).toEqual(
        round === 0
          ? { new: 30, changed: 0, unchanged: 0, rejected: 0 }
          : { new: 0, changed: 0, unchanged: 30, rejected: 0 },
      );
      const before = await directoryDump();
      const staged = await admin.request('POST', '/imports/runs', form('again.csv', csv, dry.body.plan_hash));
      expect(staged.status).toBe(201);
      expect((await admin.post(`/imports/runs/${staged.body.run_id}/commit`)).status).toBe(200);
      if (round === 1) expect(await directoryDump()).toBe(before);
    }
  });

  it('leaves the directory identical when the final commit fails, and lets no one else commit a run', async () => {
    const csv = sheet('FA', 6, 40);
    const dry = await uploadImport(admin, 'fail.csv', csv);
    const staged = await admin.request('POST', '/imports/runs', form('fail.csv', csv, dry.body.plan_hash));
    expect(staged.status).toBe(201);

    // A run belongs to whoever staged it: another admin can neither commit nor discard it.
    const other = await signedIn('admin');
    expect((await other.post(`/imports/runs/${staged.body.run_id}/commit`)).status).toBe(404);
    expect((await other.delete(`/imports/runs/${staged.body.run_id}`)).status).toBe(404);

    // The search rows are among the last writes of the batch: refusing one fails the whole commit.
    await env.DB.prepare(
      "CREATE TRIGGER fail_staged_commit BEFORE INSERT ON service_coverage WHEN NEW.area_path LIKE '%IQG11Q02%' " +
        "BEGIN SELECT RAISE(ABORT, 'coverage refused'); END",
    ).run();
    const before = await directoryDump();
    try {
      const commit = await admin.post(`/imports/runs/${staged.body.run_id}/commit`);
      expect(commit.status).toBe(409);
      expect(commit.headers.get('Content-Type')).toContain('application/problem+json');
    } finally {
      await env.DB.prepare('DROP TRIGGER fail_staged_commit').run();
    }
    expect(await directoryDump()).toBe(before);
    expect(await one("SELECT count(*) AS n FROM services WHERE external_id LIKE 'FA-%'")).toEqual({ n: 0 });
  });

  it('refuses to commit a staged run once the directory changed since it was planned', async () => {
    const csv = sheet('SL', 7, 10);
    const dry = await uploadImport(admin, 'stale.csv', csv);
    const staged = await admin.request('POST', '/imports/runs', form('stale.csv', csv, dry.body.plan_hash));
    expect(staged.status).toBe(201);
    // Another import lands in between: the plan was made against a directory that is no more.
    const between = sheet('BT', 8, 2);
    const betweenDry = await uploadImport(admin, 'between.csv', between);
    const direct = await uploadImport(admin, 'between.csv', between, {
      dry_run: 'false',
      plan_hash: betweenDry.body.plan_hash,
    });
    expect(direct.status).toBe(200);
    const before = await directoryDump();
    const commit = await admin.post(`/imports/runs/${staged.body.run_id}/commit`);
    expect(commit.status).toBe(409);
    expect(commit.body.detail).toMatch(/changed since this import was planned/);
    expect(await directoryDump()).toBe(before);
  });

  it('an edit to another listing between staging and commit does not hold the commit back, and the edit stays', async () => {
    const csv = sheet('UN', 1, 5);
    const dry = await uploadImport(admin, 'unrelated.csv', csv);
    const staged = await admin.request('POST', '/imports/runs', form('unrelated.csv', csv, dry.body.plan_hash));
    expect(staged.status).toBe(201);
    // A listing the sheet neither matches nor names, edited meanwhile.
    const other = await one<{ id: string; version: number }>(
      "SELECT id, version FROM services WHERE external_id IS NULL AND status = 'published' ORDER BY id LIMIT 1",
    );
    const edited = await admin.patch(
      `/services/${other.id}`,
      { cost_kind: 'paid', change_reason: 'Checked by phone' },
      other.version,
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const commit = await admin.post(`/imports/runs/${staged.body.run_id}/commit`);
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);
    expect(await one("SELECT count(*) AS n FROM services WHERE external_id LIKE 'UN-%'")).toEqual({ n: 5 });
    expect(await one('SELECT cost_kind FROM services WHERE id = ?', other.id)).toEqual({ cost_kind: 'paid' });
  });

  it('an edit to a listing the plan changes, or only reads, between staging and commit refuses the commit and writes nothing', async () => {
    const csv = sheet('IP', 2, 3);
    const first = await uploadImport(admin, 'in-plan.csv', csv);
    expect(
      (await uploadImport(admin, 'in-plan.csv', csv, { dry_run: 'false', plan_hash: first.body.plan_hash })).status,
    ).toBe(200);
    const listings = await rows<{ id: string; version: number }>(
      "SELECT id, version FROM services WHERE external_id LIKE 'IP-%' ORDER BY external_id",
    );
    // The second sheet changes the first listing's focal point and leaves the others as they are.
    const changed = csv.replace('Focal 0', 'Focal zero');
    for (const [k, listing] of [listings[0]!, listings[2]!].entries()) {
      const dry = await uploadImport(admin, 'in-plan.csv', changed);
      expect(dry.body.counts).toEqual({ new: 0, changed: 1, unchanged: 2, rejected: 0 });
      const staged = await admin.request('POST', '/imports/runs', form('in-plan.csv', changed, dry.body.plan_hash));
      expect(staged.status).toBe(201);
      const current = await one<{ version: number }>('SELECT version FROM services WHERE id = ?', listing.id);
      const edited = await admin.patch(
        `/services/${listing.id}`,
        { cost_kind: k === 0 ? 'free' : 'paid', change_reason: 'Checked by phone' },
        current.version,
      );
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      const before = await directoryDump();
      const commit = await admin.post(`/imports/runs/${staged.body.run_id}/commit`);
      expect(commit.status).toBe(409);
      expect(commit.body.detail).toMatch(/changed since this import was planned/);
      expect(await directoryDump()).toBe(before);
    }
  });

  describe('a listing or route created between staging and commit', () => {
    /** One row of an organisation the directory knows, at `pcode`. */
    const row = (externalId: string, org: string, pcode: string, phone: string) =>
      `external_id,organisation,service_type,pcode,phones\n${externalId},${org},legal_aid,${pcode},${phone}\n`;
    const commitDirect = async (name: string, csv: string) => {
      const dry = await uploadImport(admin, name, csv);
      expect(dry.body.counts.rejected, JSON.stringify(dry.body.rows)).toBe(0);
      const done = await uploadImport(admin, name, csv, { dry_run: 'false', plan_hash: dry.body.plan_hash });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    };
    /** Stages a one-row sheet of `org` (already in the directory) at IQG15Q07: the run and its phone as stored. */
    const stageOne = async (externalId: string, org: string, phone: string) => {
      const csv = row(externalId, org, 'IQG15Q07', phone);
      const dry = await uploadImport(admin, 'planned.csv', csv);
      expect(dry.body.counts).toEqual({ new: 1, changed: 0, unchanged: 0, rejected: 0 });
      const staged = await admin.request('POST', '/imports/runs', form('planned.csv', csv, dry.body.plan_hash));
      expect(staged.status, JSON.stringify(staged.body)).toBe(201);
      const phones = dry.body.rows[0].changes.find((c: { field: string }) => c.field === 'phones').new as string[];
      return { runId: staged.body.run_id as string, phone: phones[0]! };
    };
    const otherListing = () =>
      one<{ id: string }>(
        "SELECT id FROM services WHERE external_id IS NULL AND status = 'published' ORDER BY id LIMIT 1",
      );

    it('an unrelated new listing or route does not hold the commit back', async () => {
      await commitDirect('base.csv', row('UL-base', 'Unrelated Listings Org', 'IQG15Q05', '0771 9100001'));
      const { runId } = await stageOne('UL-0', 'Unrelated Listings Org', '0771 9100002');
      // Meanwhile: a listing created by hand, another listing of the same organisation imported
      // elsewhere, and a route with another number.
      const org = await one<{ id: string }>('SELECT id FROM organisations ORDER BY id LIMIT 1');
      const created = await admin.post('/services', {
        organisation_id: org.id,
        country: 'IQ',
        names: { en: 'Listing added meanwhile' },
        type_ids: ['legal_aid'],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      await commitDirect('elsewhere.csv', row('UL-1', 'Unrelated Listings Org', 'IQG11Q02', '0771 9100003'));
      const route = await admin.post(`/services/${(await otherListing()).id}/contact-routes`, {
        kind: 'phone',
        value: '+9647719100004',
      });
      expect(route.status, JSON.stringify(route.body)).toBe(201);

      const commit = await admin.post(`/imports/runs/${runId}/commit`);
      expect(commit.status, JSON.stringify(commit.body)).toBe(200);
      expect(await one("SELECT count(*) AS n FROM services WHERE external_id LIKE 'UL-%'")).toEqual({ n: 3 });
    });

    it("a new listing with a planned row's external id refuses the commit and writes nothing", async () => {
      await commitDirect('base.csv', row('EI-base', 'External Ids Org', 'IQG15Q05', '0771 9200001'));
      const { runId } = await stageOne('EI-0', 'External Ids Org', '0771 9200002');
      // The same external id imported meanwhile, for the same organisation elsewhere: the row's match.
      await commitDirect('meanwhile.csv', row('EI-0', 'External Ids Org', 'IQG11Q02', '0771 9200003'));
      const before = await directoryDump();
      const commit = await admin.post(`/imports/runs/${runId}/commit`);
      expect(commit.status).toBe(409);
      expect(commit.body.detail).toMatch(/changed since this import was planned/);
      expect(await directoryDump()).toBe(before);
    });

    it("a new listing of a planned row's organisation, type and P-code refuses the commit", async () => {
      await commitDirect('base.csv', row('OT-base', 'Same Place Org', 'IQG15Q05', '0771 9300001'));
      const { runId } = await stageOne('OT-0', 'Same Place Org', '0771 9300002');
      const org = await one<{ id: string }>("SELECT organisation_id AS id FROM services WHERE external_id = 'OT-base'");
      const created = await admin.post('/services', {
        organisation_id: org.id,
        country: 'IQ',
        names: { en: 'Same place, added by hand' },
        type_ids: ['legal_aid'],
        area_pcodes: ['IQG15Q07'],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const commit = await admin.post(`/imports/runs/${runId}/commit`);
      expect(commit.status).toBe(409);
    });

    it("a new route with a planned row's phone number refuses the commit and writes nothing", async () => {
      await commitDirect('base.csv', row('PH-base', 'Phones Org', 'IQG15Q05', '0771 9400001'));
      const { runId, phone } = await stageOne('PH-0', 'Phones Org', '0771 9400002');
      // The same number added meanwhile to a listing the sheet does not name: the row's duplicate.
      const route = await admin.post(`/services/${(await otherListing()).id}/contact-routes`, {
        kind: 'phone',
        value: phone,
      });
      expect(route.status, JSON.stringify(route.body)).toBe(201);
      const before = await directoryDump();
      const commit = await admin.post(`/imports/runs/${runId}/commit`);
      expect(commit.status).toBe(409);
      expect(await directoryDump()).toBe(before);
      expect(await one("SELECT count(*) AS n FROM services WHERE external_id = 'PH-0'")).toEqual({ n: 0 });
    });
  });

  it('forgets a staged run that is not committed within its hour', async () => {
    const csv = sheet('EX', 9, 5);
    const dry = await uploadImport(admin, 'expire.csv', csv);
    const staged = await admin.request('POST', '/imports/runs', form('expire.csv', csv, dry.body.plan_hash));
    expect(staged.status).toBe(201);
    const runId = staged.body.run_id;
    expect(
      (await one<{ n: number }>('SELECT count(*) AS n FROM import_staged_rows WHERE run_id = ?', runId)).n,
    ).toBeGreaterThan(0);
    const report = await runMaintenance(database(env.DB), new Date(Date.parse(staged.body.expires_at) + 60_000));
    expect(report.import_runs_removed).toBeGreaterThanOrEqual(1);
    expect(await one('SELECT count(*) AS n FROM import_staged_rows WHERE run_id = ?', runId)).toEqual({ n: 0 });
    expect((await admin.post(`/imports/runs/${runId}/commit`)).status).toBe(404);
  });
});

/**
 * The directory an import wrote, without what only says when it was written (the moment of writing
 * and the change log's running number): two commits of the same files must leave exactly this.
 */
async function writtenDirectory(sinceChange: number) {
  const tables = [
    'organisations',
    'services',
    'service_type_assignments',
    'service_areas',
    'service_referral_details',
    'contact_routes',
    'closures',
    'locations',
    'service_at_locations',
    'service_coverage',
    'listing_ranks',
    'service_open_hours',
    'site_cells',
    'service_search',
    'service_search_words',
    'pathways',
    'pathway_steps',
  ];
  // The moment of writing, also inside the change log's JSON values (where its quotes are escaped).
  const timeless = (r: Record<string, unknown>) =>
    JSON.stringify(r).replace(/(\\*")(created_at|updated_at)\1:\1[\dT:.Z-]+\1/g, '$1$2$1:$1(when written)$1');
  const out: Record<string, string[]> = {};
  for (const table of tables) out[table] = (await rows(`SELECT * FROM ${table}`)).map(timeless).sort();
  // A step's service links get a new id at each planning: they are compared by what they link.
  out.pathway_step_services = (await rows('SELECT * FROM pathway_step_services'))
    .map(({ id: _i, ...r }) => timeless(r))
    .sort();
  out.change_log = (await rows('SELECT * FROM change_log WHERE id > ? ORDER BY id', sinceChange)).map((r) => {
    const { id: _i, at: _a, ...rest } = r;
    return timeless(rest);
  });
  return out;
}

describe('an HSDS package committed in steps', () => {
  it('a tabular zip and a pathways.json committed in steps give the same directory as committed in one request', async () => {
    const zipResponse = await exports.default.fetch(`${ORIGIN}/api/v1/exports/hsds/datapackage.zip?lang=en`);
    expect(zipResponse.status).toBe(200);
    const inZip = unzipSync(new Uint8Array(await zipResponse.arrayBuffer()));
    // The tabular form alone: datapackage.json and its CSV tables.
    const tabular = zipSync(
      Object.fromEntries(
        Object.entries(inZip).filter(([name]) => !name.endsWith('.json') || name === 'datapackage.json'),
      ),
    );
    const pathwaysText = JSON.stringify(await exportFile('pathways.json'));
    const files: Array<[string, string | Uint8Array]> = [
      ['package.zip', tabular],
      ['pathways.json', pathwaysText],
    ];

    const dumps: Array<Record<string, string[]>> = [];
    for (const inSteps of [false, true]) {
      await emptyDirectory({ withPathways: true });
      const mark = (await one<{ n: number | null }>('SELECT max(id) AS n FROM change_log')).n ?? 0;
      for (const [name, content] of files) {
        const dry = await uploadImport(admin, name, content);
        expect(dry.status, JSON.stringify(dry.body)).toBe(200);
        expect(dry.body.counts.new).toBeGreaterThan(0);
        expect(dry.body.counts.rejected).toBe(0);
        if (inSteps) {
          const staged = await uploadImport(admin, name, content, { plan_hash: dry.body.plan_hash }, RUNS);
          expect(staged.status, JSON.stringify(staged.body)).toBe(201);
          const commit = await admin.post(`/imports/runs/${staged.body.run_id}/commit`);
          expect(commit.status, JSON.stringify(commit.body)).toBe(200);
        } else {
          const commit = await uploadImport(admin, name, content, {
            dry_run: 'false',
            plan_hash: dry.body.plan_hash,
          });
          expect(commit.status, JSON.stringify(commit.body)).toBe(200);
        }
      }
      dumps.push(await writtenDirectory(mark));
    }
    expect(dumps[1]!.pathway_steps!.length).toBeGreaterThan(0);
    expect(dumps[1]).toEqual(dumps[0]);
  }, 300_000);
});

describe('a planned write the staged commit cannot carry', () => {
  it('is refused as a problem naming the file, and nothing is staged', async () => {
    const db = database(env.DB);
    const ctx: WriteContext = { db, actor: { userId: null, label: 'Test' }, now: new Date(), reason: 'import' };
    // A write no planner makes: a delete by a pattern, which the staged rows have no form for.
    const plan = {
      planHash: 'h',
      counts: { new: 0, changed: 1, unchanged: 0, rejected: 0 },
      writes: [
        { guards: [], writes: [db.delete(services).where(like(services.id, 'none-%'))], indexed: [], changes: [] },
      ],
    };
    const before = await one('SELECT count(*) AS n FROM import_runs');
    const refusal = await stagePlan(ctx, { id: 'someone' } as Principal, plan, 'odd.csv', [], 0).catch((e) => e);
    expect(refusal).toBeInstanceOf(ProblemError);
    expect(refusal.problem).toMatchObject({
      status: 400,
      detail: 'This import cannot be committed: nothing was written.',
      errors: [
        { in: 'body', name: 'file', reason: expect.stringMatching(/^plans a write the staged commit cannot carry/) },
      ],
    });
    expect(await one('SELECT count(*) AS n FROM import_runs')).toEqual(before);
  });
});

describe("a plan's writes, staged", () => {
  it('a row the plan inserts and then deletes is not written, as running the statements in order would not keep it', async () => {
    const db = database(env.DB);
    const ctx: WriteContext = { db, actor: { userId: null, label: 'Test' }, now: new Date(), reason: 'import' };
    const { id } = await one<{ id: string }>('SELECT id FROM services ORDER BY id LIMIT 1');
    const [first, second] = await rows<{ pcode: string }>(
      "SELECT pcode FROM areas WHERE level = 2 AND country = 'IQ' ORDER BY pcode LIMIT 2",
    );
    const plan = {
      planHash: 'h',
      counts: { new: 0, changed: 1, unchanged: 0, rejected: 0 },
      writes: [
        {
          guards: [],
          writes: [
            db.insert(serviceAreas).values({ serviceId: id, areaPcode: first!.pcode }),
            db.delete(serviceAreas).where(eq(serviceAreas.serviceId, id)),
            db.insert(serviceAreas).values({ serviceId: id, areaPcode: second!.pcode }),
          ],
          indexed: [],
          changes: [],
        },
      ],
    };
    const mark = (await one<{ n: number | null }>('SELECT max(id) AS n FROM change_log')).n ?? 0;
    const p = { id: 'someone' } as Principal;
    const run = await stagePlan(ctx, p, plan, 'order.csv', [], mark);
    await commitRun(ctx, p, run.run_id);
    expect(await rows('SELECT area_pcode FROM service_areas WHERE service_id = ?', id)).toEqual([
      { area_pcode: second!.pcode },
    ]);
  });
});
