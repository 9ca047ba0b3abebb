import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { ORDER_BLOCK_SIZE } from '../../api/queries/hsds.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';
import { eachStatistics, measureWithEachStatistics } from '../support/statistics.ts';

// HSDS numbers its pages and most clients ask for them by number. A numbered page deep in a large
// directory must read the page, not every service before it, and its page object must stay exact.
const MOSUL = '/IQ/IQG15/IQG15Q05/';
const PER_PAGE = 20;

/** One HSDS request through the real Worker, with what it read from D1. */
async function hsds(path: string) {
  const { binding, recorded, rowsRead, trips } = instrumentedDb(env.DB);
  const response = await createApp().fetch(
    new Request(`https://masar.test/api/v1/hsds${path}`),
    { ...env, DB: binding },
    createExecutionContext(),
  );
  expect(response.status).toBe(200);
  // The statement that finds which services are on the page (the rest read their details).
  const finder = recorded.find((r) => /"sort_name"/.test(r.sql) && /\blimit\b/i.test(r.sql));
  return { body: (await response.json()) as any, rowsRead: rowsRead(), trips: trips(), finderRead: finder?.rowsRead };
}

/** Every published service id in HSDS order, as a partner syncing the directory reads them. */
async function everyId(): Promise<string[]> {
  return (await hsds('/services?minimal=true')).body.map((s: { id: string }) => s.id);
}

const blockCount = async () =>
  (await env.DB.prepare('SELECT count(*) AS n FROM service_order_blocks').first<{ n: number }>())!.n;

describe('numbered HSDS pages in a growing directory', () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  /** The first, a middle and the last page, each checked against the full list. */
  async function measurePages() {
    const all = await everyId();
    const lastPage = Math.ceil(all.length / PER_PAGE);
    const pages = [1, Math.ceil(lastPage / 2), lastPage];
    const measured = [];
    for (const page of pages) {
      const { body, rowsRead, trips, finderRead } = await hsds(`/services?per_page=${PER_PAGE}&page=${page}`);
      const expected = all.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      expect(body.contents.map((s: { id: string }) => s.id)).toEqual(expected);
      expect({ ...body, contents: undefined }).toEqual({
        total_items: all.length,
        total_pages: lastPage,
        page_number: page,
        size: expected.length,
        first_page: page === 1,
        last_page: page === lastPage,
        empty: false,
        contents: undefined,
      });
      measured.push({ page, rowsRead, trips, finderRead: finderRead!, services: expected.length });
    }
    return { total: all.length, measured };
  }

  it('the first, a middle and the last page read a bounded number of rows at 1,000 and 2,000 services, with the exact page object', async () => {
    const have = (await everyId()).length;
    grown = await growDirectory(env.DB, 1000 - have, { withinPath: MOSUL });
    const small = await measureWithEachStatistics(env.DB, measurePages);
    expect(small['without statistics'].total).toBe(1000);
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL })));
    const large = await measureWithEachStatistics(env.DB, measurePages);
    expect(large['without statistics'].total).toBe(2000);

    const blocks = await blockCount();
    expect(blocks).toBeLessThanOrEqual(Math.ceil(2000 / ORDER_BLOCK_SIZE));
    for (const [variant, s, l] of eachStatistics(small, large)) {
      console.log(
        `HSDS numbered pages ${variant}: rows read (finder) at 1,000 → 2,000`,
        s.measured.map((m, i) => {
          const at2000 = l.measured[i]!;
          const rows = `${m.rowsRead} (${m.finderRead}) → ${at2000.rowsRead} (${at2000.finderRead})`;
          return `page ${m.page} → ${at2000.page}: ${rows}`;
        }),
      );
      // The first page reads its own rows whatever the size.
      expect(l.measured[0]!.rowsRead, variant).toBe(s.measured[0]!.rowsRead);
      expect(l.measured[0]!.finderRead, variant).toBe(PER_PAGE);
      // A deeper page reads the block counts (a few hundred rows at 100,000 services), then at most
      // twice a block of the name index before its own services: never the services before it.
      for (const m of [...s.measured, ...l.measured]) {
        const name = `page ${m.page}, ${variant}`;
        expect(m.finderRead, name).toBeLessThanOrEqual(blocks + 2 * ORDER_BLOCK_SIZE + PER_PAGE);
        // The page's details cost what its services cost, not what the directory holds.
        expect(m.rowsRead - m.finderRead, name).toBeLessThanOrEqual(45 * m.services + 10);
      }
      // The last page at 2,000 services reads no more than at 1,000 plus the blocks that were added:
      // before, it skipped every one of the 1,980 services ahead of it.
      const lastSmall = s.measured[2]!;
      const lastLarge = l.measured[2]!;
      expect(lastLarge.finderRead, variant).toBeLessThan(2000 / 4);
      expect(lastLarge.trips, variant).toBe(lastSmall.trips);
    }
  }, 300_000);

  it('pages stay exact after services are renamed, unpublished and published again', async () => {
    const [renamed, unpublished] = grown;
    await env.DB.batch([
      env.DB.prepare("UPDATE services SET sort_name = 'aaa renamed synthetic' WHERE id = ?").bind(renamed),
      env.DB.prepare("UPDATE services SET status = 'draft' WHERE id = ?").bind(unpublished),
    ]);
    const { total, measured } = await measurePages();
    expect(total).toBe(1999);
    expect(measured.map((m) => m.page)).toEqual([1, 50, 100]);
    await env.DB.prepare("UPDATE services SET status = 'published' WHERE id = ?").bind(unpublished).run();
    expect((await measurePages()).total).toBe(2000);
    // The block counts add up to the published services, as the page object's total does.
    const { n } = (await env.DB.prepare('SELECT sum(services) AS n FROM service_order_blocks').first<{ n: number }>())!;
    expect(n).toBe(2000);
  }, 120_000);
});
