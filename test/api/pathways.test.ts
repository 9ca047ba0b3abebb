import { env } from 'cloudflare:workers';
import { refreshDocuments, servicesWithoutDocument } from '../../api/admin/edit/listing-index.ts';
import { describe, expect, it } from 'vitest';
import { getArea } from '../../api/queries/areas.ts';
import { areaScope } from '../../api/queries/area-paths.ts';
import { resolveSteps } from '../../api/queries/pathways.ts';
import { allServiceTypes } from '../../api/queries/service-types.ts';
import { database } from '../../db/client.ts';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { PATHWAY_MARKERS, samplePathways, sampleReferralLinks } from '../../db/seed/sample-pathways.mjs';
import { get } from '../support/http.ts';
import { instrumentedDb, queryPlan } from '../support/instrumented-db.ts';

const pathways = samplePathways(new Date());
const pathwayOf = (key: string) => pathways.find((p: { key: string }) => p.key === key)!;
const QAYYARAH = pathwayOf('qayyarah-digital-extortion');
const NINEWA = pathwayOf('ninewa-digital-extortion');
const KARBALA = pathwayOf('karbala-digital-extortion');
const GUATEMALA = pathwayOf('guatemala-digital-extortion');
const services = sampleDirectory(new Date()).services;
const serviceOf = (key: string) => services.find((s: { key: string }) => s.key === key)!;

/** Every area at or below `pcode`, with its path, straight from the database. */
async function areasUnder(pcode: string): Promise<Array<{ pcode: string; path: string }>> {
  const root = await env.DB.prepare('SELECT path FROM areas WHERE pcode = ?').bind(pcode).first<{ path: string }>();
  const rows = await env.DB.prepare('SELECT pcode, path FROM areas WHERE path >= ? AND path < ? ORDER BY path')
    .bind(root!.path, `${root!.path}\u{10FFFF}`)
    .all<{ pcode: string; path: string }>();
  return rows.results;
}

/** The paths a service covers (service_coverage), by service id. */
async function coverageOf(ids: string[]): Promise<Map<string, string[]>> {
  const rows = await env.DB.prepare(
    'SELECT service_id, area_path FROM service_coverage WHERE service_id IN (SELECT value FROM json_each(?))',
  )
    .bind(JSON.stringify(ids))
    .all<{ service_id: string; area_path: string }>();
  const map = new Map<string, string[]>();
  for (const r of rows.results) map.set(r.service_id, [...(map.get(r.service_id) ?? []), r.area_path]);
  return map;
}

interface StepBody {
  position: number;
  kind: string;
  services: Array<{ id: string; is_priority_channel: boolean; hours: { state: string } }>;
}

describe('GET /api/v1/concerns', () => {
  it('lists the five concerns with names in the language asked for', async () => {
    for (const lang of ['ar', 'ckb', 'kmr', 'en', 'es']) {
      const { status, body } = await get(`/api/v1/concerns?lang=${lang}`);
      expect(status).toBe(200);
      expect(body.items.map((c: { id: string }) => c.id)).toEqual([
        'digital_extortion',
        'online_harassment',
        'online_child_sexual_abuse',
        'domestic_violence',
        'sexual_violence',
      ]);
      for (const c of body.items) expect(c.name.lang).toBe(lang);
    }
  });
});

