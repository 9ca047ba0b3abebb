import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import worker from '../../api/index.ts';
import { ftsMatchExpression } from '../../api/domain/text-normalise.ts';
import { get } from '../support/http.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { refreshDerived } from '../../api/admin/edit/listing-index.ts';
import { database } from '../../db/client.ts';
import { rows, signedIn, uploadImport, type Client } from '../admin/support.ts';

// A common word over the whole directory is paged in the full-text index's own order (a cursor past
// the last row read). A listing edited, or ranked again by the hourly job, while someone pages keeps
// its place in that order: each matching service is listed once, none again on a later page.

interface Listing {
  items: Array<{ id: string }>;
  next_cursor: string | null;
}

const WORD = 'brindlewort';
const path = `/api/v1/services?lang=en&q=${WORD}`;

async function page(cursor: string | null): Promise<Listing> {
  const response = await get(cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path);
  expect(response.status).toBe(200);
  return response.body as Listing;
}

/** The published services the full-text index matches (FTS5 MATCH, not the paged walk). */
async function expectedMatches(): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT s.id AS id FROM service_search m JOIN services s ON s.id = m.service_id
      WHERE service_search MATCH ? AND s.status = 'published'`,
  )
    .bind(ftsMatchExpression(WORD))
    .all<{ id: string }>();
  return results.map((r) => r.id).sort();
}

/** The full-text rows' rowids of these services: the order a common word is paged in. */
async function positions(ids: string[]) {
  const out: Array<number | undefined> = [];
  for (const id of ids)
    out.push(
      (
        await env.DB.prepare('SELECT rowid AS pos FROM service_search WHERE service_id = ?')
          .bind(id)
          .first<{ pos: number }>()
      )?.pos,
    );
  return out;
}

/** One run of the Worker's hourly job at `moment`. */
async function hourlyRun(moment: Date) {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ scheduledTime: moment.getTime(), cron: '17 * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A maintainer's edit of one listing through the admin API (If-Match with its current version). */
async function edit(admin: Client, id: string) {
  const read = await admin.get(`/services/${id}`);
  expect(read.status).toBe(200);
  const costKind = read.body.cost_kind === 'free' ? 'unknown' : 'free';
  const response = await admin.patch(`/services/${id}`, { cost_kind: costKind }, read.body.version);
  expect(response.status, response.text).toBe(200);
}

describe('paging a common word while listings change', () => {
  const grown: string[] = [];
  let admin: Client;
  beforeAll(async () => {
    admin = await signedIn('admin');
  });
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('lists each matching service exactly once when a service of the first page is edited and another ranked again by the hourly job before the next page', async () => {
    // More services hold the word than a rare word's (100), so it is paged in the index's order. It
    // is in their names, which a refresh of their search rows reads again.
    grown.push(...(await growDirectory(env.DB, 150, { name: 'Brindlewort service' })));
    const expected = await expectedMatches();
    expect(expected.length).toBe(150);

    const first = await page(null);
    expect(first.items.length).toBe(20);
    expect(first.next_cursor).not.toBeNull();
    const [edited, reranked] = first.items.map((item) => item.id);

    const before = await positions([edited!, reranked!]);
    // A maintainer edits one listing already shown ...
    await edit(admin, edited!);
    // ... and the hourly job ranks another again, its rank having fallen due.
    const moment = new Date();
    await env.DB.prepare('UPDATE listing_ranks SET rank_until = ? WHERE service_id = ?')
      .bind(new Date(moment.getTime() - 60_000).toISOString(), reranked!)
      .run();
    await hourlyRun(moment);
    const due = await env.DB.prepare('SELECT count(*) AS n FROM listing_ranks WHERE service_id = ? AND rank_until < ?')
      .bind(reranked!, moment.toISOString())
      .first<{ n: number }>();
    expect(due!.n).toBe(0);

    // Both keep their place in the index's order.
    expect(await positions([edited!, reranked!])).toEqual(before);
    const pages = [first];
    while (pages.at(-1)!.next_cursor) {
      pages.push(await page(pages.at(-1)!.next_cursor));
      expect(pages.length).toBeLessThan(50);
    }
    const listed = pages.flatMap((p) => p.items.map((item) => item.id));
    const repeated = listed.filter((id, i) => listed.indexOf(id) !== i);
    expect(repeated).toEqual([]);
    expect([...listed].sort()).toEqual(expected);
  }, 300_000);
});

describe('an import that changes a published listing', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('updates its full-text row in place: the listing keeps its place in the index order, with one row holding the new words', async () => {
    const admin = await signedIn('admin');
    const commit = async (sheet: string) => {
      const dry = await uploadImport(admin, 'order.csv', sheet);
      expect(dry.status).toBe(200);
      const done = await uploadImport(admin, 'order.csv', sheet, { dry_run: 'false', plan_hash: dry.body.plan_hash });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    };
    const sheet = (name: string) =>
      'external_id,organisation,service_type,service_name,governorate,district,phones\n' +
      `ORDER-1,Order Test Org,legal_aid,${name},Ninewa,Mosul,0770 405 0001\n`;
    await commit(sheet('Quorvane legal help'));
    // An import makes drafts: published here, as a maintainer would, which gives it its search row.
    const { id } = (await rows<{ id: string }>("SELECT id FROM services WHERE external_id = 'ORDER-1'"))[0]!;
    await env.DB.prepare("UPDATE services SET status = 'published' WHERE id = ?").bind(id!).run();
    await refreshDerived(database(env.DB), [id!]);
    const [before] = await positions([id!]);
    expect(before).toBeDefined();
    // Not the last row of the index (a row put back after the last one would take its rowid again).
    grown.push(...(await growDirectory(env.DB, 1)));

    await commit(sheet('Quorvane legal help zephyrine'));
    const search = await rows<{ pos: number; body: string }>(
      'SELECT rowid AS pos, body FROM service_search WHERE service_id = ?',
      id,
    );
    expect(search.map((r) => r.pos)).toEqual([before]);
    expect(search[0]!.body).toContain('zephyrine');
    const words = await rows<{ body: string }>('SELECT body FROM service_search_words WHERE service_id = ?', id);
    expect(words.map((w) => w.body)).toEqual([search[0]!.body]);
  });
});

describe('paging a common word while a listing is unpublished and published again', () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('keeps the listing at its place in the index order: each matching service is listed once', async () => {
    const admin = await signedIn('admin');
    const word = 'marrowfennel';
    const listing = `/api/v1/services?lang=en&q=${word}`;
    const read = async (cursor: string | null): Promise<Listing> => {
      const response = await get(cursor ? `${listing}&cursor=${encodeURIComponent(cursor)}` : listing);
      expect(response.status).toBe(200);
      return response.body as Listing;
    };
    // Closed through the admin API, which drops its search row; published again as the import
    // test does (the publish route asks for checks grown listings lack), with an edit's refresh.
    const close = async (id: string) => {
      const current = await admin.get(`/services/${id}`);
      expect(current.status).toBe(200);
      const response = await admin.post(`/services/${id}/close`, {}, { 'If-Match': `"${current.body.version}"` });
      expect(response.status, response.text).toBe(200);
    };
    const republish = async (id: string) => {
      await env.DB.prepare("UPDATE services SET status = 'published' WHERE id = ?").bind(id).run();
      await refreshDerived(database(env.DB), [id]);
    };
    grown.push(...(await growDirectory(env.DB, 150, { name: 'Marrowfennel service' })));
    // Grown after them, so none of the first page holds the last rowid of the index.
    grown.push(...(await growDirectory(env.DB, 1)));

    const first = await read(null);
    expect(first.items.length).toBe(20);
    expect(first.next_cursor).not.toBeNull();
    const shown = first.items[3]!.id;
    const [before] = await positions([shown]);
    expect(before).toBeDefined();

    await close(shown);
    expect(await positions([shown])).toEqual([undefined]);
    await republish(shown);
    expect(await positions([shown])).toEqual([before]);

    const pages = [first];
    while (pages.at(-1)!.next_cursor) {
      pages.push(await read(pages.at(-1)!.next_cursor));
      expect(pages.length).toBeLessThan(50);
    }
    const listed = pages.flatMap((p) => p.items.map((item) => item.id));
    expect(listed.filter((id, i) => listed.indexOf(id) !== i)).toEqual([]);
    expect(new Set(listed).size).toBe(150);
    expect(listed).toContain(shown);
  }, 300_000);
});
