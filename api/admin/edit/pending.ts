/**
 * Drafts (issue 4): an editor's changes to a published listing wait in pending_changes until a
 * coordinator publishes them; then they are applied in order, each logged under its author.
 */
import { conflict } from '../../errors.ts';
import { all, first, iso, parseJson } from '../db.ts';
import { checkSiteLocation } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { checkServiceLinks } from './validate.ts';
import type { EntityName } from './entities.ts';
import { createEntity, deleteEntity, loadEntity, staleProblem, updateEntity, type WriteContext } from './write.ts';

export interface PendingOp {
  op: 'update' | 'create' | 'delete';
  entity: EntityName;
  entityId: string;
  fields: Record<string, unknown>;
  basedOnVersion: number | null;
}

/** Stores an editor's change for later; the version it is based on is checked now too. */
export async function propose(ctx: WriteContext, serviceId: string, op: PendingOp): Promise<number> {
  if (op.op !== 'create') {
    const current = await loadEntity(ctx.d1, op.entity, op.entityId);
    if (!current || current.version !== op.basedOnVersion) throw staleProblem(current, op.entity, op.entityId);
  }
  const result = await ctx.d1
    .prepare(
      `INSERT INTO pending_changes (service_id, op, entity, entity_id, fields, based_on_version, reason, proposed_by, proposed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .bind(serviceId, op.op, op.entity, op.entityId, JSON.stringify(op.fields), op.basedOnVersion, ctx.reason, ctx.actor.userId, iso(ctx.now))
    .first<{ id: number }>();
  return result!.id;
}

interface PendingRow {
  id: number;
  op: PendingOp['op'];
  entity: EntityName;
  entityId: string;
  fields: string;
  basedOnVersion: number | null;
  reason: string | null;
  proposedBy: string;
  proposedAt: string;
  authorName: string | null;
}

export async function pendingChanges(d1: D1Database, serviceId: string) {
  const rows = await all<PendingRow>(
    d1,
    `SELECT p.id, p.op, p.entity, p.entity_id AS entityId, p.fields, p.based_on_version AS basedOnVersion, p.reason,
       p.proposed_by AS proposedBy, p.proposed_at AS proposedAt, u.display_name AS authorName
     FROM pending_changes p LEFT JOIN users u ON u.id = p.proposed_by WHERE p.service_id = ? ORDER BY p.id`,
    serviceId,
  );
  return rows.map((r) => ({ ...r, fields: parseJson<Record<string, unknown>>(r.fields) }));
}

/**
 * Applies every pending change of a service. All base versions are checked first, so a listing
 * edited meanwhile by someone else is refused (409) before anything is applied.
 */
export async function applyPending(ctx: WriteContext, serviceId: string, publisherPrincipal: Principal): Promise<number> {
  const publisher = publisherPrincipal.label;
  const pending = await pendingChanges(ctx.d1, serviceId);
  // Finding 7: a draft was checked against its author's scope (an editor's organisation); it
  // takes effect under the publisher's authority, so the publisher's scope must allow it too.
  const organisation = await first<{ organisationId: string }>(ctx.d1, 'SELECT organisation_id AS organisationId FROM services WHERE id = ?', serviceId);
  for (const change of pending) {
    if (change.entity === 'service' && change.op !== 'delete') await checkServiceLinks(ctx.d1, publisherPrincipal, change.fields as { type_ids?: string[]; area_pcodes?: string[] });
    if (change.entity === 'service_location' && change.op !== 'delete' && (change.op === 'create' || change.fields.location_id !== undefined) && organisation) {
      await checkSiteLocation(ctx.d1, publisherPrincipal, organisation, change.fields.location_id);
    }
  }
  const owner = async (entity: EntityName, id: string) => {
    const loaded = await loadEntity(ctx.d1, entity, id);
    return { key: loaded?.spec.versioned ? `${entity}:${id}` : `service:${loaded?.serviceId ?? serviceId}`, loaded };
  };
  const expected = new Map<string, number>();
  const stale: string[] = [];
  for (const change of pending) {
    if (change.op === 'create') continue;
    const { key, loaded } = await owner(change.entity, change.entityId);
    if (expected.has(key)) continue;
    expected.set(key, change.basedOnVersion ?? 0);
    if (!loaded || loaded.version !== change.basedOnVersion) stale.push(`pending change ${change.id} (${change.op} ${change.entity} ${change.entityId})`);
  }
  if (stale.length) {
    throw conflict(`The listing changed after these drafts were made; discard or redo them: ${stale.join('; ')}.`);
  }
  for (const change of pending) {
    const author: WriteContext = {
      ...ctx,
      actor: { userId: change.proposedBy, label: `${change.authorName ?? 'editor'} (published by ${publisher})` },
      reason: change.reason,
    };
    if (change.op === 'create') {
      const { __links, ...values } = change.fields;
      await createEntity(author, change.entity, values, (__links ?? {}) as Record<string, unknown>, { id: change.entityId });
    } else {
      const { key } = await owner(change.entity, change.entityId);
      const version = expected.get(key) ?? change.basedOnVersion ?? 0;
      if (change.op === 'delete') await deleteEntity(author, change.entity, change.entityId, version);
      else expected.set(key, (await updateEntity(author, change.entity, change.entityId, version, change.fields)).entity.version);
    }
    // Records without their own version (and the service itself) are guarded by the service's.
    const service = await loadEntity(ctx.d1, 'service', serviceId);
    if (service) expected.set(`service:${serviceId}`, service.version);
  }
  await ctx.d1.prepare('DELETE FROM pending_changes WHERE service_id = ?').bind(serviceId).run();
  return pending.length;
}