describe('which pathway holds in an area', () => {
  it('every area of Ninewa follows the Ninewa pathway, except Qayyarah, which has its own', async () => {
    const areas = await areasUnder('IQG15');
    expect(areas.length).toBeGreaterThan(10);
    for (const area of areas) {
      const { status, body } = await get(`/api/v1/pathways?area=${area.pcode}&concern=digital_extortion&lang=en`);
      expect(status).toBe(200);
      const own = area.pcode === 'IQG15Q05N01';
      expect({ area: area.pcode, ids: body.items.map((p: { id: string }) => p.id) }).toEqual({
        area: area.pcode,
        ids: [own ? QAYYARAH.id : NINEWA.id],
      });
      expect(body.items[0]).toMatchObject({
        defined_at: { pcode: own ? 'IQG15Q05N01' : 'IQG15' },
        inherited: area.pcode !== (own ? 'IQG15Q05N01' : 'IQG15'),
        is_sample: true,
        concern: { id: 'digital_extortion' },
      });
    }
  });

  it('every area of Karbala follows the Karbala pathway', async () => {
    const areas = await areasUnder('IQG12');
    expect(areas.length).toBe(9);
    for (const area of areas) {
      const { body } = await get(`/api/v1/pathways?area=${area.pcode}`);
      expect({ area: area.pcode, ids: body.items.map((p: { id: string }) => p.id) }).toEqual({
        area: area.pcode,
        ids: [KARBALA.id],
      });
    }
  });

  it('an area with no pathway anywhere above it gets none, and a country-wide pathway holds everywhere in it', async () => {
    const baghdad = await get('/api/v1/pathways?area=IQG08');
    expect(baghdad.status).toBe(200);
    expect(baghdad.body.items).toEqual([]);
    const coban = await get('/api/v1/pathways?area=GT1601&lang=es');
    expect(coban.body.items.map((p: { id: string }) => p.id)).toEqual([GUATEMALA.id]);
    expect(coban.body.items[0]).toMatchObject({ inherited: true, defined_at: { pcode: 'GT' } });
    expect(coban.body.items[0].name.lang).toBe('es');
  });

  it('a Karbala pathway with no public source says so rather than naming one', async () => {
    const { body } = await get(`/api/v1/pathways?area=IQG12`);
    expect(body.items[0].source).toEqual({ description: null, url: null, date: null });
  });
});

describe('GET /api/v1/pathways/{id}', () => {
  it('gives the steps in order, each with what happens and the choices a person has', async () => {
    const { status, body } = await get(`/api/v1/pathways/${QAYYARAH.id}?area=IQG15Q05N01&lang=ar`);
    expect(status).toBe(200);
    expect(body.steps.map((s: StepBody) => [s.position, s.kind])).toEqual(
      QAYYARAH.steps.map((s: { position: number; kind: string }) => [s.position, s.kind]),
    );
    const report = body.steps.find((s: StepBody) => s.kind === 'report');
    expect(report.what_happens.lang).toBe('ar');
    expect(report.choices.map((c: { code: string }) => c.code)).toEqual([
      'anonymous',
      'female_officer',
      'someone_with_you',
    ]);
  });

  it("each step's services are published listings relevant in the area, hotlines and official channels first", async () => {
    for (const [pathway, areaCode] of [
      [QAYYARAH, 'IQG15Q05N01'],
      [NINEWA, 'IQG15Q05N02'],
      [KARBALA, 'IQG12Q03N01'],
      [KARBALA, 'IQG12'],
      [GUATEMALA, 'GT1601'],
    ] as const) {
      const { status, body } = await get(`/api/v1/pathways/${pathway.id}?area=${areaCode}&lang=en`);
      expect(status).toBe(200);
      const area = (await getArea(database(env.DB), areaCode))!;
      const ids = body.steps.flatMap((s: StepBody) => s.services.map((x) => x.id));
      expect(ids.length).toBeGreaterThan(0);
      const coverage = await coverageOf(ids);
      for (const id of ids) {
        const paths = coverage.get(id) ?? [];
        const relevant = paths.some((p) => area.path.startsWith(p) || p.startsWith(area.path));
        expect({ area: areaCode, id, relevant }).toEqual({ area: areaCode, id, relevant: true });
      }
      for (const step of body.steps as StepBody[]) {
        const flags = step.services.map((x) => x.is_priority_channel);
        expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
      }
    }
  });

  it('in Qayyarah the report step lists the Community Police and the National Security Service, and an NGO offers to come along', async () => {
    const { body } = await get(`/api/v1/pathways/${QAYYARAH.id}?area=IQG15Q05N01&lang=en`);
    const report = body.steps.find((s: StepBody) => s.kind === 'report');
    const reportIds = report.services.map((s: { id: string }) => s.id);
    expect(reportIds).toEqual(
      expect.arrayContaining([serviceOf('iq-community-police').id, serviceOf('iq-national-security-131').id]),
    );
    const accompany = body.steps.find((s: StepBody) => s.position === 4);
    expect(accompany.services).toEqual([
      expect.objectContaining({
        id: serviceOf('sanad-qayyarah-accompaniment').id,
        accompaniment: 'yes',
        safe_place_meeting: 'yes',
        passes_on_without_identity: 'yes',
      }),
    ]);
  });

  it("a subdistrict sees its own early-warning unit, not the other subdistricts'; the governorate sees all of them", async () => {
    const unit = (pcode: string) => serviceOf(`karbala-early-warning-${pcode}`).id;
    const reportIds = async (area: string) => {
      const { body } = await get(`/api/v1/pathways/${KARBALA.id}?area=${area}`);
      return body.steps[0].services.map((s: { id: string }) => s.id);
    };
    const centre = await reportIds('IQG12Q03N01');
    expect(centre).toContain(unit('IQG12Q03N01'));
    expect(centre).not.toContain(unit('IQG12Q01N01'));
    const governorate = await reportIds('IQG12');
    for (const pcode of ['IQG12Q01N01', 'IQG12Q02N01', 'IQG12Q02N02', 'IQG12Q03N01', 'IQG12Q03N02']) {
      expect(governorate).toContain(unit(pcode));
    }
  });

  it('a service named on a step is left out where it does not serve the area', async () => {
    const dmm = (pcode: string) => serviceOf(`gt-dmm-${pcode}`).id;
    const { body } = await get(`/api/v1/pathways/${GUATEMALA.id}?area=GT1601&lang=es`);
    const first = body.steps[0].services.map((s: { id: string }) => s.id);
    expect(first).toContain(dmm('GT1601'));
    expect(first).not.toContain(dmm('GT0401'));
    const kinds = body.steps.map((s: StepBody) => s.kind);
    expect(kinds.indexOf('report')).toBeLessThan(kinds.indexOf('forensic_examination'));
    expect(kinds.indexOf('forensic_examination')).toBeLessThan(kinds.indexOf('investigation'));
  });

  it('a withdrawn pathway is not found, and its area falls back to the next one up', async () => {
    await env.DB.prepare("UPDATE pathways SET status = 'withdrawn' WHERE id = ?").bind(QAYYARAH.id).run();
    try {
      expect((await get(`/api/v1/pathways/${QAYYARAH.id}`)).status).toBe(404);
      const { body } = await get('/api/v1/pathways?area=IQG15Q05N01&concern=digital_extortion');
      expect(body.items.map((p: { id: string }) => p.id)).toEqual([NINEWA.id]);
    } finally {
      await env.DB.prepare("UPDATE pathways SET status = 'published' WHERE id = ?").bind(QAYYARAH.id).run();
    }
  });
});

