import { asc, getTableColumns, sql } from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Database } from '../../db/client.ts';
import { directoryVersion, serviceTypes } from '../../db/schema.ts';
import type { DirectoryVersion } from './directory-version.ts';

export type ServiceTypeRow = typeof serviceTypes.$inferSelect;

/**
 * The whole taxonomy: a dozen rows, read once per request that needs names or sub-types. A query
 * not yet sent, so it can also go in a D1 batch.
 */
export function allServiceTypes(db: Database) {
  return db.select().from(serviceTypes).orderBy(asc(serviceTypes.sortOrder), asc(serviceTypes.id));
}

/** What names one directory version: its number and its random stamp, as the edge copy's key. */
type VersionKey = Pick<DirectoryVersion, 'version' | 'stamp'>;

const keyOf = (directory: VersionKey) => `${directory.version}.${directory.stamp}`;

/*
 * The taxonomy kept per isolate, for one directory version. Every write to service_types bumps the
 * version and draws a new stamp (database triggers, migration 0011), so a copy is served only to a
 * request that read that very version, and never to another database or one reset since: the stamp
 * is random. The copy is keyed by the version read in the same statement as the rows (below), so it
 * holds exactly that version's taxonomy, never a later one under an earlier key.
 */
let kept: { key: string; types: ServiceTypeRow[] } | undefined;

/** The version and stamp of the directory, as a subquery of one row (one primary-key probe). */
const versionNow = sql<string | null>`(SELECT ${directoryVersion.version} || '.' || ${directoryVersion.stamp}
  FROM ${directoryVersion} WHERE ${directoryVersion.id} = 1)`;

/** The taxonomy with the directory version it was read at, in one statement: they cannot disagree. */
function taxonomyWithVersion(db: Database) {
  return db
    .select({ ...getTableColumns(serviceTypes), readAt: versionNow })
    .from(serviceTypes)
    .orderBy(asc(serviceTypes.sortOrder), asc(serviceTypes.id));
}

type TaxonomyRead = Array<ServiceTypeRow & { readAt?: string | null }>;

/**
 * The taxonomy read for a request: with the version it was read at when the request read one (so
 * it can be kept), as before otherwise (the edge copy off, a maintainer's request).
 */
function taxonomyRead(db: Database, directory: VersionKey | undefined) {
  return directory ? taxonomyWithVersion(db) : allServiceTypes(db);
}

function keep(rows: TaxonomyRead): ServiceTypeRow[] {
  const readAt = rows[0]?.readAt;
  if (!readAt) return rows;
  const types = rows.map(({ readAt: _readAt, ...type }) => type);
  kept = { key: readAt, types };
  return types;
}

/** The isolate's taxonomy when it is of the version this request read; otherwise nothing. */
function keptFor(directory: VersionKey | undefined): ServiceTypeRow[] | undefined {
  return directory && kept?.key === keyOf(directory) ? kept.types : undefined;
}

/**
 * The taxonomy for a request that read the directory version `directory` (the edge copy reads it
 * first): the isolate's copy of that version, with no round trip, or one read now. Without a version
 * (the edge copy off, a maintainer's request) it is always read, and not kept.
 */
export async function serviceTypesAt(db: Database, directory: VersionKey | undefined): Promise<ServiceTypeRow[]> {
  return keptFor(directory) ?? keep(await taxonomyRead(db, directory));
}

/**
 * `queries` in one D1 batch, with the taxonomy read in the same batch unless the isolate keeps it
 * for the request's directory version (see serviceTypesAt).
 */
export async function batchWithServiceTypes<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(
  db: Database,
  directory: VersionKey | undefined,
  queries: T,
): Promise<{ results: BatchResponse<T>; types: ServiceTypeRow[] }> {
  const known = keptFor(directory);
  if (known) return { results: await db.batch(queries), types: known };
  // drizzle types a batch by its literal tuple; this one is `queries` and the taxonomy after them.
  const all = (await db.batch([...queries, taxonomyRead(db, directory)] as unknown as T)) as unknown[];
  return { results: all.slice(0, -1) as BatchResponse<T>, types: keep(all.at(-1) as TaxonomyRead) };
}

/**
 * The types whose ranks in an area hold exactly the services of `ids` (api/domain/listing-index.ts:
 * a type's rows there hold its own services and its sub-types'): each asked type whose parent is not
 * asked. Undefined when there is no such set: a type asked without every one of its sub-types, or
 * the sub-type of a sub-type (the rows hold one level).
 */
export function typeFamilies(
  types: Array<Pick<ServiceTypeRow, 'id' | 'parentId'>>,
  ids: string[],
): string[] | undefined {
  const asked = new Set(ids);
  const parentOf = new Map(types.map((t) => [t.id, t.parentId]));
  const askedParent = (id: string) => {
    const parent = parentOf.get(id);
    return parent && asked.has(parent) ? parent : undefined;
  };
  if (ids.some((id) => askedParent(askedParent(id) ?? ''))) return undefined;
  const families = [...asked].filter((id) => !askedParent(id));
  const whole = types.every((t) => !t.parentId || !families.includes(t.parentId) || asked.has(t.id));
  return whole ? families : undefined;
}

/** The given types with all their descendants: asking for "police" finds cybercrime units too. */
export function withSubtypes(types: ServiceTypeRow[], ids: string[]): string[] {
  const result = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of types) {
      if (t.parentId && result.has(t.parentId) && !result.has(t.id)) {
        result.add(t.id);
        grew = true;
      }
    }
  }
  return [...result];
}
