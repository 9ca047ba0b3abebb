/**
 * Reads for the HSDS 3 export (P3), on top of the public read model (public-directory.ts).
 *
 * Same rules as that module: only published services; only public columns (the referral-details
 * table is never joined, practitioner routes never selected); a location is read only as the
 * public sees it (confidential-location.ts); every detail query takes the page's ids as one JSON
 * parameter, so a page costs a fixed number of queries whatever its size.
 */
import { publicPathwayFields } from './pathways.ts';
import { count, eq, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idList as inList, idPage } from '../../db/id-list.ts';
import {
  listingCounts,
  listingRanks,
  organisations,
  pathways,
  pathwayStepServices,
  pathwaySteps,
  serviceAtLocations,
  serviceDocuments,
  serviceDocumentsDue,
  serviceTypeAssignments,
  serviceTypeMembers,
  services,
} from '../../db/schema.ts';
import { serviceSearch } from '../../db/search-schema.ts';
import { toClosure, type ClosureFact } from '../domain/service-hours.ts';
import type { MatchClause } from '../domain/text-normalise.ts';
import { COUNTRIES } from '../domain/vocabulary.ts';
import {
  LAST_MODIFIED,
  type AreaNameRow,
  type PublicContactRouteRow,
  type PublicLocationRow,
  type PublicOrganisationRow as ProviderRow,
  type PublicServiceRow,
} from './public-directory.ts';
import { d, documentsAt, sourceTable, storedDocuments, type ServiceSource } from './service-documents.ts';
import { matchWalk, type MatchWalked } from './match-walk.ts';
import { pageStart, typeMemberCount, typePageStart } from './hsds-order.ts';
import { searchTotal } from './search-total.ts';
import { allServiceTypes, type ServiceTypeRow } from './service-types.ts';

export interface PageRequest {
  /** 1-based, as HSDS's `page`. */
  page: number;
  perPage: number;
}

export interface IdPage {
  ids: string[];
  total: number;
}

export interface ServiceFilter {
  /** Service type ids (already widened to sub-types). */
  typeIds?: string[];
  /**
   * The types whose stored listings hold exactly the services of `typeIds`, each with its sub-types
   * (./service-types.ts `typeFamilies`); a page of types alone walks those. Not a condition of its own.
   */
  typeFamilies?: string[];
  organisationId?: string;
  /** ISO 8601 UTC instant: only services whose public record changed at or after it. */
  modifiedAfter?: string;
  /** A safe FTS5 MATCH expression (ftsMatchExpression): the public API's own text search. */
  textMatch?: string;
  /** The words of textMatch (matchClauses), so a search's total can be read from the index's term counts. */
  textClauses?: MatchClause[];
}

export type PublicOrganisationRow = Omit<ProviderRow, 'serviceId'>;

/** An area with the first-level area it lies in (governorate in Iraq, departamento in Guatemala). */
export type { AreaNameRow };

/** What the HSDS views need about one published service. */
export interface HsdsServiceRecord {
  service: PublicServiceRow;
  organisation: PublicOrganisationRow;
  /** When the service or anything public about it (routes, sites, closures, organisation) last changed. */
  lastModified: string;
  /** Closures and alerts that have not ended: they set HSDS `status` and `alert`. */
  closures: ClosureFact[];
  typeIds: string[];
  routes: PublicContactRouteRow[];
  locations: PublicLocationRow[];
  areaPcodes: string[];
  /** The steps of published pathways that name this service (full records only). */
  pathwaySteps?: Array<{ pathwayId: string; stepId: string; kind: string }>;
}

const s = alias(services, 's');
const o = alias(organisations, 'o');
const sal = alias(serviceAtLocations, 'sal');
const a = alias(serviceTypeAssignments, 'a');

/**
 * SQLite prefers walking every published service through the (status, sort_name) index, which is
 * already in name order, to a far narrower index plus a sort; the unary + takes the status index
 * out of its choices when an organisation or a service type narrows the set.
 */
const PUBLISHED_NOT_INDEXED = sql`+${s.status} = 'published'`;

/** The services whose search document matches: the same FTS index and expression as /api/v1/services?q=. */
const matchingText = (expression: string) =>
  sql`(SELECT ${serviceSearch.serviceId} FROM ${serviceSearch} WHERE ${serviceSearch} MATCH ${expression})`;

/**
 * A stored document's `lastModified`, written exactly as service_documents_modified_idx (migration
 * 0024) is, so SQLite reads it from that index.
 */
