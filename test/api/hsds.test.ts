import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_LOCATION_MARKERS, SAMPLE_MARKERS, sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { refreshDocuments } from '../../api/admin/edit/listing-index.ts';
import { database } from '../../db/client.ts';
import {
  publicOrganisations,
  publishedServicesOf,
  publishedServicePage,
  serviceRecords,
} from '../../api/queries/hsds.ts';
import { hsdsContext } from '../../api/views/hsds-context.ts';
import { schedulesOf } from '../../api/views/hsds-schedules.ts';
import baseExample from '../fixtures/hsds/examples/base.json';
import organizationFullExample from '../fixtures/hsds/examples/organization_full.json';
import organizationListExample from '../fixtures/hsds/examples/organization_list.json';
import serviceFullExample from '../fixtures/hsds/examples/service_full.json';
import serviceListExample from '../fixtures/hsds/examples/service_list.json';
import taxonomyExample from '../fixtures/hsds/examples/taxonomy.json';
import taxonomyListExample from '../fixtures/hsds/examples/taxonomy_list.json';
import taxonomyTermExample from '../fixtures/hsds/examples/taxonomy_term.json';
import taxonomyTermListExample from '../fixtures/hsds/examples/taxonomy_term_list.json';
import { get, type ApiResponse } from '../support/http.ts';
import { hsdsErrors, responseSchema, schemaFile } from '../support/hsds-schemas.ts';
import { instrumentedDb, queryPlan } from '../support/instrumented-db.ts';

// P3: the HSDS 3.0 API, validated against Open Referral's own schemas (test/fixtures/hsds).
const HSDS = '/api/v1/hsds';
const LANGUAGES = ['ar', 'ckb', 'kmr', 'en', 'es'];

interface SampleRoute {
  id: string;
  kind: string;
  visibility: string;
  openingHours: string | null;
}
interface SampleService {
  id: string;
  status: string;
  organisationId: string;
  country: string;
  names: Record<string, string>;
  typeIds: string[];
  languages: string[];
  costKind: string;
  routes: SampleRoute[];
  locations: Array<{ id: string }>;
  areaPcodes: string[];
  verification: { status: string; lastVerifiedAt: string | null; lastVerifiedBy: string | null; method: string | null };
}
const sample = sampleDirectory(new Date()) as { services: SampleService[]; organisations: Array<{ id: string }> };
const published = sample.services.filter((s) => s.status === 'published');
const unpublished = sample.services.filter((s) => s.status !== 'published');
const byName = (name: string) => published.find((s) => s.names.en === name)!;

/** Valid against the schema HSDS's openapi.json gives for `path`, or the errors, readably. */
function expectValid(body: unknown, schemaUri: string) {
  expect(hsdsErrors(body, schemaUri).map((e) => `${e.instanceLocation}: ${e.error}`)).toEqual([]);
}

async function hsds(path: string): Promise<ApiResponse> {
  const response = await get(`${HSDS}${path}`);
  if (response.status !== 200) throw new Error(`${path} → ${response.status} ${response.text}`);
  return response;
}

/** Every item of an HSDS list, page by page. */
async function allContents(path: string, perPage: number): Promise<any[]> {
  const contents: any[] = [];
  for (let page = 1; page < 100; page++) {
    const { body } = await hsds(`${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=${perPage}`);
    contents.push(...body.contents);
    if (body.last_page) return contents;
  }
  throw new Error('paging did not end');
}

const problemFor = (response: ApiResponse) => ({
  status: response.status,
  type: response.headers.get('Content-Type'),
  names: (response.body.errors ?? []).map((e: { name: string }) => e.name),
});

