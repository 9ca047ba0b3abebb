/**
 * A step's practitioner-only details (focal point, intake route) are for those who refer people:
 * caseworkers read them for the pathways of their areas, the public never does, and an edit made
 * through the maintainers' API does not leak them onto the public side either. Also: the pathway
 * routes are in the OpenAPI document, and their real answers match what it declares.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PATHWAY_MARKERS, samplePathways } from '../../db/seed/sample-pathways.mjs';
import { UI_LANGUAGES } from '../../api/domain/vocabulary.ts';
import { get } from '../support/http.ts';
import { declaredSchema, responseErrors } from '../support/openapi-responses.ts';
import { type Client, type Response, signedIn } from './support.ts';

const pathways = samplePathways(new Date());
const QAYYARAH = pathways.find((p: { key: string }) => p.key === 'qayyarah-digital-extortion')!;
const NINEWA = pathways.find((p: { key: string }) => p.key === 'ninewa-digital-extortion')!;
/** The seeded practitioner-only texts of a pathway's steps, in every language they are written in. */
const practitionerTexts = (pathway: typeof QAYYARAH): string[] =>
  pathway.steps.flatMap((s: { referral: Record<string, Record<string, string>> | null }) =>
    Object.values(s.referral ?? {}).flatMap((text) => Object.values(text)),
  );

let caseworkerIn: Client;
let caseworkerOut: Client;
let editor: Client;
let coordinator: Client;
let admin: Client;
beforeAll(async () => {
  caseworkerIn = await signedIn('caseworker', { areas: ['IQG15Q05'] });
  caseworkerOut = await signedIn('caseworker', { areas: ['IQG12'] });
  editor = await signedIn('editor', { organisationId: 'no-such-organisation' });
  coordinator = await signedIn('coordinator', { areas: ['IQG15'] });
  admin = await signedIn('admin');
});

describe('practitioner-only step details', () => {
  it('the seed has practitioner texts to look for', () => {
    expect(practitionerTexts(QAYYARAH).length).toBeGreaterThan(0);
  });

  it('the public pathway API and page carry none of them, in any language', async () => {
    for (const lang of UI_LANGUAGES) {
      for (const path of [
        `/api/v1/pathways/${QAYYARAH.id}?area=IQG15Q05N01&lang=${lang}`,
        `/api/v1/pathways?area=IQG15Q05N01&lang=${lang}`,
        `/p/${QAYYARAH.id}?a=IQG15Q05N01&lang=${lang}`,
      ]) {
        const { status, text } = await get(path);
        expect(status, path).toBe(200);
        for (const secret of [...practitionerTexts(QAYYARAH), ...PATHWAY_MARKERS])
          expect(text, path).not.toContain(secret);
      }
    }
  });

  it('a caseworker of the area reads each step’s focal point and intake route', async () => {
    const read = await caseworkerIn.get(`/pathways/${QAYYARAH.id}`);
    expect(read.status, read.text).toBe(200);
    const withDetails = read.body.steps.filter(
      (s: { referral: { focal_point: object } | null }) => s.referral && Object.keys(s.referral.focal_point).length,
    );
    expect(withDetails.length).toBeGreaterThan(0);
    for (const text of practitionerTexts(QAYYARAH)) expect(read.text).toContain(JSON.stringify(text).slice(1, -1));
    // The governorate's pathway holds in the caseworker's district: readable too.
    expect((await caseworkerIn.get(`/pathways/${NINEWA.id}`)).status).toBe(200);
  });

  it('a caseworker of another area is refused (403), as for listings; the list leaves it out', async () => {
    const read = await caseworkerOut.get(`/pathways/${QAYYARAH.id}`);
    expect(read.status).toBe(403);
    expect(read.headers.get('Content-Type')).toMatch(/problem\+json/);
    for (const text of practitionerTexts(QAYYARAH)) expect(read.text).not.toContain(text);
    const list = await caseworkerOut.get('/pathways');
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(QAYYARAH.id);
    expect((await caseworkerIn.get('/pathways')).body.items.map((p: { id: string }) => p.id)).toContain(QAYYARAH.id);
  });

  it('an editor reads the published route but not other organisations’ focal points, and edits nothing', async () => {
    const read = await editor.get(`/pathways/${QAYYARAH.id}`);
    expect(read.status).toBe(200);
    expect(read.body.steps.every((s: { referral: unknown }) => s.referral === null)).toBe(true);
    for (const text of practitionerTexts(QAYYARAH)) expect(read.text).not.toContain(text);
    const edit = await editor.patch(`/pathways/${QAYYARAH.id}`, { intro: { en: 'x' } }, read.body.version);
    expect(edit.status).toBe(403);
  });

  it('a caseworker never sees a draft pathway (404), even in their area', async () => {
    const draft = await coordinator.post('/pathways', {
      area_pcode: 'IQG15Q05',
      concern_id: 'online_harassment',
      names: { en: 'Draft route' },
    });
    expect(draft.status, draft.text).toBe(201);
    expect((await caseworkerIn.get(`/pathways/${draft.body.id}`)).status).toBe(404);
    expect((await caseworkerIn.get('/pathways')).body.items.map((p: { id: string }) => p.id)).not.toContain(
      draft.body.id,
    );
  });

  it('details written through the admin API stay off the public pathway', async () => {
    const read = await coordinator.get(`/pathways/${QAYYARAH.id}`);
    const canary = 'Canary focal point +9647700000123';
    const step = read.body.steps[0];
    const edit = await coordinator.patch(
      `/pathway-steps/${step.id}/referral`,
      { focal_point: { ar: canary, en: canary } },
      read.body.version,
    );
    expect(edit.status, edit.text).toBe(200);
    expect((await caseworkerIn.get(`/pathways/${QAYYARAH.id}`)).text).toContain(canary);
    for (const lang of UI_LANGUAGES) {
      expect((await get(`/api/v1/pathways/${QAYYARAH.id}?area=IQG15Q05N01&lang=${lang}`)).text).not.toContain(canary);
      expect((await get(`/p/${QAYYARAH.id}?a=IQG15Q05N01&lang=${lang}`)).text).not.toContain(canary);
    }
  });
});

