import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';
import { Client, signedIn } from '../admin/support.ts';

// Public reads are copied at the edge, keyed by the directory version that every write bumps:
// a copy saves D1 its rows, and an edit is never answered by an older copy.
const sample = sampleDirectory(new Date());
const karbalaLegal = sample.services.find(
  (s: { names: { en?: string } }) => s.names.en === 'Legal aid, Karbala (sample)',
)!;
const app = createApp();
const instrumented = instrumentedDb(env.DB);

/** One request through the app on the instrumented D1, waiting for the edge copy to be stored. */
async function fetchCounted(path: string, headers: Record<string, string> = {}) {
  instrumented.reset();
  const ctx = createExecutionContext();
  const response = await app.fetch(
    new Request(`https://masar.test${path}`, { headers }),
    { ...env, DB: instrumented.binding, EDGE_CACHE: 'on' },
    ctx,
  );
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { response, text, statements: [...instrumented.recorded], rowsRead: instrumented.rowsRead() };
}

const minute = () => Math.floor(Date.now() / 60_000);

/** A first and a second read within one clock minute (answers that say "open now" are keyed by it). */
async function twice(path: string, headers: Record<string, string> = {}) {
  for (let attempt = 0; ; attempt++) {
    const started = minute();
    const first = await fetchCounted(path, headers);
    const second = await fetchCounted(path, headers);
    if (minute() === started || attempt === 2) return { first, second };
  }
}

describe('the edge copy of public reads', () => {
  it.each([
    '/api/v1/services?area=IQG15Q05&lang=ar',
    '/a/IQG15Q05?lang=ar',
    `/s/${karbalaLegal.id}?lang=en`,
    '/api/v1/hsds/services?per_page=5',
    '/api/v1/areas?parent=IQG15',
  ])('a second read of %s is the same answer from the edge, reading only the directory version', async (path) => {
    const { first, second } = await twice(path);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('X-Edge-Cache')).toBe('miss');
    expect(second.response.headers.get('X-Edge-Cache')).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(first.statements.length).toBeGreaterThan(1);
    // A copy costs one query of one row: the version it is keyed by.
    expect(second.statements.map((s) => s.sql)).toEqual([expect.stringMatching(/from "directory_version"/)]);
    expect(second.rowsRead).toBeLessThanOrEqual(1);
    for (const answer of [first, second]) {
      expect(answer.response.headers.get('Cache-Control')).toBe('no-store');
      expect(answer.response.headers.get('Set-Cookie')).toBeNull();
      expect(answer.response.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    }
    expect(second.response.headers.get('Content-Type')).toBe(first.response.headers.get('Content-Type'));
  });

  it('the same question asked in another order or language form shares one copy; another language does not', async () => {
    const { first } = await twice('/api/v1/services?area=IQG12&limit=5', { 'Accept-Language': 'en' });
    expect(first.response.status).toBe(200);
    const reordered = await fetchCounted('/api/v1/services?limit=5&area=IQG12', {
      'Accept-Language': 'en-GB,en;q=0.9',
    });
    expect(reordered.response.headers.get('X-Edge-Cache')).toBe('hit');
    expect(reordered.text).toBe(first.text);
    const arabic = await fetchCounted('/api/v1/services?area=IQG12&limit=5', { 'Accept-Language': 'ar' });
    expect(arabic.response.headers.get('X-Edge-Cache')).toBe('miss');
    expect(JSON.parse(arabic.text).lang).toBe('ar');
    expect(JSON.parse(first.text).lang).toBe('en');
  });

  it("the start page in English keeps each reader's likely country first, copy or not", async () => {
    const first = (text: string) => (text.indexOf('id="choose-gt"') < text.indexOf('id="choose-iq"') ? 'GT' : 'IQ');
    const iraq = await twice('/?lang=en', { 'Accept-Language': 'en-IQ,en;q=0.9' });
    expect(iraq.second.response.headers.get('X-Edge-Cache')).toBe('hit');
    expect(first(iraq.second.text)).toBe('IQ');
    const guatemala = await twice('/?lang=en', { 'Accept-Language': 'en-GT,es;q=0.8' });
    expect(first(guatemala.first.text)).toBe('GT');
    expect(first(guatemala.second.text)).toBe('GT');
  });

  it('a refused request is never answered from a copy, and is not copied', async () => {
    const refused = await fetchCounted('/api/v1/hsds/services?per_page=5&postcode=1');
    expect(refused.response.status).toBe(400);
    const again = await fetchCounted('/api/v1/hsds/services?per_page=5&postcode=1');
    expect(again.response.status).toBe(400);
    expect(again.response.headers.get('X-Edge-Cache')).toBe('miss');
  });
});