describe('the HSDS schema set-up', () => {
  it.each([
    ['/', baseExample],
    ['/services/{id}', serviceFullExample],
    ['/services', serviceListExample],
    ['/organizations/{id}', organizationFullExample],
    ['/organizations', organizationListExample],
    ['/taxonomies/{id}', taxonomyExample],
    ['/taxonomies', taxonomyListExample],
    ['/taxonomy_terms/{id}', taxonomyTermExample],
    ['/taxonomy_terms', taxonomyTermListExample],
  ])("accepts upstream's example response for %s", (path, example) => {
    expect(hsdsErrors(example, responseSchema(path), { asPublished: true })).toEqual([]);
  });

  it('the stand-in for compiled/service.json requires what HSDS requires of a service: id, name, status', () => {
    expect(
      hsdsErrors({ id: crypto.randomUUID(), name: 'x', status: 'active' }, schemaFile('compiled/service.json')),
    ).toEqual([]);
    expect(hsdsErrors({ id: crypto.randomUUID(), name: 'x' }, schemaFile('compiled/service.json'))).not.toEqual([]);
  });

  it('checks uuid, date, time, date-time and uri formats, not just types', () => {
    const broken = (change: (s: any) => void) => {
      const copy = structuredClone(serviceFullExample) as any;
      change(copy);
      return hsdsErrors(copy, responseSchema('/services/{id}')).map((e) => e.error);
    };
    expect(broken((s) => (s.id = 'not-a-uuid'))).toContainEqual('String does not match format "uuid".');
    expect(broken((s) => (s.assured_date = '2024-02-30'))).toContainEqual('String does not match format "date".');
    expect(broken((s) => (s.last_modified = 'yesterday'))).toContainEqual('String does not match format "date-time".');
    expect(broken((s) => (s.schedules[0].opens_at = '25:00:00+03:00'))).toContainEqual(
      'String does not match format "time".',
    );
    expect(broken((s) => (s.organization.website = 'example dot com'))).toContainEqual(
      'String does not match format "uri".',
    );
    expect(broken((s) => delete s.status)).toContainEqual(expect.stringContaining('required property "status"'));
  });
});

describe('GET /api/v1/hsds/', () => {
  it('says which HSDS version it serves and where its OpenAPI document is', async () => {
    for (const path of ['', '/']) {
      const { body } = await hsds(path);
      expectValid(body, responseSchema('/'));
      expect(body).toEqual({
        version: '3.1',
        profile: 'https://masar.test/api/v1/hsds/profile',
        openapi_url: 'https://masar.test/api/v1/openapi.json',
        description: expect.stringContaining('Masar'),
        publisher: {
          name: 'Masar',
          website: 'https://masar.test',
          feedback: 'https://masar.test/api/v1/problem-reports',
        },
        // The deployment's licence of the listings (test/api/data-licence.test.ts).
        license: expect.objectContaining({ identifier: 'CC-BY-4.0' }),
      });
    }
    const openapi = await get('/api/v1/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(
        [
          'services',
          'services/{id}',
          'organizations',
          'organizations/{id}',
          'taxonomies',
          'taxonomies/{id}',
          'taxonomy_terms',
          'taxonomy_terms/{id}',
        ].map((p) => `${HSDS}/${p}`),
      ),
    );
    const parameters = openapi.body.paths[`${HSDS}/services`].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(
      expect.arrayContaining([
        'page',
        'per_page',
        'taxonomy_term_id',
        'taxonomy_id',
        'organization_id',
        'modified_after',
        'lang',
      ]),
    );
  });
});

