/**
 * M1, M6: a listing or contact route becomes "verified" only through a verification record, and
 * its next due date follows the cycle of its service types (hotlines 30 days, others 90, at most
 * 365; configurable in service_types.verification_cycle_days).
 */
import { VERIFICATION_METHODS, type VERIFICATION_RESULTS } from '../../domain/vocabulary.ts';
import { verificationCycleDays } from '../../domain/listing-index.ts';
import { and, eq, inArray, max } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { changeLog, pathwayVerifications, verifications } from '../../../db/maintainer-schema.ts';
import { pathwayCycleDays } from '../queries/restricted-pathway.ts';
import { serviceTypeAssignments, serviceTypes } from '../../../db/schema.ts';
import { DAY_MS, iso } from '../db.ts';
import { loadEntity, updateEntity, type WriteContext } from './write.ts';

export interface VerificationInput {
  serviceId: string;
  contactRouteId: string | null;
  method: (typeof VERIFICATION_METHODS)[number];
  result: (typeof VERIFICATION_RESULTS)[number];
  note: string | null;
  verifiedAt: Date;
  /** Shown publicly as "verified by": a role, never a person's name. */
  verifiedByLabel: string;
}

/** The listing's verification cycle, from the module the seed uses (api/domain/listing-index.ts). */
export async function cycleDays(db: Database, serviceId: string): Promise<number> {
  const types = await db
    .select({ verificationCycleDays: serviceTypes.verificationCycleDays })
    .from(serviceTypeAssignments)
    .innerJoin(serviceTypes, eq(serviceTypes.id, serviceTypeAssignments.serviceTypeId))
    .where(eq(serviceTypeAssignments.serviceId, serviceId));
  return verificationCycleDays(types);
}

/** Stores the record and updates the verification of the listing or route (logged). */
export async function recordVerification<R extends string | null>(
  ctx: WriteContext,
  input: VerificationInput & { contactRouteId: R },
) {
  const id = crypto.randomUUID();
  const confirmed = input.result === 'confirmed' || input.result === 'corrected';
  const nextDue = confirmed
    ? iso(new Date(input.verifiedAt.getTime() + (await cycleDays(ctx.db, input.serviceId)) * DAY_MS))
    : null;
  await ctx.db.insert(verifications).values({
    id,
    serviceId: input.serviceId,
    contactRouteId: input.contactRouteId,
    method: input.method,
    result: input.result,
    note: input.note,
    verifiedBy: ctx.actor.userId ?? ctx.actor.label,
    verifiedAt: iso(input.verifiedAt),
    nextDue,
  });
  // The record is of the route when one is named, else of the listing.
  const entity = (input.contactRouteId ? 'contact_route' : 'service') as R extends string ? 'contact_route' : 'service';
  const targetId = input.contactRouteId ?? input.serviceId;
  const target = (await loadEntity(ctx.db, entity, targetId))!;
  // Finding 6: a record older than the latest verification is kept in the history but changes
  // nothing: last_verified_at never moves backwards, and an older failure does not undo a newer check.
  const latest = typeof target.row.last_verified_at === 'string' ? Date.parse(target.row.last_verified_at) : NaN;
  if (latest > input.verifiedAt.getTime()) return { id, nextDue, target };
  // Nor does a check made before a contact route's number or kind changed: it checked the old one.
  if (input.verifiedAt.getTime() < (await lastRouteChange(ctx.db, input.serviceId, input.contactRouteId)))
    return { id, nextDue, target };
  // A failed check (unreachable, closed) takes the record out of "verified" at once (C2).
  const changes: Record<string, unknown> = confirmed
    ? {
        verification_status: 'verified',
        last_verified_at: iso(input.verifiedAt),
        last_verified_by: input.verifiedByLabel,
        verification_method: input.method,
        verification_note: input.note,
        next_verification_due: nextDue,
      }
    : { verification_status: target.row.last_verified_at ? 'overdue' : 'unverified', verification_note: input.note };
  const result = await updateEntity(
    { ...ctx, reason: ctx.reason ?? `verification ${id} (${input.method}: ${input.result})` },
    entity,
    targetId,
    target.version,
    changes,
  );
  return { id, nextDue, target: result.entity };
}

/** When a route of the listing (or this route) last changed its value or kind; 0 if never. */
async function lastRouteChange(db: Database, serviceId: string, routeId: string | null): Promise<number> {
  const row = await db
    .select({ at: max(changeLog.at) })
    .from(changeLog)
    .where(
      and(
        eq(changeLog.serviceId, serviceId),
        eq(changeLog.entity, 'contact_route'),
        inArray(changeLog.field, ['value', 'kind']),
        routeId === null ? undefined : eq(changeLog.entityId, routeId),
      ),
    )
    .get();
  return row?.at ? Date.parse(row.at) : 0;
}

/**
 * Records a check of a referral pathway with the bodies it names, and makes it "verified" until
 * its next check falls due (the cycle of its steps' services). A check made before the pathway's
 * latest verification, or before one of its steps last changed, is kept but changes nothing: it
 * checked what the pathway said then.
 */
export async function recordPathwayVerification(
  ctx: WriteContext,
  input: {
    pathwayId: string;
    method: (typeof VERIFICATION_METHODS)[number];
    note: string | null;
    verifiedAt: Date;
    verifiedByLabel: string;
  },
) {
  const id = crypto.randomUUID();
  const nextDue = iso(
    new Date(input.verifiedAt.getTime() + (await pathwayCycleDays(ctx.db, input.pathwayId)) * DAY_MS),
  );
  await ctx.db.insert(pathwayVerifications).values({
    id,
    pathwayId: input.pathwayId,
    method: input.method,
    note: input.note,
    verifiedBy: ctx.actor.userId ?? ctx.actor.label,
    verifiedAt: iso(input.verifiedAt),
    nextDue,
  });
  const target = (await loadEntity(ctx.db, 'pathway', input.pathwayId))!;
  const latest = typeof target.row.last_verified_at === 'string' ? Date.parse(target.row.last_verified_at) : NaN;
  const stepChanged = await ctx.db
    .select({ at: max(changeLog.at) })
    .from(changeLog)
    .where(
      and(
        eq(changeLog.pathwayId, input.pathwayId),
        inArray(changeLog.entity, ['pathway_step', 'pathway_step_referral']),
      ),
    )
    .get();
  if (latest > input.verifiedAt.getTime() || input.verifiedAt.getTime() < Date.parse(stepChanged?.at ?? '0'))
    return { id, nextDue, pathway: target };
  const result = await updateEntity(
    { ...ctx, reason: ctx.reason ?? `verification ${id} (${input.method})` },
    'pathway',
    input.pathwayId,
    target.version,
    {
      verification_status: 'verified',
      last_verified_at: iso(input.verifiedAt),
      last_verified_by: input.verifiedByLabel,
      verification_method: input.method,
      verification_note: input.note,
      next_verification_due: nextDue,
    },
  );
  return { id, nextDue, pathway: result.entity };
}
