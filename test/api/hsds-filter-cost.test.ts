// The HSDS filters a partner syncs with (a text search, changes since a moment, a numbered page of a
// filter, a numbered page of organisations) must read what they return, not the directory: the
// same rows at 1,000 and 2,000 published services, when the directory grows with services the
// filter does not select. Each request goes through the Worker with D1 metered.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDocuments } from '../../api/admin/edit/listing-index.ts';
import { ftsMatchExpression } from '../../api/domain/text-normalise.ts';
import { database } from '../../db/client.ts';
import { fetchCounted } from '../support/counted-fetch.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { get, linkTo, pathOf } from '../support/http.ts';

const MOSUL = '/IQ/IQG15/IQG15Q05/';
const HSDS = '/api/v1/hsds';
/** An index seek may read one row past its range, and a grown row can be that row. */
const SEEK_SLACK = 3;
/** A word some seeded services hold and no grown one does (they are legal aid, named "Synthetic service"). */
const WORD = 'police';
/** A word every grown service holds (in its description), so its matches grow with the directory. */
const GROWN_WORD = 'zorbium';
/**
 * The services marked as changed after SINCE (a fixed moment, after any clock a test runs at), so
 * `modified_after=SINCE` selects exactly them however large the directory is.
 */
const SINCE = '2090-01-01T00:00:00.000Z';
const CHANGED_AT = '2090-06-01T00:00:00.000Z';
const CHANGED = 7;

const one = async <T>(sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<T>())!;

const publishedCount = async () =>
  (await one<{ n: number }>("SELECT count(*) AS n FROM services WHERE status = 'published'")).n;

interface Measured {
  rowsRead: number;
  rowsReturned: number;
  trips: number;
  body: any;
}

async function measure(path: string): Promise<Measured> {
  const { text, rowsRead, rowsReturned, trips } = await fetchCounted(`${HSDS}${path}`);
  return { rowsRead, rowsReturned, trips, body: JSON.parse(text) };
}

const requests = {
  search: `/services?per_page=5&search=${WORD}`,
  searchPage2: `/services?per_page=5&page=2&search=${WORD}`,
  modifiedAfter: `/services?per_page=5&modified_after=${SINCE}`,
  modifiedAfterPage2: `/services?per_page=5&page=2&modified_after=${SINCE}`,
  organisations: '/organizations?per_page=3&page=2',
};

/** Requests whose matches grow with the directory: only an exact count made match by match may read more. */
const growing = {
  searchGrown: `/services?per_page=5&search=${GROWN_WORD}`,
  searchGrownPage3: `/services?per_page=5&page=3&search=${GROWN_WORD}`,
  // A numbered page of a filter the grown services pass, at the same depth at both sizes: it skips
  // along the organisation's index, so only its exact count grows.
  grownOrganisationPage10: '/services?per_page=50&page=10&organization_id=GROWN_ORGANISATION',
};

