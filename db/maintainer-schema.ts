/**
 * The maintainers' tables: accounts, sessions, invitations, API tokens, sign-in
 * throttling, the append-only change log, verification records, test calls, translation status
 * and editors' pending changes.
 *
 * Nothing here is about survivors (principle 1). Secrets are never stored as given: session,
 * invitation and API tokens only as SHA-256 hashes, passwords as PBKDF2 hashes, and the sources
 * of failed sign-ins only as keyed hashes that expire within hours.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  API_TOKEN_ACCESS,
  CHANGE_OPS,
  FEMALE_STAFF_OFFERED,
  REPORT_OUTCOMES,
  ROLES,
  SESSION_STAGES,
  TRANSLATION_STATUSES,
  VERIFICATION_METHODS,
  VERIFICATION_RESULTS,
} from '../api/domain/vocabulary.ts';
import { pathways, services } from './schema.ts';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const stringList = (name: string) => text(name, { mode: 'json' }).$type<string[]>();

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Lower-cased. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** Coordinators (required) and caseworkers (optional): the areas they work in, by P-code. */
    areaPcodes: stringList('area_pcodes')
      .notNull()
      .default(sql`'[]'`),
    /** Editors: the organisation whose listings they edit. */
    organisationId: text('organisation_id'),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; null until the person sets one. */
    passwordHash: text('password_hash'),
    /** RFC 6238 secret (base32) once enrolment is confirmed; a pending one until then. */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    /** The last TOTP time step accepted, so a code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    disabledAt: text('disabled_at'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** 'full', or 'enrol_totp' for an admin/coordinator who still has to set up a second factor. */
    stage: text('stage', { enum: SESSION_STAGES }).notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    /** Absolute end, whatever the activity. */
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const invitations = sqliteTable('invitations', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  email: text('email').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  areaPcodes: stringList('area_pcodes')
    .notNull()
    .default(sql`'[]'`),
  organisationId: text('organisation_id'),
  invitedBy: text('invited_by').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  acceptedAt: text('accepted_at'),
  acceptedUserId: text('accepted_user_id'),
});

export const apiTokens = sqliteTable('api_tokens', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  areaPcodes: stringList('area_pcodes')
    .notNull()
    .default(sql`'[]'`),
  organisationId: text('organisation_id'),
  access: text('access', { enum: API_TOKEN_ACCESS }).notNull().default('read'),
  /** The person (an admin) who made it: the token works only while they are an active admin. */
  createdBy: text('created_by').notNull(),
  createdAt: text('created_at').notNull(),
  /** Every token ends: set at creation, at most a year ahead (a token without one is refused). */
  expiresAt: text('expires_at'),
  /** Written at most once a minute, not on every request. */
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at'),
});

/**
 * Restricted reads (full listings, locations) per principal and time window, to slow down bulk
 * copying of practitioner-only data and confidential addresses. `key` is "<window>:<principal
 * kind>:<id>:<window start>"; rows are deleted once `expiresAt` has passed.
 */
export const restrictedReads = sqliteTable('restricted_reads', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/**
 * Failed sign-ins per account, per source, and per account from one source. `key` is a keyed
 * hash (HMAC-SHA-256 with a server secret) of "account:<email>", "source:<address>" or both: no
 * raw address is ever stored, and rows are deleted once `expiresAt` has passed.
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: text('locked_until'),
  expiresAt: text('expires_at').notNull(),
});

/** A random server key for the throttle hashes when no AUTH_SECRET is configured; rotated daily. */
export const authKeys = sqliteTable('auth_keys', {
  id: text('id').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: text('created_at').notNull(),
});

/**
 * M3: one row per changed field, append-only (a trigger refuses UPDATE and DELETE). `field` is a
 * column name, a column plus language for one translation ("names.ckb"), or "*" for a whole
 * record created (old null) or deleted (new null). Values are JSON.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** Null for the scheduled job. */
    userId: text('user_id'),
    actor: text('actor').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** The listing the change belongs to (null for organisations), for per-listing history. */
    serviceId: text('service_id'),
    /** The referral pathway the change belongs to (its steps' changes too), for per-pathway history. */
    pathwayId: text('pathway_id'),
    field: text('field').notNull(),
    /** The value before and after, stored as JSON text (null: none, e.g. a record created). */
    oldValue: text('old_value', { mode: 'json' }).$type<unknown>(),
    newValue: text('new_value', { mode: 'json' }).$type<unknown>(),
    reason: text('reason'),
    revertsChangeId: integer('reverts_change_id'),
  },
  (t) => [
    index('change_log_service_idx').on(t.serviceId, t.id),
    index('change_log_pathway_idx').on(t.pathwayId, t.id),
    index('change_log_entity_idx').on(t.entity, t.entityId, t.id),
  ],
);

/** M1: how a listing or one of its contact routes was verified. */
export const verifications = sqliteTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    /** Null when the record is for the listing as a whole. */
    contactRouteId: text('contact_route_id'),
    method: text('method', { enum: VERIFICATION_METHODS }).notNull(),
    result: text('result', { enum: VERIFICATION_RESULTS }).notNull(),
    note: text('note'),
    verifiedBy: text('verified_by').notNull(),
    verifiedAt: text('verified_at').notNull(),
    nextDue: text('next_due'),
  },
  (t) => [
    index('verifications_service_idx').on(t.serviceId, t.verifiedAt),
    index('verifications_route_idx').on(t.contactRouteId, t.verifiedAt),
  ],
);

