import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../api/domain/ranking.ts';
import { get } from '../support/http.ts';

const LONG = 'a'.repeat(2001);

// Every bad input is a 400 problem+json that names the offending parameter (P4), never a 500.
const badRequests: Array<[path: string, param: string]> = [
  ['/api/v1/services?area=iqg15', 'area'],
  ['/api/v1/services?area=IQG99', 'area'],
  ['/api/v1/services?area=IQG15Q05%27%20OR%201=1', 'area'],
  ['/api/v1/services?type=astrology', 'type'],
  ['/api/v1/services?type=hotline,,legal_aid', 'type'],
  ['/api/v1/services?open_at=yesterday', 'open_at'],
  ['/api/v1/services?open_at=2026-13-40T99:00:00Z', 'open_at'],
  ['/api/v1/services?open_now=true&open_at=2026-11-22T10:00:00Z', 'open_at'],
  ['/api/v1/services?open_now=yes', 'open_now'],
  ['/api/v1/services?limit=0', 'limit'],
  ['/api/v1/services?limit=1000', 'limit'],
  ['/api/v1/services?limit=ten', 'limit'],
  ['/api/v1/services?near=91,0', 'near'],
  ['/api/v1/services?near=here', 'near'],
  ['/api/v1/services?bbox=1,2,3', 'bbox'],
  ['/api/v1/services?bbox=44,36,43,35', 'bbox'],
  ['/api/v1/services?sort=distance', 'sort'],
  ['/api/v1/services?sort=random', 'sort'],
  ['/api/v1/services?cursor=not-a-cursor', 'cursor'],
  ['/api/v1/services?lang=fr', 'lang'],
  ['/api/v1/services?age=-1', 'age'],
  ['/api/v1/services?age=200', 'age'],
  ['/api/v1/services?gender=other', 'gender'],
  ['/api/v1/services?language=Arabic', 'language'],
  ['/api/v1/services?accessibility=jetpack', 'accessibility'],
  ['/api/v1/services?q=%22%22%22', 'q'],
  [`/api/v1/services?q=${LONG}`, 'q'],
  ['/api/v1/services?country=FR', 'country'],
  ['/api/v1/services/not-a-uuid', 'id'],
  ['/api/v1/areas?level=7', 'level'],
  ['/api/v1/areas?parent=iq', 'parent'],
  ['/api/v1/areas/search', 'q'],
  ['/api/v1/areas/search?q=%2A%2A%2A', 'q'],
  ['/api/v1/areas/not-a-pcode', 'pcode'],
  ['/api/v1/map/boundaries?parent=x', 'parent'],
  ['/api/v1/map/services?near=0,500', 'near'],
];

describe('invalid input', () => {
  it.each(badRequests)('GET %s → 400 naming %s', async (path, param) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, title: expect.any(String), type: expect.any(String) });
    expect(response.body.errors.map((e: { name: string }) => e.name)).toContain(param);
  });

  it('a cursor from one sort order is refused for another', async () => {
    const first = await get('/api/v1/services?sort=name&limit=1');
    expect(first.body.next_cursor).toBeTruthy();
    const response = await get(`/api/v1/services?sort=freshness&cursor=${first.body.next_cursor}`);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].name).toBe('cursor');
  });

  it('a cursor goes on only with the listing it came from: the same query in any parameter order, with another page size or language, and nothing else', async () => {
    const first = await get('/api/v1/services?area=IQG15&type=legal_aid,hotline&free=true&limit=1&lang=en');
    const cursor = encodeURIComponent(first.body.next_cursor);
    expect(first.body.next_cursor).toBeTruthy();
    // The same listing, its parameters in another order, its types too, another page size and language.
    const same = await get(
      `/api/v1/services?free=true&type=hotline,legal_aid&area=IQG15&limit=5&lang=ar&cursor=${cursor}`,
    );
    expect(same.status).toBe(200);
    expect(same.body.items.map((i: { id: string }) => i.id)).not.toContain(first.body.items[0].id);
    for (const other of [
      'area=IQG15Q05&type=legal_aid,hotline&free=true',
      'area=IQG15&type=legal_aid&free=true',
      'area=IQG15&type=legal_aid,hotline',
      'area=IQG15&type=legal_aid,hotline&free=true&q=legal',
      'area=IQG15&type=legal_aid,hotline&free=true&bbox=42,35,44,37',
      'area=IQG15&type=legal_aid,hotline&free=true&open_now=true',
    ]) {
      const response = await get(`/api/v1/services?${other}&cursor=${cursor}`);
      expect(response.status, other).toBe(400);
      expect(response.body.errors[0].name, other).toBe('cursor');
    }
    // A cursor given before cursors were tied to their query (none says which) asks for the first page again.
    const untied = { ...decodeCursor(first.body.next_cursor)!, of: undefined };
    const old = await get(
      `/api/v1/services?area=IQG15&type=legal_aid,hotline&free=true&cursor=${encodeCursor(untied)}`,
    );
    expect(old.status).toBe(400);
    expect(old.body.errors[0]).toMatchObject({ name: 'cursor', reason: expect.stringContaining('first page') });
  });
});

describe('not found', () => {
  it.each([
    '/api/v1/services/00000000-0000-4000-8000-000000000000',
    '/api/v1/areas/IQG99',
    '/api/v1/map/boundaries?parent=IQG99',
    '/api/v1/no-such-resource',
  ])('GET %s → 404 problem+json', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect(response.body.status).toBe(404);
  });
});

describe('hostile but well-formed input is answered, not crashed on', () => {
  it.each([
    '" OR 1=1 --',
    'NEAR(police help)',
    'body:* OR skeletons:*',
    "'; DROP TABLE services; --",
    '^duhok',
    'ك'.repeat(150),
    '🙂 help',
    '%',
  ])('q=%s', async (q) => {
    const response = await get(`/api/v1/services?q=${encodeURIComponent(q)}`);
    expect([200, 400]).toContain(response.status);
    if (response.status === 400) expect(response.body.errors[0].name).toBe('q');
    const areas = await get(`/api/v1/areas/search?q=${encodeURIComponent(q)}`);
    expect([200, 400]).toContain(areas.status);
  });

  it('a filter repeated many times is answered, not a 500 (SQLite caps expression depth)', async () => {
    const repeated = Array(60).fill('remote').join(',');
    expect((await get(`/api/v1/services?accessibility=${repeated}`)).status).toBe(200);
    expect((await get(`/api/v1/map/services?accessibility=${repeated}`)).status).toBe(200);
    const types = Array(35).fill('hotline').join(',');
    expect((await get(`/api/v1/services?type=${types}`)).status).toBe(200);
  });

  it('a malformed percent-encoding is a 400 or an empty result, never a 500', async () => {
    const response = await get('/api/v1/services?q=%E0%A4%A');
    expect(response.status).toBeLessThan(500);
  });
});
