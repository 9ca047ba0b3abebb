import { env, exports } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL_LOCATION_MARKERS, SAMPLE_MARKERS, sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { PATHWAY_MARKERS, samplePathways } from '../../db/seed/sample-pathways.mjs';
import { serviceRecords } from '../../api/queries/hsds.ts';
import { hsdsContext } from '../../api/views/hsds-context.ts';
import { closureSchedule, schedulesOf } from '../../api/views/hsds-schedules.ts';
import { get, type ApiResponse } from '../support/http.ts';
import { hsdsErrors, responseSchema, schemaFile } from '../support/hsds-schemas.ts';

// HSDS 3.1's parameters, each implemented as the specification describes or refused by name;
// the endpoints it adds; CORS on the feed alone; Masar's facts carried as attributes.
const HSDS = '/api/v1/hsds';

interface SampleService {
  id: string;
  status: string;
  organisationId: string;
  names: Record<string, string>;
  typeIds: string[];
  locations: Array<{ id: string }>;
}
const sample = sampleDirectory(new Date()) as { services: SampleService[] };
const published = sample.services.filter((s) => s.status === 'published');

function expectValid(body: unknown, schemaUri: string) {
  expect(hsdsErrors(body, schemaUri).map((e) => `${e.instanceLocation}: ${e.error}`)).toEqual([]);
}

async function hsds(path: string): Promise<ApiResponse> {
  const response = await get(`${HSDS}${path}`);
  if (response.status !== 200) throw new Error(`${path} → ${response.status} ${response.text}`);
  return response;
}

async function allContents(path: string): Promise<any[]> {
  const contents: any[] = [];
  for (let page = 1; page < 100; page++) {
    const { body } = await hsds(`${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=100`);
    contents.push(...body.contents);
    if (body.last_page) return contents;
  }
  throw new Error('paging did not end');
}

const refusal = (response: ApiResponse) => ({
  status: response.status,
  type: response.headers.get('Content-Type'),
  names: (response.body.errors ?? []).map((e: { name: string }) => e.name),
});

async function termId(code: string) {
  const terms = await allContents('/taxonomy_terms');
  return terms.find((t) => t.code === code)!.id as string;
}

describe('search', () => {
  it('a word found nowhere returns no services, no sites and no organizations', async () => {
    for (const path of ['/services', '/service_at_locations', '/organizations']) {
      const { body } = await hsds(`${path}?search=zzzznotaword`);
      expectValid(body, responseSchema(path));
      expect(body).toMatchObject({ total_items: 0, empty: true, contents: [] });
    }
  });

  it('finds what the public API text search finds, with the same index', async () => {
    for (const text of ['legal', 'Karbala', 'شرطة']) {
      const found = (await allContents(`/services?search=${encodeURIComponent(text)}`)).map((s) => s.id).sort();
      const { body } = await get(`/api/v1/services?q=${encodeURIComponent(text)}&limit=100`);
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(body.items.map((s: { id: string }) => s.id).sort());
    }
  });

  it('organizations: those with a published service the search finds', async () => {
    const services = await allContents('/services?search=legal');
    const organisations = await allContents('/organizations?search=legal');
    expect(organisations.map((o) => o.id).sort()).toEqual([...new Set(services.map((s) => s.organization_id))].sort());
  });

  it('taxonomy terms by name in any language', async () => {
    const { body } = await hsds(`/taxonomy_terms?search=${encodeURIComponent('female staff')}`);
    expect(body.contents.map((t: { code: string }) => t.code)).toEqual(['female_staff']);
  });
});

describe('refused parameters', () => {
  const cases: Array<[string, string[]]> = [
    ['/services?colour=blue', ['colour']],
    ['/services?q=legal', ['q']],
    ['/services?format=xml', ['format']],
    ['/services?format=csv', ['format']],
    ['/services?format=ndjson&page=2', ['page']],
    ['/organizations?format=ndjson', ['format']],
    ['/services?search=%20%20', ['search']],
    ['/services?minimal=true&page=2', ['page']],
    ['/services?minimal=yes', ['minimal']],
    ['/service_at_locations?postcode=10001', ['postcode']],
    ['/service_at_locations?proximity=5000', ['proximity']],
    ['/organizations?full_service=true', ['full_service']],
    ['/organizations?organization_id=x', ['organization_id']],
    ['/taxonomies?top_only=true', ['top_only']],
    ['/taxonomy_terms?organization_id=x', ['organization_id']],
    [`/services/${crypto.randomUUID()}?full=true`, ['full']],
    ['/?page=1', ['page']],
  ];
  it.each(cases)('%s is a 400 problem naming %j', async (path, names) => {
    expect(refusal(await get(`${HSDS}${path}`))).toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      names,
    });
  });

  it('format=ndjson streams every matching service, one per line, without pages', async () => {
    const response = await exports.default.fetch(`https://masar.test${HSDS}/services?format=ndjson&search=legal`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const paged = await allContents('/services?search=legal');
    expect(lines).toEqual(paged);
    for (const line of lines) expectValid({ contents: [line] }, responseSchema('/services'));
  });

  it('format=json is the default, accepted when given', async () => {
    expect((await hsds('/services?format=json')).body.total_items).toBe(published.length);
  });
});