/**
 * How a referral pathway was checked with the bodies it names: a pathway becomes "verified" only
 * through one of these, and its next check falls due after the cycle of its steps' services.
 */
export const pathwayVerifications = sqliteTable(
  'pathway_verifications',
  {
    id: text('id').primaryKey(),
    pathwayId: text('pathway_id')
      .notNull()
      .references(() => pathways.id),
    method: text('method', { enum: VERIFICATION_METHODS }).notNull(),
    note: text('note'),
    verifiedBy: text('verified_by').notNull(),
    verifiedAt: text('verified_at').notNull(),
    nextDue: text('next_due'),
  },
  (t) => [index('pathway_verifications_pathway_idx').on(t.pathwayId, t.verifiedAt)],
);

/** M2: test calls to phone routes. */
export const testCalls = sqliteTable(
  'test_calls',
  {
    id: text('id').primaryKey(),
    /** No foreign key: the log outlives a deleted route. */
    contactRouteId: text('contact_route_id').notNull(),
    serviceId: text('service_id').notNull(),
    calledAt: text('called_at').notNull(),
    answered: integer('answered', { mode: 'boolean' }).notNull(),
    /** Language the call was answered in / offered, as a code ("ar", "ckb"); null if not answered. */
    languageOffered: text('language_offered'),
    femaleStaffOffered: text('female_staff_offered', { enum: FEMALE_STAFF_OFFERED }).notNull().default('not_asked'),
    note: text('note'),
    calledBy: text('called_by').notNull(),
  },
  (t) => [index('test_calls_route_idx').on(t.contactRouteId, t.calledAt)],
);

/** M8: the status of each translation of each localised field. Absent row = 'missing' or 'machine' per text. */
export const translationStatus = sqliteTable(
  'translation_status',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    language: text('language').notNull(),
    status: text('status', { enum: TRANSLATION_STATUSES }).notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId, t.field, t.language] })],
);

/**
 * Editors' changes to a published listing wait here until a coordinator publishes them: one row
 * per operation (update of fields, create or delete of a record), applied in order.
 */
export const pendingChanges = sqliteTable(
  'pending_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serviceId: text('service_id').notNull(),
    op: text('op', { enum: CHANGE_OPS }).notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** JSON object of field → new value (update, create). */
    fields: text('fields', { mode: 'json' })
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'`),
    basedOnVersion: integer('based_on_version'),
    reason: text('reason'),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: text('proposed_at').notNull(),
  },
  (t) => [index('pending_service_idx').on(t.serviceId, t.id)],
);

/**
 * A guard for D1 batches: inserting a row with ok = 0 aborts the whole batch (a trigger RAISEs),
 * any other row is dropped. "INSERT INTO write_guards (ok) SELECT count(*) FROM t WHERE id = ? AND
 * version = ?" makes a batch all-or-nothing on an optimistic version check (M4).
 */
export const writeGuards = sqliteTable('write_guards', {
  ok: integer('ok').notNull(),
});

/**
 * C8: how a problem report (db/schema.ts `problemReports`) was dealt with. A report without a
 * row here is open. Resolving is also written to the change log.
 */
export const problemReportResolutions = sqliteTable('problem_report_resolutions', {
  reportId: text('report_id').primaryKey(),
  outcome: text('outcome', { enum: REPORT_OUTCOMES }).notNull(),
  note: text('note'),
  resolvedBy: text('resolved_by').notNull(),
  resolvedAt: text('resolved_at').notNull(),
});

/**
 * An import committed in several requests: its planned writes are staged here first (no public
 * read looks at these tables), then one D1 batch applies them all or none. A run belongs to the
 * person (or API token) who planned it and expires an hour after staging; the hourly job deletes
 * expired runs and their rows.
 */
export const importRuns = sqliteTable(
  'import_runs',
  {
    id: text('id').primaryKey(),
    /** The user's id, or the API token's id, that planned it: only they may commit or discard it. */
    principalId: text('principal_id').notNull(),
    planHash: text('plan_hash').notNull(),
    fileName: text('file_name').notNull(),
    counts: text('counts', { mode: 'json' })
      .$type<{ new: number; changed: number; unchanged: number; rejected: number }>()
      .notNull(),
    /** The last change-log id when it was planned: a later change the plan depends on makes it stale (staging.ts). */
    changeMark: integer('change_mark').notNull(),
    stagedRows: integer('staged_rows').notNull(),
    /** False while its rows are being written: only a completely staged run commits. */
    ready: integer('ready', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('import_runs_expires_idx').on(t.expiresAt)],
);

/**
 * One planned write of a staged import: `kind` says what the commit does with it ("insert:services",
 * "update:contact_routes", "delete:service_areas:service_id", "expect:services", …), `row` holds
 * its values as JSON (an array in the table's column order for inserts, an object for updates).
 */
export const importStagedRows = sqliteTable(
  'import_staged_rows',
  {
    runId: text('run_id').notNull(),
    kind: text('kind').notNull(),
    seq: integer('seq').notNull(),
    key: text('key'),
    row: text('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.kind, t.seq] })],
);
