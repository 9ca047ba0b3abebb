// Each published service's public details are stored as one document, so a page of services reads
// one row per service. A document must never say what the service no longer says: database
// triggers drop it on any change, readers then read the live tables, and it is built again.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMaintenance } from '../../api/admin/jobs/maintenance.ts';
import { servicesWithoutDocument } from '../../api/admin/edit/listing-index.ts';
import { documentsAt, liveDocuments, storedDocuments } from '../../api/queries/service-documents.ts';
import { database } from '../../db/client.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { fetchCounted } from '../support/counted-fetch.ts';
import { Client, signedIn } from '../admin/support.ts';

const db = database(env.DB);
const MOSUL = '/IQ/IQG15/IQG15Q05/';

const publishedIds = async () =>
  (
    await env.DB.prepare("SELECT id FROM services WHERE status = 'published' ORDER BY id").all<{ id: string }>()
  ).results.map((r) => r.id);

const hasDocument = async (id: string) =>
  Boolean(await env.DB.prepare('SELECT 1 FROM service_documents WHERE service_id = ?').bind(id).first());

/** A published Mosul service with a public phone route, a site and a type: something to change. */
async function mosulService() {
  return (await env.DB.prepare(
    `SELECT s.id, s.organisation_id AS organisationId, r.id AS routeId, sal.location_id AS locationId
       FROM services s
       JOIN service_coverage c ON c.service_id = s.id AND c.area_path = ?
       JOIN contact_routes r ON r.service_id = s.id AND r.visibility = 'public'
       JOIN service_at_locations sal ON sal.service_id = s.id
       JOIN service_type_assignments a ON a.service_id = s.id
      WHERE s.status = 'published' ORDER BY s.id LIMIT 1`,
  )
    .bind(MOSUL)
    .first<{ id: string; organisationId: string; routeId: string; locationId: string }>())!;
}

describe('the stored documents', () => {
  it('every published service has a document, and it is exactly what the public read model says', async () => {
    const ids = await publishedIds();
    expect(ids.length).toBeGreaterThan(20);
    const stored = await storedDocuments(db, ids);
    expect(stored.map((d) => d.id).sort()).toEqual(ids);
    const now = new Date();
    // Closures are judged at the moment read, in both.
    const fromDocuments = await documentsAt(db, ids, now, stored);
    const live = await liveDocuments(db, ids, now);
    expect(Object.fromEntries(fromDocuments)).toEqual(Object.fromEntries(live));
  });

  it('a confidential site in a document has no address and no coordinates, as in every public read', async () => {
    const confidential = await env.DB.prepare(
      `SELECT sal.service_id AS id FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
        JOIN services s ON s.id = sal.service_id AND s.status = 'published' WHERE l.is_confidential = 1 LIMIT 1`,
    ).first<{ id: string }>();
    expect(confidential).not.toBeNull();
    const [row] = await storedDocuments(db, [confidential!.id]);
    const sites = row!.body.locations.filter((l) => l.isConfidential);
    expect(sites.length).toBeGreaterThan(0);
    for (const site of sites) expect([site.address, site.lat, site.lon]).toEqual([{}, null, null]);
  });

  it('a service that is not published has no document', async () => {
    const draft = await env.DB.prepare("SELECT id FROM services WHERE status <> 'published' LIMIT 1").first<{
      id: string;
    }>();
    expect(draft).not.toBeNull();
    expect(await hasDocument(draft!.id)).toBe(false);
  });
});