const DOCUMENT_MODIFIED = (table: SQL) => sql`json_extract(${table}.body, '$.lastModified')`;

const due = alias(serviceDocumentsDue, 'due');

/**
 * The published services changed at or after `since`: those with a stored document from the
 * documents' modification index (one index row each, never the document), and those without one
 * (listed in service_documents_due: just edited, not yet built again) worked out live. Reads what
 * changed, never the directory. A document is dropped whenever anything it holds changes
 * (migration 0017), so its `lastModified` is the service's.
 */
const changedSince = (since: string) =>
  sql`(SELECT ${d.serviceId} FROM ${serviceDocuments} ${d} WHERE ${DOCUMENT_MODIFIED(sql`${d}`)} >= ${since}
    UNION ALL
    SELECT ${due.serviceId} FROM ${serviceDocumentsDue} ${due}
      CROSS JOIN ${services} ${s} ON ${s.id} = ${due.serviceId}
      JOIN ${organisations} ${o} ON ${o.id} = ${s.organisationId}
      WHERE ${LAST_MODIFIED} >= ${since})`;

/** The conditions of a service filter on `s`; `narrowed` when something else than status drives the read. */
function serviceConditions(filter: ServiceFilter, drivenBySites = false): { where: SQL; narrowed: boolean } {
  let narrowed =
    filter.organisationId !== undefined ||
    filter.typeIds !== undefined ||
    filter.textMatch !== undefined ||
    filter.modifiedAfter !== undefined;
  // An organisation alone walks services_org_name_idx (organisation, status, name): in name order.
  const byOrganisation =
    filter.organisationId !== undefined &&
    !filter.typeIds &&
    !filter.textMatch &&
    !filter.modifiedAfter &&
    !drivenBySites;
  // A page of sites walks the sites' ids: the services are looked up for each, not walked.
  if (drivenBySites) narrowed = true;
  const conditions: SQL[] = [narrowed && !byOrganisation ? PUBLISHED_NOT_INDEXED : sql`${s.status} = 'published'`];
  if (filter.organisationId) conditions.push(sql`${s.organisationId} = ${filter.organisationId}`);
  if (filter.typeIds) {
    conditions.push(sql`${s.id} IN (SELECT ${a.serviceId} FROM ${serviceTypeAssignments} ${a}
      WHERE ${a.serviceTypeId} IN ${inList(filter.typeIds)})`);
  }
  if (filter.textMatch) conditions.push(sql`${s.id} IN ${matchingText(filter.textMatch)}`);
  if (filter.modifiedAfter) conditions.push(sql`${s.id} IN ${changedSince(filter.modifiedAfter)}`);
  return { where: sql.join(conditions, sql` AND `), narrowed };
}

/**
 * Where a page of services starts: just after this service in name order (keyset paging), or, for a
 * text search alone, just after this position in the full-text index's order.
 */
export type ServiceSeekKey = NameSeekKey | { position: number };

/** A service's place in name order (sort name, id). */
export interface NameSeekKey {
  sortName: string;
  id: string;
  position?: undefined;
}

/** Whether a filter is a text search and nothing else: its pages walk the full-text index (searchPage). */
export const searchOnly = (filter: ServiceFilter) =>
  filter.textMatch !== undefined &&
  Object.entries(filter).every(
    ([name, value]) => name === 'textMatch' || name === 'textClauses' || value === undefined,
  );

/**
 * One page of published services in name order (a text search alone: in the full-text index's
 * order, searchPage), with the number of all that match and the seek key of its last service.
 * Given `after` (the previous page's last key, which the API hands out in a Link header), it
 * seeks along the (status, sort_name, id) index and reads only its own rows.
 * Unfiltered, a numbered page starts where the stored block and span starts place it (pageStart,
 * ./hsds-order.ts): two seeks and at most a block's services before its own, however deep it is. Filtered, it skips
 * along the filter's matches, which costs what the filter matches before the page.
 * `total_items` counts every match (the page object requires it) unless the caller knows it: the
 * unfiltered total is kept current with the directory version. `modifiedAfter` reads the
 * changed services from the documents' modification index (changedSince), then sorts them by name:
 * it costs what changed, never the directory.
 */
