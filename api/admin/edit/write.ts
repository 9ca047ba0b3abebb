/**
 * Every write to a listing or a referral pathway goes through here (M3, M4): the version it was based on is checked
 * inside the same D1 batch that writes (a stale write is refused whole, never half-applied),
 * and each changed field appends exactly one change_log row in that batch.
 */
import { changeLogEntry } from '../change-log.ts';
import type { z } from '@hono/zod-openapi';
import { and, asc, count, eq, gte, isNull, ne, or, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../../db/client.ts';
import {
  contactRoutes,
  pathways,
  pathwayStepReferralDetails,
  pathwayStepServices,
  pathwaySteps,
  serviceAreas,
  serviceAtLocations,
  serviceReferralDetails,
  services,
  serviceTypeAssignments,
} from '../../../db/schema.ts';
import { sortName } from '../../domain/listing-index.ts';
import type { LocalizedText } from '../../domain/vocabulary.ts';
import { conflict, notFound, staleVersion, type ProblemError } from '../../errors.ts';
import { guard, iso, runBatch, type Statement } from '../db.ts';
import { apiRow, columnNamed, SPECS, tableValues, type AnySpec, type ApiRow, type EntityName } from './entities.ts';
import { refreshDerived } from './listing-index.ts';

export interface Actor {
  userId: string | null;
  label: string;
}

export interface WriteContext {
  db: Database;
  actor: Actor;
  now: Date;
  reason: string | null;
  revertsChangeId?: number | null;
}

type Specs = typeof SPECS;
/** A record's columns by name, as the schema decodes them (no version for records without one). */
export type RecordRow<E extends EntityName = EntityName> = E extends EntityName ? ApiRow<Specs[E]['table']> : never;
/** A record as the API gives it: its schema in api/admin/schemas. */
export type Representation<E extends EntityName = EntityName> = E extends EntityName
  ? z.infer<Specs[E]['record']>
  : never;

export interface Loaded<E extends EntityName = EntityName> {
  spec: Specs[E];
  id: string;
  row: RecordRow<E>;
  version: number;
  serviceId: string | null;
  /** The referral pathway a pathway record belongs to (its own id for a pathway). */
  pathwayId: string | null;
}

/** The listing or pathway a record belongs to, as the change log files it. */
export interface Owner {
  serviceId: string | null;
  pathwayId?: string | null;
}

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

interface LinkField {
  read: (db: Database, id: string) => Promise<unknown[]>;
  /** The stored form of a value: sorted sets, or lists kept in their order. */
  normalise: (value: unknown[]) => unknown[];
  write: (db: Database, id: string, value: unknown[]) => Statement[];
}
const sortedSet = (value: unknown[]) => [...new Set(value as string[])].sort();

/** What serves a step, in order: a service type or one named service, each once. */
export interface StepServiceTarget {
  service_type_id: string | null;
  service_id: string | null;
}
const stepTargets = (value: unknown[]): StepServiceTarget[] => {
  const seen = new Set<string>();
  return (value as Partial<StepServiceTarget>[])
    .map((t) => ({ service_type_id: t.service_type_id ?? null, service_id: t.service_id ?? null }))
    .filter((t) => !seen.has(JSON.stringify(t)) && Boolean(seen.add(JSON.stringify(t))));
};

/** Set-valued fields kept in link tables: a service's types and areas, a step's services. */
const VIRTUAL: Partial<Record<EntityName, Record<string, LinkField>>> = {
  service: {
    type_ids: {
      read: async (db, id) =>
        (
          await db
            .select({ v: serviceTypeAssignments.serviceTypeId })
            .from(serviceTypeAssignments)
            .where(eq(serviceTypeAssignments.serviceId, id))
            .orderBy(asc(serviceTypeAssignments.serviceTypeId))
        ).map((r) => r.v),
      normalise: sortedSet,
      write: (db, id, value) => [
        db.delete(serviceTypeAssignments).where(eq(serviceTypeAssignments.serviceId, id)),
        ...(value as string[]).map((v) =>
          db.insert(serviceTypeAssignments).values({ serviceId: id, serviceTypeId: v }),
        ),
      ],
    },
    area_pcodes: {
      read: async (db, id) =>
        (
          await db
            .select({ v: serviceAreas.areaPcode })
            .from(serviceAreas)
            .where(eq(serviceAreas.serviceId, id))
            .orderBy(asc(serviceAreas.areaPcode))
        ).map((r) => r.v),
      normalise: sortedSet,
      write: (db, id, value) => [
        db.delete(serviceAreas).where(eq(serviceAreas.serviceId, id)),
        ...(value as string[]).map((v) => db.insert(serviceAreas).values({ serviceId: id, areaPcode: v })),
      ],
    },
  },
  pathway_step: {
    services: {
      read: (db, id) =>
        db
          .select({ service_type_id: pathwayStepServices.serviceTypeId, service_id: pathwayStepServices.serviceId })
          .from(pathwayStepServices)
          .where(eq(pathwayStepServices.stepId, id))
          .orderBy(asc(pathwayStepServices.sortOrder), asc(pathwayStepServices.id)),
      normalise: stepTargets,
      write: (db, id, value) => [
        db.delete(pathwayStepServices).where(eq(pathwayStepServices.stepId, id)),
        ...(value as StepServiceTarget[]).map((t, i) =>
          db.insert(pathwayStepServices).values({
            id: crypto.randomUUID(),
            stepId: id,
            serviceTypeId: t.service_type_id,
            serviceId: t.service_id,
            sortOrder: i,
          }),
        ),
      ],
    },
  },
};
export const SERVICE_LINK_FIELDS = Object.keys(VIRTUAL.service!);

/** The set-valued fields of an entity (kept in link tables), by name. */
export const linkFields = (entity: EntityName): string[] => Object.keys(VIRTUAL[entity] ?? {});

/** A set-valued field's value as stored now. */
export const readLinkField = (db: Database, entity: EntityName, id: string, field: string) =>
  VIRTUAL[entity]![field]!.read(db, id);

/** Entities whose writes change what a listing covers or how it is found. */
const INDEXED: ReadonlySet<EntityName> = new Set(['service', 'service_location', 'location', 'organisation']);

/** The generic view of a spec the code below needs: any table, fields by name. */
const specOf = (entity: EntityName) => SPECS[entity] as AnySpec & { table: SQLiteTable };
const rowOf = (loaded: Loaded) => loaded.row as Record<string, unknown>;

export async function loadEntity<E extends EntityName>(db: Database, entity: E, id: string): Promise<Loaded<E> | null> {
  const spec = specOf(entity);
  const found = await db.select().from(spec.table).where(eq(spec.key, id)).get();
  let row: Record<string, unknown> | null = found ? apiRow(spec.table, found) : null;
  if (!row && entity === 'referral') {
    // Referral details exist for every service, empty until written.
    if (!(await db.select({ id: services.id }).from(services).where(eq(services.id, id)).get())) return null;
    row = { service_id: id, focal_point: {}, intake_route: {}, required_documents: {}, expected_response_time: {} };
  }
  if (!row && entity === 'pathway_step_referral') {
    // So do a step's practitioner-only details for every step.
    if (!(await db.select({ id: pathwaySteps.id }).from(pathwaySteps).where(eq(pathwaySteps.id, id)).get()))
      return null;
    row = { step_id: id, focal_point: {}, intake_route: {} };
  }
  if (!row) return null;
  const serviceId = await serviceIdOf(db, entity, row);
  const pathwayId = await pathwayIdOf(db, entity, row);
  const version = spec.versioned ? Number(row.version) : await parentVersion(db, { serviceId, pathwayId });
  return { spec: SPECS[entity], id, row: row as RecordRow<E>, version, serviceId, pathwayId };
}

/**
 * A listing record (or an organisation or site) its caller has already read, as loadEntity
 * would give it: an import reads every matched listing's records in a few queries for the whole
 * sheet instead of a few per row. `parentVersion` is the listing's version, which guards records
 * without their own.
 */
export function loadedFrom<
  E extends 'service' | 'referral' | 'contact_route' | 'closure' | 'service_location' | 'organisation' | 'location',
>(entity: E, row: Record<string, unknown>, serviceId: string | null, parentVersion: number): Loaded<E> {
  const spec = SPECS[entity];
  const version = spec.versioned ? Number(row.version) : parentVersion;
  return { spec, id: String(row[spec.key.name]), row: row as RecordRow<E>, version, serviceId, pathwayId: null };
}

/** The version of the listing or pathway that guards a record without its own. */
async function parentVersion(db: Database, owner: Owner): Promise<number> {
  const row = owner.pathwayId
    ? await db.select({ version: pathways.version }).from(pathways).where(eq(pathways.id, owner.pathwayId)).get()
    : await db
        .select({ version: services.version })
        .from(services)
        .where(eq(services.id, owner.serviceId ?? ''))
        .get();
  return row?.version ?? 0;
}

async function pathwayIdOf(db: Database, entity: EntityName, row: Record<string, unknown>): Promise<string | null> {
  switch (entity) {
    case 'pathway':
      return String(row.id);
    case 'pathway_step':
      return String(row.pathway_id);
    case 'pathway_step_referral':
      return (
        (
          await db
            .select({ id: pathwaySteps.pathwayId })
            .from(pathwaySteps)
            .where(eq(pathwaySteps.id, String(row.step_id)))
            .get()
        )?.id ?? null
      );
    default:
      return null;
  }
}

async function serviceIdOf(db: Database, entity: EntityName, row: Record<string, unknown>): Promise<string | null> {
  switch (entity) {
    case 'service':
      return String(row.id);
    case 'organisation':
    case 'location':
    case 'pathway':
    case 'pathway_step':
    case 'pathway_step_referral':
      return null;
    case 'closure': {
      if (row.service_id) return String(row.service_id);
      const routeId = String(row.contact_route_id ?? '');
      return (
        (
          await db
            .select({ id: contactRoutes.serviceId })
            .from(contactRoutes)
            .where(eq(contactRoutes.id, routeId))
            .get()
        )?.id ?? null
      );
    }
    default:
      return String(row.service_id);
  }
}

/** The API shape of a record: every column as the schema decodes it, plus its version. */
export function represent<E extends EntityName>(loaded: Loaded<E>): Representation<E> {
  return { ...rowOf(loaded as Loaded), version: loaded.version } as Representation<E>;
}

export function staleProblem(current: Loaded | null, entity: EntityName, id: string): ProblemError {
  if (!current) return notFound(entity.replace('_', ' '), id);
  return staleVersion(
    `This ${entity.replace('_', ' ')} has changed since version you based your edit on; ` +
      `it is now at version ${current.version}. Reapply your edit to the current version.`,
    current.version,
    represent(current),
  );
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The change log row of one changed field. */
export function auditStatement(
  ctx: WriteContext,
  entity: EntityName,
  entityId: string,
  owner: Owner,
  change: FieldChange,
): Statement {
  return changeLogEntry(ctx.db, {
    at: iso(ctx.now),
    by: ctx.actor,
    entity,
    entityId,
    serviceId: owner.serviceId,
    pathwayId: owner.pathwayId ?? null,
    field: change.field,
    old: change.old,
    new: change.new,
    reason: ctx.reason,
    revertsChangeId: ctx.revertsChangeId,
  });
}

/** The statement that makes a batch fail (412) unless the record is still at the version read. */
function versionGuard(ctx: WriteContext, loaded: Loaded) {
  const spec = specOf(loaded.spec.name);
  return spec.versioned
    ? guard(ctx.db, spec.table, and(eq(spec.key, loaded.id), eq(versionColumn(spec.table), loaded.version)))
    : parentGuard(ctx, loaded, loaded.version);
}

/** The guard on the version of the listing or pathway a record without a version belongs to. */
export function parentGuard(ctx: WriteContext, owner: Owner, version: number): Statement {
  return owner.pathwayId
    ? guard(ctx.db, pathways, and(eq(pathways.id, owner.pathwayId), eq(pathways.version, version)))
    : guard(ctx.db, services, and(eq(services.id, owner.serviceId ?? ''), eq(services.version, version)));
}

/** The version column of a table that has one. */
const versionColumn = (table: SQLiteTable) => columnNamed(table, 'version')!.column;

/** A listing's (or pathway's) version moves on with every change to one of its records without a version. */
export const bumpParent = (ctx: WriteContext, owner: Owner) =>
  owner.pathwayId
    ? ctx.db
        .update(pathways)
        .set({ version: sql`${pathways.version} + 1`, updatedAt: iso(ctx.now) })
        .where(eq(pathways.id, owner.pathwayId))
    : ctx.db
        .update(services)
        .set({ version: sql`${services.version} + 1`, updatedAt: iso(ctx.now) })
        .where(eq(services.id, owner.serviceId ?? ''));

/** Services whose coverage or search row depend on this record. */
async function indexedServices(
  db: Database,
  entity: EntityName,
  id: string,
  serviceId: string | null,
): Promise<string[]> {
  if (!INDEXED.has(entity)) return [];
  if (entity === 'location') {
    return (
      await db
        .selectDistinct({ id: serviceAtLocations.serviceId })
        .from(serviceAtLocations)
        .where(eq(serviceAtLocations.locationId, id))
    ).map((r) => r.id);
  }
  if (entity === 'organisation')
    return (await db.select({ id: services.id }).from(services).where(eq(services.organisationId, id))).map(
      (r) => r.id,
    );
  return serviceId ? [serviceId] : [];
}

/**
 * Applies field changes to one record based on `expectedVersion`. Fields are column names,
 * "column.lang" for one translation of a localised column, or a service's set fields
 * (type_ids, area_pcodes). Unchanged values are skipped; nothing changed means no write at all.
 */
export async function updateEntity<E extends EntityName>(
  ctx: WriteContext,
  entity: E,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
): Promise<{ changes: FieldChange[]; entity: Loaded<E> }> {
  const loaded = await loadEntity(ctx.db, entity, id);
  if (!loaded || loaded.version !== expectedVersion) throw staleProblem(loaded, entity, id);
  const planned = await planUpdate(ctx, loaded, changes);
  if (!planned.changes.length) return { changes: [], entity: loaded };
  await runBatch(ctx.db, [...planned.guards, ...planned.writes], async () =>
    staleProblem(await loadEntity(ctx.db, entity, id), entity, id),
  );
  await refreshDerived(ctx.db, planned.indexed, ctx.now);
  return { changes: planned.changes, entity: (await loadEntity(ctx.db, entity, id))! };
}

/**
 * The statements of a write, not yet run, so that several writes can land in one D1 batch (a bulk
 * import commits all its rows or none): the guards that must hold before any of them (the versions
 * read), the writes with their change log rows, and the listings whose derived rows to rebuild
 * after the batch.
 */
export interface PlannedWrite {
  guards: Statement[];
  writes: Statement[];
  indexed: string[];
  changes: FieldChange[];
  /** The pathway the record belongs to, if any: a failed guard is then the pathway's stale version. */
  pathwayId?: string | null;
}

/** The statements of `updateEntity` for a record loaded at its current version; no changes, no statements. */
export async function planUpdate(
  ctx: WriteContext,
  loaded: Loaded,
  changes: Record<string, unknown>,
  /** Set-valued fields as stored, when the caller has read them already (an import, for many listings at once). */
  storedLinks: Record<string, unknown[]> = {},
): Promise<PlannedWrite> {
  const entity = loaded.spec.name;
  const id = loaded.id;
  const spec = specOf(entity);
  const row = rowOf(loaded);
  const diffs: FieldChange[] = [];
  const columns: Record<string, unknown> = {};
  const linkStatements: Statement[] = [];

  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const virtual = VIRTUAL[entity]?.[field];
    if (virtual) {
      const old = storedLinks[field] ? virtual.normalise(storedLinks[field]) : await virtual.read(ctx.db, id);
      const next = virtual.normalise(value as unknown[]);
      if (equal(old, next)) continue;
      diffs.push({ field, old, new: next });
      linkStatements.push(...virtual.write(ctx.db, id, next));
      continue;
    }
    const [column, language] = field.split('.') as [string, string | undefined];
    if (!(column in row)) throw new Error(`unknown column ${entity}.${column}`);
    const stored = column in columns ? columns[column] : (row[column] ?? null);
    if (language) {
      const texts = { ...((stored as Record<string, string>) ?? {}) };
      const old = texts[language] ?? null;
      const next = typeof value === 'string' && value !== '' ? value : null;
      if (equal(old, next)) continue;
      if (next === null) delete texts[language];
      else texts[language] = next;
      diffs.push({ field, old, new: next });
      columns[column] = texts;
    } else {
      if (equal(stored, value)) continue;
      diffs.push({ field, old: stored, new: value });
      columns[column] = value;
    }
  }
  if (!diffs.length) return { guards: [], writes: [], indexed: [], changes: [] };

  const listingStatements: Statement[] = [];
  if (entity === 'contact_route' && diffs.some((d) => TRUSTED_ROUTE_FIELDS.has(d.field))) {
    const wasChecked = row.verification_status !== 'unverified' || row.last_verified_at !== null;
    unverify(row, columns, diffs);
    if (wasChecked) listingStatements.push(...(await unverifyListingWithoutRoutes(ctx, id, loaded.serviceId!)));
  }
  if (STEP_ENTITIES.has(entity)) listingStatements.push(...(await unverifyPathway(ctx, loaded.pathwayId!)));

  if (entity === 'service' && 'names' in columns) columns.sort_name = sortName(columns.names as LocalizedText);
  const statements: Statement[] = [];
  if (entity === 'referral')
    statements.push(ctx.db.insert(serviceReferralDetails).values({ serviceId: id }).onConflictDoNothing());
  if (entity === 'pathway_step_referral')
    statements.push(ctx.db.insert(pathwayStepReferralDetails).values({ stepId: id }).onConflictDoNothing());
  if (Object.keys(columns).length || spec.versioned) {
    const stamps = spec.versioned ? { version: sql`${versionColumn(spec.table)} + 1`, updated_at: iso(ctx.now) } : {};
    statements.push(
      ctx.db
        .update(spec.table)
        .set(tableValues(spec.table, { ...columns, ...stamps }))
        .where(eq(spec.key, id)),
    );
  }
  statements.push(...linkStatements);
  if (!spec.versioned) statements.push(bumpParent(ctx, loaded));
  statements.push(...diffs.map((d) => auditStatement(ctx, entity, id, loaded, d)));
  statements.push(...listingStatements);
  const indexed = await indexedServices(ctx.db, entity, id, loaded.serviceId);
  return { guards: [versionGuard(ctx, loaded)], writes: statements, indexed, changes: diffs };
}

/**
 * A contact route is checked as this number (or address) of this kind: a check says nothing
 * about a changed one, and a planted number must never inherit an old "verified". Its label,
 * hours, languages or notes describe the same channel, so they keep the check.
 */
const TRUSTED_ROUTE_FIELDS: ReadonlySet<string> = new Set(['value', 'kind']);

/** Verification columns as they are when nothing is verified; old values stay in the change log. */
const UNVERIFIED: Record<string, null | string> = {
  verification_status: 'unverified',
  last_verified_at: null,
  last_verified_by: null,
  verification_method: null,
  next_verification_due: null,
};

function unverify(row: Record<string, unknown>, columns: Record<string, unknown>, diffs: FieldChange[]) {
  for (const [column, value] of Object.entries(UNVERIFIED)) {
    if ((row[column] ?? null) === value) continue;
    diffs.push({ field: column, old: row[column] ?? null, new: value });
    columns[column] = value;
  }
}

/**
 * A listing stays "verified" only while one of its public routes is still verified: when the
 * route that lost its check was the last one, the listing loses its check too (logged as its own
 * change, in the same batch as the route's).
 */
async function unverifyListingWithoutRoutes(
  ctx: WriteContext,
  routeId: string,
  serviceId: string,
): Promise<Statement[]> {
  const service = await ctx.db
    .select({
      verification_status: services.verificationStatus,
      last_verified_at: services.lastVerifiedAt,
      last_verified_by: services.lastVerifiedBy,
      verification_method: services.verificationMethod,
      next_verification_due: services.nextVerificationDue,
    })
    .from(services)
    .where(eq(services.id, serviceId))
    .get();
  if (!service || service.verification_status === 'unverified') return [];
  const others = await ctx.db
    .select({ n: count() })
    .from(contactRoutes)
    .where(
      and(
        eq(contactRoutes.serviceId, serviceId),
        ne(contactRoutes.id, routeId),
        eq(contactRoutes.visibility, 'public'),
        eq(contactRoutes.verificationStatus, 'verified'),
        or(isNull(contactRoutes.nextVerificationDue), gte(contactRoutes.nextVerificationDue, iso(ctx.now))),
      ),
    )
    .get();
  if (others && others.n > 0) return [];
  const columns: Record<string, unknown> = {};
  const diffs: FieldChange[] = [];
  unverify(service, columns, diffs);
  return [
    ctx.db
      .update(services)
      .set(tableValues(services, { ...columns, version: sql`${services.version} + 1`, updated_at: iso(ctx.now) }))
      .where(eq(services.id, serviceId)),
    ...diffs.map((d) =>
      auditStatement(
        { ...ctx, reason: 'its only verified contact route changed' },
        'service',
        serviceId,
        { serviceId },
        d,
      ),
    ),
  ];
}

/** The records whose change changes what a pathway's steps say. */
const STEP_ENTITIES: ReadonlySet<EntityName> = new Set(['pathway_step', 'pathway_step_referral']);

/**
 * A pathway is checked as these steps, in this order, saying these things, like a contact route
 * is checked as this number: when a step is added, removed, reordered or says something else, the
 * check no longer covers what the pathway says, so it is no longer "verified" (old values stay in
 * the change log). Its name and introduction describe it, as a listing's do, and keep the check.
 * The statements go in the batch of the step's change; the pathway's version moves on there too.
 */
export async function unverifyPathway(ctx: WriteContext, pathwayId: string): Promise<Statement[]> {
  const pathway = await ctx.db
    .select({
      verification_status: pathways.verificationStatus,
      last_verified_at: pathways.lastVerifiedAt,
      last_verified_by: pathways.lastVerifiedBy,
      verification_method: pathways.verificationMethod,
      next_verification_due: pathways.nextVerificationDue,
    })
    .from(pathways)
    .where(eq(pathways.id, pathwayId))
    .get();
  if (!pathway) return [];
  const columns: Record<string, unknown> = {};
  const diffs: FieldChange[] = [];
  unverify(pathway, columns, diffs);
  if (!diffs.length) return [];
  return [
    ctx.db.update(pathways).set(tableValues(pathways, columns)).where(eq(pathways.id, pathwayId)),
    ...diffs.map((d) =>
      auditStatement(
        { ...ctx, reason: 'a step of it changed after it was checked' },
        'pathway',
        pathwayId,
        { serviceId: null, pathwayId },
        d,
      ),
    ),
  ];
}

/**
 * Inserts a record; `links` are the columns that attach it (service_id, organisation_id, …), by
 * name. Logged as one change with field "*" (old null, new the record).
 */
export async function createEntity<E extends EntityName>(
  ctx: WriteContext,
  entity: E,
  values: Record<string, unknown>,
  links: Record<string, unknown>,
  options: { id?: string; parentVersion?: number } = {},
): Promise<Loaded<E>> {
  const id = options.id ?? crypto.randomUUID();
  const planned = await planCreate(ctx, entity, id, values, links, options.parentVersion);
  const pathwayId = planned.pathwayId;
  await runBatch(ctx.db, [...planned.guards, ...planned.writes], async () =>
    pathwayId
      ? staleProblem(await loadEntity(ctx.db, 'pathway', pathwayId), 'pathway', pathwayId)
      : conflict('The record could not be added.'),
  );
  await refreshDerived(ctx.db, planned.indexed, ctx.now);
  return (await loadEntity(ctx.db, entity, id))!;
}

/** The statements of `createEntity` for a record with this id. */
export async function planCreate(
  ctx: WriteContext,
  entity: EntityName,
  id: string,
  values: Record<string, unknown>,
  links: Record<string, unknown>,
  parentVersion?: number,
): Promise<PlannedWrite> {
  const spec = specOf(entity);
  const keyName = spec.key.name;
  const columns: Record<string, unknown> = { [keyName]: id, ...links };
  const linkLists: Record<string, unknown[]> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const virtual = VIRTUAL[entity]?.[field];
    if (virtual) linkLists[field] = virtual.normalise(value as unknown[]);
    else columns[field] = value;
  }
  if (entity === 'service') columns.sort_name = sortName((values.names ?? {}) as LocalizedText);
  if (spec.versioned) columns.created_at = columns.updated_at = iso(ctx.now);
  const serviceId =
    entity === 'service'
      ? id
      : ((links.service_id as string | undefined) ?? (await serviceIdOf(ctx.db, entity, columns)));
  const owner: Owner = { serviceId, pathwayId: await pathwayIdOf(ctx.db, entity, columns) };
  // A record added to a pathway is based on the pathway's version like any edit of it.
  const guards = parentVersion !== undefined ? [parentGuard(ctx, owner, parentVersion)] : [];
  const statements: Statement[] = [ctx.db.insert(spec.table).values(tableValues(spec.table, columns))];
  for (const [field, list] of Object.entries(linkLists))
    statements.push(...VIRTUAL[entity]![field]!.write(ctx.db, id, list));
  if (!spec.versioned && (serviceId || owner.pathwayId)) statements.push(bumpParent(ctx, owner));
  const created = { ...columns, ...linkLists };
  statements.push(auditStatement(ctx, entity, id, owner, { field: '*', old: null, new: created }));
  if (STEP_ENTITIES.has(entity)) statements.push(...(await unverifyPathway(ctx, owner.pathwayId!)));
  const indexed = entity === 'service' || entity === 'service_location' ? [serviceId!] : [];
  return {
    guards,
    writes: statements,
    indexed,
    changes: [{ field: '*', old: null, new: created }],
    pathwayId: owner.pathwayId,
  };
}