describe('minimal and full', () => {
  it('minimal=true is every matching service, id and last_modified, in one array', async () => {
    const { body } = await hsds('/services?minimal=true');
    expect(Array.isArray(body)).toBe(true);
    expect(body.map((s: { id: string }) => s.id).sort()).toEqual(published.map((s) => s.id).sort());
    for (const item of body) expect(Object.keys(item).sort()).toEqual(['id', 'last_modified']);
    expect((await hsds('/services?minimal=true&search=zzzznotaword')).body).toEqual([]);
  });

  it('full=true gives each service of the page fully nested, as /services/{id} does', async () => {
    const { body } = await hsds('/services?full=true&per_page=5&lang=en');
    expectValid(body, responseSchema('/services'));
    for (const service of body.contents) {
      expectValid(service, responseSchema('/services/{id}'));
      expect(service).toEqual((await hsds(`/services/${service.id}?lang=en`)).body);
    }
  });

  it('organizations: full=true lists their services; full_service=true nests them fully', async () => {
    const plain = (await hsds('/organizations?per_page=3')).body.contents;
    expect(plain[0]).not.toHaveProperty('services');
    const full = await hsds('/organizations?per_page=3&full=true');
    expectValid(full.body, responseSchema('/organizations'));
    expect(full.body.contents[0].services.length).toBeGreaterThan(0);
    expect(full.body.contents[0].services[0]).not.toHaveProperty('phones');
    const nested = await hsds('/organizations?per_page=3&full=true&full_service=true');
    expect(nested.body.contents[0].services[0]).toHaveProperty('phones');
    const one = await hsds(`/organizations/${plain[0].id}?full_service=true`);
    expectValid(one.body, responseSchema('/organizations/{id}'));
    expect(one.body.services[0]).toHaveProperty('schedules');
  });

  it('organizations by taxonomy term: those with a published service of that type', async () => {
    const police = await termId('police');
    const services = await allContents(`/services?taxonomy_term_id=${police}`);
    const organisations = await allContents(`/organizations?taxonomy_term_id=${police}`);
    expect(organisations.length).toBeGreaterThan(0);
    expect(organisations.map((o) => o.id).sort()).toEqual([...new Set(services.map((s) => s.organization_id))].sort());
  });
});

