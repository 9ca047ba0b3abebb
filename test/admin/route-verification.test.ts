import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';
import { Client, one, rows, signedIn } from './support.ts';

const sample = sampleDirectory(new Date());
type SampleRoute = { id: string; kind: string; visibility: string; verification: { status: string } };
const byName = (name: string) => sample.services.find((s: { names: { en?: string } }) => s.names.en === name)!;
const verifiedRoutes = (service: { routes: SampleRoute[] }) =>
  service.routes.filter((r) => r.visibility === 'public' && r.verification.status === 'verified');
const routeVersion = async (id: string) =>
  (await one<{ version: number }>('SELECT version FROM contact_routes WHERE id = ?', id)).version;
const serviceVersion = async (id: string) =>
  (await one<{ version: number }>('SELECT version FROM services WHERE id = ?', id)).version;
const publicRoute = async (serviceId: string, routeId: string) =>
  (await get(`/api/v1/services/${serviceId}?lang=en`)).body.contact_routes.find(
    (r: { id: string }) => r.id === routeId,
  );

let admin: Client;
beforeAll(async () => {
  admin = await signedIn('admin');
});

describe('a contact route whose number or kind changes loses its verification', () => {
  it('a changed phone number is no longer shown as verified, nor is the listing whose only verified route it was, and both wait in the queue', async () => {
    const service = byName('Mobile psychosocial support team, Mosul district (sample)');
    const [route] = verifiedRoutes(service);
    expect(route).toBeDefined();
    const before = await one<{ last_verified_at: string }>(
      'SELECT last_verified_at FROM contact_routes WHERE id = ?',
      route!.id,
    );
    expect((await publicRoute(service.id, route!.id)).verification.status).toBe('verified');

    const response = await admin.patch(
      `/contact-routes/${route!.id}`,
      { value: '+9647700000555' },
      await routeVersion(route!.id),
    );
    expect(response.status).toBe(200);

    const shown = await publicRoute(service.id, route!.id);
    expect(shown.value).toBe('+9647700000555');
    expect(shown.verification).toEqual({
      status: 'unverified',
      freshness: 'unverified',
      last_verified_at: null,
      next_due: null,
    });
    const listing = await get(`/api/v1/services/${service.id}?lang=en`);
    expect(listing.body.verification).toMatchObject({
      status: 'unverified',
      freshness: 'unverified',
      last_verified_at: null,
    });
    expect(listing.body.verified_by).toBeNull();

    // The old check stays in the change log.
    const log = await rows<{ entity: string; field: string; old_value: string | null; new_value: string | null }>(
      'SELECT entity, field, old_value, new_value FROM change_log ' +
        "WHERE entity_id IN (?, ?) AND field IN ('verification_status', 'last_verified_at') ORDER BY id",
      route!.id,
      service.id,
    );
    expect(log).toEqual(
      expect.arrayContaining([
        { entity: 'contact_route', field: 'verification_status', old_value: '"verified"', new_value: '"unverified"' },
        {
          entity: 'contact_route',
          field: 'last_verified_at',
          old_value: JSON.stringify(before.last_verified_at),
          new_value: null,
        },
        expect.objectContaining({ entity: 'service', field: 'verification_status', new_value: '"unverified"' }),
      ]),
    );

    const queue = await admin.get('/queue');
    expect(queue.body.verifications_due.contact_routes.map((r: { id: string }) => r.id)).toContain(route!.id);
    expect(queue.body.verifications_due.services.map((s: { id: string }) => s.id)).toContain(service.id);

    // The service page says it is not checked, and the partners' export drops its assured date.
    const page = await get(`/s/${service.id}?lang=en`);
    expect(page.text).toContain('Not yet checked by our team');
    expect(page.text).not.toContain('Checked recently');
    const hsds = await get(`/api/v1/hsds/services/${service.id}`);
    expect(hsds.body.assured_date).toBeUndefined();
    expect(hsds.body.metadata).toEqual([]);
  });

  it('a check dated before the change does not verify the new number; a new check does', async () => {
    const service = byName('Mobile psychosocial support team, Mosul district (sample)');
    const [route] = verifiedRoutes(service);
    const changedAt = Date.parse(
      (
        await one<{ at: string }>(
          "SELECT max(at) AS at FROM change_log WHERE entity_id = ? AND field = 'value'",
          route!.id,
        )
      ).at,
    );
    const old = await admin.post(`/services/${service.id}/verifications`, {
      contact_route_id: route!.id,
      method: 'call',
      result: 'confirmed',
      verified_at: new Date(changedAt - 3_600_000).toISOString(),
    });
    expect(old.status).toBe(201);
    expect((await publicRoute(service.id, route!.id)).verification.status).toBe('unverified');
    const fresh = await admin.post(`/services/${service.id}/verifications`, {
      contact_route_id: route!.id,
      method: 'call',
      result: 'confirmed',
    });
    expect(fresh.status).toBe(201);
    expect((await publicRoute(service.id, route!.id)).verification).toMatchObject({
      status: 'verified',
      freshness: 'fresh',
    });
  });

  it('a changed kind (phone to WhatsApp) loses the verification too', async () => {
    const service = byName('Early-warning unit, Mosul (sample)');
    const [route] = verifiedRoutes(service);
    const response = await admin.patch(
      `/contact-routes/${route!.id}`,
      { kind: 'whatsapp' },
      await routeVersion(route!.id),
    );
    expect(response.status).toBe(200);
    expect((await publicRoute(service.id, route!.id)).verification.status).toBe('unverified');
  });

  it('the listing keeps its verification while another of its routes is still verified', async () => {
    const service = byName('Legal aid, Mosul (sample)');
    const [first, second] = verifiedRoutes(service);
    expect(second).toBeDefined();
    const response = await admin.patch(
      `/contact-routes/${first!.id}`,
      { value: first!.kind === 'email' ? 'legal.mosul.new@example.org' : '+9647700000556' },
      await routeVersion(first!.id),
    );
    expect(response.status).toBe(200);
    expect((await publicRoute(service.id, first!.id)).verification.status).toBe('unverified');
    expect((await publicRoute(service.id, second!.id)).verification.status).toBe('verified');
    expect((await get(`/api/v1/services/${service.id}`)).body.verification.status).toBe('verified');
  });

  it('a new label or new hours keep the verification: they describe the same channel', async () => {
    const service = byName('Women and girls safe space, Duhok (sample)');
    const [route] = verifiedRoutes(service);
    const response = await admin.patch(
      `/contact-routes/${route!.id}`,
      { labels: { en: 'Front desk' }, opening_hours: 'Su-Th 09:00-15:00' },
      await routeVersion(route!.id),
    );
    expect(response.status).toBe(200);
    expect((await publicRoute(service.id, route!.id)).verification.status).toBe('verified');
    expect((await get(`/api/v1/services/${service.id}`)).body.verification.status).toBe('verified');
  });

  it("a number changed through an editor's draft loses its verification when the draft is published", async () => {
    const service = byName('Protection cash assistance, Al-Karkh (sample)');
    const [route] = verifiedRoutes(service);
    const editor = await signedIn('editor', { organisationId: service.organisationId });
    const draft = await editor.patch(
      `/contact-routes/${route!.id}`,
      { value: '+9647700000557' },
      await routeVersion(route!.id),
    );
    expect(draft.status).toBe(202);
    expect((await publicRoute(service.id, route!.id)).verification.status).toBe('verified');

    const published = await admin.post(
      `/services/${service.id}/publish`,
      {},
      { 'If-Match': `"${await serviceVersion(service.id)}"` },
    );
    expect(published.status).toBe(200);
    const shown = await publicRoute(service.id, route!.id);
    expect(shown).toMatchObject({
      value: '+9647700000557',
      verification: { status: 'unverified', last_verified_at: null },
    });
    expect((await get(`/api/v1/services/${service.id}`)).body.verification.status).toBe('unverified');
    const queue = await admin.get('/queue');
    expect(queue.body.verifications_due.contact_routes.map((r: { id: string }) => r.id)).toContain(route!.id);
  });

  it('a route added to a verified listing is shown as not checked, and the listing stays verified', async () => {
    const service = byName('Psychosocial support for men and boys, Erbil (sample)');
    const added = await admin.post(`/services/${service.id}/contact-routes`, {
      kind: 'phone',
      value: '+9647500000558',
      labels: { en: 'New line' },
    });
    expect(added.status).toBe(201);
    expect((await publicRoute(service.id, added.body.id)).verification).toMatchObject({
      status: 'unverified',
      freshness: 'unverified',
    });
    expect((await get(`/api/v1/services/${service.id}`)).body.verification.status).toBe('verified');
    const stored = await env.DB.prepare('SELECT verification_status FROM contact_routes WHERE id = ?')
      .bind(added.body.id)
      .first<{ verification_status: string }>();
    expect(stored?.verification_status).toBe('unverified');
  });
});
