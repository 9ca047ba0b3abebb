/**
 * Every write to a listing goes through here (M3, M4): the version it was based on is checked
 * inside the same D1 batch that writes (a stale write is refused whole, never half-applied),
 * and each changed field appends exactly one change_log row in that batch.
 */
import { sortName } from '../../domain/listing-index.ts';
import { notFound, ProblemError } from '../../errors.ts';
import { all, first, guard, iso, parseJson, runBatch, type Row } from '../db.ts';
import { SPECS, fromColumn, toColumn, type EntityName, type EntitySpec } from './entities.ts';
import { refreshDerived } from './listing-index.ts';

export interface Actor {
  userId: string | null;
  label: string;
}

export interface WriteContext {
  d1: D1Database;
  actor: Actor;
  now: Date;
  reason: string | null;
  revertsChangeId?: number | null;
}

export interface Loaded {
  spec: EntitySpec;
  id: string;
  row: Row;
  version: number;
  serviceId: string | null;
}

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** Set-valued fields of a service, kept in link tables. */
const VIRTUAL: Record<string, { read: (d1: D1Database, id: string) => Promise<string[]>; write: (d1: D1Database, id: string, value: string[]) => D1PreparedStatement[] }> = {
  type_ids: {
    read: async (d1, id) =>
      (await all<{ v: string }>(d1, 'SELECT service_type_id AS v FROM service_type_assignments WHERE service_id = ? ORDER BY v', id)).map((r) => r.v),
    write: (d1, id, value) => [
      d1.prepare('DELETE FROM service_type_assignments WHERE service_id = ?').bind(id),
      ...value.map((v) => d1.prepare('INSERT INTO service_type_assignments (service_id, service_type_id) VALUES (?, ?)').bind(id, v)),
    ],
  },
  area_pcodes: {
    read: async (d1, id) => (await all<{ v: string }>(d1, 'SELECT area_pcode AS v FROM service_areas WHERE service_id = ? ORDER BY v', id)).map((r) => r.v),
    write: (d1, id, value) => [
      d1.prepare('DELETE FROM service_areas WHERE service_id = ?').bind(id),
      ...value.map((v) => d1.prepare('INSERT INTO service_areas (service_id, area_pcode) VALUES (?, ?)').bind(id, v)),
    ],
  },
};
export const SERVICE_LINK_FIELDS = Object.keys(VIRTUAL);

/** Entities whose writes change what a listing covers or how it is found. */
const INDEXED: ReadonlySet<EntityName> = new Set(['service', 'service_location', 'location', 'organisation']);

export async function loadEntity(d1: D1Database, entity: EntityName, id: string): Promise<Loaded | null> {
  const spec = SPECS[entity];
  let row = await first<Row>(d1, `SELECT * FROM ${spec.table} WHERE ${spec.key} = ?`, id);
  if (!row && entity === 'referral') {
    // Referral details exist for every service, empty until written.
    if (!(await first(d1, 'SELECT id FROM services WHERE id = ?', id))) return null;
    row = { service_id: id, focal_point: '{}', intake_route: '{}', required_documents: '{}', expected_response_time: '{}' };
  }
  if (!row) return null;
  const serviceId = await serviceIdOf(d1, entity, row);
  const version = spec.versioned
    ? Number(row.version)
    : Number((await first<{ version: number }>(d1, 'SELECT version FROM services WHERE id = ?', serviceId))?.version ?? 0);
  return { spec, id, row, version, serviceId };
}

async function serviceIdOf(d1: D1Database, entity: EntityName, row: Row): Promise<string | null> {
  switch (entity) {
    case 'service':
      return String(row.id);
    case 'organisation':
    case 'location':
      return null;
    case 'closure':
      if (row.service_id) return String(row.service_id);
      return (await first<{ id: string }>(d1, 'SELECT service_id AS id FROM contact_routes WHERE id = ?', row.contact_route_id))?.id ?? null;
    default:
      return String(row.service_id);
  }
}

/** The API shape of a record: every column, JSON and booleans decoded, plus its version. */
export function represent(loaded: Loaded): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(loaded.row)) out[column] = fromColumn(loaded.spec.fields[column] ?? guessField(column), value);
  out.version = loaded.version;
  return out;
}

