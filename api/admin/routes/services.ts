/**
 * Listings (M3, M4, M6): the list in your scope, creating, the full read, editing the service
 * and its referral details, publishing and closing.
 */
import { z } from '@hono/zod-openapi';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { pendingChanges as pendingTable, verifications } from '../../../db/maintainer-schema.ts';
import { contactRoutes, organisations, serviceCoverage, services } from '../../../db/schema.ts';
import { COUNTRIES, PCODE_PATTERN, SERVICE_STATUSES } from '../../domain/vocabulary.ts';
import { conflict, forbidden, invalidFields, notPublishable } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, etag, IdParam, ifMatch, jsonBody, Reason, writeContext } from '../http.ts';
import { authorizeService, mayOnService, requireRole } from '../auth/policy.ts';
import { countRestrictedRead } from '../auth/read-limit.ts';
import { fieldsSchema, SPECS } from '../edit/entities.ts';
import { applyPending, pendingChanges } from '../edit/pending.ts';
import { checkAges, checkNames, checkServiceLinks } from '../edit/validate.ts';
import { createEntity, loadEntity, represent, staleProblem, updateEntity } from '../edit/write.ts';
import { restrictedService } from '../queries/restricted-service.ts';
import {
  Listing,
  ReferralChanged,
  Service,
  ServiceChanged,
  ServiceList,
  ServicePublished,
} from '../schemas/services.ts';
import { update, withEtag } from './records.ts';
import { DraftAccepted } from '../schemas/records.ts';

const Links = z.object({
  type_ids: z
    .array(z.string().regex(/^[a-z_]+$/))
    .max(20)
    .optional(),
  area_pcodes: z.array(z.string().regex(PCODE_PATTERN, 'must be P-codes')).max(100).optional(),
});
const ServicePatch = fieldsSchema(SPECS.service, 'patch').extend(Links.shape).extend({ change_reason: Reason });
const ServiceCreate = fieldsSchema(SPECS.service, 'create')
  .extend(Links.shape)
  .extend({ organisation_id: z.string().min(1).max(100), country: z.enum(COUNTRIES), change_reason: Reason });
const ReferralPatch = fieldsSchema(SPECS.referral, 'patch').extend({ change_reason: Reason });
const StatusChange = z.object({ change_reason: Reason });

const r = {
  list: adminRoute({
    method: 'get',
    path: '/services',
    summary: 'Listings in your scope (drafts included)',
    request: {
      query: z.object({
        status: z.enum(SERVICE_STATUSES).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(200),
      }),
    },
    ok: ServiceList,
  }),
  create: adminRoute({
    method: 'post',
    path: '/services',
    summary: 'Create a listing (a draft until published)',
    request: jsonBody(ServiceCreate),
    created: Service,
  }),
  read: adminRoute({
    method: 'get',
    path: '/services/{id}',
    summary: 'Everything about a listing, practitioner-only details included; ETag = version',
    request: { params: IdParam },
    ok: Listing,
  }),
  patch: adminRoute({
    method: 'patch',
    path: '/services/{id}',
    summary: "Edit a listing (If-Match); an editor's edit of a published listing is a draft (202)",
    request: { params: IdParam, ...jsonBody(ServicePatch) },
    ok: ServiceChanged,
    accepted: DraftAccepted,
  }),
  referral: adminRoute({
    method: 'patch',
    path: '/services/{id}/referral',
    summary: 'Edit practitioner-only referral details (If-Match: the service version)',
    request: { params: IdParam, ...jsonBody(ReferralPatch) },
    ok: ReferralChanged,
    accepted: DraftAccepted,
  }),
  publish: adminRoute({
    method: 'post',
    path: '/services/{id}/publish',
    summary:
      'Publish a draft listing and the pending drafts of edits (needs a source and at least one verified public ' +
      'contact route)',
    request: { params: IdParam, ...jsonBody(StatusChange) },
    ok: ServicePublished,
  }),
  close: adminRoute({
    method: 'post',
    path: '/services/{id}/close',
    summary: 'Close a listing: it leaves the public directory',
    request: { params: IdParam, ...jsonBody(StatusChange) },
    ok: Service,
  }),
};

