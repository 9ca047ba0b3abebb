// The service types are kept per isolate for the directory version a request read (the edge copy
// reads it first). Renaming a type is a write to a public table, which bumps the version and draws a
// new stamp, so the very next public read shows the new name; and once a request has read the
// taxonomy at a version, the next ones at that version do not read it again.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchCounted } from '../support/counted-fetch.ts';

const TYPE = 'legal_aid';
type Counted = Awaited<ReturnType<typeof fetchCounted>>;
const readsTaxonomy = (m: Counted) => m.statements.some((s) => /\bfrom "service_types"/i.test(s.sql));

/** What a maintainer's rename does to the table (the version is bumped by the table's trigger). */
async function rename(name: string) {
  await env.DB.prepare("UPDATE service_types SET names = json_set(names, '$.en', ?) WHERE id = ?")
    .bind(name, TYPE)
    .run();
}

describe('service types kept per isolate and directory version', () => {
  let original: string;
  let serviceId: string;
  beforeAll(async () => {
    original = (await env.DB.prepare('SELECT names FROM service_types WHERE id = ?').bind(TYPE).first<{
      names: string;
    }>())!.names;
    serviceId = (await env.DB.prepare(
      'SELECT s.id FROM services s JOIN service_type_assignments a ON a.service_id = s.id ' +
        "WHERE a.service_type_id = ? AND s.status = 'published' ORDER BY s.id LIMIT 1",
    )
      .bind(TYPE)
      .first<{ id: string }>())!.id;
  });
  afterAll(async () => {
    await env.DB.prepare('UPDATE service_types SET names = ? WHERE id = ?').bind(original, TYPE).run();
  });

  it('a renamed service type shows under its new name on the very next service page, service answer and listing', async () => {
    // The taxonomy is read, and kept, at the version before the rename.
    const before = await fetchCounted(`/api/v1/services/${serviceId}?lang=en`);
    expect(before.text).not.toContain('Legal help, renamed once');

    await rename('Legal help, renamed once');
    const page = await fetchCounted(`/s/${serviceId}?lang=en`);
    expect(page.text).toContain('Legal help, renamed once');
    expect(readsTaxonomy(page), 'the first read after the rename reads the taxonomy').toBe(true);
    // Later requests at the same version are served the copy, with the new name.
    const answer = await fetchCounted(`/api/v1/services/${serviceId}?lang=en`);
    const listing = await fetchCounted(`/api/v1/services?type=${TYPE}&lang=en&limit=100`);
    for (const m of [answer, listing]) {
      expect(m.text).toContain('Legal help, renamed once');
      expect(readsTaxonomy(m)).toBe(false);
    }

    await rename('Legal help, renamed twice');
    const nextListing = await fetchCounted(`/api/v1/services?type=${TYPE}&lang=en&limit=100`);
    expect(nextListing.text).toContain('Legal help, renamed twice');
    expect(nextListing.text).not.toContain('Legal help, renamed once');
    const nextPage = await fetchCounted(`/s/${serviceId}?lang=en`);
    expect(nextPage.text).toContain('Legal help, renamed twice');
    expect(nextPage.text).not.toContain('Legal help, renamed once');
  });

  it('a listing without an area takes one round trip fewer once the taxonomy is kept for the version', async () => {
    // An edit, as any write to the taxonomy: a new version, so nothing is kept for it yet.
    await rename('Legal help, renamed for the count');
    const first = await fetchCounted('/api/v1/services?lang=en&limit=5');
    const second = await fetchCounted('/api/v1/services?lang=en&limit=6');
    expect(readsTaxonomy(first)).toBe(true);
    expect(readsTaxonomy(second)).toBe(false);
    // The version, the taxonomy, the walk; then the version and the walk.
    expect(second.trips).toBe(first.trips - 1);
    expect(second.trips).toBeLessThanOrEqual(2);
    // A district listing reads its area in the same trip as the taxonomy would be: still at most three.
    const district = await fetchCounted('/api/v1/services?area=IQG15Q05&lang=en');
    expect(readsTaxonomy(district)).toBe(false);
    expect(district.trips).toBeLessThanOrEqual(3);
  });
});
