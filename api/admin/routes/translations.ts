/**
 * Translations of a listing's texts: every localised field in every language with its review
 * status, and setting one text and its status (an editor's change to a published listing waits
 * as a draft, 202, until it is published).
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/sqlite-core';
import { idList } from '../../../db/id-list.ts';
import { translationStatus } from '../../../db/maintainer-schema.ts';
import type { Database } from '../../../db/client.ts';
import { closures, contactRoutes, pathwaySteps, serviceAtLocations } from '../../../db/schema.ts';
import { LANGUAGES, TRANSLATION_STATUSES } from '../../domain/vocabulary.ts';
import { invalid, notFound } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import {
  assertEditorMayChangeShared,
  authorizeLocation,
  authorizeOrganisation,
  authorizePathway,
  authorizeService,
} from '../auth/policy.ts';
import type { AdminEnv } from '../env.ts';
import { ENTITIES, SPECS, type EntityName } from '../edit/entities.ts';
import { propose } from '../edit/pending.ts';
import { checkNames } from '../edit/validate.ts';
import { loadEntity, represent, updateEntity, type Loaded } from '../edit/write.ts';
import { adminRoute, etag, IdParam, ifMatch, jsonBody, Reason, writeContext } from '../http.ts';
import { setTranslationStatus, withText } from '../queries/translation-status.ts';
import { TranslationList, TranslationSet } from '../schemas/translations.ts';

const TranslationPut = z.object({
  entity: z.enum(ENTITIES),
  entity_id: z.string().min(1).max(100),
  field: z
    .string()
    .regex(/^[a-z_]+$/)
    .max(50),
  language: z.enum(LANGUAGES),
  text: z.string().max(4000).nullable(),
  status: z.enum(TRANSLATION_STATUSES),
  change_reason: Reason,
});

const LOCALIZED_FIELDS = (entity: EntityName) =>
  Object.entries(SPECS[entity].fields)
    .filter(([, f]) => f.localized)
    .map(([name]) => name);

/** Who may edit a record: its listing's or pathway's scope, or its organisation's or location's. */
async function authorizeRecord(c: Context<AdminEnv>, loaded: Loaded) {
  const p = c.get('principal');
  if (loaded.pathwayId) {
    await authorizePathway(c.get('db'), p, loaded.pathwayId, 'edit');
    return null;
  }
  if (loaded.serviceId) return authorizeService(c.get('db'), p, loaded.serviceId, 'edit');
  if (loaded.spec.name === 'organisation') return authorizeOrganisation(c.get('db'), p, loaded.id);
  return authorizeLocation(c.get('db'), p, loaded.id);
}

const r = {
  translations: adminRoute({
    method: 'get',
    path: '/services/{id}/translations',
    summary: 'Every localised field of a listing per language, with its review status',
    request: { params: IdParam },
    ok: TranslationList,
  }),
  pathwayTranslations: adminRoute({
    method: 'get',
    path: '/pathways/{id}/translations',
    summary:
      'Every localised text of a pathway and its steps (practitioner-only details included) per language, with ' +
      'its review status; set one with PUT /translations',
    request: { params: IdParam },
    ok: TranslationList,
  }),
  translate: adminRoute({
    method: 'put',
    path: '/translations',
    summary:
      "Set one translation and its status (If-Match: the record version); an editor's change to a published " +
      'listing is saved as a draft (202, same body)',
    request: jsonBody(TranslationPut),
    ok: TranslationSet,
    accepted: TranslationSet,
  }),
};

