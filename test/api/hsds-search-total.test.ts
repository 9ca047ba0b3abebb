// An HSDS text search's `total_items` is exact, and read from the full-text index's term counts
// when they decide it (api/queries/search-total.ts): a word every added service holds reads the
// same rows at 1,000 and 2,000 services, with or without statistics. Paging through every page
// lists exactly `total_items` services, also after a listing is closed, edited and deleted.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDerived } from '../../api/admin/edit/listing-index.ts';
import { ftsMatchExpression } from '../../api/domain/text-normalise.ts';
import { database } from '../../db/client.ts';
import { fetchCounted } from '../support/counted-fetch.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { get, linkTo, pathOf } from '../support/http.ts';
import { BENCH_100K_STATISTICS, withStatistics } from '../support/statistics.ts';

const MOSUL = '/IQ/IQG15/IQG15Q05/';
const HSDS = '/api/v1/hsds';
/** An index seek may read one row past its range, and a grown row can be that row. */
const SEEK_SLACK = 3;

const publishedCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM services WHERE status = 'published'").first<{ n: number }>())!.n;

/** The published services a search matches, in the full-text index's order: what paging must list. */
async function matchesOf(search: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT f.service_id AS id FROM service_search f JOIN services s ON s.id = f.service_id
      WHERE service_search MATCH ? AND s.status = 'published' ORDER BY f.rowid`,
  )
    .bind(ftsMatchExpression(search))
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

interface Measured {
  rowsRead: number;
  trips: number;
  total: number;
  ids: string[];
}

async function measure(path: string): Promise<Measured> {
  const { text, rowsRead, trips } = await fetchCounted(`${HSDS}${path}`);
  const body = JSON.parse(text);
  return { rowsRead, trips, total: body.total_items, ids: body.contents.map((c: { id: string }) => c.id) };
}

// Every grown service holds "zorbium" and "quelpart"; a few fixed ones also "zorbiumite", so
// "zorbium" matches through two skeleton terms (zrbm, zrbmt) that share rows.
const GROWN = 'A zorbium quelpart service';
const FEW = 'A zorbiumite zorbium quelpart service';
const requests = {
  /** One term decides it (the body term's skeleton is the skeleton term). */
  oneTerm: '/services?per_page=5&search=quelpart',
  /** Two skeleton terms: their counts less the rows holding both. */
  twoTerms: '/services?per_page=5&search=zorbium',
  /** A prefix of both. */
  prefix: '/services?per_page=5&search=zorbi',
  /** A numbered page, at the same depth at both sizes. */
  numbered: '/services?per_page=5&page=3&search=zorbium',
};
type Name = keyof typeof requests;
const VARIANTS = ['without statistics', 'with its own statistics', 'with the statistics of 100,000'] as const;
type Variant = (typeof VARIANTS)[number];

async function measureAll(): Promise<Record<Name, Measured & { next: Measured }>> {
  const out = {} as Record<Name, Measured & { next: Measured }>;
  for (const [name, path] of Object.entries(requests) as Array<[Name, string]>) {
    const first = await measure(path);
    // The next page by its Link header (`after`): a position in the index, no skipping.
    const link = linkTo((await get(`${HSDS}${path}`)).headers, 'next')!;
    const next = await measure(pathOf(link).slice(HSDS.length));
    out[name] = { ...first, next };
  }
  return out;
}

const measuredWith = (variant: Variant) =>
  variant === 'without statistics'
    ? measureAll()
    : variant === 'with its own statistics'
      ? withStatistics(env.DB, measureAll)
      : withStatistics(env.DB, measureAll, BENCH_100K_STATISTICS);

describe('an HSDS search total in a directory growing with the searched words', () => {
  const grown: string[] = [];
  const small = {} as Record<Variant, Awaited<ReturnType<typeof measureAll>>>;
  const large = {} as Record<Variant, Awaited<ReturnType<typeof measureAll>>>;
  const matches = { small: {} as Record<Name, number>, large: {} as Record<Name, number> };
  const searchOf = (name: Name) => new URL(`http://x${requests[name]}`).searchParams.get('search')!;

  beforeAll(async () => {
    grown.push(...(await growDirectory(env.DB, 3, { withinPath: MOSUL, description: FEW })));
    grown.push(
      ...(await growDirectory(env.DB, 1000 - (await publishedCount()), { withinPath: MOSUL, description: GROWN })),
    );
    for (const name of Object.keys(requests) as Name[]) matches.small[name] = (await matchesOf(searchOf(name))).length;
    for (const variant of VARIANTS) small[variant] = await measuredWith(variant);
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, description: GROWN })));
    for (const name of Object.keys(requests) as Name[]) matches.large[name] = (await matchesOf(searchOf(name))).length;
    for (const variant of VARIANTS) large[variant] = await measuredWith(variant);
  }, 900_000);
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('grew from 1,000 to 2,000 services, every added one holding the words', async () => {
    expect(await publishedCount()).toBe(2000);
    for (const name of Object.keys(requests) as Name[]) {
      expect(matches.large[name] - matches.small[name], name).toBe(1000);
    }
  });

  describe.each(VARIANTS)('%s', (variant) => {
    it.each(Object.keys(requests) as Name[])('%s: exact total, same rows read at both sizes', (name) => {
      const [at1000, at2000] = [small[variant][name], large[variant][name]];
      expect(at1000.total, name).toBe(matches.small[name]);
      expect(at2000.total, name).toBe(matches.large[name]);
      expect(at1000.next.total, name).toBe(matches.small[name]);
      expect(at2000.next.total, name).toBe(matches.large[name]);
      expect(at2000.ids, name).toEqual(at1000.ids);
      expect(at2000.ids.length, name).toBe(5);
      expect(Math.abs(at2000.rowsRead - at1000.rowsRead), name).toBeLessThanOrEqual(SEEK_SLACK);
      expect(Math.abs(at2000.next.rowsRead - at1000.next.rowsRead), name).toBeLessThanOrEqual(SEEK_SLACK);
      // The directory version, the page with its term counts, and the intersections of terms sharing rows.
      expect(at2000.trips, name).toBeLessThanOrEqual(name === 'oneTerm' ? 2 : 3);
    });
  });

  it('reports', () => {
    for (const variant of VARIANTS) {
      console.log(
        `${variant}:\n` +
          (Object.keys(requests) as Name[])
            .map(
              (name) =>
                `  ${name}: ${small[variant][name].rowsRead} → ${large[variant][name].rowsRead} ` +
                `(next page ${small[variant][name].next.rowsRead} → ${large[variant][name].next.rowsRead}; ` +
                `${large[variant][name].trips} trips)`,
            )
            .join('\n'),
      );
    }
  });
});