describe('"receives cases from"', () => {
  it('the Technologies and Informatics Department shows which units it receives cases from, and each unit where it passes them', async () => {
    const department = serviceOf('karbala-technologies-informatics');
    const expected = sampleReferralLinks()
      .filter((l: { toServiceId: string }) => l.toServiceId === department.id)
      .map((l: { fromServiceId: string }) => l.fromServiceId);
    expect(expected.length).toBe(5);
    const { body } = await get(`/api/v1/services/${department.id}?lang=en`);
    expect(body.receives_cases_from.map((l: { service: { id: string } }) => l.service.id).sort()).toEqual(
      [...expected].sort(),
    );
    expect(body.passes_cases_to).toEqual([]);
    const unit = await get(`/api/v1/services/${expected[0]}?lang=en`);
    expect(unit.body.passes_cases_to).toEqual([
      {
        service: { id: department.id, name: expect.objectContaining({ lang: 'en' }) },
        note: expect.objectContaining({ lang: 'en' }),
      },
    ]);
  });

  it('a link to a service that is not published is not shown', async () => {
    const department = serviceOf('karbala-technologies-informatics');
    const unit = serviceOf('karbala-early-warning-IQG12Q01N01');
    await env.DB.prepare("UPDATE services SET status = 'draft' WHERE id = ?").bind(unit.id).run();
    try {
      const { body } = await get(`/api/v1/services/${department.id}`);
      expect(body.receives_cases_from.map((l: { service: { id: string } }) => l.service.id)).not.toContain(unit.id);
      expect(body.receives_cases_from.length).toBe(4);
    } finally {
      await env.DB.prepare("UPDATE services SET status = 'published' WHERE id = ?").bind(unit.id).run();
    }
  });
});