describe('HSDS filters in a growing directory', () => {
  let grown: string[] = [];
  let changed: string[] = [];
  let organisation = '';
  const small: Record<string, Measured> = {};
  const large: Record<string, Measured> = {};

  beforeAll(async () => {
    organisation = (await one<{ id: string }>('SELECT id FROM organisations LIMIT 1')).id;
    growing.grownOrganisationPage10 = growing.grownOrganisationPage10.replace('GROWN_ORGANISATION', organisation);
    grown = await growDirectory(env.DB, 1000 - (await publishedCount()), {
      withinPath: MOSUL,
      description: `A ${GROWN_WORD} service`,
    });
    // A few seeded services marked as changed after SINCE, their documents built again as the
    // hourly job would (the edit drops them).
    changed = (
      await env.DB.prepare(
        "SELECT id FROM services WHERE status = 'published' AND sort_name NOT LIKE 'synthetic%' ORDER BY id LIMIT ?",
      )
        .bind(CHANGED)
        .all<{ id: string }>()
    ).results.map((r) => r.id);
    await env.DB.prepare('UPDATE services SET updated_at = ? WHERE id IN (SELECT value FROM json_each(?))')
      .bind(CHANGED_AT, JSON.stringify(changed))
      .run();
    await refreshDocuments(database(env.DB), changed);
    for (const [name, path] of Object.entries({ ...requests, ...growing })) small[name] = await measure(path);
    grown.push(
      ...(await growDirectory(env.DB, 1000, {
        withinPath: MOSUL,
        description: `A ${GROWN_WORD} service`,
      })),
    );
    for (const [name, path] of Object.entries({ ...requests, ...growing })) large[name] = await measure(path);
  }, 600_000);
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('the directory grew from 1,000 to 2,000 with services the filters do not select', async () => {
    expect(await publishedCount()).toBe(2000);
    const matches = await one<{ n: number }>(
      `SELECT count(*) AS n FROM service_search f JOIN services s ON s.id = f.service_id AND s.status = 'published'
        WHERE service_search MATCH ?`,
      ftsMatchExpression(WORD),
    );
    expect(matches.n).toBeGreaterThan(5);
    for (const m of [small.search!, large.search!]) expect(m.body.total_items).toBe(matches.n);
    for (const m of [small.modifiedAfter!, large.modifiedAfter!]) expect(m.body.total_items).toBe(CHANGED);
  });

  it.each(Object.keys(requests))('%s reads the same rows at 1,000 and 2,000 services', (name) => {
    const [at1000, at2000] = [small[name]!, large[name]!];
    expect(at2000.body.total_items, name).toBe(at1000.body.total_items);
    expect(at2000.body.contents.map((c: { id: string }) => c.id)).toEqual(
      at1000.body.contents.map((c: { id: string }) => c.id),
    );
    expect(Math.abs(at2000.rowsRead - at1000.rowsRead), name).toBeLessThanOrEqual(SEEK_SLACK);
    expect(at2000.trips, name).toBeLessThanOrEqual(3);
  });

  it('a page of changes lists what changed, in name order, with the last page flagged', () => {
    const first = small.modifiedAfter!.body;
    const second = small.modifiedAfterPage2!.body;
    const ids = [...first.contents, ...second.contents].map((c: { id: string }) => c.id);
    expect([...ids].sort()).toEqual([...changed].sort());
    expect([first.total_pages, second.last_page]).toEqual([2, true]);
  });

  it.each(Object.keys(growing))('%s counts its matches exactly, and reads its page alone', (name) => {
    const [at1000, at2000] = [small[name]!, large[name]!];
    expect(at2000.body.total_items - at1000.body.total_items, name).toBe(1000);
    // A one-word search's total comes from the index's term counts (api/queries/search-total.ts);
    // an organisation's counts its services along its index, one row each.
    const counted = name === 'grownOrganisationPage10' ? 1000 : 0;
    expect(at2000.rowsRead - at1000.rowsRead, name).toBeLessThanOrEqual(counted + SEEK_SLACK);
    expect(at2000.trips, name).toBeLessThanOrEqual(3);
  });

  it('a text search pages through every match once, by number or by the Link header', async () => {
    const matches = (
      await env.DB.prepare('SELECT service_id AS id FROM service_search WHERE service_search MATCH ? ORDER BY rowid')
        .bind(ftsMatchExpression(GROWN_WORD))
        .all<{ id: string }>()
    ).results.map((r) => r.id);
    const numbered: string[] = [];
    const linked: string[] = [];
    let next: string | undefined = `${HSDS}/services?per_page=100&search=${GROWN_WORD}`;
    for (let page = 1; next; page++) {
      const byNumber = await get(`${HSDS}/services?per_page=100&page=${page}&search=${GROWN_WORD}`);
      const byLink: { body: any; headers: Headers } = await get(next);
      expect(byLink.body.page_number).toBe(page);
      expect(byLink.body.total_items).toBe(matches.length);
      numbered.push(...byNumber.body.contents.map((c: { id: string }) => c.id));
      linked.push(...byLink.body.contents.map((c: { id: string }) => c.id));
      const link = linkTo(byLink.headers, 'next');
      next = link ? pathOf(link) : undefined;
      expect(Boolean(next)).toBe(!byLink.body.last_page);
    }
    expect(numbered).toEqual(matches);
    expect(linked).toEqual(matches);
  });

  it('a place in the full-text index is refused as the seek key of another filter', async () => {
    const first = await get(`${HSDS}/services?per_page=5&search=${GROWN_WORD}`);
    const after = linkTo(first.headers, 'next')!.searchParams.get('after')!;
    const refused = await get(`${HSDS}/services?per_page=5&organization_id=${organisation}&after=${after}`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('Content-Type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(refused.body)).toContain('after');
  });

  it('reports', () => {
    console.log(
      Object.keys({ ...requests, ...growing })
        .map((name) => `${name}: ${small[name]!.rowsRead} → ${large[name]!.rowsRead} (${large[name]!.trips} trips)`)
        .join('\n'),
    );
  });
});
