// An HSDS export of the directory, imported into an empty directory and exported again, says the
// same thing in every language: every service, organisation, site, contact route, hours rule,
// closure, every Masar fact ("masar-facts" attributes, verification metadata, P-codes,
// accessibility), and the referral pathways with their steps (pathways.json).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../api/domain/vocabulary.ts';
import { translationTermId } from '../../api/views/hsds-translations.ts';
import { emptyDirectory, exportFile, exportServices, normalised } from './hsds-roundtrip.ts';
import { one, rows, signedIn, type Client, uploadImport } from './support.ts';

/** services.json and pathways.json in each of the five languages. */
async function exportEveryLanguage() {
  const out: Record<string, { services: any[]; pathways: any[] }> = {};
  for (const lang of LANGUAGES)
    out[lang] = { services: await exportServices(lang), pathways: await exportFile('pathways.json', lang) };
  return out;
}

/** A dry run, then the commit of exactly that plan in steps (staged, then committed), as the console does. */
async function importFile(client: Client, name: string, text: string) {
  const dry = await uploadImport(client, name, text);
  expect(dry.status, JSON.stringify(dry.body)).toBe(200);
  const staged = await uploadImport(
    client,
    name,
    text,
    { plan_hash: dry.body.plan_hash },
    '/api/v1/admin/imports/runs',
  );
  expect(staged.status, JSON.stringify(staged.body)).toBe(201);
  const commit = await client.post(`/imports/runs/${staged.body.run_id}/commit`);
  expect(commit.status, JSON.stringify(commit.body)).toBe(200);
  return dry.body;
}

let admin: Client;
beforeAll(async () => {
  admin = await signedIn('admin');
});

/** A pathway of the export under new ids (pathway and steps), so it is new here. */
const copyOf = (p: any) => ({
  ...p,
  id: crypto.randomUUID(),
  steps: p.steps.map((step: any) => ({ ...step, id: crypto.randomUUID() })),
});

describe('importing pathways.json', () => {
  it('the dry run says which pathways are new, changed, unchanged or rejected, and why; nothing is written', async () => {
    const pathways = await exportFile('pathways.json');
    const [same, renamedFrom, other] = pathways;
    // The English name is in the name field and in its "masar-translation" attribute.
    const renamed = {
      ...renamedFrom,
      name: 'Renamed pathway',
      attributes: renamedFrom.attributes.map((a: any) =>
        a.link_type === 'name' && a.taxonomy_term_id === translationTermId('en')
          ? { ...a, value: 'Renamed pathway' }
          : a,
      ),
    };
    const fresh = copyOf(other);
    const unknownService = copyOf(other);
    const missing = crypto.randomUUID();
    unknownService.steps[0].service_ids = [missing];
    const unknownArea = { ...copyOf(other), area_pcode: 'IQG99' };
    const file = JSON.stringify([same, renamed, fresh, unknownService, unknownArea]);

    const dry = await uploadImport(admin, 'pathways.json', file);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.counts).toEqual({ new: 1, changed: 1, unchanged: 1, rejected: 2 });
    expect(dry.body.rows.map((r: any) => r.outcome)).toEqual(['unchanged', 'changed', 'new', 'rejected', 'rejected']);
    expect(dry.body.rows[1]).toMatchObject({ pathway_id: renamedFrom.id, external_id: renamedFrom.id });
    expect(dry.body.rows[1].changes).toEqual([{ field: 'names.en', old: renamedFrom.name, new: 'Renamed pathway' }]);
    expect(dry.body.rows[2].changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: `step ${fresh.steps[0].id}: kind` })]),
    );
    expect(dry.body.rows[3].errors).toEqual([
      { column: 'steps.1.service_ids', reason: expect.stringContaining(`no service ${missing} in this directory`) },
    ]);
    expect(dry.body.rows[4].errors).toEqual([{ column: 'area_pcode', reason: 'no area has the P-code IQG99' }]);

    // A commit with rejected rows writes nothing, and names the rows.
    const commit = await uploadImport(admin, 'pathways.json', file, {
      dry_run: 'false',
      plan_hash: dry.body.plan_hash,
    });
    expect(commit.status).toBe(400);
    expect(commit.body.errors.map((e: any) => e.reason)).toEqual([
      expect.stringMatching(/^row 4: steps\.1\.service_ids/),
      expect.stringMatching(/^row 5: area_pcode/),
    ]);
    expect((await admin.get(`/pathways/${renamedFrom.id}`)).body.names.en).toBe(renamedFrom.name);
    expect((await admin.get(`/pathways/${fresh.id}`)).status).toBe(404);
  }, 120_000);

  it('a committed pathway enters as a draft with its steps in order, logged as the import; again it is unchanged', async () => {
    const [, , other] = await exportFile('pathways.json');
    const fresh = copyOf(other);
    const text = JSON.stringify([fresh]);
    const dry = await importFile(admin, 'pathways.json', text);
    expect(dry.counts).toEqual({ new: 1, changed: 0, unchanged: 0, rejected: 0 });
    const { body } = await admin.get(`/pathways/${fresh.id}`);
    expect(body).toMatchObject({ status: 'draft', area_pcode: other.area_pcode, concern_id: other.concern });
    expect(body.steps.map((s: any) => s.id)).toEqual(fresh.steps.map((s: any) => s.id));
    expect(body.names).toEqual(
      Object.fromEntries(
        other.attributes
          .filter((a: any) => a.link_type === 'name' && a.taxonomy_term?.taxonomy === 'masar-translation')
          .map((a: any) => [a.taxonomy_term.code, a.value]),
      ),
    );
    const logged = await env.DB.prepare('SELECT count(*) AS n FROM change_log WHERE pathway_id = ? AND reason = ?')
      .bind(fresh.id, 'import from pathways.json')
      .first<{ n: number }>();
    expect(logged!.n).toBe(1 + fresh.steps.length);
    const again = await uploadImport(admin, 'pathways.json', text);
    expect(again.body.counts).toEqual({ new: 0, changed: 0, unchanged: 1, rejected: 0 });
  }, 120_000);

  it("rejects a coordinator's pathway outside their areas, with that reason", async () => {
    const pathways = await exportFile('pathways.json');
    const outside = pathways.find((p) => !String(p.area_pcode).startsWith('IQG15'));
    const coordinator = await signedIn('coordinator', { areas: ['IQG15'] });
    const dry = await uploadImport(coordinator, 'pathways.json', JSON.stringify([copyOf(outside)]));
    expect(dry.status).toBe(200);
    expect(dry.body.rows[0]).toMatchObject({
      outcome: 'rejected',
      errors: [{ column: 'area_pcode', reason: `${outside.area_pcode} is outside your areas` }],
    });
  });
});