describe('practitioner-only step details', () => {
  it('are stored, and no pathway answer in any language contains them', async () => {
    const stored = await env.DB.prepare('SELECT focal_point, intake_route FROM pathway_step_referral_details').all();
    expect(JSON.stringify(stored.results)).toContain('PRACTITIONER-ONLY');
    for (const lang of ['ar', 'ckb', 'kmr', 'en', 'es']) {
      for (const p of pathways) {
        const texts = [
          (await get(`/api/v1/pathways/${p.id}?lang=${lang}`)).text,
          (await get(`/api/v1/pathways?area=${p.areaPcode}&lang=${lang}`)).text,
        ];
        for (const marker of PATHWAY_MARKERS) {
          for (const text of texts) expect(text.includes(marker), `${p.key} ${lang} ${marker}`).toBe(false);
        }
      }
    }
  });
});

describe('bad input', () => {
  it.each([
    ['/api/v1/pathways', 'query', 'area'],
    ['/api/v1/pathways?area=nowhere', 'query', 'area'],
    ['/api/v1/pathways?area=IQZZ99', 'query', 'area'],
    ['/api/v1/pathways?area=IQG15&concern=Not%20one', 'query', 'concern'],
    ['/api/v1/pathways?area=IQG15&concern=no_such_concern', 'query', 'concern'],
    ['/api/v1/pathways/not-a-uuid', 'path', 'id'],
    ['/api/v1/pathways/00000000-0000-4000-8000-000000000000?area=bad!', 'query', 'area'],
    [`/api/v1/pathways/${KARBALA.id}?area=IQG15`, 'query', 'area'],
    [`/api/v1/pathways/${KARBALA.id}?area=IQZZ99`, 'query', 'area'],
  ])('%s is a problem naming %s %s', async (path, where, name) => {
    const { status, headers, body } = await get(path);
    expect(status).toBe(400);
    expect(headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ in: where, name })]));
  });

  it('an unknown pathway id is a 404 problem', async () => {
    const { status, headers } = await get('/api/v1/pathways/00000000-0000-4000-8000-000000000000');
    expect(status).toBe(404);
    expect(headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  });
});

describe('query cost', () => {
  it('resolving a pathway costs the same few queries for a subdistrict and its whole governorate, none scanning a table', async () => {
    // Tests above write straight into the database, which drops documents (their services are then
    // read live, a few queries more): stored again first, as the scheduled job does.
    await refreshDocuments(database(env.DB), await servicesWithoutDocument(database(env.DB), 1000));
    const types = await allServiceTypes(database(env.DB));
    const counts: number[] = [];
    for (const pcode of ['IQG12Q01N01', 'IQG12']) {
      const area = (await getArea(database(env.DB), pcode))!;
      const { db, recorded } = instrumentedDb(env.DB);
      const steps = await resolveSteps(db, KARBALA.id, areaScope(area.path), types, new Date());
      expect(steps.length).toBe(KARBALA.steps.length);
      counts.push(recorded.length);
      for (const statement of recorded) {
        const plan = await queryPlan(env.DB, statement);
        const scans = plan.filter((line) => /^SCAN (?!json_each|page\b|scope\b)/.test(line));
        expect({ sql: statement.sql, scans }).toEqual({ sql: statement.sql, scans: [] });
      }
    }
    expect(counts[0]).toBe(counts[1]);
    // Five queries, one of them reading every named and found service's stored document.
    expect(counts[0]).toBeLessThanOrEqual(5);
  });
});

describe('accompaniment, a safe meeting place and passing a case on without the name are filterable facts', () => {
  it('a filter keeps only services that say yes; the hotlines it leaves out say the fact is unknown', async () => {
    const sanad = serviceOf('sanad-qayyarah-accompaniment').id;
    for (const filter of ['accompaniment', 'safe_place_meeting', 'without_identity']) {
      const { status, body } = await get(`/api/v1/services?area=IQG15Q05N01&${filter}=true&limit=100`);
      expect(status).toBe(200);
      const ids = body.items.map((s: { id: string }) => s.id);
      expect(ids).toContain(sanad);
      const field = filter === 'without_identity' ? 'passes_on_without_identity' : filter;
      for (const item of body.items) expect(item[field]).toBe('yes');
      const police = body.priority_channels_left_out.find(
        (s: { id: string }) => s.id === serviceOf('iq-community-police').id,
      );
      expect(police.unmet_filters).toEqual([{ filter, reason: 'unknown' }]);
    }
  });
});
