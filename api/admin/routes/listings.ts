/**
 * Creating and editing listings and their records (M3, M4, M6): services, referral details,
 * contact routes, closures and alerts, service locations with hours. Every write carries
 * If-Match; an editor's change to a published listing becomes a draft (202) until published.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { COUNTRIES, PCODE_PATTERN, SERVICE_STATUSES } from '../../domain/vocabulary.ts';
import { conflict, forbidden, invalidFields, notFound, notPublishable } from '../../errors.ts';
import { all } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, etag, IdParam, ifMatch, jsonBody, Reason, writeContext } from '../http.ts';
import { createRouter } from '../../router.ts';
import { authorizeService, checkSiteLocation, mayOnService, requireRole, type ServiceFacts } from '../auth/policy.ts';
import { countRestrictedRead } from '../auth/read-limit.ts';
import { fieldsSchema, SPECS, type EntityName } from '../edit/entities.ts';
import { applyPending, pendingChanges, propose } from '../edit/pending.ts';
import { assertRouteUnreferenced, checkAges, checkClosureSpan, checkEdit, checkNames, checkRouteValue, checkServiceLinks } from '../edit/validate.ts';
import { createEntity, deleteEntity, loadEntity, represent, staleProblem, updateEntity, type Loaded } from '../edit/write.ts';
import { restrictedService } from '../queries/restricted-service.ts';

const Links = z.object({
  type_ids: z.array(z.string().regex(/^[a-z_]+$/)).max(20).optional(),
  area_pcodes: z.array(z.string().regex(PCODE_PATTERN, 'must be P-codes')).max(100).optional(),
});
const ServicePatch = fieldsSchema(SPECS.service, 'patch').extend(Links.shape).extend({ change_reason: Reason });
const ServiceCreate = fieldsSchema(SPECS.service, 'create')
  .extend(Links.shape)
  .extend({ organisation_id: z.string().min(1).max(100), country: z.enum(COUNTRIES), change_reason: Reason });
const withReason = (entity: EntityName, mode: 'patch' | 'create') => fieldsSchema(SPECS[entity], mode).extend({ change_reason: Reason });
const ClosureCreate = withReason('closure', 'create').extend({ contact_route_id: z.string().max(100).nullable().optional() });
const StatusChange = z.object({ change_reason: Reason });

const ServiceParam = IdParam;

/** A listing's record, the service it belongs to, and whether the principal may edit it. */
async function editable(c: Context<AdminEnv>, entity: EntityName, id: string): Promise<{ loaded: Loaded; facts: ServiceFacts }> {
  const loaded = await loadEntity(c.env.DB, entity, id);
  if (!loaded || !loaded.serviceId) throw notFound(entity.replace('_', ' '), id);
  const facts = await authorizeService(c.env.DB, c.get('principal'), loaded.serviceId, 'edit');
  return { loaded, facts };
}

/** Editors' writes to a published listing are drafts; everyone else's apply at once. */
const isDraftWrite = (c: Context<AdminEnv>, facts: ServiceFacts) => c.get('principal').role === 'editor' && facts.status === 'published';

function draftAccepted(c: Context<AdminEnv>, id: number) {
  return c.json({ pending: true, pending_change_id: id, detail: 'Saved as a draft: a coordinator publishes it.' }, 202);
}

function withEtag(c: Context<AdminEnv>, loaded: Loaded, status: 200 | 201 = 200) {
  c.header('ETag', etag(loaded.version));
  return c.json(represent(loaded), status);
}

async function update(c: Context<AdminEnv>, entity: EntityName, id: string, body: Record<string, unknown>) {
  const { change_reason: reason, ...changes } = body;
  const version = ifMatch(c);
  const { loaded, facts } = await editable(c, entity, id);
  await checkEdit(c.env.DB, c.get('principal'), facts, entity, changes, { ...represent(loaded), ...changes });
  const ctx = writeContext(c, reason as string | undefined);
  if (isDraftWrite(c, facts)) {
    return draftAccepted(c, await propose(ctx, facts.id, { op: 'update', entity, entityId: id, fields: changes, basedOnVersion: version }));
  }
  const result = await updateEntity(ctx, entity, id, version, changes);
  c.header('ETag', etag(result.entity.version));
  return c.json({ ...represent(result.entity), changed_fields: result.changes.map((ch) => ch.field) }, 200);
}

