import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { ORDER_BLOCK_SIZE, ORDER_SPAN_BLOCKS } from '../../api/queries/hsds-order.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { linkTo, pathOf } from '../support/http.ts';
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

/**
 * How far into its block the `skip`-th published service lies, worked out from the services
 * themselves (not the stored starts): the one part of a numbered page's cost that depends on where
 * the page falls, between 0 and twice a block.
 */
const intoBlock = async (skip: number) =>
  (await env.DB.prepare(
    `SELECT count(*) AS n FROM services WHERE status = 'published'
        AND (sort_name, id) >= (SELECT sort_name, service_id FROM service_order_blocks
          WHERE (sort_name, service_id) <= (SELECT sort_name, id FROM services WHERE status = 'published'
            ORDER BY sort_name, id LIMIT 1 OFFSET ?1)
          ORDER BY sort_name DESC, service_id DESC LIMIT 1)
        AND (sort_name, id) < (SELECT sort_name, id FROM services WHERE status = 'published'
          ORDER BY sort_name, id LIMIT 1 OFFSET ?1)`,
  )
    .bind(skip)
    .first<{ n: number }>())!.n;

/**
 * The stored blocks and spans against the services: each block's count and start, each span's
 * count, blocks and start, all worked out again from the published services.
 */
async function storedOrderIsExact() {
  const { results: wrong } = await env.DB.prepare(
    `WITH ordered AS (SELECT sort_name, id, row_number() OVER (ORDER BY sort_name, id) - 1 AS pos
         FROM services WHERE status = 'published'),
       blocks AS (SELECT b.*, lead(b.sort_name) OVER w AS next_name, lead(b.service_id) OVER w AS next_id
         FROM service_order_blocks b WINDOW w AS (ORDER BY b.sort_name, b.service_id)),
       counted AS (SELECT b.sort_name, b.service_id, b.span, b.start, b.services,
           (SELECT count(*) FROM ordered o WHERE (o.sort_name, o.id) >= (b.sort_name, b.service_id)
             AND (b.next_name IS NULL OR (o.sort_name, o.id) < (b.next_name, b.next_id))) AS really,
           (SELECT min(o.pos) FROM ordered o WHERE (o.sort_name, o.id) >= (b.sort_name, b.service_id)) AS first_pos
         FROM blocks b)
     SELECT 'block' AS what, c.sort_name FROM counted c JOIN service_order_spans p ON p.id = c.span
       WHERE c.services <> c.really OR (c.really > 0 AND p.start + c.start <> c.first_pos)
         OR c.services > 2 * ?1 OR (c.services = 0 AND c.sort_name <> '')
     UNION ALL
     SELECT 'span', p.sort_name FROM service_order_spans p
       WHERE p.services <> (SELECT coalesce(sum(services), 0) FROM service_order_blocks WHERE span = p.id)
         OR p.blocks <> (SELECT count(*) FROM service_order_blocks WHERE span = p.id)
         OR p.blocks > 2 * ?2
         OR p.start <> (SELECT coalesce(sum(q.services), 0) FROM service_order_spans q
           WHERE (q.sort_name, q.service_id) < (p.sort_name, p.service_id))`,
  )
    .bind(ORDER_BLOCK_SIZE, ORDER_SPAN_BLOCKS)
    .all();
  return wrong;
}

