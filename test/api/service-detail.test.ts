import { describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';

const sample = sampleDirectory(new Date()).services;
const byName = (name: string) => sample.find((s: { names: { en?: string } }) => s.names.en === name)!;

describe('GET /api/v1/services/{id}', () => {
  it('gives everything public a referral needs (S7)', async () => {
    const service = byName('Legal aid, Duhok (sample)');
    const { status, body } = await get(`/api/v1/services/${service.id}?lang=en`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: service.id,
      country: 'IQ',
      time_zone: 'Asia/Baghdad',
      name: { text: 'Legal aid, Duhok (sample)', lang: 'en' },
      is_sample: true,
      cost: service.costKind,
      female_staff: service.femaleStaff,
      anonymous_reporting: service.anonymousReporting,
      eligibility: { gender: service.eligibleGender, min_age: service.minAge, max_age: service.maxAge },
      languages: service.languages,
      service_areas: expect.any(Array),
      source: { description: expect.any(String) },
    });
    expect(body.after_contact?.text).toEqual(expect.any(String));
    expect(body.verification).toMatchObject({
      status: expect.stringMatching(/verified|overdue|unverified/),
      freshness: expect.any(String),
    });
    expect(body.contact_routes.length).toBeGreaterThan(0);
    for (const route of body.contact_routes) {
      expect(route.hours.state).toMatch(/^(open|closed|unknown)$/);
      if (route.kind === 'phone' || route.kind === 'hotline') expect(route.href).toMatch(/^tel:\+?\d+$/);
    }
  });

  it('a current closure closes the service and says until when and why (M5)', async () => {
    const service = byName('Case management, Al-Karkh (sample)');
    const closure = service.closures[0];
    const { body } = await get(`/api/v1/services/${service.id}?lang=en`);
    expect(body.hours).toMatchObject({ state: 'closed', closed_by: closure.id });
    expect(body.closures).toEqual([
      {
        id: closure.id,
        starts_at: expect.any(String),
        ends_at: expect.any(String),
        closes: true,
        reason: { text: 'Official heat-day closure (sample)', lang: 'en' },
      },
    ]);
    const [{ starts_at, ends_at }] = body.closures;
    expect(Date.parse(starts_at)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(ends_at)).toBeGreaterThan(Date.now());
    // It reopens when the closure is over, not at the weekly rule's next change inside it.
    expect(Date.parse(body.hours.next_change)).toBeGreaterThanOrEqual(Date.parse(ends_at));
    for (const route of body.contact_routes) expect(route.hours.state).not.toBe('open');
  });

  it('an expired closure is gone and an upcoming one is announced without closing the service now', async () => {
    const mosul = byName('Case management and psychosocial support, Mosul (sample)');
    expect((await get(`/api/v1/services/${mosul.id}`)).body.closures).toEqual([]);
    const zakho = byName('Case management, Zakho (sample)');
    const { body } = await get(`/api/v1/services/${zakho.id}?lang=ckb`);
    expect(body.closures).toHaveLength(1);
    expect(body.closures[0].reason).toEqual({ text: 'پشووی جەژن (نموونە)', lang: 'ckb' });
    expect(body.hours.closed_by).toBeNull();
  });

  it('a route alert informs without closing the route', async () => {
    const quetzal = byName('Quetzal 24-hour line (sample)');
    const { body } = await get(`/api/v1/services/${quetzal.id}?lang=es`);
    expect(body.hours).toMatchObject({ state: 'open', always_open: true });
    expect(body.closures[0]).toMatchObject({ closes: false, reason: { lang: 'es' } });
  });

  it('a 24-hour hotline says it is always open, with no next change', async () => {
    const noor = byName('Noor 24-hour helpline (sample)');
    const { body } = await get(`/api/v1/services/${noor.id}`);
    expect(body.is_priority_channel).toBe(true);
    const hotline = body.contact_routes.find((r: { opening_hours: string }) => r.opening_hours === '24/7');
    expect(hotline.hours).toMatchObject({ state: 'open', always_open: true, next_change: null });
  });

  it('an office route tells the next change as wall time in Baghdad', async () => {
    const karbala = byName('Legal aid, Karbala (sample)');
    const { body } = await get(`/api/v1/services/${karbala.id}`);
    const office = body.contact_routes.find((r: { opening_hours: string | null }) =>
      /^Su-Th \d\d:\d\d-\d\d:\d\d$/.test(r.opening_hours ?? ''),
    );
    expect(office).toBeDefined();
    const [opens, closes] = office.opening_hours.slice(6).split('-');
    const next = office.hours.next_change_local;
    expect([opens, closes]).toContain(next.time);
    expect(next.weekday).toBeLessThanOrEqual(4); // Sunday to Thursday
    // The wall time is Baghdad's: UTC+3.
    const utc = new Date(office.hours.next_change);
    expect((utc.getUTCHours() + 3) % 24).toBe(Number(next.time.slice(0, 2)));
  });

  it('the publicly documented national channels are shown as unverified, with no source until a public one is recorded', async () => {
    const police = sample.find((s: { names: { en?: string } }) => s.names.en?.includes('497'))!;
    const { body } = await get(`/api/v1/services/${police.id}?lang=en`);
    expect(body.verification).toMatchObject({ status: 'unverified', freshness: 'unverified', last_verified_at: null });
    expect(body.source).toEqual({ description: null, url: null, date: null });
    expect(body.contact_routes.map((r: { value: string }) => r.value).sort()).toEqual(['497', '533']);
    expect(body.contact_routes.map((r: { href: string }) => r.href).sort()).toEqual(['tel:497', 'tel:533']);
  });

  it('drafts and closed services are not found', async () => {
    for (const status of ['draft', 'closed']) {
      const hidden = sample.find((s: { status: string }) => s.status === status)!;
      const response = await get(`/api/v1/services/${hidden.id}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('Content-Type')).toMatch(/problem\+json/);
    }
  });
});

describe('GET /api/v1/service-types', () => {
  it('names every type in all five languages and marks the priority channels', async () => {
    const { body } = await get('/api/v1/service-types?lang=kmr');
    const ids = body.items.map((t: { id: string }) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'hotline',
        'police',
        'community_police',
        'cybercrime_unit',
        'early_warning_unit',
        'mhpss',
        'legal_aid',
        'cash_assistance',
        'shelter',
        'health',
        'safe_space',
        'digital_security',
        'case_management',
      ]),
    );
    for (const type of body.items) {
      expect(Object.keys(type.names).sort()).toEqual(['ar', 'ckb', 'en', 'es', 'kmr']);
      expect(type.name.lang).toBe('kmr');
    }
    const hotline = body.items.find((t: { id: string }) => t.id === 'hotline');
    expect(hotline).toMatchObject({ is_priority_channel: true, verification_cycle_days: 30 });
    expect(body.items.find((t: { id: string }) => t.id === 'cybercrime_unit').parent_id).toBe('police');
  });
});

describe('GET /api/v1/map/services', () => {
  it('gives one point per public location, with the service type for colouring', async () => {
    const { status, headers, body } = await get('/api/v1/map/services?area=IQG12&lang=en');
    expect(status).toBe(200);
    expect(headers.get('Content-Type')).toMatch(/geo\+json/);
    expect(body.features.length).toBeGreaterThan(3);
    for (const f of body.features) {
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = f.geometry.coordinates;
      // Karbala governorate's box.
      expect(lon).toBeGreaterThan(43);
      expect(lon).toBeLessThan(44.6);
      expect(lat).toBeGreaterThan(32);
      expect(lat).toBeLessThan(33.2);
      expect(f.properties.service_type).toEqual(expect.any(String));
      expect(f.properties.area_pcode.startsWith('IQG12')).toBe(true);
      expect(f.properties.area_name).toMatch(/Kerbela|Karbala|Hassainya|Hindiya|Ain Al-Tamur|Jadwal/);
    }
    const hotlines = body.features.filter(
      (f: { properties: { is_priority_channel: boolean } }) => f.properties.is_priority_channel,
    );
    expect(hotlines.length).toBeGreaterThan(0);
    expect(hotlines.length).toBeLessThan(body.features.length);
  });
});