async function create(c: Context<AdminEnv>, entity: EntityName, serviceId: string, body: Record<string, unknown>, links: Record<string, unknown>) {
  const { change_reason: reason, ...values } = body;
  const facts = await authorizeService(c.env.DB, c.get('principal'), serviceId, 'edit');
  const ctx = writeContext(c, reason as string | undefined);
  if (isDraftWrite(c, facts)) {
    const id = crypto.randomUUID();
    return draftAccepted(c, await propose(ctx, serviceId, { op: 'create', entity, entityId: id, fields: { ...values, __links: links }, basedOnVersion: null }));
  }
  return withEtag(c, await createEntity(ctx, entity, values, links), 201);
}

async function remove(c: Context<AdminEnv>, entity: EntityName, id: string) {
  const version = ifMatch(c);
  const { facts } = await editable(c, entity, id);
  const ctx = writeContext(c, c.req.query('change_reason'));
  if (isDraftWrite(c, facts)) return draftAccepted(c, await propose(ctx, facts.id, { op: 'delete', entity, entityId: id, fields: {}, basedOnVersion: version }));
  if (entity === 'contact_route') await assertRouteUnreferenced(c.env.DB, id);
  await deleteEntity(ctx, entity, id, version);
  return c.body(null, 204);
}

const r = {
  list: adminRoute({
    method: 'get',
    path: '/services',
    summary: 'Listings in your scope (drafts included)',
    request: { query: z.object({ status: z.enum(SERVICE_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).default(200) }) },
  }),
  create: adminRoute({ method: 'post', path: '/services', summary: 'Create a listing (a draft until published)', request: jsonBody(ServiceCreate) }),
  read: adminRoute({ method: 'get', path: '/services/{id}', summary: 'Everything about a listing, practitioner-only details included (C3); ETag = version', request: { params: ServiceParam } }),
  patch: adminRoute({ method: 'patch', path: '/services/{id}', summary: 'Edit a listing (If-Match)', request: { params: ServiceParam, ...jsonBody(ServicePatch) } }),
  referral: adminRoute({ method: 'patch', path: '/services/{id}/referral', summary: 'Edit practitioner-only referral details (If-Match: the service version)', request: { params: ServiceParam, ...jsonBody(withReason('referral', 'patch')) } }),
  publish: adminRoute({ method: 'post', path: '/services/{id}/publish', summary: 'Publish a draft listing and the pending drafts of edits (M6: needs a source and verified public routes)', request: { params: ServiceParam, ...jsonBody(StatusChange) } }),
  close: adminRoute({ method: 'post', path: '/services/{id}/close', summary: 'Close a listing: it leaves the public directory', request: { params: ServiceParam, ...jsonBody(StatusChange) } }),
  routeCreate: adminRoute({ method: 'post', path: '/services/{id}/contact-routes', summary: 'Add a contact route', request: { params: ServiceParam, ...jsonBody(withReason('contact_route', 'create')) } }),
  routePatch: adminRoute({ method: 'patch', path: '/contact-routes/{id}', summary: 'Edit a contact route (If-Match)', request: { params: IdParam, ...jsonBody(withReason('contact_route', 'patch')) } }),
  routeDelete: adminRoute({ method: 'delete', path: '/contact-routes/{id}', summary: 'Delete a contact route (If-Match)', request: { params: IdParam } }),
  closureCreate: adminRoute({ method: 'post', path: '/services/{id}/closures', summary: 'Add a dated closure or alert (M5)', request: { params: ServiceParam, ...jsonBody(ClosureCreate) } }),
  closurePatch: adminRoute({ method: 'patch', path: '/closures/{id}', summary: 'Edit a closure or alert (If-Match)', request: { params: IdParam, ...jsonBody(withReason('closure', 'patch')) } }),
  closureDelete: adminRoute({ method: 'delete', path: '/closures/{id}', summary: 'Delete a closure or alert (If-Match)', request: { params: IdParam } }),
  siteCreate: adminRoute({ method: 'post', path: '/services/{id}/locations', summary: 'Offer the service at a location, with its hours', request: { params: ServiceParam, ...jsonBody(withReason('service_location', 'create')) } }),
  sitePatch: adminRoute({ method: 'patch', path: '/service-locations/{id}', summary: 'Edit the hours at a location (If-Match: the service version)', request: { params: IdParam, ...jsonBody(withReason('service_location', 'patch')) } }),
  siteDelete: adminRoute({ method: 'delete', path: '/service-locations/{id}', summary: 'Stop offering the service at a location (If-Match: the service version)', request: { params: IdParam } }),
};

