import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sampleId } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';

const ORIGIN = 'https://masar.test';
let address = 0;

/** Each test speaks from its own client address, so the rate limit of one never affects another. */
function post(body: unknown, headers: Record<string, string> = {}) {
  address++;
  return exports.default.fetch(`${ORIGIN}/api/v1/problem-reports`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Sec-Fetch-Site': 'same-origin',
      'CF-Connecting-IP': `192.0.2.${address}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function aService() {
  const listing = await get('/api/v1/services?area=IQG15Q05&lang=en&limit=20');
  const service = listing.body.items.find((s: { contact_routes: unknown[] }) => s.contact_routes.length > 1);
  return { id: service.id as string, routeId: service.contact_routes[0].id as string };
}

describe('POST /api/v1/problem-reports', () => {
  it('records an anonymous report about a service and one of its contact routes', async () => {
    const { id, routeId } = await aService();
    const response = await post({
      service_id: id,
      contact_route_id: routeId,
      kind: 'no_answer',
      note: 'Rang twice in the morning.',
    });
    expect(response.status).toBe(201);
    const receipt = await response.json<{ id: string; service_id: string; kind: string; created_at: string }>();
    expect(receipt).toMatchObject({ service_id: id, kind: 'no_answer' });
    const row = await env.DB.prepare('SELECT * FROM problem_reports WHERE id = ?').bind(receipt.id).first();
    expect(row).toMatchObject({
      service_id: id,
      contact_route_id: routeId,
      kind: 'no_answer',
      note: 'Rang twice in the morning.',
    });
  });

  it('stores nothing about the sender: no address, no user agent, no cookie', async () => {
    const { id } = await aService();
    const response = await post({ service_id: id, kind: 'closed' }, { 'User-Agent': 'UA-MARKER-123' });
    expect(response.status).toBe(201);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    const columns = await env.DB.prepare('SELECT name FROM pragma_table_info(?)')
      .bind('problem_reports')
      .all<{ name: string }>();
    expect(columns.results.map((c) => c.name).sort()).toEqual([
      'contact_route_id',
      'created_at',
      'id',
      'kind',
      'note',
      // Only a signed-in practitioner's report from the console has a role; a public one has none.
      'reporter_role',
      'service_id',
    ]);
    const roles = await env.DB.prepare('SELECT DISTINCT reporter_role AS role FROM problem_reports').all();
    expect(roles.results).toEqual([{ role: null }]);
    const dump = JSON.stringify((await env.DB.prepare('SELECT * FROM problem_reports').all()).results);
    expect(dump).not.toContain(`192.0.2.${address}`);
    expect(dump).not.toContain('UA-MARKER-123');
  });

  it.each([
    [{ kind: 'closed' }, 'service_id'],
    [{ service_id: 'not-a-uuid', kind: 'closed' }, 'service_id'],
    [{ service_id: sampleId('service:noor-helpline'), kind: 'spam' }, 'kind'],
    [{ service_id: sampleId('service:noor-helpline'), kind: 'other', note: 'x'.repeat(501) }, 'note'],
    [{ service_id: sampleId('service:noor-helpline'), kind: 'other', contact_route_id: 'nope' }, 'contact_route_id'],
  ])('refuses %j as problem+json naming %s', async (body, param) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    const problem = await response.json<{ errors: Array<{ name: string }> }>();
    expect(problem.errors.map((e) => e.name)).toContain(param);
  });

  it('refuses a body that is not JSON, without a 500', async () => {
    const response = await post('kind=closed');
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 for a service that is not published (a draft) or does not exist', async () => {
    for (const id of [sampleId('service:tigris-karkh-legal-draft'), '00000000-0000-4000-8000-000000000000']) {
      const response = await post({ service_id: id, kind: 'closed' });
      expect(response.status).toBe(404);
    }
  });

  it('refuses a contact route of another service', async () => {
    const listing = await get('/api/v1/services?area=IQG15Q05&lang=en&limit=20');
    const [one, other] = listing.body.items.filter((s: { contact_routes: unknown[] }) => s.contact_routes.length > 0);
    const response = await post({
      service_id: one.id,
      contact_route_id: other.contact_routes[0].id,
      kind: 'wrong_number',
    });
    expect(response.status).toBe(400);
  });

  it('refuses reports sent from another site (CSRF), by Sec-Fetch-Site or Origin', async () => {
    const { id } = await aService();
    const body = { service_id: id, kind: 'closed' };
    expect((await post(body, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const byOrigin = await exports.default.fetch(`${ORIGIN}/api/v1/problem-reports`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: 'https://evil.example',
        'CF-Connecting-IP': '198.51.100.7',
      },
      body: JSON.stringify(body),
    });
    expect(byOrigin.status).toBe(403);
    const sameOrigin = await exports.default.fetch(`${ORIGIN}/api/v1/problem-reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'CF-Connecting-IP': '198.51.100.8' },
      body: JSON.stringify(body),
    });
    expect(sameOrigin.status).toBe(201);
  });

  it('rate-limits one client after a burst, with Retry-After, and not the others', async () => {
    const { id } = await aService();
    const from = (ip: string) =>
      exports.default.fetch(`${ORIGIN}/api/v1/problem-reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip },
        body: JSON.stringify({ service_id: id, kind: 'other' }),
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await from('203.0.113.50')).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await from('203.0.113.50');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await from('203.0.113.51')).status).toBe(201);
  });
});

describe('POST /s/{id}/problem (the page form, without JavaScript)', () => {
  it('records the report and answers with a page, not JSON', async () => {
    const { id } = await aService();
    const response = await exports.default.fetch(`${ORIGIN}/s/${id}/problem?lang=en`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Sec-Fetch-Site': 'same-origin',
        'CF-Connecting-IP': '198.51.100.20',
      },
      body: new URLSearchParams({ kind: 'wrong_number', note: '' }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.text()).toContain('Thank you');
    const row = await env.DB.prepare(
      'SELECT kind, note FROM problem_reports WHERE service_id = ? ORDER BY created_at DESC',
    )
      .bind(id)
      .first();
    expect(row).toEqual({ kind: 'wrong_number', note: null });
  });

  it('answers a bad form with a 400 page', async () => {
    const { id } = await aService();
    const response = await exports.default.fetch(`${ORIGIN}/s/${id}/problem?lang=en`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Sec-Fetch-Site': 'same-origin',
        'CF-Connecting-IP': '198.51.100.21',
      },
      body: 'kind=astrology',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('could not be sent');
  });
});
