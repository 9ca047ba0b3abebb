import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_BLOCK_SIZE } from '../../api/queries/hsds-order.ts';
import { publishedServicePage, type ServiceSeekKey } from '../../api/queries/hsds.ts';
import { get, linkTo, type ApiResponse } from '../support/http.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

// HSDS pages are numbered; a client that follows the Link header to the next page seeks instead of
// skipping, so a page deep in a large directory reads its own rows, not every row before it.
const PER_PAGE = 20;

describe('paging through a grown directory', () => {
  let synthetic: string[] = [];
  let total = 0;
  beforeAll(async () => {
    synthetic = await growDirectory(env.DB, 400);
    total = (await get('/api/v1/hsds/services?per_page=1')).body.total_items;
  }, 60_000);
  afterAll(() => shrinkDirectory(env.DB, synthetic));

  /** Rows the page's id query reads (the count is measured apart: the page object requires it). */
  async function pageRows(page: number, after?: ServiceSeekKey) {
    const { db, recorded } = instrumentedDb(env.DB);
    const result = await publishedServicePage(db, {}, { page, perPage: PER_PAGE }, after);
    const idQuery = recorded.find((r) => /limit/i.test(r.sql))!;
    const countQuery = recorded.find((r) => /count\(/i.test(r.sql))!;
    return { result, rows: idQuery.rowsRead, counted: countQuery.rowsRead };
  }

  it('the last page, reached by its seek key, reads as many rows as the first', async () => {
    const lastPage = Math.ceil(total / PER_PAGE);
    const first = await pageRows(1);
    // The key of the page before the last, as a client following Link headers would hold it.
    const before = await pageRows(lastPage - 1);
    const seek = await pageRows(lastPage, before.result.last);
    const offset = await pageRows(lastPage);
    expect(seek.result.ids).toEqual(offset.result.ids); // the same page either way
    expect(seek.rows).toBeLessThanOrEqual(first.rows + 1);
    // By number, the page starts where the stored block and span starts place it: two seeks and at
    // most a block's services before it are read, not every service ahead of it.
    expect(offset.rows).toBeLessThanOrEqual(2 * ORDER_BLOCK_SIZE + PER_PAGE + 6);
    // total_items: one walk of the (status, name) index, whatever the page.
    expect(seek.counted).toBe(first.counted);
  });

  it('following the Link header visits every service once, with the exact page object', async () => {
    const seen: string[] = [];
    let url: string | null = `/api/v1/hsds/services?per_page=100`;
    for (let page = 1; url; page++) {
      const response: ApiResponse = await get(url);
      expect(response.body).toMatchObject({
        total_items: total,
        page_number: page,
        first_page: page === 1,
        last_page: page === Math.ceil(total / 100),
      });
      seen.push(...response.body.contents.map((s: { id: string }) => s.id));
      const next = linkTo(response.headers, 'next');
      url = next ? `${next.pathname}${next.search}` : null;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const numbered = (await get(`/api/v1/hsds/services?per_page=100&page=3`)).body.contents.map((s: any) => s.id);
    expect(seen.slice(200, 300)).toEqual(numbered);
  });

  it('a seek key the API did not give out is refused by name', async () => {
    const response = await get('/api/v1/hsds/services?after=not-a-key');
    expect({ status: response.status, names: response.body.errors.map((e: { name: string }) => e.name) }).toEqual({
      status: 400,
      names: ['after'],
    });
  });
});

describe('a seek key with a page number that does not match it', () => {
  let synthetic: string[] = [];
  beforeAll(async () => {
    synthetic = await growDirectory(env.DB, 120);
  }, 60_000);
  afterAll(() => shrinkDirectory(env.DB, synthetic));

  const nextOf = (response: ApiResponse): URL | null => {
    return linkTo(response.headers, 'next');
  };
  const pathOf = (url: URL, change: Record<string, string | null> = {}) => {
    for (const [name, value] of Object.entries(change)) {
      if (value === null) url.searchParams.delete(name);
      else url.searchParams.set(name, value);
    }
    return `${url.pathname}${url.search}`;
  };
  const refusedNaming = (response: ApiResponse) => ({
    status: response.status,
    type: /application\/problem\+json/.test(response.headers.get('Content-Type') ?? ''),
    names: response.body.errors?.map((e: { name: string }) => e.name),
  });

  // The directory holds fewer sites than services (a grown service has none): smaller pages of them.
  for (const [what, list, perPage] of [
    ['services', '/api/v1/hsds/services?per_page=20', 20],
    ['sites', '/api/v1/hsds/service_at_locations?per_page=5', 5],
  ] as const) {
    it(`${what}: the key of the page before the last with page=1 is refused naming page, not answered with a Link to an empty page`, async () => {
      // Follow the Links to the page before the last, as a client does.
      let response = await get(list);
      const lastPage = response.body.total_pages as number;
      expect(lastPage).toBeGreaterThan(3);
      let next = nextOf(response)!;
      for (let page = 2; page < lastPage; page++) {
        response = await get(pathOf(next));
        expect(response.body.page_number, `${what} page ${page}`).toBe(page);
        next = nextOf(response)!;
      }
      // That Link leads to the last page, which has no next.
      const last = await get(pathOf(new URL(next)));
      expect(last.body).toMatchObject({ page_number: lastPage, last_page: true });
      expect(last.body.contents.length).toBeGreaterThan(0);
      expect(nextOf(last)).toBeNull();
      // The same key with another page number would number the last page 1 and link past the end.
      expect(refusedNaming(await get(pathOf(new URL(next), { page: '1' })))).toEqual({
        status: 400,
        type: true,
        names: ['page'],
      });
      // A per_page no page of which starts where the key does.
      const before = (lastPage - 1) * perPage;
      const misfit = [7, 9, 11, 13, 17, 19, 23].find((perPage) => before % perPage !== 0)!;
      expect(refusedNaming(await get(pathOf(new URL(next), { per_page: String(misfit) })))).toEqual({
        status: 400,
        type: true,
        names: ['per_page'],
      });
      // Without page, the key numbers the page itself: the same last page.
      const unnumbered = await get(pathOf(new URL(next), { page: null }));
      expect(unnumbered.status).toBe(200);
      expect(unnumbered.body).toEqual(last.body);
      expect(nextOf(unnumbered)).toBeNull();
    });
  }

  it('a page deep in the list, reached by its key without page, is the numbered page and links to the next one', async () => {
    const first = await get('/api/v1/hsds/services?per_page=20');
    const second = await get(pathOf(nextOf(first)!, { page: null }));
    const numbered = await get('/api/v1/hsds/services?per_page=20&page=2');
    expect(second.body).toEqual(numbered.body);
    expect(nextOf(second)!.searchParams.get('page')).toBe('3');
    const third = await get(pathOf(nextOf(second)!));
    expect(third.body).toEqual((await get('/api/v1/hsds/services?per_page=20&page=3')).body);
  });
});
