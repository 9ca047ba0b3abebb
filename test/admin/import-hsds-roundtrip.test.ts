// An HSDS export of the directory, imported into an empty directory and exported again, says the
// same thing: every service, organisation, site, contact route, hours rule, closure and every
// Masar fact ("masar-facts" attributes, verification metadata, P-codes, accessibility).
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDirectory, exportServices, normalised } from './hsds-roundtrip.ts';
import { signedIn, type Client, uploadImport } from './support.ts';

let admin: Client;
beforeAll(async () => {
  admin = await signedIn('admin');
});

describe('HSDS round trip', () => {
  it('export → import into an empty directory → export again gives the same services and facts', async () => {
    const first = await exportServices();
    expect(first.length).toBeGreaterThan(10);
    const text = JSON.stringify(first);

    await emptyDirectory();

    const dry = await uploadImport(admin, 'services.json', text);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.counts).toEqual({ new: first.length, changed: 0, unchanged: 0, rejected: 0 });
    const commit = await uploadImport(admin, 'services.json', text, {
      dry_run: 'false',
      plan_hash: dry.body.plan_hash,
    });
    expect(commit.status, JSON.stringify(commit.body)).toBe(200);

    // Imported listings are drafts (nothing enters the public directory unreviewed); the comparison
    // publishes them, as a reviewer would, to read them back through the public export.
    const drafts = await env.DB.prepare(
      "SELECT count(*) AS n FROM services WHERE status = 'draft' AND import_source LIKE 'services.json, %'",
    ).first<{ n: number }>();
    expect(drafts!.n).toBe(first.length);
    await env.DB.prepare("UPDATE services SET status = 'published' WHERE status = 'draft'").run();

    const second = await exportServices();
    expect(second).toHaveLength(first.length);
    expect(normalised(second)).toEqual(normalised(first));

    // Importing the same package again changes nothing.
    const again = await uploadImport(admin, 'services.json', text);
    expect(again.body.counts).toEqual({ new: 0, changed: 0, unchanged: first.length, rejected: 0 });
  }, 180_000);

  it('refuses a file that is not an HSDS package, naming the file field', async () => {
    const response = await uploadImport(admin, 'services.json', '{"organizations": []}');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ in: 'body', name: 'file', reason: expect.stringContaining('HSDS services') }),
    ]);
  });

  it("rejects a coordinator's service outside their areas, with that reason", async () => {
    const services = await exportServices();
    // A service with no area and no site in Duhok (IQG15), which the coordinator looks after.
    const outside = services.find((s) => !JSON.stringify(s).includes('"IQG15'));
    const coordinator = await signedIn('coordinator', { areas: ['IQG15'] });
    const dry = await uploadImport(
      coordinator,
      'services.json',
      JSON.stringify([{ ...outside, id: crypto.randomUUID() }]),
    );
    expect(dry.status).toBe(200);
    expect(dry.body.counts.rejected).toBe(1);
    expect(dry.body.rows[0].errors[0]).toMatchObject({
      column: 'service_areas',
      reason: expect.stringContaining('outside your areas'),
    });
  });
});
