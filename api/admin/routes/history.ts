/**
 * The history of a listing or of a referral pathway: every change, newest first, and reverting one
 * change. A revert is an edit (the same authorisation and checks) and is itself logged, naming the
 * change it reverts.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { and, desc, eq, gt, like, notLike, or, lt } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { changeLog } from '../../../db/maintainer-schema.ts';
import type { TRANSLATION_STATUSES } from '../../domain/vocabulary.ts';
import { conflict, invalidFields, invalidParamsFromZod, notFound } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { authorizePathway, authorizeService } from '../auth/policy.ts';
import type { AdminEnv } from '../env.ts';
import { ENTITIES, fieldsSchema, PATHWAY_ENTITIES, SPECS, type EntityName } from '../edit/entities.ts';
import { assertRouteUnreferenced, checkEdit, checkPathwayEdit } from '../edit/validate.ts';
import {
  deleteEntity,
  linkFields,
  loadEntity,
  readLinkField,
  represent,
  restoreEntity,
  staleProblem,
  updateEntity,
  type Loaded,
} from '../edit/write.ts';
import { adminRoute, etag, IdParam, ifMatch, jsonBody, Reason, writeContext } from '../http.ts';
import { recordedStatus, setTranslationStatus, withText } from '../queries/translation-status.ts';
import { ChangeHistory, RevertResult, type ChangeLogEntry } from '../schemas/history.ts';

const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().optional(),
});
const RevertParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
  changeId: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'changeId', in: 'path' } }),
});

type ChangeRow = typeof changeLog.$inferSelect;

/** Change-log values are stored as JSON text (null for none). */
export const changeView = (r: ChangeRow): ChangeLogEntry => ({
  id: r.id,
  at: r.at,
  user_id: r.userId,
  actor: r.actor,
  entity: r.entity,
  entity_id: r.entityId,
  service_id: r.serviceId,
  field: r.field,
  old: r.oldValue,
  new: r.newValue,
  reason: r.reason,
  reverts_change_id: r.revertsChangeId,
});

const r = {
  history: adminRoute({
    method: 'get',
    path: '/services/{id}/history',
    summary: 'Every change to a listing, newest first',
    request: { params: IdParam, query: HistoryQuery },
    ok: ChangeHistory,
  }),
  revert: adminRoute({
    method: 'post',
    path: '/services/{id}/history/{changeId}/revert',
    summary: 'Revert one change (If-Match: the current version of the changed record); the revert is logged',
    request: { params: RevertParams, ...jsonBody(z.object({ change_reason: Reason })) },
    ok: RevertResult,
  }),
};

/**
 * The listing or pathway a history belongs to: how its changes are found, who may revert them, and
 * the checks an edit of its records runs (a revert is an edit).
 */
interface Owner {
  what: 'listing' | 'pathway';
  changes: (id: string) => ReturnType<typeof eq>;
  authorize: (c: Context<AdminEnv>, id: string, action: 'history' | 'revert') => Promise<unknown>;
  /** Authorises the edit and returns the checks of a change (`changes`) and the record after it (`merged`). */
  editChecks: (
    c: Context<AdminEnv>,
    id: string,
  ) => Promise<
    (entity: EntityName, changes: Record<string, unknown>, merged: Record<string, unknown>) => Promise<void>
  >;
}

const LISTING: Owner = {
  what: 'listing',
  changes: (id) => eq(changeLog.serviceId, id),
  authorize: (c, id, action) => authorizeService(c.get('db'), c.get('principal'), id, action),
  editChecks: async (c, id) => {
    const facts = await authorizeService(c.get('db'), c.get('principal'), id, 'edit');
    return (entity, changes, merged) => checkEdit(c.get('db'), c.get('principal'), facts, entity, changes, merged);
  },
};

const PATHWAY: Owner = {
  what: 'pathway',
  changes: (id) => eq(changeLog.pathwayId, id),
  authorize: (c, id, action) => authorizePathway(c.get('db'), c.get('principal'), id, action),
  editChecks: async (c, id) => {
    await authorizePathway(c.get('db'), c.get('principal'), id, 'edit');
    return (entity, changes) => checkPathwayEdit(c.get('db'), entity, changes);
  },
};

