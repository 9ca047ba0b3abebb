/**
 * The editable records of a listing: their table, their fields with validation, and how each
 * belongs to a service. Field names in the API are the column names, so the change log, the
 * history and the requests all speak of the same fields.
 */
import { z } from '@hono/zod-openapi';
import { getTableColumns, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  ACCESSIBILITY_FEATURES,
  CONTACT_ROUTE_KINDS,
  COST_KINDS,
  ELIGIBLE_GENDERS,
  FEMALE_STAFF,
  PCODE_PATTERN,
  STEP_KINDS,
  VISIBILITIES,
  YES_NO_UNKNOWN,
} from '../../domain/vocabulary.ts';
import { checkOpeningHours } from '../../domain/opening-hours.ts';
import {
  closures,
  contactRoutes,
  locations,
  organisations,
  pathways,
  pathwayStepReferralDetails,
  pathwaySteps,
  serviceAtLocations,
  serviceReferralDetails,
  services,
} from '../../../db/schema.ts';
import { Closure } from '../schemas/closures.ts';
import { ContactRoute } from '../schemas/contact-routes.ts';
import { Location } from '../schemas/locations.ts';
import { Organisation } from '../schemas/organisations.ts';
import { Pathway, PathwayStep, PathwayStepReferral, StepChoiceEntry } from '../schemas/pathways.ts';
import { Localized } from '../schemas/records.ts';
import { ServiceLocation } from '../schemas/service-locations.ts';
import { Referral, Service } from '../schemas/services.ts';

export { Localized };

export const ENTITIES = [
  'service',
  'referral',
  'contact_route',
  'closure',
  'service_location',
  'organisation',
  'location',
  'pathway',
  'pathway_step',
  'pathway_step_referral',
] as const;
export type EntityName = (typeof ENTITIES)[number];

const languageCodes = z
  .array(z.string().regex(/^[a-z]{2,3}$/, 'must be language codes such as ar, ckb, kmr, en, es, tr'))
  .max(20);
const shortText = z.string().trim().max(1000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const httpsUrl = z.url({ protocol: /^https?$/ }).max(500);

/** OSM opening_hours, validated by the same library that evaluates it (S8); stored normalised. */
export const OpeningHours = z
  .string()
  .max(500)
  .transform((value, ctx) => {
    const checked = checkOpeningHours(value);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: `is not valid opening_hours syntax: ${checked.message}` });
      return z.NEVER;
    }
    return checked.normalised;
  })
  .nullable();

export interface FieldSpec {
  schema: z.ZodType;
  /** Text per language (translations, M8). */
  localized?: boolean;
}

type ColumnsOf<T extends SQLiteTable> = T['_']['columns'];
/**
 * A table's row keyed by its column names, as the API names the fields, with the values the
 * schema decodes (JSON columns as objects, boolean columns as booleans).
 */
export type ApiRow<T extends SQLiteTable> = {
  [K in keyof ColumnsOf<T> & string as ColumnsOf<T>[K]['_']['name']]: InferSelectModel<T>[K];
};
type FieldName<T extends SQLiteTable> = keyof ApiRow<T> & string;

export interface EntitySpec<T extends SQLiteTable = SQLiteTable, R extends z.ZodObject = z.ZodObject> {
  name: EntityName;
  table: T;
  /** Primary key column. */
  key: SQLiteColumn;
  /** Has its own `version` column; otherwise its parent's (service or pathway) version guards it. */
  versioned: boolean;
  /** The editable fields, by column name (checked against the table by the type checker). */
  fields: Record<string, FieldSpec>;
  /** Fields required when creating. */
  required: FieldName<T>[];
  /** The record as the API gives it (api/admin/schemas): every column, plus the version. */
  record: R;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * An entity's spec. The type checker refuses it when a field is not a column of the table, or
 * when the record schema the API declares does not say exactly the table's columns (plus the
 * version), so the table, the editable fields and the response cannot drift apart.
 */
