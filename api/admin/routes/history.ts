/** M3: a listing's history, reverting any change (itself logged), and translations (M8). */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { LANGUAGES, TRANSLATION_STATUSES } from '../../domain/vocabulary.ts';
import { conflict, invalid, invalidFields, invalidParamsFromZod, notFound } from '../../errors.ts';
import { all, first, iso, parseJson } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, etag, IdParam, ifMatch, jsonBody, Reason, writeContext } from '../http.ts';
import { createRouter } from '../../router.ts';
import { assertEditorMayChangeShared, authorizeLocation, authorizeOrganisation, authorizeService } from '../auth/policy.ts';
import { ENTITIES, fieldsSchema, SPECS, type EntityName } from '../edit/entities.ts';
import { propose } from '../edit/pending.ts';
import { assertRouteUnreferenced, checkEdit, checkNames } from '../edit/validate.ts';
import { deleteEntity, loadEntity, represent, restoreEntity, SERVICE_LINK_FIELDS, staleProblem, updateEntity, type Loaded } from '../edit/write.ts';

const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().optional() });
const RevertParams = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }),
  changeId: z.coerce.number().int().min(1).openapi({ param: { name: 'changeId', in: 'path' } }),
});
const TranslationPut = z.object({
  entity: z.enum(ENTITIES),
  entity_id: z.string().min(1).max(100),
  field: z.string().regex(/^[a-z_]+$/).max(50),
  language: z.enum(LANGUAGES),
  text: z.string().max(4000).nullable(),
  status: z.enum(TRANSLATION_STATUSES),
  change_reason: Reason,
});

export interface ChangeRow {
  id: number;
  at: string;
  user_id: string | null;
  actor: string;
  entity: string;
  entity_id: string;
  service_id: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  reverts_change_id: number | null;
}

export const changeView = (r: ChangeRow) => ({
  id: r.id,
  at: r.at,
  user_id: r.user_id,
  actor: r.actor,
  entity: r.entity,
  entity_id: r.entity_id,
  service_id: r.service_id,
  field: r.field,
  old: r.old_value === null ? null : parseJson<unknown>(r.old_value),
  new: r.new_value === null ? null : parseJson<unknown>(r.new_value),
  reason: r.reason,
  reverts_change_id: r.reverts_change_id,
});

const LOCALIZED_FIELDS = (entity: EntityName) =>
  Object.entries(SPECS[entity].fields)
    .filter(([, f]) => f.localized)
    .map(([name]) => name);

/** Who may edit a record: its listing's scope, or its organisation's or location's. */
async function authorizeRecord(c: Context<AdminEnv>, loaded: Loaded) {
  const p = c.get('principal');
  if (loaded.serviceId) return authorizeService(c.env.DB, p, loaded.serviceId, 'edit');
  if (loaded.spec.name === 'organisation') return authorizeOrganisation(c.env.DB, p, loaded.id);
  return authorizeLocation(c.env.DB, p, loaded.id);
}

const r = {
  history: adminRoute({ method: 'get', path: '/services/{id}/history', summary: 'Every change to a listing, newest first (M3)', request: { params: IdParam, query: HistoryQuery } }),
  revert: adminRoute({
    method: 'post',
    path: '/services/{id}/history/{changeId}/revert',
    summary: 'Revert one change (If-Match: the current version of the changed record); the revert is logged',
    request: { params: RevertParams, ...jsonBody(z.object({ change_reason: Reason })) },
  }),
  translations: adminRoute({ method: 'get', path: '/services/{id}/translations', summary: 'Every localised field of a listing per language, with status (M8)', request: { params: IdParam } }),
  translate: adminRoute({ method: 'put', path: '/translations', summary: 'Set one translation and its status (If-Match: the record version)', request: jsonBody(TranslationPut) }),
};