/** An index seek may read one row past its range, and a grown row can be that row. */
const SEEK_SLACK = 3;
/** The span's and the block's seeks, and the reads of the two CTEs that hold what they found. */
const FINDING = 8;

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
      const into = page === 1 ? 0 : await intoBlock((page - 1) * PER_PAGE);
      measured.push({ page, rowsRead, trips, finderRead: finderRead!, into, services: expected.length });
    }
    return { total: all.length, measured };
  }

  it('the first, a middle and the last page read the same rows at 1,000 and 2,000 services, with the exact page object', async () => {
    const have = (await everyId()).length;
    grown = await growDirectory(env.DB, 1000 - have, { withinPath: MOSUL });
    const small = await measureWithEachStatistics(env.DB, measurePages);
    expect(small['without statistics'].total).toBe(1000);
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL })));
    const large = await measureWithEachStatistics(env.DB, measurePages);
    expect(large['without statistics'].total).toBe(2000);
    expect(await storedOrderIsExact()).toEqual([]);

    for (const [variant, s, l] of eachStatistics(small, large)) {
      console.log(
        `HSDS numbered pages ${variant}: rows read (finder, into its block) at 1,000 → 2,000`,
        s.measured.map((m, i) => {
          const at2000 = l.measured[i]!;
          const rows = (x: typeof m) => `${x.rowsRead} (${x.finderRead}, ${x.into})`;
          return `page ${m.page} → ${at2000.page}: ${rows(m)} → ${rows(at2000)}`;
        }),
      );
      // The first page reads its own rows whatever the size.
      expect(l.measured[0]!.rowsRead, variant).toBe(s.measured[0]!.rowsRead);
      expect(l.measured[0]!.finderRead, variant).toBe(PER_PAGE);
      for (const [i, at1000] of s.measured.entries()) {
        const at2000 = l.measured[i]!;
        const name = `page ${at1000.page} → ${at2000.page}, ${variant}`;
        // Past its two seeks, the statement that finds the page reads the services of its block
        // before it and its own: the same at either size once that place in the block is set aside.
        expect(Math.abs(at2000.finderRead - at2000.into - (at1000.finderRead - at1000.into)), name).toBeLessThanOrEqual(
          SEEK_SLACK,
        );
        // The whole request differs by no more than where the page falls in its block (under twice a block).
        expect(Math.abs(at2000.rowsRead - at1000.rowsRead), name).toBeLessThanOrEqual(
          2 * ORDER_BLOCK_SIZE + SEEK_SLACK,
        );
        expect(at2000.trips, name).toBe(at1000.trips);
      }
      for (const m of [...s.measured, ...l.measured]) {
        const name = `page ${m.page}, ${variant}`;
        expect(m.into, name).toBeLessThan(2 * ORDER_BLOCK_SIZE);
        expect(m.finderRead, name).toBeLessThanOrEqual(m.into + PER_PAGE + FINDING + SEEK_SLACK);
        // The page's details cost what its services cost, not what the directory holds.
        expect(m.rowsRead - m.finderRead, name).toBeLessThanOrEqual(45 * m.services + 10);
      }
    }
  }, 300_000);

  it('every numbered page and every page reached by the Link header lists each service once, in HSDS order', async () => {
    const all = await everyId();
    expect(all).toHaveLength(2000);
    const numbered: string[] = [];
    const perPage = 50;
    for (let page = 1; page <= Math.ceil(all.length / perPage) + 1; page++) {
      const { body } = await hsds(`/services?per_page=${perPage}&page=${page}`);
      expect(body.total_items).toBe(all.length);
      expect(body.empty).toBe(page > Math.ceil(all.length / perPage));
      numbered.push(...body.contents.map((s: { id: string }) => s.id));
    }
    expect(numbered).toEqual(all);
    const linked: string[] = [];
    let path: string | null = `/api/v1/hsds/services?per_page=${perPage}`;
    while (path) {
      const response: Response = await createApp().fetch(
        new Request(`https://masar.test${path}`),
        env,
        createExecutionContext(),
      );
      linked.push(...((await response.json()) as any).contents.map((s: { id: string }) => s.id));
      const next = linkTo(response.headers, 'next');
      path = next ? pathOf(next) : null;
    }
    expect(linked).toEqual(all);
  }, 120_000);

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
    // The block counts add up to the published services, as the page object's total does, and every
    // stored start is where its block or span begins.
    const { n } = (await env.DB.prepare('SELECT sum(services) AS n FROM service_order_blocks').first<{ n: number }>())!;
    expect(n).toBe(2000);
    expect(await storedOrderIsExact()).toEqual([]);
  }, 120_000);
});
