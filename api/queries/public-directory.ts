/**
 * The public read model of services: the only place public endpoints read service details from.
 *
 * C3 and C9 are enforced here, in SQL, so restricted data never even reaches the Worker's memory
 * on a public request: practitioner-only contact routes are never selected, the referral-details
 * table is never joined, and a confidential location's address and coordinates come back NULL.
 * Everything takes a list of ids as one JSON parameter, so a page costs a fixed number of queries
 * (no N+1) and stays under D1's limit on bound parameters; the id list drives each query (CROSS
 * JOIN keeps SQLite from walking a whole table instead).
 */
import { sql } from 'drizzle-orm';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type { COST_KINDS, Country, ELIGIBLE_GENDERS, FEMALE_STAFF, LocalizedText, YES_NO_UNKNOWN } from '../domain/vocabulary.ts';

type Db = DrizzleD1Database<any>;

export interface PublicServiceRow {
  id: string;
  organisationId: string;
  organisationNames: LocalizedText;
  organisationWebsite: string | null;
  isSample: number;
  country: Country;
  names: LocalizedText;
  descriptions: LocalizedText;
  afterContact: LocalizedText;
  costKind: (typeof COST_KINDS)[number];
  costNote: LocalizedText;
  femaleStaff: (typeof FEMALE_STAFF)[number];
  anonymousReporting: (typeof YES_NO_UNKNOWN)[number];
  confidentialityNote: LocalizedText;
  eligibleGender: (typeof ELIGIBLE_GENDERS)[number];
  minAge: number | null;
  maxAge: number | null;
  eligibilityNote: LocalizedText;
  accessibility: string[];
  accessibilityNote: LocalizedText;
  languages: string[];
  sourceDescription: string | null;
  sourceUrl: string | null;
  sourceDate: string | null;
  verificationStatus: string;
  lastVerifiedAt: string | null;
  lastVerifiedBy: string | null;
  verificationMethod: string | null;
  nextVerificationDue: string | null;
  updatedAt: string;
}

export interface PublicContactRouteRow {
  id: string;
  serviceId: string;
  kind: string;
  value: string;
  labels: LocalizedText;
  languages: string[];
  openingHours: string | null;
  notes: LocalizedText;
  verificationStatus: string;
  lastVerifiedAt: string | null;
  nextVerificationDue: string | null;
}

export interface PublicLocationRow {
  serviceAtLocationId: string;
  serviceId: string;
  openingHours: string | null;
  hoursNote: LocalizedText;
  locationId: string;
  names: LocalizedText;
  /** Empty for confidential locations. */
  address: LocalizedText;
  areaPcode: string;
  /** NULL for confidential locations. */
  lon: number | null;
  lat: number | null;
  isConfidential: number;
}

export interface ClosureRow {
  id: string;
  serviceId: string | null;
  contactRouteId: string | null;
  startsAt: string;
  endsAt: string;
  closes: number;
  reason: LocalizedText;
}

const ids = (list: readonly string[]) => JSON.stringify(list);

/**
 * The governorate (department) an area lies in, read from its path ("/IQ/IQG11/IQG11Q02/" →
 * IQG11): all a confidential site discloses about where it is (C9).
 */
export const GOVERNORATE_OF = (pcodeColumn: string) =>
  sql.raw(`(SELECT g.pcode FROM areas a JOIN areas g ON g.path = substr(a.path, 1, 1 + instr(substr(a.path, 2), '/')
    + instr(substr(a.path, 2 + instr(substr(a.path, 2), '/')), '/')) WHERE a.pcode = ${pcodeColumn})`);
const JSON_COLUMNS = new Set([
  'organisationNames', 'names', 'descriptions', 'afterContact', 'costNote', 'confidentialityNote', 'eligibilityNote',
  'accessibility', 'accessibilityNote', 'languages', 'labels', 'notes', 'hoursNote', 'address', 'reason',
]);

/** Raw SQL rows carry JSON columns as text; parse the ones this module selects. */
function parseJsonColumns<T>(rows: Record<string, unknown>[]): T[] {
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      const value = row[key];
      if (JSON_COLUMNS.has(key) && typeof value === 'string') row[key] = JSON.parse(value);
    }
  }
  return rows as T[];
}