describe('GET /api/v1/hsds/services', () => {
  it('pages through every published service once, in name order, each page valid', async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const { body } = await hsds(`/services?per_page=7&page=${page}&lang=en`);
      expectValid(body, responseSchema('/services'));
      expect(body).toMatchObject({
        total_items: published.length,
        total_pages: Math.ceil(published.length / 7),
        page_number: page,
        size: body.contents.length,
        first_page: page === 1,
        empty: false,
      });
      seen.push(...body.contents.map((s: { id: string }) => s.id));
      if (body.last_page) break;
      expect(body.contents).toHaveLength(7);
    }
    expect([...seen].sort()).toEqual(published.map((s) => s.id).sort());
    for (const s of unpublished) expect(seen).not.toContain(s.id);
  });

  it('a page past the end is an empty page, not an error', async () => {
    const { body } = await hsds('/services?page=99&per_page=50');
    expectValid(body, responseSchema('/services'));
    expect(body).toEqual({
      total_items: published.length,
      total_pages: Math.ceil(published.length / 50),
      page_number: 99,
      size: 0,
      first_page: false,
      last_page: true,
      empty: true,
      contents: [],
    });
  });

  it('each item has its one-to-one fields and its organization', async () => {
    const { body } = await hsds('/services?per_page=100&lang=en');
    const police = body.contents.find((s: { name: string }) => s.name === 'Community Police (497 and 533)');
    expect(police).toMatchObject({
      status: 'active',
      organization: { id: police.organization_id, name: expect.any(String) },
    });
    expect(police).not.toHaveProperty('assured_date'); // listed as unverified: no "last checked" date
    expect(police).not.toHaveProperty('phones'); // lists carry one-to-one fields only
  });

  it('taxonomy_term_id narrows to a service type and its sub-types, like type= on /services', async () => {
    const { body: terms } = await hsds('/taxonomy_terms?per_page=100');
    const police = terms.contents.find((t: { code: string }) => t.code === 'police');
    const found = (await allContents(`/services?taxonomy_term_id=${police.id}`, 50)).map((s) => s.id).sort();
    const expected = (await get('/api/v1/services?type=police&limit=100')).body.items
      .map((s: { id: string }) => s.id)
      .sort();
    expect(found.length).toBeGreaterThan(1);
    expect(found).toEqual(expected);
    const { body: taxonomies } = await hsds('/taxonomies');
    const typed = await allContents(`/services?taxonomy_id=${taxonomies.contents[0].id}`, 50);
    expect(typed).toHaveLength(published.filter((s) => s.typeIds.length > 0).length);
  });

  it('organization_id keeps the services of that organization; filters add up', async () => {
    const jiyan = byName('Case management, Erbil (sample)').organisationId;
    const found = await allContents(`/services?organization_id=${jiyan}`, 50);
    expect(found.map((s) => s.id).sort()).toEqual(
      published
        .filter((s) => s.organisationId === jiyan)
        .map((s) => s.id)
        .sort(),
    );
    const { body: terms } = await hsds('/taxonomy_terms?per_page=100');
    const mhpss = terms.contents.find((t: { code: string }) => t.code === 'mhpss');
    const both = await allContents(`/services?organization_id=${jiyan}&taxonomy_term_id=${mhpss.id}`, 50);
    expect(both.map((s) => s.id).sort()).toEqual(
      published
        .filter((s) => s.organisationId === jiyan && s.typeIds.includes('mhpss'))
        .map((s) => s.id)
        .sort(),
    );
  });

  it('modified_after keeps the services whose public record changed since then', async () => {
    const all = await allContents('/services', 100);
    const moments = all.map((s) => s.last_modified).sort();
    const middle = moments[Math.floor(moments.length / 2)];
    const recent = await allContents(`/services?modified_after=${encodeURIComponent(middle)}`, 100);
    expect(recent.map((s) => s.id).sort()).toEqual(
      all
        .filter((s) => s.last_modified >= middle)
        .map((s) => s.id)
        .sort(),
    );
    expect(recent.length).toBeLessThan(all.length);
    expect((await hsds('/services?modified_after=2999-01-01T00:00:00Z')).body.total_items).toBe(0);
  });

  it('last_modified follows a change to a public contact route, not only to the service row', async () => {
    const service = byName('Legal aid, Duhok (sample)');
    const route = service.routes.find((r) => r.visibility === 'public')!;
    const before = (await hsds(`/services/${service.id}`)).body.last_modified;
    const { results } = await env.DB.prepare('SELECT updated_at FROM contact_routes WHERE id = ?')
      .bind(route.id)
      .all<{ updated_at: string }>();
    const later = new Date(Date.parse(before) + 60_000).toISOString();
    await env.DB.prepare('UPDATE contact_routes SET updated_at = ? WHERE id = ?').bind(later, route.id).run();
    try {
      expect((await hsds(`/services/${service.id}`)).body.last_modified).toBe(later);
      const changed = await allContents(`/services?modified_after=${encodeURIComponent(later)}`, 100);
      expect(changed.map((s) => s.id)).toContain(service.id);
    } finally {
      await env.DB.prepare('UPDATE contact_routes SET updated_at = ? WHERE id = ?')
        .bind(results[0]!.updated_at, route.id)
        .run();
    }
  });
});