export async function publishedServicePage(
  db: Database,
  filter: ServiceFilter,
  page: PageRequest,
  after?: ServiceSeekKey,
  { withTotal = true, knownTotal, details }: PageOptions = {},
): Promise<IdPage & { last?: ServiceSeekKey; details?: HsdsDetails }> {
  if (after?.position !== undefined || (searchOnly(filter) && after === undefined)) {
    return searchPage(db, filter.textMatch!, filter.textClauses, page, after?.position, withTotal, details);
  }
  return namedPage(db, filter, page, after, { withTotal, knownTotal, details });
}

/** publishedServicePage in name order: every filter but a text search alone. */
async function namedPage(
  db: Database,
  filter: ServiceFilter,
  page: PageRequest,
  after: NameSeekKey | undefined,
  { withTotal = true, knownTotal, details }: PageOptions,
): Promise<IdPage & { last?: ServiceSeekKey; details?: HsdsDetails }> {
  const skip = (page.page - 1) * page.perPage;
  // A term is asked with its sub-types: their services are its family's, one stored type listing.
  const families = filter.typeIds?.length ? filter.typeFamilies : undefined;
  const typesOnly =
    families !== undefined &&
    families.length > 0 &&
    families.length <= MAX_WALKED_TYPES &&
    Object.entries(filter).every(
      ([name, value]) => name === 'typeIds' || name === 'typeFamilies' || value === undefined,
    );
  if (typesOnly && families.length === 1) return oneTypePage(db, families[0]!, page, after, withTotal, details);
  if (typesOnly) return typePage(db, families, page, after, withTotal, details);
  const { where } = serviceConditions(filter);
  const unfiltered = Object.values(filter).every((value) => value === undefined);
  const idQuery = (() => {
    if (after || skip === 0 || !unfiltered) {
      const seek = after ? sql` AND (${s.sortName}, ${s.id}) > (${after.sortName}, ${after.id})` : sql``;
      return db
        .select({ id: s.id, sortName: s.sortName })
        .from(s)
        .where(sql`${where}${seek}`)
        .orderBy(s.sortName, s.id)
        .limit(page.perPage)
        .offset(after ? 0 : skip);
    }
    const { ctes, start } = pageStart(db, skip);
    return (
      db
        .with(...ctes)
        .select({ id: s.id, sortName: s.sortName })
        .from(s)
        .where(
          sql`${s.status} = 'published'
            AND (${s.sortName}, ${s.id}) >= (SELECT ${start.sortName}, ${start.serviceId} FROM ${start})`,
        )
        .orderBy(s.sortName, s.id)
        .limit(page.perPage)
        // drizzle types OFFSET as a number; SQLite takes any integer expression, here the page's place in
        // its block (none past the last service: the key comparison then matches nothing).
        .offset(sql`coalesce((SELECT ${start.into} FROM ${start}), 0)` as unknown as number)
    );
  })();
  const countQuery = db.select({ total: count() }).from(s).where(where);
  // A stream that walks everything needs no total: counting per batch would read the index each time.
  // Unfiltered, the total is the published count kept by the directory version's triggers. The page
  // and its count go in one D1 round trip.
  const { rows, counted, detailed } = await withPage(
    db,
    idQuery,
    knownTotal === undefined && withTotal ? countQuery : undefined,
    sql`(SELECT id AS value FROM (${idQuery})) page`,
    details,
  );
  const last = rows.at(-1);
  const ids = rows.map((row) => row.id);
  return {
    ids,
    total: counted ?? knownTotal ?? -1,
    last: last ? { sortName: last.sortName, id: last.id } : undefined,
    details: details && (await detailsFrom(db, ids, details.now, details.full, detailed!)),
  };
}

/**
 * A page of a text search alone, in the full-text index's own order (its rowid), through the same
 * walk as the public listing's common words (./match-walk.ts): the page's matches and their stored
 * documents in one statement, however many services hold the words. Given `after` (the previous
 * page's last position, handed out in a Link header) it reads only its own rows; a numbered page
 * finds its first position by skipping the matches before it in the index alone (one index row each,
 * never a service). The exact total comes from the index's term counts when they decide it, else
 * counts the matches in the index (./search-total.ts), never the directory. Only published services
 * have a search row (api/domain/listing-index.ts), so every match is kept and the walk needs no
 * stretch past the page.
 */
