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
import { and, eq } from 'drizzle-orm';
import { inChunks, inIds } from '../../../db/id-list.ts';
import type { Database } from '../../../db/client.ts';
import {
  contactRoutes,
  organisations,
  serviceAreas,
  serviceCoverage,
  serviceReferralDetails,
  services,
  serviceTypeAssignments,
} from '../../../db/schema.ts';
import { nameKey } from '../../domain/text-normalise.ts';
import type { Country } from '../../domain/vocabulary.ts';
import { inAreas, mayOnService } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { apiRow } from '../edit/entities.ts';
import {
  loadedFrom,
  planCreate,
  planUpdate,
  type FieldChange,
  type Loaded,
  type PlannedWrite,
  type WriteContext,
} from '../edit/write.ts';
import { languageOf, type ImportedListing, type RowIssue } from './rows.ts';

export const OUTCOMES = ['new', 'changed', 'unchanged', 'rejected'] as const;

export interface RowOutcome {
  row: number;
  outcome: (typeof OUTCOMES)[number];
  /** The listing it updates; null for a new or rejected row (and for a pathway). */
  service_id: string | null;
  /** A pathway of pathways.json: the pathway it updates; null for a new one. */
  pathway_id?: string | null;
  external_id: string | null;
  name: string | null;
  changes: FieldChange[];
  errors: RowIssue[];
  warnings: RowIssue[];
}

/**
 * Everything planning reads, for the whole sheet at once: a few statements per kind (one per piece
 * of `inChunks`), never some per row. D1 allows 1,000 queries per Worker invocation (50 on the free
 * plan), so a sheet of thousands of rows must not read row by row.
 */
async function readMany<T>(items: string[], read: (piece: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const piece of inChunks([...new Set(items)])) out.push(...(await read(piece)));
  return out;
}

async function existing(db: Database, listings: ImportedListing[]) {
  const externalIds = listings.flatMap((l) => (l.externalId ? [l.externalId] : []));
  const phones = listings.flatMap((l) => l.phones.map((p) => p.value));
  const [orgs, byExternal, routes] = await Promise.all([
    db.select({ id: organisations.id, names: organisations.names }).from(organisations),
    readMany(externalIds, (piece) =>
      db
        .select({ id: services.id, externalId: services.externalId })
        .from(services)
        .where(inIds(services.externalId, piece)),
    ),
    readMany(phones, (piece) =>
      db
        .select({ id: contactRoutes.id, serviceId: contactRoutes.serviceId, value: contactRoutes.value })
        .from(contactRoutes)
        .where(inIds(contactRoutes.value, piece)),
    ),
  ]);
  const orgsByKey = new Map<string, string[]>();
  for (const org of orgs) {
    for (const key of new Set(Object.values(org.names).flatMap((n) => (n ? [nameKey(n)] : [])))) {
      orgsByKey.set(key, [...(orgsByKey.get(key) ?? []), org.id]);
    }
  }
  // The stable match of rows without a known external id: listings of the named organisations with
  // a type and an area some row names, read for the whole sheet and keyed organisation|type|area.
  const orgIds = [...new Set(listings.flatMap((l) => orgsByKey.get(nameKey(l.organisation)) ?? []))];
  const typeIds = new Set(listings.map((l) => l.type.id));
  const pcodes = new Set(listings.map((l) => l.area.pcode));
  const candidates = await readMany(orgIds, (piece) =>
    db
      .selectDistinct({
        id: services.id,
        externalId: services.externalId,
        organisationId: services.organisationId,
        typeId: serviceTypeAssignments.serviceTypeId,
        pcode: serviceAreas.areaPcode,
      })
      .from(services)
      .innerJoin(serviceTypeAssignments, eq(serviceTypeAssignments.serviceId, services.id))
      .innerJoin(serviceAreas, eq(serviceAreas.serviceId, services.id))
      .where(
        and(
          inIds(services.organisationId, piece),
          inIds(serviceTypeAssignments.serviceTypeId, typeIds),
          inIds(serviceAreas.areaPcode, pcodes),
        ),
      ),
  );
  const sameListing = new Map<string, Array<{ id: string; externalId: string | null }>>();
  for (const c of candidates) {
    const key = `${c.organisationId}|${c.typeId}|${c.pcode}`;
    sameListing.set(key, [...(sameListing.get(key) ?? []), { id: c.id, externalId: c.externalId }]);
  }
  return {
    orgsByKey,
    byExternal: new Map(byExternal.map((s) => [s.externalId!, s.id])),
    routesByPhone: new Map(routes.map((r) => [r.value, r])),
    sameListing,
  };
}