const pathwayRoutes = {
  history: adminRoute({
    method: 'get',
    path: '/pathways/{id}/history',
    summary: 'Every change to a referral pathway and its steps, newest first',
    request: { params: IdParam, query: HistoryQuery },
    ok: ChangeHistory,
  }),
  revert: adminRoute({
    method: 'post',
    path: '/pathways/{id}/history/{changeId}/revert',
    summary: 'Revert one change of a pathway (If-Match: the current version of the pathway); the revert is logged',
    request: { params: RevertParams, ...jsonBody(z.object({ change_reason: Reason })) },
    ok: RevertResult,
  }),
};

async function history(c: Context<AdminEnv>, owner: Owner, id: string, query: { limit: number; before?: number }) {
  await owner.authorize(c, id, 'history');
  const rows = await c
    .get('db')
    .select()
    .from(changeLog)
    .where(and(owner.changes(id), query.before === undefined ? undefined : lt(changeLog.id, query.before)))
    .orderBy(desc(changeLog.id))
    .limit(query.limit);
  return c.json({ items: rows.map(changeView) }, 200);
}

export const historyRouter = createRouter<AdminEnv>()
  .openapi(r.history, async (c) => history(c, LISTING, c.req.valid('param').id, c.req.valid('query')))
  .openapi(r.revert, async (c) => {
    const { id, changeId } = c.req.valid('param');
    return revert(c, LISTING, id, changeId, c.req.valid('json').change_reason);
  })
  .openapi(pathwayRoutes.history, async (c) => history(c, PATHWAY, c.req.valid('param').id, c.req.valid('query')))
  .openapi(pathwayRoutes.revert, async (c) => {
    const { id, changeId } = c.req.valid('param');
    return revert(c, PATHWAY, id, changeId, c.req.valid('json').change_reason);
  });

async function revert(c: Context<AdminEnv>, owner: Owner, id: string, changeId: number, reason: string | undefined) {
  const p = c.get('principal');
  const db = c.get('db');
  await owner.authorize(c, id, 'revert');
  // A revert is an edit: the same authorisation (and, below, the same checks) as PATCH.
  const check = await owner.editChecks(c, id);
  const change = await db
    .select()
    .from(changeLog)
    .where(and(eq(changeLog.id, changeId), owner.changes(id)))
    .get();
  if (!change) throw notFound(`change of this ${owner.what}`, String(changeId));
  if (!(ENTITIES as readonly string[]).includes(change.entity)) {
    throw conflict(`A change to a ${change.entity} cannot be reverted.`);
  }
  const entity = change.entity as EntityName;
  const view = changeView(change);
  // Some changes are undone only by their own endpoints, which run their checks.
  if (entity === 'service' && change.field === '*' && view.old === null) {
    throw conflict(
      'Reverting the creation of a listing would delete it with everything that refers to it; close the ' +
        'listing instead.',
    );
  }
  if (entity === 'pathway' && change.field === '*' && view.old === null)
    throw conflict('Reverting the creation of a pathway would delete it with its steps; unpublish it instead.');
  if (change.field === 'status')
    throw conflict(
      `A status change is not reverted: publish the ${owner.what} (its checks apply) or ` +
        (owner.what === 'listing' ? 'close it.' : 'unpublish it.'),
    );
  if (PATHWAY_ENTITIES.has(entity) && change.field === 'position')
    throw conflict("A step's place is not reverted on its own: put the steps in order again (step-order).");
  if (/^(verification_|last_verified_|next_verification_)/.test(change.field)) {
    throw conflict('Verification is changed only by recording a verification, not by reverting one.');
  }
  if (entity === 'contact_route' && change.field === '*' && view.old === null)
    await assertRouteUnreferenced(db, change.entityId);
  const ctx = {
    ...writeContext(c, reason ?? `Revert of change ${changeId}`),
    revertsChangeId: changeId,
  };
  if (change.field === '*' && view.old !== null) {
    // Restoring a deleted record is creating it again: the checks of creating it apply.
    const old = view.old as Record<string, unknown>;
    await check(entity, old, old);
    const restored = await restoreEntity(ctx, entity, old);
    c.header('ETag', etag(restored.version));
    return c.json({ ...represent(restored), version: restored.version }, 200);
  }
  const version = ifMatch(c);
  const loaded = await loadEntity(db, entity, change.entityId);
  if (!loaded) throw conflict(`The ${entity.replace('_', ' ')} this change was made to no longer exists.`);
  if (loaded.version !== version) throw staleProblem(loaded, entity, change.entityId);
  if (change.field === '*') {
    await refuseIfChangedSince(db, change, null, null);
    await deleteEntity(ctx, entity, change.entityId, version);
    return c.json({ deleted: true as const, entity, id: change.entityId }, 200);
  }
  // Never overwrite a newer value silently: the field must still hold what this change set.
  const current = await currentValue(db, loaded, change.field);
  if (canonical(current) !== canonical(view.new)) await refuseIfChangedSince(db, change, view.old, current);
  if (change.field.endsWith(':status')) {
    const [field, language] = change.field.slice(0, -':status'.length).split('.') as [string, string];
    await setTranslationStatus(
      db,
      { principal: p, now: c.get('now'), reason: ctx.reason, revertsChangeId: changeId },
      { entity, entityId: change.entityId, field, language, serviceId: loaded.serviceId, pathwayId: loaded.pathwayId },
      view.old as (typeof TRANSLATION_STATUSES)[number] | null,
    );
    return c.json({ reverted: change.field }, 200);
  }
  const [column, language] = change.field.split('.') as [string, string | undefined];
  const record: Record<string, unknown> = represent(loaded);
  const value = language ? withText(record[column], language, view.old) : view.old;
  if (!linkFields(entity).includes(column)) {
    const parsed = fieldsSchema(SPECS[entity], 'patch').safeParse({ [column]: value });
    if (!parsed.success) throw invalidFields(invalidParamsFromZod(parsed.error, 'body'));
  }
  await check(entity, { [column]: value }, { ...record, [column]: value });
  const result = await updateEntity(ctx, entity, change.entityId, version, { [change.field]: view.old });
  c.header('ETag', etag(result.entity.version));
  return c.json(
    {
      ...represent(result.entity),
      version: result.entity.version,
      changed_fields: result.changes.map((ch) => ch.field),
    },
    200,
  );
}