async function searchPage(
  db: Database,
  textMatch: string,
  clauses: MatchClause[] | undefined,
  page: PageRequest,
  after: number | undefined,
  withTotal: boolean,
  details: PageOptions['details'],
): Promise<IdPage & { last?: ServiceSeekKey; details?: HsdsDetails }> {
  const skip = after === undefined ? (page.page - 1) * page.perPage : 0;
  const start =
    after ??
    (skip === 0
      ? 0
      : sql`coalesce((SELECT rowid FROM ${serviceSearch} WHERE ${serviceSearch} MATCH ${textMatch}
          ORDER BY rowid LIMIT 1 OFFSET ${skip - 1}), ${Number.MAX_SAFE_INTEGER})`);
  // matchWalk binds `after` into `rowid > …`; SQLite takes the subquery there as well as a number.
  const walk = matchWalk(db, { textMatch }, start as unknown as number, page.perPage, page.perPage);
  const counting = withTotal ? searchTotal(db, textMatch, clauses) : undefined;
  const items = [walk, ...(counting?.statements ?? [])] as unknown as Parameters<Database['batch']>[0];
  const results = (await db.batch(items)) as unknown as [MatchWalked[], ...unknown[]];
  const found = results[0].filter((row) => row.visited === null);
  const ids = found.map((row) => row.id);
  const last = found.at(-1);
  const stored = found.map((row) => ({ id: row.id, body: row.body, builtAt: row.builtAt }));
  const more = details?.full ? [pathwayStepsOf(db, ids), allServiceTypes(db)] : [];
  const fullResults = more.length
    ? ((await db.batch(more as unknown as Parameters<Database['batch']>[0])) as unknown as unknown[])
    : [];
  return {
    ids,
    total: counting ? await counting.total(results.slice(1)) : -1,
    last: last ? { position: last.pos } : undefined,
    details:
      details &&
      (await detailsFrom(db, ids, details.now, details.full, [stored, ...fullResults] as unknown as DetailResults)),
  };
}

/** How a page is read: whether it needs its total, and the details of its services read with it. */
export interface PageOptions {
  withTotal?: boolean;
  knownTotal?: number;
  /** Read the page's services' details (serviceDetails) in the same D1 round trip as the page. */
  details?: { now: Date; full: boolean };
}

/**
 * One D1 round trip: the page, its count (when asked) and the details of its services, these read
 * through the page query itself (`source`, a table `page` with a `value` column).
 */
async function withPage<Row>(
  db: Database,
  pageQuery: BatchItem<'sqlite'> & PromiseLike<Row[]>,
  countQuery: (BatchItem<'sqlite'> & PromiseLike<Array<{ total: number }>>) | undefined,
  source: SQL,
  details: PageOptions['details'],
): Promise<{ rows: Row[]; counted?: number; detailed?: DetailResults }> {
  const extra = details ? detailQueries(db, source, details.full) : [];
  const items = [pageQuery, ...(countQuery ? [countQuery] : []), ...extra] as unknown as Parameters<
    Database['batch']
  >[0];
  const results = (await db.batch(items)) as unknown as unknown[];
  const rows = results[0] as Row[];
  const counted = countQuery ? ((results[1] as Array<{ total: number }>)[0]?.total ?? 0) : undefined;
  const detailed = details ? (results.slice(countQuery ? 2 : 1) as DetailResults) : undefined;
  return { rows, counted, detailed };
}

/** Type filters wider than this (a whole taxonomy) are read from the services, not the type listings. */
const MAX_WALKED_TYPES = 10;

const COUNTRY_PATHS = COUNTRIES.map((country) => `/${country}/`);
const NAME_END = '\u0001';

/**
 * A page of the published services of one service type and its sub-types (one term), in name
 * order, from service_type_members: the type's members (its sub-types' services among them) keyed
 * in that order, kept by triggers (migrations 0027 and 0029). Given `after` it seeks past that key;
 * a numbered page seeks the type's span and block that hold its first member (typePageStart,
 * ./hsds-order.ts) and skips at most a block of members, so it reads the same at page 1 and the last
 * page, however many services the type has. The total is where the type's last span ends: one seek,
 * exact with the page. Several types are read by typePage; a
 * type with anything else (an organisation, a text search) by the general filter.
 */
