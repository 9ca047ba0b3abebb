import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { ORDER_BLOCK_SIZE, ORDER_SPAN_BLOCKS } from '../../api/queries/hsds-order.ts';
import { termId } from '../../api/views/hsds-taxonomy.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { linkTo, pathOf } from '../support/http.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';
import { eachStatistics, measureWithEachStatistics } from '../support/statistics.ts';

// A partner syncing one service type pages through it by number. A deep page of one type must read
// the page, not every service of the type before it, and its page object must stay exact.
const MOSUL = '/IQ/IQG15/IQG15Q05/';
/** A term without sub-types: its pages are read from the type's own members. */
const TYPE = 'case_management';
const PER_PAGE = 20;
const typeQuery = `taxonomy_term_id=${termId(TYPE)}`;

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
  const finder = recorded.find((r) => /service_type_members/.test(r.sql) && /\blimit\b/i.test(r.sql));
  return { body: (await response.json()) as any, rowsRead: rowsRead(), trips: trips(), finderRead: finder?.rowsRead };
}

/** The type's published services, plainly: assignments joined to services, ORDER BY … LIMIT/OFFSET. */
async function plainListing(limit = -1, offset = 0): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT s.id FROM services s JOIN service_type_assignments a ON a.service_id = s.id AND a.service_type_id = ?1
     WHERE s.status = 'published' ORDER BY s.sort_name, s.id LIMIT ?2 OFFSET ?3`,
  )
    .bind(TYPE, limit, offset)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * How far into its block of the type the `skip`-th service of the type lies, worked out from the
 * services and their assignments (not the stored starts): the one part of a page's cost that depends
 * on where the page falls, between 0 and twice a block.
 */
const intoBlock = async (skip: number) =>
  (await env.DB.prepare(
    `WITH m AS (SELECT s.sort_name, s.id FROM services s
         JOIN service_type_assignments a ON a.service_id = s.id AND a.service_type_id = ?2
         WHERE s.status = 'published'),
       target AS (SELECT sort_name, id FROM m ORDER BY sort_name, id LIMIT 1 OFFSET ?1),
       block AS (SELECT sort_name, service_id FROM service_type_order_blocks
         WHERE type_id = ?2 AND (sort_name, service_id) <= (SELECT sort_name, id FROM target)
         ORDER BY sort_name DESC, service_id DESC LIMIT 1)
     SELECT count(*) AS n FROM m WHERE (sort_name, id) >= (SELECT sort_name, service_id FROM block)
       AND (sort_name, id) < (SELECT sort_name, id FROM target)`,
  )
    .bind(skip, TYPE)
    .first<{ n: number }>())!.n;

/**
 * Every type's stored members, blocks and spans against the services and their assignments: the
 * members are exactly the published services under each of their types and each of those types'
 * parents (a term's pages hold its sub-types' services), each block's count and start
 * and each span's count, blocks and start are worked out again from them.
 */
async function storedTypeOrderIsExact() {
  const { results: wrong } = await env.DB.prepare(
    `WITH members AS (SELECT a.service_type_id AS type_id, s.sort_name, s.id FROM service_type_assignments a
         JOIN services s ON s.id = a.service_id WHERE s.status = 'published'
         UNION
         SELECT t.parent_id, s.sort_name, s.id FROM service_type_assignments a
         JOIN service_types t ON t.id = a.service_type_id AND t.parent_id IS NOT NULL
         JOIN services s ON s.id = a.service_id WHERE s.status = 'published'),
       ordered AS (SELECT *, row_number() OVER (PARTITION BY type_id ORDER BY sort_name, id) - 1 AS pos FROM members),
       blocks AS (SELECT b.*, lead(b.sort_name) OVER w AS next_name, lead(b.service_id) OVER w AS next_id
         FROM service_type_order_blocks b WINDOW w AS (PARTITION BY b.type_id ORDER BY b.sort_name, b.service_id)),
       counted AS (SELECT b.*,
           (SELECT count(*) FROM ordered o WHERE o.type_id = b.type_id
             AND (o.sort_name, o.id) >= (b.sort_name, b.service_id)
             AND (b.next_name IS NULL OR (o.sort_name, o.id) < (b.next_name, b.next_id))) AS really,
           (SELECT min(o.pos) FROM ordered o WHERE o.type_id = b.type_id
             AND (o.sort_name, o.id) >= (b.sort_name, b.service_id)) AS first_pos
         FROM blocks b)
     SELECT 'member' AS what, type_id, id AS key FROM (SELECT * FROM members EXCEPT
       SELECT type_id, sort_name, service_id FROM service_type_members)
     UNION ALL
     SELECT 'stray member', type_id, service_id FROM (SELECT * FROM service_type_members EXCEPT SELECT * FROM members)
     UNION ALL
     SELECT 'block', c.type_id, c.sort_name FROM counted c JOIN service_type_order_spans p ON p.id = c.span
       WHERE c.services <> c.really OR (c.really > 0 AND p.start + c.start <> c.first_pos) OR p.type_id <> c.type_id
         OR c.services > 2 * ?1 OR (c.services = 0 AND c.sort_name <> '')
     UNION ALL
     SELECT 'span', p.type_id, p.sort_name FROM service_type_order_spans p
       WHERE p.services <> (SELECT coalesce(sum(services), 0) FROM service_type_order_blocks WHERE span = p.id)
         OR p.blocks <> (SELECT count(*) FROM service_type_order_blocks WHERE span = p.id)
         OR p.blocks > 2 * ?2
         OR p.start <> (SELECT coalesce(sum(q.services), 0) FROM service_type_order_spans q
           WHERE q.type_id = p.type_id AND (q.sort_name, q.service_id) < (p.sort_name, p.service_id))`,
  )
    .bind(ORDER_BLOCK_SIZE, ORDER_SPAN_BLOCKS)
    .all();
  return wrong;
}

/** An index seek may read one row past its range, and a grown row can be that row. */
const SEEK_SLACK = 3;
/** The span's and the block's seeks, and the reads of the two CTEs that hold what they found. */
const FINDING = 8;

describe('numbered HSDS pages of one service type in a growing type', () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  /** The first, a middle and the last page of the type, each checked against the plain listing. */
  async function measurePages() {
    const all = await plainListing();
    const lastPage = Math.ceil(all.length / PER_PAGE);
    const pages = [1, Math.ceil(lastPage / 2), lastPage];
    const measured = [];
    for (const page of pages) {
      const { body, rowsRead, trips, finderRead } = await hsds(
        `/services?${typeQuery}&per_page=${PER_PAGE}&page=${page}`,
      );
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

  it('the first, a middle and the last page of a type read the same rows at 1,000 and 2,000 of its services, with the exact page object', async () => {
    const have = (await plainListing()).length;
    grown = await growDirectory(env.DB, 1000 - have, { withinPath: MOSUL, typeId: TYPE });
    const small = await measureWithEachStatistics(env.DB, measurePages);
    expect(small['without statistics'].total).toBe(1000);
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL, typeId: TYPE })));
    const large = await measureWithEachStatistics(env.DB, measurePages);
    expect(large['without statistics'].total).toBe(2000);
    expect(await storedTypeOrderIsExact()).toEqual([]);

    for (const [variant, s, l] of eachStatistics(small, large)) {
      console.log(
        `HSDS numbered pages of one type ${variant}: rows read (finder, into its block) at 1,000 → 2,000`,
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
        // Past its two seeks, the statement that finds the page reads the type's members of its
        // block before it and its own: the same at either size once that place is set aside.
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
        // The page's details cost what its services cost, not what the type holds.
        expect(m.rowsRead - m.finderRead, name).toBeLessThanOrEqual(45 * m.services + 10);
      }
    }
  }, 300_000);

  /** Every numbered page of the type (and one past the end) and the whole Link walk, against the plain listing. */
  async function pagesListEachOnce(perPage: number) {
    const all = await plainListing();
    const lastPage = Math.ceil(all.length / perPage);
    const numbered: string[] = [];
    for (let page = 1; page <= lastPage + 1; page++) {
      const { body } = await hsds(`/services?${typeQuery}&per_page=${perPage}&page=${page}`);
      expect(body.contents.map((s: { id: string }) => s.id)).toEqual(await plainListing(perPage, (page - 1) * perPage));
      expect(body.total_items).toBe(all.length);
      expect(body.empty).toBe(page > lastPage);
      numbered.push(...body.contents.map((s: { id: string }) => s.id));
    }
    expect(numbered).toEqual(all);
    const linked: string[] = [];
    let path: string | null = `/api/v1/hsds/services?${typeQuery}&per_page=${perPage}`;
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
    return all.length;
  }

  it('every numbered page of the type and every page reached by the Link header list each of its services once, in HSDS order', async () => {
    expect(await pagesListEachOnce(50)).toBe(2000);
  }, 120_000);

  it('pages of the type stay exact after its services are renamed, unpublished, published again, and lose or gain the type', async () => {
    const [renamed, unpublished, untyped, retyped] = grown;
    await env.DB.batch([
      env.DB.prepare("UPDATE services SET sort_name = 'aaa renamed synthetic' WHERE id = ?").bind(renamed),
      env.DB.prepare("UPDATE services SET status = 'draft' WHERE id = ?").bind(unpublished),
      env.DB.prepare('DELETE FROM service_type_assignments WHERE service_id = ? AND service_type_id = ?').bind(
        untyped,
        TYPE,
      ),
      // A second type keeps the service in both.
      env.DB.prepare("INSERT INTO service_type_assignments (service_id, service_type_id) VALUES (?, 'legal_aid')").bind(
        retyped,
      ),
    ]);
    expect((await measurePages()).total).toBe(1998);
    expect(await storedTypeOrderIsExact()).toEqual([]);
    await env.DB.batch([
      env.DB.prepare("UPDATE services SET status = 'published' WHERE id = ?").bind(unpublished),
      env.DB.prepare('INSERT INTO service_type_assignments (service_id, service_type_id) VALUES (?, ?)').bind(
        untyped,
        TYPE,
      ),
    ]);
    expect(await pagesListEachOnce(50)).toBe(2000);
    expect(await storedTypeOrderIsExact()).toEqual([]);
  }, 120_000);

  it("a term's pages hold its sub-types' services once, and stay exact as a service gains and loses the term and its sub-types", async () => {
    const term = 'police';
    /** The term's published services with it or one of its sub-types, plainly, in HSDS order. */
    const family = async () =>
      (
        await env.DB.prepare(
          `SELECT DISTINCT s.id, s.sort_name FROM services s JOIN service_type_assignments a ON a.service_id = s.id
             JOIN service_types t ON t.id = a.service_type_id
           WHERE s.status = 'published' AND (t.id = ?1 OR t.parent_id = ?1) ORDER BY s.sort_name, s.id`,
        )
          .bind(term)
          .all<{ id: string }>()
      ).results.map((r) => r.id);
    const paged = async () => {
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const { body } = await hsds(`/services?taxonomy_term_id=${termId(term)}&per_page=50&page=${page}`);
        ids.push(...body.contents.map((s: { id: string }) => s.id));
        expect(body.total_items).toBe((await family()).length);
        if (body.last_page) return ids;
      }
    };
    const service = grown[10]!;
    const assign = (type: string) =>
      env.DB.prepare('INSERT INTO service_type_assignments (service_id, service_type_id) VALUES (?, ?)').bind(
        service,
        type,
      );
    const unassign = (type: string) =>
      env.DB.prepare('DELETE FROM service_type_assignments WHERE service_id = ? AND service_type_id = ?').bind(
        service,
        type,
      );
    const steps: Array<[string, D1PreparedStatement]> = [
      ['gains a sub-type', assign('community_police')],
      ['gains a second sub-type', assign('cybercrime_unit')],
      ['gains the term itself', assign(term)],
      ['loses the first sub-type', unassign('community_police')],
      ['loses the term itself', unassign(term)],
      ['loses its last sub-type', unassign('cybercrime_unit')],
    ];
    const before = await family();
    expect(before).not.toContain(service);
    for (const [step, statement] of steps) {
      await statement.run();
      expect(await storedTypeOrderIsExact(), step).toEqual([]);
      const expected = await family();
      expect(expected.includes(service), step).toBe(step !== 'loses its last sub-type');
      expect(await paged(), step).toEqual(expected);
    }
    expect(await family()).toEqual(before);
  }, 120_000);
});
