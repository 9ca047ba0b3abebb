import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_LOCATION_MARKERS, SAMPLE_MARKERS } from '../../db/seed/sample-directory.mjs';
import { PATHWAY_MARKERS, samplePathways } from '../../db/seed/sample-pathways.mjs';
import { allPages, get } from '../support/http.ts';

// C3 and C9: practitioner-only routes, referral details and confidential addresses/coordinates
// are stored, but no public response ever contains them.
const LANGUAGES = ['ar', 'ckb', 'kmr', 'en', 'es'];

async function everyPublicResponse(): Promise<Array<[string, string]>> {
  const responses: Array<[string, string]> = [];
  const record = async (path: string) => responses.push([path, (await get(path)).text]);
  const ids = (await allPages<{ id: string }>('/api/v1/services', 50)).map((s) => s.id);
  for (const lang of LANGUAGES) {
    await record(`/api/v1/services?lang=${lang}&limit=100`);
    await record(`/api/v1/services?lang=${lang}&limit=100&near=36.1,44.0&sort=distance`);
    await record(`/api/v1/map/services?lang=${lang}`);
    for (const id of ids) await record(`/api/v1/services/${id}?lang=${lang}`);
    for (const pathway of samplePathways()) {
      await record(`/api/v1/pathways?area=${pathway.areaPcode}&lang=${lang}`);
      await record(`/api/v1/pathways/${pathway.id}?lang=${lang}`);
    }
  }
  for (const q of [
    'shelter',
    'Erbil',
    'practitioner',
    'PRACTITIONER-ONLY',
    'focal',
    'CONFIDENTIAL',
    'address',
    'دار',
  ]) {
    await record(`/api/v1/services?q=${encodeURIComponent(q)}&limit=100`);
  }
  await record('/api/v1/services?bbox=43.9,36.0,44.2,36.3&limit=100');
  await record('/api/v1/map/services?bbox=43.9,36.0,44.2,36.3');
  return responses;
}

describe('the public/practitioner boundary', () => {
  let responses: Array<[string, string]>;
  beforeAll(async () => {
    responses = await everyPublicResponse();
  }, 60_000);

  it('the restricted data exists in the database (so the checks below can fail)', async () => {
    const routes = await env.DB.prepare("SELECT value FROM contact_routes WHERE visibility = 'practitioner'").all<{
      value: string;
    }>();
    expect(routes.results.length).toBeGreaterThan(0);
    const details = await env.DB.prepare('SELECT focal_point FROM service_referral_details').all<{
      focal_point: string;
    }>();
    expect(details.results.map((d) => d.focal_point).join(' ')).toContain('PRACTITIONER-ONLY');
    const shelter = await env.DB.prepare('SELECT address, lon, lat FROM locations WHERE is_confidential = 1').first<{
      address: string;
      lon: number;
    }>();
    expect(shelter?.address).toContain(CONFIDENTIAL_LOCATION_MARKERS[0]);
    expect(String(shelter?.lon)).toBe(CONFIDENTIAL_LOCATION_MARKERS[1]);
  });

  it.each([...new Set([...SAMPLE_MARKERS, ...PATHWAY_MARKERS, ...CONFIDENTIAL_LOCATION_MARKERS])])(
    'no public response contains %s',
    (marker) => {
      const leaks = responses.filter(([, text]) => text.includes(marker)).map(([path]) => path);
      expect(leaks).toEqual([]);
    },
  );

  it('the confidential shelter is listed with its governorate only, without address or coordinates', async () => {
    const { body } = await get('/api/v1/services?q=shelter&lang=en');
    const shelter = body.items.find((s: { name: { text: string } }) => s.name.text.includes('Dar Al-Aman'));
    // Stored in district IQG11Q02; the public learns only the governorate.
    expect(shelter.locations).toEqual([
      expect.objectContaining({ confidential: true, lon: null, lat: null, address: null, area_pcode: 'IQG11' }),
    ]);
    const coverage = await env.DB.prepare('SELECT area_path FROM service_coverage WHERE service_id = ?')
      .bind(shelter.id)
      .all<{ area_path: string }>();
    expect(coverage.results.map((r) => r.area_path)).toEqual(['/IQ/IQ-KR/IQG11/']);
    const hsds = await get(`/api/v1/hsds/services/${shelter.id}?lang=en`);
    expect(hsds.text).not.toContain('IQG11Q02');
    const map = await get('/api/v1/map/services?type=shelter');
    expect(map.body.features).toEqual([]);
  });

  it('a new practitioner-only route and referral detail never show, whatever is asked', async () => {
    const service = await env.DB.prepare("SELECT id FROM services WHERE status = 'published' LIMIT 1").first<{
      id: string;
    }>();
    const canary = `+96477000${Math.floor(Math.random() * 1e5)
      .toString()
      .padStart(5, '0')}`;
    await env.DB.batch([
      env.DB.prepare(
        'INSERT INTO contact_routes (id, service_id, kind, value, visibility, labels) ' +
          "VALUES ('canary-route', ?, 'phone', ?, 'practitioner', '{\"en\":\"canary\"}')",
      ).bind(service!.id, canary),
      env.DB.prepare('UPDATE service_referral_details SET intake_route = ? WHERE service_id = ?').bind(
        JSON.stringify({ en: `canary intake ${canary}` }),
        service!.id,
      ),
      // A pathway step's practitioner-only detail, on every step of every pathway.
      env.DB.prepare('UPDATE pathway_step_referral_details SET focal_point = ?').bind(
        JSON.stringify({ en: `canary focal point ${canary}`, ar: canary, es: canary }),
      ),
      env.DB.prepare(
        'INSERT OR IGNORE INTO pathway_step_referral_details (step_id, intake_route) SELECT id, ? FROM pathway_steps',
      ).bind(JSON.stringify({ en: `canary step intake ${canary}` })),
    ]);
    try {
      for (const lang of LANGUAGES) {
        expect((await get(`/api/v1/services/${service!.id}?lang=${lang}`)).text).not.toContain(canary);
        expect((await get(`/api/v1/services?lang=${lang}&limit=100`)).text).not.toContain(canary);
      }
      expect((await get(`/api/v1/services?q=${encodeURIComponent(canary)}`)).text).not.toContain(canary);
      expect((await get('/api/v1/map/services')).text).not.toContain(canary);
      for (const pathway of samplePathways()) {
        expect((await get(`/api/v1/pathways/${pathway.id}`)).text).not.toContain(canary);
        expect((await get(`/api/v1/pathways?area=${pathway.areaPcode}`)).text).not.toContain(canary);
      }
    } finally {
      await env.DB.prepare("DELETE FROM contact_routes WHERE id = 'canary-route'").run();
    }
  });
});