describe('GET /api/v1/hsds/services/{id}', () => {
  it.each(LANGUAGES)('every published service is a valid service_full in %s', async (lang) => {
    for (const service of published) {
      const { body, headers } = await hsds(`/services/${service.id}?lang=${lang}`);
      expectValid(body, responseSchema('/services/{id}'));
      expect(body.id).toBe(service.id);
      expect(headers.get('Content-Language')).toMatch(/^(ar|ckb|kmr|en|es)(, (ar|ckb|kmr|en|es))*$/);
    }
  });

  it('maps contact routes to phones, weekly hours to schedules, and keeps the rule', async () => {
    const service = byName('Case management, Karbala (sample)');
    const { body } = await hsds(`/services/${service.id}?lang=en`);
    const publicPhones = service.routes.filter(
      (r) => r.visibility === 'public' && ['phone', 'hotline', 'sms'].includes(r.kind),
    );
    expect(body.phones.map((p: { id: string }) => p.id)).toEqual(publicPhones.map((r) => r.id));
    expect(body.phones[0]).toMatchObject({
      number: '+9647700000101',
      type: 'voice',
      languages: [expect.objectContaining({ code: 'ar', name: 'Arabic' })],
    });
    expect(body.schedules).toContainEqual(
      expect.objectContaining({
        attending_type: 'Office phone',
        freq: 'WEEKLY',
        byday: 'SU,MO,TU,WE,TH',
        opens_at: '08:00:00+03:00',
        closes_at: '14:00:00+03:00',
        timezone: 3,
        notes: 'opening_hours=Su-Th 08:00-14:00',
      }),
    );
    // The evening WhatsApp line is an HSDS 3.1 additional url, and its hours are schedules that name it.
    const whatsapp = service.routes.find((r) => r.kind === 'whatsapp')!;
    expect(body.additional_urls).toContainEqual(
      expect.objectContaining({
        id: whatsapp.id,
        label: 'Evening WhatsApp',
        url: expect.stringMatching(/^https:\/\/wa\.me\//),
      }),
    );
    const whatsappHours = body.schedules.filter(
      (h: { attending_type: string }) => h.attending_type === 'Evening WhatsApp',
    );
    expect(whatsappHours.length).toBeGreaterThan(0);
    expect(whatsappHours[0].attributes).toContainEqual(
      expect.objectContaining({
        value: whatsapp.id,
        taxonomy_term: expect.objectContaining({ code: 'contact_route' }),
      }),
    );
    expect(body.service_at_locations[0].schedules).toEqual([
      expect.objectContaining({
        service_at_location_id: service.locations[0]!.id,
        byday: 'SU,MO,TU,WE,TH',
        opens_at: '08:00:00+03:00',
      }),
    ]);
    const governorate = (await get('/api/v1/areas/IQG12?lang=en')).body.name.text;
    expect(body.service_at_locations[0].location.addresses[0]).toMatchObject({
      country: 'IQ',
      state_province: governorate,
      address_type: 'physical',
      postal_code: '',
    });
    expect(body).toMatchObject({
      assured_date: service.verification.lastVerifiedAt!.slice(0, 10),
      cost_options: [{ amount: 0, currency: 'IQD' }],
    });
    expect(body.metadata).toEqual([
      expect.objectContaining({
        resource_id: service.id,
        field_name: 'assured_date',
        last_action_type: `verified (${service.verification.method})`,
        updated_by: service.verification.lastVerifiedBy,
      }),
    ]);
    const typeAttributes = body.attributes.filter((a: any) => a.taxonomy_term.taxonomy === 'masar-service-types');
    expect(typeAttributes.map((a: any) => a.taxonomy_term.code)).toEqual(service.typeIds);
  });

  it('24/7 is every day from midnight to midnight', async () => {
    const clinic = (await hsds(`/services/${byName('Hope Bridges clinic, Karbala (sample)').id}`)).body;
    expect(clinic.service_at_locations[0].schedules).toEqual([
      expect.objectContaining({
        byday: 'SU,MO,TU,WE,TH,FR,SA',
        opens_at: '00:00:00+03:00',
        closes_at: '00:00:00+03:00',
      }),
    ]);
  });

  it.each([
    // closes the next day
    ['Mo-Su 20:00-02:00', [{ byday: 'SU,MO,TU,WE,TH,FR,SA', opens_at: '20:00:00+03:00', closes_at: '02:00:00+03:00' }]],
    [
      'Su-Th 08:00-12:00,13:00-15:00',
      [
        { byday: 'SU,MO,TU,WE,TH', opens_at: '08:00:00+03:00' },
        { byday: 'SU,MO,TU,WE,TH', opens_at: '13:00:00+03:00' },
      ],
    ],
    // unsupported: the rule is kept, no times guessed
    ['Su-Th 08:00-14:00; PH off', [{ notes: 'opening_hours=Su-Th 08:00-14:00; PH off' }]],
    ['off', [{ notes: 'opening_hours=off' }]],
  ])('the rule %s becomes %j', (rule, expected) => {
    const schedules = schedulesOf(
      rule,
      { key: crypto.randomUUID(), service_id: crypto.randomUUID() },
      'Asia/Baghdad',
      hsdsContext('en', 'https://masar.test', new Date()),
    );
    expect(schedules).toEqual(expected.map((e) => expect.objectContaining(e)));
    for (const schedule of schedules) expectValid(schedule, schemaFile('schedule.json'));
    if (!('byday' in expected[0]!)) expect(schedules[0]).not.toHaveProperty('opens_at');
  });

  it("hours in Guatemala carry Guatemala's offset", async () => {
    const { body } = await hsds(`/services/${byName('Legal aid, Chimaltenango (sample)').id}`);
    expect(body.schedules).toEqual([
      expect.objectContaining({
        byday: 'MO,TU,WE,TH,FR',
        opens_at: '08:00:00-06:00',
        closes_at: '16:00:00-06:00',
        timezone: -6,
      }),
      expect.objectContaining({ byday: 'SA', opens_at: '08:00:00-06:00', closes_at: '12:00:00-06:00', timezone: -6 }),
    ]);
  });

  it('unknown hours give no schedule, never a guessed one', async () => {
    const { body } = await hsds(`/services/${byName('Community Police (497 and 533)').id}`);
    expect(body.phones).toHaveLength(2);
    expect(body.schedules).toEqual([]);
  });

  it('service areas carry the area name and its P-code, and point at the area', async () => {
    const service = byName('Noor 24-hour helpline (sample)');
    const { body } = await hsds(`/services/${service.id}?lang=en`);
    expect(body.service_areas.map((a: { extent: string }) => a.extent)).toEqual(service.areaPcodes);
    expect(body.service_areas[0]).toMatchObject({
      name: 'Baghdad',
      extent_type: 'text',
      uri: 'https://masar.test/api/v1/areas/IQG08',
    });
    expect((await get('/api/v1/areas/IQG08')).status).toBe(200);
  });

  it('the confidential shelter keeps its area but has no address and no coordinates (C9)', async () => {
    const { body } = await hsds(`/services/${byName('Dar Al-Aman shelter, Erbil (sample)').id}?lang=en`);
    const { location } = body.service_at_locations[0];
    expect(location).not.toHaveProperty('latitude');
    expect(location).not.toHaveProperty('longitude');
    expect(location.addresses).toEqual([]);
  });

  it('a closure in force makes the service "temporarily closed" and is its alert', async () => {
    const { body } = await hsds(`/services/${byName('Case management, Al-Karkh (sample)').id}?lang=en`);
    expect(body.status).toBe('temporarily closed');
    expect(body.alert).toContain('Official heat-day closure (sample)');
    const zakho = (await hsds(`/services/${byName('Case management, Zakho (sample)').id}`)).body;
    expect(zakho.status).toBe('active'); // announced, not yet in force
    expect(zakho.alert).toEqual(expect.any(String));
  });

  it('texts follow ?lang= with fallback, and Content-Language lists the languages they came out in', async () => {
    const guatemala = byName('Legal aid, Chimaltenango (sample)');
    const spanish = await hsds(`/services/${guatemala.id}?lang=es`);
    expect(spanish.body.name).toBe(guatemala.names.es);
    expect(spanish.headers.get('Content-Language')).toBe('es');
    // No Sorani texts: the name falls back to English; the service type names exist in Sorani.
    const sorani = await hsds(`/services/${guatemala.id}?lang=ckb`);
    expect(sorani.body.name).toBe(guatemala.names.en);
    expect(sorani.headers.get('Content-Language')?.split(', ')).toEqual(expect.arrayContaining(['en', 'ckb']));
    // The street address exists only in Spanish, and says so.
    const english = await hsds(`/services/${guatemala.id}?lang=en`);
    expect(english.headers.get('Content-Language')).toBe('en, es');
  });

  it('unknown, draft and closed services are 404 problems; a malformed id is a 400 naming it', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', ...unpublished.map((s) => s.id)]) {
      const response = await get(`${HSDS}/services/${id}`);
      expect(problemFor(response)).toEqual({ status: 404, type: 'application/problem+json; charset=utf-8', names: [] });
    }
    expect(problemFor(await get(`${HSDS}/services/not-a-uuid`))).toMatchObject({ status: 400, names: ['id'] });
  });
});

