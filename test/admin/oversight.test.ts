import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MARKERS, sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';
import { Client, one, signedIn } from './support.ts';

const sample = sampleDirectory(new Date());
const byName = (name: string) => sample.services.find((s: { names: { en?: string } }) => s.names.en === name)!;
const karbalaCase = byName('Case management, Karbala (sample)');
const mosulLegal = byName('Legal aid, Mosul (sample)');
const noor = byName('Noor 24-hour helpline (sample)');

/** A report as the public files it (POST /api/v1/problem-reports writes this row). */
async function report(serviceId: string, kind = 'no_answer', routeId: string | null = null) {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    'INSERT INTO problem_reports (id, service_id, contact_route_id, kind, note) VALUES (?, ?, ?, ?, ?)',
  )
    .bind(id, serviceId, routeId, kind, 'Nobody answered <b>twice</b>')
    .run();
  return id;
}

let karbala: Client;
let ninewa: Client;
let admin: Client;
beforeAll(async () => {
  karbala = await signedIn('coordinator', { areas: ['IQG12'] });
  ninewa = await signedIn('coordinator', { areas: ['IQG15'] });
  admin = await signedIn('admin');
});

describe('problem reports queue (C8)', () => {
  it('each coordinator sees the open reports of listings in their areas; resolving one is logged', async () => {
    const inKarbala = await report(karbalaCase.id);
    const inMosul = await report(mosulLegal.id, 'wrong_number');
    const ids = async (client: Client, query = '') =>
      (await client.get(`/problem-reports${query}`)).body.items.map((r: { id: string }) => r.id);
    expect(await ids(karbala)).toContain(inKarbala);
    expect(await ids(karbala)).not.toContain(inMosul);
    expect(await ids(ninewa)).toContain(inMosul);
    expect(await ids(admin, '?area=IQG12')).toEqual(expect.arrayContaining([inKarbala]));
    expect(await ids(admin, '?area=IQG12')).not.toContain(inMosul);
    const listed = (await karbala.get('/problem-reports')).body.items.find((r: { id: string }) => r.id === inKarbala);
    expect(listed).toMatchObject({
      kind: 'no_answer',
      note: 'Nobody answered <b>twice</b>',
      status: 'open',
      service_id: karbalaCase.id,
    });

    expect((await ninewa.post(`/problem-reports/${inKarbala}/resolve`, { outcome: 'fixed' })).status).toBe(403);
    const resolved = await karbala.post(`/problem-reports/${inKarbala}/resolve`, {
      outcome: 'verified_correct',
      note: 'Called: it works.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolution: { outcome: 'verified_correct', note: 'Called: it works.' },
    });
    expect((await karbala.post(`/problem-reports/${inKarbala}/resolve`, { outcome: 'fixed' })).status).toBe(409);
    expect(await ids(karbala)).not.toContain(inKarbala);
    expect(await ids(karbala, '?status=resolved')).toContain(inKarbala);
    const history = (await karbala.get(`/services/${karbalaCase.id}/history`)).body.items;
    expect(history[0]).toMatchObject({
      entity: 'problem_report',
      entity_id: inKarbala,
      field: 'resolution',
      new: { outcome: 'verified_correct', note: 'Called: it works.' },
    });
  });
});

