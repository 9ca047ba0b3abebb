/**
 * M1, M6: a listing or contact route becomes "verified" only through a verification record, and
 * its next due date follows the cycle of its service types (hotlines 30 days, others 90, at most
 * 365; configurable in service_types.verification_cycle_days).
 */
import { VERIFICATION_METHODS, type VERIFICATION_RESULTS } from '../../domain/vocabulary.ts';
import { verificationCycleDays } from '../../domain/listing-index.ts';
import { all, DAY_MS, first, iso } from '../db.ts';
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
export async function cycleDays(d1: D1Database, serviceId: string): Promise<number> {
  const types = await all<{ verificationCycleDays: number }>(
    d1,
    `SELECT t.verification_cycle_days AS verificationCycleDays FROM service_type_assignments a
       JOIN service_types t ON t.id = a.service_type_id WHERE a.service_id = ?`,
    serviceId,
  );
  return verificationCycleDays(types);
}

/** Stores the record and updates the verification of the listing or route (logged). */
export async function recordVerification(ctx: WriteContext, input: VerificationInput) {
  const id = crypto.randomUUID();
  const confirmed = input.result === 'confirmed' || input.result === 'corrected';
  const nextDue = confirmed ? iso(new Date(input.verifiedAt.getTime() + (await cycleDays(ctx.d1, input.serviceId)) * DAY_MS)) : null;
  await ctx.d1
    .prepare(
      `INSERT INTO verifications (id, service_id, contact_route_id, method, result, note, verified_by, verified_at, next_due)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(id, input.serviceId, input.contactRouteId, input.method, input.result, input.note, ctx.actor.userId ?? ctx.actor.label, iso(input.verifiedAt), nextDue)
    .run();
  const entity = input.contactRouteId ? 'contact_route' : 'service';
  const targetId = input.contactRouteId ?? input.serviceId;
  const target = (await loadEntity(ctx.d1, entity, targetId))!;
  // Finding 6: a record older than the latest verification is kept in the history but changes
  // nothing: last_verified_at never moves backwards, and an older failure does not undo a newer check.
  const latest = typeof target.row.last_verified_at === 'string' ? Date.parse(target.row.last_verified_at) : NaN;
  if (latest > input.verifiedAt.getTime()) return { id, nextDue, target };
  // Nor does a check made before a contact route's number or kind changed: it checked the old one.
  if (input.verifiedAt.getTime() < (await lastRouteChange(ctx.d1, input.serviceId, input.contactRouteId))) return { id, nextDue, target };
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
  const result = await updateEntity({ ...ctx, reason: ctx.reason ?? `verification ${id} (${input.method}: ${input.result})` }, entity, targetId, target.version, changes);
  return { id, nextDue, target: result.entity };
}

/** When a route of the listing (or this route) last changed its value or kind; 0 if never. */
async function lastRouteChange(d1: D1Database, serviceId: string, routeId: string | null): Promise<number> {
  const row = await first<{ at: string | null }>(
    d1,
    `SELECT max(at) AS at FROM change_log WHERE service_id = ?1 AND entity = 'contact_route' AND field IN ('value', 'kind')
       AND (?2 IS NULL OR entity_id = ?2)`,
    serviceId,
    routeId,
  );
  return row?.at ? Date.parse(row.at) : 0;
}
