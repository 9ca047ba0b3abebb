import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../api/admin/auth/secrets.ts';
import {
  Client,
  createUser,
  freshCode,
  one,
  ORIGIN,
  PASSWORD,
  send,
  sessionCookie,
  signIn,
  signedIn,
} from './support.ts';

const signInRequest = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  send('POST', '/api/v1/admin/session', { body, headers: { Origin: ORIGIN, ...headers } });
const anyOrganisation = async () => (await one<{ id: string }>('SELECT id FROM organisations ORDER BY id LIMIT 1')).id;

describe('POST /api/v1/admin/session (sign in)', () => {
  it('sets a __Host- cookie: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain; only the token hash is stored', async () => {
    const editor = await createUser('editor', { organisationId: await anyOrganisation() });
    const response = await signInRequest({
      email: editor.email.toUpperCase(),
      password: PASSWORD,
      totp_code: await freshCode(editor.totpSecret!),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^__Host-masar_session=[A-Za-z0-9_-]{43};/);
    for (const attribute of [/; HttpOnly/, /; Secure/, /; SameSite=Strict/, /; Path=\//, /; Max-Age=604800/])
      expect(cookie).toMatch(attribute);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(response.body).toMatchObject({
      stage: 'full',
      user: { email: editor.email, role: 'editor', totp_enabled: true },
      csrf_token: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(response.body)).not.toMatch(/password|pbkdf2/);
    const token = sessionCookie(response)!.split('=')[1]!;
    expect((await one<{ n: number }>('SELECT count(*) AS n FROM sessions WHERE token_hash = ?', token)).n).toBe(0);
    expect(
      (await one<{ n: number }>('SELECT count(*) AS n FROM sessions WHERE token_hash = ?', await sha256Hex(token))).n,
    ).toBe(1);
  });

  it('refuses a wrong password or an unknown account with the same answer, and sets no cookie', async () => {
    const caseworker = await createUser('caseworker');
    const wrong = await signInRequest(
      { email: caseworker.email, password: 'not the password' },
      { 'CF-Connecting-IP': '192.0.2.10' },
    );
    const unknown = await signInRequest(
      { email: 'nobody@example.org', password: PASSWORD },
      { 'CF-Connecting-IP': '192.0.2.10' },
    );
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('Content-Type')).toMatch(/application\/problem\+json/);
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const editor = await createUser('editor', { organisationId: await anyOrganisation() });
    const response = await signInRequest(
      { email: editor.email, password: PASSWORD },
      { Origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('session fixation', () => {
  it('a cookie the browser already had is never adopted: sign-in issues a new token and drops the old session', async () => {
    const caseworker = await createUser('caseworker', { totp: false });
    const planted = '__Host-masar_session=attacker-chosen-value-0123456789abcdef';
    const response = await signInRequest({ email: caseworker.email, password: PASSWORD }, { Cookie: planted });
    const issued = sessionCookie(response)!;
    expect(issued).not.toBe(planted);
    const plantedClient = new Client(caseworker, planted, null);
    expect((await plantedClient.get('/session')).status).toBe(401);

    // Signing in again from a signed-in browser rotates the token; the old one stops working.
    const first = new Client(caseworker, issued, response.body.csrf_token);
    const again = await signInRequest({ email: caseworker.email, password: PASSWORD }, { Cookie: issued });
    const rotated = sessionCookie(again)!;
    expect(rotated).not.toBe(issued);
    expect((await first.get('/session')).status).toBe(401);
    expect((await new Client(caseworker, rotated, again.body.csrf_token).get('/session')).status).toBe(200);
  });
});

describe('DELETE /api/v1/admin/session (sign out)', () => {
  it('deletes the session and clears the cookie', async () => {
    const client = await signedIn('caseworker');
    const out = await client.delete('/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/__Host-masar_session=;.*Max-Age=0/);
    expect((await client.get('/session')).status).toBe(401);
  });

  it('a session idle for more than 12 hours has ended', async () => {
    const client = await signedIn('caseworker');
    await env.DB.prepare("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00.000Z' WHERE user_id = ?")
      .bind(client.user!.id)
      .run();
    expect((await client.get('/session')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('a write needs the session CSRF token and a same-origin Origin / Sec-Fetch-Site', async () => {
    const admin = await signedIn('admin');
    const body = { names: { en: 'CSRF probe organisation' } };
    expect((await admin.post('/organisations', body, { 'X-CSRF-Token': '' })).status).toBe(403); // not sent
    expect((await admin.post('/organisations', body, { 'X-CSRF-Token': 'f'.repeat(64) })).status).toBe(403);
    expect((await admin.post('/organisations', body, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await admin.post('/organisations', body, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const noOrigin = await admin.request('POST', '/organisations', body, { Origin: '', 'Sec-Fetch-Site': '' });
    expect(noOrigin.status).toBe(403);
    const other = await signedIn('admin');
    expect((await admin.post('/organisations', body, { 'X-CSRF-Token': other.csrf! })).status).toBe(403);
    expect(
      (await one<{ n: number }>("SELECT count(*) AS n FROM organisations WHERE names LIKE '%CSRF probe%'")).n,
    ).toBe(0);
    expect((await admin.post('/organisations', body)).status).toBe(201);
  });

  it('GET /session returns the same CSRF token as sign-in', async () => {
    const client = await signedIn('caseworker');
    expect((await client.get('/session')).body.csrf_token).toBe(client.csrf);
  });
});

describe('throttling', () => {
  it('five failures for one account lock that source out of it, even with the right password, and say when to retry', async () => {
    const editor = await createUser('editor', { organisationId: await anyOrganisation() });
    const attacker = { 'CF-Connecting-IP': '198.51.100.7' };
    for (let i = 0; i < 5; i++) {
      const response = await signInRequest({ email: editor.email, password: `wrong ${i}` }, attacker);
      expect(response.status).toBe(401);
    }
    const locked = await signInRequest(
      { email: editor.email, password: PASSWORD, totp_code: await freshCode(editor.totpSecret!) },
      attacker,
    );
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(locked.headers.get('Set-Cookie')).toBeNull();
  });

  it('someone who knows a maintainer’s email cannot lock the owner out: the owner still signs in from their own connection', async () => {
    const owner = await createUser('coordinator', { areas: ['IQG12'] });
    // An attacker tries far more than the per-source limit, from one address and from many.
    for (let i = 0; i < 8; i++)
      await signInRequest({ email: owner.email, password: `guess ${i}` }, { 'CF-Connecting-IP': '198.51.100.66' });
    for (let i = 0; i < 20; i++)
      await signInRequest({ email: owner.email, password: `guess ${i}` }, { 'CF-Connecting-IP': `198.51.101.${i}` });
    expect(
      (await signInRequest({ email: owner.email, password: 'one more guess' }, { 'CF-Connecting-IP': '198.51.100.66' }))
        .status,
    ).toBe(429);
    const home = { 'CF-Connecting-IP': '192.0.2.200' };
    const signedInOwner = await signInRequest(
      { email: owner.email, password: PASSWORD, totp_code: await freshCode(owner.totpSecret!) },
      home,
    );
    expect(signedInOwner.status, signedInOwner.text).toBe(200);
    expect(signedInOwner.body.stage).toBe('full');
  });

  it('under guessing from many sources, an account answers the same to a right password without its code as to a wrong one', async () => {
    const owner = await createUser('admin');
    for (let i = 0; i < 20; i++)
      await signInRequest(
        { email: owner.email, password: `spread guess ${i}` },
        { 'CF-Connecting-IP': `203.0.113.${100 + i}` },
      );
    const wrongPassword = await signInRequest(
      { email: owner.email, password: 'yet another guess' },
      { 'CF-Connecting-IP': '203.0.113.150' },
    );
    const rightPasswordOnly = await signInRequest(
      { email: owner.email, password: PASSWORD },
      { 'CF-Connecting-IP': '203.0.113.151' },
    );
    expect(wrongPassword.status).toBe(401);
    expect(rightPasswordOnly.status).toBe(401);
    expect(rightPasswordOnly.body.detail).toBe(wrongPassword.body.detail);
    expect(rightPasswordOnly.body.totp_required).toBe(wrongPassword.body.totp_required);
    // The owner, with password and code together, is let in.
    const both = await signInRequest(
      { email: owner.email, password: PASSWORD, totp_code: await freshCode(owner.totpSecret!) },
      { 'CF-Connecting-IP': '203.0.113.152' },
    );
    expect(both.status, both.text).toBe(200);
  });

  it('locks a source after 20 failures across accounts; no raw address is stored', async () => {
    const address = '203.0.113.77';
    for (let i = 0; i < 20; i++)
      await signInRequest({ email: `guess-${i}@example.org`, password: 'guess' }, { 'CF-Connecting-IP': address });
    const victim = await createUser('caseworker', { totp: false });
    expect(
      (await signInRequest({ email: victim.email, password: PASSWORD }, { 'CF-Connecting-IP': address })).status,
    ).toBe(429);
    expect(
      (await signInRequest({ email: victim.email, password: PASSWORD }, { 'CF-Connecting-IP': '203.0.113.78' })).status,
    ).toBe(200);
    const keys = await env.DB.prepare('SELECT key FROM login_throttle').all<{ key: string }>();
    expect(keys.results.length).toBeGreaterThan(0);
    for (const { key } of keys.results) {
      expect(key).toMatch(/^(account|source|pair):[0-9a-f]{64}$/);
      expect(key).not.toContain(address);
    }
  });
});

describe('TOTP second factor (every role)', () => {
  it('a coordinator without a second factor can only enrol; enrolment confirmed by a code gives a full session', async () => {
    const coordinator = await createUser('coordinator', { areas: ['IQG12'], totp: false });
    const response = await signInRequest({ email: coordinator.email, password: PASSWORD });
    expect(response.body.stage).toBe('enrol_totp');
    const client = new Client(coordinator, sessionCookie(response), response.body.csrf_token);
    expect((await client.get('/queue')).status).toBe(403);
    expect((await client.get('/session')).body.stage).toBe('enrol_totp');
    const started = await client.post('/session/totp');
    expect(started.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]{32}/);
    expect((await client.post('/session/totp/confirm', { code: '000000' })).status).toBe(400);
    const confirmed = await client.post('/session/totp/confirm', { code: await freshCode(started.body.secret) });
    expect(confirmed.status).toBe(200);
    const full = new Client(coordinator, sessionCookie(confirmed), confirmed.body.csrf_token);
    expect((await full.get('/queue')).status).toBe(200);
    expect((await client.get('/session')).status).toBe(401); // the enrolment session was replaced
    // From now on, signing in needs a code.
    expect((await signInRequest({ email: coordinator.email, password: PASSWORD })).body.totp_required).toBe(true);
    const withCode = await signInRequest({
      email: coordinator.email,
      password: PASSWORD,
      totp_code: await freshCode(started.body.secret),
    });
    expect(withCode.body.stage).toBe('full');
  });

  it('a caseworker or an editor with only a password reads no listing until they enrol a second factor', async () => {
    const listing = (await one<{ id: string }>("SELECT id FROM services WHERE status = 'published' LIMIT 1")).id;
    for (const role of ['caseworker', 'editor'] as const) {
      const person = await createUser(role, {
        totp: false,
        organisationId: role === 'editor' ? await anyOrganisation() : undefined,
      });
      const response = await signInRequest({ email: person.email, password: PASSWORD });
      expect(response.body.stage).toBe('enrol_totp');
      const client = new Client(person, sessionCookie(response), response.body.csrf_token);
      expect((await client.get('/services')).status).toBe(403);
      const read = await client.get(`/services/${listing}`);
      expect(read.status).toBe(403);
      expect(read.text).not.toContain('PRACTITIONER-ONLY');
      expect((await client.post('/session/totp')).status).toBe(200);
    }
  });

  it('a wrong code counts as a failed sign-in', async () => {
    const admin = await createUser('admin');
    const response = await signInRequest({ email: admin.email, password: PASSWORD, totp_code: '123456' });
    expect(response.status).toBe(401);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });
});

describe('invitations', () => {
  it('an admin invites by a one-time link; the person sets a password and signs in; the link works once', async () => {
    const admin = await signedIn('admin');
    const email = `invited-${crypto.randomUUID().slice(0, 8)}@example.org`;
    const invited = await admin.post('/invitations', {
      email,
      role: 'editor',
      organisation_id: await anyOrganisation(),
    });
    expect(invited.status).toBe(201);
    expect(invited.body.link).toMatch(/#invitation=[A-Za-z0-9_-]{43}$/);
    const stored = await one<{ token_hash: string }>(
      'SELECT token_hash FROM invitations WHERE id = ?',
      invited.body.id,
    );
    expect(stored.token_hash).toBe(await sha256Hex(invited.body.token));
    const accept = (password: string) =>
      send('POST', '/api/v1/admin/invitations/accept', {
        body: { token: invited.body.token, display_name: 'New <b>editor</b>', password },
        headers: { Origin: ORIGIN },
      });
    expect((await accept('short')).status).toBe(400);
    const accepted = await accept('a new long password');
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ email, role: 'editor', display_name: 'New <b>editor</b>' });
    expect((await accept('a new long password')).status).toBe(410);
    const signedInEditor = await signInRequest({ email, password: 'a new long password' });
    expect(signedInEditor.status).toBe(200);
  });

  it('an expired invitation is refused', async () => {
    const admin = await signedIn('admin');
    const invited = await admin.post('/invitations', {
      email: `late-${crypto.randomUUID().slice(0, 8)}@example.org`,
      role: 'caseworker',
    });
    await env.DB.prepare("UPDATE invitations SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(invited.body.id)
      .run();
    const response = await send('POST', '/api/v1/admin/invitations/accept', {
      body: { token: invited.body.token, display_name: 'Late', password: 'a new long password' },
      headers: { Origin: ORIGIN },
    });
    expect(response.status).toBe(410);
  });

  it('a coordinator invites only within their role and areas', async () => {
    const karbala = await signedIn('coordinator', { areas: ['IQG12'] });
    const email = () => `c-${crypto.randomUUID().slice(0, 8)}@example.org`;
    expect(
      (await karbala.post('/invitations', { email: email(), role: 'caseworker', area_pcodes: ['IQG12'] })).status,
    ).toBe(201);
    expect(
      (await karbala.post('/invitations', { email: email(), role: 'coordinator', area_pcodes: ['IQG12Q03'] })).status,
    ).toBe(201);
    expect(
      (await karbala.post('/invitations', { email: email(), role: 'caseworker', area_pcodes: ['IQG15'] })).status,
    ).toBe(403);
    expect((await karbala.post('/invitations', { email: email(), role: 'caseworker', area_pcodes: [] })).status).toBe(
      403,
    );
    expect((await karbala.post('/invitations', { email: email(), role: 'admin' })).status).toBe(403);
    expect((await karbala.post('/invitations', { email: email(), role: 'coordinator', area_pcodes: [] })).status).toBe(
      400,
    );
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, read-only by default and refused once revoked', async () => {
    const admin = await signedIn('admin');
    const created = await admin.post('/api-tokens', {
      name: 'Partner app',
      role: 'caseworker',
      area_pcodes: ['IQG12'],
    });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(
      (await one<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = ?', created.body.id)).token_hash,
    ).toBe(await sha256Hex(token));
    expect(JSON.stringify((await admin.get('/api-tokens')).body)).not.toContain(token);
    const partner = new Client(null, null, null, token);
    const services = await partner.get('/services');
    expect(services.status).toBe(200);
    expect(services.headers.get('Set-Cookie')).toBeNull();
    expect((await partner.post('/organisations', { names: { en: 'x' } })).status).toBe(403);
    expect((await admin.delete(`/api-tokens/${created.body.id}`)).status).toBe(204);
    expect((await partner.get('/services')).status).toBe(401);
    expect((await new Client(null, null, null, 'x'.repeat(43)).get('/services')).status).toBe(401);
  });
});

describe('API tokens end', () => {
  const DAY = 86_400_000;
  const tokenRow = async (admin: Client, id: string) =>
    ((await admin.get('/api-tokens')).body.items as Array<Record<string, any>>).find((t) => t.id === id)!;

  it('with the admin who made them: a disabled creator’s tokens are refused, and stay refused if the account comes back', async () => {
    const maker = await createUser('admin');
    const makerClient = await signIn(maker);
    const other = await signedIn('admin');
    const created = await makerClient.post('/api-tokens', { name: 'Tied to its maker', role: 'caseworker' });
    expect(created.body.created_by).toBe(maker.id);
    const partner = new Client(null, null, null, created.body.token);
    expect((await partner.get('/services')).status).toBe(200);
    expect((await other.request('PATCH', `/users/${maker.id}`, { disabled: true })).status).toBe(200);
    expect((await partner.get('/services')).status).toBe(401);
    expect((await other.request('PATCH', `/users/${maker.id}`, { disabled: false })).status).toBe(200);
    expect((await partner.get('/services')).status).toBe(401);
    expect(await tokenRow(other, created.body.id)).toMatchObject({
      state: 'revoked',
      created_by: maker.id,
      revoked_at: expect.any(String),
    });
  });

  it('when their creator is no longer an admin', async () => {
    const maker = await createUser('admin');
    const makerClient = await signIn(maker);
    const created = await makerClient.post('/api-tokens', { name: 'Demoted maker', role: 'caseworker' });
    const partner = new Client(null, null, null, created.body.token);
    expect((await partner.get('/services')).status).toBe(200);
    const other = await signedIn('admin');
    expect((await other.request('PATCH', `/users/${maker.id}`, { role: 'caseworker' })).status).toBe(200);
    expect((await partner.get('/services')).status).toBe(401);
  });

  it('after 90 days by default, or the days chosen up to a year; an expired token is refused', async () => {
    const admin = await signedIn('admin');
    const byDefault = await admin.post('/api-tokens', { name: 'Default expiry', role: 'caseworker' });
    expect(byDefault.status).toBe(201);
    expect(Math.round((Date.parse(byDefault.body.expires_at) - Date.now()) / DAY)).toBe(90);
    const tooLong = await admin.post('/api-tokens', { name: 'Forever', role: 'caseworker', expires_in_days: 366 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].name).toBe('expires_in_days');
    const short = await admin.post('/api-tokens', { name: 'One day', role: 'caseworker', expires_in_days: 1 });
    expect(Math.round((Date.parse(short.body.expires_at) - Date.now()) / DAY)).toBe(1);
    const partner = new Client(null, null, null, short.body.token);
    expect((await partner.get('/services')).status).toBe(200);
    await env.DB.prepare("UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(short.body.id)
      .run();
    const expired = await partner.get('/services');
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toMatch(/expired/);
    expect((await tokenRow(admin, short.body.id)).state).toBe('expired');
  });

  it('a token cannot make another token (it would outlive its maker)', async () => {
    const admin = await signedIn('admin');
    const created = await admin.post('/api-tokens', { name: 'Admin integration', role: 'admin', access: 'write' });
    const partner = new Client(null, null, null, created.body.token);
    expect((await partner.post('/api-tokens', { name: 'Child', role: 'caseworker' })).status).toBe(403);
  });

  it('the list shows when each token was last used, written at most once a minute', async () => {
    const admin = await signedIn('admin');
    const created = await admin.post('/api-tokens', { name: 'Used', role: 'caseworker' });
    expect((await tokenRow(admin, created.body.id)).last_used_at).toBeNull();
    const partner = new Client(null, null, null, created.body.token);
    await partner.get('/services');
    const firstUse = (await tokenRow(admin, created.body.id)).last_used_at as string;
    expect(Date.now() - Date.parse(firstUse)).toBeLessThan(60_000);
    await partner.get('/services');
    expect((await tokenRow(admin, created.body.id)).last_used_at).toBe(firstUse);
    await env.DB.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?')
      .bind(new Date(Date.now() - 2 * 60_000).toISOString(), created.body.id)
      .run();
    await partner.get('/services');
    expect(Date.now() - Date.parse((await tokenRow(admin, created.body.id)).last_used_at)).toBeLessThan(60_000);
  });
});

describe('cookies only under /api/v1/admin (S3)', () => {
  it.each(['/api/v1/services', '/api/v1/services?area=IQG12', '/api/v1/areas', '/api/v1', '/'])(
    '%s sets no cookie, even for a signed-in maintainer',
    async (path) => {
      const client = await signedIn('caseworker');
      const response = await send('GET', path, { headers: { Cookie: client.cookie! } });
      expect(response.headers.get('Set-Cookie')).toBeNull();
    },
  );

  it('a first service detail read sets no cookie', async () => {
    const id = (await one<{ id: string }>("SELECT id FROM services WHERE status = 'published' LIMIT 1")).id;
    const response = await send('GET', `/api/v1/services/${id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toBeNull();
  });

  it('admin responses are never stored by the browser', async () => {
    const client = await signedIn('caseworker');
    expect((await client.get('/session')).headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('unauthenticated', () => {
  it('every protected route answers 401 problem+json without a session', async () => {
    const response = await send('GET', '/api/v1/admin/services');
    expect(response.status).toBe(401);
    expect(response.headers.get('Content-Type')).toMatch(/problem\+json/);
  });

  it('sign-in itself needs no session', async () => {
    const user = await createUser('caseworker');
    expect((await signIn(user)).cookie).toMatch(/^__Host-masar_session=/);
  });
});

describe('account changes', () => {
  it('disabling an account ends its sessions at once and refuses sign-in', async () => {
    const admin = await signedIn('admin');
    const editor = await createUser('editor', { organisationId: await anyOrganisation() });
    const client = await signIn(editor);
    const disabled = await admin.request('PATCH', `/users/${editor.id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ disabled: true, changed_fields: ['disabled'] });
    expect((await client.get('/session')).status).toBe(401);
    expect((await signInRequest({ email: editor.email, password: PASSWORD })).status).toBe(401);
    const log = await one<{ field: string; new_value: string }>(
      "SELECT field, new_value FROM change_log WHERE entity = 'user' AND entity_id = ?",
      editor.id,
    );
    expect(log).toEqual({ field: 'disabled', new_value: 'true' });
  });

  it('a new role or scope ends the sessions too, and an admin cannot lock themselves out', async () => {
    const admin = await signedIn('admin');
    const caseworker = await createUser('caseworker');
    const client = await signIn(caseworker);
    expect(
      (await admin.request('PATCH', `/users/${caseworker.id}`, { role: 'coordinator', area_pcodes: ['IQG12'] })).status,
    ).toBe(200);
    expect((await client.get('/session')).status).toBe(401);
    expect((await admin.request('PATCH', `/users/${admin.user!.id}`, { disabled: true })).status).toBe(409);
  });

  it("changing one's password needs the current one and ends the other sessions", async () => {
    const user = await createUser('caseworker', { totp: false });
    const laptop = await signIn(user);
    const phone = await signIn(user);
    expect(
      (await phone.post('/session/password', { current_password: 'wrong', new_password: 'a brand new password' }))
        .status,
    ).toBe(400);
    const changed = await phone.post('/session/password', {
      current_password: PASSWORD,
      new_password: 'a brand new password',
    });
    expect(changed.status).toBe(200);
    expect((await laptop.get('/session')).status).toBe(401);
    expect((await phone.get('/session')).status).toBe(401); // replaced by the new cookie
    expect((await new Client(user, sessionCookie(changed), changed.body.csrf_token).get('/session')).status).toBe(200);
    expect((await signInRequest({ email: user.email, password: 'a brand new password' })).status).toBe(200);
  });
});
