import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { samplePathways } from '../../db/seed/sample-pathways.mjs';
import { signedIn } from '../admin/support.ts';
import { CATALOGUES } from '../../web/src/i18n/index.ts';
import { element, textOf } from '../support/html.ts';
import { allPages, get } from '../support/http.ts';

// The Kurdistan Region (IQ-KR) is an area of its own between Iraq and Erbil (IQG11), Duhok (IQG09)
// and Sulaymaniyah (IQG06): a service or pathway attached to it once holds everywhere inside it.
const REGION = 'IQ-KR';
const GOVERNORATES = ['IQG06', 'IQG09', 'IQG11'];
const HELPLINE = sampleDirectory(new Date()).services.find((s: { key: string }) => s.key === 'kri-helpline-119')!;
const KRI_PATHWAY = samplePathways(new Date()).find((p: { key: string }) => p.key === 'kri-digital-extortion')!;
const OCSEA_PATHWAY = samplePathways(new Date()).find(
  (p: { key: string }) => p.key === 'kri-online-child-sexual-abuse',
)!;
const serviceOf = (key: string) => sampleDirectory(new Date()).services.find((s: { key: string }) => s.key === key)!;
const PANAWAR = serviceOf('kri-panawar');
const SEED = serviceOf('kri-seed-online-violence');
/** An Erbil subdistrict (Erbil city's). */
const ERBIL_SUBDISTRICT = 'IQG11Q02N02';

const pcodes = (items: Array<{ pcode: string }>) => items.map((a) => a.pcode);
const ids = (items: Array<{ id: string }>) => items.map((s) => s.id);
const pathOf = async (pcode: string) =>
  (await env.DB.prepare('SELECT path FROM areas WHERE pcode = ?').bind(pcode).first<{ path: string }>())!.path;

describe('the Kurdistan Region in the area tree', () => {
  it('is a child of Iraq beside the other governorates, and the parent of Erbil, Duhok and Sulaymaniyah', async () => {
    const iraq = await get('/api/v1/areas?parent=IQ&lang=en');
    expect(iraq.status).toBe(200);
    const children = pcodes(iraq.body.items);
    expect(children).toContain(REGION);
    expect(children).toContain('IQG08'); // Baghdad stays directly under Iraq
    for (const g of GOVERNORATES) expect(children).not.toContain(g);
    expect(iraq.body.items.find((a: { pcode: string }) => a.pcode === REGION)).toMatchObject({
      level: -1,
      parent_pcode: 'IQ',
      time_zone: 'Asia/Baghdad',
      name: { text: 'Kurdistan Region', lang: 'en' },
    });
    const region = await get(`/api/v1/areas/${REGION}?lang=ckb`);
    expect(region.status).toBe(200);
    expect(region.body.name).toEqual({ text: 'هەرێمی کوردستان', lang: 'ckb' });
    expect(pcodes(region.body.ancestors)).toEqual(['IQ']);
    expect(pcodes(region.body.children).sort()).toEqual(GOVERNORATES);
    const detail = await get('/api/v1/areas/IQ?lang=ar');
    expect(pcodes(detail.body.children)).toContain(REGION);
  });

  it('is named in every language', async () => {
    const expected = {
      ar: 'إقليم كوردستان',
      ckb: 'هەرێمی کوردستان',
      kmr: 'هەرێما کوردستانێ',
      en: 'Kurdistan Region',
      es: 'Región del Kurdistán',
    };
    for (const [lang, text] of Object.entries(expected)) {
      const { body } = await get(`/api/v1/areas/${REGION}?lang=${lang}`);
      expect(body.name).toEqual({ text, lang });
    }
  });

  it('has a boundary made of its governorates’ and a bounding box around them', async () => {
    const region = (await get(`/api/v1/areas/${REGION}`)).body;
    for (const g of GOVERNORATES) {
      const governorate = (await get(`/api/v1/areas/${g}`)).body;
      expect(governorate.parent_pcode).toBe(REGION);
      expect(governorate.bbox[0]).toBeGreaterThanOrEqual(region.bbox[0]);
      expect(governorate.bbox[1]).toBeGreaterThanOrEqual(region.bbox[1]);
      expect(governorate.bbox[2]).toBeLessThanOrEqual(region.bbox[2]);
      expect(governorate.bbox[3]).toBeLessThanOrEqual(region.bbox[3]);
    }
    const map = await get('/api/v1/map/boundaries?parent=IQ');
    const feature = map.body.features.find((f: { id: string }) => f.id === REGION);
    expect(feature.geometry.type).toBe('MultiPolygon');
    const parts = await get(`/api/v1/map/boundaries?parent=${REGION}`);
    const polygons = parts.body.features.reduce(
      (n: number, f: { geometry: { type: string; coordinates: unknown[] } }) =>
        n + (f.geometry.type === 'Polygon' ? 1 : f.geometry.coordinates.length),
      0,
    );
    expect(pcodes(parts.body.features.map((f: { id: string }) => ({ pcode: f.id }))).sort()).toEqual(GOVERNORATES);
    expect(feature.geometry.coordinates).toHaveLength(polygons);
    // The map of both countries' first-level areas draws the governorates, never the region over them.
    const all = await get('/api/v1/map/boundaries');
    expect(all.body.features.map((f: { id: string }) => f.id)).not.toContain(REGION);
  });

  it.each([
    'Kurdistan',
    'Kurdistan Region',
    'KRI',
    'kurdistan region',
    'هەرێمی کوردستان',
    'إقليم كردستان',
    'إقليم كوردستان',
    'Herêma Kurdistanê',
    'Región del Kurdistán',
  ])('place search for "%s" finds the Kurdistan Region first, shown as part of Iraq', async (q) => {
    const { status, body } = await get(`/api/v1/areas/search?q=${encodeURIComponent(q)}&lang=en`);
    expect(status).toBe(200);
    expect(body.items[0]).toMatchObject({ pcode: REGION, parent_name: { text: 'Iraq', lang: 'en' } });
  });

  it('a governorate inside the region is still found by its own name, shown as part of the region', async () => {
    const { body } = await get('/api/v1/areas/search?q=Duhok&lang=en');
    expect(body.items[0]).toMatchObject({ pcode: 'IQG09', parent_name: { text: 'Kurdistan Region', lang: 'en' } });
  });
});

