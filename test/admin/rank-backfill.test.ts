// Area listings walk stored rank rows. A database migrated from before those rows existed has none;
// the scheduled job's next run ranks every published listing, so no area stays empty.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { runMaintenance } from '../../api/admin/index.ts';
import { database } from '../../db/client.ts';
import { get } from '../support/http.ts';

const mosul = () => get('/api/v1/services?area=IQG15Q05&lang=en&limit=100');

it('a database without rank rows gets every published listing ranked by the next scheduled run', async () => {
  const before = await mosul();
  expect(before.body.items.length).toBeGreaterThan(3);

  await env.DB.batch([env.DB.prepare('DELETE FROM listing_ranks'), env.DB.prepare('DELETE FROM listing_counts')]);
  expect((await mosul()).body.items).toEqual([]);

  await runMaintenance(database(env.DB), new Date());
  const after = await mosul();
  expect(after.body.items.map((s: { id: string }) => s.id)).toEqual(before.body.items.map((s: { id: string }) => s.id));
  expect(after.body.total).toBe(before.body.total);
});

it('a database without site cells gets every public site placed by the next scheduled run', async () => {
  const nearest = () => get('/api/v1/services?near=36.19,44.01&sort=distance&lang=en&limit=10');
  const before = await nearest();
  expect(before.body.items[0].distance_km).not.toBeNull();

  await env.DB.prepare('DELETE FROM site_cells').run();
  expect((await nearest()).body.items[0].distance_km).toBeNull();

  await runMaintenance(database(env.DB), new Date());
  const after = await nearest();
  expect(after.body.items.map((s: { id: string }) => s.id)).toEqual(before.body.items.map((s: { id: string }) => s.id));
});