async function oneTypePage(
  db: Database,
  typeId: string,
  page: PageRequest,
  after: NameSeekKey | undefined,
  withTotal: boolean,
  details: PageOptions['details'],
): Promise<IdPage & { last?: ServiceSeekKey; details?: HsdsDetails }> {
  const m = serviceTypeMembers;
  const skip = after ? 0 : (page.page - 1) * page.perPage;
  const columns = { id: m.serviceId, sortName: m.sortName };
  const pageQuery = (() => {
    if (after || skip === 0) {
      const seek = after ? sql` AND (${m.sortName}, ${m.serviceId}) > (${after.sortName}, ${after.id})` : sql``;
      return db
        .select(columns)
        .from(m)
        .where(sql`${m.typeId} = ${typeId}${seek}`)
        .orderBy(m.sortName, m.serviceId)
        .limit(page.perPage);
    }
    const { ctes, start } = typePageStart(db, typeId, skip);
    return (
      db
        .with(...ctes)
        .select(columns)
        .from(m)
        .where(
          sql`${m.typeId} = ${typeId}
            AND (${m.sortName}, ${m.serviceId}) >= (SELECT ${start.sortName}, ${start.serviceId} FROM ${start})`,
        )
        .orderBy(m.sortName, m.serviceId)
        .limit(page.perPage)
        // As namedPage: the page's place in its block, an integer expression drizzle types as a number.
        .offset(sql`coalesce((SELECT ${start.into} FROM ${start}), 0)` as unknown as number)
    );
  })();
  const { rows, counted, detailed } = await withPage(
    db,
    pageQuery,
    withTotal ? typeMemberCount(db, typeId) : undefined,
    sql`(SELECT service_id AS value FROM (${pageQuery})) page`,
    details,
  );
  const last = rows.at(-1);
  const ids = rows.map((row) => row.id);
  return {
    ids,
    total: counted ?? -1,
    last: last ? { sortName: last.sortName, id: last.id } : undefined,
    details: details && (await detailsFrom(db, ids, details.now, details.full, detailed!)),
  };
}

/**
 * A page of the published services of some service types, in name order, from the stored type
 * listings: each published service has a `type:<id>` listing_ranks row for each of its types and
 * each of their parents at its country's root path, walked along listing_ranks_name_idx (name_key is
 * the sort name and the id, api/domain/listing-index.ts `nameKey`). Each (country, type) range reads
 * at most the rows up to the end of the page (the page after `after` when given), and they merge in
 * name order, a service with two of the types once. The total is exact: one type's is its stored count
 * (listing_counts, kept by triggers); several types count their distinct services along the same
 * index, which costs what the filter matches, never the directory.
 */
async function typePage(
  db: Database,
  typeIds: string[],
  page: PageRequest,
  after: NameSeekKey | undefined,
  withTotal: boolean,
  details: PageOptions['details'],
): Promise<IdPage & { last?: ServiceSeekKey; details?: HsdsDetails }> {
  const skip = after ? 0 : (page.page - 1) * page.perPage;
  const take = skip + page.perPage;
  const reaches = typeIds.map((id) => `type:${id}`);
  // Every (country, type) range in one JSON parameter: D1 allows only a few terms in a compound SELECT.
  // Each range's page is read along the name index and its rows found by rowid, one seek each:
  // found by name key, SQLite may step along the index instead of seeking when its statistics say
  // a key's rows are few, so the rows read changed with the statistics, not with the page.
  const ranges = JSON.stringify(COUNTRY_PATHS.flatMap((path) => reaches.map((reach) => [path, reach])));
  const seek = after ? sql` AND i.name_key > ${`${after.sortName}${NAME_END}${after.id}`}` : sql``;
  const merged = sql`(SELECT DISTINCT lr.service_id, lr.name_key FROM json_each(${ranges}) k
    CROSS JOIN ${listingRanks} lr
    WHERE lr.rowid IN (SELECT i.rowid FROM ${listingRanks} i INDEXED BY listing_ranks_name_idx
        WHERE i.area_path = json_extract(k.value, '$[0]') AND i.reach = json_extract(k.value, '$[1]')${seek}
        ORDER BY i.name_key LIMIT ${take})) ranked`;
  const pageQuery = db
    .select({ id: sql<string>`service_id`, nameKey: sql<string>`name_key` })
    .from(merged)
    .orderBy(sql`name_key`)
    .limit(page.perPage)
    .offset(skip);
  const countQuery =
    reaches.length === 1
      ? db
          .select({ total: sql<number>`coalesce(sum(${listingCounts.services}), 0)` })
          // The countries drive (CROSS JOIN keeps them first), each a key lookup. With `IN` a list,
          // statistics (README, Deploy: PRAGMA optimize) say listing_counts is small and SQLite
          // scanned the whole table for each page of a type (85 rows more at 2,000 services).
          .from(sql`${idPage(COUNTRY_PATHS)} CROSS JOIN ${listingCounts}`)
          .where(sql`${listingCounts.areaPath} = page.value AND ${listingCounts.reach} = ${reaches[0]}`)
      : // The (country, type) ranges drive, as they drive the page: each one range of the primary key.
        db.select({ total: sql<number>`count(DISTINCT lr.service_id)` }).from(
          sql`json_each(${ranges}) k CROSS JOIN ${listingRanks} lr
              ON lr.area_path = json_extract(k.value, '$[0]') AND lr.reach = json_extract(k.value, '$[1]')`,
        );
  const { rows, counted, detailed } = await withPage(
    db,
    pageQuery,
    withTotal ? countQuery : undefined,
    sql`(SELECT service_id AS value FROM (${pageQuery})) page`,
    details,
  );
  const last = rows.at(-1);
  const end = last ? last.nameKey.lastIndexOf(NAME_END) : -1;
  const ids = rows.map((row) => row.id);
  return {
    ids,
    total: counted ?? -1,
    details: details && (await detailsFrom(db, ids, details.now, details.full, detailed!)),
    last: last && end >= 0 ? { sortName: last.nameKey.slice(0, end), id: last.nameKey.slice(end + 1) } : undefined,
  };
}

