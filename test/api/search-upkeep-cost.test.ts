// An edit of a published listing rewrites its full-text row. FTS5 finds a row fast only by its
// rowid, so the row is found through the listing's key (service_search_keys), one index seek: the
// edit's upkeep of the search index reads the same rows whether the directory holds 1,000 or 2,000
// services, where finding the row by service id read every row of the index.
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { refreshDerived } from '../../api/admin/edit/listing-index.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

const MOSUL = '/IQ/IQG15/IQG15Q05/';
const HERE = { lat: 36.345, lon: 43.155 };
/** Fixed, so the ranks written never depend on the wall clock. */
const MOMENT = new Date('2026-03-01T07:00:00Z');

/** Rows read by an edit's refresh of one listing's derived rows: its search upkeep and the whole refresh. */
async function refreshCost(id: string) {
  const recorder = instrumentedDb(env.DB, { writes: true });
  await refreshDerived(recorder.db, [id], MOMENT);
  const search = recorder.recorded.filter((r) => /service_search/.test(r.sql));
  expect(search.length).toBeGreaterThan(0);
  return {
    search: search.reduce((sum, r) => sum + r.rowsRead, 0),
    all: recorder.rowsRead(),
  };
}

describe("an edit's upkeep of the full-text index", () => {
  const grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  it('reads the same rows with 1,000 or 2,000 services in the district', async () => {
    const costs: Array<{ search: number; all: number }> = [];
    let edited: string | undefined;
    for (const count of [1000, 1000]) {
      grown.push(...(await growDirectory(env.DB, count, { withinPath: MOSUL, around: { ...HERE, radiusKm: 8 } })));
      // The same listing at both sizes, from the first growth: not the last row of the index.
      edited ??= grown[500]!;
      const before = await env.DB.prepare('SELECT body FROM service_search_words WHERE service_id = ?')
        .bind(edited)
        .first<{ body: string }>();
      // Its name changed, as an edit would, so the refresh writes new words.
      await env.DB.prepare(`UPDATE services SET names = json_set(names, '$.en', ?) WHERE id = ?`)
        .bind(`Renamed listing ${costs.length}`, edited)
        .run();
      costs.push(await refreshCost(edited));
      const search = await env.DB.prepare('SELECT body FROM service_search WHERE service_id = ?')
        .bind(edited)
        .all<{ body: string }>();
      expect(search.results).toHaveLength(1);
      expect(search.results[0]!.body).not.toBe(before!.body);
    }
    console.log(
      "an edit's refresh, rows read with 1,000 → 2,000 services in Mosul",
      `search index ${costs[0]!.search} → ${costs[1]!.search}, whole refresh ${costs[0]!.all} → ${costs[1]!.all}`,
    );
    // Index seeks: the same rows at both sizes, give or take a B-tree level.
    expect(Math.abs(costs[1]!.search - costs[0]!.search)).toBeLessThanOrEqual(3);
    expect(Math.abs(costs[1]!.all - costs[0]!.all)).toBeLessThanOrEqual(3);
  }, 300_000);
});

describe('a deleted listing', () => {
  it('takes its full-text row and its words with it, even when the listing goes before its words, and the next listing gets a key of its own', async () => {
    const [gone] = await growDirectory(env.DB, 1, { withinPath: MOSUL, name: 'Zorvath deleted' });
    const keyOf = (id: string) =>
      env.DB.prepare('SELECT key FROM service_search_keys WHERE service_id = ?').bind(id).first<{ key: number }>();
    const goneKey = (await keyOf(gone!))!.key;
    const ftsRows = (word: string) =>
      env.DB.prepare('SELECT count(*) AS n FROM service_search WHERE service_search MATCH ?')
        .bind(word)
        .first<{ n: number }>();
    expect((await ftsRows('zorvath'))!.n).toBe(1);
    // The listing first, then what refers to it, in one transaction (its foreign keys are checked
    // at the end): the order a maintainer's SQL or a later tool may use.
    const list = JSON.stringify([gone]);
    const refersTo = ['site_cells', 'service_at_locations', 'service_coverage', 'listing_ranks'];
    const more = ['service_open_hours', 'service_type_assignments', 'contact_routes', 'service_areas'];
    await env.DB.batch([
      env.DB.prepare('PRAGMA defer_foreign_keys = ON'),
      env.DB.prepare('DELETE FROM services WHERE id IN (SELECT value FROM json_each(?))').bind(list),
      ...[...refersTo, ...more].map((table) =>
        env.DB.prepare(`DELETE FROM ${table} WHERE service_id IN (SELECT value FROM json_each(?))`).bind(list),
      ),
    ]);
    expect((await ftsRows('zorvath'))!.n).toBe(0);
    expect(await keyOf(gone!)).toBeNull();
    const words = await env.DB.prepare('SELECT count(*) AS n FROM service_search_words WHERE service_id = ?')
      .bind(gone)
      .first<{ n: number }>();
    expect(words!.n).toBe(0);
    // A new listing may be given the freed key: its full-text row is the only one at that rowid.
    const [next] = await growDirectory(env.DB, 1, { withinPath: MOSUL, name: 'Quembral next' });
    try {
      const nextKey = (await keyOf(next!))!.key;
      expect(nextKey).toBeGreaterThanOrEqual(goneKey);
      const atKey = await env.DB.prepare('SELECT service_id FROM service_search WHERE rowid = ?')
        .bind(nextKey)
        .all<{ service_id: string }>();
      expect(atKey.results.map((r) => r.service_id)).toEqual([next]);
    } finally {
      await shrinkDirectory(env.DB, [next!]);
    }
  });
});