export async function publicServices(db: Db, serviceIds: readonly string[]): Promise<PublicServiceRow[]> {
  if (!serviceIds.length) return [];
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT s.id AS id, s.organisation_id AS organisationId, o.names AS organisationNames, o.website AS organisationWebsite,
      o.is_sample AS isSample, s.country AS country, s.names AS names, s.descriptions AS descriptions,
      s.after_contact AS afterContact, s.cost_kind AS costKind, s.cost_note AS costNote, s.female_staff AS femaleStaff,
      s.anonymous_reporting AS anonymousReporting, s.confidentiality_note AS confidentialityNote,
      s.eligible_gender AS eligibleGender, s.min_age AS minAge, s.max_age AS maxAge, s.eligibility_note AS eligibilityNote,
      s.accessibility AS accessibility, s.accessibility_note AS accessibilityNote, s.languages AS languages,
      s.source_description AS sourceDescription, s.source_url AS sourceUrl, s.source_date AS sourceDate,
      s.verification_status AS verificationStatus, s.last_verified_at AS lastVerifiedAt, s.last_verified_by AS lastVerifiedBy,
      s.verification_method AS verificationMethod, s.next_verification_due AS nextVerificationDue, s.updated_at AS updatedAt
    FROM json_each(${ids(serviceIds)}) page CROSS JOIN services s ON s.id = page.value
    JOIN organisations o ON o.id = s.organisation_id
    WHERE s.status = 'published'`);
  return parseJsonColumns<PublicServiceRow>(rows);
}

export async function publicContactRoutes(db: Db, serviceIds: readonly string[]): Promise<PublicContactRouteRow[]> {
  if (!serviceIds.length) return [];
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT r.id, r.service_id AS serviceId, r.kind, r.value, r.labels, r.languages, r.opening_hours AS openingHours, r.notes,
      r.verification_status AS verificationStatus, r.last_verified_at AS lastVerifiedAt, r.next_verification_due AS nextVerificationDue
    FROM json_each(${ids(serviceIds)}) page CROSS JOIN contact_routes r ON r.service_id = page.value
    WHERE r.visibility = 'public'
    ORDER BY r.service_id, r.sort_order, r.id`);
  return parseJsonColumns<PublicContactRouteRow>(rows);
}

export async function publicLocations(db: Db, serviceIds: readonly string[]): Promise<PublicLocationRow[]> {
  if (!serviceIds.length) return [];
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT sal.id AS serviceAtLocationId, sal.service_id AS serviceId, sal.opening_hours AS openingHours,
      sal.hours_note AS hoursNote, l.id AS locationId, l.names AS names,
      CASE WHEN l.is_confidential THEN ${GOVERNORATE_OF('l.area_pcode')} ELSE l.area_pcode END AS areaPcode,
      l.is_confidential AS isConfidential,
      CASE WHEN l.is_confidential THEN '{}' ELSE l.address END AS address,
      CASE WHEN l.is_confidential THEN NULL ELSE l.lon END AS lon,
      CASE WHEN l.is_confidential THEN NULL ELSE l.lat END AS lat
    FROM json_each(${ids(serviceIds)}) page CROSS JOIN service_at_locations sal ON sal.service_id = page.value
    JOIN locations l ON l.id = sal.location_id
    ORDER BY sal.service_id, sal.id`);
  return parseJsonColumns<PublicLocationRow>(rows);
}

/** Closures and alerts of the services and of their public routes that have not ended by `from`. */
export async function currentClosures(db: Db, serviceIds: readonly string[], from: Date): Promise<ClosureRow[]> {
  if (!serviceIds.length) return [];
  const list = ids(serviceIds);
  const after = from.toISOString();
  // A closure belongs to a service or to one of its routes: two index lookups, no OR scan.
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT c.id AS id, c.service_id AS serviceId, c.contact_route_id AS contactRouteId, c.starts_at AS startsAt,
      c.ends_at AS endsAt, c.closes AS closes, c.reason AS reason
    FROM json_each(${list}) page CROSS JOIN closures c ON c.service_id = page.value
    WHERE c.ends_at > ${after}
    UNION ALL
    SELECT c.id, c.service_id, c.contact_route_id, c.starts_at, c.ends_at, c.closes, c.reason
    FROM json_each(${list}) page CROSS JOIN contact_routes r ON r.service_id = page.value
    CROSS JOIN closures c ON c.contact_route_id = r.id
    WHERE r.visibility = 'public' AND c.ends_at > ${after}
    ORDER BY startsAt, id`);
  return parseJsonColumns<ClosureRow>(rows);
}

export async function serviceTypeIds(db: Db, serviceIds: readonly string[]): Promise<Array<{ serviceId: string; typeId: string }>> {
  if (!serviceIds.length) return [];
  return db.all(sql`
    SELECT a.service_id AS serviceId, a.service_type_id AS typeId
    FROM json_each(${ids(serviceIds)}) page CROSS JOIN service_type_assignments a ON a.service_id = page.value
    JOIN service_types t ON t.id = a.service_type_id
    ORDER BY t.sort_order, t.id`);
}

export async function serviceAreaCodes(db: Db, serviceIds: readonly string[]): Promise<Array<{ serviceId: string; areaPcode: string }>> {
  if (!serviceIds.length) return [];
  return db.all(sql`
    SELECT sa.service_id AS serviceId, sa.area_pcode AS areaPcode
    FROM json_each(${ids(serviceIds)}) page CROSS JOIN service_areas sa ON sa.service_id = page.value
    ORDER BY sa.area_pcode`);
}
