import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';
import { Client, one, signedIn } from './support.ts';

const sample = sampleDirectory(new Date());
const byName = (name: string) => sample.services.find((s: { names: { en?: string } }) => s.names.en === name)!;
const karbalaCase = byName('Case management, Karbala (sample)');
const KARBALA = 'IQG12';

interface Change {
  field: string;
  old: unknown;
  new: unknown;
  actor: string;
  entity: string;
  reason: string | null;
}
const history = async (client: Client, serviceId: string): Promise<Change[]> =>
  (await client.get(`/services/${serviceId}/history`)).body.items;

let admin: Client;
let coordinator: Client;
let editorA: Client;
let editorB: Client;
beforeAll(async () => {
  admin = await signedIn('admin');
  coordinator = await signedIn('coordinator', { areas: [KARBALA] });
  editorA = await signedIn('editor', { organisationId: karbalaCase.organisationId });
  editorB = await signedIn('editor', { organisationId: karbalaCase.organisationId });
});

/** A new draft listing of the Karbala organisation, made by editor A. */
async function draft(extra: Record<string, unknown> = {}) {
  const created = await editorA.post('/services', {
    organisation_id: karbalaCase.organisationId,
    country: 'IQ',
    names: { en: 'Draft listing (sample)', ar: 'قائمة مسودة' },
    type_ids: ['legal_aid'],
    area_pcodes: ['IQG12Q03'],
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; version: number };
}

describe('editing a listing (M3, M4)', () => {
  it('reads give the version as ETag; an edit without If-Match is refused with 428', async () => {
    const listing = await draft();
    const read = await editorA.get(`/services/${listing.id}`);
    expect(read.headers.get('ETag')).toBe(`"${listing.version}"`);
    const response = await editorA.request('PATCH', `/services/${listing.id}`, { cost_kind: 'free' });
    expect(response.status).toBe(428);
    expect(response.headers.get('Content-Type')).toMatch(/problem\+json/);
  });

  it('every changed field appends exactly one change-log entry with who, old, new and why', async () => {
    const listing = await draft();
    const before = (await history(admin, listing.id)).length;
    const edit = await editorA.patch(
      `/services/${listing.id}`,
      {
        cost_kind: 'free',
        female_staff: 'yes',
        names: { en: 'Draft listing, renamed (sample)', ar: 'قائمة مسودة' },
        languages: [],
        change_reason: 'Phoned the office',
      },
      listing.version,
    );
    expect(edit.status).toBe(200);
    expect(edit.body.changed_fields.sort()).toEqual(['cost_kind', 'female_staff', 'names']); // languages was already []
    expect(edit.headers.get('ETag')).toBe(`"${listing.version + 1}"`);
    const entries = (await history(admin, listing.id)).slice(0, -before || undefined);
    expect(entries).toHaveLength(3);
    expect(entries.find((e) => e.field === 'cost_kind')).toMatchObject({
      old: 'unknown',
      new: 'free',
      reason: 'Phoned the office',
      entity: 'service',
    });
    expect(entries.find((e) => e.field === 'names')).toMatchObject({
      old: { en: 'Draft listing (sample)', ar: 'قائمة مسودة' },
      new: { en: 'Draft listing, renamed (sample)', ar: 'قائمة مسودة' },
    });
    for (const entry of entries) expect(entry.actor).toMatch(/^Test editor/);
    // Nothing changed: nothing written, version unchanged.
    const same = await editorA.patch(`/services/${listing.id}`, { cost_kind: 'free' }, listing.version + 1);
    expect(same.body).toMatchObject({ version: listing.version + 1, changed_fields: [] });
    expect((await history(admin, listing.id)).length).toBe(before + 3);
  });

  it('two editors on the same version: one wins, the other gets 412 with the current version, nothing lost', async () => {
    const listing = await draft();
    const path = `/services/${listing.id}`;
    const [a, b] = await Promise.all([
      editorA.patch(path, { cost_note: { en: 'Free of charge.' } }, listing.version),
      editorB.patch(path, { eligibility_note: { en: 'Women 18 and over.' } }, listing.version),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 412]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(loser.headers.get('Content-Type')).toMatch(/problem\+json/);
    expect(loser.body.current_version).toBe(listing.version + 1);
    expect(loser.body.current.version).toBe(listing.version + 1);
    const changes = (await history(admin, listing.id)).filter(
      (e) => e.field === 'cost_note' || e.field === 'eligibility_note',
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]!.field).toBe(winner === a ? 'cost_note' : 'eligibility_note');
    // The loser re-applies on the current version and both edits are kept.
    const retried = await (winner === a ? editorB : editorA).patch(
      path,
      winner === a ? { eligibility_note: { en: 'Women 18 and over.' } } : { cost_note: { en: 'Free of charge.' } },
      loser.body.current_version,
    );
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      cost_note: { en: 'Free of charge.' },
      eligibility_note: { en: 'Women 18 and over.' },
    });
  });

  it('the version check runs inside the write batch: a stale guard rolls the whole batch back', async () => {
    const listing = await draft();
    const stale = env.DB.prepare(
      'INSERT INTO write_guards (ok) SELECT count(*) FROM services WHERE id = ? AND version = ?',
    ).bind(listing.id, listing.version + 7);
    const write = env.DB.prepare("UPDATE services SET cost_kind = 'paid' WHERE id = ?").bind(listing.id);
    const log = env.DB.prepare(
      'INSERT INTO change_log (at, actor, entity, entity_id, field) ' +
        "VALUES ('2030-01-01', 'x', 'service', ?, 'cost_kind')",
    ).bind(listing.id);
    await expect(env.DB.batch([stale, write, log])).rejects.toThrow(/masar_write_guard/);
    expect(
      (await one<{ cost_kind: string }>('SELECT cost_kind FROM services WHERE id = ?', listing.id)).cost_kind,
    ).toBe('unknown');
    expect(
      (
        await one<{ n: number }>(
          "SELECT count(*) AS n FROM change_log WHERE entity_id = ? AND at = '2030-01-01'",
          listing.id,
        )
      ).n,
    ).toBe(0);
    const fresh = env.DB.prepare(
      'INSERT INTO write_guards (ok) SELECT count(*) FROM services WHERE id = ? AND version = ?',
    ).bind(listing.id, listing.version);
    await env.DB.batch([fresh, write]);
    expect(
      (await one<{ cost_kind: string }>('SELECT cost_kind FROM services WHERE id = ?', listing.id)).cost_kind,
    ).toBe('paid');
    expect((await one<{ n: number }>('SELECT count(*) AS n FROM write_guards')).n).toBe(0);
  });

  it('a stale If-Match on a sub-record (contact route) is refused as well', async () => {
    const listing = await draft();
    const route = await editorA.post(`/services/${listing.id}/contact-routes`, {
      kind: 'phone',
      value: '+9647700000555',
    });
    expect(route.status).toBe(201);
    expect(
      (await editorA.patch(`/contact-routes/${route.body.id}`, { labels: { en: 'Office' } }, route.body.version))
        .status,
    ).toBe(200);
    const stale = await editorB.patch(
      `/contact-routes/${route.body.id}`,
      { labels: { en: 'Reception' } },
      route.body.version,
    );
    expect(stale.status).toBe(412);
    expect(stale.body.current.labels).toEqual({ en: 'Office' });
  });

  it('invalid opening hours are refused with 400 naming the field', async () => {
    const listing = await draft();
    const response = await editorA.post(`/services/${listing.id}/contact-routes`, {
      kind: 'phone',
      value: '+9647700000556',
      opening_hours: 'Mo-Fr 25:00-99:00',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ in: 'body', name: 'opening_hours' })]);
    const holidays = await editorA.post(`/services/${listing.id}/contact-routes`, {
      kind: 'phone',
      value: '+9647700000556',
      opening_hours: 'Su-Th 08:00-14:00; PH off',
    });
    expect(holidays.body.errors[0]).toMatchObject({
      name: 'opening_hours',
      reason: expect.stringMatching(/dated closure/),
    });
    const valid = await editorA.post(`/services/${listing.id}/contact-routes`, {
      kind: 'phone',
      value: '+9647700000556',
      opening_hours: 'Su-Th 08:00-14:00',
    });
    expect(valid.status).toBe(201);
    expect(valid.body.opening_hours).toBe('Su-Th 08:00-14:00');
  });

  it('HTML in a text field is stored and returned as text, JSON-escaped, never interpreted', async () => {
    const payload = '<img src=x onerror=alert(1)><script>alert("x")</script>';
    const listing = await draft({ names: { en: payload }, descriptions: { ar: payload } });
    const read = await editorA.get(`/services/${listing.id}`);
    expect(read.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(read.body.names.en).toBe(payload);
    expect(read.body.descriptions.ar).toBe(payload);
    expect(read.text).toContain(JSON.stringify(payload).slice(1, -1));
    const stored = await one<{ names: string }>('SELECT names FROM services WHERE id = ?', listing.id);
    expect(JSON.parse(stored.names).en).toBe(payload);
  });

  it('a change can be reverted; the revert is itself logged and restores the old value', async () => {
    const listing = await draft();
    const edited = await editorA.patch(
      `/services/${listing.id}`,
      { cost_kind: 'paid', source_description: 'Karbala GBV working group list, 2026' },
      listing.version,
    );
    const change = (await history(admin, listing.id)).find((e) => e.field === 'cost_kind') as Change & { id: number };
    const revert = await coordinator.post(
      `/services/${listing.id}/history/${change.id}/revert`,
      { change_reason: 'Wrong, it is free' },
      { 'If-Match': `"${edited.body.version}"` },
    );
    expect(revert.status).toBe(200);
    expect(revert.body).toMatchObject({
      cost_kind: 'unknown',
      source_description: 'Karbala GBV working group list, 2026',
      version: edited.body.version + 1,
    });
    const latest = (await history(admin, listing.id))[0] as Change & { reverts_change_id: number };
    expect(latest).toMatchObject({
      field: 'cost_kind',
      old: 'paid',
      new: 'unknown',
      reverts_change_id: change.id,
      reason: 'Wrong, it is free',
    });
    // Reverting needs the current version too.
    expect(
      (
        await coordinator.post(
          `/services/${listing.id}/history/${change.id}/revert`,
          {},
          { 'If-Match': `"${edited.body.version}"` },
        )
      ).status,
    ).toBe(412);
    // Editors may not revert.
    expect(
      (
        await editorA.post(
          `/services/${listing.id}/history/${change.id}/revert`,
          {},
          { 'If-Match': `"${edited.body.version + 1}"` },
        )
      ).status,
    ).toBe(403);
  });

  it('creating and deleting a record are logged whole, and a delete can be reverted', async () => {
    const listing = await draft();
    const closure = await editorA.post(`/services/${listing.id}/closures`, {
      starts_at: '2030-01-01T00:00:00Z',
      ends_at: '2030-01-03T00:00:00Z',
      reason: { en: 'Eid' },
    });
    expect(closure.status).toBe(201);
    expect((await editorA.delete(`/closures/${closure.body.id}`, closure.body.version)).status).toBe(204);
    const entries = (await history(admin, listing.id)).filter((e) => e.entity === 'closure') as Array<
      Change & { id: number }
    >;
    expect(entries.map((e) => [e.field, e.old === null, e.new === null])).toEqual([
      ['*', false, true],
      ['*', true, false],
    ]);
    const restored = await coordinator.post(`/services/${listing.id}/history/${entries[0]!.id}/revert`, {});
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      id: closure.body.id,
      starts_at: '2030-01-01T00:00:00.000Z',
      reason: { en: 'Eid' },
    });
  });

  it('the change log refuses UPDATE and DELETE (append-only, enforced by the database)', async () => {
    await draft();
    await expect(env.DB.prepare("UPDATE change_log SET actor = 'someone else'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM change_log').run()).rejects.toThrow(/append-only/);
    expect((await one<{ n: number }>('SELECT count(*) AS n FROM change_log')).n).toBeGreaterThan(0);
  });

  it('a field the API does not own (verification status, status) cannot be set by PATCH', async () => {
    const listing = await draft();
    const response = await editorA.patch(
      `/services/${listing.id}`,
      { verification_status: 'verified' },
      listing.version,
    );
    expect(response.status).toBe(400);
    const status = await editorA.patch(`/services/${listing.id}`, { status: 'published' }, listing.version);
    expect(status.status).toBe(400);
  });
});