/** JSON with sorted keys, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value ?? null));
}

/** The value a change-log field names, as the record holds it now. */
async function currentValue(db: Database, loaded: Loaded, field: string): Promise<unknown> {
  if (field.endsWith(':status')) {
    const [name, language] = field.slice(0, -':status'.length).split('.') as [string, string];
    return recordedStatus(db, { entity: loaded.spec.name, entityId: loaded.id, field: name, language });
  }
  if (linkFields(loaded.spec.name).includes(field)) return readLinkField(db, loaded.spec.name, loaded.id, field);
  const [column, language] = field.split('.') as [string, string | undefined];
  const value = (represent(loaded) as Record<string, unknown>)[column];
  return language ? ((value as Record<string, string> | null)?.[language] ?? null) : (value ?? null);
}

/**
 * 409 when the record or field was changed after `change`: the value the revert would restore,
 * the current value, and the later change that set it, so the person decides with both in view.
 */
async function refuseIfChangedSince(db: Database, change: ChangeRow, restore: unknown, current: unknown) {
  const column = change.field.split(/[.:]/)[0]!;
  // A later change of the same field, of the whole record, or (unless a status is reverted) of the
  // column or one of its translations.
  const sameField =
    change.field === '*'
      ? undefined
      : or(
          eq(changeLog.field, change.field),
          eq(changeLog.field, '*'),
          change.field.endsWith(':status')
            ? undefined
            : or(
                eq(changeLog.field, column),
                and(like(changeLog.field, `${column}.%`), notLike(changeLog.field, '%:status')),
              ),
        );
  const later = await db
    .select()
    .from(changeLog)
    .where(
      and(
        eq(changeLog.entity, change.entity),
        eq(changeLog.entityId, change.entityId),
        gt(changeLog.id, change.id),
        sameField,
      ),
    )
    .orderBy(desc(changeLog.id))
    .limit(1)
    .get();
  if (change.field === '*' && !later) return;
  throw conflict(
    change.field === '*'
      ? `This ${change.entity.replace('_', ' ')} was changed after it was created (change ${later!.id}); ` +
          'reverting its creation would delete that change too. Delete it instead, if that is meant.'
      : `"${change.field}" was changed after the change you are reverting` +
          `${later ? ` (change ${later.id} by ${later.actor})` : ''}: reverting would overwrite the newer value. ` +
          'Edit the field instead, with both values in view.',
    {
      field: change.field,
      revert_value: restore,
      current_value: current,
      current_change: later ? changeView(later) : null,
    },
  );
}