describe('importing services.json', () => {
  it("the directory's own services.json, imported again with nothing emptied, is all unchanged: routes keep their order and numbers, confidential sites what the export hides", async () => {
    const own = await exportServices();
    expect(own.length).toBeGreaterThan(10);
    // The sample numbers routes 1, 2, …: the package gives only their order.
    const numbered = await env.DB.prepare('SELECT count(*) AS n FROM contact_routes WHERE sort_order % 10 <> 0').first<{
      n: number;
    }>();
    expect(numbered!.n).toBeGreaterThan(0);
    const dry = await uploadImport(admin, 'services.json', JSON.stringify(own));
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.rows.filter((r: any) => r.outcome !== 'unchanged')).toEqual([]);
    expect(dry.body.counts).toEqual({ new: 0, changed: 0, unchanged: own.length, rejected: 0 });
  }, 120_000);
});

/** The maintainers' pathways.json (with the steps' practitioner-only details) in one language. */
async function maintainerPathways(client: Client, lang = 'en') {
  const response = await client.get(`/exports/pathways.json?lang=${lang}`);
  expect(response.status, response.text).toBe(200);
  return response.body as any[];
}

describe("the maintainers' pathways.json", () => {
  it("carries each step's practitioner-only details, which the public pathways.json never does", async () => {
    const details = await rows<{ step_id: string; focal_point: string; intake_route: string }>(
      'SELECT d.step_id, d.focal_point, d.intake_route FROM pathway_step_referral_details d ' +
        'JOIN pathway_steps s ON s.id = d.step_id JOIN pathways p ON p.id = s.pathway_id ' +
        "WHERE p.status = 'published' AND d.focal_point <> '{}'",
    );
    expect(details.length).toBeGreaterThan(0);
    const own = await maintainerPathways(admin);
    const publicText = JSON.stringify(await exportFile('pathways.json'));
    expect(publicText).not.toContain('practitioner_only');
    for (const d of details) {
      const focal = JSON.parse(d.focal_point) as Record<string, string>;
      const step = own.flatMap((p) => p.steps).find((s) => s.id === d.step_id);
      // In English, else the language it falls back to.
      expect(Object.values(focal)).toContain(step.practitioner_only.focal_point);
      for (const text of Object.values(focal)) {
        expect(JSON.stringify(step.attributes)).toContain(JSON.stringify(text));
        expect(publicText).not.toContain(JSON.stringify(text));
      }
    }
    // Those who do not look after pathways do not get it.
    for (const role of ['editor', 'caseworker'] as const)
      expect((await (await signedIn(role)).get('/exports/pathways.json')).status).toBe(403);
  });

  it('export → import into an empty directory → export again gives the same pathways, practitioner-only details included', async () => {
    const services = await exportServices();
    const before: Record<string, any[]> = {};
    for (const lang of LANGUAGES) before[lang] = await maintainerPathways(admin, lang);
    const publicBefore = await exportFile('pathways.json');
    await emptyDirectory({ withPathways: true });
    await importFile(admin, 'services.json', JSON.stringify(services));
    await env.DB.prepare("UPDATE services SET status = 'published' WHERE status = 'draft'").run();
    const dry = await importFile(admin, 'pathways.json', JSON.stringify(before.en));
    expect(dry.counts).toEqual({ new: before.en!.length, changed: 0, unchanged: 0, rejected: 0 });
    for (const p of before.en!) {
      const read = await admin.get(`/pathways/${p.id}`);
      const published = await admin.request(
        'POST',
        `/pathways/${p.id}/publish`,
        {},
        { 'If-Match': read.headers.get('ETag')! },
      );
      expect(published.status, published.text).toBe(200);
    }
    for (const lang of LANGUAGES)
      expect(normalised(await maintainerPathways(admin, lang)), `lang=${lang}`).toEqual(normalised(before[lang]!));
    expect(normalised(await exportFile('pathways.json'))).toEqual(normalised(publicBefore));
    // Importing the public file now changes nothing: it says nothing about the practitioner-only details.
    const again = await uploadImport(admin, 'pathways.json', JSON.stringify(publicBefore));
    expect(again.body.counts).toEqual({ new: 0, changed: 0, unchanged: publicBefore.length, rejected: 0 });
  }, 600_000);

  it('a re-import with the steps in another order puts them in that order, logs each moved step and asks for the pathway to be checked again', async () => {
    const own = await maintainerPathways(admin);
    const pathway = own.find((p) => p.steps.length >= 3)!;
    const verified = await admin.post(`/pathways/${pathway.id}/verifications`, { method: 'call' });
    expect(verified.status, verified.text).toBe(201);
    // The last step first; the file's positions say the new order.
    const reordered = [pathway.steps.at(-1), ...pathway.steps.slice(0, -1)].map((step: any, i: number) => ({
      ...step,
      position: i + 1,
    }));
    const changedFocal = 'Focal point moved to the new unit';
    reordered[1].practitioner_only = { ...reordered[1].practitioner_only, focal_point: changedFocal };
    const english = (a: any) => a.link_type === 'focal_point' && a.taxonomy_term_id === translationTermId('en');
    const oldFocal = reordered[1].attributes.find(english)?.value ?? null;
    reordered[1].attributes = [
      ...reordered[1].attributes.filter((a: any) => !english(a)),
      {
        ...reordered[1].attributes[0],
        link_type: 'focal_point',
        taxonomy_term_id: translationTermId('en'),
        value: changedFocal,
      },
    ];
    const text = JSON.stringify([{ ...pathway, steps: reordered }]);
    const mark = (await one<{ n: number | null }>('SELECT max(id) AS n FROM change_log')).n ?? 0;
    const dry = await importFile(admin, 'pathways.json', text);
    expect(dry.counts).toEqual({ new: 0, changed: 1, unchanged: 0, rejected: 0 });
    expect(dry.rows[0].warnings).toEqual([]);
    const n = pathway.steps.length;
    expect(dry.rows[0].changes).toEqual(
      expect.arrayContaining([
        { field: `step ${pathway.steps.at(-1).id}: position`, old: n, new: 1 },
        { field: `step ${pathway.steps[0].id}: position`, old: 1, new: 2 },
        {
          field: `step ${reordered[1].id}: focal_point.en`,
          old: oldFocal,
          new: changedFocal,
        },
      ]),
    );

    const { body } = await admin.get(`/pathways/${pathway.id}`);
    expect(body.steps.map((s: any) => s.id)).toEqual(reordered.map((s: any) => s.id));
    expect(body.steps[1].referral.focal_point.en).toBe(changedFocal);
    expect(body.verification_status).toBe('unverified');
    const logged = await rows<{ entity_id: string; field: string }>(
      'SELECT entity_id, field FROM change_log WHERE id > ? AND pathway_id = ? ' +
        "AND reason = 'import from pathways.json' ORDER BY id",
      mark,
      pathway.id,
    );
    expect(
      logged
        .filter((l) => l.field === 'position')
        .map((l) => l.entity_id)
        .sort(),
    ).toEqual(pathway.steps.map((s: any) => s.id).sort());
    const unverified = await one<{ n: number }>(
      "SELECT count(*) AS n FROM change_log WHERE id > ? AND pathway_id = ? AND field = 'verification_status'",
      mark,
      pathway.id,
    );
    // Moved steps and a changed step: the pathway loses its check once, logged once.
    expect(unverified.n).toBe(1);
    // The export now says the new order, and importing it again changes nothing.
    const after = (await maintainerPathways(admin)).find((p) => p.id === pathway.id);
    expect(after.steps.map((s: any) => [s.id, s.position])).toEqual(reordered.map((s: any) => [s.id, s.position]));
    const again = await uploadImport(admin, 'pathways.json', JSON.stringify([after]));
    expect(again.body.counts).toEqual({ new: 0, changed: 0, unchanged: 1, rejected: 0 });
  }, 120_000);
});

