/**
 * The OpenAPI document tells integrators and the console what signing in, invitations, accounts
 * and API tokens answer. These tests hold it to the truth: every such operation declares its
 * success body, and real answers from the Worker validate against exactly what is declared
 * (with @cfworker/json-schema, as the HSDS export is checked), no field more and none missing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';
import { responseErrors } from '../support/openapi-responses.ts';
import {
  Client,
  createUser,
  freshCode,
  ORIGIN,
  PASSWORD,
  send,
  sessionCookie,
  signedIn,
  signIn,
  type Response,
} from './support.ts';

const RESOURCES = /^\/api\/v1\/admin\/(session|invitations|users|api-tokens)(\/|$)/;
/** Operations that answer 204 with no body: nothing to declare but the absence of one. */
const NO_BODY = ['DELETE /api/v1/admin/session', 'DELETE /api/v1/admin/api-tokens/{id}'];

type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
let openapi: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  openapi = (await get('/api/v1/openapi.json')).body;
});

/** Every documented operation on these resources, as "METHOD /path". */
const operations = () =>
  Object.entries(openapi.paths)
    .filter(([path]) => RESOURCES.test(path))
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));

/** The answer, after checking it is the expected success and true to the document. */
function declared(method: string, documentedPath: string, response: Response, status: number) {
  expect(response.status, response.text).toBe(status);
  expect(responseErrors(openapi, `/api/v1/admin${documentedPath}`, method, status, response.body)).toEqual([]);
  return response.body;
}

describe('the admin API declares what signing in, invitations, accounts and API tokens answer', () => {
  it('every operation on these resources declares the JSON body of its success', () => {
    const all = operations();
    expect(all.length).toBeGreaterThanOrEqual(14);
    for (const operation of all) {
      const [method, path] = operation.split(' ') as [string, string];
      const responses = openapi.paths[path]![method.toLowerCase()]!.responses;
      const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      if (NO_BODY.includes(operation)) {
        expect(
          success.every(([, r]) => !r.content),
          operation,
        ).toBe(true);
        continue;
      }
      const bodies = success.filter(([, r]) => r.content?.['application/json']?.schema);
      expect(
        bodies.map(([status]) => status),
        `${operation} declares no JSON body for its success`,
      ).not.toEqual([]);
    }
  });

  it('signing in, the session, enrolling a second factor and changing the password answer as declared', async () => {
    const person = await createUser('caseworker', { totp: false });
    const answer = await send('POST', '/api/v1/admin/session', {
      body: { email: person.email, password: PASSWORD },
      headers: { Origin: ORIGIN },
    });
    const session = declared('POST', '/session', answer, 200);
    expect(session.stage).toBe('enrol_totp');
    const client = new Client(person, sessionCookie(answer), session.csrf_token);
    declared('GET', '/session', await client.get('/session'), 200);
    const enrolment = declared('POST', '/session/totp', await client.post('/session/totp'), 200);
    const confirmed = declared(
      'POST',
      '/session/totp/confirm',
      await client.post('/session/totp/confirm', { code: await freshCode(enrolment.secret) }),
      200,
    );
    expect(confirmed).toMatchObject({ stage: 'full', user: { totp_enabled: true } });

    const full = await signIn({ ...person, totpSecret: enrolment.secret });
    const changed = await full.post('/session/password', {
      current_password: PASSWORD,
      new_password: 'another long passphrase',
    });
    declared('POST', '/session/password', changed, 200);
    const out = await new Client(person, sessionCookie(changed), changed.body.csrf_token).delete('/session');
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
  });

  it('invitations, accounts and API tokens answer as declared, in every state', async () => {
    const admin = await signedIn('admin');
    const invited = declared(
      'POST',
      '/invitations',
      await admin.post('/invitations', { email: `new-${crypto.randomUUID()}@example.org`, role: 'caseworker' }),
      201,
    );
    const accepted = declared(
      'POST',
      '/invitations/accept',
      await send('POST', '/api/v1/admin/invitations/accept', {
        body: { token: invited.token, display_name: 'New caseworker', password: 'a long enough passphrase' },
        headers: { Origin: ORIGIN },
      }),
      201,
    );
    // One accepted and one open invitation in the list.
    await admin.post('/invitations', { email: `open-${crypto.randomUUID()}@example.org`, role: 'admin' });
    const invitations = declared('GET', '/invitations', await admin.get('/invitations'), 200);
    expect(invitations.items.some((i: { accepted_at: string | null }) => i.accepted_at !== null)).toBe(true);
    expect(invitations.items.some((i: { accepted_at: string | null }) => i.accepted_at === null)).toBe(true);

    declared('GET', '/users', await admin.get('/users'), 200);
    const patched = declared(
      'PATCH',
      '/users/{id}',
      await admin.request('PATCH', `/users/${accepted.user.id}`, { disabled: true }),
      200,
    );
    expect(patched).toMatchObject({ disabled: true, changed_fields: ['disabled'] });

    const token = declared(
      'POST',
      '/api-tokens',
      await admin.post('/api-tokens', { name: 'Partner', role: 'caseworker', access: 'read' }),
      201,
    );
    const other = declared(
      'POST',
      '/api-tokens',
      await admin.post('/api-tokens', { name: 'Revoked partner', role: 'caseworker' }),
      201,
    );
    // A token reads the session too: no person, no CSRF token.
    const viaToken = declared('GET', '/session', await new Client(null, null, null, token.token).get('/session'), 200);
    expect(viaToken).toMatchObject({ user: null, via: 'token', csrf_token: null });
    const revoked = await admin.delete(`/api-tokens/${other.id}`);
    expect(revoked.status).toBe(204);
    expect(revoked.text).toBe('');
    const tokens = declared('GET', '/api-tokens', await admin.get('/api-tokens'), 200);
    const states = new Map(tokens.items.map((t: { id: string; state: string }) => [t.id, t.state]));
    expect([states.get(token.id), states.get(other.id)]).toEqual(['active', 'revoked']);
  });
});
