import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { allPages, get } from '../support/http.ts';
import { baghdadMoment, FRIDAY, SUNDAY } from '../support/time.ts';

interface Item {
  id: string;
  name: { text: string; lang: string } | null;
  service_types: Array<{ id: string }>;
  is_priority_channel: boolean;
  cost: string;
  female_staff: string;
  anonymous_reporting: string;
  eligibility: { gender: string; min_age: number | null; max_age: number | null };
  languages: string[];
  accessibility: string[];
  verification: { status: string; freshness: string; last_verified_at: string | null };
  hours: { state: string };
  distance_km: number | null;
  locations: Array<{ area_pcode: string; lat: number | null; lon: number | null }>;
}

const names = (items: Item[]) => items.map((i) => i.name?.text ?? '');
const list = async (query: string) =>
  (await get<{ items: Item[]; total: number }>(`/api/v1/services?lang=en&limit=100&${query}`)).body;

describe('GET /api/v1/services by area', () => {
  it("a subdistrict listing includes its own services, its district's, and national and governorate-wide channels", async () => {
    const { items } = await list('area=IQG15Q05N01');
    const found = names(items);
    expect(found).toContain('Women and girls centre, Qayyarah (sample)'); // located in the subdistrict
    expect(found).toContain('Legal aid, Mosul (sample)'); // located in the district
    expect(found).toContain('Noor 24-hour helpline (sample)'); // service area: Ninewa governorate
    expect(found).toContain('Community Police (497 and 533)'); // service area: all of Iraq
    expect(found).not.toContain('Legal aid, Karbala (sample)');
    expect(found).not.toContain('Helpline 119 (Kurdistan Region)'); // covers KRI only
  });

  it('a governorate listing includes the services of all its districts and subdistricts', async () => {
    const { items } = await list('area=IQG15');
    const found = names(items);
    expect(found).toContain('Women and girls centre, Qayyarah (sample)');
    expect(found).toContain('Health centre, Hammam Al-Alil (sample)');
    expect(found).toContain('Community outreach team, Sinjar (sample)');
    expect(found).not.toContain('Legal aid, Duhok (sample)');
  });

  it('a Kurdistan Region listing includes the 119 helpline and a Guatemalan one the national lines of Guatemala', async () => {
    expect(names((await list('area=IQG09Q04')).items)).toContain('Helpline 119 (Kurdistan Region)');
    const guatemala = names((await list('area=GT0401')).items);
    expect(guatemala).toEqual(
      expect.arrayContaining([
        'National Civil Police (110)',
        'Public Prosecutor’s Office (1572)',
        'Legal aid, Chimaltenango (sample)',
      ]),
    );
    expect(guatemala).not.toContain('Community Police (497 and 533)');
  });

  it('never lists drafts or closed services', async () => {
    const all = await allPages<Item>('/api/v1/services?lang=en', 50);
    const published = await env.DB.prepare("SELECT count(*) AS n FROM services WHERE status = 'published'").first<{
      n: number;
    }>();
    expect(all).toHaveLength(published!.n);
    expect(names(all).join('|')).not.toMatch(/draft|Roj/i);
  });
});

describe('GET /api/v1/services: hotlines first, stale below fresh (S12, C2)', () => {
  it.each(['IQG12', 'IQG15Q05N01', 'IQG11Q02', 'GT16'])(
    'in %s, every priority channel comes before every other service',
    async (area) => {
      const { items } = await list(`area=${area}`);
      const firstOther = items.findIndex((i) => !i.is_priority_channel);
      expect(firstOther).toBeGreaterThan(0);
      expect(items.slice(firstOther).some((i) => i.is_priority_channel)).toBe(false);
    },
  );

  it('within each group, fresh listings come before overdue, stale, very stale and unverified ones', async () => {
    const rank = { fresh: 0, overdue: 1, stale: 2, very_stale: 3, unverified: 4 } as Record<string, number>;
    for (const area of ['IQG12', 'IQG15', 'IQG11', 'IQ']) {
      const { items } = await list(`area=${area}`);
      for (const group of [true, false]) {
        const ranks = items.filter((i) => i.is_priority_channel === group).map((i) => rank[i.verification.freshness]!);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }
    }
  });

  it('shows a listing verified 400 days ago as very stale and overdue', async () => {
    const karbala = (await list('area=IQG12')).items.find((i) => i.name?.text === 'Legal aid, Karbala (sample)')!;
    expect(karbala.verification).toMatchObject({ freshness: 'very_stale', status: 'overdue' });
  });
});