const JSON_COLUMNS = new Set(['names', 'descriptions', 'after_contact', 'cost_note', 'confidentiality_note', 'eligibility_note', 'accessibility', 'accessibility_note', 'languages', 'labels', 'notes', 'hours_note', 'address', 'reason', 'focal_point', 'intake_route', 'required_documents', 'expected_response_time']);
const BOOLEAN_COLUMNS = new Set(['is_sample', 'is_confidential', 'closes']);
function guessField(column: string) {
  return { schema: undefined as never, json: JSON_COLUMNS.has(column), boolean: BOOLEAN_COLUMNS.has(column) };
}
const columnSpec = (spec: EntitySpec, column: string) => spec.fields[column] ?? guessField(column);

export function staleProblem(current: Loaded | null, entity: EntityName, id: string): ProblemError {
  if (!current) return notFound(entity.replace('_', ' '), id);
  return new ProblemError({
    status: 412,
    title: 'Precondition failed',
    detail: `This ${entity.replace('_', ' ')} has changed since version you based your edit on; it is now at version ${current.version}. Reapply your edit to the current version.`,
    current_version: current.version,
    current: represent(current),
  } as never);
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function logStatement(ctx: WriteContext, entity: EntityName, entityId: string, serviceId: string | null, change: FieldChange) {
  return ctx.d1
    .prepare(
      `INSERT INTO change_log (at, user_id, actor, entity, entity_id, service_id, field, old_value, new_value, reason, reverts_change_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      iso(ctx.now),
      ctx.actor.userId,
      ctx.actor.label,
      entity,
      entityId,
      serviceId,
      change.field,
      change.old === undefined || change.old === null ? null : JSON.stringify(change.old),
      change.new === undefined || change.new === null ? null : JSON.stringify(change.new),
      ctx.reason,
      ctx.revertsChangeId ?? null,
    );
}

function versionGuard(ctx: WriteContext, loaded: Loaded) {
  return loaded.spec.versioned
    ? guard(ctx.d1, `SELECT count(*) FROM ${loaded.spec.table} WHERE ${loaded.spec.key} = ? AND version = ?`, loaded.id, loaded.version)
    : guard(ctx.d1, 'SELECT count(*) FROM services WHERE id = ? AND version = ?', loaded.serviceId, loaded.version);
}

/** Services whose coverage or search row depend on this record. */
async function indexedServices(d1: D1Database, entity: EntityName, id: string, serviceId: string | null): Promise<string[]> {
  if (!INDEXED.has(entity)) return [];
  if (entity === 'location') return (await all<{ id: string }>(d1, 'SELECT DISTINCT service_id AS id FROM service_at_locations WHERE location_id = ?', id)).map((r) => r.id);
  if (entity === 'organisation') return (await all<{ id: string }>(d1, 'SELECT id FROM services WHERE organisation_id = ?', id)).map((r) => r.id);
  return serviceId ? [serviceId] : [];
}

/**
 * Applies field changes to one record based on `expectedVersion`. Fields are column names,
 * "column.lang" for one translation of a localised column, or a service's set fields
 * (type_ids, area_pcodes). Unchanged values are skipped; nothing changed means no write at all.
 */
export async function updateEntity(
  ctx: WriteContext,
  entity: EntityName,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
): Promise<{ changes: FieldChange[]; entity: Loaded }> {
  const loaded = await loadEntity(ctx.d1, entity, id);
  if (!loaded || loaded.version !== expectedVersion) throw staleProblem(loaded, entity, id);
  const { spec, row } = loaded;
  const diffs: FieldChange[] = [];
  const columns: Record<string, unknown> = {};
  const linkStatements: D1PreparedStatement[] = [];

  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const virtual = entity === 'service' ? VIRTUAL[field] : undefined;
    if (virtual) {
      const old = await virtual.read(ctx.d1, id);
      const next = [...new Set(value as string[])].sort();
      if (equal(old, next)) continue;
      diffs.push({ field, old, new: next });
      linkStatements.push(...virtual.write(ctx.d1, id, next));
      continue;
    }
    const [column, language] = field.split('.') as [string, string | undefined];
    if (!(column in row)) throw new Error(`unknown column ${spec.table}.${column}`);
    const fieldSpec = columnSpec(spec, column);
    const stored = column in columns ? parseJson<unknown>(columns[column]) : fromColumn(fieldSpec, row[column]);
    if (language) {
      const texts = { ...((stored as Record<string, string>) ?? {}) };
      const old = texts[language] ?? null;
      const next = typeof value === 'string' && value !== '' ? value : null;
      if (equal(old, next)) continue;
      if (next === null) delete texts[language];
      else texts[language] = next;
      diffs.push({ field, old, new: next });
      columns[column] = toColumn(fieldSpec, texts);
    } else {
      if (equal(stored, value)) continue;
      diffs.push({ field, old: stored, new: value });
      columns[column] = toColumn(fieldSpec, value);
    }
  }
  if (!diffs.length) return { changes: [], entity: loaded };

  const listingStatements: D1PreparedStatement[] = [];
  if (entity === 'contact_route' && diffs.some((d) => TRUSTED_ROUTE_FIELDS.has(d.field))) {
    const wasChecked = row.verification_status !== 'unverified' || row.last_verified_at !== null;
    unverify(row, columns, diffs);
    if (wasChecked) listingStatements.push(...(await unverifyListingWithoutRoutes(ctx, id, loaded.serviceId!)));
  }

  if (entity === 'service' && 'names' in columns) columns.sort_name = sortName(parseJson<Record<string, string>>(columns.names));
  const statements = [versionGuard(ctx, loaded)];
  if (entity === 'referral') statements.push(ctx.d1.prepare('INSERT OR IGNORE INTO service_referral_details (service_id) VALUES (?)').bind(id));
  const names = Object.keys(columns);
  if (names.length || spec.versioned) {
    const sets = [...names.map((n) => `${n} = ?`), ...(spec.versioned ? ['version = version + 1', 'updated_at = ?'] : [])];
    statements.push(
      ctx.d1
        .prepare(`UPDATE ${spec.table} SET ${sets.join(', ')} WHERE ${spec.key} = ?`)
        .bind(...names.map((n) => columns[n]), ...(spec.versioned ? [iso(ctx.now)] : []), id),
    );
  }
  statements.push(...linkStatements);
  if (!spec.versioned) statements.push(ctx.d1.prepare('UPDATE services SET version = version + 1, updated_at = ? WHERE id = ?').bind(iso(ctx.now), loaded.serviceId));
  statements.push(...diffs.map((d) => logStatement(ctx, entity, id, loaded.serviceId, d)));
  statements.push(...listingStatements);
  const indexed = await indexedServices(ctx.d1, entity, id, loaded.serviceId);
  await runBatch(ctx.d1, statements, async () => staleProblem(await loadEntity(ctx.d1, entity, id), entity, id));
  await refreshDerived(ctx.d1, indexed);
  return { changes: diffs, entity: (await loadEntity(ctx.d1, entity, id))! };
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

function unverify(row: Row, columns: Record<string, unknown>, diffs: FieldChange[]) {
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
async function unverifyListingWithoutRoutes(ctx: WriteContext, routeId: string, serviceId: string): Promise<D1PreparedStatement[]> {
  const service = await first<Row>(
    ctx.d1,
    'SELECT verification_status, last_verified_at, last_verified_by, verification_method, next_verification_due FROM services WHERE id = ?',
    serviceId,
  );
  if (!service || service.verification_status === 'unverified') return [];
  const others = await first<{ n: number }>(
    ctx.d1,
    `SELECT count(*) AS n FROM contact_routes WHERE service_id = ? AND id != ? AND visibility = 'public'
       AND verification_status = 'verified' AND (next_verification_due IS NULL OR next_verification_due >= ?)`,
    serviceId,
    routeId,
    iso(ctx.now),
  );
  if (others && others.n > 0) return [];
  const columns: Record<string, unknown> = {};
  const diffs: FieldChange[] = [];
  unverify(service, columns, diffs);
  const names = Object.keys(columns);
  return [
    ctx.d1
      .prepare(`UPDATE services SET ${names.map((n) => `${n} = ?`).join(', ')}, version = version + 1, updated_at = ? WHERE id = ?`)
      .bind(...names.map((n) => columns[n]), iso(ctx.now), serviceId),
    ...diffs.map((d) => logStatement({ ...ctx, reason: 'its only verified contact route changed' }, 'service', serviceId, serviceId, d)),
  ];
}

/**
 * Inserts a record; `links` are the columns that attach it (service_id, organisation_id, …).
 * Logged as one change with field "*" (old null, new the record).
 */
export async function createEntity(
  ctx: WriteContext,
  entity: EntityName,
  values: Record<string, unknown>,
  links: Record<string, unknown>,
  options: { id?: string; extra?: (id: string) => D1PreparedStatement[] } = {},
): Promise<Loaded> {
  const spec = SPECS[entity];
  const id = options.id ?? crypto.randomUUID();
  const columns: Record<string, unknown> = { [spec.key]: id, ...links };
  const links2: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (entity === 'service' && VIRTUAL[field]) links2[field] = [...new Set(value as string[])].sort();
    else columns[field] = toColumn(columnSpec(spec, field), value);
  }
  if (entity === 'service') columns.sort_name = sortName((values.names ?? {}) as Record<string, string>);
  if (spec.versioned) columns.created_at = columns.updated_at = iso(ctx.now);
  const names = Object.keys(columns);
  const statements = [ctx.d1.prepare(`INSERT INTO ${spec.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).bind(...names.map((n) => columns[n]))];
  for (const [field, list] of Object.entries(links2)) statements.push(...VIRTUAL[field]!.write(ctx.d1, id, list));
  statements.push(...(options.extra?.(id) ?? []));
  const serviceId = entity === 'service' ? id : ((links.service_id as string | undefined) ?? (await serviceIdOf(ctx.d1, entity, columns)));
  if (!spec.versioned && serviceId) {
    statements.push(ctx.d1.prepare('UPDATE services SET version = version + 1, updated_at = ? WHERE id = ?').bind(iso(ctx.now), serviceId));
  }
  const created: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(columns)) created[column] = fromColumn(columnSpec(spec, column), value);
  Object.assign(created, links2);
  statements.push(logStatement(ctx, entity, id, serviceId, { field: '*', old: null, new: created }));
  const indexed = entity === 'service' || entity === 'service_location' ? [serviceId!] : [];
  await ctx.d1.batch(statements);
  await refreshDerived(ctx.d1, indexed);
  return (await loadEntity(ctx.d1, entity, id))!;
}