describe('GET /api/v1/hsds/organizations', () => {
  const providers = sample.organisations.filter((o) => published.some((s) => s.organisationId === o.id));

  it('lists the organizations that provide a published service, each page valid', async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const { body } = await hsds(`/organizations?per_page=5&page=${page}`);
      expectValid(body, responseSchema('/organizations'));
      expect(body.total_items).toBe(providers.length);
      seen.push(...body.contents.map((o: { id: string }) => o.id));
      if (body.last_page) break;
    }
    expect(seen.sort()).toEqual(providers.map((o) => o.id).sort());
  });

  it.each(['ar', 'en'])('each organization is valid in %s, with its published services only', async (lang) => {
    for (const organisation of providers) {
      const { body } = await hsds(`/organizations/${organisation.id}?lang=${lang}`);
      expectValid(body, responseSchema('/organizations/{id}'));
      expect(body.services.map((s: { id: string }) => s.id).sort()).toEqual(
        published
          .filter((s) => s.organisationId === organisation.id)
          .map((s) => s.id)
          .sort(),
      );
    }
  });

  it('an organization with no published service is not there', async () => {
    const id = crypto.randomUUID();
    const draft = crypto.randomUUID();
    await env.DB.batch([
      env.DB.prepare('INSERT INTO organisations (id, names) VALUES (?, \'{"en":"Draft-only organisation"}\')').bind(id),
      env.DB.prepare(
        'INSERT INTO services (id, organisation_id, status, names, country, sort_name) ' +
          "VALUES (?, ?, 'draft', '{\"en\":\"Draft\"}', 'IQ', 'draft')",
      ).bind(draft, id),
    ]);
    try {
      expect((await get(`${HSDS}/organizations/${id}`)).status).toBe(404);
      expect((await allContents('/organizations', 100)).map((o) => o.id)).not.toContain(id);
    } finally {
      await env.DB.batch([
        env.DB.prepare('DELETE FROM services WHERE id = ?').bind(draft),
        env.DB.prepare('DELETE FROM organisations WHERE id = ?').bind(id),
      ]);
    }
  });
});