describe('paging an HSDS search lists exactly total_items services', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  /** Every page by its Link header and every page by number: each lists what the index matches, total_items in all. */
  async function pageThrough(search: string) {
    const expected = await matchesOf(search);
    const linked: string[] = [];
    const numbered: string[] = [];
    let next: string | undefined = `${HSDS}/services?per_page=7&search=${encodeURIComponent(search)}`;
    for (let page = 1; next; page++) {
      const byLink: { body: any; headers: Headers } = await get(next);
      const byNumber = await get(`${HSDS}/services?per_page=7&page=${page}&search=${encodeURIComponent(search)}`);
      for (const body of [byLink.body, byNumber.body]) {
        expect(body.total_items, `${search}, page ${page}`).toBe(expected.length);
        expect(body.total_pages, `${search}, page ${page}`).toBe(Math.ceil(expected.length / 7));
      }
      linked.push(...byLink.body.contents.map((c: { id: string }) => c.id));
      numbered.push(...byNumber.body.contents.map((c: { id: string }) => c.id));
      const link = linkTo(byLink.headers, 'next');
      next = link ? pathOf(link) : undefined;
      expect(page).toBeLessThanOrEqual(Math.ceil(expected.length / 7) + 1);
    }
    expect(linked, search).toEqual(expected);
    expect(numbered, search).toEqual(expected);
    return expected.length;
  }

  // One term; two skeleton terms sharing rows; three once an edit adds a word; a prefix of all
  // of them; and two words, whose intersection the term counts cannot give (counted match by match).
  const SEARCHES = ['marlquistine', 'marlquist', 'marlq', 'marlquist pentacorn', 'pentacorn'];
  const totals = async () => Promise.all(SEARCHES.map(pageThrough));

  it('before and after a listing is closed, edited and deleted', async () => {
    grown.push(...(await growDirectory(env.DB, 40, { description: 'A marlquist pentacorn service' })));
    grown.push(...(await growDirectory(env.DB, 9, { description: 'A marlquistine marlquist service' })));
    grown.push(...(await growDirectory(env.DB, 6, { description: 'A marlquistine service' })));
    const before = await totals();
    expect(before).toEqual([15, 55, 55, 40, 40]);

    // Closed: no longer published, so it drops out of every count.
    const [closed, edited, deleted] = [grown[0]!, grown[41]!, grown[50]!];
    await env.DB.prepare("UPDATE services SET status = 'closed' WHERE id = ?").bind(closed).run();
    await refreshDerived(database(env.DB), [closed]);
    expect(await totals()).toEqual([15, 54, 54, 39, 39]);

    // Edited: "marlquistine" becomes "marlquistlore" (a third skeleton term) and "pentacorn" is added.
    await env.DB.prepare('UPDATE services SET descriptions = ? WHERE id = ?')
      .bind(JSON.stringify({ en: 'A marlquistlore marlquist pentacorn service' }), edited)
      .run();
    await refreshDerived(database(env.DB), [edited]);
    expect(await totals()).toEqual([14, 54, 54, 40, 40]);

    // Deleted outright, with its rows.
    await shrinkDirectory(env.DB, [deleted]);
    expect(await totals()).toEqual([13, 53, 53, 40, 40]);
  }, 300_000);
});