/** Deletes a record based on `expectedVersion`; logged as field "*" with the whole old record. */
export async function deleteEntity(ctx: WriteContext, entity: EntityName, id: string, expectedVersion: number): Promise<void> {
  const loaded = await loadEntity(ctx.d1, entity, id);
  if (!loaded || loaded.version !== expectedVersion) throw staleProblem(loaded, entity, id);
  const statements = [versionGuard(ctx, loaded)];
  const old = represent(loaded);
  delete old.version;
  if (entity === 'service') {
    for (const field of SERVICE_LINK_FIELDS) old[field] = await VIRTUAL[field]!.read(ctx.d1, id);
  }
  statements.push(ctx.d1.prepare(`DELETE FROM ${loaded.spec.table} WHERE ${loaded.spec.key} = ?`).bind(id));
  if (!loaded.spec.versioned && loaded.serviceId) {
    statements.push(ctx.d1.prepare('UPDATE services SET version = version + 1, updated_at = ? WHERE id = ?').bind(iso(ctx.now), loaded.serviceId));
  }
  statements.push(logStatement(ctx, entity, id, loaded.serviceId, { field: '*', old, new: null }));
  const indexed = entity === 'service_location' && loaded.serviceId ? [loaded.serviceId] : [];
  await runBatch(ctx.d1, statements, async () => staleProblem(await loadEntity(ctx.d1, entity, id), entity, id));
  await refreshDerived(ctx.d1, indexed);
}

/** Re-creates a deleted record exactly as it was (revert of a delete). */
export async function restoreEntity(ctx: WriteContext, entity: EntityName, old: Record<string, unknown>): Promise<Loaded> {
  const spec = SPECS[entity];
  const id = String(old[spec.key]);
  if (await loadEntity(ctx.d1, entity, id)) {
    throw new ProblemError({ status: 409, title: 'Conflict', detail: `The ${entity.replace('_', ' ')} ${id} exists again; nothing to restore.` });
  }
  const { [spec.key]: _key, ...rest } = old;
  const links: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(rest)) {
    if (spec.fields[column] || (entity === 'service' && VIRTUAL[column])) values[column] = value;
    else if (!['version', 'created_at', 'updated_at', 'sort_name'].includes(column)) links[column] = toColumn(columnSpec(spec, column), value);
  }
  return createEntity(ctx, entity, values, links, { id });
}
