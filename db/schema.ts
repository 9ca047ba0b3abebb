/**
 * The directory's tables: the source of truth for drizzle-kit migrations.
 *
 * Modelled on Open Referral HSDS 3 (organization, service, location, service_at_location,
 * service_area, contact/phone, schedule) so that the HSDS export is a mapping, not a rewrite,
 * plus what GBV referral needs: practitioner-only referral details (C3), confidential locations
 * (C9), contact routes with their own visibility and hours, dated closures (M5), verification (M1)
 * and source (M6) on every listing.
 *
 * Nothing about survivors is stored anywhere (principle 1, C4).
 *
 * Conventions: timestamps are ISO 8601 UTC text (sortable, readable in seed SQL); dates are
 * YYYY-MM-DD; user-visible text is a JSON object keyed by language (`LocalizedText`).
 */
import { sql } from 'drizzle-orm';
import type { RankReach } from '../api/domain/listing-index.ts';
import type { ServiceDocument, ServicePoint } from '../api/queries/service-documents.ts';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type SQLiteColumn,
} from 'drizzle-orm/sqlite-core';

import {
  CONTACT_ROUTE_KINDS,
  COST_KINDS,
  COUNTRIES,
  ELIGIBLE_GENDERS,
  FEMALE_STAFF,
  PATHWAY_STATUSES,
  PROBLEM_KINDS,
  ROLES,
  SERVICE_STATUSES,
  STEP_KINDS,
  type StepChoice,
  VERIFICATION_METHODS,
  VERIFICATION_STATUSES,
  VISIBILITIES,
  YES_NO_UNKNOWN,
  type LocalizedText,
} from '../api/domain/vocabulary.ts';

// Generic in the name so each column keeps its literal name in its type (admin records are typed by column name).
const localized = <N extends string>(name: N) => text(name, { mode: 'json' }).$type<LocalizedText>();
const stringList = <N extends string>(name: N) => text(name, { mode: 'json' }).$type<string[]>();
const timestamps = {
  createdAt: text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  /** Incremented on every write; the basis of optimistic concurrency (M4). */
  version: integer('version').notNull().default(1),
};
/** M1: every listing and every contact route says when, how and by whom it was last verified. */
const verification = {
  verificationStatus: text('verification_status', { enum: VERIFICATION_STATUSES }).notNull().default('unverified'),
  lastVerifiedAt: text('last_verified_at'),
  lastVerifiedBy: text('last_verified_by'),
  verificationMethod: text('verification_method', { enum: VERIFICATION_METHODS }),
  verificationNote: text('verification_note'),
  nextVerificationDue: text('next_verification_due'),
};

/** What the scheduled job reads each hour: the verified rows whose next verification date has passed. */
const verificationDueIndex = (
  name: string,
  t: { verificationStatus: SQLiteColumn; nextVerificationDue: SQLiteColumn },
) => index(name).on(t.verificationStatus, t.nextVerificationDue);

/**
 * Administrative areas (OCHA P-codes), countries included as level 0 so that a national service
 * can cover "IQ". `path` is the precomputed ancestry ("/IQ/IQG15/IQG15Q01/"): the ancestors of an
 * area are the prefixes of its path, its descendants the paths that start with it.
 */
export const areas = sqliteTable(
  'areas',
  {
    pcode: text('pcode').primaryKey(),
    country: text('country', { enum: COUNTRIES }).notNull(),
    level: integer('level').notNull(),
    parentPcode: text('parent_pcode'),
    path: text('path').notNull(),
    names: localized('names').notNull(),
    /** Other spellings people type: transliterations, exonyms (C10). */
    aliases: stringList('aliases')
      .notNull()
      .default(sql`'[]'`),
    timeZone: text('time_zone').notNull(),
    centroidLon: real('centroid_lon').notNull(),
    centroidLat: real('centroid_lat').notNull(),
    minLon: real('min_lon').notNull(),
    minLat: real('min_lat').notNull(),
    maxLon: real('max_lon').notNull(),
    maxLat: real('max_lat').notNull(),
  },
  (t) => [
    index('areas_parent_idx').on(t.parentPcode, t.pcode),
    uniqueIndex('areas_path_idx').on(t.path),
    // A country's areas of one level (`/areas?country=IQ&level=2`) without reading the other country's.
    index('areas_country_level_idx').on(t.country, t.level, t.pcode),
  ],
);

