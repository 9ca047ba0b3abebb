/**
 * Referral pathways for maintainers: the list in your scope, the full read (with the steps'
 * practitioner-only details for those who refer people), creating a draft, editing the pathway
 * and its steps (all guarded by the pathway's version, If-Match), reordering, publishing and
 * unpublishing, and verification records. Writes go through the listings' machinery
 * (edit/write.ts): one change-log row per changed field in the batch that writes.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { pathwayVerifications } from '../../../db/maintainer-schema.ts';
import { areas, concerns, pathways, pathwaySteps } from '../../../db/schema.ts';
import { PATHWAY_STATUSES, PCODE_PATTERN, VERIFICATION_METHODS } from '../../domain/vocabulary.ts';
import { conflict, forbidden, invalid, invalidFields, notFound, notPublishable } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { areaInScope, authorizePathway, mayOnPathway, readsPathwayReferral, requireRole } from '../auth/policy.ts';
import { countRestrictedRead } from '../auth/read-limit.ts';
import { guard, iso, runBatch, type Statement } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { fieldsSchema, SPECS } from '../edit/entities.ts';
import { checkPathwayEdit } from '../edit/validate.ts';
import { recordPathwayVerification } from '../edit/verification.ts';
import {
  auditStatement,
  bumpParent,
  createEntity,
  deleteEntity,
  loadEntity,
  represent,
  staleProblem,
  unverifyPathway,
  updateEntity,
  readLinkField,
} from '../edit/write.ts';
import { adminRoute, etag, IdParam, ifMatch, jsonBody, Reason, writeContext } from '../http.ts';
import { pathwayDetail, pathwaysInScope } from '../queries/restricted-pathway.ts';
import {
  Pathway,
  PathwayChanged,
  PathwayDetail,
  PathwayList,
  PathwayStepChanged,
  PathwayStepDetail,
  PathwayStepReferralChanged,
  PathwayVerificationList,
  PathwayVerified,
  StepOrder,
} from '../schemas/pathways.ts';
import { ROLE_LABELS } from './verification.ts';

const StepService = z
  .object({
    service_type_id: z
      .string()
      .regex(/^[a-z_]+$/)
      .max(100)
      .nullable()
      .optional(),
    service_id: z.string().min(1).max(100).nullable().optional(),
  })
  .strict()
  .refine((t) => !t.service_type_id !== !t.service_id, 'give either service_type_id or service_id, not both');
const Services = { services: z.array(StepService).max(20).optional() };

const PathwayCreate = fieldsSchema(SPECS.pathway, 'create').extend({
  area_pcode: z.string().regex(PCODE_PATTERN, 'must be a P-code'),
  concern_id: z
    .string()
    .regex(/^[a-z_]+$/)
    .max(100),
  change_reason: Reason,
});
const PathwayPatch = fieldsSchema(SPECS.pathway, 'patch').extend({ change_reason: Reason });
const StepCreate = fieldsSchema(SPECS.pathway_step, 'create').extend(Services).extend({ change_reason: Reason });
const StepPatch = fieldsSchema(SPECS.pathway_step, 'patch').extend(Services).extend({ change_reason: Reason });
const ReferralPatch = fieldsSchema(SPECS.pathway_step_referral, 'patch').extend({ change_reason: Reason });
const OrderBody = z.object({ step_ids: z.array(z.string().min(1).max(100)).min(1).max(100), change_reason: Reason });
const StatusChange = z.object({ change_reason: Reason });
const VerificationBody = z.object({
  method: z.enum(VERIFICATION_METHODS),
  note: z.string().trim().max(2000).nullable().optional(),
  verified_at: z.iso.datetime({ offset: true }).optional(),
});

const r = {
  list: adminRoute({
    method: 'get',
    path: '/pathways',
    summary: 'Referral pathways in your scope (drafts included for those who edit them)',
    request: {
      query: z.object({
        area: z.string().regex(PCODE_PATTERN, 'must be a P-code').optional().openapi({
          description: 'Pathways that hold in this area (defined there or above) or are defined inside it.',
        }),
        concern: z
          .string()
          .regex(/^[a-z_]+$/)
          .max(100)
          .optional(),
        status: z.enum(PATHWAY_STATUSES).optional(),
        due: z
          .enum(['true', 'false'])
          .optional()
          .openapi({ description: 'true: only those never checked or past their next check.' }),
        limit: z.coerce.number().int().min(1).max(500).default(200),
      }),
    },
    ok: PathwayList,
  }),
  create: adminRoute({
    method: 'post',
    path: '/pathways',
    summary: 'Create a pathway for an area and a concern (a draft until published)',
    request: jsonBody(PathwayCreate),
    created: Pathway,
  }),
  read: adminRoute({
    method: 'get',
    path: '/pathways/{id}',
    summary:
      "A pathway with its steps in order and each step's services; the steps' practitioner-only details for " +
      'caseworkers, coordinators and admins. ETag = version',
    request: { params: IdParam },
    ok: PathwayDetail,
  }),
  patch: adminRoute({
    method: 'patch',
    path: '/pathways/{id}',
    summary: "Edit a pathway's names, introduction or source (If-Match)",
    request: { params: IdParam, ...jsonBody(PathwayPatch) },
    ok: PathwayChanged,
  }),
  addStep: adminRoute({
    method: 'post',
    path: '/pathways/{id}/steps',
    summary: 'Add a step at the end (If-Match: the pathway version)',
    request: { params: IdParam, ...jsonBody(StepCreate) },
    created: PathwayStepDetail,
  }),
  order: adminRoute({
    method: 'put',
    path: '/pathways/{id}/step-order',
    summary: 'Put the steps in this order: every step of the pathway, once (If-Match: the pathway version)',
    request: { params: IdParam, ...jsonBody(OrderBody) },
    ok: StepOrder,
  }),
  patchStep: adminRoute({
    method: 'patch',
    path: '/pathway-steps/{id}',
    summary: "Edit a step's texts, kind, choices or services (If-Match: the pathway version)",
    request: { params: IdParam, ...jsonBody(StepPatch) },
    ok: PathwayStepChanged,
  }),
  stepReferral: adminRoute({
    method: 'patch',
    path: '/pathway-steps/{id}/referral',
    summary: "Edit a step's practitioner-only details: focal point, intake route (If-Match: the pathway version)",
    request: { params: IdParam, ...jsonBody(ReferralPatch) },
    ok: PathwayStepReferralChanged,
  }),
  deleteStep: adminRoute({
    method: 'delete',
    path: '/pathway-steps/{id}',
    summary: 'Remove a step with its services and details (If-Match: the pathway version)',
    request: { params: IdParam },
    noContent: true,
  }),
  publish: adminRoute({
    method: 'post',
    path: '/pathways/{id}/publish',
    summary: 'Publish a pathway (at most one published per area and concern; 409 names the one there is)',
    request: { params: IdParam, ...jsonBody(StatusChange) },
    ok: Pathway,
  }),
  unpublish: adminRoute({
    method: 'post',
    path: '/pathways/{id}/unpublish',
    summary: 'Take a pathway out of the public directory (status withdrawn)',
    request: { params: IdParam, ...jsonBody(StatusChange) },
    ok: Pathway,
  }),
  verify: adminRoute({
    method: 'post',
    path: '/pathways/{id}/verifications',
    summary: 'Record a check of the pathway; the next one falls due after the cycle of its steps’ services',
    request: { params: IdParam, ...jsonBody(VerificationBody) },
    created: PathwayVerified,
  }),
  verifications: adminRoute({
    method: 'get',
    path: '/pathways/{id}/verifications',
    summary: 'Verification records of a pathway, newest first',
    request: { params: IdParam },
    ok: PathwayVerificationList,
  }),
};

/** A step, the pathway it belongs to, once the principal may edit that pathway. */
async function editableStep(c: Context<AdminEnv>, id: string) {
  const step = await loadEntity(c.get('db'), 'pathway_step', id);
  if (!step) throw notFound('pathway step', id);
  await authorizePathway(c.get('db'), c.get('principal'), step.pathwayId!, 'edit');
  return step;
}