export const translationsRouter = createRouter<AdminEnv>()
  .openapi(r.translations, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('db');
    await authorizeService(c.get('db'), c.get('principal'), id, 'history');
    const records: Loaded[] = [];
    for (const entity of ['service', 'referral'] as const) records.push((await loadEntity(c.get('db'), entity, id))!);
    const routesOfService = db
      .select({ id: contactRoutes.id })
      .from(contactRoutes)
      .where(eq(contactRoutes.serviceId, id));
    const children = await unionAll(
      db
        .select({ entity: sql<EntityName>`'contact_route'`.as('entity'), id: contactRoutes.id })
        .from(contactRoutes)
        .where(eq(contactRoutes.serviceId, id)),
      db
        .select({ entity: sql<EntityName>`'closure'`.as('entity'), id: closures.id })
        .from(closures)
        .where(or(eq(closures.serviceId, id), inArray(closures.contactRouteId, routesOfService))),
      db
        .select({ entity: sql<EntityName>`'service_location'`.as('entity'), id: serviceAtLocations.id })
        .from(serviceAtLocations)
        .where(eq(serviceAtLocations.serviceId, id)),
    );
    for (const child of children) records.push((await loadEntity(c.get('db'), child.entity, child.id))!);
    return c.json({ items: await translationItems(db, records) }, 200);
  })
  .openapi(r.pathwayTranslations, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('db');
    await authorizePathway(db, c.get('principal'), id, 'history');
    const records: Loaded[] = [(await loadEntity(db, 'pathway', id))!];
    const steps = await db
      .select({ id: pathwaySteps.id })
      .from(pathwaySteps)
      .where(eq(pathwaySteps.pathwayId, id))
      .orderBy(asc(pathwaySteps.position));
    for (const step of steps)
      for (const entity of ['pathway_step', 'pathway_step_referral'] as const)
        records.push((await loadEntity(db, entity, step.id))!);
    return c.json({ items: await translationItems(db, records) }, 200);
  })
  .openapi(r.translate, async (c) => {
    const body = c.req.valid('json');
    const version = ifMatch(c);
    const loaded = await loadEntity(c.get('db'), body.entity, body.entity_id);
    if (!loaded) throw notFound(body.entity.replace('_', ' '), body.entity_id);
    if (!LOCALIZED_FIELDS(body.entity).includes(body.field)) {
      throw invalid([{ in: 'body', name: 'field', reason: `is not a localised field of ${body.entity}` }], null);
    }
    const facts = await authorizeRecord(c, loaded);
    if ((body.entity === 'service' || body.entity === 'pathway') && body.field === 'names')
      checkNames(
        { names: withText((represent(loaded) as Record<string, unknown>).names, body.language, body.text) },
        body.entity === 'service' ? 'a listing' : 'a pathway',
      );
    if (body.entity === 'organisation' || body.entity === 'location') {
      await assertEditorMayChangeShared(c.get('db'), c.get('principal'), body.entity, body.entity_id, {
        [body.field]: body.text,
      });
    }
    const ctx = writeContext(c, body.change_reason);
    const text = body.text === null || body.text === '' ? null : body.text;
    const fieldKey = `${body.field}.${body.language}`;
    let pending: number | null = null;
    let current = loaded;
    if (c.get('principal').role === 'editor' && facts && 'status' in facts && facts.status === 'published') {
      pending = await propose(ctx, facts.id, {
        op: 'update',
        entity: body.entity,
        entityId: body.entity_id,
        fields: { [fieldKey]: text },
        basedOnVersion: version,
      });
    } else {
      current = (await updateEntity(ctx, body.entity, body.entity_id, version, { [fieldKey]: text })).entity;
    }
    const status = text === null ? 'missing' : body.status;
    await setTranslationStatus(
      c.get('db'),
      { principal: c.get('principal'), now: c.get('now'), reason: ctx.reason, revertsChangeId: null },
      {
        entity: body.entity,
        entityId: body.entity_id,
        field: body.field,
        language: body.language,
        serviceId: loaded.serviceId,
        pathwayId: loaded.pathwayId,
      },
      status,
    );
    c.header('ETag', etag(current.version));
    const answer = {
      entity: body.entity,
      entity_id: body.entity_id,
      version: current.version,
      field: body.field,
      language: body.language,
      text,
      status,
      pending_change_id: pending,
    };
    // A draft is accepted, not applied: 202 with the same body.
    return pending ? c.json(answer, 202) : c.json(answer, 200);
  });

/**
 * Each localised field of the records in each language, with its status; a text nobody has
 * reviewed counts as "machine" so the console offers it for review.
 */
async function translationItems(db: Database, records: Loaded[]) {
  const statuses = await db
    .select({
      entity: translationStatus.entity,
      entityId: translationStatus.entityId,
      field: translationStatus.field,
      language: translationStatus.language,
      status: translationStatus.status,
    })
    .from(translationStatus)
    .where(sql`${translationStatus.entityId} IN ${idList(records.map((rec) => rec.id))}`);
  const items = records.flatMap((rec) => {
    const data: Record<string, unknown> = represent(rec);
    return LOCALIZED_FIELDS(rec.spec.name).flatMap((field) =>
      LANGUAGES.map((language) => {
        const text = ((data[field] ?? {}) as Record<string, string>)[language] ?? null;
        const recorded = statuses.find(
          (s) => s.entity === rec.spec.name && s.entityId === rec.id && s.field === field && s.language === language,
        );
        // Without a recorded review, a text counts as unreviewed ("machine") so the console offers it for review.
        const status = !text ? 'missing' : (recorded?.status ?? 'machine');
        return {
          entity: rec.spec.name,
          entity_id: rec.id,
          version: rec.version,
          field,
          language,
          text,
          status,
          status_recorded: Boolean(recorded),
        };
      }),
    );
  });
  return items;
}