export const listingsRouter = createRouter<AdminEnv>()
  .openapi(r.list, async (c) => {
    const p = c.get('principal');
    const { status, limit } = c.req.valid('query');
    const rows = await all<{ id: string; organisationId: string; status: string; names: string; version: number; verificationStatus: string; nextDue: string | null; pending: number; paths: string | null }>(
      c.env.DB,
      `SELECT s.id, s.organisation_id AS organisationId, s.status, s.names, s.version, s.verification_status AS verificationStatus,
         s.next_verification_due AS nextDue, (SELECT count(*) FROM pending_changes p WHERE p.service_id = s.id) AS pending,
         (SELECT json_group_array(area_path) FROM service_coverage WHERE service_id = s.id) AS paths
       FROM services s WHERE (?1 IS NULL OR s.status = ?1) ORDER BY s.sort_name, s.id`,
      status ?? null,
    );
    const items = rows
      .filter((s) => mayOnService(p, 'read', { organisationId: s.organisationId, coveragePaths: JSON.parse(s.paths ?? '[]') as string[] }))
      .filter((s) => p.role !== 'caseworker' || s.status === 'published')
      .slice(0, limit)
      .map((s) => ({
        id: s.id,
        organisation_id: s.organisationId,
        status: s.status,
        names: JSON.parse(s.names) as unknown,
        version: s.version,
        verification_status: s.verificationStatus,
        next_verification_due: s.nextDue,
        pending_changes: s.pending,
      }));
    return c.json({ items }, 200);
  })
  .openapi(r.create, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator', 'editor'], 'create listings');
    const { organisation_id, country, change_reason: reason, ...values } = c.req.valid('json');
    if (p.role === 'editor' && organisation_id !== p.organisationId) throw forbidden('Editors create listings of their own organisation only.');
    if (p.role === 'coordinator' && !(values.area_pcodes as string[] | undefined)?.length) throw invalidFields([{ in: 'body', name: 'area_pcodes', reason: 'give at least one area within yours' }]);
    checkAges(values);
    checkNames(values);
    await checkServiceLinks(c.env.DB, p, values);
    const org = await all(c.env.DB, 'SELECT id FROM organisations WHERE id = ?', organisation_id);
    if (!org.length) throw invalidFields([{ in: 'body', name: 'organisation_id', reason: 'no such organisation' }]);
    const loaded = await createEntity(writeContext(c, reason), 'service', values, { organisation_id, country, status: 'draft' });
    return withEtag(c, loaded, 201);
  })
  .openapi(r.read, async (c) => {
    const { id } = c.req.valid('param');
    await authorizeService(c.env.DB, c.get('principal'), id, 'read');
    await countRestrictedRead(c);
    const listing = await restrictedService(c.env.DB, id, c.get('principal'));
    c.header('ETag', etag(Number((listing as Record<string, unknown>).version)));
    const p = c.get('principal');
    const pending = p.role === 'caseworker' ? undefined : await pendingChanges(c.env.DB, id);
    return c.json({ ...listing, pending_changes: pending }, 200);
  })
  .openapi(r.patch, async (c) => update(c, 'service', c.req.valid('param').id, c.req.valid('json')))
  .openapi(r.referral, async (c) => update(c, 'referral', c.req.valid('param').id, c.req.valid('json')))
  .openapi(r.publish, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const p = c.get('principal');
    const facts = await authorizeService(c.env.DB, p, id, 'publish');
    if (facts.version !== version) throw staleProblem(await loadEntity(c.env.DB, 'service', id), 'service', id);
    const ctx = writeContext(c, c.req.valid('json').change_reason);
    if (facts.status === 'closed') throw conflict('A closed listing is reopened by an admin, not published.');
    if (facts.status === 'draft') await assertPublishable(c.env.DB, id);
    const applied = await applyPending(ctx, id, p);
    if (facts.status === 'draft') {
      const service = (await loadEntity(c.env.DB, 'service', id))!;
      await updateEntity(ctx, 'service', id, service.version, { status: 'published' });
    }
    const after = (await loadEntity(c.env.DB, 'service', id))!;
    c.header('ETag', etag(after.version));
    return c.json({ ...represent(after), applied_drafts: applied }, 200);
  })
  .openapi(r.close, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    await authorizeService(c.env.DB, c.get('principal'), id, 'publish');
    const result = await updateEntity(writeContext(c, c.req.valid('json').change_reason), 'service', id, version, { status: 'closed' });
    return withEtag(c, result.entity);
  })
  .openapi(r.routeCreate, async (c) => {
    const body = c.req.valid('json');
    checkRouteValue(body);
    return create(c, 'contact_route', c.req.valid('param').id, body, { service_id: c.req.valid('param').id });
  })
  .openapi(r.routePatch, async (c) => update(c, 'contact_route', c.req.valid('param').id, c.req.valid('json')))
  .openapi(r.routeDelete, async (c) => remove(c, 'contact_route', c.req.valid('param').id))
  .openapi(r.closureCreate, async (c) => {
    const serviceId = c.req.valid('param').id;
    const { contact_route_id, ...body } = c.req.valid('json');
    checkClosureSpan(body);
    if (contact_route_id) {
      const route = await all(c.env.DB, 'SELECT id FROM contact_routes WHERE id = ? AND service_id = ?', contact_route_id, serviceId);
      if (!route.length) throw invalidFields([{ in: 'body', name: 'contact_route_id', reason: 'is not a contact route of this service' }]);
    }
    // Exactly one of service_id / contact_route_id (db/schema.ts closures).
    return create(c, 'closure', serviceId, body, contact_route_id ? { contact_route_id } : { service_id: serviceId });
  })
  .openapi(r.closurePatch, async (c) => update(c, 'closure', c.req.valid('param').id, c.req.valid('json')))
  .openapi(r.closureDelete, async (c) => remove(c, 'closure', c.req.valid('param').id))
  .openapi(r.siteCreate, async (c) => {
    const serviceId = c.req.valid('param').id;
    const body = c.req.valid('json');
    const facts = await authorizeService(c.env.DB, c.get('principal'), serviceId, 'edit');
    await checkSiteLocation(c.env.DB, c.get('principal'), facts, body.location_id);
    return create(c, 'service_location', serviceId, body, { service_id: serviceId });
  })
  .openapi(r.sitePatch, async (c) => {
    const { id } = c.req.valid('param');
    return update(c, 'service_location', id, c.req.valid('json'));
  })
  .openapi(r.siteDelete, async (c) => remove(c, 'service_location', c.req.valid('param').id));

