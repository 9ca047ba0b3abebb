/**
 * Validated rows → what committing would do: each row new, changed (field by field), unchanged or
 * rejected, and the statements that do it, made by edit/write.ts (the same writes, version guards
 * and change log rows as an edit). A dry run returns the outcomes; a commit runs the statements.
 *
 * A row is the listing already in the directory with the same external id, or else with the same
 * organisation, service type and area. A phone already listed for another listing, or a second row
 * for the same listing or phone, is a duplicate and rejected. An import adds and changes, it never
 * deletes: a listing's other phones, types and areas stay.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { inIds } from '../../../db/id-list.ts';
import type { Database } from '../../../db/client.ts';
import { contactRoutes, organisations, serviceAreas, services, serviceTypeAssignments } from '../../../db/schema.ts';
import { nameKey } from '../../domain/text-normalise.ts';
import type { Country } from '../../domain/vocabulary.ts';
import { inAreas, mayOnService, serviceFacts } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import {
  loadEntity,
  planCreate,
  planUpdate,
  type FieldChange,
  type PlannedWrite,
  type WriteContext,
} from '../edit/write.ts';
import { languageOf, type ImportedListing, type RowIssue } from './rows.ts';

export const OUTCOMES = ['new', 'changed', 'unchanged', 'rejected'] as const;

export interface RowOutcome {
  row: number;
  outcome: (typeof OUTCOMES)[number];
  /** The listing it updates; null for a new or rejected row. */
  service_id: string | null;
  external_id: string | null;
  name: string | null;
  changes: FieldChange[];
  errors: RowIssue[];
  warnings: RowIssue[];
}

/** `column IN` a JSON list bound as one parameter (D1 binds at most 100 parameters). */

async function existing(db: Database, listings: ImportedListing[]) {
  const externalIds = listings.flatMap((l) => (l.externalId ? [l.externalId] : []));
  const phones = listings.flatMap((l) => l.phones.map((p) => p.value));
  const [orgs, byExternal, routes] = await Promise.all([
    db.select({ id: organisations.id, names: organisations.names }).from(organisations),
    externalIds.length
      ? db
          .select({ id: services.id, externalId: services.externalId })
          .from(services)
          .where(inIds(services.externalId, externalIds))
      : [],
    phones.length
      ? db
          .select({ id: contactRoutes.id, serviceId: contactRoutes.serviceId, value: contactRoutes.value })
          .from(contactRoutes)
          .where(inIds(contactRoutes.value, phones))
      : [],
  ]);
  const orgsByKey = new Map<string, string[]>();
  for (const org of orgs) {
    for (const key of new Set(Object.values(org.names).flatMap((n) => (n ? [nameKey(n)] : [])))) {
      orgsByKey.set(key, [...(orgsByKey.get(key) ?? []), org.id]);
    }
  }
  return {
    orgsByKey,
    byExternal: new Map(byExternal.map((s) => [s.externalId!, s.id])),
    routesByPhone: new Map(routes.map((r) => [r.value, r])),
  };
}