describe('GET /api/v1/services filters', () => {
  it('type narrows to the type and its sub-types', async () => {
    const police = (await list('type=police')).items;
    const types = new Set(police.flatMap((i) => i.service_types.map((t) => t.id)));
    expect(types).toEqual(
      new Set(['police', 'community_police', 'cybercrime_unit', 'early_warning_unit', 'national_security']),
    );
    const legal = (await list('type=legal_aid&area=IQG15')).items;
    expect(names(legal)).toEqual(['Legal aid, Mosul (sample)']);
  });

  it('several types are a union', async () => {
    const both = (await list('type=shelter,cash_assistance')).items;
    expect(names(both).sort()).toEqual([
      'Dar Al-Aman shelter, Erbil (sample)',
      'Protection cash assistance, Al-Karkh (sample)',
      'Support for survivors of online violence, SEED Foundation',
    ]);
  });

  // Each filter keeps exactly the services of the unfiltered listing that satisfy it.
  const everything = () => allPages<Item>('/api/v1/services?lang=en', 50);
  it.each<[string, (i: Item) => boolean]>([
    ['female_staff=true', (i) => i.female_staff === 'yes' || i.female_staff === 'on_request'],
    ['free=true', (i) => i.cost === 'free'],
    ['anonymous=true', (i) => i.anonymous_reporting === 'yes'],
    ['gender=female', (i) => i.eligibility.gender === 'any' || i.eligibility.gender === 'women'],
    ['gender=male', (i) => i.eligibility.gender === 'any' || i.eligibility.gender === 'men'],
    ['age=15', (i) => (i.eligibility.min_age ?? 0) <= 15 && (i.eligibility.max_age ?? 999) >= 15],
    ['age=30', (i) => (i.eligibility.min_age ?? 0) <= 30 && (i.eligibility.max_age ?? 999) >= 30],
    ['language=kmr', (i) => i.languages.includes('kmr')],
    ['language=es', (i) => i.languages.includes('es')],
    ['accessibility=wheelchair', (i) => i.accessibility.includes('wheelchair')],
    [
      'accessibility=childcare,wheelchair',
      (i) => i.accessibility.includes('childcare') && i.accessibility.includes('wheelchair'),
    ],
    ['country=GT', (i) => i.languages.includes('es') || i.name!.text.includes('1572') || i.name!.text.includes('110')],
  ])('%s', async (filter, keep) => {
    const all = await everything();
    const filtered = await allPages<Item>(`/api/v1/services?lang=en&${filter}`, 50);
    const expected = all
      .filter(keep)
      .map((i) => i.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(filtered.map((i) => i.id).sort()).toEqual(expected);
  });

  it('combines filters: free legal aid with female staff for a woman of 30 in Baghdad', async () => {
    const { items } = await list('area=IQG08&type=legal_aid&free=true&female_staff=true&gender=female&age=30');
    expect(names(items)).toEqual([]); // the Al-Risafa legal clinic's cost varies
    const varies = await list('area=IQG08&type=legal_aid&female_staff=true&gender=female&age=30');
    expect(names(varies.items)).toEqual(['Legal clinic, Al-Risafa (sample)']);
  });

  it('a youth service appears for a 15-year-old and not for a 30-year-old', async () => {
    const young = names((await list('area=IQG15Q05&age=15')).items);
    const adult = names((await list('area=IQG15Q05&age=30')).items);
    expect(young).toContain('Online safety for young people (12–17), Mosul (sample)');
    expect(adult).not.toContain('Online safety for young people (12–17), Mosul (sample)');
  });
});

describe('GET /api/v1/services open now / open at (S8)', () => {
  it('on a Sunday at 10:00 in Baghdad, a Sunday–Thursday office is open; on Friday it is not', async () => {
    const sunday = names((await list(`area=IQG12&open_at=${baghdadMoment(SUNDAY, '10:00')}`)).items);
    const friday = names((await list(`area=IQG12&open_at=${baghdadMoment(FRIDAY, '10:00')}`)).items);
    expect(sunday).toContain('Legal aid, Karbala (sample)');
    expect(friday).not.toContain('Legal aid, Karbala (sample)');
    // 24/7 lines are open at any time.
    expect(friday).toContain('Noor 24-hour helpline (sample)');
  });

  it('at 03:00 only round-the-clock services remain, and they are all shown as open', async () => {
    const { items } = await list(`open_at=${baghdadMoment(SUNDAY, '03:00')}&country=IQ`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.hours.state === 'open')).toBe(true);
    expect(names(items)).not.toContain('Legal aid, Karbala (sample)');
  });

  it('a moment in the past sees the closures that were in force then, even if they have ended', async () => {
    const noor = (await list('area=IQG15&type=hotline')).items.find(
      (i) => i.name?.text === 'Noor 24-hour helpline (sample)',
    )!;
    const day = 86_400_000;
    const closure = crypto.randomUUID();
    await env.DB.prepare('INSERT INTO closures (id, service_id, starts_at, ends_at, closes) VALUES (?, ?, ?, ?, 1)')
      .bind(
        closure,
        noor.id,
        new Date(Date.now() - 3 * day).toISOString(),
        new Date(Date.now() - 2 * day).toISOString(),
      )
      .run();
    try {
      const during = names((await list(`area=IQG15&open_at=${new Date(Date.now() - 2.5 * day).toISOString()}`)).items);
      const after = names((await list(`area=IQG15&open_at=${new Date(Date.now() - 1.5 * day).toISOString()}`)).items);
      expect(during).not.toContain('Noor 24-hour helpline (sample)');
      expect(after).toContain('Noor 24-hour helpline (sample)');
    } finally {
      await env.DB.prepare('DELETE FROM closures WHERE id = ?').bind(closure).run();
    }
  });

  it('services with unknown hours are never claimed open', async () => {
    const { items } = await list(`open_at=${baghdadMoment(SUNDAY, '10:00')}`);
    expect(names(items)).not.toContain('Community Police (497 and 533)');
  });

  it('open_now evaluates at the current moment', async () => {
    const response = await get('/api/v1/services?open_now=true&limit=100');
    expect(response.status).toBe(200);
    expect(Math.abs(Date.parse(response.body.hours_at) - Date.now())).toBeLessThan(60_000);
    expect(response.body.items.every((i: Item) => i.hours.state === 'open')).toBe(true);
  });
});