/**
 * M6: a listing is published only with a source and at least one public contact route, every
 * public route verified (a route is verified only through a verification record).
 */
async function assertPublishable(d1: D1Database, serviceId: string) {
  const service = (await loadEntity(d1, 'service', serviceId))!.row;
  const routes = await all<{ id: string; status: string; records: number }>(
    d1,
    `SELECT r.id, r.verification_status AS status,
       (SELECT count(*) FROM verifications v WHERE v.contact_route_id = r.id) AS records
     FROM contact_routes r WHERE r.service_id = ? AND r.visibility = 'public' ORDER BY r.sort_order, r.id`,
    serviceId,
  );
  const missing: Array<{ in: 'body'; name: string; reason: string }> = [];
  if (!String(service.source_description ?? '').trim() && !String(service.source_url ?? '').trim()) {
    missing.push({ in: 'body', name: 'source_description', reason: 'a listing needs a source (description or URL) before it is published' });
  }
  if (!routes.length) missing.push({ in: 'body', name: 'contact_routes', reason: 'a listing needs at least one public contact route' });
  for (const route of routes) {
    if (route.status !== 'verified' || route.records === 0) {
      missing.push({ in: 'body', name: `contact_routes.${route.id}`, reason: 'this public contact route is not verified' });
    }
  }
  if (missing.length) {
    throw notPublishable('The listing is missing what publication requires (M6).', missing);
  }
}