/** Deletes a record based on `expectedVersion`; logged as field "*" with the whole old record. */
export async function deleteEntity(
  ctx: WriteContext,
  entity: EntityName,
  id: string,
  expectedVersion: number,
): Promise<void> {
  const loaded = await loadEntity(ctx.db, entity, id);
  if (!loaded || loaded.version !== expectedVersion) throw staleProblem(loaded, entity, id);
  const spec = specOf(entity);
  const statements = [versionGuard(ctx, loaded)];
  const { version: _version, ...old }: Record<string, unknown> = represent(loaded);
  for (const [field, virtual] of Object.entries(VIRTUAL[entity] ?? {})) {
    old[field] = await virtual.read(ctx.db, id);
    // A step's services go with it (they are restored with it from its logged record).
    if (entity === 'pathway_step') statements.push(...virtual.write(ctx.db, id, []));
  }
  if (entity === 'pathway_step') statements.push(...(await deleteStepReferral(ctx, loaded)));
  statements.push(ctx.db.delete(spec.table).where(eq(spec.key, id)));
  if (!spec.versioned && (loaded.serviceId || loaded.pathwayId)) statements.push(bumpParent(ctx, loaded));
  statements.push(auditStatement(ctx, entity, id, loaded, { field: '*', old, new: null }));
  if (STEP_ENTITIES.has(entity)) statements.push(...(await unverifyPathway(ctx, loaded.pathwayId!)));
  const indexed = entity === 'service_location' && loaded.serviceId ? [loaded.serviceId] : [];
  await runBatch(ctx.db, statements, async () => staleProblem(await loadEntity(ctx.db, entity, id), entity, id));
  await refreshDerived(ctx.db, indexed, ctx.now);
}