describe('GET /api/v1/services text search (C10)', () => {
  it.each([
    ['Qayyarah', 'Women and girls centre, Qayyarah (sample)'],
    ['القياره', 'Women and girls centre, Qayyarah (sample)'],
    ['القيّارة', 'Women and girls centre, Qayyarah (sample)'],
    ['Dohuk', 'Legal aid, Duhok (sample)'],
    ['دهۆک', 'Legal aid, Duhok (sample)'],
    ['legal', 'Legal aid, Karbala (sample)'],
    ['cybercrime', 'Cybercrime unit, Al-Risafa (sample)'],
    ['blackmail', 'Cybercrime unit, Al-Risafa (sample)'],
    ['blackmail', 'Digital-security helpdesk (remote) (sample)'],
    ['ابتزاز', 'Digital-security helpdesk (remote) (sample)'],
    ['extorsión', 'Digital-security help (remote) (sample)'],
    ['Cobán', 'Ixchel Clinic, Cobán (sample)'],
    ['coban', 'Ixchel Clinic, Cobán (sample)'],
  ])('%s finds %s', async (q, expected) => {
    expect(names((await list(`q=${encodeURIComponent(q)}`)).items)).toContain(expected);
  });

  it('a text query narrows an area listing', async () => {
    const { items } = await list(`area=IQG15&q=${encodeURIComponent('legal')}`);
    expect(names(items)).toEqual(['Legal aid, Mosul (sample)']);
  });
});