describe('the pathway routes in the OpenAPI document', () => {
  let doc: { paths: Record<string, Record<string, unknown>> };
  beforeAll(async () => {
    doc = (await get('/api/v1/openapi.json')).body;
  });

  /** Checks an answer against what the document declares for that operation and status. */
  function expectDeclared(method: string, path: string, response: Response) {
    expect([200, 201], response.text).toContain(response.status);
    expect(declaredSchema(doc, `/api/v1/admin${path}`, method, response.status), `${method} ${path}`).toBeDefined();
    expect(responseErrors(doc, `/api/v1/admin${path}`, method, response.status, response.body), path).toEqual([]);
  }

  it('lists every pathway route', () => {
    const paths = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.slice('/api/v1/admin'.length)}`),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /pathways',
        'POST /pathways',
        'GET /pathways/{id}',
        'PATCH /pathways/{id}',
        'POST /pathways/{id}/steps',
        'PUT /pathways/{id}/step-order',
        'PATCH /pathway-steps/{id}',
        'PATCH /pathway-steps/{id}/referral',
        'DELETE /pathway-steps/{id}',
        'POST /pathways/{id}/publish',
        'POST /pathways/{id}/unpublish',
        'POST /pathways/{id}/verifications',
        'GET /pathways/{id}/verifications',
        'GET /pathways/{id}/history',
        'POST /pathways/{id}/history/{changeId}/revert',
        'GET /pathways/{id}/translations',
      ]),
    );
  });

  it('real answers of every pathway operation validate against what the document declares', async () => {
    expectDeclared('get', '/pathways', await caseworkerIn.get('/pathways?area=IQG15Q05N01&concern=digital_extortion'));
    expectDeclared('get', '/pathways/{id}', await caseworkerIn.get(`/pathways/${QAYYARAH.id}`));
    expectDeclared('get', '/pathways/{id}', await editor.get(`/pathways/${QAYYARAH.id}`));
    const created = await admin.post('/pathways', {
      area_pcode: 'IQG15Q05',
      concern_id: 'domestic_violence',
      names: { en: 'Schema check route' },
      source_url: 'https://example.org/route',
    });
    expectDeclared('post', '/pathways', created);
    const id = created.body.id;
    const patched = await admin.patch(`/pathways/${id}`, { intro: { en: 'Intro' } }, created.body.version);
    expectDeclared('patch', '/pathways/{id}', patched);
    const step = await admin.post(
      `/pathways/${id}/steps`,
      { kind: 'report', choices: [{ code: 'anonymous', note: { en: 'No name needed' } }] },
      { 'If-Match': `"${patched.body.version}"` },
    );
    expectDeclared('post', '/pathways/{id}/steps', step);
    const second = await admin.post(
      `/pathways/${id}/steps`,
      { kind: 'recovery', services: [{ service_type_id: 'mhpss' }] },
      { 'If-Match': `"${step.body.version}"` },
    );
    const stepPatch = await admin.patch(
      `/pathway-steps/${step.body.id}`,
      { what_happens: { en: 'You tell them what happened.' } },
      second.body.version,
    );
    expectDeclared('patch', '/pathway-steps/{id}', stepPatch);
    const referral = await admin.patch(
      `/pathway-steps/${step.body.id}/referral`,
      { intake_route: { en: 'Form' } },
      stepPatch.body.version,
    );
    expectDeclared('patch', '/pathway-steps/{id}/referral', referral);
    const order = await admin.put(
      `/pathways/${id}/step-order`,
      { step_ids: [second.body.id, step.body.id] },
      referral.body.version,
    );
    expectDeclared('put', '/pathways/{id}/step-order', order);
    const published = await admin.post(`/pathways/${id}/publish`, {}, { 'If-Match': `"${order.body.version}"` });
    expectDeclared('post', '/pathways/{id}/publish', published);
    const verified = await admin.post(`/pathways/${id}/verifications`, { method: 'visit', note: 'Checked' });
    expectDeclared('post', '/pathways/{id}/verifications', verified);
    expectDeclared('get', '/pathways/{id}/verifications', await admin.get(`/pathways/${id}/verifications`));
    const history = await admin.get(`/pathways/${id}/history`);
    expectDeclared('get', '/pathways/{id}/history', history);
    expectDeclared('get', '/pathways/{id}/translations', await admin.get(`/pathways/${id}/translations`));
    const introChange = history.body.items.find((e: { field: string }) => e.field === 'intro');
    const reverted = await admin.post(
      `/pathways/${id}/history/${introChange.id}/revert`,
      {},
      { 'If-Match': `"${verified.body.pathway.version}"` },
    );
    expectDeclared('post', '/pathways/{id}/history/{changeId}/revert', reverted);
    const unpublished = await admin.post(`/pathways/${id}/unpublish`, {}, { 'If-Match': `"${reverted.body.version}"` });
    expectDeclared('post', '/pathways/{id}/unpublish', unpublished);
  });
});
