/**
 * Validation against Open Referral's HSDS 3.1 JSON Schemas (test/fixtures/hsds), inside workerd
 * with @cfworker/json-schema (ajv compiles with eval, which Workers forbid).
 *
 * Every schema file is registered under its upstream URL, so the `$ref`s between files
 * ("phone.json") and those of HSDS's openapi.json (absolute raw.githubusercontent.com URLs)
 * resolve offline. A response is validated against exactly what HSDS's openapi.json says that
 * endpoint returns: `{ $ref: "…/openapi.json#/paths/~1services~1{id}/get/responses/200/…/schema" }`.
 */
import { Validator, type OutputUnit } from '@cfworker/json-schema';
import accessibility from '../fixtures/hsds/schema/accessibility.json';
import address from '../fixtures/hsds/schema/address.json';
import attribute from '../fixtures/hsds/schema/attribute.json';
import organizationList from '../fixtures/hsds/schema/compiled/organization_list.json';
import serviceAtLocationList from '../fixtures/hsds/schema/compiled/service_at_location_list.json';
import serviceList from '../fixtures/hsds/schema/compiled/service_list.json';
import serviceWithDefinitions from '../fixtures/hsds/schema/compiled/service_with_definitions.json';
import contact from '../fixtures/hsds/schema/contact.json';
import costOption from '../fixtures/hsds/schema/cost_option.json';
import funding from '../fixtures/hsds/schema/funding.json';
import language from '../fixtures/hsds/schema/language.json';
import location from '../fixtures/hsds/schema/location.json';
import metaTableDescription from '../fixtures/hsds/schema/meta_table_description.json';
import metadata from '../fixtures/hsds/schema/metadata.json';
import openapi from '../fixtures/hsds/schema/openapi.json';
import organization from '../fixtures/hsds/schema/organization.json';
import organizationIdentifier from '../fixtures/hsds/schema/organization_identifier.json';
import phone from '../fixtures/hsds/schema/phone.json';
import program from '../fixtures/hsds/schema/program.json';
import requiredDocument from '../fixtures/hsds/schema/required_document.json';
import schedule from '../fixtures/hsds/schema/schedule.json';
import service from '../fixtures/hsds/schema/service.json';
import serviceArea from '../fixtures/hsds/schema/service_area.json';
import serviceAtLocation from '../fixtures/hsds/schema/service_at_location.json';
import serviceCapacity from '../fixtures/hsds/schema/service_capacity.json';
import taxonomy from '../fixtures/hsds/schema/taxonomy.json';
import taxonomyTerm from '../fixtures/hsds/schema/taxonomy_term.json';
import unit from '../fixtures/hsds/schema/unit.json';
import url from '../fixtures/hsds/schema/url.json';

export const HSDS_SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.1/schema/';

/**
 * The 3.1 snapshot's openapi.json still names the 3.0 schema URLs (3.1.2 points them at 3.1), and
 * its /service_at_locations/{id} answer names compiled/service.json where a service_at_location is
 * meant. Both are corrected here, in memory, as the released 3.1.x reads.
 */
const openapi31 = JSON.parse(
  JSON.stringify(openapi).replaceAll('/specification/3.0/schema/', '/specification/3.1/schema/'),
) as { paths: Record<string, any> };
openapi31.paths['/service_at_locations/{id}'].get.responses['200'].content['application/json'].schema = {
  $ref: `${HSDS_SCHEMA_BASE}compiled/service_at_location.json`,
};

