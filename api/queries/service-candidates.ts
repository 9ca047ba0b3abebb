/**
 * Phase one of a service listing: the ids and ranking facts of every published service that
 * passes the SQL-expressible filters, and nothing else (no text, no routes).
 *
 * One "driver" decides which index the query walks — the area's coverage range, a bounding box
 * (the geohash cells covering it, ./site-cells.ts),
 * the full-text matches, a service type, a country, or (unscoped) the status index — and every other filter
 * is a correlated probe by service id. So a district listing reads the services relevant to that
 * district, however large the directory grows. CROSS JOIN pins the driver as the outer loop
 * (SQLite never reorders a CROSS JOIN).
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idList } from '../../db/id-list.ts';
import { services, serviceTypeAssignments, serviceTypes } from '../../db/schema.ts';
import { serviceSearch } from '../../db/search-schema.ts';
import type { MatchClause } from '../domain/text-normalise.ts';
import type { Country } from '../domain/vocabulary.ts';
import type { BoundingBox } from '../domain/geo.ts';
import { relevantIn, servicesRelevantIn, type AreaScope } from './area-paths.ts';
import { hasSiteInBox, placedInBox } from './site-cells.ts';
import { matchesWords } from './text-search.ts';

export type { AreaScope } from './area-paths.ts';

export interface CandidateFilters {
  area?: AreaScope;
  country?: Country;
  /** Service type ids, already expanded with their sub-types. */
  typeIds?: string[];
  /**
   * Whether `typeIds` holds several types, where the list itself cannot say: a statement built once
   * per shape binds the list as one parameter (api/queries/shaped-filters.ts).
   */
  severalTypes?: boolean;
  /**
   * The types whose ranks in an area hold exactly the services of `typeIds` (each with its
   * sub-types: `typeFamilies` in ./service-types.ts), when there are such; an area's walk then
   * walks their rows instead of checking each service's types. Not a condition of its own.
   */
  typeFamilies?: string[];
  /** A safe FTS5 MATCH expression (see domain/text-normalise.ts). */
  textMatch?: string;
  /** The words of the same search (`matchClauses`), for a walk that probes each service's words. */
  textClauses?: MatchClause[];
  bbox?: BoundingBox;
  offeredIn?: string;
  femaleStaff?: boolean;
  freeOnly?: boolean;
  anonymousReporting?: boolean;
  eligibleGender?: 'female' | 'male';
  age?: number;
  accessibility?: string[];
  /** Only services that say yes (unknown is not yes). */
  accompaniment?: boolean;
  safePlaceMeeting?: boolean;
  withoutIdentity?: boolean;
}

export interface Candidate {
  id: string;
  sortName: string;
  country: Country;
  verificationStatus: string;
  lastVerifiedAt: string | null;
  nextVerificationDue: string | null;
  isPriority: number;
  /** bm25 score of the text match (lower is better), null without a text query. */
  textScore: number | null;
}

export const s = alias(services, 's');
const a = alias(serviceTypeAssignments, 'a');
const t = alias(serviceTypes, 't');

/**
 * The filters answered by the service row itself (and its own JSON lists), as probes on the alias
 * `s`: the same in every driver of the candidate query and in the area walk (./area-walk.ts).
 */