describe('translations (M8)', () => {
  it('one translation is set per field and language with its status, logged per language', async () => {
    const listing = await draft();
    const set = await editorA.put(
      '/translations',
      {
        entity: 'service',
        entity_id: listing.id,
        field: 'names',
        language: 'ckb',
        text: 'لیستی ڕەشنووس',
        status: 'machine',
      },
      listing.version,
    );
    expect(set.status).toBe(200);
    const matrix = (await editorA.get(`/services/${listing.id}/translations`)).body.items as Array<{
      entity: string;
      field: string;
      language: string;
      text: string | null;
      status: string;
    }>;
    const names = matrix.filter((t) => t.entity === 'service' && t.field === 'names');
    expect(Object.fromEntries(names.map((t) => [t.language, t.status]))).toEqual({
      ar: 'machine',
      ckb: 'machine',
      kmr: 'missing',
      en: 'machine',
      es: 'missing',
    });
    await editorA.put(
      '/translations',
      {
        entity: 'service',
        entity_id: listing.id,
        field: 'names',
        language: 'ckb',
        text: 'لیستی ڕەشنووس',
        status: 'reviewed',
      },
      set.body.version,
    );
    const after = (await editorA.get(`/services/${listing.id}/translations`)).body.items.find(
      (t: { field: string; language: string; entity: string }) =>
        t.entity === 'service' && t.field === 'names' && t.language === 'ckb',
    );
    expect(after).toMatchObject({ status: 'reviewed', status_recorded: true });
    const log = (await history(admin, listing.id)).map((e) => e.field);
    expect(log).toEqual(expect.arrayContaining(['names.ckb', 'names.ckb:status']));
    expect(log.filter((f) => f === 'names.ckb')).toHaveLength(1);
  });
});