export const historyRouter = createRouter<AdminEnv>()
  .openapi(r.history, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, before } = c.req.valid('query');
    await authorizeService(c.env.DB, c.get('principal'), id, 'history');
    const rows = await all<ChangeRow>(
      c.env.DB,
      'SELECT * FROM change_log WHERE service_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?',
      id,
      before ?? null,
      before ?? null,
      limit,
    );
    return c.json({ items: rows.map(changeView) }, 200);
  })
  .openapi(r.revert, async (c) => {
    const { id, changeId } = c.req.valid('param');
    const p = c.get('principal');
    const d1 = c.env.DB;
    await authorizeService(d1, p, id, 'revert');
    // A revert is an edit: the same authorisation (and, below, the same checks) as PATCH.
    const facts = await authorizeService(d1, p, id, 'edit');
    const change = await first<ChangeRow>(d1, 'SELECT * FROM change_log WHERE id = ? AND service_id = ?', changeId, id);
    if (!change) throw notFound('change of this listing', String(changeId));
    if (!(ENTITIES as readonly string[]).includes(change.entity)) {
      throw conflict(`A change to a ${change.entity} cannot be reverted.`);
    }
    const entity = change.entity as EntityName;
    const view = changeView(change);
    // Findings 4 and 7: some changes are undone by their own endpoints, which run their checks.
    if (entity === 'service' && change.field === '*' && view.old === null) {
      throw conflict('Reverting the creation of a listing would delete it with everything that refers to it; close the listing instead.');
    }
    if (change.field === 'status') throw conflict('A status change is not reverted: publish the listing (its checks apply) or close it.');
    if (/^(verification_|last_verified_|next_verification_)/.test(change.field)) {
      throw conflict('Verification is changed only by recording a verification, not by reverting one.');
    }
    if (entity === 'contact_route' && change.field === '*' && view.old === null) await assertRouteUnreferenced(c.get('db'), change.entity_id);
    const ctx = { ...writeContext(c, c.req.valid('json').change_reason ?? `Revert of change ${changeId}`), revertsChangeId: changeId };
    if (change.field === '*' && view.old !== null) {
      // Restoring a deleted record is creating it again: the checks of creating it apply.
      const old = view.old as Record<string, unknown>;
      await checkEdit(c.get('db'), p, facts, entity, old, old);
      const restored = await restoreEntity(ctx, entity, old);
      c.header('ETag', etag(restored.version));
      return c.json(represent(restored), 200);
    }
    const version = ifMatch(c);
    const loaded = await loadEntity(c.get('db'), entity, change.entity_id);
    if (!loaded) throw conflict(`The ${entity.replace('_', ' ')} this change was made to no longer exists.`);
    if (loaded.version !== version) throw staleProblem(loaded, entity, change.entity_id);
    if (change.field === '*') {
      await refuseIfChangedSince(d1, change, null, null);
      await deleteEntity(ctx, entity, change.entity_id, version);
      return c.json({ deleted: true, entity, id: change.entity_id }, 200);
    }
    // Never overwrite a newer value silently: the field must still hold what this change set.
    const current = await currentValue(d1, loaded, change.field);
    if (canonical(current) !== canonical(view.new)) await refuseIfChangedSince(d1, change, view.old, current);
    if (change.field.endsWith(':status')) {
      const [field, language] = change.field.slice(0, -':status'.length).split('.') as [string, string];
      await setTranslationStatus(c, entity, change.entity_id, field, language, view.old as string | null, ctx.reason, changeId);
      return c.json({ reverted: change.field }, 200);
    }
    const [column, language] = change.field.split('.') as [string, string | undefined];
    const record: Record<string, unknown> = represent(loaded);
    const value = language ? withText(record[column], language, view.old) : view.old;
    if (!SERVICE_LINK_FIELDS.includes(column)) {
      const parsed = fieldsSchema(SPECS[entity], 'patch').safeParse({ [column]: value });
      if (!parsed.success) throw invalidFields(invalidParamsFromZod(parsed.error, 'body'));
    }
    await checkEdit(c.get('db'), p, facts, entity, { [column]: value }, { ...record, [column]: value });
    const result = await updateEntity(ctx, entity, change.entity_id, version, { [change.field]: view.old });
    c.header('ETag', etag(result.entity.version));
    return c.json({ ...represent(result.entity), changed_fields: result.changes.map((ch) => ch.field) }, 200);
  })
  .openapi(r.translations, async (c) => {
    const { id } = c.req.valid('param');
    await authorizeService(c.env.DB, c.get('principal'), id, 'history');
    const records: Loaded[] = [];
    for (const entity of ['service', 'referral'] as const) records.push((await loadEntity(c.get('db'), entity, id))!);
    const children = await all<{ entity: EntityName; id: string }>(
      c.env.DB,
      `SELECT 'contact_route' AS entity, id FROM contact_routes WHERE service_id = ?1
       UNION ALL SELECT 'closure', id FROM closures WHERE service_id = ?1 OR contact_route_id IN (SELECT id FROM contact_routes WHERE service_id = ?1)
       UNION ALL SELECT 'service_location', id FROM service_at_locations WHERE service_id = ?1`,
      id,
    );
    for (const child of children) records.push((await loadEntity(c.get('db'), child.entity, child.id))!);
    const statuses = await all<{ entity: string; entity_id: string; field: string; language: string; status: string }>(
      c.env.DB,
      'SELECT entity, entity_id, field, language, status FROM translation_status WHERE entity_id IN (SELECT value FROM json_each(?))',
      JSON.stringify(records.map((rec) => rec.id)),
    );
    const items = records.flatMap((rec) => {
      const data: Record<string, unknown> = represent(rec);
      return LOCALIZED_FIELDS(rec.spec.name).flatMap((field) =>
        LANGUAGES.map((language) => {
          const text = ((data[field] ?? {}) as Record<string, string>)[language] ?? null;
          const recorded = statuses.find((s) => s.entity === rec.spec.name && s.entity_id === rec.id && s.field === field && s.language === language);
          // Without a recorded review, a text counts as unreviewed ("machine") so the console offers it for review.
          const status = !text ? 'missing' : (recorded?.status ?? 'machine');
          return { entity: rec.spec.name, entity_id: rec.id, version: rec.version, field, language, text, status, status_recorded: Boolean(recorded) };
        }),
      );
    });
    return c.json({ items }, 200);
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
    if (body.entity === 'service' && body.field === 'names') checkNames({ names: withText((represent(loaded) as Record<string, unknown>).names, body.language, body.text) });
    if (body.entity === 'organisation' || body.entity === 'location') {
      await assertEditorMayChangeShared(c.env.DB, c.get('principal'), body.entity, body.entity_id, { [body.field]: body.text });
    }
    const ctx = writeContext(c, body.change_reason);
    const text = body.text === null || body.text === '' ? null : body.text;
    const fieldKey = `${body.field}.${body.language}`;
    let pending: number | null = null;
    let current = loaded;
    if (c.get('principal').role === 'editor' && facts && 'status' in facts && facts.status === 'published') {
      pending = await propose(ctx, facts.id, { op: 'update', entity: body.entity, entityId: body.entity_id, fields: { [fieldKey]: text }, basedOnVersion: version });
    } else {
      current = (await updateEntity(ctx, body.entity, body.entity_id, version, { [fieldKey]: text })).entity;
    }
    await setTranslationStatus(c, body.entity, body.entity_id, body.field, body.language, text === null ? 'missing' : body.status, ctx.reason, null);
    c.header('ETag', etag(current.version));
    return c.json({ entity: body.entity, entity_id: body.entity_id, version: current.version, field: body.field, language: body.language, text, status: text === null ? 'missing' : body.status, pending_change_id: pending }, pending ? 202 : 200);
  });