describe('services and pathways attached to the region', () => {
  it('the 119 helpline is attached once, to the region, and listed in a Sulaymaniyah subdistrict and on the region page but not in Baghdad', async () => {
    const coverage = await env.DB.prepare('SELECT area_path FROM service_coverage WHERE service_id = ?')
      .bind(HELPLINE.id)
      .all<{ area_path: string }>();
    expect(coverage.results.map((r) => r.area_path)).toEqual(['/IQ/IQ-KR/']);
    const subdistrict = await env.DB.prepare(
      "SELECT pcode FROM areas WHERE path LIKE '/IQ/IQ-KR/IQG06/%' AND level = 3 ORDER BY pcode LIMIT 1",
    ).first<{ pcode: string }>();
    expect(subdistrict?.pcode).toMatch(/^IQG06Q\d+N\d+$/);
    expect(ids(await allPages(`/api/v1/services?area=${subdistrict!.pcode}`, 100))).toContain(HELPLINE.id);
    expect(ids(await allPages(`/api/v1/services?area=${REGION}`, 100))).toContain(HELPLINE.id);
    expect(ids(await allPages('/api/v1/services?area=IQG08', 100))).not.toContain(HELPLINE.id);
    expect(ids(await allPages('/api/v1/services?area=IQG15Q05N01', 100))).not.toContain(HELPLINE.id);

    const page = await get(`/a/${REGION}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/s/${HELPLINE.id}`);
    const baghdad = await get('/a/IQG08?lang=en');
    expect(baghdad.text).not.toContain(`/s/${HELPLINE.id}`);
    const inSulaymaniyah = await get(`/a/${subdistrict!.pcode}?lang=ckb`);
    expect(inSulaymaniyah.text).toContain(`/s/${HELPLINE.id}`);
  });

  it('the region page lists services of every governorate inside it, like a governorate page', async () => {
    const inRegion = ids(await allPages(`/api/v1/services?area=${REGION}`, 100));
    for (const g of GOVERNORATES) {
      const inGovernorate = ids(await allPages(`/api/v1/services?area=${g}`, 100));
      expect(inGovernorate.length).toBeGreaterThan(0);
      // Whatever is relevant in a governorate is relevant in the region around it.
      for (const id of inGovernorate)
        expect({ g, id, inRegion: inRegion.includes(id) }).toEqual({ g, id, inRegion: true });
    }
  });

  it('the Kurdistan Region pathways are defined once each, at the region, and hold in an Erbil subdistrict', async () => {
    const defined = await env.DB.prepare(
      "SELECT area_pcode, concern_id FROM pathways WHERE area_pcode IN ('IQ-KR', 'IQG06', 'IQG09', 'IQG11') " +
        'ORDER BY concern_id',
    ).all<{ area_pcode: string; concern_id: string }>();
    expect(defined.results).toEqual([
      { area_pcode: REGION, concern_id: 'digital_extortion' },
      { area_pcode: REGION, concern_id: 'online_child_sexual_abuse' },
    ]);
    const { status, body } = await get('/api/v1/pathways?area=IQG11Q02N02&concern=digital_extortion&lang=en');
    expect(status).toBe(200);
    expect(ids(body.items)).toEqual([KRI_PATHWAY.id]);
    expect(body.items[0]).toMatchObject({ inherited: true, defined_at: { pcode: REGION }, is_sample: true });
    // Its steps resolve to the services relevant in the subdistrict: the helpline among them.
    const steps = await get(`/api/v1/pathways/${KRI_PATHWAY.id}?area=IQG11Q02N02&lang=en`);
    expect(steps.status).toBe(200);
    const stepServices = steps.body.steps.flatMap((s: { services: Array<{ id: string }> }) => ids(s.services));
    expect(stepServices).toContain(HELPLINE.id);
    expect((await get('/api/v1/pathways?area=IQG08Q03&concern=digital_extortion')).body.items).toEqual([]);
  });
});