/** Boundary geometry apart from the area row, so listing areas never reads megabytes of polygons. */
export const areaBoundaries = sqliteTable('area_boundaries', {
  pcode: text('pcode')
    .primaryKey()
    .references(() => areas.pcode),
  /** GeoJSON geometry (Polygon or MultiPolygon), WGS84. */
  geometry: text('geometry').notNull(),
});

/** The service taxonomy (HSDS taxonomy_term). */
export const serviceTypes = sqliteTable('service_types', {
  id: text('id').primaryKey(),
  parentId: text('parent_id'),
  names: localized('names').notNull(),
  descriptions: localized('descriptions')
    .notNull()
    .default(sql`'{}'`),
  sortOrder: integer('sort_order').notNull().default(0),
  /** M1: how often listings of this type must be re-verified (hotlines 30, others 90). */
  verificationCycleDays: integer('verification_cycle_days').notNull().default(90),
  /** S12: hotlines and official reporting channels are shown first. */
  isPriorityChannel: integer('is_priority_channel', { mode: 'boolean' }).notNull().default(false),
});

export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  names: localized('names').notNull(),
  descriptions: localized('descriptions')
    .notNull()
    .default(sql`'{}'`),
  website: text('website'),
  /** Sample data is always marked as such, everywhere it is shown. */
  isSample: integer('is_sample', { mode: 'boolean' }).notNull().default(false),
  ...timestamps,
});

export const services = sqliteTable(
  'services',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status', { enum: SERVICE_STATUSES }).notNull().default('draft'),
    names: localized('names').notNull(),
    descriptions: localized('descriptions')
      .notNull()
      .default(sql`'{}'`),
    /** "What happens when you contact": family contact, reconciliation offers, reporting duties. */
    afterContact: localized('after_contact')
      .notNull()
      .default(sql`'{}'`),
    costKind: text('cost_kind', { enum: COST_KINDS }).notNull().default('unknown'),
    costNote: localized('cost_note')
      .notNull()
      .default(sql`'{}'`),
    femaleStaff: text('female_staff', { enum: FEMALE_STAFF }).notNull().default('unknown'),
    anonymousReporting: text('anonymous_reporting', { enum: YES_NO_UNKNOWN }).notNull().default('unknown'),
    /** Someone from the service can go with the person (to report, to a hearing). Unknown is not no. */
    accompaniment: text('accompaniment', { enum: YES_NO_UNKNOWN }).notNull().default('unknown'),
    /** The service can host the meeting with the authority at a safe place of its own, not at the authority. */
    safePlaceMeeting: text('safe_place_meeting', { enum: YES_NO_UNKNOWN }).notNull().default('unknown'),
    /** The service can pass a report on without the person's identity. */
    passesOnWithoutIdentity: text('passes_on_without_identity', { enum: YES_NO_UNKNOWN }).notNull().default('unknown'),
    confidentialityNote: localized('confidentiality_note')
      .notNull()
      .default(sql`'{}'`),
    eligibleGender: text('eligible_gender', { enum: ELIGIBLE_GENDERS }).notNull().default('unknown'),
    minAge: integer('min_age'),
    maxAge: integer('max_age'),
    eligibilityNote: localized('eligibility_note')
      .notNull()
      .default(sql`'{}'`),
    accessibility: stringList('accessibility')
      .notNull()
      .default(sql`'[]'`),
    accessibilityNote: localized('accessibility_note')
      .notNull()
      .default(sql`'{}'`),
    /** Languages the service is offered in (codes from LANGUAGES plus others such as 'tr', 'syr'). */
    languages: stringList('languages')
      .notNull()
      .default(sql`'[]'`),
    /** Country the service belongs to; lets country-wide listings use an index. */
    country: text('country', { enum: COUNTRIES }).notNull(),
    /** Lower-cased, normalised display name: the key of the name sort. */
    sortName: text('sort_name').notNull(),
    /** M6: where the listing came from. */
    sourceDescription: text('source_description'),
    sourceUrl: text('source_url'),
    sourceDate: text('source_date'),
    /**
     * Bulk import: the row's id in the sheet it came from (a 4W sheet's activity id, an HSDS
     * service id), so importing the same sheet again updates this listing instead of adding one.
     */
    externalId: text('external_id'),
    /** Bulk import: the file and date the listing was last imported from ("ninewa-4w.xlsx, 2025-03-02"). */
    importSource: text('import_source'),
    ...verification,
    ...timestamps,
  },
  (t) => [
    index('services_org_idx').on(t.organisationId),
    // Partial: most listings have no external id, and SQLite's statistics count every null as one
    // key, which makes a full index look useless to the planner (README, Deploy: PRAGMA optimize).
    index('services_external_id_idx')
      .on(t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
    verificationDueIndex('services_verification_due_idx', t),
    // An organisation's published services in name order (HSDS organization_id, an organization's services).
    index('services_org_name_idx').on(t.organisationId, t.status, t.sortName, t.id),
    index('services_country_status_name_idx').on(t.country, t.status, t.sortName, t.id),
    index('services_status_name_idx').on(t.status, t.sortName, t.id),
  ],
);