describe('coverage and search stay true after edits', () => {
  it('changing the area of a published listing moves it in area listings and in search at once', async () => {
    const id = karbalaCase.id;
    const found = async (query: string) =>
      ((await get(`/api/v1/services?${query}&limit=100`)).body.items as Array<{ id: string }>).some((s) => s.id === id);
    expect(await found('area=IQG12')).toBe(true);
    const service = await coordinator.get(`/services/${id}`);
    const site = service.body.locations[0];
    const location = await admin.get(`/locations/${site.location_id}`);
    // Move the location to Mosul (admin: outside the Karbala coordinator's areas).
    const moved = await admin.patch(
      `/locations/${site.location_id}`,
      { area_pcode: 'IQG15Q05' },
      location.body.version,
    );
    expect(moved.status).toBe(200);
    expect(await found('area=IQG12')).toBe(false);
    expect(await found('area=IQG15Q05')).toBe(true);
    expect(await found('q=Mosul')).toBe(true);
    const back = await admin.patch(
      `/locations/${site.location_id}`,
      { area_pcode: location.body.area_pcode },
      moved.body.version,
    );
    expect(back.status).toBe(200);
    expect(await found('area=IQG12')).toBe(true);
    expect(await found('q=Karbala')).toBe(true);
  });

  it('a renamed published listing is found by its new name', async () => {
    const id = byName('Legal aid, Karbala (sample)').id;
    const current = await coordinator.get(`/services/${id}`);
    const renamed = await coordinator.patch(
      `/services/${id}`,
      { names: { ...current.body.names, en: 'Zanzibarlegal clinic, Karbala (sample)' } },
      current.body.version,
    );
    expect(renamed.status).toBe(200);
    const search = await get('/api/v1/services?q=Zanzibarlegal');
    expect(search.body.items.map((s: { id: string }) => s.id)).toEqual([id]);
    const sorted = await one<{ sort_name: string }>('SELECT sort_name FROM services WHERE id = ?', id);
    expect(sorted.sort_name).toBe('zanzibarlegal clinic karbala sample');
  });
});

