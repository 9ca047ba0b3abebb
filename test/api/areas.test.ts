import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';

const pcodes = (items: Array<{ pcode: string }>) => items.map((a) => a.pcode);
/** How many areas the loaded gazetteer has that match, so the tests follow the data, not its size. */
const countAreas = async (where: string, ...values: Array<string | number>) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM areas WHERE ${where}`)
    .bind(...values)
    .first<{ n: number }>())!.n;

describe('GET /api/v1/areas', () => {
  it('starts the tree at the two countries', async () => {
    const response = await get('/api/v1/areas?lang=en');
    expect(response.status).toBe(200);
    expect(pcodes(response.body.items)).toEqual(['GT', 'IQ']);
  });

  it('lists every Iraqi governorate with Arabic names and their time zone', async () => {
    const response = await get('/api/v1/areas?parent=IQ&lang=ar');
    expect(response.body.items).toHaveLength(await countAreas('parent_pcode = ?', 'IQ'));
    const karbala = response.body.items.find((a: { pcode: string }) => a.pcode === 'IQG12');
    expect(karbala).toMatchObject({
      level: 1,
      parent_pcode: 'IQ',
      time_zone: 'Asia/Baghdad',
      name: { text: 'كربلاء', lang: 'ar' },
    });
    expect(karbala.bbox[0]).toBeLessThan(karbala.centroid[0]);
    expect(karbala.bbox[2]).toBeGreaterThan(karbala.centroid[0]);
  });

  it('lists every department of Guatemala in Spanish', async () => {
    const response = await get('/api/v1/areas?parent=GT&lang=es');
    expect(response.body.items).toHaveLength(await countAreas('parent_pcode = ?', 'GT'));
    expect(response.body.items.find((a: { pcode: string }) => a.pcode === 'GT16').name).toEqual({
      text: 'Alta Verapaz',
      lang: 'es',
    });
  });

  it('lists every area of a level in a country', async () => {
    const districts = await get('/api/v1/areas?country=IQ&level=2');
    expect(districts.body.items).toHaveLength(await countAreas('country = ? AND level = ?', 'IQ', 2));
    const subdistricts = await get('/api/v1/areas?country=IQ&level=3');
    expect(subdistricts.body.items).toHaveLength(await countAreas('country = ? AND level = ?', 'IQ', 3));
  });

  it('falls back from Badini to Sorani to Arabic when a name is missing', async () => {
    const response = await get('/api/v1/areas?parent=IQG15Q05&lang=kmr');
    const qayyarah = response.body.items.find((a: { pcode: string }) => a.pcode === 'IQG15Q05N01');
    expect(qayyarah.name).toEqual({ text: 'القيارة', lang: 'ar' });
  });
});

describe('GET /api/v1/areas/{pcode}', () => {
  it('gives a subdistrict with its ancestors, country first', async () => {
    const response = await get('/api/v1/areas/IQG15Q05N01?lang=en');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ pcode: 'IQG15Q05N01', level: 3, parent_pcode: 'IQG15Q05' });
    expect(pcodes(response.body.ancestors)).toEqual(['IQ', 'IQG15', 'IQG15Q05']);
    expect(response.body.children).toEqual([]);
  });

  it('gives a district with its subdistricts', async () => {
    const response = await get('/api/v1/areas/IQG15Q05');
    expect(pcodes(response.body.children)).toContain('IQG15Q05N01');
    expect(response.body.children.every((a: { parent_pcode: string }) => a.parent_pcode === 'IQG15Q05')).toBe(true);
  });
});

describe('GET /api/v1/areas/search', () => {
  // C10: transliterations, scripts and Arabic spelling variants all find the same place.
  it.each([
    ['Duhok', 'IQG09'],
    ['Dohuk', 'IQG09'],
    ['Dahuk', 'IQG09'],
    ['دهوك', 'IQG09'],
    ['دهۆک', 'IQG09'],
    ['Kerbala', 'IQG12'],
    ['Karbala', 'IQG12'],
    ['كربلا', 'IQG12'],
    ['Sulaymaniyah', 'IQG06'],
    ['Slemani', 'IQG06'],
    ['السليمانية', 'IQG06'],
    ['Erbil', 'IQG11'],
    ['Hawler', 'IQG11'],
    ['اربيل', 'IQG11'],
    ['أربيل', 'IQG11'],
    ['Qayyarah', 'IQG15Q05N01'],
    ['القياره', 'IQG15Q05N01'],
    ['Mosul', 'IQG15Q05'],
    ['الموصل', 'IQG15Q05'],
    ['Alta Verapaz', 'GT16'],
    ['Coban', 'GT1601'],
    ['Chimaltenango', 'GT04'],
  ])('%s finds %s', async (q, pcode) => {
    const response = await get(`/api/v1/areas/search?q=${encodeURIComponent(q)}&limit=10`);
    expect(response.status).toBe(200);
    expect(pcodes(response.body.items)).toContain(pcode);
  });

  it('ranks larger areas before smaller ones of the same name', async () => {
    const response = await get('/api/v1/areas/search?q=Duhok');
    const levels = response.body.items.map((a: { level: number }) => a.level);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(response.body.items[0].pcode).toBe('IQG09');
  });
});

describe('GET /api/v1/map/boundaries', () => {
  it('draws the governorates of Iraq as GeoJSON polygons', async () => {
    const response = await get('/api/v1/map/boundaries?parent=IQ&lang=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/geo\+json/);
    expect(response.body.type).toBe('FeatureCollection');
    expect(response.body.features).toHaveLength(await countAreas('parent_pcode = ?', 'IQ'));
    for (const feature of response.body.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
      expect(feature.properties.pcode).toBe(feature.id);
    }
  });
});

describe('GET /api/v1/attribution', () => {
  it('credits the boundary data as its licence requires', async () => {
    const response = await get('/api/v1/attribution');
    const text = JSON.stringify(response.body);
    expect(text).toContain('CC BY 3.0 IGO');
    expect(text).toMatch(/Central Statistics Organization/);
    expect(text).toMatch(/CONRED/);
    expect(text).toMatch(/Who's On First/);
  });
});