/**
 * C3: practitioner-only referral details live in their own table, so a public query cannot
 * select them by accident: only the restricted read path joins this table.
 */
export const serviceReferralDetails = sqliteTable('service_referral_details', {
  serviceId: text('service_id')
    .primaryKey()
    .references(() => services.id),
  focalPoint: localized('focal_point')
    .notNull()
    .default(sql`'{}'`),
  intakeRoute: localized('intake_route')
    .notNull()
    .default(sql`'{}'`),
  requiredDocuments: localized('required_documents')
    .notNull()
    .default(sql`'{}'`),
  expectedResponseTime: localized('expected_response_time')
    .notNull()
    .default(sql`'{}'`),
});

export const serviceTypeAssignments = sqliteTable(
  'service_type_assignments',
  {
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    serviceTypeId: text('service_type_id')
      .notNull()
      .references(() => serviceTypes.id),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.serviceTypeId] }),
    index('sta_type_idx').on(t.serviceTypeId, t.serviceId),
  ],
);

export const locations = sqliteTable(
  'locations',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    names: localized('names')
      .notNull()
      .default(sql`'{}'`),
    address: localized('address')
      .notNull()
      .default(sql`'{}'`),
    areaPcode: text('area_pcode')
      .notNull()
      .references(() => areas.pcode),
    lon: real('lon'),
    lat: real('lat'),
    /** C9: shelters and other confidential sites: no address or coordinates in public responses. */
    isConfidential: integer('is_confidential', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [index('locations_area_idx').on(t.areaPcode), index('locations_lat_lon_idx').on(t.lat, t.lon)],
);

export const serviceAtLocations = sqliteTable(
  'service_at_locations',
  {
    id: text('id').primaryKey(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    /** Weekly hours in OpenStreetMap opening_hours syntax ("Su-Th 08:00-14:00"); null = unknown. */
    openingHours: text('opening_hours'),
    hoursNote: localized('hours_note')
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [index('sal_service_idx').on(t.serviceId), index('sal_location_idx').on(t.locationId)],
);

/** HSDS service_area: the areas a service covers without being located there (hotlines, outreach). */
export const serviceAreas = sqliteTable(
  'service_areas',
  {
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    areaPcode: text('area_pcode')
      .notNull()
      .references(() => areas.pcode),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.areaPcode] })],
);

/**
 * Derived: every area a service is relevant to, by service area or by location, with the area's
 * path. "Services for area A" is then one index range (A and its descendants) plus a short IN list
 * (A's ancestors), so the rows read follow the size of A's listing, not of the directory.
 * Rebuilt by `refreshServiceCoverage` whenever service areas or locations change.
 */
export const serviceCoverage = sqliteTable(
  'service_coverage',
  {
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    areaPath: text('area_path').notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaPath, t.serviceId] }), index('coverage_service_idx').on(t.serviceId)],
);

/**
 * Derived: the geohash cell of every site that may place a published service on the map (never a
 * confidential one), so "near a point" and "in a box" read the sites of a few cells instead of
 * every site. `cell` is the geohash's 52 interleaved bits as an integer (api/domain/geohash.ts): a
 * coarser cell is one range of it. The covering index holds what a search reads, so it never
 * touches the table. Written only from api/domain/listing-index.ts `deriveListing`, like the rows above.
 */