/** The records of the listings rows matched, as loadEntity gives them, read a few statements per kind. */
async function matchedListings(db: Database, ids: string[]) {
  const [rows, coverage, types, areas, referrals, routes] = await Promise.all([
    readMany(ids, (piece) => db.select().from(services).where(inIds(services.id, piece))),
    readMany(ids, (piece) =>
      db
        .select({ serviceId: serviceCoverage.serviceId, path: serviceCoverage.areaPath })
        .from(serviceCoverage)
        .where(inIds(serviceCoverage.serviceId, piece)),
    ),
    readMany(ids, (piece) =>
      db.select().from(serviceTypeAssignments).where(inIds(serviceTypeAssignments.serviceId, piece)),
    ),
    readMany(ids, (piece) => db.select().from(serviceAreas).where(inIds(serviceAreas.serviceId, piece))),
    readMany(ids, (piece) =>
      db.select().from(serviceReferralDetails).where(inIds(serviceReferralDetails.serviceId, piece)),
    ),
    readMany(ids, (piece) => db.select().from(contactRoutes).where(inIds(contactRoutes.serviceId, piece))),
  ]);
  const group = <T>(items: T[], key: (item: T) => string) => {
    const out = new Map<string, T[]>();
    for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
    return out;
  };
  const coverageOf = group(coverage, (c) => c.serviceId);
  const typesOf = group(types, (t) => t.serviceId);
  const areasOf = group(areas, (a) => a.serviceId);
  const referralOf = new Map(referrals.map((r) => [r.serviceId, r]));
  const routesOf = group(routes, (r) => r.serviceId);
  const found = new Map<string, MatchedListing>();
  for (const row of rows) {
    const id = row.id;
    const service = loadedFrom('service', apiRow(services, row), id, row.version);
    // Referral details exist for every service, empty until written (as loadEntity reads them).
    const referralRow = referralOf.get(id);
    const referral = loadedFrom(
      'referral',
      referralRow
        ? apiRow(serviceReferralDetails, referralRow)
        : { service_id: id, focal_point: {}, intake_route: {}, required_documents: {}, expected_response_time: {} },
      id,
      row.version,
    );
    found.set(id, {
      service,
      referral,
      facts: { organisationId: row.organisationId, coveragePaths: (coverageOf.get(id) ?? []).map((c) => c.path) },
      typeIds: (typesOf.get(id) ?? []).map((t) => t.serviceTypeId),
      areaPcodes: (areasOf.get(id) ?? []).map((a) => a.areaPcode),
      routes: (routesOf.get(id) ?? []).map((r) =>
        loadedFrom('contact_route', apiRow(contactRoutes, r), id, row.version),
      ),
    });
  }
  return found;
}

interface MatchedListing {
  service: Loaded<'service'>;
  referral: Loaded<'referral'>;
  facts: { organisationId: string; coveragePaths: string[] };
  typeIds: string[];
  areaPcodes: string[];
  routes: Array<Loaded<'contact_route'>>;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();

/**
 * What planning looked rows up by: external ids, organisation|type|P-code of a named organisation,
 * phone numbers. A listing or route created since planning with one of these could be a row's match
 * or duplicate, which the plan did not see (staging.ts).
 */
export interface PlanLookups {
  externalIds: string[];
  listingKeys: string[];
  phones: string[];
}

export async function planImport(
  ctx: WriteContext,
  p: Principal,
  listings: ImportedListing[],
  source: string,
): Promise<{ outcomes: RowOutcome[]; writes: PlannedWrite[]; lookups: PlanLookups }> {
  const db = ctx.db;
  const known = await existing(db, listings);
  const lookups: PlanLookups = {
    externalIds: listings.flatMap((l) => (l.externalId ? [l.externalId] : [])),
    listingKeys: listings.flatMap((l) =>
      (known.orgsByKey.get(nameKey(l.organisation)) ?? []).map((org) => `${org}|${l.type.id}|${l.area.pcode}`),
    ),
    phones: listings.flatMap((l) => l.phones.map((ph) => ph.value)),
  };
  /** The listing a row is: by external id, else by organisation, type and area; `several` when ambiguous. */
  const matchOf = (listing: ImportedListing) => {
    const byId = listing.externalId ? known.byExternal.get(listing.externalId) : undefined;
    if (byId) return { serviceId: byId, several: [] };
    const orgIds = known.orgsByKey.get(nameKey(listing.organisation)) ?? [];
    if (orgIds.length !== 1) return { serviceId: null, several: [] };
    // A listing that already has another external id is another row of some sheet, not this one.
    const same = (known.sameListing.get(`${orgIds[0]}|${listing.type.id}|${listing.area.pcode}`) ?? []).filter(
      (s) => !listing.externalId || s.externalId === null,
    );
    return same.length > 1 ? { serviceId: null, several: same } : { serviceId: same[0]?.id ?? null, several: [] };
  };
  const matched = await matchedListings(
    db,
    listings.flatMap((l) => matchOf(l).serviceId ?? []),
  );
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

    const match = matchOf(listing);
    const serviceId = match.serviceId;
    if (match.several.length)
      reject({
        column: 'organisation',
        reason: `several listings match: ${match.several.map((s) => s.id).join(', ')}`,
      });
    const current = serviceId ? matched.get(serviceId) : undefined;
    if (current && !mayOnService(p, 'edit', current.facts))
      reject({ column: 'organisation', reason: `the listing ${serviceId} it matches is outside your scope` });
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

    const { service, referral, routes } = current!;
    const row = service.row;
    const planned: PlannedWrite[] = [];
    const serviceChanges: Record<string, unknown> = {
      type_ids: union(current!.typeIds, [listing.type.id]),
      area_pcodes: union(current!.areaPcodes, [listing.area.pcode]),
      languages: union(row.languages, listing.languages),
    };
    if (listing.serviceName) serviceChanges[`names.${lang}`] = listing.serviceName;
    if (listing.eligibility)
      serviceChanges[`eligibility_note.${languageOf([listing.eligibility], country)}`] = listing.eligibility;
    if (listing.notes) serviceChanges.verification_note = listing.notes;
    if (listing.externalId) serviceChanges.external_id = listing.externalId;
    planned.push(
      await planUpdate(ctx, service, serviceChanges, { type_ids: current!.typeIds, area_pcodes: current!.areaPcodes }),
    );
    if (listing.focalPoint) {
      planned.push(
        await planUpdate(ctx, referral, {
          [`focal_point.${languageOf([listing.focalPoint], country)}`]: listing.focalPoint,
        }),
      );
    }
    let sortOrder = Math.max(0, ...routes.map((r) => r.row.sort_order + 10));
    for (const phone of listing.phones) {
      const route = routes.find((r) => r.row.value === phone.value);
      if (route) {
        if (!listing.hours) continue;
        const update = await planUpdate(ctx, route, { opening_hours: listing.hours });
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
  return { outcomes, writes, lookups };
}
