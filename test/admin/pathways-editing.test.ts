/**
 * Maintainers edit referral pathways as they edit listings: a draft made for an area and a
 * concern, every edit based on the version read (a stale one refused whole), each changed field in
 * the change log, steps added, reordered and removed, one published pathway per area and concern,
 * verification with a cycle, history and revert, and the review status of each translation.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMaintenance } from '../../api/admin/index.ts';
import { database } from '../../db/client.ts';
import { samplePathways } from '../../db/seed/sample-pathways.mjs';
import { Client, ORIGIN, rows, signedIn } from './support.ts';

const KARBALA = 'IQG12';
const KARBALA_DISTRICT = 'IQG12Q03';
const SEEDED_KARBALA = samplePathways(new Date()).find((p: { key: string }) => p.key === 'karbala-digital-extortion')!;

interface Change {
  id: number;
  entity: string;
  entity_id: string;
  field: string;
  old: unknown;
  new: unknown;
  reason: string | null;
}

let coordinator: Client;
beforeAll(async () => {
  coordinator = await signedIn('coordinator', { areas: [KARBALA] });
});

const history = async (id: string): Promise<Change[]> => (await coordinator.get(`/pathways/${id}/history`)).body.items;

/** A new draft pathway in a Karbala district for `concern`, with two steps. */
async function draftWithSteps(concern = 'online_harassment') {
  const created = await coordinator.post('/pathways', {
    area_pcode: KARBALA_DISTRICT,
    concern_id: concern,
    names: { en: 'Online harassment in Karbala (test)', ar: 'التحرش الإلكتروني في كربلاء' },
    intro: { en: 'Step by step.' },
    change_reason: 'New route agreed with the police',
  });
  expect(created.status, created.text).toBe(201);
  expect(created.body).toMatchObject({ status: 'draft', area_pcode: KARBALA_DISTRICT, concern_id: concern });
  let version: number = created.body.version;
  const steps: string[] = [];
  for (const [kind, title] of [
    ['talk_to_someone', 'Call the hotline'],
    ['report', 'Report to the Community Police'],
  ] as const) {
    const step = await coordinator.post(
      `/pathways/${created.body.id}/steps`,
      { kind, title: { en: title }, services: [{ service_type_id: 'hotline' }] },
      { 'If-Match': `"${version}"` },
    );
    expect(step.status, step.text).toBe(201);
    version = step.body.version;
    steps.push(step.body.id);
  }
  return { id: created.body.id as string, version, steps };
}

