import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';
import { declaredSchema, responseErrors } from '../support/openapi-responses.ts';
import { type Client, type Response, signedIn } from './support.ts';

const sample = sampleDirectory(new Date());
const byName = (name: string) => sample.services.find((s: { names: { en?: string } }) => s.names.en === name)!;
const karbalaCase = byName('Case management, Karbala (sample)');

const ADMIN = '/api/v1/admin';
/**
 * The operations of problem reports, the work queue, data quality, history and translations, with
 * the statuses they succeed with.
 */
const OPERATIONS: Array<[method: string, path: string, statuses: number[]]> = [
  ['get', '/problem-reports', [200]],
  ['post', '/problem-reports/{id}/resolve', [200]],
  ['get', '/queue', [200]],
  ['get', '/data-quality', [200]],
  ['get', '/services/{id}/history', [200]],
  ['post', '/services/{id}/history/{changeId}/revert', [200]],
  ['get', '/services/{id}/translations', [200]],
  ['put', '/translations', [200, 202]],
];

let document: any;
let admin: Client;
let coordinator: Client;
let editor: Client;
beforeAll(async () => {
  document = (await get('/api/v1/openapi.json')).body;
  admin = await signedIn('admin');
  coordinator = await signedIn('coordinator', { areas: ['IQG12'] });
  editor = await signedIn('editor', { organisationId: karbalaCase.organisationId });
});

/** The response, after checking it answered `status` with a body the document declares for it. */
function conforms(response: Response, method: string, path: string, status = 200) {
  expect(response.status, response.text).toBe(status);
  expect(responseErrors(document, `${ADMIN}${path}`, method, status, response.body)).toEqual([]);
  return response;
}

async function report(serviceId: string) {
  const id = crypto.randomUUID();
  await env.DB.prepare('INSERT INTO problem_reports (id, service_id, kind, note) VALUES (?, ?, ?, ?)')
    .bind(id, serviceId, 'no_answer', 'Nobody answered')
    .run();
  return id;
}

async function draft() {
  const created = await editor.post('/services', {
    organisation_id: karbalaCase.organisationId,
    country: 'IQ',
    names: { en: 'Response check (sample)', ar: 'فحص الاستجابة' },
    type_ids: ['legal_aid'],
    area_pcodes: ['IQG12Q03'],
  });
  expect(created.status, created.text).toBe(201);
  return created.body as { id: string; version: number };
}

const changes = async (serviceId: string) =>
  (await admin.get(`/services/${serviceId}/history`)).body.items as Array<{
    id: number;
    entity: string;
    entity_id: string;
    field: string;
    old: unknown;
  }>;