/** Records a translation's status, logged as field "<field>.<lang>:status". */
async function setTranslationStatus(
  c: Context<AdminEnv>,
  entity: EntityName,
  entityId: string,
  field: string,
  language: string,
  status: string | null,
  reason: string | null,
  revertsChangeId: number | null,
) {
  const d1 = c.env.DB;
  const now = iso(c.get('now'));
  const p = c.get('principal');
  const before = await first<{ status: string }>(d1, 'SELECT status FROM translation_status WHERE entity = ? AND entity_id = ? AND field = ? AND language = ?', entity, entityId, field, language);
  if ((before?.status ?? null) === status) return;
  const loaded = await loadEntity(c.get('db'), entity, entityId);
  await d1.batch([
    status === null
      ? d1.prepare('DELETE FROM translation_status WHERE entity = ? AND entity_id = ? AND field = ? AND language = ?').bind(entity, entityId, field, language)
      : d1
          .prepare(
            `INSERT INTO translation_status (entity, entity_id, field, language, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (entity, entity_id, field, language) DO UPDATE SET status = excluded.status, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          )
          .bind(entity, entityId, field, language, status, p.id, now),
    d1
      .prepare(
        `INSERT INTO change_log (at, user_id, actor, entity, entity_id, service_id, field, old_value, new_value, reason, reverts_change_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(now, p.userId, p.label, entity, entityId, loaded?.serviceId ?? null, `${field}.${language}:status`, before ? JSON.stringify(before.status) : null, status === null ? null : JSON.stringify(status), reason, revertsChangeId),
  ]);
}

/** JSON with sorted keys, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(value ?? null));
}

/** A localised column with one language's text replaced (null or '' removes it). */
function withText(texts: unknown, language: string, text: unknown): Record<string, string> {
  const next = { ...((texts as Record<string, string> | null) ?? {}) };
  if (typeof text === 'string' && text !== '') next[language] = text;
  else delete next[language];
  return next;
}

/** The value a change-log field names, as the record holds it now. */
async function currentValue(d1: D1Database, loaded: Loaded, field: string): Promise<unknown> {
  if (field.endsWith(':status')) {
    const [name, language] = field.slice(0, -':status'.length).split('.');
    const row = await first<{ status: string }>(d1, 'SELECT status FROM translation_status WHERE entity = ? AND entity_id = ? AND field = ? AND language = ?', loaded.spec.name, loaded.id, name, language);
    return row?.status ?? null;
  }
  if (loaded.spec.name === 'service' && field === 'type_ids') {
    return (await all<{ v: string }>(d1, 'SELECT service_type_id AS v FROM service_type_assignments WHERE service_id = ? ORDER BY v', loaded.id)).map((r) => r.v);
  }
  if (loaded.spec.name === 'service' && field === 'area_pcodes') {
    return (await all<{ v: string }>(d1, 'SELECT area_pcode AS v FROM service_areas WHERE service_id = ? ORDER BY v', loaded.id)).map((r) => r.v);
  }
  const [column, language] = field.split('.') as [string, string | undefined];
  const value = (represent(loaded) as Record<string, unknown>)[column];
  return language ? ((value as Record<string, string> | null)?.[language] ?? null) : (value ?? null);
}

/**
 * 409 when the record or field was changed after `change`: the value the revert would restore,
 * the current value, and the later change that set it, so the person decides with both in view.
 */
async function refuseIfChangedSince(d1: D1Database, change: ChangeRow, restore: unknown, current: unknown) {
  const column = change.field.split(/[.:]/)[0]!;
  const later = await first<ChangeRow>(
    d1,
    `SELECT * FROM change_log WHERE entity = ?1 AND entity_id = ?2 AND id > ?3
       AND (?4 = '*' OR field = ?4 OR field = '*' OR (?4 NOT LIKE '%:status' AND (field = ?5 OR (field LIKE ?5 || '.%' AND field NOT LIKE '%:status'))))
     ORDER BY id DESC LIMIT 1`,
    change.entity,
    change.entity_id,
    change.id,
    change.field,
    column,
  );
  if (change.field === '*' && !later) return;
  throw conflict(
    change.field === '*'
      ? `This ${change.entity.replace('_', ' ')} was changed after it was created (change ${later!.id}); reverting its creation would delete that change too. Delete it instead, if that is meant.`
      : `"${change.field}" was changed after the change you are reverting${later ? ` (change ${later.id} by ${later.actor})` : ''}: reverting would overwrite the newer value. Edit the field instead, with both values in view.`,
    { field: change.field, revert_value: restore, current_value: current, current_change: later ? changeView(later) : null },
  );
}