/**
 * A deleted step's practitioner-only details are deleted with it, logged as their own record so
 * that reverting that entry restores them (once the step is restored).
 */
async function deleteStepReferral(ctx: WriteContext, step: Loaded): Promise<Statement[]> {
  const found = await ctx.db
    .select()
    .from(pathwayStepReferralDetails)
    .where(eq(pathwayStepReferralDetails.stepId, step.id))
    .get();
  if (!found) return [];
  return [
    ctx.db.delete(pathwayStepReferralDetails).where(eq(pathwayStepReferralDetails.stepId, step.id)),
    auditStatement(ctx, 'pathway_step_referral', step.id, step, {
      field: '*',
      old: apiRow(pathwayStepReferralDetails, found),
      new: null,
    }),
  ];
}

/** Re-creates a deleted record exactly as it was (revert of a delete). */
export async function restoreEntity<E extends EntityName>(
  ctx: WriteContext,
  entity: E,
  old: Record<string, unknown>,
): Promise<Loaded<E>> {
  const spec = specOf(entity);
  const keyName = spec.key.name;
  const id = String(old[keyName]);
  // A step's details read as empty when none are stored: only a stored row means they exist again.
  const exists =
    entity === 'pathway_step_referral'
      ? await ctx.db
          .select({ id: pathwayStepReferralDetails.stepId })
          .from(pathwayStepReferralDetails)
          .where(eq(pathwayStepReferralDetails.stepId, id))
          .get()
      : await loadEntity(ctx.db, entity, id);
  if (entity === 'pathway_step_referral' && !(await loadEntity(ctx.db, entity, id)))
    throw conflict('The step of these details was deleted: restore the step first.');
  if (exists) {
    throw conflict(`The ${entity.replace('_', ' ')} ${id} exists again; nothing to restore.`);
  }
  const { [keyName]: _key, ...rest } = old;
  const links: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(rest)) {
    if (column in spec.fields || VIRTUAL[entity]?.[column]) values[column] = value;
    else if (!['version', 'created_at', 'updated_at', 'sort_name'].includes(column)) links[column] = value;
  }
  if (entity === 'pathway_step') links.position = await freePosition(ctx.db, String(links.pathway_id), links.position);
  return createEntity(ctx, entity, values, links, { id });
}

/** A restored step goes back to its old place, or to the end when another step took that place since. */
async function freePosition(db: Database, pathwayId: string, position: unknown): Promise<number> {
  const taken = await db
    .select({ position: pathwaySteps.position })
    .from(pathwaySteps)
    .where(eq(pathwaySteps.pathwayId, pathwayId));
  const positions = taken.map((t) => t.position);
  if (typeof position === 'number' && !positions.includes(position)) return position;
  return Math.max(0, ...positions) + 1;
}