describe('GET /api/v1/services near and bbox', () => {
  const erbil = '36.19,44.01';

  it('sort=distance orders by distance from the point, services without a public location last', async () => {
    const { items } = await list(`near=${erbil}&sort=distance`);
    const distances = items.map((i) => i.distance_km);
    const located = distances.filter((d): d is number => d !== null);
    expect(located).toEqual([...located].sort((a, b) => a - b));
    expect(distances.slice(located.length).every((d) => d === null)).toBe(true);
    expect(names(items.slice(0, 3)).join('|')).toMatch(/Erbil/);
  });

  it('a confidential shelter has no distance (its coordinates are never used in public)', async () => {
    const shelter = (await list(`near=${erbil}&sort=distance`)).items.find((i) =>
      i.name?.text.includes('Dar Al-Aman'),
    )!;
    expect(shelter.distance_km).toBeNull();
  });

  it('bbox keeps services with a public location inside the box', async () => {
    const { items } = await list('bbox=43.9,36.0,44.1,36.3');
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.locations.some((l) => l.lon! >= 43.9 && l.lon! <= 44.1 && l.lat! >= 36.0 && l.lat! <= 36.3)).toBe(true);
    }
    expect(names(items).some((n) => n.includes('Dar Al-Aman'))).toBe(false);
  });
});

describe('GET /api/v1/services sorting and pagination', () => {
  it.each(['relevance', 'name', 'freshness', 'distance'])(
    'sort=%s pages through every item exactly once',
    async (sort) => {
      const query = `/api/v1/services?lang=en&sort=${sort}${sort === 'distance' ? '&near=33.3,44.4' : ''}`;
      const whole = (await get(`${query}&limit=100`)).body.items.map((i: Item) => i.id);
      for (const size of [1, 4, 7]) {
        const paged = (await allPages<Item>(query, size)).map((i) => i.id);
        expect(paged).toEqual(whole);
        expect(new Set(paged).size).toBe(paged.length);
      }
    },
  );

  it('sort=name is alphabetical and sort=freshness puts the most recently verified first', async () => {
    const byName = (await list('sort=name')).items;
    const sortNames = byName.map((i) => i.name!.text.toLowerCase());
    expect(sortNames[0]! <= sortNames[sortNames.length - 1]!).toBe(true);
    const byFreshness = (await list('sort=freshness')).items.map((i) => i.verification.last_verified_at);
    const dated = byFreshness.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(byFreshness.slice(dated.length).every((d) => d === null)).toBe(true);
  });

  it('a page reports the total and no cursor on the last page', async () => {
    const first = await get('/api/v1/services?area=IQG12&limit=3');
    expect(first.body.items).toHaveLength(3);
    expect(first.body.total).toBeGreaterThan(3);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const last = await get(`/api/v1/services?area=IQG12&limit=100`);
    expect(last.body.next_cursor).toBeNull();
  });
});

describe('language negotiation', () => {
  it('?lang= wins over Accept-Language; Accept-Language decides otherwise; Arabic by default', async () => {
    const query = '/api/v1/services?area=IQG09Q02&type=legal_aid';
    expect((await get(`${query}&lang=ckb`, { 'Accept-Language': 'en' })).body.lang).toBe('ckb');
    expect((await get(query, { 'Accept-Language': 'en-GB,en;q=0.9' })).body.lang).toBe('en');
    expect((await get(query, { 'Accept-Language': 'fr, es;q=0.5' })).body.lang).toBe('es');
    expect((await get(query)).body.lang).toBe('ar');
  });

  it('each text says which language it is in after fallback', async () => {
    const ckb = (await get('/api/v1/services?area=IQG06&lang=kmr&limit=100')).body.items as Item[];
    const languages = new Set(ckb.map((i) => i.name?.lang));
    // Sulaymaniyah case management has no Badini: it falls back to Sorani, not to English.
    expect(languages.has('en')).toBe(false);
    expect([...languages].every((l) => ['kmr', 'ckb', 'ar'].includes(l!))).toBe(true);
  });

  it('API responses are never stored by the browser and vary by language', async () => {
    const response = await get('/api/v1/services?limit=1');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Vary')).toMatch(/Accept-Language/);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    expect(response.headers.get('Content-Security-Policy')).toBe(
      "default-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
  });
});