describe('a document is dropped by any write to what it holds', () => {
  let service: Awaited<ReturnType<typeof mosulService>>;
  beforeAll(async () => {
    service = await mosulService();
  });

  const writes: Array<[string, () => D1PreparedStatement]> = [
    ['its own row', () => env.DB.prepare('UPDATE services SET cost_kind = cost_kind WHERE id = ?').bind(service.id)],
    [
      'its organisation',
      () => env.DB.prepare('UPDATE organisations SET website = website WHERE id = ?').bind(service.organisationId),
    ],
    [
      'a contact route',
      () =>
        env.DB.prepare('UPDATE contact_routes SET opening_hours = opening_hours WHERE id = ?').bind(service.routeId),
    ],
    [
      'a closure of the service',
      () =>
        env.DB.prepare(
          'INSERT INTO closures (id, service_id, starts_at, ends_at) ' +
            "VALUES (?, ?, '2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z')",
        ).bind(crypto.randomUUID(), service.id),
    ],
    [
      'a closure of one of its routes',
      () =>
        env.DB.prepare(
          'INSERT INTO closures (id, contact_route_id, starts_at, ends_at) ' +
            "VALUES (?, ?, '2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z')",
        ).bind(crypto.randomUUID(), service.routeId),
    ],
    [
      'the hours at one of its sites',
      () =>
        env.DB.prepare('UPDATE service_at_locations SET opening_hours = opening_hours WHERE service_id = ?').bind(
          service.id,
        ),
    ],
    [
      'whether its site is confidential',
      () =>
        env.DB.prepare('UPDATE locations SET is_confidential = is_confidential WHERE id = ?').bind(service.locationId),
    ],
    [
      'its types',
      () =>
        env.DB.prepare(
          'UPDATE service_type_assignments SET service_type_id = service_type_id WHERE service_id = ?',
        ).bind(service.id),
    ],
    [
      'the order of its types',
      () =>
        env.DB.prepare(
          'UPDATE service_types SET sort_order = sort_order ' +
            'WHERE id IN (SELECT service_type_id FROM service_type_assignments WHERE service_id = ?)',
        ).bind(service.id),
    ],
  ];

  it.each(writes)('a write to %s drops the document, and the scheduled job builds it again', async (_what, write) => {
    if (!(await hasDocument(service.id))) await runMaintenance(db, new Date());
    expect(await hasDocument(service.id)).toBe(true);
    await write().run();
    expect(await hasDocument(service.id)).toBe(false);
    const report = await runMaintenance(db, new Date());
    expect(report.documents_stored).toBeGreaterThanOrEqual(1);
    expect(await hasDocument(service.id)).toBe(true);
  });
});

describe('never stale', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = await signedIn('admin');
  });

  it("a maintainer's edit is on the service page and in its district's listing at once, and its document is built again", async () => {
    const { id } = await mosulService();
    const current = await admin.get(`/services/${id}`);
    const renamed = await admin.patch(
      `/services/${id}`,
      { names: { ...current.body.names, en: 'Tlaloc counselling desk, Mosul' } },
      current.body.version,
    );
    expect(renamed.status).toBe(200);
    expect((await fetchCounted(`/s/${id}?lang=en`)).text).toContain('Tlaloc counselling desk');
    expect((await fetchCounted(`/api/v1/services/${id}?lang=en`)).text).toContain('Tlaloc counselling desk');
    const listing = await fetchCounted('/api/v1/services?area=IQG15Q05&lang=en&limit=50');
    expect(listing.text).toContain('Tlaloc counselling desk');
    // The edit's own refresh stored the new document: the page read it, not the live tables.
    const [row] = await storedDocuments(db, [id]);
    expect(row?.body.service.names.en).toBe('Tlaloc counselling desk, Mosul');
  });

  it('a write made straight into the database is on the service page and in the listing at once', async () => {
    const { id, routeId } = await mosulService();
    expect(await hasDocument(id)).toBe(true);
    await env.DB.prepare("UPDATE contact_routes SET value = '+9647801234567' WHERE id = ?").bind(routeId).run();
    const page = await fetchCounted(`/api/v1/services/${id}?lang=en`);
    expect(page.text).toContain('+9647801234567');
    const listing = await fetchCounted('/api/v1/services?area=IQG15Q05&lang=en&limit=50');
    expect(listing.text).toContain('+9647801234567');
    // Read live meanwhile; the scheduled job stores the document again, with the new number.
    expect(await hasDocument(id)).toBe(false);
    await runMaintenance(db, new Date());
    const [row] = await storedDocuments(db, [id]);
    expect(row?.body.routes.map((r) => r.value)).toContain('+9647801234567');
  });

  it('a closure that ended after a document was built is no longer shown', async () => {
    const { id } = await mosulService();
    const endsSoon = new Date(Date.now() + 60_000).toISOString();
    const closure = crypto.randomUUID();
    await env.DB.prepare(
      "INSERT INTO closures (id, service_id, starts_at, ends_at, closes) VALUES (?, ?, '2020-01-01T00:00:00Z', ?, 1)",
    )
      .bind(closure, id, endsSoon)
      .run();
    await runMaintenance(db, new Date());
    const [row] = await storedDocuments(db, [id]);
    expect(row?.body.closures.map((c) => c.id)).toContain(closure);
    const later = new Date(Date.now() + 120_000);
    const [seen] = (await documentsAt(db, [id], later)).values();
    expect(seen?.closures.map((c) => c.id)).not.toContain(closure);
    await env.DB.prepare('DELETE FROM closures WHERE id = ?').bind(closure).run();
    await runMaintenance(db, new Date());
    expect(await hasDocument(id)).toBe(true);
  });
});