describe('/service_at_locations', () => {
  it('every site of a published service, each page and each item valid', async () => {
    const sites = await allContents('/service_at_locations?lang=en');
    const { body } = await hsds('/service_at_locations?per_page=5');
    expectValid(body, responseSchema('/service_at_locations'));
    expect(sites.map((s) => s.id).sort()).toEqual(published.flatMap((s) => s.locations.map((l) => l.id)).sort());
    for (const site of sites.slice(0, 10)) {
      const one = await hsds(`/service_at_locations/${site.id}`);
      expectValid(one.body, responseSchema('/service_at_locations/{id}'));
      expect(one.body.service.id).toBe(site.service_id);
    }
    expect((await get(`${HSDS}/service_at_locations/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('a confidential site keeps its governorate only; nothing restricted is in any site', async () => {
    for (const lang of ['ar', 'en']) {
      const { text } = await hsds(`/service_at_locations?full=true&per_page=100&lang=${lang}`);
      for (const marker of [...SAMPLE_MARKERS, ...CONFIDENTIAL_LOCATION_MARKERS]) {
        expect({ marker, leaked: text.includes(marker) }).toEqual({ marker, leaked: false });
      }
    }
  });

  it('filters apply to the service of each site', async () => {
    const organisation = published.find((s) => s.locations.length > 0)!.organisationId;
    const sites = await allContents(`/service_at_locations?organization_id=${organisation}`);
    expect(sites.map((s) => s.id).sort()).toEqual(
      published
        .filter((s) => s.organisationId === organisation)
        .flatMap((s) => s.locations.map((l) => l.id))
        .sort(),
    );
  });
});

describe('top_only', () => {
  it('keeps terms without children: a child term stays, a parent term goes', async () => {
    const police = await termId('police');
    const children = await allContents(`/taxonomy_terms?parent_id=${police}`);
    expect(children.length).toBeGreaterThan(0);
    const top = (await allContents('/taxonomy_terms?top_only=true')).map((t) => t.id);
    expect(top).not.toContain(police); // has children
    expect(top).toContain(children[0].id); // has a parent, no children
  });
});

describe('the root, the profile and CORS', () => {
  it('the profile names the published taxonomies and the pathways extension', async () => {
    const { body } = await hsds('/profile');
    expect(body.taxonomies.map((t: { name: string }) => t.name)).toEqual([
      'masar-service-types',
      'masar-facts',
      'masar-pathway-step',
      'masar-translation',
    ]);
    expect(body.extensions).toEqual([
      expect.objectContaining({ name: 'pathways', url: 'https://masar.test/api/v1/hsds/pathways' }),
    ]);
  });

  it('the HSDS feed may be read from any origin, with GET only, and sets no cookie', async () => {
    const response = await get(`${HSDS}/services?per_page=1`, { Origin: 'https://partner.example' });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Set-Cookie')).toBeNull();
    const preflight = await exports.default.fetch(`https://masar.test${HSDS}/services`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBe('GET, OPTIONS');
  });

  it('the maintainers API and the rest of the public API get no CORS header', async () => {
    for (const path of ['/api/v1/admin/session', '/api/v1/services?limit=1', '/api/v1/areas']) {
      const response = await get(path, { Origin: 'https://partner.example' });
      expect({ path, allow: response.headers.get('Access-Control-Allow-Origin') }).toEqual({ path, allow: null });
    }
  });
});

/** Masar's facts read back from a service_full's masar-facts attributes, as an importer would. */
function factsOf(service: any): Record<string, string | string[]> {
  const facts: Record<string, string | string[]> = {};
  for (const a of service.attributes) {
    if (a.taxonomy_term?.taxonomy !== 'masar-facts') continue;
    if (a.taxonomy_term.code === 'accessibility')
      facts.accessibility = [...((facts.accessibility as string[]) ?? []), a.value];
    else facts[a.taxonomy_term.code] = a.value;
  }
  return facts;
}

describe("Masar's facts through HSDS attributes", () => {
  it('every published service exports its stored facts, unknown as unknown, and reads back the same', async () => {
    const records = await serviceRecords(
      drizzle(env.DB),
      published.map((s) => s.id),
      new Date(),
      true,
    );
    let unknowns = 0;
    for (const { service: s } of records) {
      const { body } = await hsds(`/services/${s.id}?lang=en`);
      const facts = factsOf(body);
      const expected = {
        female_staff: s.femaleStaff,
        anonymous_reporting: s.anonymousReporting,
        accompaniment: s.accompaniment,
        safe_place_meeting: s.safePlaceMeeting,
        passes_on_without_identity: s.passesOnWithoutIdentity,
        eligible_gender: s.eligibleGender,
        cost_kind: s.costKind,
        verification_status: s.verificationStatus,
        sample: String(Boolean(s.isSample)),
        ...(s.nextVerificationDue ? { next_verification_due: s.nextVerificationDue } : {}),
        ...(s.sourceUrl ? { source_url: s.sourceUrl } : {}),
        ...(s.sourceDescription ? { source_description: s.sourceDescription } : {}),
        ...(s.accessibility.length ? { accessibility: s.accessibility } : {}),
      };
      expect(facts).toMatchObject(expected);
      if (s.anonymousReporting === 'unknown') unknowns++;
      for (const site of body.service_at_locations) {
        const pcode = site.location.attributes.find((a: any) => a.taxonomy_term.code === 'area_pcode');
        expect(pcode?.value).toMatch(/^[A-Z]{2}[A-Z0-9]*$/);
        expect(site.location.accessibility.map((a: { description: string }) => a.description)).toEqual(s.accessibility);
      }
    }
    expect(unknowns).toBeGreaterThan(0); // the sample has unknowns, so "unknown stays unknown" is checked
  });

  it('every masar-facts term an attribute uses is served by /taxonomy_terms', async () => {
    const terms = new Set((await allContents('/taxonomy_terms')).map((t) => t.id));
    const { body } = await hsds(`/services/${published[0]!.id}`);
    for (const a of body.attributes) expect(terms).toContain(a.taxonomy_term_id);
  });
});

describe('pathways through the HSDS extension', () => {
  const pathways = samplePathways(new Date()) as Array<{ id: string; steps: unknown[] }>;

  it('lists every published pathway with its steps in order, as a valid HSDS page', async () => {
    const all = await allContents('/pathways?lang=en');
    const { body } = await hsds('/pathways?per_page=2');
    expectValid({ ...body, contents: [] }, responseSchema('/taxonomies'));
    expect(all.map((p) => p.id).sort()).toEqual(pathways.map((p) => p.id).sort());
    for (const p of all) {
      expect(p.steps.map((s: { position: number }) => s.position)).toEqual(
        [...p.steps.map((s: { position: number }) => s.position)].sort((a: number, b: number) => a - b),
      );
      expect(p.steps.length).toBe(pathways.find((q) => q.id === p.id)!.steps.length);
    }
  });

  it('services named on a step link back to it with a masar-pathway-step attribute', async () => {
    const all = await allContents('/pathways');
    const step = all
      .flatMap((p) => p.steps.map((s: any) => ({ ...s, pathwayId: p.id })))
      .find((s) => s.service_ids.length);
    const { body } = await hsds(`/services/${step.service_ids[0]}`);
    expect(body.attributes).toContainEqual(
      expect.objectContaining({
        value: `${step.pathwayId}/${step.id}`,
        taxonomy_term: expect.objectContaining({ taxonomy: 'masar-pathway-step', code: step.kind }),
      }),
    );
  });

  it.each(PATHWAY_MARKERS)('no pathway in the feed contains the practitioner-only %s', async (marker) => {
    for (const lang of ['ar', 'en', 'es'])
      expect((await hsds(`/pathways?per_page=100&lang=${lang}`)).text).not.toContain(marker);
  });
});

describe('opening hours as rules, not only this week', () => {
  const ctx = hsdsContext('en', 'https://masar.test', new Date('2026-05-20T09:00:00Z'));
  const owner = { key: 'route-key', service_id: crypto.randomUUID(), routeId: crypto.randomUUID() };

  it('a seasonal rule becomes schedules valid for each season, over the coming year', () => {
    const rule = 'Jun-Aug Su-Th 08:00-12:00; Sep-May Su-Th 08:00-14:00';
    const schedules = schedulesOf(rule, owner, 'Asia/Baghdad', ctx);
    const summer = schedules.filter((h) => h.closes_at === '12:00:00+03:00');
    const rest = schedules.filter((h) => h.closes_at === '14:00:00+03:00');
    // Whole summer weeks are one run; the weeks where the seasons change hold a few days of each.
    const wholeWeeks = summer.filter((h) => h.byday === 'SU,MO,TU,WE,TH');
    expect(wholeWeeks).toHaveLength(1);
    expect(wholeWeeks[0]!.valid_from! > '2026-05-31' && wholeWeeks[0]!.valid_from! <= '2026-06-07').toBe(true);
    expect(wholeWeeks[0]!.valid_to! >= '2026-08-22' && wholeWeeks[0]!.valid_to! < '2026-08-31').toBe(true);
    const starts = summer.map((h) => h.valid_from!).sort();
    const ends = summer.map((h) => h.valid_to!).sort();
    expect(starts[0]! <= '2026-06-01' && ends.at(-1)! >= '2026-08-31').toBe(true);
    expect(rest.length).toBeGreaterThanOrEqual(2); // before and after the summer
    for (const h of schedules) {
      expectValid(h, schemaFile('schedule.json'));
      expect(h.attributes).toContainEqual(expect.objectContaining({ value: rule }));
      expect(h.attributes).toContainEqual(expect.objectContaining({ value: owner.routeId }));
    }
  });

  it('a rule that is the same every week has no validity dates', () => {
    const [schedule] = schedulesOf('Su-Th 08:00-14:00', owner, 'Asia/Baghdad', ctx);
    expect(schedule).not.toHaveProperty('valid_from');
    expect(schedule).toMatchObject({ byday: 'SU,MO,TU,WE,TH', opens_at: '08:00:00+03:00' });
  });

  it('a dated closure is a schedule valid for its dates, with no opening', () => {
    const closure = {
      id: crypto.randomUUID(),
      startsAt: '2026-06-01T05:00:00.000Z',
      endsAt: '2026-06-03T21:00:00.000Z',
      closes: true,
      reason: 'Holiday',
    };
    const schedule = closureSchedule(closure, { service_id: owner.service_id }, 'Asia/Baghdad', ctx);
    expectValid(schedule, schemaFile('schedule.json'));
    expect(schedule).toMatchObject({ valid_from: '2026-06-01', valid_to: '2026-06-03', description: 'Holiday' });
    expect(schedule).not.toHaveProperty('opens_at');
    expect(schedule.attributes[0]).toMatchObject({ value: `closes ${closure.startsAt}/${closure.endsAt}` });
  });
});