interface StepBody {
  kind: string;
  what_happens: { text: string; lang: string } | null;
  services: Array<{ id: string; service_types: Array<{ id: string }> }>;
}

describe('the region’s NGO services and its answer to online child sexual abuse', () => {
  it('in an Erbil subdistrict, the legal-help step names Panawar’s volunteer lawyers and SEED’s legal services, and recovery names SEED', async () => {
    const { status, body } = await get(`/api/v1/pathways/${KRI_PATHWAY.id}?area=${ERBIL_SUBDISTRICT}&lang=en`);
    expect(status).toBe(200);
    const step = (kind: string) => ids(body.steps.find((s: StepBody) => s.kind === kind).services);
    expect(step('legal_help')).toEqual(expect.arrayContaining([PANAWAR.id, SEED.id]));
    expect(step('recovery')).toContain(SEED.id);
    // Both are attached once, to the region, and so listed in every governorate inside it.
    const coverage = await env.DB.prepare(
      'SELECT service_id, area_path FROM service_coverage WHERE service_id IN (?, ?) ORDER BY area_path',
    )
      .bind(PANAWAR.id, SEED.id)
      .all<{ area_path: string }>();
    expect(coverage.results.map((r) => r.area_path)).toEqual(['/IQ/IQ-KR/', '/IQ/IQ-KR/']);
    expect(ids(await allPages('/api/v1/services?area=IQG09', 100))).toEqual(
      expect.arrayContaining([PANAWAR.id, SEED.id]),
    );
    expect(ids(await allPages('/api/v1/services?area=IQG08', 100))).not.toContain(PANAWAR.id);
  });

  it('Panawar’s number is dialable and says where it was published, and its cases go on to the directorate that runs 119', async () => {
    const { body } = await get(`/api/v1/services/${PANAWAR.id}?lang=en`);
    expect(body.contact_routes).toEqual([
      expect.objectContaining({
        kind: 'phone',
        value: '+9647502008179',
        notes: expect.objectContaining({ lang: 'en' }),
      }),
    ]);
    expect(body.contact_routes[0].notes.text).toContain('KirkukNow');
    expect(body.verification.status).toBe('unverified');
    expect(body.passes_cases_to.map((l: { service: { id: string } }) => l.service.id)).toEqual([HELPLINE.id]);
    const helpline = await get(`/api/v1/services/${HELPLINE.id}?lang=ckb`);
    expect(helpline.body.receives_cases_from).toEqual([
      {
        service: { id: PANAWAR.id, name: expect.objectContaining({ lang: 'ckb' }) },
        note: expect.objectContaining({ lang: 'ckb' }),
      },
    ]);
    const page = await get(`/s/${PANAWAR.id}?lang=kmr`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="tel:+9647502008179"');
  });

  it('SEED’s listing, which has no known way to contact it, says so and never points to places it does not have', async () => {
    const { body } = await get(`/api/v1/services/${SEED.id}?lang=en`);
    expect(body.contact_routes).toEqual([]);
    expect(body.locations).toEqual([]);
    for (const lang of ['ar', 'ckb', 'kmr', 'en', 'es'] as const) {
      const page = await get(`/s/${SEED.id}?lang=${lang}`);
      expect(page.status).toBe(200);
      expect(page.text, lang).toContain(CATALOGUES[lang].noContactRoutesYet);
      expect(page.text, lang).not.toContain(CATALOGUES[lang].noContactRoutes);
    }
  });

  it('a real body’s listing never borrows a sample source, and one that gives a full phone number names the public page it comes from', async () => {
    const real = await env.DB.prepare(
      'SELECT s.id, s.source_url, s.verification_status, ' +
        '(SELECT count(*) FROM contact_routes r WHERE r.service_id = s.id AND length(r.value) > 6 ' +
        "AND r.kind IN ('phone', 'hotline', 'sms', 'whatsapp', 'signal', 'telegram')) AS long_numbers " +
        'FROM services s JOIN organisations o ON o.id = s.organisation_id WHERE o.is_sample = 0',
    ).all<{ id: string; source_url: string | null; verification_status: string; long_numbers: number }>();
    expect(real.results.map((r) => r.id)).toEqual(expect.arrayContaining([HELPLINE.id, PANAWAR.id, SEED.id]));
    for (const r of real.results) {
      expect({ id: r.id, status: r.verification_status }).toEqual({ id: r.id, status: 'unverified' });
      if (r.source_url !== null) expect(r.source_url, r.id).toMatch(/^https?:\/\/(?!example\.org\/)[^/]+\//);
      if (r.long_numbers > 0) expect(r.source_url, r.id).not.toBeNull();
    }
    for (const [service, site] of [
      [PANAWAR, 'kirkuknow.com'],
      [SEED, 'beta.seedkurdistan.org'],
    ] as const) {
      const page = await get(`/s/${service.id}?lang=ar`);
      expect(page.text).toContain(`>${site}</bdi>`);
    }
  });

  it('online child sexual abuse in an Erbil subdistrict: the pathway sends no one to a mechanism that is only being set up, and names 119 in every language', async () => {
    const list = await get(`/api/v1/pathways?area=${ERBIL_SUBDISTRICT}&concern=online_child_sexual_abuse&lang=en`);
    expect(ids(list.body.items)).toEqual([OCSEA_PATHWAY.id]);
    expect(list.body.items[0]).toMatchObject({ inherited: true, defined_at: { pcode: REGION }, is_sample: true });
    for (const lang of ['ar', 'ckb', 'kmr', 'en']) {
      const { status, body } = await get(`/api/v1/pathways/${OCSEA_PATHWAY.id}?area=${ERBIL_SUBDISTRICT}&lang=${lang}`);
      expect(status).toBe(200);
      const report = body.steps.find((s: StepBody) => s.kind === 'report') as StepBody;
      // Told in the reader's own language, with 119 as the way to get help meanwhile.
      expect(report.what_happens).toMatchObject({ lang });
      expect(report.what_happens!.text, lang).toMatch(lang === 'en' ? /\b119\b/ : /١١٩/);
      // Every listing offered to talk to or report to is 119 or a child-protection service: none stands in
      // for the mechanism.
      for (const step of (body.steps as StepBody[]).filter(
        (s) => s.kind === 'report' || s.kind === 'talk_to_someone',
      )) {
        for (const service of step.services) {
          const ok = service.id === HELPLINE.id || service.service_types.some((t) => t.id === 'child_protection');
          expect({ lang, step: step.kind, id: service.id, ok }).toEqual({
            lang,
            step: step.kind,
            id: service.id,
            ok: true,
          });
        }
      }
      expect(ids(report.services)).toContain(HELPLINE.id);
    }
    const english = await get(`/api/v1/pathways/${OCSEA_PATHWAY.id}?area=${ERBIL_SUBDISTRICT}&lang=en`);
    const report = english.body.steps.find((s: StepBody) => s.kind === 'report') as StepBody;
    expect(english.body.steps.find((s: StepBody) => s.kind === 'report').title.text).toContain('being set up');
    expect(report.what_happens!.text).toContain('supports setting up');
    expect(report.what_happens!.text).toContain('nothing yet showing that it is running');
  });
});

describe('the governorate an area lies in is never the region', () => {
  it('a confidential site moved to a Duhok district discloses Duhok, never the district or the region', async () => {
    const admin = await signedIn('admin');
    const shelter = await env.DB.prepare(
      'SELECT l.id AS location, sal.service_id AS service FROM locations l ' +
        'JOIN service_at_locations sal ON sal.location_id = l.id WHERE l.is_confidential = 1',
    ).first<{ location: string; service: string }>();
    const location = await admin.get(`/locations/${shelter!.location}`);
    expect(location.status, location.text).toBe(200);
    // Zakho district (IQG09Q04) in Duhok governorate.
    const moved = await admin.patch(
      `/locations/${shelter!.location}`,
      { area_pcode: 'IQG09Q04' },
      location.body.version,
    );
    expect(moved.status, moved.text).toBe(200);

    const { body, text } = await get(`/api/v1/services/${shelter!.service}?lang=en`);
    expect(body.locations).toEqual([
      expect.objectContaining({ confidential: true, address: null, lon: null, lat: null, area_pcode: 'IQG09' }),
    ]);
    expect(text).not.toContain('IQG09Q04');
    // Listed in Duhok and found there, but never narrowed to the district: it covers the governorate.
    const coverage = await env.DB.prepare('SELECT area_path FROM service_coverage WHERE service_id = ?')
      .bind(shelter!.service)
      .all<{ area_path: string }>();
    expect(coverage.results.map((r) => r.area_path)).toEqual(['/IQ/IQ-KR/IQG09/']);
    expect(ids(await allPages('/api/v1/services?area=IQG09', 100))).toContain(shelter!.service);
    expect(ids(await allPages('/api/v1/services?area=IQG11', 100))).not.toContain(shelter!.service);
    const hsds = await get(`/api/v1/hsds/services/${shelter!.service}?lang=en`);
    expect(hsds.status).toBe(200);
    expect(hsds.text).not.toContain('IQG09Q04');
    expect(hsds.text).not.toContain('Zakho');
    const page = await get(`/s/${shelter!.service}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Zakho');
  });
});

describe('maintainers scoped to the region', () => {
  it('a caseworker for the Kurdistan Region reads listings in Erbil and the region-wide helpline, not in Baghdad', async () => {
    const serviceIn = async (prefix: string) =>
      (await env.DB.prepare(
        'SELECT c.service_id AS id FROM service_coverage c JOIN services s ON s.id = c.service_id ' +
          "WHERE s.status = 'published' AND c.area_path LIKE ? ORDER BY c.service_id LIMIT 1",
      )
        .bind(`${prefix}%`)
        .first<{ id: string }>())!.id;
    const erbil = await serviceIn('/IQ/IQ-KR/IQG11/');
    const baghdad = await serviceIn('/IQ/IQG08/');
    const caseworker = await signedIn('caseworker', { areas: [REGION] });
    expect((await caseworker.get(`/services/${erbil}`)).status).toBe(200);
    expect((await caseworker.get(`/services/${HELPLINE.id}`)).status).toBe(200);
    expect((await caseworker.get(`/services/${baghdad}`)).status).toBe(403);
    // A scope holds the listings in or below its areas: a region-wide listing, like a national one,
    // is in the region's scope, not in one governorate's.
    const erbilOnly = await signedIn('caseworker', { areas: ['IQG11'] });
    expect((await erbilOnly.get(`/services/${erbil}`)).status).toBe(200);
    expect((await erbilOnly.get(`/services/${HELPLINE.id}`)).status).toBe(403);
    // The region is a place to narrow a coordinator's work queue to.
    const coordinator = await signedIn('coordinator', { areas: [REGION] });
    const queue = await coordinator.get(`/queue?area=${REGION}`);
    expect(queue.status, queue.text).toBe(200);
  });

  it('a pin in Erbil city lands in its subdistrict, never in the region that also contains it', async () => {
    const admin = await signedIn('admin');
    const organisation = (await env.DB.prepare('SELECT id FROM organisations ORDER BY id LIMIT 1').first<{
      id: string;
    }>())!.id;
    const pinned = await admin.post(`/organisations/${organisation}/locations`, {
      lon: 44.0089,
      lat: 36.1911,
      names: { en: 'Pinned office in Erbil' },
    });
    expect(pinned.status, pinned.text).toBe(201);
    expect(pinned.body.area_pcode).toMatch(/^IQG11Q02N\d+$/);
  });
});

describe('the region on the pages', () => {
  it('the breadcrumb of an Erbil subdistrict goes through the Kurdistan Region, in every language', async () => {
    for (const [lang, region] of [
      ['en', 'Kurdistan Region'],
      ['ar', 'إقليم كوردستان'],
      ['ckb', 'هەرێمی کوردستان'],
      ['kmr', 'هەرێما کوردستانێ'],
    ]) {
      const page = await get(`/a/IQG11Q02N02?lang=${lang}`);
      expect(page.status).toBe(200);
      const crumbs = element(page.text, 'class="breadcrumbs"')!;
      const links = [...crumbs.matchAll(/href="\/a\/([^"?]+)/g)].map((m) => m[1]);
      expect({ lang, links }).toEqual({ lang, links: ['IQ', REGION, 'IQG11', 'IQG11Q02'] });
      expect(textOf(crumbs)).toContain(region);
    }
  });

  it('Iraq’s page and the home page offer the region above the governorates, and the region page offers its governorates', async () => {
    const iraq = await get('/a/IQ?lang=en');
    const picker = element(iraq.text, 'class="area-picker"')!;
    const links = [...picker.matchAll(/href="\/a\/([^"?]+)/g)].map((m) => m[1]);
    expect(links[0]).toBe(REGION);
    expect(links).toContain('IQG08');
    for (const g of GOVERNORATES) expect(links).not.toContain(g);

    const home = await get('/?lang=ckb');
    const homeLinks = [...element(home.text, 'aria-labelledby="choose-iq"')!.matchAll(/href="\/a\/([^"?]+)/g)].map(
      (m) => m[1],
    );
    expect(homeLinks[0]).toBe(REGION);
    for (const g of GOVERNORATES) expect(homeLinks).toContain(g);

    for (const [lang, heading] of [
      ['en', 'Choose a governorate'],
      ['es', 'Elige una gobernación'],
    ]) {
      const region = await get(`/a/${REGION}?lang=${lang}`);
      const regionPicker = element(region.text, 'class="area-picker"')!;
      expect(textOf(regionPicker)).toContain(heading);
      expect([...regionPicker.matchAll(/href="\/a\/([^"?]+)/g)].map((m) => m[1]).sort()).toEqual(GOVERNORATES);
    }
  });
});

describe('a database seeded before the region', () => {
  it('gains the region exactly as a fresh seed builds it, by the migration', async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes('kurdistan_region'))!;
    expect(migration.queries.length).toBeGreaterThan(0);
    const snapshot = async () => ({
      areas: (await env.DB.prepare('SELECT * FROM areas ORDER BY pcode').all()).results,
      boundary: JSON.parse(
        (
          await env.DB.prepare("SELECT geometry FROM area_boundaries WHERE pcode = 'IQ-KR'").first<{
            geometry: string;
          }>()
        )?.geometry ?? 'null',
      ),
      search: await env.DB.prepare("SELECT pcode, body, skeletons FROM area_search WHERE pcode = 'IQ-KR'").first(),
      coverage: (
        await env.DB.prepare(
          "SELECT service_id, area_path FROM service_coverage WHERE area_path <> '/IQ/IQ-KR/' " +
            'ORDER BY service_id, area_path',
        ).all()
      ).results,
    });
    const seeded = await snapshot();
    expect(seeded.boundary?.type).toBe('MultiPolygon');

    // The state before the region: paths from Iraq straight to the governorates, no region rows,
    // and nothing attached to the region (the region's pathway back at Erbil for the moment).
    const back = (column: string, table: string) =>
      env.DB.prepare(
        `UPDATE ${table} SET ${column} = '/IQ/' || substr(${column}, 11) WHERE ${column} LIKE '/IQ/IQ-KR/%/'`,
      );
    await env.DB.batch([
      env.DB.prepare("DELETE FROM service_coverage WHERE area_path = '/IQ/IQ-KR/'"),
      env.DB.prepare("UPDATE pathways SET area_pcode = 'IQG11' WHERE area_pcode = 'IQ-KR'"),
      env.DB.prepare("DELETE FROM service_areas WHERE area_pcode = 'IQ-KR'"),
      env.DB.prepare("DELETE FROM area_boundaries WHERE pcode = 'IQ-KR'"),
      env.DB.prepare("DELETE FROM area_search WHERE pcode = 'IQ-KR'"),
      env.DB.prepare("UPDATE areas SET parent_pcode = 'IQ' WHERE parent_pcode = 'IQ-KR'"),
      env.DB.prepare("DELETE FROM areas WHERE pcode = 'IQ-KR'"),
      back('path', 'areas'),
      back('area_path', 'service_coverage'),
    ]);
    expect(await pathOf('IQG11Q02')).toBe('/IQ/IQG11/IQG11Q02/');

    await env.DB.batch(migration.queries.map((q) => env.DB.prepare(q)));
    expect(await snapshot()).toEqual(seeded);
    // Run again, it changes nothing.
    await env.DB.batch(migration.queries.map((q) => env.DB.prepare(q)));
    expect(await snapshot()).toEqual(seeded);
  });
});