export const servicesRouter = createRouter<AdminEnv>()
  .openapi(r.list, async (c) => {
    const p = c.get('principal');
    const { status, limit } = c.req.valid('query');
    const db = c.get('db');
    const [rows, drafts, coverage] = await Promise.all([
      db
        .select({
          id: services.id,
          organisationId: services.organisationId,
          status: services.status,
          names: services.names,
          version: services.version,
          verificationStatus: services.verificationStatus,
          nextDue: services.nextVerificationDue,
        })
        .from(services)
        .where(status ? eq(services.status, status) : undefined)
        .orderBy(asc(services.sortName), asc(services.id)),
      db.select({ serviceId: pendingTable.serviceId, n: count() }).from(pendingTable).groupBy(pendingTable.serviceId),
      db.select({ serviceId: serviceCoverage.serviceId, path: serviceCoverage.areaPath }).from(serviceCoverage),
    ]);
    const pending = new Map(drafts.map((d) => [d.serviceId, d.n]));
    const paths = new Map<string, string[]>();
    for (const row of coverage) paths.set(row.serviceId, [...(paths.get(row.serviceId) ?? []), row.path]);
    const items = rows
      .filter((s) =>
        mayOnService(p, 'read', { organisationId: s.organisationId, coveragePaths: paths.get(s.id) ?? [] }),
      )
      .filter((s) => p.role !== 'caseworker' || s.status === 'published')
      .slice(0, limit)
      .map((s) => ({
        id: s.id,
        organisation_id: s.organisationId,
        status: s.status,
        names: s.names,
        version: s.version,
        verification_status: s.verificationStatus,
        next_verification_due: s.nextDue,
        pending_changes: pending.get(s.id) ?? 0,
      }));
    return c.json({ items }, 200);
  })
  .openapi(r.create, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator', 'editor'], 'create listings');
    const { organisation_id, country, change_reason: reason, ...values } = c.req.valid('json');
    if (p.role === 'editor' && organisation_id !== p.organisationId)
      throw forbidden('Editors create listings of their own organisation only.');
    if (p.role === 'coordinator' && !(values.area_pcodes as string[] | undefined)?.length)
      throw invalidFields([{ in: 'body', name: 'area_pcodes', reason: 'give at least one area within yours' }]);
    checkAges(values);
    checkNames(values);
    const db = c.get('db');
    await checkServiceLinks(db, p, values);
    const org = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, String(organisation_id)))
      .get();
    if (!org) throw invalidFields([{ in: 'body', name: 'organisation_id', reason: 'no such organisation' }]);
    const loaded = await createEntity(writeContext(c, reason), 'service', values, {
      organisation_id,
      country,
      status: 'draft',
    });
    return withEtag(c, loaded, 201);
  })
  .openapi(r.read, async (c) => {
    const { id } = c.req.valid('param');
    const p = c.get('principal');
    await authorizeService(c.get('db'), p, id, 'read');
    await countRestrictedRead(c);
    const listing = await restrictedService(c.get('db'), id, p);
    c.header('ETag', etag(listing.version));
    const pending = p.role === 'caseworker' ? undefined : await pendingChanges(c.get('db'), id);
    return c.json({ ...listing, pending_changes: pending }, 200);
  })
  .openapi(r.patch, async (c) => update(c, 'service', c.req.valid('param').id, c.req.valid('json')))
  .openapi(r.referral, async (c) => update(c, 'referral', c.req.valid('param').id, c.req.valid('json')))
  .openapi(r.publish, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const p = c.get('principal');
    const db = c.get('db');
    const facts = await authorizeService(c.get('db'), p, id, 'publish');
    if (facts.version !== version) throw staleProblem(await loadEntity(db, 'service', id), 'service', id);
    const ctx = writeContext(c, c.req.valid('json').change_reason);
    if (facts.status === 'closed') throw conflict('A closed listing is reopened by an admin, not published.');
    if (facts.status === 'draft') await assertPublishable(db, id);
    const applied = await applyPending(ctx, id, p);
    if (facts.status === 'draft') {
      const service = (await loadEntity(db, 'service', id))!;
      await updateEntity(ctx, 'service', id, service.version, { status: 'published' });
    }
    const after = (await loadEntity(db, 'service', id))!;
    c.header('ETag', etag(after.version));
    return c.json({ ...represent(after), applied_drafts: applied }, 200);
  })
  .openapi(r.close, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    await authorizeService(c.get('db'), c.get('principal'), id, 'publish');
    const result = await updateEntity(writeContext(c, c.req.valid('json').change_reason), 'service', id, version, {
      status: 'closed',
    });
    return withEtag(c, result.entity);
  });

/**
 * M6: a listing is published only with a source and at least one public contact route, every
 * public route verified (a route is verified only through a verification record).
 */
async function assertPublishable(db: Database, serviceId: string) {
  const service = (await loadEntity(db, 'service', serviceId))!.row;
  const routes = await db
    .select({
      id: contactRoutes.id,
      status: contactRoutes.verificationStatus,
      records: count(verifications.id),
    })
    .from(contactRoutes)
    .leftJoin(verifications, eq(verifications.contactRouteId, contactRoutes.id))
    .where(and(eq(contactRoutes.serviceId, serviceId), eq(contactRoutes.visibility, 'public')))
    .groupBy(contactRoutes.id)
    .orderBy(asc(contactRoutes.sortOrder), asc(contactRoutes.id));
  const missing: Array<{ in: 'body'; name: string; reason: string }> = [];
  if (!(service.source_description ?? '').trim() && !(service.source_url ?? '').trim()) {
    missing.push({
      in: 'body',
      name: 'source_description',
      reason: 'a listing needs a source (description or URL) before it is published',
    });
  }
  if (!routes.length)
    missing.push({ in: 'body', name: 'contact_routes', reason: 'a listing needs at least one public contact route' });
  for (const route of routes) {
    if (route.status !== 'verified' || route.records === 0) {
      missing.push({
        in: 'body',
        name: `contact_routes.${route.id}`,
        reason: 'this public contact route is not verified',
      });
    }
  }
  if (missing.length) {
    throw notPublishable('The listing cannot be published yet: each missing piece is listed in errors.', missing);
  }
}