/** A step as the API gives it: its record, its services and its practitioner-only details. */
async function stepView(c: Context<AdminEnv>, stepId: string) {
  const db = c.get('db');
  const step = (await loadEntity(db, 'pathway_step', stepId))!;
  const referral = (await loadEntity(db, 'pathway_step_referral', stepId))!.row;
  c.header('ETag', etag(step.version));
  return {
    ...represent(step),
    services: (await readLinkField(db, 'pathway_step', stepId, 'services')) as Array<{
      service_type_id: string | null;
      service_id: string | null;
    }>,
    referral: { focal_point: referral.focal_point, intake_route: referral.intake_route },
  };
}

/** The other published pathway of the same area and concern, if there is one. */
async function publishedRival(c: Context<AdminEnv>, id: string, areaPcode: string, concernId: string) {
  return c
    .get('db')
    .select({ id: pathways.id, names: pathways.names })
    .from(pathways)
    .where(
      and(
        eq(pathways.areaPcode, areaPcode),
        eq(pathways.concernId, concernId),
        eq(pathways.status, 'published'),
        ne(pathways.id, id),
      ),
    )
    .get();
}

export const pathwaysRouter = createRouter<AdminEnv>()
  .openapi(r.list, async (c) => {
    const { area, concern, status, due, limit } = c.req.valid('query');
    const db = c.get('db');
    let areaPath: string | undefined;
    if (area) {
      areaPath = (await db.select({ path: areas.path }).from(areas).where(eq(areas.pcode, area)).get())?.path;
      if (!areaPath) throw invalid([{ in: 'query', name: 'area', reason: `no area with P-code ${area}` }]);
    }
    const items = await pathwaysInScope(db, c.get('principal'), {
      areaPath,
      concern,
      status,
      due: due === 'true',
      now: c.get('now'),
      limit,
    });
    return c.json({ items }, 200);
  })
  .openapi(r.create, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'create pathways');
    const { area_pcode: area, concern_id: concern, change_reason: reason, ...values } = c.req.valid('json');
    const [area_pcode, concern_id] = [String(area), String(concern)];
    const db = c.get('db');
    const errors = [];
    if (!(await db.select({ pcode: areas.pcode }).from(areas).where(eq(areas.pcode, area_pcode)).get()))
      errors.push({ in: 'body' as const, name: 'area_pcode', reason: `no area with P-code ${area_pcode}` });
    if (!(await db.select({ id: concerns.id }).from(concerns).where(eq(concerns.id, concern_id)).get()))
      errors.push({ in: 'body' as const, name: 'concern_id', reason: `no concern ${concern_id}` });
    if (errors.length) throw invalidFields(errors);
    if (!(await areaInScope(db, p, area_pcode)))
      throw forbidden('You may create pathways only for your areas and the areas inside them.');
    await checkPathwayEdit(db, 'pathway', values);
    const loaded = await createEntity(writeContext(c, reason), 'pathway', values, {
      area_pcode,
      concern_id,
      status: 'draft',
    });
    c.header('ETag', etag(loaded.version));
    return c.json(represent(loaded), 201);
  })
  .openapi(r.read, async (c) => {
    const { id } = c.req.valid('param');
    const p = c.get('principal');
    await authorizePathway(c.get('db'), p, id, 'read');
    const withReferral = readsPathwayReferral(p);
    if (withReferral) await countRestrictedRead(c);
    const detail = (await pathwayDetail(c.get('db'), id, withReferral))!;
    c.header('ETag', etag(detail.version));
    return c.json({ ...detail, may_edit: mayOnPathway(p, 'edit', { areaPath: detail.area_path }) }, 200);
  })
  .openapi(r.patch, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const { change_reason: reason, ...changes } = c.req.valid('json');
    await authorizePathway(c.get('db'), c.get('principal'), id, 'edit');
    await checkPathwayEdit(c.get('db'), 'pathway', changes);
    const result = await updateEntity(writeContext(c, reason), 'pathway', id, version, changes);
    c.header('ETag', etag(result.entity.version));
    return c.json({ ...represent(result.entity), changed_fields: result.changes.map((ch) => ch.field) }, 200);
  })
  .openapi(r.addStep, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const { change_reason: reason, ...values } = c.req.valid('json');
    const db = c.get('db');
    await authorizePathway(db, c.get('principal'), id, 'edit');
    await checkPathwayEdit(db, 'pathway_step', values);
    const last = await db
      .select({ position: pathwaySteps.position })
      .from(pathwaySteps)
      .where(eq(pathwaySteps.pathwayId, id))
      .orderBy(desc(pathwaySteps.position))
      .limit(1)
      .get();
    const step = await createEntity(
      writeContext(c, reason),
      'pathway_step',
      values,
      { pathway_id: id, position: (last?.position ?? 0) + 1 },
      { parentVersion: version },
    );
    return c.json({ ...(await stepView(c, step.id)), version: step.version }, 201);
  })
  .openapi(r.order, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const { step_ids: order, change_reason: reason } = c.req.valid('json');
    const db = c.get('db');
    await authorizePathway(db, c.get('principal'), id, 'edit');
    const pathway = (await loadEntity(db, 'pathway', id))!;
    if (pathway.version !== version) throw staleProblem(pathway, 'pathway', id);
    const steps = await db
      .select({ id: pathwaySteps.id, position: pathwaySteps.position })
      .from(pathwaySteps)
      .where(eq(pathwaySteps.pathwayId, id))
      .orderBy(asc(pathwaySteps.position));
    if (
      order.length !== steps.length ||
      new Set(order).size !== order.length ||
      steps.some((s) => !order.includes(s.id))
    )
      throw invalidFields([{ in: 'body', name: 'step_ids', reason: 'list every step of this pathway exactly once' }]);
    const ctx = writeContext(c, reason);
    const owner = { serviceId: null, pathwayId: id };
    const moved = order
      .map((stepId, i) => ({ stepId, old: steps.find((s) => s.id === stepId)!.position, next: i + 1 }))
      .filter((m) => m.old !== m.next);
    if (moved.length) {
      const statements: Statement[] = [
        guard(db, pathways, and(eq(pathways.id, id), eq(pathways.version, version))),
        // Out of the way first (negative places are all free), so no two steps share a place midway.
        db
          .update(pathwaySteps)
          .set({ position: sql`-${pathwaySteps.position}` })
          .where(eq(pathwaySteps.pathwayId, id)),
        ...order.map((stepId, i) =>
          db
            .update(pathwaySteps)
            .set({ position: i + 1 })
            .where(eq(pathwaySteps.id, stepId)),
        ),
        bumpParent(ctx, owner),
        ...moved.map((m) =>
          auditStatement(ctx, 'pathway_step', m.stepId, owner, { field: 'position', old: m.old, new: m.next }),
        ),
        ...(await unverifyPathway(ctx, id)),
      ];
      await runBatch(db, statements, async () => staleProblem(await loadEntity(db, 'pathway', id), 'pathway', id));
    }
    const after = (await loadEntity(db, 'pathway', id))!;
    c.header('ETag', etag(after.version));
    return c.json({ version: after.version, step_ids: order, changed_fields: moved.map((m) => m.stepId) }, 200);
  })
  .openapi(r.patchStep, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const { change_reason: reason, ...changes } = c.req.valid('json');
    await editableStep(c, id);
    await checkPathwayEdit(c.get('db'), 'pathway_step', changes);
    const result = await updateEntity(writeContext(c, reason), 'pathway_step', id, version, changes);
    return c.json({ ...(await stepView(c, id)), changed_fields: result.changes.map((ch) => ch.field) }, 200);
  })
  .openapi(r.stepReferral, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const { change_reason: reason, ...changes } = c.req.valid('json');
    await editableStep(c, id);
    const result = await updateEntity(writeContext(c, reason), 'pathway_step_referral', id, version, changes);
    c.header('ETag', etag(result.entity.version));
    return c.json({ ...represent(result.entity), changed_fields: result.changes.map((ch) => ch.field) }, 200);
  })
  .openapi(r.deleteStep, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    await editableStep(c, id);
    await deleteEntity(writeContext(c, c.req.query('change_reason')), 'pathway_step', id, version);
    return c.body(null, 204);
  })
  .openapi(r.publish, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const db = c.get('db');
    const facts = await authorizePathway(db, c.get('principal'), id, 'publish');
    if (facts.version !== version) throw staleProblem(await loadEntity(db, 'pathway', id), 'pathway', id);
    if (facts.status === 'published') throw conflict('This pathway is already published.');
    const steps = await db.select({ id: pathwaySteps.id }).from(pathwaySteps).where(eq(pathwaySteps.pathwayId, id));
    if (!steps.length)
      throw notPublishable('A pathway needs at least one step before it is published.', [
        { in: 'body', name: 'steps', reason: 'add a step first' },
      ]);
    const rival = await publishedRival(c, id, facts.areaPcode, facts.concernId);
    if (rival) {
      throw conflict(
        `Another pathway for this area and concern is published: ${rival.id} ` +
          `("${rival.names.en ?? Object.values(rival.names)[0] ?? ''}"). Unpublish it first; an area has one ` +
          'published pathway per concern.',
      );
    }
    const result = await updateEntity(writeContext(c, c.req.valid('json').change_reason), 'pathway', id, version, {
      status: 'published',
    });
    c.header('ETag', etag(result.entity.version));
    return c.json(represent(result.entity), 200);
  })
  .openapi(r.unpublish, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const facts = await authorizePathway(c.get('db'), c.get('principal'), id, 'publish');
    if (facts.status !== 'published') throw conflict('Only a published pathway is unpublished.');
    const result = await updateEntity(writeContext(c, c.req.valid('json').change_reason), 'pathway', id, version, {
      status: 'withdrawn',
    });
    c.header('ETag', etag(result.entity.version));
    return c.json(represent(result.entity), 200);
  })
  .openapi(r.verify, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const p = c.get('principal');
    await authorizePathway(c.get('db'), p, id, 'verify');
    const now = c.get('now');
    const verifiedAt = body.verified_at ? new Date(body.verified_at) : now;
    if (verifiedAt.getTime() > now.getTime() + 5 * 60_000)
      throw invalid([{ in: 'body', name: 'verified_at', reason: 'must not be in the future' }], null);
    const result = await recordPathwayVerification(writeContext(c, null), {
      pathwayId: id,
      method: body.method,
      note: body.note ?? null,
      verifiedAt,
      verifiedByLabel: ROLE_LABELS[p.role] ?? 'Masar',
    });
    c.header('ETag', etag(result.pathway.version));
    return c.json({ id: result.id, next_due: result.nextDue, pathway: represent(result.pathway) }, 201);
  })
  .openapi(r.verifications, async (c) => {
    const { id } = c.req.valid('param');
    await authorizePathway(c.get('db'), c.get('principal'), id, 'history');
    const rows = await c
      .get('db')
      .select()
      .from(pathwayVerifications)
      .where(eq(pathwayVerifications.pathwayId, id))
      .orderBy(desc(pathwayVerifications.verifiedAt));
    return c.json(
      {
        items: rows.map((v) => ({
          id: v.id,
          pathway_id: v.pathwayId,
          method: v.method,
          note: v.note,
          verified_by: v.verifiedBy,
          verified_at: iso(new Date(v.verifiedAt)),
          next_due: v.nextDue,
        })),
      },
      200,
    );
  });
