import { describe, expect, it } from 'vitest';
import table from '../fixtures/place-search-recall.json';
import { get } from '../support/http.ts';

// Real spellings people type for the places Masar serves, each with why it is in the table:
// official and everyday transliterations, Arabic and Sorani script, Kurmanji (Badini) Latin,
// historic and other-language names. `pcode` is the place meant; `accept` lists the areas that
// carry the same name (a governorate and its seat district, a district and its central
// subdistrict), any of which is a right first answer.
interface Row {
  query: string;
  pcode: string;
  accept: string[];
  lang: string;
  why: string;
}
const rows = table as Row[];

interface Found {
  pcode: string;
  country: string;
  parent_pcode: string | null;
  parent_name: { text: string; lang: string } | null;
}

async function search(query: string): Promise<Found[]> {
  const response = await get(`/api/v1/areas/search?q=${encodeURIComponent(query)}&limit=10`);
  expect(response.status).toBe(200);
  return response.body.items;
}

describe('place search puts the place a person meant first', () => {
  it.each(rows.map((row) => [row.query, row.pcode, row] as const))('"%s" finds %s first', async (_q, _p, row) => {
    const [first] = await search(row.query);
    expect(row.accept, `${row.query} (${row.why}) came back as ${first?.pcode}`).toContain(first?.pcode);
  });

  it('never puts an area of the other country first', async () => {
    for (const row of rows) {
      const [first] = await search(row.query);
      expect(first?.country, row.query).toBe(row.pcode.slice(0, 2));
    }
  });

  it('finds Qayyarah, not Thi Qar, for every spelling of Qayyarah', async () => {
    for (const query of ['Qayyarah', 'Qayara', 'Al-Qayyara', 'القيارة']) {
      const found = await search(query);
      expect(found[0]?.pcode, query).toBe('IQG15Q05N01');
      const thiQar = found.findIndex((a) => a.pcode.startsWith('IQG17'));
      expect(thiQar === -1 || thiQar > 0, query).toBe(true);
    }
  });

  it('shows each result with the name of the area it is part of', async () => {
    const english = await get('/api/v1/areas/search?q=Qayyarah&lang=en');
    expect(english.body.items[0]).toMatchObject({ parent_pcode: 'IQG15Q05', parent_name: { lang: 'en' } });
    expect(english.body.items[0].parent_name.text).toMatch(/Mosul/);
    const arabic = await get(`/api/v1/areas/search?q=${encodeURIComponent('القيارة')}&lang=ar`);
    expect(arabic.body.items[0].parent_name).toEqual({ text: 'الموصل', lang: 'ar' });
  });
});

describe('the other place names are credited as their licences ask', () => {
  it("names Who's On First with its licence link, and GeoNames under CC BY 4.0, in the API and on the about page", async () => {
    const api = JSON.stringify((await get('/api/v1/attribution')).body);
    const about = (await get('/about?lang=en')).text.replaceAll('&#39;', "'");
    for (const text of [api, about]) {
      expect(text).toMatch(/Place names: Who's On First \(https:\/\/whosonfirst\.org\/docs\/licenses\/\)/);
      expect(text).toMatch(/GeoNames \(https:\/\/www\.geonames\.org\)/);
      expect(text).toContain('https://creativecommons.org/licenses/by/4.0/');
    }
  });
});