describe('drafts and publication (M6)', () => {
  it('publishing needs a source and every public route verified, and says what is missing', async () => {
    const listing = await draft();
    const route = await editorA.post(`/services/${listing.id}/contact-routes`, {
      kind: 'phone',
      value: '+9647700000557',
    });
    expect(
      (await editorA.post(`/services/${listing.id}/publish`, {}, { 'If-Match': `"${listing.version}"` })).status,
    ).toBe(403);
    const refused = await coordinator.post(
      `/services/${listing.id}/publish`,
      {},
      { 'If-Match': `"${listing.version}"` },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { name: string }) => e.name).sort()).toEqual([
      `contact_routes.${route.body.id}`,
      'source_description',
    ]);
    expect((await get(`/api/v1/services/${listing.id}`)).status).toBe(404);
  });

  it("an editor's edit of a published listing waits as a draft until a coordinator publishes it", async () => {
    const id = byName('Psychosocial support, Karbala (sample)').id;
    const current = await editorA.get(`/services/${id}`);
    const edit = await editorA.patch(
      `/services/${id}`,
      { after_contact: { en: 'A caseworker calls you back within a day (sample).' } },
      current.body.version,
    );
    expect(edit.status).toBe(202);
    expect(edit.body.pending).toBe(true);
    const publicBefore = await get(`/api/v1/services/${id}?lang=en`);
    expect(publicBefore.body.after_contact?.text).not.toBe('A caseworker calls you back within a day (sample).');
    const queue = await coordinator.get('/queue');
    expect(queue.body.drafts.map((d: { id: string }) => d.id)).toContain(id);
    const published = await coordinator.post(
      `/services/${id}/publish`,
      {},
      { 'If-Match': `"${current.body.version}"` },
    );
    expect(published.status).toBe(200);
    expect(published.body.applied_drafts).toBe(1);
    const publicAfter = await get(`/api/v1/services/${id}?lang=en`);
    expect(publicAfter.body.after_contact.text).toBe('A caseworker calls you back within a day (sample).');
    const entry = (await history(admin, id)).find((e) => e.field === 'after_contact')!;
    expect(entry.actor).toMatch(/^Test editor .* \(published by Test coordinator/);
  });
});

describe('pinning a location on the map (point-in-polygon)', () => {
  it('a pin without an area sets the deepest boundary containing it; moving the pin moves the area', async () => {
    const created = await editorA.post(`/organisations/${karbalaCase.organisationId}/locations`, {
      lon: 44.0249,
      lat: 32.616,
      names: { en: 'Pinned office' },
    });
    expect(created.status).toBe(201);
    expect(created.body.area_pcode).toMatch(/^IQG12Q03/);
    const area = await one<{ level: number }>('SELECT level FROM areas WHERE pcode = ?', created.body.area_pcode);
    expect(area.level).toBe(3);
    const moved = await admin.patch(`/locations/${created.body.id}`, { lon: 43.13, lat: 36.34 }, created.body.version);
    expect(moved.body.area_pcode).toMatch(/^IQG15Q05/); // Mosul
    const outside = await admin.patch(`/locations/${created.body.id}`, { lon: 0, lat: 0 }, moved.body.version);
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].name).toBe('lon');
    const noArea = await editorA.post(`/organisations/${karbalaCase.organisationId}/locations`, {
      names: { en: 'Nowhere' },
    });
    expect(noArea.status).toBe(400);
  });
});
