import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { ACCESSIBILITY_FEATURES } from '../../api/domain/vocabulary.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

// D1 refuses a statement with more than 100 bound parameters or 100,000 bytes of SQL; the local
// workerd does not, so a statement over either limit passes every other test and fails in
// production. A search binds its words several times over (each word's term counts, its probe of
// each walked service, the guards of every way), so the longest search, eight Latin words each with
// a skeleton, is asked every way a listing can go: each scope, order and filter that changes the
// statements, first and later pages, and the map.
const app = createApp();
const D1_MOST_PARAMETERS = 100;
const D1_MOST_SQL_BYTES = 100_000;

/** Eight words (the most a search keeps), each with a Latin skeleton, held by no service. */
const LONGEST = encodeURIComponent('legal aid women safety shelter counselling lawyer protection');
const SMALL_BOX = '43.08,36.29,43.18,36.39';
const IRAQ_BOX = '38.7,29,48.6,37.4';

const scopes = ['', '&area=IQG15Q05', `&bbox=${SMALL_BOX}`, `&bbox=${IRAQ_BOX}`, '&country=IQ'];
const orders = ['&sort=relevance', '&sort=name', '&sort=freshness', '&near=36.34,43.13&sort=distance'];
/** Every fact filter at once, and every accessibility feature. */
const EVERY_FACT =
  '&free=true&female_staff=true&anonymous=true&accompaniment=true&safe_place_meeting=true&without_identity=true' +
  `&gender=female&age=17&language=ar&accessibility=${ACCESSIBILITY_FEATURES.join(',')}`;
// Two types are walked by their own ranks (a range per type and area), five are checked per service.
const filters = [
  '',
  '&open_now=true',
  '&type=legal_aid,hotline,shelter,police,health',
  `&type=legal_aid,hotline${EVERY_FACT}`,
  `&type=legal_aid,hotline,shelter${EVERY_FACT}`,
  `&type=legal_aid,hotline,shelter${EVERY_FACT}&open_now=true`,
];

const listings = scopes.flatMap((scope) =>
  orders.flatMap((order) => filters.map((filter) => `/api/v1/services?lang=en${scope}${order}${filter}`)),
);
const searches = listings.map((path) => `${path}&q=${LONGEST}`);
const maps = scopes.map((scope) => `/api/v1/map/services?lang=en&q=${LONGEST}${scope}`);

async function recordedStatements(path: string) {
  const instrumented = instrumentedDb(env.DB);
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`https://masar.test${path}`), { ...env, DB: instrumented.binding }, ctx);
  const body = (await response.json()) as { next_cursor?: string | null };
  await waitOnExecutionContext(ctx);
  return { status: response.status, statements: instrumented.recorded, next: body.next_cursor ?? null };
}

describe('every statement a listing sends fits within D1 limits', () => {
  it('the longest search, and a listing without one, in every scope, order and filter, on its first and second pages, and on the map', async () => {
    // HSDS's search, alone and beside a type and an organisation (each named by its UUID).
    const firstId = async (path: string) =>
      ((await (await exports.default.fetch(`https://masar.test${path}`)).json()) as { contents: Array<{ id: string }> })
        .contents[0]!.id;
    const term = await firstId('/api/v1/hsds/taxonomy_terms?per_page=1');
    const organisation = await firstId('/api/v1/hsds/organizations?per_page=1');
    const hsds = ['', `&taxonomy_term_id=${term}`, `&organization_id=${organisation}`].map(
      (filter) => `/api/v1/hsds/services?search=${LONGEST}${filter}`,
    );
    // Every request that failed, or sent a statement over a limit (D1 refuses it where workerd may not).
    const over: Array<{ path: string; status?: number; params?: number; bytes?: number }> = [];
    let most = { params: 0, bytes: 0, path: '' };
    for (const path of [...searches, ...listings, ...maps, ...hsds]) {
      const first = await recordedStatements(path);
      const pages = [{ path, ...first }];
      if (first.next) {
        const next = `${path}&cursor=${encodeURIComponent(first.next)}`;
        pages.push({ path: next, ...(await recordedStatements(next)) });
      }
      for (const page of pages) {
        if (page.status !== 200) over.push({ path: page.path, status: page.status });
        for (const statement of page.statements) {
          const bytes = new TextEncoder().encode(statement.sql).length;
          if (statement.params.length > D1_MOST_PARAMETERS || bytes > D1_MOST_SQL_BYTES) {
            over.push({ path: page.path, params: statement.params.length, bytes });
          }
          if (statement.params.length > most.params) most = { params: statement.params.length, bytes, path };
        }
      }
    }
    console.log('the most bound parameters of any listing statement', most);
    expect(over).toEqual([]);
  }, 300_000);

  it('a search, the same with three types, every fact and "open now", and the map of a search, in every area', async () => {
    // An area walks one range for itself and one for each area above it: a subdistrict of the
    // Kurdistan Region has five (the country, the region, the governorate, the district and itself),
    // which the walk merges in two groups. Every area is asked, not a sample of them.
    const areas = (await env.DB.prepare('SELECT pcode FROM areas ORDER BY pcode').all<{ pcode: string }>()).results;
    expect(areas.length).toBeGreaterThan(700);
    const over: Array<{ path: string; status?: number; params?: number; bytes?: number }> = [];
    let most = { params: 0, path: '' };
    for (const { pcode } of areas) {
      for (const path of [
        `/api/v1/services?lang=en&area=${pcode}&q=${LONGEST}`,
        `/api/v1/services?lang=en&area=${pcode}&q=${LONGEST}&type=legal_aid,hotline,shelter${EVERY_FACT}&open_now=true`,
        `/api/v1/map/services?lang=en&area=${pcode}&q=${LONGEST}`,
      ]) {
        const page = await recordedStatements(path);
        if (page.status !== 200) over.push({ path, status: page.status });
        for (const statement of page.statements) {
          const bytes = new TextEncoder().encode(statement.sql).length;
          if (statement.params.length > D1_MOST_PARAMETERS || bytes > D1_MOST_SQL_BYTES) {
            over.push({ path, params: statement.params.length, bytes });
          }
          if (statement.params.length > most.params) most = { params: statement.params.length, path };
        }
      }
    }
    console.log('the most bound parameters of a statement in any area', most);
    expect(over).toEqual([]);
  }, 600_000);
});
