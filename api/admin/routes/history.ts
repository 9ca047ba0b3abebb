/**
 * A listing's history: every change, newest first, and reverting one change. A revert is an edit
 * (the same authorisation and checks) and is itself logged, naming the change it reverts.
 */
import { z } from '@hono/zod-openapi';
import { and, desc, eq, gt, like, notLike, or, lt } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { changeLog } from '../../../db/maintainer-schema.ts';
import { serviceAreas, serviceTypeAssignments } from '../../../db/schema.ts';
import type { TRANSLATION_STATUSES } from '../../domain/vocabulary.ts';
import { conflict, invalidFields, invalidParamsFromZod, notFound } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { authorizeService } from '../auth/policy.ts';
import type { AdminEnv } from '../env.ts';
import { ENTITIES, fieldsSchema, SPECS, type EntityName } from '../edit/entities.ts';
import { assertRouteUnreferenced, checkEdit } from '../edit/validate.ts';
import {
  deleteEntity,
  loadEntity,
  represent,
  restoreEntity,
  SERVICE_LINK_FIELDS,
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

export const historyRouter = createRouter<AdminEnv>()
  .openapi(r.history, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, before } = c.req.valid('query');
    await authorizeService(c.get('db'), c.get('principal'), id, 'history');
    const rows = await c
      .get('db')
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.serviceId, id), before === undefined ? undefined : lt(changeLog.id, before)))
      .orderBy(desc(changeLog.id))
      .limit(limit);
    return c.json({ items: rows.map(changeView) }, 200);
  })
  .openapi(r.revert, async (c) => {
    const { id, changeId } = c.req.valid('param');
    const p = c.get('principal');
    const db = c.get('db');
    await authorizeService(db, p, id, 'revert');
    // A revert is an edit: the same authorisation (and, below, the same checks) as PATCH.
    const facts = await authorizeService(db, p, id, 'edit');
    const change = await db
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.id, changeId), eq(changeLog.serviceId, id)))
      .get();
    if (!change) throw notFound('change of this listing', String(changeId));
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
    if (change.field === 'status')
      throw conflict('A status change is not reverted: publish the listing (its checks apply) or close it.');
    if (/^(verification_|last_verified_|next_verification_)/.test(change.field)) {
      throw conflict('Verification is changed only by recording a verification, not by reverting one.');
    }
    if (entity === 'contact_route' && change.field === '*' && view.old === null)
      await assertRouteUnreferenced(db, change.entityId);
    const ctx = {
      ...writeContext(c, c.req.valid('json').change_reason ?? `Revert of change ${changeId}`),
      revertsChangeId: changeId,
    };
    if (change.field === '*' && view.old !== null) {
      // Restoring a deleted record is creating it again: the checks of creating it apply.
      const old = view.old as Record<string, unknown>;
      await checkEdit(c.get('db'), p, facts, entity, old, old);
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
        { entity, entityId: change.entityId, field, language, serviceId: loaded.serviceId },
        view.old as (typeof TRANSLATION_STATUSES)[number] | null,
      );
      return c.json({ reverted: change.field }, 200);
    }
    const [column, language] = change.field.split('.') as [string, string | undefined];
    const record: Record<string, unknown> = represent(loaded);
    const value = language ? withText(record[column], language, view.old) : view.old;
    if (!SERVICE_LINK_FIELDS.includes(column)) {
      const parsed = fieldsSchema(SPECS[entity], 'patch').safeParse({ [column]: value });
      if (!parsed.success) throw invalidFields(invalidParamsFromZod(parsed.error, 'body'));
    }
    await checkEdit(db, p, facts, entity, { [column]: value }, { ...record, [column]: value });
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
  });

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
  if (loaded.spec.name === 'service' && field === 'type_ids') {
    const rows = await db
      .select({ v: serviceTypeAssignments.serviceTypeId })
      .from(serviceTypeAssignments)
      .where(eq(serviceTypeAssignments.serviceId, loaded.id))
      .orderBy(serviceTypeAssignments.serviceTypeId);
    return rows.map((row) => row.v);
  }
  if (loaded.spec.name === 'service' && field === 'area_pcodes') {
    const rows = await db
      .select({ v: serviceAreas.areaPcode })
      .from(serviceAreas)
      .where(eq(serviceAreas.serviceId, loaded.id))
      .orderBy(serviceAreas.areaPcode);
    return rows.map((row) => row.v);
  }
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