describe('an edit is never answered by an older copy', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = await signedIn('admin');
  });

  it('after a maintainer renames a listing, the next public read of it and of its area has the new name', async () => {
    const paths = [
      `/api/v1/services/${karbalaLegal.id}?lang=en`,
      `/s/${karbalaLegal.id}?lang=en`,
      '/api/v1/services?area=IQG12&lang=en&limit=50',
    ];
    for (const path of paths) {
      const { second } = await twice(path);
      expect(second.response.headers.get('X-Edge-Cache')).toBe('hit');
      expect(second.text).not.toContain('Quetzalcoatl legal desk');
    }
    const current = await admin.get(`/services/${karbalaLegal.id}`);
    const renamed = await admin.patch(
      `/services/${karbalaLegal.id}`,
      { names: { ...current.body.names, en: 'Quetzalcoatl legal desk, Karbala (sample)' } },
      current.body.version,
    );
    expect(renamed.status).toBe(200);
    for (const path of paths) {
      const after = await fetchCounted(path);
      expect(after.response.headers.get('X-Edge-Cache')).toBe('miss');
      expect(after.text).toContain('Quetzalcoatl legal desk');
    }
  });

  it('a write straight into the database (the scheduled job, an import) makes copies stale as well', async () => {
    const path = '/api/v1/hsds/services?per_page=3';
    const { second } = await twice(path);
    expect(second.response.headers.get('X-Edge-Cache')).toBe('hit');
    const total = JSON.parse(second.text).total_items as number;
    const added = await growDirectory(env.DB, 1);
    try {
      const after = await fetchCounted(path);
      expect(after.response.headers.get('X-Edge-Cache')).toBe('miss');
      expect(JSON.parse(after.text).total_items).toBe(total + 1);
    } finally {
      await shrinkDirectory(env.DB, added);
    }
    expect(JSON.parse((await fetchCounted(path)).text).total_items).toBe(total);
  });
});

describe('what is never copied', () => {
  let coordinator: Client;
  beforeAll(async () => {
    coordinator = await signedIn('coordinator', { areas: ['IQG12'] });
  });

  it('admin reads are never copied at the edge', async () => {
    for (let i = 0; i < 2; i++) {
      const { response } = await fetchCounted(`/api/v1/admin/services/${karbalaLegal.id}`, {
        Cookie: coordinator.cookie!,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('X-Edge-Cache')).toBeNull();
      expect(response.headers.get('Cache-Control')).toBe('no-store');
    }
  });

  it.each([
    ['a maintainer session cookie', (c: Client) => ({ Cookie: c.cookie! })],
    ['a bearer token', () => ({ Authorization: 'Bearer not-a-real-token' })],
    ['a D1 bookmark', () => ({ 'X-D1-Bookmark': '00000001-00000001-00000001-0000000000000000' })],
  ])('a public read with %s is answered afresh and sets no cookie', async (_what, headers) => {
    const path = '/api/v1/services?area=IQG12&lang=en&limit=7';
    await twice(path);
    for (let i = 0; i < 2; i++) {
      const { response } = await fetchCounted(path, headers(coordinator));
      expect(response.status).toBe(200);
      expect(response.headers.get('X-Edge-Cache')).toBeNull();
      expect(response.headers.get('Set-Cookie')).toBeNull();
      expect(response.headers.get('Cache-Control')).toBe('no-store');
    }
  });

  it('a maintainer write hands back a bookmark, so their next read on a replica includes it', async () => {
    const current = await coordinator.get(`/services/${karbalaLegal.id}`);
    const written = await coordinator.patch(
      `/services/${karbalaLegal.id}`,
      { cost_kind: 'free' },
      current.body.version,
    );
    expect(written.status).toBe(200);
    const bookmark = written.headers.get('X-D1-Bookmark');
    expect(bookmark).toMatch(/^[0-9A-Za-z-]+$/);
    expect(written.headers.get('Set-Cookie')).toMatch(/__Host-masar_d1_bookmark=[^;]+;.*HttpOnly/);
    const read = await coordinator.get(`/services/${karbalaLegal.id}`, { 'X-D1-Bookmark': bookmark! });
    expect(read.body.cost_kind).toBe('free');
  });
});

describe('reads whose cost does not grow with the directory', () => {
  let added: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, added));

  it('an HSDS page reads about the same rows with 2,000 more services, and counts nothing', async () => {
    const path = '/api/v1/hsds/services?per_page=20';
    const before = await fetchCounted(path);
    added = await growDirectory(env.DB, 2000);
    const after = await fetchCounted(path);
    expect(after.response.headers.get('X-Edge-Cache')).toBe('miss');
    const ids = (text: string) => JSON.parse(text).contents.map((s: { id: string }) => s.id);
    expect(ids(after.text)).toEqual(ids(before.text)); // the same first page: the new names sort later
    expect(JSON.parse(after.text).total_items).toBe(JSON.parse(before.text).total_items + 2000);
    // A deeper index costs a step or two per seek, never a row per service added (a count read 2,000 more).
    expect(after.rowsRead - before.rowsRead).toBeLessThanOrEqual(8);
    expect(after.statements.some((s) => /count\(/i.test(s.sql))).toBe(false);
  });

  it.each([
    ['/api/v1/areas?country=GT&level=1', 22],
    ['/api/v1/areas?parent=IQG15', 0],
  ])('%s reads the areas it lists, not every area of both countries', async (path) => {
    const { response, text, rowsRead } = await fetchCounted(path);
    expect(response.status).toBe(200);
    const listed = JSON.parse(text).items.length as number;
    expect(listed).toBeGreaterThan(0);
    expect(rowsRead).toBeLessThanOrEqual(listed + 2);
  });
});
