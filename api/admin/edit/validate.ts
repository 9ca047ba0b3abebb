/** Checks across fields and records that zod alone cannot make (they need the database). */
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { inIds } from '../../../db/id-list.ts';
import { areas, closures, problemReports, services, serviceTypes } from '../../../db/schema.ts';
import { isPhoneKind } from '../../domain/vocabulary.ts';
import { conflict, forbidden, invalidFields, type InvalidParam } from '../../errors.ts';
import { areaInScope, checkSiteLocation, type ServiceFacts } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { EntityName } from './entities.ts';

const body = (name: string, reason: string): InvalidParam => ({ in: 'body', name, reason });

/** `column IN` a JSON list bound as one parameter (D1 binds at most 100). */

export async function checkServiceLinks(
  db: Database,
  p: Principal,
  values: { type_ids?: string[]; area_pcodes?: string[] },
) {
  const errors: InvalidParam[] = [];
  if (values.type_ids) {
    const known = await db
      .select({ id: serviceTypes.id })
      .from(serviceTypes)
      .where(inIds(serviceTypes.id, values.type_ids));
    const unknown = values.type_ids.filter((t) => !known.some((k) => k.id === t));
    if (unknown.length) errors.push(body('type_ids', `unknown service types: ${unknown.join(', ')}`));
  }
  if (values.area_pcodes) {
    const known = await db.select({ pcode: areas.pcode }).from(areas).where(inIds(areas.pcode, values.area_pcodes));
    const unknown = values.area_pcodes.filter((a) => !known.some((k) => k.pcode === a));
    if (unknown.length) errors.push(body('area_pcodes', `unknown P-codes: ${unknown.join(', ')}`));
  }
  if (errors.length) throw invalidFields(errors);
  if (p.role === 'coordinator' && values.area_pcodes) {
    for (const pcode of values.area_pcodes)
      if (!(await areaInScope(db, p, pcode))) throw forbidden(`${pcode} is outside your areas.`);
  }
}

export function checkAges(merged: { min_age?: unknown; max_age?: unknown }) {
  if (typeof merged.min_age === 'number' && typeof merged.max_age === 'number' && merged.min_age > merged.max_age) {
    throw invalidFields([body('min_age', 'must not be greater than max_age')]);
  }
}

export function checkClosureSpan(merged: { starts_at?: unknown; ends_at?: unknown }) {
  if (
    typeof merged.starts_at === 'string' &&
    typeof merged.ends_at === 'string' &&
    Date.parse(merged.ends_at) <= Date.parse(merged.starts_at)
  ) {
    throw invalidFields([body('ends_at', 'must be after starts_at')]);
  }
}

export function checkCoordinates(merged: { lon?: unknown; lat?: unknown }) {
  if ((merged.lon === null || merged.lon === undefined) !== (merged.lat === null || merged.lat === undefined)) {
    throw invalidFields([body(merged.lon == null ? 'lon' : 'lat', 'give both lon and lat, or neither')]);
  }
}

export async function checkArea(db: Database, pcode: unknown, name = 'area_pcode') {
  if (
    typeof pcode === 'string' &&
    !(await db.select({ pcode: areas.pcode }).from(areas).where(eq(areas.pcode, pcode)).get())
  )
    throw invalidFields([body(name, `no area with P-code ${pcode}`)]);
}

/** Phone-like routes need a dialable number or short code; email and web forms their own form. */
export function checkRouteValue(merged: { kind?: unknown; value?: unknown }) {
  const value = String(merged.value ?? '');
  const kind = String(merged.kind ?? '');
  const ok = isPhoneKind(kind)
    ? /^\+?\d{3,15}$/.test(value.replace(/[\s-]/g, ''))
    : kind === 'email'
      ? /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
      : kind === 'web_form'
        ? /^https?:\/\/\S+$/.test(value)
        : true;
  if (!ok) throw invalidFields([body('value', `is not a valid ${kind} contact`)]);
}

/** A contact route still named by closures or problem reports is not deleted (nor its creation reverted). */
export async function assertRouteUnreferenced(db: Database, id: string) {
  const closure = await db
    .select({ id: closures.id })
    .from(closures)
    .where(eq(closures.contactRouteId, id))
    .limit(1)
    .get();
  const report =
    closure ??
    (await db
      .select({ id: problemReports.id })
      .from(problemReports)
      .where(eq(problemReports.contactRouteId, id))
      .limit(1)
      .get());
  if (report) {
    throw conflict(
      'This route has closures or problem reports; remove its closures first, or make it practitioner-only ' +
        'instead of deleting it.',
    );
  }
}

/** A listing always has a name in at least one language: a published one must never lose it. */
export function checkNames(merged: { names?: unknown }, what = 'a listing') {
  const names = merged.names;
  const named =
    names !== null &&
    typeof names === 'object' &&
    Object.values(names).some((text) => typeof text === 'string' && text.trim() !== '');
  if (!named) throw invalidFields([body('names', `${what} needs a name in at least one language`)]);
}

/**
 * The checks of a change to a pathway's records (an edit or a revert): a pathway keeps a name, and
 * a step's services name service types and services that exist.
 */
export async function checkPathwayEdit(db: Database, entity: EntityName, changes: Record<string, unknown>) {
  if (entity === 'pathway' && 'names' in changes) checkNames(changes, 'a pathway');
  const targets = changes.services as
    Array<{ service_type_id?: string | null; service_id?: string | null }> | undefined;
  if (entity !== 'pathway_step' || !targets?.length) return;
  const typeIds = targets.flatMap((t) => (t.service_type_id ? [t.service_type_id] : []));
  const serviceIds = targets.flatMap((t) => (t.service_id ? [t.service_id] : []));
  const knownTypes = new Set(
    (await db.select({ id: serviceTypes.id }).from(serviceTypes).where(inIds(serviceTypes.id, typeIds))).map(
      (r) => r.id,
    ),
  );
  const knownServices = new Set(
    (await db.select({ id: services.id }).from(services).where(inIds(services.id, serviceIds))).map((r) => r.id),
  );
  const errors: InvalidParam[] = [];
  targets.forEach((t, i) => {
    if (t.service_type_id && !knownTypes.has(t.service_type_id))
      errors.push(body(`services.${i}.service_type_id`, `unknown service type: ${t.service_type_id}`));
    if (t.service_id && !knownServices.has(t.service_id))
      errors.push(body(`services.${i}.service_id`, `no such service: ${t.service_id}`));
  });
  if (errors.length) throw invalidFields(errors);
}

/**
 * The checks every change to a listing's record runs, whether it comes from an edit, a draft or
 * a revert: `changes` are the fields written, `merged` the record as it would be afterwards.
 */
export async function checkEdit(
  db: Database,
  p: Principal,
  facts: Pick<ServiceFacts, 'organisationId'>,
  entity: EntityName,
  changes: Record<string, unknown>,
  merged: Record<string, unknown>,
) {
  if (entity === 'service') {
    checkAges(merged);
    if ('names' in changes) checkNames(merged);
    await checkServiceLinks(db, p, changes);
  }
  if (entity === 'closure') checkClosureSpan(merged);
  if (entity === 'contact_route') checkRouteValue(merged);
  if (entity === 'service_location' && changes.location_id !== undefined)
    await checkSiteLocation(db, p, facts, changes.location_id);
}