export const siteCells = sqliteTable(
  'site_cells',
  {
    cell: integer('cell').notNull(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
  },
  (t) => [
    index('site_cells_cell_idx').on(t.cell, t.lat, t.lon, t.serviceId),
    index('site_cells_service_idx').on(t.serviceId, t.lat, t.lon),
  ],
);

/**
 * Derived by triggers on site_cells: the public sites of published services counted per coarse
 * geohash cell, at three levels (`level` 20: the cell's first 20 bits, about 39 by 20 km at the
 * equator; 25: about 4.9 by 4.9 km; 30: about 1.2 by 0.6 km), so a map of a country, a governorate,
 * a district or a town draws counts read from the cells in view, however many services they hold.
 * `services` counts each service once per cell (a service with two sites in one cell is one service
 * there); `latSum` and `lonSum` over `sites` place the count where the sites are. Confidential sites
 * have no site_cells row, so none is counted.
 */
export const siteCellCounts = sqliteTable(
  'site_cell_counts',
  {
    level: integer('level').notNull(),
    cell: integer('cell').notNull(),
    services: integer('services').notNull(),
    sites: integer('sites').notNull(),
    latSum: real('lat_sum').notNull(),
    lonSum: real('lon_sum').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.cell] })],
);

/**
 * Derived by triggers on services (migration 0025): the published services in blocks of the HSDS
 * order (sort name, then id). Each row starts a block at its key (the first row's key is '' and '',
 * before every service) and counts the published services up to the next block's key; `start` is
 * how many published services of its span come before it. A block that grows past twice the block
 * size splits in two, an emptied one is dropped. With the spans, a numbered page finds the block it
 * starts in by two index seeks, and skips at most a block of the name index, however deep it is.
 */
export const serviceOrderBlocks = sqliteTable(
  'service_order_blocks',
  {
    sortName: text('sort_name').notNull(),
    serviceId: text('service_id').notNull(),
    services: integer('services').notNull(),
    span: integer('span').notNull().default(1),
    start: integer('start').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.sortName, t.serviceId] }),
    index('service_order_blocks_span_start_idx').on(t.span, t.start),
  ],
);

/**
 * Derived by the same triggers: runs of consecutive blocks of the HSDS order. Each span starts at
 * its key, holds `blocks` blocks and `services` published services, and `start` is how many
 * published services come before it in the whole order. A span past twice the span size splits in
 * two, an emptied one is dropped, so an edit moves the starts of at most a span's blocks and of the
 * spans after it.
 */
export const serviceOrderSpans = sqliteTable(
  'service_order_spans',
  {
    id: integer('id').primaryKey(),
    sortName: text('sort_name').notNull(),
    serviceId: text('service_id').notNull(),
    start: integer('start').notNull(),
    services: integer('services').notNull(),
    blocks: integer('blocks').notNull(),
  },
  (t) => [
    uniqueIndex('service_order_spans_key_idx').on(t.sortName, t.serviceId),
    index('service_order_spans_start_idx').on(t.start),
  ],
);

/**
 * Derived by triggers (migration 0027): each published service once under each of its own service
 * types, keyed in the HSDS order (sort name, id), so the pages of one type read its members in order
 * and nothing else. The triggers on services and service_type_assignments add and remove these rows;
 * the triggers on this table keep the type's blocks and spans below.
 */
export const serviceTypeMembers = sqliteTable(
  'service_type_members',
  {
    typeId: text('type_id').notNull(),
    sortName: text('sort_name').notNull(),
    serviceId: text('service_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.typeId, t.sortName, t.serviceId] }),
    index('service_type_members_service_idx').on(t.serviceId, t.typeId),
  ],
);

/** service_order_blocks for one service type's members: `start` counts the members of its span before it. */
export const serviceTypeOrderBlocks = sqliteTable(
  'service_type_order_blocks',
  {
    typeId: text('type_id').notNull(),
    sortName: text('sort_name').notNull(),
    serviceId: text('service_id').notNull(),
    services: integer('services').notNull(),
    span: integer('span').notNull(),
    start: integer('start').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.typeId, t.sortName, t.serviceId] }),
    index('service_type_order_blocks_span_start_idx').on(t.span, t.start),
  ],
);

/** service_order_spans for one service type's blocks: `start` counts the type's members before it. */
export const serviceTypeOrderSpans = sqliteTable(
  'service_type_order_spans',
  {
    id: integer('id').primaryKey(),
    typeId: text('type_id').notNull(),
    sortName: text('sort_name').notNull(),
    serviceId: text('service_id').notNull(),
    start: integer('start').notNull(),
    services: integer('services').notNull(),
    blocks: integer('blocks').notNull(),
  },
  (t) => [
    uniqueIndex('service_type_order_spans_key_idx').on(t.typeId, t.sortName, t.serviceId),
    index('service_type_order_spans_start_idx').on(t.typeId, t.start),
  ],
);

