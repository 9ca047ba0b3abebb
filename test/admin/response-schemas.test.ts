/**
 * The OpenAPI document tells partner systems and the console what each answer of the listings
 * API looks like: every operation on listings, their contact routes, closures, sites,
 * organisations, locations and verification declares the JSON body of its success, and real
 * answers of the Worker validate against that declaration (with @cfworker/json-schema, as the
 * HSDS answers are checked).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';
import { declaredSchema, responseErrors } from '../support/openapi-responses.ts';
import { type Client, type Response, signedIn } from './support.ts';

/** The paths of the listings' resources (people, sessions, history and oversight have their own). */
const LISTING_PATHS =
  /^\/api\/v1\/admin\/(services(\/\{id\}(\/(referral|publish|close|contact-routes|closures|locations|verifications))?)?|contact-routes\/\{id\}(\/test-calls)?|closures\/\{id\}|service-locations\/\{id\}|organisations(\/\{id\}(\/locations)?)?|locations\/\{id\})$/;

type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
let doc: { paths: Record<string, Record<string, Operation>> };
let admin: Client;

beforeAll(async () => {
  doc = (await get('/api/v1/openapi.json')).body;
  admin = await signedIn('admin');
});

/** Checks an answer against what the document declares for that operation and status. */
function expectDeclared(method: string, path: string, response: Response) {
  expect([200, 201], response.text).toContain(response.status);
  expect(
    declaredSchema(doc, `/api/v1/admin${path}`, method, response.status),
    `${method} ${path} ${response.status} declares no JSON body`,
  ).toBeDefined();
  expect(
    responseErrors(doc, `/api/v1/admin${path}`, method, response.status, response.body),
    `${method} ${path}`,
  ).toEqual([]);
}

describe('response schemas of the listings API', () => {
  it('every operation on listings and their records declares the JSON body of its success (a delete answers 204 with none)', () => {
    const operations = Object.entries(doc.paths)
      .filter(([path]) => LISTING_PATHS.test(path))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBe(26);
    for (const { path, method, op } of operations) {
      if (method === 'delete') continue;
      const success = op.responses['200'] ?? op.responses['201'];
      expect(success?.content?.['application/json']?.schema, `${method.toUpperCase()} ${path}`).toBeDefined();
    }
  });

  it('real answers of every listings operation validate against what the document declares', async () => {
    const org = await admin.post('/organisations', { names: { en: 'Schema check organisation' } });
    expectDeclared('post', '/organisations', org);
    expectDeclared('get', '/organisations/{id}', await admin.get(`/organisations/${org.body.id}`));
    const orgPatch = await admin.patch(
      `/organisations/${org.body.id}`,
      { website: 'https://example.org' },
      org.body.version,
    );
    expectDeclared('patch', '/organisations/{id}', orgPatch);

    const location = await admin.post(`/organisations/${org.body.id}/locations`, {
      area_pcode: 'IQG12Q03',
      names: { en: 'Shelter' },
      is_confidential: true,
      lon: 44.02,
      lat: 32.61,
    });
    expectDeclared('post', '/organisations/{id}/locations', location);
    expectDeclared('get', '/locations/{id}', await admin.get(`/locations/${location.body.id}`));
    expectDeclared(
      'patch',
      '/locations/{id}',
      await admin.patch(`/locations/${location.body.id}`, { names: { en: 'Safe house' } }, location.body.version),
    );

    const service = await admin.post('/services', {
      organisation_id: org.body.id,
      country: 'IQ',
      names: { en: 'Schema check service' },
      type_ids: ['legal_aid'],
      area_pcodes: ['IQG12'],
      source_description: 'Schema check',
    });
    expectDeclared('post', '/services', service);
    const id = service.body.id as string;
    expectDeclared('get', '/services', await admin.get('/services?limit=5'));
    let version = service.body.version as number;
    const patched = await admin.patch(`/services/${id}`, { cost_kind: 'free' }, version);
    expectDeclared('patch', '/services/{id}', patched);
    version = patched.body.version;
    const referral = await admin.patch(
      `/services/${id}/referral`,
      { focal_point: { en: 'Case worker on duty' } },
      version,
    );
    expectDeclared('patch', '/services/{id}/referral', referral);

    const route = await admin.post(`/services/${id}/contact-routes`, { kind: 'phone', value: '+9647700000999' });
    expectDeclared('post', '/services/{id}/contact-routes', route);
    const routePatch = await admin.patch(
      `/contact-routes/${route.body.id}`,
      { labels: { en: 'Office line' } },
      route.body.version,
    );
    expectDeclared('patch', '/contact-routes/{id}', routePatch);
    const closure = await admin.post(`/services/${id}/closures`, {
      starts_at: '2030-01-01T00:00:00Z',
      ends_at: '2030-01-02T00:00:00Z',
      reason: { en: 'Holiday' },
    });
    expectDeclared('post', '/services/{id}/closures', closure);
    expectDeclared(
      'patch',
      '/closures/{id}',
      await admin.patch(`/closures/${closure.body.id}`, { closes: false }, closure.body.version),
    );
    const site = await admin.post(`/services/${id}/locations`, {
      location_id: location.body.id,
      opening_hours: 'Su-Th 08:00-14:00',
    });
    expectDeclared('post', '/services/{id}/locations', site);
    expectDeclared(
      'patch',
      '/service-locations/{id}',
      await admin.patch(
        `/service-locations/${site.body.id}`,
        { hours_note: { en: 'Ring the bell' } },
        site.body.version,
      ),
    );

    const call = await admin.post(`/contact-routes/${route.body.id}/test-calls`, {
      answered: true,
      language_offered: 'ar',
      verify: true,
    });
    expectDeclared('post', '/contact-routes/{id}/test-calls', call);
    expectDeclared(
      'get',
      '/contact-routes/{id}/test-calls',
      await admin.get(`/contact-routes/${route.body.id}/test-calls`),
    );
    expectDeclared(
      'post',
      '/services/{id}/verifications',
      await admin.post(`/services/${id}/verifications`, { method: 'call', result: 'confirmed' }),
    );
    expectDeclared('get', '/services/{id}/verifications', await admin.get(`/services/${id}/verifications`));

    const full = await admin.get(`/services/${id}`);
    expectDeclared('get', '/services/{id}', full);
    const published = await admin.post(`/services/${id}/publish`, {}, { 'If-Match': full.headers.get('ETag')! });
    expectDeclared('post', '/services/{id}/publish', published);
    expectDeclared(
      'post',
      '/services/{id}/close',
      await admin.post(`/services/${id}/close`, {}, { 'If-Match': `"${published.body.version}"` }),
    );
  });

  it('an answer that breaks the declaration is refused by the check', async () => {
    const listing = await admin.get('/services?limit=1');
    const broken = { ...listing, body: { items: [{ ...listing.body.items[0], status: 'archived' }] } };
    expect(() => expectDeclared('get', '/services', broken)).toThrow();
  });
});