describe('editing a referral pathway', () => {
  it('a stale If-Match is refused with 412 and nothing of the edit is applied', async () => {
    const pathway = await draftWithSteps();
    const before = await history(pathway.id);
    const fresh = await coordinator.patch(`/pathways/${pathway.id}`, { names: { en: 'Renamed' } }, pathway.version);
    expect(fresh.status, fresh.text).toBe(200);
    expect(fresh.body.changed_fields).toEqual(['names']);

    const stale = await coordinator.patch(
      `/pathways/${pathway.id}`,
      { names: { en: 'Stale rename' }, intro: { en: 'Stale intro' } },
      pathway.version,
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get('Content-Type')).toMatch(/problem\+json/);
    expect(stale.body.current_version).toBe(fresh.body.version);
    const staleStep = await coordinator.patch(
      `/pathway-steps/${pathway.steps[0]}`,
      { what_happens: { en: 'Stale text' } },
      pathway.version,
    );
    expect(staleStep.status).toBe(412);

    const read = await coordinator.get(`/pathways/${pathway.id}`);
    expect(read.body.names).toEqual({ en: 'Renamed' });
    expect(read.body.intro).toEqual({ en: 'Step by step.' });
    expect(read.body.steps[0].what_happens).toEqual({});
    expect(read.headers.get('ETag')).toBe(`"${fresh.body.version}"`);
    const after = await history(pathway.id);
    expect(after.length - before.length).toBe(1);
    expect(after[0]).toMatchObject({
      field: 'names',
      old: { en: 'Online harassment in Karbala (test)', ar: 'التحرش الإلكتروني في كربلاء' },
    });
  });

  it('bad input names the field, without a 500', async () => {
    const pathway = await draftWithSteps();
    const noSuchArea = await coordinator.post('/pathways', {
      area_pcode: 'IQG99',
      concern_id: 'no_such_concern',
      names: { en: 'x' },
    });
    expect(noSuchArea.status).toBe(400);
    expect(noSuchArea.body.errors.map((e: { name: string }) => e.name).sort()).toEqual(['area_pcode', 'concern_id']);
    const unnamed = await coordinator.post('/pathways', {
      area_pcode: KARBALA,
      concern_id: 'sexual_violence',
      names: {},
    });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors[0].name).toBe('names');
    const badService = await coordinator.patch(
      `/pathway-steps/${pathway.steps[0]}`,
      { services: [{ service_id: 'no-such-service' }] },
      pathway.version,
    );
    expect(badService.status).toBe(400);
    expect(badService.body.errors[0].name).toBe('services.0.service_id');
    const badKind = await coordinator.patch(`/pathway-steps/${pathway.steps[0]}`, { kind: 'dance' }, pathway.version);
    expect(badKind.status).toBe(400);
    expect(badKind.body.errors[0].name).toBe('kind');
    const badOrder = await coordinator.put(
      `/pathways/${pathway.id}/step-order`,
      { step_ids: [pathway.steps[0]] },
      pathway.version,
    );
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.errors[0].name).toBe('step_ids');
  });

  it('reordering puts the steps in the new order, logs each move, and moves the version on', async () => {
    const pathway = await draftWithSteps();
    const reordered = await coordinator.put(
      `/pathways/${pathway.id}/step-order`,
      { step_ids: [...pathway.steps].reverse() },
      pathway.version,
    );
    expect(reordered.status, reordered.text).toBe(200);
    expect(reordered.body.version).toBe(pathway.version + 1);
    const read = await coordinator.get(`/pathways/${pathway.id}`);
    expect(read.body.steps.map((s: { id: string }) => s.id)).toEqual([...pathway.steps].reverse());
    expect(read.body.steps.map((s: { position: number }) => s.position)).toEqual([1, 2]);
    const moves = (await history(pathway.id)).filter((c) => c.field === 'position');
    expect(moves.map((m) => [m.entity_id, m.old, m.new]).sort()).toEqual(
      [
        [pathway.steps[0], 1, 2],
        [pathway.steps[1], 2, 1],
      ].sort(),
    );
    const stale = await coordinator.put(
      `/pathways/${pathway.id}/step-order`,
      { step_ids: pathway.steps },
      pathway.version,
    );
    expect(stale.status).toBe(412);
  });

  it('one published pathway per area and concern: a second is refused with a 409 that names the first', async () => {
    const first = await draftWithSteps('sexual_violence');
    const published = await coordinator.post(`/pathways/${first.id}/publish`, {}, { 'If-Match': `"${first.version}"` });
    expect(published.status, published.text).toBe(200);
    expect(published.body.status).toBe('published');

    const second = await draftWithSteps('sexual_violence');
    const refused = await coordinator.post(`/pathways/${second.id}/publish`, {}, { 'If-Match': `"${second.version}"` });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('Content-Type')).toMatch(/problem\+json/);
    expect(refused.body.detail).toContain(first.id);
    expect((await coordinator.get(`/pathways/${second.id}`)).body.status).toBe('draft');

    // The seeded Karbala pathway holds the governorate's digital extortion route.
    const rival = await coordinator.post('/pathways', {
      area_pcode: KARBALA,
      concern_id: 'digital_extortion',
      names: { en: 'Another extortion route' },
    });
    const step = await coordinator.post(
      `/pathways/${rival.body.id}/steps`,
      { kind: 'report' },
      { 'If-Match': `"${rival.body.version}"` },
    );
    const seededConflict = await coordinator.post(
      `/pathways/${rival.body.id}/publish`,
      {},
      { 'If-Match': `"${step.body.version}"` },
    );
    expect(seededConflict.status).toBe(409);
    expect(seededConflict.body.detail).toContain(SEEDED_KARBALA.id);

    // Unpublished, the first makes room for the second.
    const withdrawn = await coordinator.post(
      `/pathways/${first.id}/unpublish`,
      {},
      { 'If-Match': `"${published.body.version}"` },
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const now = await coordinator.post(`/pathways/${second.id}/publish`, {}, { 'If-Match': `"${second.version}"` });
    expect(now.status).toBe(200);
  });

  it('a pathway without steps is not published: 422 naming steps', async () => {
    const created = await coordinator.post('/pathways', {
      area_pcode: KARBALA_DISTRICT,
      concern_id: 'domestic_violence',
      names: { en: 'Empty route' },
    });
    const refused = await coordinator.post(
      `/pathways/${created.body.id}/publish`,
      {},
      { 'If-Match': `"${created.body.version}"` },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].name).toBe('steps');
  });

  it('a verification makes it verified until the cycle of its steps’ services (hotlines: 30 days)', async () => {
    const pathway = await draftWithSteps();
    const verified = await coordinator.post(`/pathways/${pathway.id}/verifications`, {
      method: 'call',
      note: 'Walked through the route with the unit',
    });
    expect(verified.status, verified.text).toBe(201);
    const pathwayAfter = verified.body.pathway;
    expect(pathwayAfter).toMatchObject({
      verification_status: 'verified',
      verification_method: 'call',
      last_verified_by: 'Masar coordinator',
      verification_note: 'Walked through the route with the unit',
    });
    const days =
      (Date.parse(pathwayAfter.next_verification_due) - Date.parse(pathwayAfter.last_verified_at)) / 86_400_000;
    expect(days).toBe(30);
    const records = await coordinator.get(`/pathways/${pathway.id}/verifications`);
    expect(records.body.items).toHaveLength(1);
    expect(records.body.items[0]).toMatchObject({ method: 'call', next_due: pathwayAfter.next_verification_due });
    const due = await coordinator.get(`/pathways?due=true&area=${KARBALA_DISTRICT}`);
    expect(due.body.items.map((p: { id: string }) => p.id)).not.toContain(pathway.id);
  });

  it('a changed step text is no longer shown as verified; a changed pathway name keeps the check', async () => {
    const pathway = await draftWithSteps();
    const verified = await coordinator.post(`/pathways/${pathway.id}/verifications`, { method: 'visit' });
    const renamed = await coordinator.patch(
      `/pathways/${pathway.id}`,
      { names: { en: 'Renamed after the check' } },
      verified.body.pathway.version,
    );
    expect(renamed.body.verification_status).toBe('verified');
    const edited = await coordinator.patch(
      `/pathway-steps/${pathway.steps[1]}`,
      { what_happens: { en: 'The police now take reports only in person.' } },
      renamed.body.version,
    );
    expect(edited.status, edited.text).toBe(200);
    const read = await coordinator.get(`/pathways/${pathway.id}`);
    expect(read.body).toMatchObject({
      verification_status: 'unverified',
      last_verified_at: null,
      next_verification_due: null,
    });
    const unverify = (await history(pathway.id)).find((c) => c.field === 'verification_status');
    expect(unverify).toMatchObject({ entity: 'pathway', old: 'verified', new: 'unverified' });
  });

  it('history lists each field change of the pathway and its steps, and a revert restores the old value', async () => {
    const pathway = await draftWithSteps();
    const edit = await coordinator.patch(
      `/pathway-steps/${pathway.steps[0]}`,
      {
        title: { en: 'Call 119' },
        choices: [{ code: 'anonymous' }],
        services: [{ service_type_id: 'hotline' }, { service_type_id: 'legal_aid' }],
        change_reason: 'Checked with the helpline',
      },
      pathway.version,
    );
    expect(edit.status, edit.text).toBe(200);
    expect(edit.body.changed_fields.sort()).toEqual(['choices', 'services', 'title']);
    expect(edit.body.services).toEqual([
      { service_type_id: 'hotline', service_id: null },
      { service_type_id: 'legal_aid', service_id: null },
    ]);
    const referral = await coordinator.patch(
      `/pathway-steps/${pathway.steps[0]}/referral`,
      { focal_point: { en: 'Duty officer, +9647700000001' } },
      edit.body.version,
    );
    expect(referral.status, referral.text).toBe(200);
    const entries = await history(pathway.id);
    const byField = (field: string) => entries.find((e) => e.field === field)!;
    expect(byField('title')).toMatchObject({
      entity: 'pathway_step',
      entity_id: pathway.steps[0],
      old: { en: 'Call the hotline' },
      new: { en: 'Call 119' },
      reason: 'Checked with the helpline',
    });
    expect(byField('choices')).toMatchObject({ old: [], new: [{ code: 'anonymous' }] });
    expect(byField('services').old).toEqual([{ service_type_id: 'hotline', service_id: null }]);
    expect(byField('focal_point')).toMatchObject({
      entity: 'pathway_step_referral',
      new: { en: 'Duty officer, +9647700000001' },
    });
    expect(entries.filter((e) => e.field === '*' && e.entity === 'pathway_step')).toHaveLength(2);
    expect(entries.find((e) => e.field === '*' && e.entity === 'pathway')).toBeDefined();

    const revert = await coordinator.post(
      `/pathways/${pathway.id}/history/${byField('services').id}/revert`,
      {},
      { 'If-Match': `"${referral.body.version}"` },
    );
    expect(revert.status, revert.text).toBe(200);
    const read = await coordinator.get(`/pathways/${pathway.id}`);
    expect(read.body.steps[0].services).toEqual([{ service_type_id: 'hotline', service_id: null }]);
    expect(read.body.steps[0].title).toEqual({ en: 'Call 119' });
    expect((await history(pathway.id))[0]).toMatchObject({ field: 'services', entity: 'pathway_step' });
    // A step's place and a status are changed by their own endpoints, not by a revert.
    const status = await coordinator.post(
      `/pathways/${pathway.id}/history/${entries.find((e) => e.field === '*' && e.entity === 'pathway')!.id}/revert`,
      {},
      { 'If-Match': `"${read.body.version}"` },
    );
    expect(status.status).toBe(409);
  });

  it('a deleted step goes with its services and details, and a revert of the deletion restores it', async () => {
    const pathway = await draftWithSteps();
    const details = await coordinator.patch(
      `/pathway-steps/${pathway.steps[1]}/referral`,
      { intake_route: { en: 'Referral form to the unit' } },
      pathway.version,
    );
    const removed = await coordinator.delete(`/pathway-steps/${pathway.steps[1]}`, details.body.version);
    expect(removed.status, removed.text).toBe(204);
    expect(await rows('SELECT 1 FROM pathway_step_services WHERE step_id = ?', pathway.steps[1])).toHaveLength(0);
    const afterDelete = await coordinator.get(`/pathways/${pathway.id}`);
    expect(afterDelete.body.steps.map((s: { id: string }) => s.id)).toEqual([pathway.steps[0]]);
    const entries = await history(pathway.id);
    const deletion = entries.find((e) => e.field === '*' && e.entity === 'pathway_step' && e.new === null)!;
    const restored = await coordinator.post(
      `/pathways/${pathway.id}/history/${deletion.id}/revert`,
      {},
      { 'If-Match': `"${afterDelete.body.version}"` },
    );
    expect(restored.status, restored.text).toBe(200);
    const referralDeletion = entries.find((e) => e.field === '*' && e.entity === 'pathway_step_referral')!;
    const detailsBack = await coordinator.post(`/pathways/${pathway.id}/history/${referralDeletion.id}/revert`, {});
    expect(detailsBack.status, detailsBack.text).toBe(200);
    const read = await coordinator.get(`/pathways/${pathway.id}`);
    expect(read.body.steps.map((s: { id: string }) => s.id)).toEqual(pathway.steps);
    expect(read.body.steps[1].services).toEqual([{ service_type_id: 'hotline', service_id: null }]);
    expect(read.body.steps[1].referral.intake_route).toEqual({ en: 'Referral form to the unit' });
  });

  it('translations: every text of the pathway and its steps per language with its status, set through PUT /translations', async () => {
    const pathway = await draftWithSteps();
    const list = await coordinator.get(`/pathways/${pathway.id}/translations`);
    expect(list.status, list.text).toBe(200);
    const item = (entity: string, field: string, language: string) =>
      list.body.items.find(
        (i: { entity: string; field: string; language: string }) =>
          i.entity === entity && i.field === field && i.language === language,
      );
    expect(item('pathway', 'names', 'en')).toMatchObject({
      status: 'machine',
      text: 'Online harassment in Karbala (test)',
    });
    expect(item('pathway', 'names', 'ckb')).toMatchObject({ status: 'missing', text: null });
    expect(item('pathway_step', 'title', 'kmr')).toMatchObject({ status: 'missing' });
    expect(item('pathway_step_referral', 'focal_point', 'es')).toMatchObject({ status: 'missing' });
    expect(new Set(list.body.items.map((i: { language: string }) => i.language))).toEqual(
      new Set(['ar', 'ckb', 'kmr', 'en', 'es']),
    );
    const set = await coordinator.put(
      '/translations',
      {
        entity: 'pathway_step',
        entity_id: pathway.steps[0],
        field: 'title',
        language: 'ckb',
        text: 'پەیوەندی بە هێڵی گەرمەوە بکە',
        status: 'reviewed',
      },
      pathway.version,
    );
    expect(set.status, set.text).toBe(200);
    const after = await coordinator.get(`/pathways/${pathway.id}/translations`);
    expect(
      after.body.items.find(
        (i: { entity: string; field: string; language: string }) =>
          i.entity === 'pathway_step' && i.field === 'title' && i.language === 'ckb',
      ),
    ).toMatchObject({ status: 'reviewed', text: 'پەیوەندی بە هێڵی گەرمەوە بکە', status_recorded: true });
    const entries = await history(pathway.id);
    expect(entries.map((e) => e.field)).toEqual(expect.arrayContaining(['title.ckb', 'title.ckb:status']));
  });
});