/**
 * Derived: where a published listing stands in the listings of each area it appears in, so an area
 * listing walks one index in its own order and reads the page it returns, not the whole area.
 * For every path a service covers there is an `at` row; for that path and each of its ancestors an
 * `in` row ("covers something inside"). The listing of area X is then X's `in` rows merged with the
 * `at` rows of X's ancestors, each one range of the primary key in rank order.
 * `rankKey` is the listing order (api/domain/listing-index.ts `rankKey`); its freshness part holds
 * from `rankedAt` until `rankUntil` (null: for good); a reader at a moment outside ranks the row
 * itself, and the scheduled job rewrites rows whose moment has passed.
 * `counted` is 0 on a row another row of the same service already lists in every
 * area this one does, so `listing_counts` (kept by triggers) counts each service once.
 * A `country` row at the country's root path ("/IQ/") for every published service of that country
 * (by the service's own country, whatever it covers, so a listing with no area walks them), and a
 * `type:<id>` row there for each of its service types and each of their parents (a listing of a
 * type, asked with its sub-types, walks those), and a `placed:<id>` row for each of those types
 * when the service has a public site (its count tells nearest first whether any can be placed).
 * `counted` is 1 on both kinds.
 * Each `at` and `in` row comes again as `at:<type id>` and `in:<type id>` for each of the service's
 * types and each of their parents (same keys, same `counted`), so a listing of a type and its
 * sub-types in an area walks that type's rows the same way, reading its page and not the area's
 * other services.
 * `nameKey` and `verifiedKey` are the name and freshness orders (api/domain/listing-index.ts), which
 * never change with time: a listing in those orders walks their indexes without ranking anything.
 * Written only by the writers of service_coverage, from the same derivation.
 */
export type { RankReach };

export const listingRanks = sqliteTable(
  'listing_ranks',
  {
    areaPath: text('area_path').notNull(),
    reach: text('reach').$type<RankReach>().notNull(),
    rankKey: text('rank_key').notNull(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    /** The moment the key was ranked at: a reader at an earlier moment ranks the row itself. */
    rankedAt: text('ranked_at').notNull(),
    rankUntil: text('rank_until'),
    counted: integer('counted', { mode: 'boolean' }).notNull(),
    nameKey: text('name_key').notNull().default(''),
    verifiedKey: text('verified_key').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.areaPath, t.reach, t.rankKey] }),
    index('listing_ranks_name_idx').on(t.areaPath, t.reach, t.nameKey, t.serviceId),
    index('listing_ranks_verified_idx').on(t.areaPath, t.reach, t.verifiedKey, t.serviceId),
    index('listing_ranks_until_idx').on(t.areaPath, t.reach, t.rankUntil),
    index('listing_ranks_since_idx').on(t.areaPath, t.reach, t.rankedAt),
    index('listing_ranks_due_idx').on(t.rankUntil),
    index('listing_ranks_service_idx').on(t.serviceId),
  ],
);

/** Derived by triggers on listing_ranks: how many published services each area's rows count. */
export const listingCounts = sqliteTable(
  'listing_counts',
  {
    areaPath: text('area_path').notNull(),
    reach: text('reach').$type<RankReach>().notNull(),
    services: integer('services').notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaPath, t.reach] })],
);

/**
 * Derived: the hours of the week (0 = Sunday 00:00–01:00 … 167, the service's wall time) in which any
 * public contact route or place of a published service may be open by its weekly rules
 * (api/domain/weekly-rule.ts `openHourBuckets`). "Open now" on an area listing probes it for the
 * hour of the moment, so closed services are left out without reading their routes; the exact state,
 * with closures, is then worked out for the few that remain. A service whose hours are unknown has no
 * row (unknown is never "open now"). One row per service: `week` is 168 characters, "1" for an hour it
 * may be open in (`openWeek`), so the probe is one primary-key read. `derived` is false on rows a
 * migration filled with every hour, for the scheduled job to derive again. Written only by the
 * writers of listing_ranks, from the same derivation.
 */
