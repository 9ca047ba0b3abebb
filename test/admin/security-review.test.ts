/**
 * Regression tests for what the maintainers-API security review found, through the real
 * Worker and D1 like the other admin tests.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { Client, createUser, freshCode, one, ORIGIN, PASSWORD, send, signedIn, signIn } from './support.ts';

const sample = sampleDirectory(new Date());
const ORG_A = sample.services.find(
  (s: { names: { en?: string } }) => s.names.en === 'Case management, Karbala (sample)',
)!.organisationId as string;
const KARBALA_DISTRICT = 'IQG12Q03';
const ERBIL_DISTRICT = 'IQG11Q02';

let admin: Client;
let coordinator: Client;
let editor: Client;
let confidentialId: string;
beforeAll(async () => {
  admin = await signedIn('admin');
  coordinator = await signedIn('coordinator', { areas: ['IQG12'] });
  editor = await signedIn('editor', { organisationId: ORG_A });
  confidentialId = (await one<{ id: string }>('SELECT id FROM locations WHERE is_confidential = 1')).id;
});

const ok = <T = any>(r: { status: number; body: T; text: string }, status = [200, 201]) => {
  expect(status, `${r.status} ${r.text}`).toContain(r.status);
  return r.body;
};

async function draftOf(client: Client, organisationId = ORG_A, areas = [KARBALA_DISTRICT]) {
  return ok(
    await client.post('/services', {
      organisation_id: organisationId,
      country: 'IQ',
      names: { en: 'Review listing' },
      type_ids: ['legal_aid'],
      area_pcodes: areas,
    }),
  );
}
async function locationOf(organisationId = ORG_A, pcode = KARBALA_DISTRICT) {
  return ok(
    await admin.post(`/organisations/${organisationId}/locations`, {
      area_pcode: pcode,
      names: { en: 'Review office' },
      address: { en: 'Street 1' },
    }),
  );
}
const publishDirectly = (serviceId: string) =>
  env.DB.prepare("UPDATE services SET status = 'published' WHERE id = ?").bind(serviceId).run();
const history = async (serviceId: string) =>
  (await admin.get(`/services/${serviceId}/history`)).body.items as Array<{
    id: number;
    field: string;
    entity: string;
    entity_id: string;
  }>;

describe('confidential locations of other organisations', () => {
  it('an editor cannot attach another organisation’s confidential location to their draft, nor read it', async () => {
    const listing = await draftOf(editor);
    const attach = await editor.post(`/services/${listing.id}/locations`, { location_id: confidentialId });
    expect(attach.status, attach.text).toBe(403);

    const own = await locationOf();
    const site = ok(await editor.post(`/services/${listing.id}/locations`, { location_id: own.id }));
    const version = (await editor.get(`/services/${listing.id}`)).body.version;
    const moved = await editor.patch(`/service-locations/${site.id}`, { location_id: confidentialId }, version);
    expect(moved.status, moved.text).toBe(403);

    for (const path of [
      `/services/${listing.id}`,
      `/locations/${confidentialId}`,
      `/services/${listing.id}/history`,
      `/services/${listing.id}/translations`,
    ]) {
      const read = await editor.get(path);
      expect(read.text).not.toContain('CONFIDENTIAL-ADDRESS');
      expect(read.text).not.toContain('36.10787');
    }
  });

  it('an unknown location_id is a 400 naming location_id, on create and on patch (not a 500)', async () => {
    const listing = await draftOf(admin);
    const created = await admin.post(`/services/${listing.id}/locations`, { location_id: 'nope' });
    expect(created.status).toBe(400);
    expect(created.body.errors[0].name).toBe('location_id');
    const site = ok(await admin.post(`/services/${listing.id}/locations`, { location_id: (await locationOf()).id }));
    const version = (await admin.get(`/services/${listing.id}`)).body.version;
    const patched = await admin.patch(`/service-locations/${site.id}`, { location_id: 'nope' }, version);
    expect(patched.status, patched.text).toBe(400);
    expect(patched.headers.get('Content-Type')).toMatch(/problem\+json/);
    expect(patched.body.errors[0].name).toBe('location_id');
  });
});

describe("an invitation is only as good as its inviter's current rights", () => {
  it('a coordinator invites an editor only for an organisation wholly within their areas', async () => {
    const mixed = ok(await admin.post('/organisations', { names: { en: 'Mixed NGO' } }));
    await draftOf(admin, mixed.id, [KARBALA_DISTRICT]);
    await draftOf(admin, mixed.id, [ERBIL_DISTRICT]);
    const refused = await coordinator.post('/invitations', {
      email: `e-${crypto.randomUUID()}@example.org`,
      role: 'editor',
      organisation_id: mixed.id,
    });
    expect(refused.status, refused.text).toBe(403);

    const local = ok(await admin.post('/organisations', { names: { en: 'Local NGO' } }));
    await draftOf(admin, local.id, [KARBALA_DISTRICT]);
    ok(
      await coordinator.post('/invitations', {
        email: `e-${crypto.randomUUID()}@example.org`,
        role: 'editor',
        organisation_id: local.id,
      }),
    );
    // A confidential location elsewhere puts the organisation out of the coordinator's reach too.
    await locationOf(local.id, ERBIL_DISTRICT);
    const withFarLocation = await coordinator.post('/invitations', {
      email: `e-${crypto.randomUUID()}@example.org`,
      role: 'editor',
      organisation_id: local.id,
    });
    expect(withFarLocation.status).toBe(403);
  });

  it('an invitation dies with its inviter’s account or role', async () => {
    for (const change of [{ disabled: true }, { role: 'caseworker', area_pcodes: ['IQG12'] }]) {
      const user = await createUser('coordinator', { areas: ['IQG12'] });
      const inviter = await signIn(user);
      const invitation = ok(
        await inviter.post('/invitations', {
          email: `c-${crypto.randomUUID()}@example.org`,
          role: 'caseworker',
          area_pcodes: ['IQG12'],
        }),
      );
      ok(await admin.request('PATCH', `/users/${user.id}`, change));
      const accept = await send('POST', '/api/v1/admin/invitations/accept', {
        body: { token: invitation.token, display_name: 'New', password: 'a long enough password' },
        headers: { Origin: ORIGIN },
      });
      expect(accept.status, accept.text).toBe(410);
    }
  });

  it('acceptance re-checks the inviter’s current scope', async () => {
    const user = await createUser('coordinator', { areas: ['IQG12'] });
    const inviter = await signIn(user);
    const invitation = ok(
      await inviter.post('/invitations', {
        email: `c-${crypto.randomUUID()}@example.org`,
        role: 'caseworker',
        area_pcodes: ['IQG12'],
      }),
    );
    // Narrowed behind the API's back (no cancellation): the acceptance itself must notice.
    await env.DB.prepare('UPDATE users SET area_pcodes = ? WHERE id = ?')
      .bind(JSON.stringify(['IQG11']), user.id)
      .run();
    const accept = await send('POST', '/api/v1/admin/invitations/accept', {
      body: { token: invitation.token, display_name: 'New', password: 'a long enough password' },
      headers: { Origin: ORIGIN },
    });
    expect(accept.status, accept.text).toBe(410);
  });
});

describe('editors and records feeding published listings', () => {
  it('an editor cannot unhide or move a location of a published listing, but may hide it', async () => {
    const listing = await draftOf(admin);
    const location = await locationOf();
    ok(await admin.post(`/services/${listing.id}/locations`, { location_id: location.id }));
    await publishDirectly(listing.id);
    const hide = ok(await editor.patch(`/locations/${location.id}`, { is_confidential: true }, location.version));
    for (const change of [
      { is_confidential: false },
      { address: { en: 'Elsewhere' } },
      { lon: 44.02, lat: 32.61 },
      { area_pcode: 'IQG12Q01' },
    ]) {
      const r = await editor.patch(`/locations/${location.id}`, change, hide.version);
      expect(r.status, `${JSON.stringify(change)}: ${r.text}`).toBe(403);
    }
    const translated = await editor.put(
      '/translations',
      {
        entity: 'location',
        entity_id: location.id,
        field: 'address',
        language: 'ar',
        text: 'عنوان',
        status: 'reviewed',
      },
      hide.version,
    );
    expect(translated.status).toBe(403);
    expect(
      (await one<{ is_confidential: number }>('SELECT is_confidential FROM locations WHERE id = ?', location.id))
        .is_confidential,
    ).toBe(1);
    // A coordinator still edits it.
    ok(await coordinator.patch(`/locations/${location.id}`, { address: { en: 'Elsewhere' } }, hide.version));
  });

  it('an editor cannot change an organisation that has published listings', async () => {
    const org = ok(await admin.post('/organisations', { names: { en: 'Published NGO' } }));
    const orgEditor = await signedIn('editor', { organisationId: org.id });
    const listing = await draftOf(admin, org.id);
    ok(await orgEditor.patch(`/organisations/${org.id}`, { website: 'https://example.org/draft' }, org.version));
    await publishDirectly(listing.id);
    const version = (await admin.get(`/organisations/${org.id}`)).body.version;
    expect(
      (await orgEditor.patch(`/organisations/${org.id}`, { website: 'https://example.org/live' }, version)).status,
    ).toBe(403);
    expect(
      (
        await orgEditor.put(
          '/translations',
          {
            entity: 'organisation',
            entity_id: org.id,
            field: 'names',
            language: 'ar',
            text: 'منظمة',
            status: 'reviewed',
          },
          version,
        )
      ).status,
    ).toBe(403);
  });
});

describe('reverts and patches that used to answer 500', () => {
  it('reverting a listing’s creation is refused with 409', async () => {
    const listing = await draftOf(admin);
    const creation = (await history(listing.id)).find((e) => e.entity === 'service' && e.field === '*')!;
    const r = await admin.post(
      `/services/${listing.id}/history/${creation.id}/revert`,
      {},
      { 'If-Match': `"${listing.version}"` },
    );
    expect(r.status, r.text).toBe(409);
    expect(r.headers.get('Content-Type')).toMatch(/problem\+json/);
  });

  it('reverting a contact route’s creation checks the references, like DELETE', async () => {
    const listing = await draftOf(admin);
    const route = ok(
      await admin.post(`/services/${listing.id}/contact-routes`, { kind: 'phone', value: '+9647700000123' }),
    );
    ok(
      await admin.post(`/services/${listing.id}/closures`, {
        contact_route_id: route.id,
        starts_at: '2031-01-01T00:00:00Z',
        ends_at: '2031-01-02T00:00:00Z',
      }),
    );
    const creation = (await history(listing.id)).find((e) => e.entity === 'contact_route' && e.field === '*')!;
    const r = await admin.post(
      `/services/${listing.id}/history/${creation.id}/revert`,
      {},
      { 'If-Match': `"${route.version}"` },
    );
    expect(r.status, r.text).toBe(409);
  });
});

describe('a TOTP code works only once', () => {
  it('concurrent sign-ins with one code: exactly one succeeds', async () => {
    const user = await createUser('coordinator', { areas: ['IQG12'] });
    const code = await freshCode(user.totpSecret!);
    const attempts = await Promise.all(
      [1, 2, 3, 4].map(() =>
        send('POST', '/api/v1/admin/session', {
          body: { email: user.email, password: PASSWORD, totp_code: code },
          headers: { Origin: ORIGIN },
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 200)).toHaveLength(1);
  });
});

describe('verification dates', () => {
  it('a future-dated test call is refused; an older record does not move last_verified_at back', async () => {
    const listing = await draftOf(admin);
    const route = ok(
      await admin.post(`/services/${listing.id}/contact-routes`, { kind: 'phone', value: '+9647700000124' }),
    );
    const future = await coordinator.post(`/contact-routes/${route.id}/test-calls`, {
      answered: true,
      verify: true,
      called_at: '2099-01-01T00:00:00Z',
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].name).toBe('called_at');

    const now = new Date().toISOString();
    ok(
      await coordinator.post(`/services/${listing.id}/verifications`, {
        method: 'call',
        result: 'confirmed',
        verified_at: now,
      }),
    );
    const old = new Date(Date.now() - 30 * 86_400_000).toISOString();
    ok(
      await coordinator.post(`/services/${listing.id}/verifications`, {
        method: 'call',
        result: 'confirmed',
        verified_at: old,
      }),
    );
    ok(
      await coordinator.post(`/services/${listing.id}/verifications`, {
        method: 'call',
        result: 'unreachable',
        verified_at: old,
      }),
    );
    const service = await one<{ last_verified_at: string; verification_status: string }>(
      'SELECT last_verified_at, verification_status FROM services WHERE id = ?',
      listing.id,
    );
    expect(service.last_verified_at).toBe(now);
    expect(service.verification_status).toBe('verified');
  });
});

describe('revert and publish stay within their rights', () => {
  it('status and verification changes are not reverted', async () => {
    const listing = await draftOf(admin);
    ok(await coordinator.post(`/services/${listing.id}/verifications`, { method: 'call', result: 'confirmed' }));
    const closed = ok(
      await coordinator.post(
        `/services/${listing.id}/close`,
        {},
        { 'If-Match': `"${(await admin.get(`/services/${listing.id}`)).body.version}"` },
      ),
    );
    const entries = await history(listing.id);
    for (const field of ['status', 'verification_status', 'last_verified_at']) {
      const entry = entries.find((e) => e.field === field)!;
      const r = await coordinator.post(
        `/services/${listing.id}/history/${entry.id}/revert`,
        {},
        { 'If-Match': `"${closed.version}"` },
      );
      expect(r.status, `${field}: ${r.text}`).toBe(409);
    }
    expect((await one<{ status: string }>('SELECT status FROM services WHERE id = ?', listing.id)).status).toBe(
      'closed',
    );
  });

  it('publishing an editor’s drafts re-checks them against the publisher’s scope', async () => {
    const listing = await draftOf(admin);
    await publishDirectly(listing.id);
    const version = (await admin.get(`/services/${listing.id}`)).body.version;
    const drafted = await editor.patch(
      `/services/${listing.id}`,
      { area_pcodes: [KARBALA_DISTRICT, ERBIL_DISTRICT] },
      version,
    );
    expect(drafted.status, drafted.text).toBe(202);
    const publish = await coordinator.post(`/services/${listing.id}/publish`, {}, { 'If-Match': `"${version}"` });
    expect(publish.status, publish.text).toBe(403);
    const areas = await env.DB.prepare('SELECT area_pcode FROM service_areas WHERE service_id = ?')
      .bind(listing.id)
      .all();
    expect(areas.results.map((a) => a.area_pcode)).toEqual([KARBALA_DISTRICT]);
  });
});

describe('database constraints in admin writes answer 409, not 500', () => {
  it('a revert that the foreign keys refuse is a 409 problem, not a 500', async () => {
    const listing = await draftOf(admin);
    const route = ok(
      await admin.post(`/services/${listing.id}/contact-routes`, { kind: 'phone', value: '+9647700000125' }),
    );
    const closure = ok(
      await admin.post(`/services/${listing.id}/closures`, {
        contact_route_id: route.id,
        starts_at: '2031-01-01T00:00:00Z',
        ends_at: '2031-01-02T00:00:00Z',
      }),
    );
    expect((await admin.delete(`/closures/${closure.id}`, closure.version)).status).toBe(204);
    expect((await admin.delete(`/contact-routes/${route.id}`, route.version)).status).toBe(204);
    const deletion = (await history(listing.id)).find(
      (e) =>
        e.entity === 'closure' &&
        e.field === '*' &&
        e.entity_id === closure.id &&
        (e as { old?: unknown }).old !== null,
    )!;
    const r = await admin.post(`/services/${listing.id}/history/${deletion.id}/revert`, {});
    expect(r.status, r.text).toBe(409);
    expect(r.headers.get('Content-Type')).toMatch(/problem\+json/);
  });
});

describe('audit and the problem-report queue', () => {
  it('API tokens and invitations are in the change log', async () => {
    const token = ok(await admin.post('/api-tokens', { name: 'audited', role: 'caseworker' }));
    expect((await admin.delete(`/api-tokens/${token.id}`)).status).toBe(204);
    const invitation = ok(
      await admin.post('/invitations', { email: `a-${crypto.randomUUID()}@example.org`, role: 'caseworker' }),
    );
    const logged = await env.DB.prepare(
      'SELECT entity, entity_id, field FROM change_log ' +
        "WHERE entity IN ('api_token', 'invitation') AND entity_id IN (?, ?) ORDER BY id",
    )
      .bind(token.id, invitation.id)
      .all();
    expect(logged.results.map((r) => `${r.entity}:${r.field}`)).toEqual([
      'api_token:*',
      'api_token:revoked_at',
      'invitation:*',
    ]);
  });

  it('2,000 newer reports elsewhere do not hide a report in the coordinator’s areas', async () => {
    const mine = await draftOf(admin, ORG_A, [KARBALA_DISTRICT]);
    const elsewhere = await draftOf(admin, ORG_A, [ERBIL_DISTRICT]);
    const reportId = crypto.randomUUID();
    await env.DB.prepare(
      'INSERT INTO problem_reports (id, service_id, kind, created_at) ' +
        "VALUES (?, ?, 'no_answer', '2000-01-01T00:00:00.000Z')",
    )
      .bind(reportId, mine.id)
      .run();
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100)
       INSERT INTO problem_reports (id, service_id, kind, created_at)
       SELECT 'bulk-' || i, ?, 'no_answer', '2030-01-01T00:00:00.000Z' FROM n`,
    )
      .bind(elsewhere.id)
      .run();
    try {
      const items = ok(await coordinator.get('/problem-reports')).items as Array<{ id: string }>;
      expect(items.map((i) => i.id)).toContain(reportId);
    } finally {
      await env.DB.prepare("DELETE FROM problem_reports WHERE id LIKE 'bulk-%'").run();
    }
  });
});

describe('the first administrator (npm run admin:create)', () => {
  // The command writes this row (db/seed/create-admin.mjs); there is no inviter account behind it.
  const commandLineInvitation = async (token: string, role: string) => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
    const tokenHash = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO invitations
       (id, token_hash, email, role, area_pcodes, organisation_id, invited_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, '[]', NULL, 'cli:admin:create', ?, ?)`,
    )
      .bind(
        crypto.randomUUID(),
        tokenHash,
        `first-${role}-${now}@example.org`,
        role,
        new Date(now).toISOString(),
        new Date(now + 86_400_000).toISOString(),
      )
      .run();
  };

  it('accepts the command line invitation for an admin', async () => {
    const token = `cli-${crypto.randomUUID()}`;
    await commandLineInvitation(token, 'admin');
    const accept = await send('POST', '/api/v1/admin/invitations/accept', {
      body: { token, display_name: 'First admin', password: 'a long enough password' },
      headers: { Origin: ORIGIN },
    });
    expect(accept.status).toBe(201);
  });

  it('gives the command line no power to create anyone but an admin', async () => {
    const token = `cli-${crypto.randomUUID()}`;
    await commandLineInvitation(token, 'editor');
    const accept = await send('POST', '/api/v1/admin/invitations/accept', {
      body: { token, display_name: 'Someone', password: 'a long enough password' },
      headers: { Origin: ORIGIN },
    });
    expect(accept.status).toBe(410);
  });
});

describe('a revert is an edit', () => {
  it('a coordinator cannot extend a listing into an area outside their own by reverting', async () => {
    const listing = await draftOf(admin, ORG_A, [KARBALA_DISTRICT, ERBIL_DISTRICT]);
    const narrowed = ok(
      await admin.patch(`/services/${listing.id}`, { area_pcodes: [KARBALA_DISTRICT] }, listing.version),
    );
    const change = (await history(listing.id)).find((e) => e.field === 'area_pcodes')!;
    const r = await coordinator.post(
      `/services/${listing.id}/history/${change.id}/revert`,
      {},
      { 'If-Match': `"${narrowed.version}"` },
    );
    expect(r.status, r.text).toBe(403);
    expect((await admin.get(`/services/${listing.id}`)).body.area_pcodes).toEqual([KARBALA_DISTRICT]);
  });

  it('reverting an older change of a field that changed since is refused with 409 and both values', async () => {
    const listing = await draftOf(admin);
    const paid = ok(await admin.patch(`/services/${listing.id}`, { cost_kind: 'paid' }, listing.version));
    const older = (await history(listing.id)).find((e) => e.field === 'cost_kind')!;
    const free = ok(await coordinator.patch(`/services/${listing.id}`, { cost_kind: 'free' }, paid.version));
    const newer = (await history(listing.id)).find((e) => e.field === 'cost_kind')!;
    expect(newer.id).toBeGreaterThan(older.id);
    const r = await admin.post(
      `/services/${listing.id}/history/${older.id}/revert`,
      {},
      { 'If-Match': `"${free.version}"` },
    );
    expect(r.status, r.text).toBe(409);
    expect(r.headers.get('Content-Type')).toMatch(/problem\+json/);
    expect(r.body).toMatchObject({
      field: 'cost_kind',
      revert_value: listing.cost_kind ?? 'unknown',
      current_value: 'free',
      current_change: { id: newer.id, new: 'free' },
    });
    expect((await admin.get(`/services/${listing.id}`)).body.cost_kind).toBe('free');
    // The newest change itself can still be reverted.
    const back = await admin.post(
      `/services/${listing.id}/history/${newer.id}/revert`,
      {},
      { 'If-Match': `"${free.version}"` },
    );
    expect(back.status, back.text).toBe(200);
    expect(back.body.cost_kind).toBe('paid');
  });

  it('reverting one language of a name is refused when that language was changed since', async () => {
    const listing = await draftOf(admin);
    const first = ok(
      await admin.patch(`/services/${listing.id}`, { names: { en: 'Review listing', ar: 'قائمة' } }, listing.version),
    );
    const older = (await history(listing.id)).find((e) => e.field.startsWith('names'))!;
    const second = ok(
      await admin.patch(
        `/services/${listing.id}`,
        { names: { en: 'Review listing', ar: 'قائمة جديدة' } },
        first.version,
      ),
    );
    const r = await admin.post(
      `/services/${listing.id}/history/${older.id}/revert`,
      {},
      { 'If-Match': `"${second.version}"` },
    );
    expect(r.status, r.text).toBe(409);
    expect(r.body.current_value).toEqual(
      older.field === 'names' ? { en: 'Review listing', ar: 'قائمة جديدة' } : 'قائمة جديدة',
    );
  });
});

describe('a listing keeps its name', () => {
  it('a published listing cannot lose its name: names {} is a 400 naming names, for admins and editors’ drafts alike', async () => {
    const published = await one<{ id: string; version: number }>(
      "SELECT id, version FROM services WHERE status = 'published' AND organisation_id = ? LIMIT 1",
      ORG_A,
    );
    for (const client of [admin, editor]) {
      const r = await client.patch(`/services/${published.id}`, { names: {} }, published.version);
      expect(r.status, r.text).toBe(400);
      expect(r.headers.get('Content-Type')).toMatch(/problem\+json/);
      expect(r.body.errors[0].name).toBe('names');
    }
    expect(Object.keys((await admin.get(`/services/${published.id}`)).body.names).length).toBeGreaterThan(0);
  });

  it('removing the last translation of a name is refused the same way', async () => {
    const listing = await draftOf(admin);
    const r = await admin.put(
      '/translations',
      { entity: 'service', entity_id: listing.id, field: 'names', language: 'en', text: null, status: 'reviewed' },
      listing.version,
    );
    expect(r.status, r.text).toBe(400);
    expect(r.body.errors[0].name).toBe('names');
  });
});

describe('the same security headers on every response', () => {
  const POLICY = 'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()';
  it.each([
    ['a page', '/a/IQG12?lang=en'],
    ['a page that does not exist', '/no-such-page'],
    ['the public API', '/api/v1/services?area=IQG12'],
    ['an API error', '/api/v1/services?open_at=not-a-time'],
    ['an unknown API path', '/api/v1/nothing-here'],
    ['the maintainers API without a session', '/api/v1/admin/services'],
    ['a static file', '/assets/main.js'],
    ['the service worker', '/sw.js'],
    ['the API reference', '/reference/'],
    ['the console', '/maintainers/'],
    ['the console redirect', '/maintainers?lang=en'],
  ])('%s (%s)', async (_kind, path) => {
    const r = await send('GET', path);
    expect(r.status).toBeLessThan(500);
    expect(r.headers.get('Permissions-Policy')).toBe(POLICY);
    expect(r.headers.get('Cache-Control')).toBe('no-store');
    expect(r.headers.get('Content-Security-Policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('the /maintainers redirect is not kept by the browser', async () => {
    const r = await send('GET', '/maintainers');
    expect([301, 302, 307, 308]).toContain(r.status);
    expect(r.headers.get('Cache-Control')).toBe('no-store');
  });
});