// Last in the file: the job runs at a clock weeks ahead, which also ends every session signed in above.
describe('the scheduled job and pathways', () => {
  it('a checked pathway past its due date becomes overdue, logged, and the public sees it', async () => {
    const pathway = await draftWithSteps('domestic_violence');
    const verified = await coordinator.post(`/pathways/${pathway.id}/verifications`, { method: 'call' });
    expect(verified.status, verified.text).toBe(201);
    const { version, next_verification_due } = verified.body.pathway;
    const published = await coordinator.post(`/pathways/${pathway.id}/publish`, {}, { 'If-Match': `"${version}"` });
    expect(published.status, published.text).toBe(200);
    const status = async () =>
      (await rows<{ s: string }>('SELECT verification_status AS s FROM pathways WHERE id = ?', pathway.id))[0]!.s;
    const due = Date.parse(next_verification_due);

    await runMaintenance(database(env.DB), new Date(due - 60_000));
    expect(await status()).toBe('verified');
    const report = await runMaintenance(database(env.DB), new Date(due + 60_000));
    expect(report.pathways_overdue).toBeGreaterThanOrEqual(1);
    expect(await status()).toBe('overdue');
    const log = await rows<{ actor: string; old_value: string; new_value: string }>(
      'SELECT actor, old_value, new_value FROM change_log ' +
        "WHERE entity = 'pathway' AND entity_id = ? AND field = 'verification_status'",
      pathway.id,
    );
    expect(log.at(-1)).toEqual({ actor: 'scheduled job', old_value: '"verified"', new_value: '"overdue"' });
    const publicView = await exports.default.fetch(`${ORIGIN}/api/v1/pathways/${pathway.id}?area=${KARBALA_DISTRICT}`);
    expect(((await publicView.json()) as { verification: { status: string } }).verification.status).toBe('overdue');
  });
});