describe("the maintainers' answers about reports, work, quality, history and translations are documented", () => {
  it('every one of these operations declares a JSON schema for each answer it succeeds with', () => {
    for (const [method, path, statuses] of OPERATIONS) {
      for (const status of statuses) {
        const schema = declaredSchema(document, `${ADMIN}${path}`, method, status);
        expect(schema, `${method.toUpperCase()} ${path} ${status}`).toBeTypeOf('object');
        expect(Object.keys(schema as object).length, `${method.toUpperCase()} ${path} ${status}`).toBeGreaterThan(0);
      }
    }
  });

  it('an answer that does not match its schema is caught', () => {
    expect(responseErrors(document, `${ADMIN}/problem-reports`, 'get', 200, { items: [{ id: 1 }] })).not.toEqual([]);
    expect(responseErrors(document, `${ADMIN}/data-quality`, 'get', 200, { published_services: 'many' })).not.toEqual(
      [],
    );
  });

  it('problem reports, their resolution, the work queue and the data-quality figures match what the document says', async () => {
    const id = await report(karbalaCase.id);
    const listed = conforms(await coordinator.get('/problem-reports'), 'get', '/problem-reports');
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(id);
    conforms(
      await coordinator.post(`/problem-reports/${id}/resolve`, { outcome: 'fixed', note: 'Number corrected' }),
      'post',
      '/problem-reports/{id}/resolve',
    );
    const resolved = conforms(await admin.get('/problem-reports?status=all&area=IQG12'), 'get', '/problem-reports');
    expect(resolved.body.items.find((r: { id: string }) => r.id === id).resolution).toMatchObject({ outcome: 'fixed' });

    await draft();
    await report(karbalaCase.id);
    const queue = conforms(await coordinator.get('/queue?due_within_days=90'), 'get', '/queue');
    expect(
      queue.body.drafts.length + queue.body.problem_reports.length + queue.body.verifications_due.contact_routes.length,
    ).toBeGreaterThan(0);
    conforms(await editor.get('/queue'), 'get', '/queue');
    const quality = conforms(await admin.get('/data-quality'), 'get', '/data-quality');
    expect(quality.body.governorates.length).toBeGreaterThan(0);
  });

  it('history and every kind of revert answer match what the document says', async () => {
    const listing = await draft();
    const edited = await editor.patch(`/services/${listing.id}`, { cost_kind: 'paid' }, listing.version);
    expect(edited.status, edited.text).toBe(200);
    conforms(await admin.get(`/services/${listing.id}/history`), 'get', '/services/{id}/history');

    // A field set back: the record with the fields changed.
    const costChange = (await changes(listing.id)).find((c) => c.field === 'cost_kind')!;
    const fieldBack = conforms(
      await coordinator.post(
        `/services/${listing.id}/history/${costChange.id}/revert`,
        {},
        { 'If-Match': `"${edited.body.version}"` },
      ),
      'post',
      '/services/{id}/history/{changeId}/revert',
    );
    expect(fieldBack.body).toMatchObject({ cost_kind: 'unknown', changed_fields: ['cost_kind'] });

    // A translation's review status set back.
    const set = await editor.put(
      '/translations',
      { entity: 'service', entity_id: listing.id, field: 'names', language: 'ckb', text: 'پشکنین', status: 'reviewed' },
      fieldBack.body.version,
    );
    const statusChange = (await changes(listing.id)).find((c) => c.field === 'names.ckb:status')!;
    const statusBack = conforms(
      await coordinator.post(
        `/services/${listing.id}/history/${statusChange.id}/revert`,
        {},
        { 'If-Match': `"${set.body.version}"` },
      ),
      'post',
      '/services/{id}/history/{changeId}/revert',
    );
    expect(statusBack.body).toEqual({ reverted: 'names.ckb:status' });

    // A created record deleted again, and a deleted record restored.
    const created = await editor.post(`/services/${listing.id}/closures`, {
      starts_at: '2030-01-01T00:00:00Z',
      ends_at: '2030-01-02T00:00:00Z',
      reason: { en: 'Eid' },
    });
    expect(created.status, created.text).toBe(201);
    const creation = (await changes(listing.id)).find(
      (c) => c.entity === 'closure' && c.entity_id === created.body.id && c.field === '*',
    )!;
    const undone = conforms(
      await coordinator.post(
        `/services/${listing.id}/history/${creation.id}/revert`,
        {},
        { 'If-Match': `"${created.body.version}"` },
      ),
      'post',
      '/services/{id}/history/{changeId}/revert',
    );
    expect(undone.body).toEqual({ deleted: true, entity: 'closure', id: created.body.id });
    const deletion = (await changes(listing.id)).find(
      (c) => c.entity === 'closure' && c.entity_id === created.body.id && c.field === '*' && c.old !== null,
    )!;
    const restored = conforms(
      await coordinator.post(`/services/${listing.id}/history/${deletion.id}/revert`, {}),
      'post',
      '/services/{id}/history/{changeId}/revert',
    );
    expect(restored.body).toMatchObject({ id: created.body.id, reason: { en: 'Eid' } });
  });

  it('the translation matrix and setting a translation, applied or saved as a draft, match what the document says', async () => {
    const listing = await draft();
    conforms(await editor.get(`/services/${listing.id}/translations`), 'get', '/services/{id}/translations');
    const applied = conforms(
      await editor.put(
        '/translations',
        {
          entity: 'service',
          entity_id: listing.id,
          field: 'names',
          language: 'kmr',
          text: 'Kontrol',
          status: 'machine',
        },
        listing.version,
      ),
      'put',
      '/translations',
    );
    expect(applied.body.pending_change_id).toBeNull();
    // An editor's change to a published listing waits as a draft.
    const published = await admin.get(`/services/${karbalaCase.id}`);
    const drafted = conforms(
      await editor.put(
        '/translations',
        {
          entity: 'service',
          entity_id: karbalaCase.id,
          field: 'names',
          language: 'es',
          text: 'Gestión de casos, Karbala (muestra)',
          status: 'machine',
        },
        published.body.version,
      ),
      'put',
      '/translations',
      202,
    );
    expect(drafted.body.pending_change_id).toEqual(expect.any(Number));
  });
});
