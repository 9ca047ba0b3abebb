/**
 * Phase one of a service listing: the ids and ranking facts of every published service that
 * passes the SQL-expressible filters, and nothing else (no text, no routes).
 *
 * One "driver" decides which index the query walks — the area's coverage range, a bounding box,
 * the full-text matches, a service type, a country, or (unscoped) the status index — and every other filter
 * is a correlated probe by service id. So a district listing reads the services relevant to that
 * district, however large the directory grows. CROSS JOIN pins the driver as the outer loop
 * (SQLite never reorders a CROSS JOIN).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { Country } from '../domain/vocabulary.ts';
import type { BoundingBox } from '../domain/geo.ts';

export interface AreaScope {
  /** The area's own path, e.g. "/IQ/IQG15/IQG15Q05/": it and its descendants are a range. */
  path: string;
  /** The paths of its ancestors: services covering a whole governorate or country cover it too. */
  ancestorPaths: string[];
}

export interface CandidateFilters {
  area?: AreaScope;
  country?: Country;
  /** Service type ids, already expanded with their sub-types. */
  typeIds?: string[];
  /** A safe FTS5 MATCH expression (see domain/text-normalise.ts). */
  textMatch?: string;
  bbox?: BoundingBox;
  offeredIn?: string;
  femaleStaff?: boolean;
  freeOnly?: boolean;
  anonymousReporting?: boolean;
  eligibleGender?: 'female' | 'male';
  age?: number;
  accessibility?: string[];
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

/** Upper bound of a path range: every descendant path sorts between `path` and this. */
const pathRangeEnd = (path: string) => `${path}\u{10FFFF}`;

const json = (values: readonly string[]) => JSON.stringify(values);

function areaScope(area: AreaScope): SQL {
  return sql`SELECT service_id FROM service_coverage WHERE area_path IN (SELECT value FROM json_each(${json(area.ancestorPaths)}))
    UNION SELECT service_id FROM service_coverage WHERE area_path >= ${area.path} AND area_path < ${pathRangeEnd(area.path)}`;
}

function bboxScope([minLon, minLat, maxLon, maxLat]: BoundingBox): SQL {
  // Confidential locations (C9) never place a service on the map, in a box or by distance.
  return sql`SELECT DISTINCT sal.service_id FROM locations l JOIN service_at_locations sal ON sal.location_id = l.id
    WHERE l.lat BETWEEN ${minLat} AND ${maxLat} AND l.lon BETWEEN ${minLon} AND ${maxLon} AND l.is_confidential = 0`;
}

function typeScope(typeIds: string[]): SQL {
  return sql`SELECT DISTINCT service_id FROM service_type_assignments WHERE service_type_id IN (SELECT value FROM json_each(${json(typeIds)}))`;
}

const textMatches = (expression: string) =>
  sql`SELECT service_id, bm25(service_search) AS score FROM service_search WHERE service_search MATCH ${expression}`;

/** The candidate query; exported so tests can EXPLAIN it. */
export function candidateQuery(f: CandidateFilters): SQL {
  const conditions: SQL[] = [sql`s.status = 'published'`];
  let driver: SQL;
  let textJoin = sql``;
  let score = sql`NULL`;

  if (f.area) {
    driver = areaScope(f.area);
  } else if (f.bbox) {
    driver = bboxScope(f.bbox);
  } else if (f.textMatch) {
    driver = textMatches(f.textMatch);
    score = sql`scope.score`;
  } else if (f.typeIds?.length) {
    driver = typeScope(f.typeIds);
  } else if (f.country) {
    driver = sql`SELECT id AS service_id FROM services WHERE country = ${f.country} AND status = 'published'`;
  } else {
    driver = sql`SELECT id AS service_id FROM services WHERE status = 'published'`;
  }

  if (f.textMatch && (f.area || f.bbox)) {
    textJoin = sql`JOIN text_matches m ON m.service_id = s.id`;
    score = sql`m.score`;
  }
  if (f.bbox && f.area) {
    conditions.push(sql`s.id IN (SELECT sal.service_id FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
      WHERE sal.service_id = s.id AND l.is_confidential = 0 AND l.lat BETWEEN ${f.bbox[1]} AND ${f.bbox[3]} AND l.lon BETWEEN ${f.bbox[0]} AND ${f.bbox[2]})`);
  }
  if (f.typeIds?.length && (f.area || f.bbox || f.textMatch)) {
    conditions.push(sql`EXISTS (SELECT 1 FROM service_type_assignments a WHERE a.service_id = s.id
      AND a.service_type_id IN (SELECT value FROM json_each(${json(f.typeIds)})))`);
  }
  if (f.country) conditions.push(sql`s.country = ${f.country}`);
  if (f.offeredIn) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(s.languages) WHERE value = ${f.offeredIn})`);
  if (f.femaleStaff) conditions.push(sql`s.female_staff IN ('yes', 'on_request')`);
  if (f.freeOnly) conditions.push(sql`s.cost_kind = 'free'`);
  if (f.anonymousReporting) conditions.push(sql`s.anonymous_reporting = 'yes'`);
  if (f.eligibleGender === 'female') conditions.push(sql`s.eligible_gender IN ('any', 'women')`);
  if (f.eligibleGender === 'male') conditions.push(sql`s.eligible_gender IN ('any', 'men')`);
  if (f.age !== undefined) {
    conditions.push(sql`(s.min_age IS NULL OR s.min_age <= ${f.age}) AND (s.max_age IS NULL OR s.max_age >= ${f.age})`);
  }
  for (const feature of f.accessibility ?? []) {
    conditions.push(sql`EXISTS (SELECT 1 FROM json_each(s.accessibility) WHERE value = ${feature})`);
  }

  const withText = textJoin.queryChunks.length ? sql`, text_matches AS MATERIALIZED (${textMatches(f.textMatch!)})` : sql``;
  return sql`WITH scope AS (${driver})${withText}
    SELECT s.id AS id, s.sort_name AS sortName, s.country AS country,
      s.verification_status AS verificationStatus, s.last_verified_at AS lastVerifiedAt,
      s.next_verification_due AS nextVerificationDue,
      EXISTS (SELECT 1 FROM service_type_assignments a JOIN service_types t ON t.id = a.service_type_id
        WHERE a.service_id = s.id AND t.is_priority_channel = 1) AS isPriority,
      ${score} AS textScore
    FROM scope CROSS JOIN services s ON s.id = scope.service_id ${textJoin}
    WHERE ${sql.join(conditions, sql` AND `)}`;
}

export function findCandidates(db: DrizzleD1Database<any>, filters: CandidateFilters): Promise<Candidate[]> {
  return db.all<Candidate>(candidateQuery(filters));
}