export const serviceOpenHours = sqliteTable(
  'service_open_hours',
  {
    serviceId: text('service_id')
      .primaryKey()
      .references(() => services.id),
    week: text('week').notNull(),
    derived: integer('derived', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    index('service_open_hours_pending_idx')
      .on(t.serviceId)
      .where(sql`${t.derived} = 0`),
  ],
);

/**
 * Derived: each published service's search words (the same `body` and `skeletons` as its row of the
 * full-text table service_search, db/search-schema.ts), by service id. FTS5 finds a row fast only by
 * its own rowid, so a listing walk over a common word reads the words of each walked service here,
 * one primary-key read, instead of reading every match (api/queries/area-walk.ts). Writers write
 * only this table, from the one derivation (api/domain/listing-index.ts); triggers (migration 0023)
 * write the same words to service_search, at the listing's own rowid (service_search_keys).
 */
export const serviceSearchWords = sqliteTable('service_search_words', {
  serviceId: text('service_id').primaryKey(),
  body: text('body').notNull(),
  skeletons: text('skeletons').notNull(),
});

/**
 * The place of each service that was ever published in the full-text index's order: its row of
 * service_search has this rowid, whenever it has one. FTS5 finds a row fast only by its rowid, so
 * the triggers that keep service_search equal to service_search_words (migration 0023) find a
 * listing's row here by service id, one index seek, instead of scanning the index. A key is given
 * once, the next after the last, the first time a listing gets its search words, and kept when it
 * is unpublished: published again, it comes back to the same place in the order a common word is
 * paged in (api/queries/match-walk.ts). It goes only with the service itself.
 */
export const serviceSearchKeys = sqliteTable('service_search_keys', {
  key: integer('key').primaryKey(),
  serviceId: text('service_id').notNull().unique(),
});

/**
 * Derived: everything public about one published service, exactly as the public read model
 * (api/queries/public-directory.ts) returns it, stored as one JSON document, so the details of a
 * page of services are one row each. Built only by api/queries/service-documents.ts; a database
 * trigger deletes a service's document whenever anything it holds changes (migration
 * 0017_service_documents.sql), and a reader that finds none reads the live tables for that service instead.
 * `builtAt`: the document holds the closures that had not ended at that moment.
 */
export const serviceDocuments = sqliteTable(
  'service_documents',
  {
    serviceId: text('service_id')
      .primaryKey()
      .references(() => services.id),
    body: text('body', { mode: 'json' }).$type<ServiceDocument>().notNull(),
    /**
     * The part of `body` a map point reads (api/queries/service-documents.ts `pointOf`): a few
     * hundred bytes of the document's few kB, for the map's walk, which reads up to 500 at once.
     * Null in a document stored before it was kept (migration 0032): such a body is read whole,
     * and the scheduled job stores it again.
     */
    point: text('point', { mode: 'json' }).$type<ServicePoint>(),
    builtAt: text('built_at').notNull(),
  },
  (t) => [
    // HSDS `modified_after`: the services changed since a moment, read from this index (with the
    // id, so a count of them never opens a document) instead of working out every service's
    // last change. Written as in api/queries/hsds.ts (`DOCUMENT_MODIFIED`): SQLite uses an
    // expression index only for the same expression.
    index('service_documents_modified_idx').on(sql`json_extract(body, '$.lastModified')`, t.serviceId),
    // The documents stored before their point was kept, for the scheduled job to store again: a
    // partial index holds only those, so finding them never reads the others.
    index('service_documents_without_point_idx')
      .on(t.serviceId)
      .where(sql`${t.point} IS NULL`),
  ],
);

/**
 * Derived: the published services without a stored document, exactly, kept by triggers on services
 * and service_documents (migration 0021_documents_due.sql), so the scheduled job reads the services
 * it has to store a document for, not the directory.
 */
export const serviceDocumentsDue = sqliteTable('service_documents_due', {
  serviceId: text('service_id').primaryKey(),
});

export const contactRoutes = sqliteTable(
  'contact_routes',
  {
    id: text('id').primaryKey(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    kind: text('kind', { enum: CONTACT_ROUTE_KINDS }).notNull(),
    /** Phone numbers in E.164 or a short code ("497"); email; URL; for walk-in, a location id. */
    value: text('value').notNull(),
    /** C3: practitioner-only routes never appear in public responses. */
    visibility: text('visibility', { enum: VISIBILITIES }).notNull().default('public'),
    labels: localized('labels')
      .notNull()
      .default(sql`'{}'`),
    languages: stringList('languages')
      .notNull()
      .default(sql`'[]'`),
    /** The route's own hours (OSM opening_hours syntax); null = unknown. */
    openingHours: text('opening_hours'),
    notes: localized('notes')
      .notNull()
      .default(sql`'{}'`),
    sortOrder: integer('sort_order').notNull().default(0),
    ...verification,
    ...timestamps,
  },
  (t) => [
    index('routes_service_idx').on(t.serviceId, t.sortOrder),
    verificationDueIndex('routes_verification_due_idx', t),
  ],
);

/**
 * M5: dated closures and alerts (Eid, heat days, elections, security). A closure overrides the
 * weekly hours between its start and end; an alert only informs. Both expire by themselves.
 * Exactly one of serviceId / contactRouteId is set; a service closure closes all its locations
 * and routes.
 */
export const closures = sqliteTable(
  'closures',
  {
    id: text('id').primaryKey(),
    serviceId: text('service_id').references(() => services.id),
    contactRouteId: text('contact_route_id').references(() => contactRoutes.id),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    closes: integer('closes', { mode: 'boolean' }).notNull().default(true),
    reason: localized('reason')
      .notNull()
      .default(sql`'{}'`),
    ...timestamps,
  },
  (t) => [
    // Partial: a closure has a service or a route, never both, so each column is mostly null, and
    // SQLite's statistics count the nulls as one key: a full index looks useless to the planner,
    // which then reads every closure per service (README, Deploy: PRAGMA optimize).
    index('closures_service_idx')
      .on(t.serviceId, t.endsAt)
      .where(sql`${t.serviceId} IS NOT NULL`),
    index('closures_route_idx')
      .on(t.contactRouteId, t.endsAt)
      .where(sql`${t.contactRouteId} IS NOT NULL`),
    // The scheduled job's closures past retention.
    index('closures_ends_idx').on(t.endsAt),
  ],
);

/**
 * C8: "report a problem" with a listing, from anyone, anonymously. Only what is wrong with the
 * listing is kept: no IP address, no user agent, no contact details of the person reporting.
 */
export const problemReports = sqliteTable(
  'problem_reports',
  {
    id: text('id').primaryKey(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    contactRouteId: text('contact_route_id').references(() => contactRoutes.id),
    kind: text('kind', { enum: PROBLEM_KINDS }).notNull(),
    /** Free text, at most 500 characters (checked by the API). */
    note: text('note'),
    /**
     * The role of a signed-in maintainer or caseworker who reported it from the console (who
     * they are is not kept here); null for a report from the public, which stays anonymous.
     */
    reporterRole: text('reporter_role', { enum: ROLES }),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index('problem_reports_service_idx').on(t.serviceId, t.createdAt)],
);

/**
 * "Receives cases from": the service `toServiceId` takes the cases that `fromServiceId` passes on
 * (an early-warning unit → the department that acts on its cases). Shown in both directions on a
 * service's public detail, only between published services.
 */
export const serviceReferralLinks = sqliteTable(
  'service_referral_links',
  {
    fromServiceId: text('from_service_id')
      .notNull()
      .references(() => services.id),
    toServiceId: text('to_service_id')
      .notNull()
      .references(() => services.id),
    note: localized('note')
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [
    primaryKey({ columns: [t.fromServiceId, t.toServiceId] }),
    index('referral_links_to_idx').on(t.toServiceId, t.fromServiceId),
  ],
);

/** What a person is facing (digital extortion, domestic violence…): the taxonomy pathways are for, as data. */
export const concerns = sqliteTable('concerns', {
  id: text('id').primaryKey(),
  names: localized('names').notNull(),
  descriptions: localized('descriptions')
    .notNull()
    .default(sql`'{}'`),
  sortOrder: integer('sort_order').notNull().default(0),
});

/**
 * A referral pathway: the ordered route through services for one concern in one area. It holds for
 * the area and everything inside it, unless a lower area has its own pathway for the same concern
 * (the nearest one wins, as api/queries/pathways.ts reads it). At most one published pathway per
 * area and concern.
 */
export const pathways = sqliteTable(
  'pathways',
  {
    id: text('id').primaryKey(),
    areaPcode: text('area_pcode')
      .notNull()
      .references(() => areas.pcode),
    concernId: text('concern_id')
      .notNull()
      .references(() => concerns.id),
    status: text('status', { enum: PATHWAY_STATUSES }).notNull().default('draft'),
    names: localized('names').notNull(),
    intro: localized('intro')
      .notNull()
      .default(sql`'{}'`),
    /** Sample data is always marked as such, everywhere it is shown. */
    isSample: integer('is_sample', { mode: 'boolean' }).notNull().default(false),
    sourceDescription: text('source_description'),
    sourceUrl: text('source_url'),
    sourceDate: text('source_date'),
    ...verification,
    ...timestamps,
  },
  (t) => [
    index('pathways_area_concern_idx').on(t.areaPcode, t.concernId, t.status),
    verificationDueIndex('pathways_verification_due_idx', t),
    uniqueIndex('pathways_one_published_idx')
      .on(t.areaPcode, t.concernId)
      .where(sql`${t.status} = 'published'`),
  ],
);

/** One of "your choices" at a step, with an optional note in the directory's languages. */
export interface StepChoiceEntry {
  code: StepChoice;
  note?: LocalizedText;
}

/** The steps of a pathway, in order; every text in plain words. */
export const pathwaySteps = sqliteTable(
  'pathway_steps',
  {
    id: text('id').primaryKey(),
    pathwayId: text('pathway_id')
      .notNull()
      .references(() => pathways.id),
    position: integer('position').notNull(),
    kind: text('kind', { enum: STEP_KINDS }).notNull(),
    title: localized('title')
      .notNull()
      .default(sql`'{}'`),
    whatHappens: localized('what_happens')
      .notNull()
      .default(sql`'{}'`),
    whatToBring: localized('what_to_bring')
      .notNull()
      .default(sql`'{}'`),
    choices: text('choices', { mode: 'json' })
      .$type<StepChoiceEntry[]>()
      .notNull()
      .default(sql`'[]'`),
    whatNext: localized('what_next')
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [uniqueIndex('pathway_steps_order_idx').on(t.pathwayId, t.position)],
);

/**
 * The services that serve a step: a service type (every published listing of that type covering
 * the area asked about, resolved when read) or one named service. Exactly one of the two is set.
 */
export const pathwayStepServices = sqliteTable(
  'pathway_step_services',
  {
    id: text('id').primaryKey(),
    stepId: text('step_id')
      .notNull()
      .references(() => pathwaySteps.id),
    serviceTypeId: text('service_type_id').references(() => serviceTypes.id),
    serviceId: text('service_id').references(() => services.id),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('pathway_step_services_step_idx').on(t.stepId, t.sortOrder),
    // The steps that name a service (HSDS service_full's pathway attributes).
    index('pathway_step_services_service_idx').on(t.serviceId),
    check('pathway_step_services_one_target', sql`(${t.serviceTypeId} IS NULL) <> (${t.serviceId} IS NULL)`),
  ],
);

/**
 * Practitioner-only details of a step (who to call to refer, how the case is taken in), in their
 * own table like service_referral_details, so no public query can select them by accident.
 */
export const pathwayStepReferralDetails = sqliteTable('pathway_step_referral_details', {
  stepId: text('step_id')
    .primaryKey()
    .references(() => pathwaySteps.id),
  focalPoint: localized('focal_point')
    .notNull()
    .default(sql`'{}'`),
  intakeRoute: localized('intake_route')
    .notNull()
    .default(sql`'{}'`),
});

/**
 * One row (id 1): the version of everything the public can read. Database triggers (migration
 * 0011) bump it in the same statement as any insert, update or delete of a public table, so every
 * write path (the maintainers' edits, verification, pathways, imports, the scheduled job, even SQL
 * typed by hand) makes the edge copies of public reads stale. `stamp` is random per bump: a
 * database restored to an older state (D1 Time Travel) never meets a copy made from another
 * state with the same number. `published_services` is kept exact by the same triggers, so the HSDS
 * page object's total needs no count of the whole index.
 */
export const directoryVersion = sqliteTable('directory_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
  stamp: text('stamp').notNull().default(''),
  publishedServices: integer('published_services').notNull().default(0),
  /** The sites of published services (HSDS service_at_locations' total), kept exact by triggers (migration 0022). */
  publishedSites: integer('published_sites').notNull().default(0),
});