const entity = <T extends SQLiteTable, R extends z.ZodObject, F extends Record<string, FieldSpec>>(
  spec: EntitySpec<T, R> & { fields: F } & ([Exclude<keyof F, FieldName<T>>] extends [never]
      ? unknown
      : { fields_that_are_not_columns: Exclude<keyof F, FieldName<T>> }) &
    (Same<z.infer<R>, ApiRow<T> & { version: number }> extends true
      ? unknown
      : { record_does_not_match_the_table: never }),
) => spec as EntitySpec<T, R> & { fields: { [K in keyof F]: FieldSpec } };

const localized: FieldSpec = { schema: Localized, localized: true };

export const SPECS = {
  service: entity({
    name: 'service',
    table: services,
    key: services.id,
    record: Service,
    versioned: true,
    required: ['names'],
    fields: {
      names: localized,
      descriptions: localized,
      after_contact: localized,
      cost_kind: { schema: z.enum(COST_KINDS) },
      cost_note: localized,
      female_staff: { schema: z.enum(FEMALE_STAFF) },
      anonymous_reporting: { schema: z.enum(YES_NO_UNKNOWN) },
      accompaniment: { schema: z.enum(YES_NO_UNKNOWN) },
      safe_place_meeting: { schema: z.enum(YES_NO_UNKNOWN) },
      passes_on_without_identity: { schema: z.enum(YES_NO_UNKNOWN) },
      confidentiality_note: localized,
      eligible_gender: { schema: z.enum(ELIGIBLE_GENDERS) },
      min_age: { schema: z.number().int().min(0).max(120).nullable() },
      max_age: { schema: z.number().int().min(0).max(120).nullable() },
      eligibility_note: localized,
      accessibility: { schema: z.array(z.enum(ACCESSIBILITY_FEATURES)).max(10) },
      accessibility_note: localized,
      languages: { schema: languageCodes },
      // The public reference (M6): shown to the public as the site of source_url and source_date
      // in the reader's language; the description, given to API clients as it is, is the
      // publisher's name, never an internal note (those go in a verification note).
      source_description: {
        schema: shortText.nullable().openapi({
          description: "The publisher's name (public, as written). Internal notes belong in a verification note.",
        }),
      },
      source_url: {
        schema: httpsUrl.nullable().openapi({
          description:
            'The public page that publishes the details; without it the public reads "source not recorded yet".',
        }),
      },
      source_date: { schema: isoDate.nullable().openapi({ description: 'When that page published them.' }) },
    },
  }),
  referral: entity({
    name: 'referral',
    table: serviceReferralDetails,
    key: serviceReferralDetails.serviceId,
    record: Referral,
    versioned: false,
    required: [],
    fields: {
      focal_point: localized,
      intake_route: localized,
      required_documents: localized,
      expected_response_time: localized,
    },
  }),
  contact_route: entity({
    name: 'contact_route',
    table: contactRoutes,
    key: contactRoutes.id,
    record: ContactRoute,
    versioned: true,
    required: ['kind', 'value'],
    fields: {
      kind: { schema: z.enum(CONTACT_ROUTE_KINDS) },
      value: { schema: z.string().trim().min(1).max(300) },
      visibility: { schema: z.enum(VISIBILITIES) },
      labels: localized,
      languages: { schema: languageCodes },
      opening_hours: { schema: OpeningHours },
      notes: localized,
      sort_order: { schema: z.number().int().min(0).max(1000) },
    },
  }),
  closure: entity({
    name: 'closure',
    table: closures,
    key: closures.id,
    record: Closure,
    versioned: true,
    required: ['starts_at', 'ends_at'],
    fields: {
      starts_at: { schema: instant },
      ends_at: { schema: instant },
      closes: { schema: z.boolean() },
      reason: localized,
    },
  }),
  service_location: entity({
    name: 'service_location',
    table: serviceAtLocations,
    key: serviceAtLocations.id,
    record: ServiceLocation,
    versioned: false,
    required: ['location_id'],
    fields: {
      location_id: { schema: z.string().min(1).max(100) },
      opening_hours: { schema: OpeningHours },
      hours_note: localized,
    },
  }),
  organisation: entity({
    name: 'organisation',
    table: organisations,
    key: organisations.id,
    record: Organisation,
    versioned: true,
    required: ['names'],
    fields: {
      names: localized,
      descriptions: localized,
      website: { schema: httpsUrl.nullable() },
    },
  }),
  location: entity({
    name: 'location',
    table: locations,
    key: locations.id,
    record: Location,
    versioned: true,
    // The area, or a pin (lon, lat) that sets it (api/admin/edit/pin.ts).
    required: [],
    fields: {
      names: localized,
      address: localized,
      area_pcode: { schema: z.string().regex(PCODE_PATTERN, 'must be a P-code') },
      lon: { schema: z.number().min(-180).max(180).nullable() },
      lat: { schema: z.number().min(-90).max(90).nullable() },
      is_confidential: { schema: z.boolean() },
    },
  }),
  // Referral pathways: the pathway's version guards its steps and their details, as a listing's
  // guards its referral details (one If-Match for the whole route).
  pathway: entity({
    name: 'pathway',
    table: pathways,
    key: pathways.id,
    record: Pathway,
    versioned: true,
    required: ['names'],
    fields: {
      names: localized,
      intro: localized,
      source_description: { schema: shortText.nullable() },
      source_url: { schema: httpsUrl.nullable() },
      source_date: { schema: isoDate.nullable() },
    },
  }),
  pathway_step: entity({
    name: 'pathway_step',
    table: pathwaySteps,
    key: pathwaySteps.id,
    record: PathwayStep,
    versioned: false,
    required: ['kind'],
    fields: {
      kind: { schema: z.enum(STEP_KINDS) },
      title: localized,
      what_happens: localized,
      what_to_bring: localized,
      choices: { schema: z.array(StepChoiceEntry.strict()).max(10) },
      what_next: localized,
    },
  }),
  pathway_step_referral: entity({
    name: 'pathway_step_referral',
    table: pathwayStepReferralDetails,
    key: pathwayStepReferralDetails.stepId,
    record: PathwayStepReferral,
    versioned: false,
    required: [],
    fields: { focal_point: localized, intake_route: localized },
  }),
} satisfies Record<EntityName, EntitySpec<SQLiteTable, z.ZodObject>>;