/**
 * The published services of the organisations, each organisation's in name order: one statement,
 * one seek along services_org_name_idx per organisation.
 */
export function publishedServicesOf(db: Database, organisationIds: readonly string[] | SQL) {
  return db
    .select({ id: s.id, organisationId: s.organisationId })
    .from(Array.isArray(organisationIds) ? idPage(organisationIds) : (organisationIds as SQL))
    .crossJoin(s)
    .where(sql`${s.organisationId} = page.value AND ${s.status} = 'published'`)
    .orderBy(s.organisationId, s.sortName, s.id);
}

/** A provider is public only through a published service: other organisations stay out. */
const PROVIDES_PUBLISHED = sql`EXISTS (SELECT 1 FROM ${services} ${s}
  WHERE ${s.organisationId} = ${o.id} AND ${PUBLISHED_NOT_INDEXED})`;

/**
 * Organisations that provide a published service, by id; with a filter (text, service types),
 * those that provide a published service that passes it (HSDS 3.1's organization filters).
 */
export async function publishedOrganisationPage(
  db: Database,
  page: PageRequest,
  filter: Pick<ServiceFilter, 'typeIds' | 'textMatch'> = {},
  details?: PageOptions['details'],
): Promise<
  IdPage & {
    organisations: PublicOrganisationRow[];
    /** With `details`: each organisation's published services, in name order, and their details. */
    services?: { owned: Array<{ id: string; organisationId: string }>; details: HsdsDetails };
  }
> {
  const provides =
    filter.typeIds || filter.textMatch
      ? sql`EXISTS (SELECT 1 FROM ${services} ${s} WHERE ${s.organisationId} = ${o.id}
          AND ${serviceConditions(filter).where})`
      : PROVIDES_PUBLISHED;
  const pageQuery = db
    .select({ id: o.id })
    .from(o)
    .where(provides)
    .orderBy(o.id)
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  // The page, its count, its organisations and (with details) their services and those services'
  // details, all read through the page query in one D1 round trip: one statement for the services
  // of every organisation of the page, never one per organisation.
  const onPage = sql`(SELECT id AS value FROM (${pageQuery})) page`;
  const organisationsQuery = db
    .select(organisationFields)
    .from(onPage)
    .crossJoin(o)
    .where(sql`${o.id} = page.value`);
  const ownedQuery = publishedServicesOf(db, onPage);
  const extra = details
    ? [ownedQuery, ...detailQueries(db, sql`(SELECT id AS value FROM (${ownedQuery})) page`, details.full)]
    : [];
  const items = [pageQuery, db.select({ total: count() }).from(o).where(provides), organisationsQuery, ...extra];
  const results = (await db.batch(items as unknown as Parameters<Database['batch']>[0])) as unknown as unknown[];
  const rows = results[0] as Array<{ id: string }>;
  const [counted] = results[1] as Array<{ total: number }>;
  const organisations = results[2] as PublicOrganisationRow[];
  const ids = rows.map((row) => row.id);
  if (!details) return { ids, total: counted?.total ?? 0, organisations };
  const owned = results[3] as Array<{ id: string; organisationId: string }>;
  const serviceIds = owned.map((row) => row.id);
  return {
    ids,
    total: counted?.total ?? 0,
    organisations,
    services: {
      owned,
      details: await detailsFrom(db, serviceIds, details.now, details.full, results.slice(4) as DetailResults),
    },
  };
}

