/**
 * The editable records of a listing: their table, their fields with validation, and how each
 * belongs to a service. Field names in the API are the column names, so the change log, the
 * history and the requests all speak of the same fields.
 */
import { z } from '@hono/zod-openapi';
import { ACCESSIBILITY_FEATURES, CONTACT_ROUTE_KINDS, COST_KINDS, ELIGIBLE_GENDERS, FEMALE_STAFF, LANGUAGES, PCODE_PATTERN, VISIBILITIES, YES_NO_UNKNOWN } from '../../domain/vocabulary.ts';
import { checkOpeningHours } from '../../domain/opening-hours.ts';

export const ENTITIES = ['service', 'referral', 'contact_route', 'closure', 'service_location', 'organisation', 'location'] as const;
export type EntityName = (typeof ENTITIES)[number];

const MAX_TEXT = 4000;
export const Localized = z.partialRecord(z.enum(LANGUAGES), z.string().max(MAX_TEXT)).openapi('LocalizedText', {
  description: 'Text per language (ar, ckb, kmr, en, es). Stored and returned as plain text, never interpreted as HTML.',
});
const languageCodes = z.array(z.string().regex(/^[a-z]{2,3}$/, 'must be language codes such as ar, ckb, kmr, en, es, tr')).max(20);
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
  /** Stored as JSON text. */
  json?: boolean;
  /** Stored as 0/1. */
  boolean?: boolean;
  /** Text per language (translations, M8). */
  localized?: boolean;
}

export interface EntitySpec {
  name: EntityName;
  table: string;
  /** Primary key column. */
  key: string;
  /** Has its own `version` column; otherwise the parent service's version guards it. */
  versioned: boolean;
  fields: Record<string, FieldSpec>;
  /** Fields required when creating. */
  required: string[];
}

const localized: FieldSpec = { schema: Localized, json: true, localized: true };

export const SPECS: Record<EntityName, EntitySpec> = {
  service: {
    name: 'service',
    table: 'services',
    key: 'id',
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
      confidentiality_note: localized,
      eligible_gender: { schema: z.enum(ELIGIBLE_GENDERS) },
      min_age: { schema: z.number().int().min(0).max(120).nullable() },
      max_age: { schema: z.number().int().min(0).max(120).nullable() },
      eligibility_note: localized,
      accessibility: { schema: z.array(z.enum(ACCESSIBILITY_FEATURES)).max(10), json: true },
      accessibility_note: localized,
      languages: { schema: languageCodes, json: true },
      // The public reference (M6): shown to the public as the site of source_url and source_date
      // in the reader's language; the description, given to API clients as it is, is the
      // publisher's name, never an internal note (those go in a verification note).
      source_description: { schema: shortText.nullable().openapi({ description: 'The publisher\'s name (public, as written). Internal notes belong in a verification note.' }) },
      source_url: { schema: httpsUrl.nullable().openapi({ description: 'The public page that publishes the details; without it the public reads "source not recorded yet".' }) },
      source_date: { schema: isoDate.nullable().openapi({ description: 'When that page published them.' }) },
    },
  },
  referral: {
    name: 'referral',
    table: 'service_referral_details',
    key: 'service_id',
    versioned: false,
    required: [],
    fields: {
      focal_point: localized,
      intake_route: localized,
      required_documents: localized,
      expected_response_time: localized,
    },
  },
  contact_route: {
    name: 'contact_route',
    table: 'contact_routes',
    key: 'id',
    versioned: true,
    required: ['kind', 'value'],
    fields: {
      kind: { schema: z.enum(CONTACT_ROUTE_KINDS) },
      value: { schema: z.string().trim().min(1).max(300) },
      visibility: { schema: z.enum(VISIBILITIES) },
      labels: localized,
      languages: { schema: languageCodes, json: true },
      opening_hours: { schema: OpeningHours },
      notes: localized,
      sort_order: { schema: z.number().int().min(0).max(1000) },
    },
  },
  closure: {
    name: 'closure',
    table: 'closures',
    key: 'id',
    versioned: true,
    required: ['starts_at', 'ends_at'],
    fields: {
      starts_at: { schema: instant },
      ends_at: { schema: instant },
      closes: { schema: z.boolean(), boolean: true },
      reason: localized,
    },
  },
  service_location: {
    name: 'service_location',
    table: 'service_at_locations',
    key: 'id',
    versioned: false,
    required: ['location_id'],
    fields: {
      location_id: { schema: z.string().min(1).max(100) },
      opening_hours: { schema: OpeningHours },
      hours_note: localized,
    },
  },
  organisation: {
    name: 'organisation',
    table: 'organisations',
    key: 'id',
    versioned: true,
    required: ['names'],
    fields: {
      names: localized,
      descriptions: localized,
      website: { schema: httpsUrl.nullable() },
    },
  },
  location: {
    name: 'location',
    table: 'locations',
    key: 'id',
    versioned: true,
    // The area, or a pin (lon, lat) that sets it (api/admin/edit/pin.ts).
    required: [],
    fields: {
      names: localized,
      address: localized,
      area_pcode: { schema: z.string().regex(PCODE_PATTERN, 'must be a P-code') },
      lon: { schema: z.number().min(-180).max(180).nullable() },
      lat: { schema: z.number().min(-90).max(90).nullable() },
      is_confidential: { schema: z.boolean(), boolean: true },
    },
  },
};

/** A zod object of the entity's fields, all optional (PATCH) or with the required ones (create). */
export function fieldsSchema(spec: EntitySpec, mode: 'patch' | 'create') {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    shape[name] = mode === 'create' && spec.required.includes(name) ? field.schema : field.schema.optional();
  }
  return z.object(shape).strict();
}

/** A column value as stored → as the API shows it. */
export function fromColumn(field: FieldSpec | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field?.json && typeof value === 'string') return JSON.parse(value);
  if (field?.boolean) return Boolean(value);
  return value;
}

/** An API value → the value bound to the column. */
export function toColumn(field: FieldSpec | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field?.json) return JSON.stringify(value);
  if (field?.boolean) return value ? 1 : 0;
  return value;
}