describe('GET /api/v1/hsds/taxonomies and /taxonomy_terms', () => {
  it('four taxonomies, service types, facts, pathway steps and languages, valid as a list and alone', async () => {
    const { body } = await hsds('/taxonomies?lang=en');
    expectValid(body, responseSchema('/taxonomies'));
    expect(body.contents.map((t: { name: string }) => t.name)).toEqual([
      'masar-service-types',
      'masar-facts',
      'masar-pathway-step',
      'masar-translation',
    ]);
    expect(body.contents[0]).toMatchObject({ uri: 'https://masar.test/api/v1/service-types' });
    for (const taxonomy of body.contents) {
      const one = await hsds(`/taxonomies/${taxonomy.id}`);
      expectValid(one.body, responseSchema('/taxonomies/{id}'));
    }
    expect((await get(`${HSDS}/taxonomies/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('every service type is a term: its slug as code, its parent as parent_id, each valid', async () => {
    const { body: types } = await get('/api/v1/service-types?lang=en');
    const { body: taxonomies } = await hsds('/taxonomies');
    const terms = await allContents(`/taxonomy_terms?lang=en&taxonomy_id=${taxonomies.contents[0].id}`, 4);
    expect(terms.map((t) => t.code)).toEqual(types.items.map((t: { id: string }) => t.id));
    const idOf = new Map(terms.map((t) => [t.code, t.id]));
    for (const type of types.items) {
      const term = terms.find((t) => t.code === type.id);
      expect(term).toMatchObject({ name: type.name.text, language: 'en', taxonomy: 'masar-service-types' });
      expect(term.parent_id).toBe(type.parent_id ? idOf.get(type.parent_id) : undefined);
      const { body } = await hsds(`/taxonomy_terms/${term.id}`);
      expectValid(body, responseSchema('/taxonomy_terms/{id}'));
    }
    const page = await hsds('/taxonomy_terms?per_page=3');
    expectValid(page.body, responseSchema('/taxonomy_terms'));
    const police = idOf.get('police');
    const children = await allContents(`/taxonomy_terms?parent_id=${police}`, 50);
    expect(children.map((t) => t.code).sort()).toEqual(
      types.items
        .filter((t: any) => t.parent_id === 'police')
        .map((t: any) => t.id)
        .sort(),
    );
    expect((await get(`${HSDS}/taxonomy_terms/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('every HSDS list', () => {
  it.each(LANGUAGES)('is a valid HSDS page in %s', async (lang) => {
    for (const path of ['/services', '/organizations', '/taxonomies', '/taxonomy_terms']) {
      const { body } = await hsds(`${path}?per_page=100&lang=${lang}`);
      expectValid(body, responseSchema(path));
      expect(body).toMatchObject({
        page_number: 1,
        first_page: true,
        last_page: true,
        size: body.total_items,
        empty: false,
      });
    }
  });
});

describe('bad HSDS parameters', () => {
  const cases: Array<[string, string]> = [
    ['/services?per_page=0', 'per_page'],
    ['/services?per_page=101', 'per_page'],
    ['/services?per_page=ten', 'per_page'],
    ['/services?page=0', 'page'],
    ['/services?page=1.5', 'page'],
    ['/services?taxonomy_term_id=hotline', 'taxonomy_term_id'],
    [`/services?taxonomy_term_id=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, 'taxonomy_term_id'],
    [`/services?taxonomy_id=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, 'taxonomy_id'],
    ['/services?organization_id=noor', 'organization_id'],
    ['/services?modified_after=yesterday', 'modified_after'],
    ['/services?lang=fr', 'lang'],
    ['/organizations?page=-1', 'page'],
    ['/organizations/not-a-uuid', 'id'],
    ['/taxonomy_terms?top_only=yes', 'top_only'],
    [`/taxonomy_terms?parent_id=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, 'parent_id'],
    ['/taxonomies/masar-service-types', 'id'],
  ];
  it.each(cases)('%s is a 400 problem naming %s', async (path, name) => {
    const response = await get(`${HSDS}${path}`);
    expect(problemFor(response)).toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      names: [name],
    });
  });
});

describe('the public/practitioner boundary in the HSDS export (C3, C9)', () => {
  let responses: Array<[string, string]>;
  beforeAll(async () => {
    responses = [];
    const record = async (path: string) => responses.push([path, (await hsds(path)).text]);
    const organisations = await allContents('/organizations', 100);
    const terms = await allContents('/taxonomy_terms', 100);
    for (const lang of LANGUAGES) {
      await record(`/services?per_page=100&lang=${lang}`);
      await record(`/organizations?per_page=100&lang=${lang}`);
      await record(`/taxonomy_terms?per_page=100&lang=${lang}`);
      for (const s of published) await record(`/services/${s.id}?lang=${lang}`);
      for (const o of organisations) await record(`/organizations/${o.id}?lang=${lang}`);
    }
    for (const t of terms) await record(`/taxonomy_terms/${t.id}`);
  }, 180_000); // hundreds of full responses in five languages: slow on a busy machine

  it('the restricted data exists in the database (so the checks below can fail)', async () => {
    const routes = await env.DB.prepare(
      "SELECT count(*) AS n FROM contact_routes WHERE visibility = 'practitioner'",
    ).first<{ n: number }>();
    expect(routes?.n).toBeGreaterThan(0);
    const shelter = await env.DB.prepare('SELECT address FROM locations WHERE is_confidential = 1').first<{
      address: string;
    }>();
    expect(shelter?.address).toContain(CONFIDENTIAL_LOCATION_MARKERS[0]);
  });

  it.each([...SAMPLE_MARKERS, ...CONFIDENTIAL_LOCATION_MARKERS])('no HSDS response contains %s', (marker) => {
    expect(responses.filter(([, text]) => text.includes(marker)).map(([path]) => path)).toEqual([]);
  });

  it('no HSDS response names a draft or closed service', () => {
    for (const s of unpublished) {
      expect(responses.filter(([, text]) => text.includes(s.id)).map(([path]) => path)).toEqual([]);
    }
  });
});

describe('cost of the HSDS reads', () => {
  it('service_full for a page costs the same statements for 3 services as for 30 (no N+1)', async () => {
    // Documents other tests' edits dropped are stored again first: a page without them reads live.
    await refreshDocuments(
      database(env.DB),
      published.slice(0, 30).map((s) => s.id),
    );
    const count = async (n: number) => {
      const { db, recorded } = instrumentedDb(env.DB);
      const records = await serviceRecords(
        db,
        published.slice(0, n).map((s) => s.id),
        new Date(),
        true,
      );
      expect(records).toHaveLength(n);
      return recorded.length;
    };
    expect(await count(30)).toBe(await count(3));
  });

  it('an organisation or a service type narrows the read; it never walks every published service', async () => {
    const { db, recorded } = instrumentedDb(env.DB);
    const organisation = published[0]!.organisationId;
    await publishedServicePage(db, { organisationId: organisation }, { page: 1, perPage: 10 });
    await publishedServicePage(db, { typeIds: ['police', 'community_police'] }, { page: 1, perPage: 10 });
    await publishedServicesOf(db, [organisation]);
    await publicOrganisations(db, [organisation]);
    for (const statement of recorded) {
      const plan = (await queryPlan(env.DB, statement)).join(' | ');
      expect({ sql: statement.sql, walksStatus: /services_status_name_idx|SCAN s\b/.test(plan) }).toEqual({
        sql: statement.sql,
        walksStatus: false,
      });
    }
  });
});
