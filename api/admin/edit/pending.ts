/**
 * Drafts (issue 4): an editor's changes to a published listing wait in pending_changes until a
 * coordinator publishes them; then they are applied in order, each logged under its author.
 */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { pendingChanges as pendingTable, users } from '../../../db/maintainer-schema.ts';
import { services } from '../../../db/schema.ts';
import { conflict } from '../../errors.ts';
import { iso } from '../db.ts';
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
    const current = await loadEntity(ctx.db, op.entity, op.entityId);
    if (!current || current.version !== op.basedOnVersion) throw staleProblem(current, op.entity, op.entityId);
  }
  const [row] = await ctx.db
    .insert(pendingTable)
    .values({
      serviceId,
      op: op.op,
      entity: op.entity,
      entityId: op.entityId,
      fields: op.fields,
      basedOnVersion: op.basedOnVersion,
      reason: ctx.reason,
      // A draft needs its author: without one the database refuses it (a 409), as before.
      proposedBy: ctx.actor.userId as string,
      proposedAt: iso(ctx.now),
    })
    .returning({ id: pendingTable.id });
  return row!.id;
}

/** A listing's drafts in the order they were made, with their authors' names. */
export async function pendingChanges(db: Database, serviceId: string) {
  const rows = await db
    .select({
      id: pendingTable.id,
      op: pendingTable.op,
      entity: pendingTable.entity,
      entityId: pendingTable.entityId,
      fields: pendingTable.fields,
      basedOnVersion: pendingTable.basedOnVersion,
      reason: pendingTable.reason,
      proposedBy: pendingTable.proposedBy,
      proposedAt: pendingTable.proposedAt,
      authorName: users.displayName,
    })
    .from(pendingTable)
    .leftJoin(users, eq(users.id, pendingTable.proposedBy))
    .where(eq(pendingTable.serviceId, serviceId))
    .orderBy(asc(pendingTable.id));
  return rows.map((r) => ({ ...r, entity: r.entity as EntityName }));
}

/**
 * Applies every pending change of a service. All base versions are checked first, so a listing
 * edited meanwhile by someone else is refused (409) before anything is applied.
 */
export async function applyPending(
  ctx: WriteContext,
  serviceId: string,
  publisherPrincipal: Principal,
): Promise<number> {
  const publisher = publisherPrincipal.label;
  const pending = await pendingChanges(ctx.db, serviceId);
  // Finding 7: a draft was checked against its author's scope (an editor's organisation); it
  // takes effect under the publisher's authority, so the publisher's scope must allow it too.
  const organisation = await ctx.db
    .select({ organisationId: services.organisationId })
    .from(services)
    .where(eq(services.id, serviceId))
    .get();
  for (const change of pending) {
    if (change.entity === 'service' && change.op !== 'delete')
      await checkServiceLinks(
        ctx.db,
        publisherPrincipal,
        change.fields as { type_ids?: string[]; area_pcodes?: string[] },
      );
    if (
      change.entity === 'service_location' &&
      change.op !== 'delete' &&
      (change.op === 'create' || change.fields.location_id !== undefined) &&
      organisation
    ) {
      await checkSiteLocation(ctx.db, publisherPrincipal, organisation, change.fields.location_id);
    }
  }
  const owner = async (entity: EntityName, id: string) => {
    const loaded = await loadEntity(ctx.db, entity, id);
    return { key: loaded?.spec.versioned ? `${entity}:${id}` : `service:${loaded?.serviceId ?? serviceId}`, loaded };
  };
  const expected = new Map<string, number>();
  const stale: string[] = [];
  for (const change of pending) {
    if (change.op === 'create') continue;
    const { key, loaded } = await owner(change.entity, change.entityId);
    if (expected.has(key)) continue;
    expected.set(key, change.basedOnVersion ?? 0);
    if (!loaded || loaded.version !== change.basedOnVersion)
      stale.push(`pending change ${change.id} (${change.op} ${change.entity} ${change.entityId})`);
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
      await createEntity(author, change.entity, values, (__links ?? {}) as Record<string, unknown>, {
        id: change.entityId,
      });
    } else {
      const { key } = await owner(change.entity, change.entityId);
      const version = expected.get(key) ?? change.basedOnVersion ?? 0;
      if (change.op === 'delete') await deleteEntity(author, change.entity, change.entityId, version);
      else
        expected.set(
          key,
          (await updateEntity(author, change.entity, change.entityId, version, change.fields)).entity.version,
        );
    }
    // Records without their own version (and the service itself) are guarded by the service's.
    const service = await loadEntity(ctx.db, 'service', serviceId);
    if (service) expected.set(`service:${serviceId}`, service.version);
  }
  await ctx.db.delete(pendingTable).where(eq(pendingTable.serviceId, serviceId));
  return pending.length;
}