/**
 * One page of the sites of published services (HSDS service_at_location), by id, with the
 * number of all that match; the service filter applies to each site's service. Given `after` (the
 * previous page's last site id, handed out in a Link header) it seeks along the primary key and
 * reads only its own sites; unfiltered, the total is the count kept with the directory version
 * (`knownTotal`), so no page counts every site. The page and its count go in one round trip.
 */
export async function publishedServiceAtLocationPage(
  db: Database,
  filter: ServiceFilter,
  page: PageRequest,
  after?: string,
  knownTotal?: number,
  details?: PageOptions['details'],
): Promise<{ rows: Array<{ id: string; serviceId: string }>; total: number; details?: HsdsDetails }> {
  const { where } = serviceConditions(filter, true);
  const seek = after === undefined ? sql`` : sql` AND ${sal.id} > ${after}`;
  const idQuery = db.select({ id: sal.id, serviceId: sal.serviceId }).from(sal).innerJoin(s, eq(s.id, sal.serviceId));
  const countQuery = db.select({ total: count() }).from(sal).innerJoin(s, eq(s.id, sal.serviceId));
  const dynamic = [idQuery.$dynamic(), countQuery.$dynamic()] as const;
  const pageQuery = dynamic[0]
    .where(sql`${where}${seek}`)
    .orderBy(sal.id)
    .limit(page.perPage)
    .offset(after === undefined ? (page.page - 1) * page.perPage : 0);
  const { rows, counted, detailed } = await withPage(
    db,
    pageQuery,
    knownTotal === undefined ? dynamic[1].where(where) : undefined,
    sql`(SELECT DISTINCT service_id AS value FROM (${pageQuery})) page`,
    details,
  );
  const serviceIds = [...new Set(rows.map((row) => row.serviceId))];
  return {
    rows,
    total: counted ?? knownTotal ?? 0,
    details: details && (await detailsFrom(db, serviceIds, details.now, details.full, detailed!)),
  };
}

/** The service of one site of a published service, or undefined. */
export async function serviceOfServiceAtLocation(db: Database, id: string): Promise<string | undefined> {
  const row = await db
    .select({ serviceId: sal.serviceId })
    .from(sal)
    .innerJoin(s, eq(s.id, sal.serviceId))
    .where(sql`${sal.id} = ${id} AND ${s.status} = 'published'`)
    .get();
  return row?.serviceId;
}

/** The steps of published pathways that name one of the services (never the practitioner-only step details). */
function pathwayStepsOf(db: Database, serviceIds: ServiceSource) {
  return db
    .select({
      serviceId: pathwayStepServices.serviceId,
      // Named apart: a D1 batch returns rows keyed by column name, where two `id`s would be one.
      pathwayId: sql<string>`${pathways.id}`.as('pathway_id'),
      stepId: sql<string>`${pathwaySteps.id}`.as('step_id'),
      kind: pathwaySteps.kind,
    })
    .from(sourceTable(serviceIds))
    .crossJoin(pathwayStepServices)
    .innerJoin(pathwaySteps, eq(pathwaySteps.id, pathwayStepServices.stepId))
    .innerJoin(pathways, eq(pathways.id, pathwaySteps.pathwayId))
    .where(sql`${pathwayStepServices.serviceId} = page.value AND ${pathways.status} = 'published'`)
    .orderBy(pathways.id, pathwaySteps.position);
}

const organisationFields = {
  id: o.id,
  names: o.names,
  descriptions: o.descriptions,
  website: o.website,
  updatedAt: o.updatedAt,
};

export function publicOrganisations(db: Database, organisationIds: readonly string[]) {
  if (!organisationIds.length) return Promise.resolve([]);
  return db
    .select(organisationFields)
    .from(idPage(organisationIds))
    .crossJoin(o)
    .where(sql`${o.id} = page.value AND ${PROVIDES_PUBLISHED}`);
}

/** The records of a page of services, with what their full form needs besides (types, area names). */
export interface HsdsDetails {
  records: HsdsServiceRecord[];
  types: ServiceTypeRow[];
  areas: Map<string, AreaNameRow>;
}