describe('rows read by a page of services', () => {
  let grown: string[] = [];
  afterAll(() => shrinkDirectory(env.DB, grown));

  const paths = (one: string) => ({
    list: '/api/v1/services?area=IQG15Q05&lang=ar',
    detail: `/api/v1/services/${one}?lang=ar`,
    page: `/s/${one}?lang=ar`,
  });

  it('a district page of 20 reads the same rows with 1,000 or 2,000 services in the district: at most 3 per service and a few more, in 3 queries', async () => {
    const { id } = await mosulService();
    // Every service here has its document (the tests above build again what they dropped).
    expect(await servicesWithoutDocument(db, 1)).toEqual([]);
    grown = await growDirectory(env.DB, 1000, { withinPath: MOSUL });
    const measure = async () => {
      const p = paths(id);
      return {
        list: await fetchCounted(p.list),
        detail: await fetchCounted(p.detail),
        page: await fetchCounted(p.page),
      };
    };
    const small = await measure();
    grown.push(...(await growDirectory(env.DB, 1000, { withinPath: MOSUL })));
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM listing_ranks WHERE area_path = ? AND reach = 'in'")
      .bind(MOSUL)
      .first<{ n: number }>())!;
    expect(n).toBeGreaterThanOrEqual(2000);
    const large = await measure();
    expect(JSON.parse(large.list.text).items).toHaveLength(20);
    expect(large.list.rowsRead).toBe(small.list.rowsRead);
    expect(large.detail.rowsRead).toBe(small.detail.rowsRead);
    expect(large.page.rowsRead).toBe(small.page.rowsRead);
    // Per service: its rank, its service row (the walk's filters probe it) and its document. The
    // constant: the directory version (1), the taxonomy (two rows per type: it is read in its sort
    // order) and the version it was read at (1: the copy kept per isolate is keyed by it; here the
    // growth has just bumped the version, so it is read), the area (1), the area's count (3), one or
    // two probes per range of the area and of its ancestors (18), and the rank past the page that
    // says there is a next one (3).
    const types = (await env.DB.prepare('SELECT count(*) AS n FROM service_types').first<{ n: number }>())!.n;
    expect(large.list.rowsRead).toBeLessThanOrEqual(3 * 20 + (1 + 2 * types + 1 + 1 + 3 + 18 + 3));
    // The directory version, then the taxonomy with the area, then the walk with its documents.
    expect(large.list.trips).toBeLessThanOrEqual(3);
    // The page's details are the documents the walk brought: no query reads the live tables.
    const live = /"contact_routes"|"service_at_locations"|"closures"/;
    expect(large.list.statements.filter((s) => live.test(s.sql))).toEqual([]);
    expect(large.detail.statements.filter((s) => live.test(s.sql))).toEqual([]);
  }, 300_000);
});