export function serviceConditions(f: CandidateFilters): SQL[] {
  const conditions: SQL[] = [];
  if (f.country) conditions.push(sql`${s.country} = ${f.country}`);
  if (f.offeredIn) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${s.languages}) WHERE value = ${f.offeredIn})`);
  if (f.femaleStaff) conditions.push(sql`${s.femaleStaff} IN ('yes', 'on_request')`);
  if (f.freeOnly) conditions.push(sql`${s.costKind} = 'free'`);
  if (f.anonymousReporting) conditions.push(sql`${s.anonymousReporting} = 'yes'`);
  if (f.accompaniment) conditions.push(sql`${s.accompaniment} = 'yes'`);
  if (f.safePlaceMeeting) conditions.push(sql`${s.safePlaceMeeting} = 'yes'`);
  if (f.withoutIdentity) conditions.push(sql`${s.passesOnWithoutIdentity} = 'yes'`);
  if (f.eligibleGender === 'female') conditions.push(sql`${s.eligibleGender} IN ('any', 'women')`);
  if (f.eligibleGender === 'male') conditions.push(sql`${s.eligibleGender} IN ('any', 'men')`);
  // Each filter binds its value once, and a list as one JSON value: a walk repeats these conditions
  // in every range it merges, and D1 binds at most 100 parameters a statement.
  if (f.age !== undefined) {
    // No lower or upper age limit: any age passes that side.
    conditions.push(sql`${f.age} BETWEEN coalesce(${s.minAge}, 0) AND coalesce(${s.maxAge}, ${sql.raw('1000000')})`);
  }
  if (f.accessibility?.length) {
    // Every feature asked for is among the service's own.
    conditions.push(sql`NOT EXISTS (SELECT 1 FROM ${idList(f.accessibility)} wanted
      WHERE wanted.value NOT IN (SELECT value FROM json_each(${s.accessibility})))`);
  }
  return conditions;
}

function typeScope(typeIds: string[]): SQL {
  return sql`SELECT DISTINCT ${a.serviceId} FROM ${serviceTypeAssignments} ${a}
    WHERE ${a.serviceTypeId} IN ${idList(typeIds)}`;
}

/** FTS5 answers MATCH and bm25 through the table's hidden column named like the table. */
const textMatches = (expression: string) =>
  sql`SELECT ${serviceSearch.serviceId}, bm25(${serviceSearch}) AS score FROM ${serviceSearch}
    WHERE ${serviceSearch} MATCH ${expression}`;

/**
 * The candidate query; exported so tests can EXPLAIN it.
 *
 * A `sql` template rather than the builder, because the builder cannot say two things its plan
 * needs: a CTE driver (the builder has no `WITH ... AS MATERIALIZED`, and the full-text matches
 * must be materialised once, not rerun per candidate) pinned as the outer loop of a CROSS JOIN with
 * its own `ON`. Every table and column is still named from the schema.
 */
export interface CandidateOptions {
  /** Drive from the text's matches, at most this many (a rare word, ./text-search.ts). */
  textFirst?: number;
  /** A constant condition that leaves the text's matches unread when false (tested once, before any). */
  textWhen?: SQL;
  /**
   * A constant condition that leaves the box's sites unread when false (a box read whole only when
   * small). A search's words are then probed on each service of the box, not matched in the index:
   * a common word's matches are far more than a small box holds.
   */
  boxWhen?: SQL;
}

export function candidateQuery(f: CandidateFilters, options: CandidateOptions = {}): SQL {
  const conditions: SQL[] = [sql`${s.status} = 'published'`];
  let driver: SQL;
  let textJoin = sql``;
  let score = sql`NULL`;
  // A rare word (./text-search.ts) drives from its few matches, at most `textFirst`, and probes the area.
  const textFirst = options.textFirst !== undefined && f.textMatch ? options.textFirst : null;

  if (textFirst !== null) {
    // A LIMIT is worked out once, before any match is read: 0 when the guard says not to read them.
    const limit = options.textWhen ? sql`(CASE WHEN ${options.textWhen} THEN ${textFirst} ELSE 0 END)` : textFirst;
    driver = sql`${textMatches(f.textMatch!)} LIMIT ${limit}`;
    score = sql`scope.score`;
    if (f.area) conditions.push(relevantIn(s.id, f.area));
    if (f.bbox) conditions.push(hasSiteInBox(s.id, f.bbox));
  } else if (f.bbox && options.boxWhen) {
    // Each site of the box, when the guard says the box holds few; none read otherwise.
    driver = sql`${placedInBox(f.bbox)} LIMIT (CASE WHEN ${options.boxWhen} THEN -1 ELSE 0 END)`;
    if (f.area) conditions.push(relevantIn(s.id, f.area));
  } else if (f.area) {
    driver = servicesRelevantIn(f.area);
  } else if (f.bbox) {
    driver = placedInBox(f.bbox);
  } else if (f.textMatch) {
    driver = textMatches(f.textMatch);
    score = sql`scope.score`;
  } else if (f.typeIds?.length) {
    driver = typeScope(f.typeIds);
  } else if (f.country) {
    driver = sql`SELECT ${services.id} AS service_id FROM ${services}
      WHERE ${services.country} = ${f.country} AND ${services.status} = 'published'`;
  } else {
    driver = sql`SELECT ${services.id} AS service_id FROM ${services} WHERE ${services.status} = 'published'`;
  }

  const boxRead = Boolean(f.bbox && options.boxWhen && textFirst === null);
  if (boxRead && f.textClauses) {
    conditions.push(matchesWords(sql`${s.id}`, f.textClauses));
  } else if (f.textMatch && (f.area || f.bbox) && textFirst === null) {
    textJoin = sql`JOIN text_matches m ON m.service_id = ${s.id}`;
    score = sql`m.score`;
  }
  if (f.bbox && f.area && textFirst === null && !options.boxWhen) {
    conditions.push(hasSiteInBox(s.id, f.bbox));
  }
  if (f.typeIds?.length && (f.area || f.bbox || f.textMatch)) {
    conditions.push(sql`EXISTS (SELECT 1 FROM ${serviceTypeAssignments} ${a} WHERE ${a.serviceId} = ${s.id}
      AND ${a.serviceTypeId} IN ${idList(f.typeIds)})`);
  }
  conditions.push(...serviceConditions(f));

  const withText = textJoin.queryChunks.length
    ? sql`, text_matches AS MATERIALIZED (${textMatches(f.textMatch!)})`
    : sql``;
  // The result names are the Candidate fields: this template is run without the builder (above).
  return sql`WITH scope AS (${driver})${withText}
    SELECT ${s.id} AS id, ${s.sortName} AS sortName, ${s.country} AS country,
      ${s.verificationStatus} AS verificationStatus, ${s.lastVerifiedAt} AS lastVerifiedAt,
      ${s.nextVerificationDue} AS nextVerificationDue,
      EXISTS (SELECT 1 FROM ${serviceTypeAssignments} ${a} JOIN ${serviceTypes} ${t} ON ${t.id} = ${a.serviceTypeId}
        WHERE ${a.serviceId} = ${s.id} AND ${t.isPriorityChannel} = 1) AS isPriority,
      ${score} AS textScore
    FROM scope CROSS JOIN ${services} ${s} ON ${s.id} = scope.service_id ${textJoin}
    WHERE ${sql.join(conditions, sql` AND `)}`;
}

export function findCandidates(db: Database, filters: CandidateFilters, options: CandidateOptions = {}) {
  return db.all<Candidate>(candidateQuery(filters, options));
}

/**
 * The same candidates read through the builder, so that they can go in a batch. With several
 * options, the candidates of each, in one statement: each way guarded (`textWhen`, `boxWhen`) so
 * that at most one reads.
 */
export function candidates(db: Database, filters: CandidateFilters, ...ways: CandidateOptions[]) {
  const each = (ways.length ? ways : [{}]).map((options) => sql`SELECT * FROM (${candidateQuery(filters, options)})`);
  return db
    .select({
      id: sql<string>`c.id`,
      sortName: sql<string>`c.sortName`,
      country: sql<Country>`c.country`,
      verificationStatus: sql<string>`c.verificationStatus`,
      lastVerifiedAt: sql<string | null>`c.lastVerifiedAt`,
      nextVerificationDue: sql<string | null>`c.nextVerificationDue`,
      isPriority: sql<number>`c.isPriority`,
      textScore: sql<number | null>`c.textScore`,
    })
    .from(sql`(${sql.join(each, sql` UNION ALL `)}) c`);
}