/**
 * The queries that read the details of a page of services, not yet sent, so they go in the same D1
 * batch as whatever finds the page: each service's stored document (one row each, built by the one
 * builder, api/queries/service-documents.ts, with its areas' names); `full` adds what only
 * service_full shows (the pathway steps naming it, the taxonomy).
 */
export function detailQueries(db: Database, source: ServiceSource, full: boolean) {
  return full
    ? ([storedDocuments(db, source), pathwayStepsOf(db, source), allServiceTypes(db)] as const)
    : ([storedDocuments(db, source)] as const);
}

type DetailResults = [
  Awaited<ReturnType<typeof storedDocuments>>,
  Awaited<ReturnType<typeof pathwayStepsOf>>?,
  ServiceTypeRow[]?,
];

/**
 * The page of services `ids` (in the order given) from what detailQueries read; ids that are not
 * published services are dropped.
 */
export async function detailsFrom(
  db: Database,
  serviceIds: string[],
  now: Date,
  full: boolean,
  [stored, steps = [], types = []]: DetailResults,
): Promise<HsdsDetails> {
  // A service without a usable document (just edited) is read live.
  const documents = await documentsAt(db, serviceIds, now, stored);
  const areas = new Map<string, AreaNameRow>();
  const records = serviceIds.flatMap((id): HsdsServiceRecord[] => {
    const document = documents.get(id);
    if (!document) return [];
    for (const row of document.areaNames) areas.set(row.pcode, row);
    return [
      {
        service: document.service,
        organisation: document.organisation,
        lastModified: document.lastModified,
        closures: document.closures.map(toClosure),
        typeIds: document.typeIds,
        routes: document.routes,
        locations: document.locations,
        areaPcodes: document.areaPcodes,
        pathwaySteps: steps
          .filter((step) => step.serviceId === id)
          .map(({ pathwayId, stepId, kind }) => ({ pathwayId, stepId, kind })),
      },
    ];
  });
  return { records, types, areas };
}

/** The records of the given published services, in the order given, with what their full form needs: one round trip. */
export async function serviceDetails(
  db: Database,
  serviceIds: string[],
  now: Date,
  full: boolean,
): Promise<HsdsDetails> {
  if (!serviceIds.length) return { records: [], types: [], areas: new Map() };
  const [first, ...rest] = detailQueries(db, serviceIds, full);
  const results = (await db.batch([first, ...rest])) as unknown as DetailResults;
  return detailsFrom(db, serviceIds, now, full, results);
}

/** The records of the given published services (serviceDetails without the rest). */
export async function serviceRecords(
  db: Database,
  serviceIds: string[],
  now: Date,
  full: boolean,
): Promise<HsdsServiceRecord[]> {
  return (await serviceDetails(db, serviceIds, now, full)).records;
}

/** Published pathways, by id, for the HSDS pathways extension; `total` counts all of them. */
export async function publishedPathwayPage(db: Database, page: PageRequest) {
  const published = eq(pathways.status, 'published');
  const [rows, [counted]] = await Promise.all([
    db
      // The same public projection as the pathway API: one list of what the public may read.
      .select(publicPathwayFields)
      .from(pathways)
      .where(published)
      .orderBy(pathways.id)
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    db.select({ total: count() }).from(pathways).where(published),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

export type HsdsPathwayRow = Awaited<ReturnType<typeof publishedPathwayPage>>['rows'][number];

/** Every matching published service's id and last change, in name order (HSDS `minimal`). */
export async function publishedServiceChanges(db: Database, filter: ServiceFilter) {
  const { where } = serviceConditions(filter);
  return db
    .select({ id: s.id, lastModified: LAST_MODIFIED })
    .from(s)
    .innerJoin(o, eq(o.id, s.organisationId))
    .where(where)
    .orderBy(s.sortName, s.id);
}

/**
 * The next `limit` published services after (sortName, id) in name order, for exports that walk
 * the whole directory: a seek along the (status, sort_name, id) index, so each batch reads only
 * its own rows however far into the directory it is.
 */
export async function publishedServiceBatch(
  db: Database,
  after: { sortName: string; id: string } | null,
  limit: number,
): Promise<Array<{ id: string; sortName: string }>> {
  const seek = after ? sql` AND (${s.sortName}, ${s.id}) > (${after.sortName}, ${after.id})` : sql``;
  return db
    .select({ id: s.id, sortName: s.sortName })
    .from(s)
    .where(sql`${s.status} = 'published'${seek}`)
    .orderBy(s.sortName, s.id)
    .limit(limit);
}