/** Listings of these organisations with this type and area: the stable match of a row without an external id. */
async function sameListing(db: Database, organisationId: string, typeId: string, pcode: string) {
  return db
    .selectDistinct({ id: services.id, externalId: services.externalId })
    .from(services)
    .innerJoin(serviceTypeAssignments, eq(serviceTypeAssignments.serviceId, services.id))
    .innerJoin(serviceAreas, eq(serviceAreas.serviceId, services.id))
    .where(
      and(
        eq(services.organisationId, organisationId),
        eq(serviceTypeAssignments.serviceTypeId, typeId),
        eq(serviceAreas.areaPcode, pcode),
      ),
    );
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();

export async function planImport(
  ctx: WriteContext,
  p: Principal,
  listings: ImportedListing[],
  source: string,
): Promise<{ outcomes: RowOutcome[]; writes: PlannedWrite[] }> {
  const db = ctx.db;
  const known = await existing(db, listings);
  const outcomes: RowOutcome[] = [];
  const writes: PlannedWrite[] = [];
  const rowOfKey = new Map<string, number>();
  const rowOfPhone = new Map<string, { row: number; key: string }>();
  const newOrganisations = new Map<string, string>();

  for (const listing of listings) {
    const country: Country = listing.area.country;
    const errors: RowIssue[] = [];
    const orgKey = nameKey(listing.organisation);
    const key = listing.externalId ? `id:${listing.externalId}` : `${orgKey}|${listing.type.id}|${listing.area.pcode}`;
    const reject = (issue: RowIssue) => errors.push(issue);

    if (rowOfKey.has(key)) reject({ column: 'organisation', reason: `the same listing as row ${rowOfKey.get(key)}` });
    if (p.role === 'coordinator' && !inAreas(p, [listing.area.path]))
      reject({ column: 'governorate', reason: `${listing.area.pcode} is outside your areas` });

    const orgIds = known.orgsByKey.get(orgKey) ?? [];
    if (orgIds.length > 1)
      reject({
        column: 'organisation',
        reason: `several organisations are named "${listing.organisation}": ${orgIds.join(', ')}`,
      });
    const organisationId = orgIds[0] ?? null;

    let serviceId: string | null = listing.externalId ? (known.byExternal.get(listing.externalId) ?? null) : null;
    if (!serviceId && organisationId) {
      // A listing that already has another external id is another row of some sheet, not this one.
      const same = (await sameListing(db, organisationId, listing.type.id, listing.area.pcode)).filter(
        (s) => !listing.externalId || s.externalId === null,
      );
      if (same.length > 1)
        reject({ column: 'organisation', reason: `several listings match: ${same.map((s) => s.id).join(', ')}` });
      else serviceId = same[0]?.id ?? null;
    }
    if (serviceId) {
      const facts = await serviceFacts(db, serviceId);
      if (facts && !mayOnService(p, 'edit', facts))
        reject({ column: 'organisation', reason: `the listing ${serviceId} it matches is outside your scope` });
    }
    for (const phone of listing.phones) {
      const route = known.routesByPhone.get(phone.value);
      if (route && route.serviceId !== serviceId)
        reject({
          column: 'phones',
          reason: `duplicate: ${phone.value} is already listed for listing ${route.serviceId}`,
        });
      const other = rowOfPhone.get(phone.value);
      if (other && other.key !== key)
        reject({ column: 'phones', reason: `duplicate: ${phone.value} is also in row ${other.row}` });
    }
    rowOfKey.set(key, rowOfKey.get(key) ?? listing.row);
    for (const phone of listing.phones)
      if (!rowOfPhone.has(phone.value)) rowOfPhone.set(phone.value, { row: listing.row, key });

    const lang = listing.lang;
    const name =
      listing.serviceName ??
      `${listing.type.names[lang] ?? listing.type.names.en ?? listing.type.id} — ${listing.organisation}`;
    const base = { row: listing.row, external_id: listing.externalId, name, warnings: listing.warnings };
    if (errors.length) {
      outcomes.push({ ...base, outcome: 'rejected', service_id: null, changes: [], errors });
      continue;
    }
    const textOf = (text: string | null) => (text ? { [languageOf([text], country)]: text } : {});

    if (!serviceId) {
      const planned: PlannedWrite[] = [];
      let orgId = organisationId ?? newOrganisations.get(orgKey);
      if (!orgId) {
        orgId = crypto.randomUUID();
        newOrganisations.set(orgKey, orgId);
        planned.push(await planCreate(ctx, 'organisation', orgId, { names: textOf(listing.organisation) }, {}));
      }
      const id = crypto.randomUUID();
      const values = {
        names: { [lang]: name },
        type_ids: [listing.type.id],
        area_pcodes: [listing.area.pcode],
        languages: listing.languages,
        eligibility_note: textOf(listing.eligibility),
        verification_note: listing.notes,
      };
      const links = {
        organisation_id: orgId,
        country,
        status: 'draft',
        external_id: listing.externalId,
        import_source: source,
      };
      planned.push(await planCreate(ctx, 'service', id, values, links));
      if (listing.focalPoint)
        planned.push(
          await planCreate(ctx, 'referral', id, { focal_point: textOf(listing.focalPoint) }, { service_id: id }),
        );
      for (const [i, phone] of listing.phones.entries()) {
        planned.push(
          await planCreate(
            ctx,
            'contact_route',
            crypto.randomUUID(),
            { kind: phone.kind, value: phone.value, opening_hours: listing.hours, sort_order: i * 10 },
            { service_id: id },
          ),
        );
      }
      writes.push(...planned);
      const changes = Object.entries({
        ...values,
        phones: listing.phones.map((ph) => ph.value),
        opening_hours: listing.hours,
      })
        .filter(
          ([, v]) =>
            v !== null && !(Array.isArray(v) && !v.length) && !(typeof v === 'object' && !Object.keys(v).length),
        )
        .map(([field, v]) => ({ field, old: null, new: v }));
      outcomes.push({ ...base, outcome: 'new', service_id: null, changes, errors: [] });
      continue;
    }

    const service = (await loadEntity(db, 'service', serviceId))!;
    const row = service.row;
    const planned: PlannedWrite[] = [];
    const serviceChanges: Record<string, unknown> = {
      type_ids: union(await typeIds(db, serviceId), [listing.type.id]),
      area_pcodes: union(await areaPcodes(db, serviceId), [listing.area.pcode]),
      languages: union(row.languages, listing.languages),
    };
    if (listing.serviceName) serviceChanges[`names.${lang}`] = listing.serviceName;
    if (listing.eligibility)
      serviceChanges[`eligibility_note.${languageOf([listing.eligibility], country)}`] = listing.eligibility;
    if (listing.notes) serviceChanges.verification_note = listing.notes;
    if (listing.externalId) serviceChanges.external_id = listing.externalId;
    planned.push(await planUpdate(ctx, service, serviceChanges));
    if (listing.focalPoint) {
      const referral = (await loadEntity(db, 'referral', serviceId))!;
      planned.push(
        await planUpdate(ctx, referral, {
          [`focal_point.${languageOf([listing.focalPoint], country)}`]: listing.focalPoint,
        }),
      );
    }
    const routes = await db
      .select({ id: contactRoutes.id, value: contactRoutes.value, sortOrder: contactRoutes.sortOrder })
      .from(contactRoutes)
      .where(eq(contactRoutes.serviceId, serviceId));
    let sortOrder = Math.max(0, ...routes.map((r) => r.sortOrder + 10));
    for (const phone of listing.phones) {
      const route = routes.find((r) => r.value === phone.value);
      if (route) {
        if (!listing.hours) continue;
        const loaded = (await loadEntity(db, 'contact_route', route.id))!;
        const update = await planUpdate(ctx, loaded, { opening_hours: listing.hours });
        planned.push({
          ...update,
          changes: update.changes.map((c) => ({ ...c, field: `${phone.value}: ${c.field}` })),
        });
      } else {
        const values = { kind: phone.kind, value: phone.value, opening_hours: listing.hours, sort_order: sortOrder };
        sortOrder += 10;
        const created = await planCreate(ctx, 'contact_route', crypto.randomUUID(), values, { service_id: serviceId });
        planned.push({ ...created, changes: [{ field: 'phones', old: null, new: phone.value }] });
      }
    }
    const changes = planned.flatMap((w) => w.changes);
    writes.push(...planned);
    outcomes.push({
      ...base,
      outcome: changes.length ? 'changed' : 'unchanged',
      service_id: serviceId,
      changes,
      errors: [],
    });
  }
  return { outcomes, writes };
}

async function typeIds(db: Database, serviceId: string) {
  const rows = await db
    .select({ id: serviceTypeAssignments.serviceTypeId })
    .from(serviceTypeAssignments)
    .where(eq(serviceTypeAssignments.serviceId, serviceId));
  return rows.map((r) => r.id);
}

async function areaPcodes(db: Database, serviceId: string) {
  const rows = await db
    .select({ pcode: serviceAreas.areaPcode })
    .from(serviceAreas)
    .where(inArray(serviceAreas.serviceId, [serviceId]));
  return rows.map((r) => r.pcode);
}
