/**
 * What the routes of a listing's records (the service, its referral details, contact routes,
 * closures, sites) share: every write carries If-Match, and an editor's change to a published
 * listing becomes a draft (202) until a coordinator publishes it (M3, M4, M6).
 */
import type { Context } from 'hono';
import { notFound } from '../../errors.ts';
import type { AdminEnv } from '../env.ts';
import { etag, ifMatch, writeContext } from '../http.ts';
import { authorizeService, type ServiceFacts } from '../auth/policy.ts';
import type { EntityName } from '../edit/entities.ts';
import { propose } from '../edit/pending.ts';
import { assertRouteUnreferenced, checkEdit } from '../edit/validate.ts';
import { createEntity, deleteEntity, loadEntity, represent, updateEntity, type Loaded } from '../edit/write.ts';
import type { DraftAccepted } from '../schemas/records.ts';

/** A listing's record, the service it belongs to, and whether the principal may edit it. */
export async function editable<E extends EntityName>(
  c: Context<AdminEnv>,
  entity: E,
  id: string,
): Promise<{ loaded: Loaded<E>; facts: ServiceFacts }> {
  const loaded = await loadEntity(c.get('db'), entity, id);
  if (!loaded || !loaded.serviceId) throw notFound(entity.replace('_', ' '), id);
  const facts = await authorizeService(c.get('db'), c.get('principal'), loaded.serviceId, 'edit');
  return { loaded, facts };
}

/** Editors' writes to a published listing are drafts; everyone else's apply at once. */
export const isDraftWrite = (c: Context<AdminEnv>, facts: ServiceFacts) =>
  c.get('principal').role === 'editor' && facts.status === 'published';

/** An editor's change to a published listing waits as a draft: 202 with `DraftAccepted`. */
export function draftAccepted(c: Context<AdminEnv>, id: number) {
  const body: DraftAccepted = {
    pending: true,
    pending_change_id: id,
    detail: 'Saved as a draft: a coordinator publishes it.',
  };
  return c.json(body, 202);
}

/** The record with its version as ETag. */
export function withEtag<E extends EntityName, S extends 200 | 201 = 200>(
  c: Context<AdminEnv>,
  loaded: Loaded<E>,
  status?: S,
) {
  c.header('ETag', etag(loaded.version));
  return c.json(represent(loaded), (status ?? 200) as S);
}

/** Edits a record of a listing (If-Match): the record as it is now and the fields that changed. */
export async function update<E extends EntityName>(
  c: Context<AdminEnv>,
  entity: E,
  id: string,
  body: Record<string, unknown>,
) {
  const { change_reason: reason, ...changes } = body;
  const version = ifMatch(c);
  const { loaded, facts } = await editable(c, entity, id);
  await checkEdit(c.get('db'), c.get('principal'), facts, entity, changes, { ...represent(loaded), ...changes });
  const ctx = writeContext(c, reason);
  if (isDraftWrite(c, facts)) {
    return draftAccepted(
      c,
      await propose(ctx, facts.id, { op: 'update', entity, entityId: id, fields: changes, basedOnVersion: version }),
    );
  }
  const result = await updateEntity(ctx, entity, id, version, changes);
  c.header('ETag', etag(result.entity.version));
  return c.json({ ...represent(result.entity), changed_fields: result.changes.map((ch) => ch.field) }, 200);
}

/** Adds a record to a listing; `links` are the columns that attach it. */
export async function create<E extends EntityName>(
  c: Context<AdminEnv>,
  entity: E,
  serviceId: string,
  body: Record<string, unknown>,
  links: Record<string, unknown>,
) {
  const { change_reason: reason, ...values } = body;
  const facts = await authorizeService(c.get('db'), c.get('principal'), serviceId, 'edit');
  const ctx = writeContext(c, reason);
  if (isDraftWrite(c, facts)) {
    const id = crypto.randomUUID();
    return draftAccepted(
      c,
      await propose(ctx, serviceId, {
        op: 'create',
        entity,
        entityId: id,
        fields: { ...values, __links: links },
        basedOnVersion: null,
      }),
    );
  }
  return withEtag(c, await createEntity(ctx, entity, values, links), 201);
}

/** Deletes a record of a listing (If-Match): 204. */
export async function remove(c: Context<AdminEnv>, entity: EntityName, id: string) {
  const version = ifMatch(c);
  const { facts } = await editable(c, entity, id);
  const ctx = writeContext(c, c.req.query('change_reason'));
  if (isDraftWrite(c, facts))
    return draftAccepted(
      c,
      await propose(ctx, facts.id, { op: 'delete', entity, entityId: id, fields: {}, basedOnVersion: version }),
    );
  if (entity === 'contact_route') await assertRouteUnreferenced(c.get('db'), id);
  await deleteEntity(ctx, entity, id, version);
  return c.body(null, 204);
}