const FILES: Record<string, object> = {
  'accessibility.json': accessibility,
  'address.json': address,
  'attribute.json': attribute,
  'contact.json': contact,
  'cost_option.json': costOption,
  'funding.json': funding,
  'language.json': language,
  'location.json': location,
  'meta_table_description.json': metaTableDescription,
  'metadata.json': metadata,
  'organization.json': organization,
  'organization_identifier.json': organizationIdentifier,
  'phone.json': phone,
  'program.json': program,
  'required_document.json': requiredDocument,
  'schedule.json': schedule,
  'service.json': service,
  'service_area.json': serviceArea,
  'service_at_location.json': serviceAtLocation,
  'taxonomy.json': taxonomy,
  'taxonomy_term.json': taxonomyTerm,
  'service_capacity.json': serviceCapacity,
  'unit.json': unit,
  'url.json': url,
  'openapi.json': openapi31,
  'compiled/service_list.json': serviceList,
  'compiled/service_at_location_list.json': serviceAtLocationList,
  'compiled/organization_list.json': organizationList,
  // The fully inlined compiled/service.json (3.4 MB) is not copied; upstream's
  // service_with_definitions.json is the same schema with `definitions` instead of inlining.
  'compiled/service.json': serviceWithDefinitions,
  // Nor is compiled/organization.json: upstream compiles it as organization.json plus a
  // `services` array of full services, which this rebuilds by reference.
  'compiled/organization.json': {
    allOf: [{ $ref: `${HSDS_SCHEMA_BASE}organization.json` }],
    properties: { services: { type: 'array', items: { $ref: `${HSDS_SCHEMA_BASE}compiled/service.json` } } },
  },
  // Nor is compiled/service_at_location.json: service_at_location.json with its service nested.
  'compiled/service_at_location.json': {
    allOf: [{ $ref: `${HSDS_SCHEMA_BASE}service_at_location.json` }],
    properties: { service: { $ref: `${HSDS_SCHEMA_BASE}compiled/service.json` } },
  },
};

/**
 * HSDS types dates and times for its tabular (CSV) form as `datapackage_type` and gives most of
 * them no JSON Schema `format`, so a JSON validator would accept "yesterday" as an assured_date.
 * Add the matching format. `time` is RFC 3339 full-time, offset required: stricter than HSDS's
 * "should include timezone information", and what our export sends.
 */
const FORMAT_OF_DATAPACKAGE_TYPE: Record<string, string> = { date: 'date', time: 'time', datetime: 'date-time' };

function withFormats<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(withFormats) as T;
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = withFormats(value);
  const type = copy.datapackage_type;
  if (typeof type === 'string' && FORMAT_OF_DATAPACKAGE_TYPE[type] && copy.format === undefined)
    copy.format = FORMAT_OF_DATAPACKAGE_TYPE[type];
  return copy as T;
}

const STRICT_FILES = Object.fromEntries(Object.entries(FILES).map(([path, schema]) => [path, withFormats(schema)]));

/** The JSON pointer of an endpoint's 200 response schema in HSDS's openapi.json. */
export function responseSchema(path: string): string {
  const pointer = ['paths', path, 'get', 'responses', '200', 'content', 'application/json', 'schema']
    .map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/');
  return `${HSDS_SCHEMA_BASE}openapi.json#/${pointer}`;
}

/** A schema file by its path under schema/, e.g. "compiled/service.json". */
export const schemaFile = (path: string) => `${HSDS_SCHEMA_BASE}${path}`;

const validators = new Map<string, Validator>();

/**
 * Validation errors of `instance` against the schema at `uri` (empty when valid). `asPublished`
 * uses the schemas exactly as published, without the date and time formats added above.
 */
export function hsdsErrors(instance: unknown, uri: string, { asPublished = false } = {}): OutputUnit[] {
  const key = `${asPublished ? 'published' : 'strict'} ${uri}`;
  let validator = validators.get(key);
  if (!validator) {
    // Each validator gets its own copy: the library annotates the schema objects it is given.
    validator = new Validator({ $ref: uri }, '2020-12', false);
    for (const [path, schema] of Object.entries(asPublished ? FILES : STRICT_FILES))
      validator.addSchema(structuredClone(schema), schemaFile(path));
    validators.set(key, validator);
  }
  const result = validator.validate(instance);
  return result.valid ? [] : result.errors;
}