describe('HSDS round trip', () => {
  it('export → import into an empty directory → export again gives the same services, pathways and facts in every language', async () => {
    const before = await exportEveryLanguage();
    const first = before.en!.services;
    const pathways = before.en!.pathways;
    expect(first.length).toBeGreaterThan(10);
    expect(pathways.length).toBeGreaterThan(2);
    const text = JSON.stringify(first);
    const pathwaysText = JSON.stringify(pathways);
    // The sample has texts in every language, so a lost translation would show.
    for (const lang of LANGUAGES) {
      expect(text).toContain(translationTermId(lang));
      expect(pathwaysText).toContain(translationTermId(lang));
    }

    await emptyDirectory({ withPathways: true });

    // Only the English export is imported: every other language comes back from its attributes.
    const dry = await importFile(admin, 'services.json', text);
    expect(dry.counts).toEqual({ new: first.length, changed: 0, unchanged: 0, rejected: 0 });
    const pathwaysDry = await importFile(admin, 'pathways.json', pathwaysText);
    expect(pathwaysDry.counts).toEqual({ new: pathways.length, changed: 0, unchanged: 0, rejected: 0 });

    // Imported listings are drafts (nothing enters the public directory unreviewed); the comparison
    // publishes them, as a reviewer would, to read them back through the public export.
    const drafts = await env.DB.prepare(
      "SELECT count(*) AS n FROM services WHERE status = 'draft' AND import_source LIKE 'services.json, %'",
    ).first<{ n: number }>();
    expect(drafts!.n).toBe(first.length);
    await env.DB.prepare("UPDATE services SET status = 'published' WHERE status = 'draft'").run();
    // Pathways enter as drafts too, and are published through the pathway API, one by one.
    for (const p of pathways) {
      const read = await admin.get(`/pathways/${p.id}`);
      expect(read.body.status).toBe('draft');
      const published = await admin.request(
        'POST',
        `/pathways/${p.id}/publish`,
        {},
        { 'If-Match': read.headers.get('ETag')! },
      );
      expect(published.status, published.text).toBe(200);
    }

    const after = await exportEveryLanguage();
    for (const lang of LANGUAGES) {
      expect(after[lang]!.services).toHaveLength(first.length);
      expect(normalised(after[lang]!.services), `services.json?lang=${lang}`).toEqual(
        normalised(before[lang]!.services),
      );
      expect(normalised(after[lang]!.pathways), `pathways.json?lang=${lang}`).toEqual(
        normalised(before[lang]!.pathways),
      );
    }

    // Importing the same package again changes nothing.
    const again = await uploadImport(admin, 'services.json', text);
    expect(again.body.counts).toEqual({ new: 0, changed: 0, unchanged: first.length, rejected: 0 });
    const pathwaysAgain = await uploadImport(admin, 'pathways.json', pathwaysText);
    expect(pathwaysAgain.body.counts).toEqual({ new: 0, changed: 0, unchanged: pathways.length, rejected: 0 });
  }, 600_000);

  it('refuses a file that is not an HSDS package, naming the file field', async () => {
    const response = await uploadImport(admin, 'services.json', '{"organizations": []}');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ in: 'body', name: 'file', reason: expect.stringContaining('HSDS services') }),
    ]);
  });

  it("rejects a coordinator's service outside their areas, with that reason", async () => {
    const services = await exportServices();
    // A service with no area and no site in Duhok (IQG15), which the coordinator looks after.
    const outside = services.find((s) => !JSON.stringify(s).includes('"IQG15'));
    const coordinator = await signedIn('coordinator', { areas: ['IQG15'] });
    const dry = await uploadImport(
      coordinator,
      'services.json',
      JSON.stringify([{ ...outside, id: crypto.randomUUID() }]),
    );
    expect(dry.status).toBe(200);
    expect(dry.body.counts.rejected).toBe(1);
    expect(dry.body.rows[0].errors[0]).toMatchObject({
      column: 'service_areas',
      reason: expect.stringContaining('outside your areas'),
    });
  });
});