/** The records that belong to a referral pathway (its history, its scope, its version). */
export const PATHWAY_ENTITIES: ReadonlySet<EntityName> = new Set(['pathway', 'pathway_step', 'pathway_step_referral']);

/** A zod object of the entity's fields, all optional (PATCH) or with the required ones (create). */
export function fieldsSchema(spec: EntitySpec, mode: 'patch' | 'create') {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    shape[name] = mode === 'create' && spec.required.includes(name) ? field.schema : field.schema.optional();
  }
  return z.object(shape).strict();
}

export type AnySpec = (typeof SPECS)[EntityName];

/** The record as the API names it: each column under its name, its value as the schema decodes it. */
export function apiRow<T extends SQLiteTable>(table: T, row: InferSelectModel<T>): ApiRow<T> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table)))
    out[column.name] = (row as Record<string, unknown>)[key];
  return out as ApiRow<T>;
}

/** The table's column of that name (the API's field name), or undefined. */
export function columnNamed(table: SQLiteTable, name: string): { key: string; column: SQLiteColumn } | undefined {
  for (const [key, column] of Object.entries(getTableColumns(table))) if (column.name === name) return { key, column };
  return undefined;
}

/** Values by column name → by the table's own keys, as drizzle's insert and update take them. */
export function tableValues(table: SQLiteTable, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const found = columnNamed(table, name);
    if (!found) throw new Error(`unknown column ${name}`);
    out[found.key] = value;
  }
  return out;
}