describe('practitioner-only reads (C3)', () => {
  it('a caseworker in scope reads referral details and practitioner routes; the public never does', async () => {
    const caseworker = await signedIn('caseworker', { areas: ['IQG12'] });
    const restricted = await caseworker.get(`/services/${karbalaCase.id}`);
    expect(restricted.status).toBe(200);
    expect(restricted.body.referral.focal_point).toEqual(
      expect.objectContaining({ en: expect.stringContaining('PRACTITIONER-ONLY') }),
    );
    const practitioner = restricted.body.contact_routes.filter(
      (r: { visibility: string }) => r.visibility === 'practitioner',
    );
    expect(practitioner.length).toBeGreaterThan(0);
    expect(restricted.body.pending_changes).toBeUndefined();
    const publicView = await get(`/api/v1/services/${karbalaCase.id}`);
    for (const marker of SAMPLE_MARKERS) expect(publicView.text).not.toContain(marker);
    // Out of their areas: refused.
    expect((await caseworker.get(`/services/${mosulLegal.id}`)).status).toBe(403);
    // Drafts are not for referral.
    const draft = await one<{ id: string }>("SELECT id FROM services WHERE status = 'draft' LIMIT 1");
    expect((await (await signedIn('caseworker')).get(`/services/${draft.id}`)).status).toBe(404);
    // A caseworker never writes.
    expect(
      (await caseworker.patch(`/services/${karbalaCase.id}`, { cost_kind: 'free' }, restricted.body.version)).status,
    ).toBe(403);
  });

  it("a confidential shelter's address is never given to a caseworker: the listing withholds it as the location record does", async () => {
    const shelter = byName('Dar Al-Aman shelter, Erbil (sample)');
    const erbil = await signedIn('caseworker', { areas: ['IQG11'] });
    const read = await erbil.get(`/services/${shelter.id}`);
    expect(read.status).toBe(200);
    expect(read.body.locations[0].location).toMatchObject({
      is_confidential: true,
      address: null,
      lon: null,
      lat: null,
      address_withheld: true,
    });
    expect(read.text).not.toContain('CONFIDENTIAL-ADDRESS-SAMPLE');
    expect(read.text).not.toContain('36.10787');
    expect((await erbil.get(`/locations/${read.body.locations[0].location.id}`)).status).toBe(403);
    expect((await (await signedIn('caseworker', { areas: ['IQG12'] })).get(`/services/${shelter.id}`)).status).toBe(
      403,
    );
  });

  it("admins, coordinators of its area and editors of its organisation read the shelter's address, in the listing and the location record alike", async () => {
    const shelter = byName('Dar Al-Aman shelter, Erbil (sample)');
    const readers = [
      await signedIn('admin'),
      await signedIn('coordinator', { areas: ['IQG11'] }),
      await signedIn('editor', { organisationId: shelter.organisationId }),
    ];
    for (const reader of readers) {
      const listing = await reader.get(`/services/${shelter.id}`);
      expect(listing.status, listing.text).toBe(200);
      const location = listing.body.locations[0].location;
      expect(location.address_withheld).toBe(false);
      expect(JSON.stringify(location.address)).toContain('CONFIDENTIAL-ADDRESS-SAMPLE');
      const record = await reader.get(`/locations/${location.id}`);
      expect(record.status, record.text).toBe(200);
      expect(JSON.stringify(record.body.address)).toContain('CONFIDENTIAL-ADDRESS-SAMPLE');
      expect(record.body.lat).toBe(location.lat);
    }
  });

  it('bulk reading of restricted listings is slowed down: past 60 in a minute, 429 problem+json with Retry-After', async () => {
    const caseworker = await signedIn('caseworker', { areas: ['IQG12'] });
    // The ceiling counts per clock minute: start early in one so the 61 reads fall within it.
    const leftInMinute = 60_000 - (Date.now() % 60_000);
    if (leftInMinute < 25_000) await new Promise((resolve) => setTimeout(resolve, leftInMinute + 200));
    for (let i = 0; i < 60; i++) expect((await caseworker.get(`/services/${karbalaCase.id}`)).status).toBe(200);
    const refused = await caseworker.get(`/services/${karbalaCase.id}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Content-Type')).toMatch(/problem\+json/);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(refused.text).not.toContain('PRACTITIONER-ONLY');
    // Someone else is not slowed down by it.
    expect((await (await signedIn('caseworker', { areas: ['IQG12'] })).get(`/services/${karbalaCase.id}`)).status).toBe(
      200,
    );
  }, 90_000);
});

describe('GET /api/v1/admin/data-quality (M9)', () => {
  it('gives verified shares per governorate, missing fields, open reports and services per type per district', async () => {
    const { status, body } = await admin.get('/data-quality');
    expect(status).toBe(200);
    const published = await one<{ n: number }>("SELECT count(*) AS n FROM services WHERE status = 'published'");
    expect(body.published_services).toBe(published.n);
    const karbalaFigures = body.governorates.find((g: { pcode: string }) => g.pcode === 'IQG12');
    expect(karbalaFigures.services).toBeGreaterThanOrEqual(6);
    expect(karbalaFigures.verified_within_90_days_pct).toBeGreaterThan(0);
    expect(karbalaFigures.verified_within_365_days_pct).toBeGreaterThanOrEqual(
      karbalaFigures.verified_within_90_days_pct,
    );
    expect(body.missing_fields).toEqual(
      expect.objectContaining({
        source: expect.any(Number),
        female_staff_unknown: expect.any(Number),
        referral_focal_point: expect.any(Number),
      }),
    );
    expect(body.open_problem_reports).toBeGreaterThanOrEqual(0);
    const district = body.districts.find((d: { pcode: string }) => d.pcode === 'IQG12Q03');
    expect(district.services_per_type.legal_aid).toBeGreaterThanOrEqual(1);
    expect(district.services_per_type.hotline).toBeGreaterThanOrEqual(1); // Noor covers Karbala
    expect(district.gaps).not.toContain('legal_aid');
    expect(district.gaps).toContain('shelter');
  });
});

describe("a coordinator's day in Karbala", () => {
  it("signs in, works the Karbala queue, verifies the hotline by a logged test call, publishes an editor's draft, and the public sees it at once", async () => {
    const coordinator = await signedIn('coordinator', { areas: ['IQG12'] });
    const editor = await signedIn('editor', { organisationId: karbalaCase.organisationId });

    // The editor drafts a new listing with a source and a phone route.
    const draft = await editor.post('/services', {
      organisation_id: karbalaCase.organisationId,
      country: 'IQ',
      names: { en: 'Evening legal counselling, Karbala (sample)', ar: 'استشارة قانونية مسائية، كربلاء (نموذج)' },
      type_ids: ['legal_aid'],
      area_pcodes: ['IQG12Q03'],
      source_description: 'Karbala GBV working group service mapping, 2026 (sample)',
    });
    expect(draft.status).toBe(201);
    const route = await editor.post(`/services/${draft.body.id}/contact-routes`, {
      kind: 'phone',
      value: '+9647700000888',
      opening_hours: 'Su-Th 16:00-20:00',
    });
    expect(route.status).toBe(201);

    // The queue for Karbala: the hotline is due, the draft waits, a report is open.
    const hotline = noor.routes.find((r: { kind: string }) => r.kind === 'hotline')!;
    const reportId = await report(noor.id, 'no_answer', hotline.id);
    const queue = await coordinator.get('/queue?area=IQG12');
    expect(queue.status).toBe(200);
    expect(queue.body.verifications_due.contact_routes.map((r: { id: string }) => r.id)).toContain(hotline.id);
    expect(queue.body.drafts.map((d: { id: string }) => d.id)).toContain(draft.body.id);
    expect(queue.body.problem_reports.map((r: { id: string }) => r.id)).toContain(reportId);

    // Verify the hotline by a logged test call, and resolve the report.
    const call = await coordinator.post(`/contact-routes/${hotline.id}/test-calls`, {
      answered: true,
      language_offered: 'ar',
      female_staff_offered: 'yes',
      verify: true,
    });
    expect(call.status).toBe(201);
    expect(call.body.verification.route.verification_status).toBe('verified');
    expect(
      (await coordinator.post(`/problem-reports/${reportId}/resolve`, { outcome: 'verified_correct' })).status,
    ).toBe(200);
    const publicNoor = await get(`/api/v1/services/${noor.id}`);
    expect(publicNoor.body.contact_routes.find((r: { id: string }) => r.id === hotline.id).verification.status).toBe(
      'verified',
    );

    // Publishing the draft needs its route verified first.
    const refused = await coordinator.post(
      `/services/${draft.body.id}/publish`,
      {},
      { 'If-Match': `"${draft.body.version}"` },
    );
    expect(refused.status).toBe(422);
    expect(
      (
        await coordinator.post(`/contact-routes/${route.body.id}/test-calls`, {
          answered: true,
          language_offered: 'ar',
          verify: true,
        })
      ).status,
    ).toBe(201);
    const current = await coordinator.get(`/services/${draft.body.id}`);
    const published = await coordinator.post(
      `/services/${draft.body.id}/publish`,
      { change_reason: 'Checked by phone' },
      { 'If-Match': current.headers.get('ETag')! },
    );
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    // Public at once: detail, area listing and search.
    expect((await get(`/api/v1/services/${draft.body.id}`)).status).toBe(200);
    const inArea = await get('/api/v1/services?area=IQG12&limit=100');
    expect(inArea.body.items.map((s: { id: string }) => s.id)).toContain(draft.body.id);
    const search = await get(`/api/v1/services?q=${encodeURIComponent('Evening counselling')}`);
    expect(search.body.items.map((s: { id: string }) => s.id)).toContain(draft.body.id);
    const history = (await coordinator.get(`/services/${draft.body.id}/history`)).body.items;
    expect(history[0]).toMatchObject({ field: 'status', old: 'draft', new: 'published', reason: 'Checked by phone' });
  });
});
