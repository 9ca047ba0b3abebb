/**
 * Request parameters of the HSDS endpoints (names as in HSDS 3.1's openapi.json) and a summary of
 * their responses for our OpenAPI document. The responses are HSDS objects: their full definition
 * is Open Referral's JSON Schema, named in each description; the export is tested against it.
 * Every query is strict: a parameter the endpoint does not implement is refused, never ignored.
 */
import { z } from '@hono/zod-openapi';
import { Flag, LanguageParam } from './common.ts';

const HSDS_SCHEMAS = 'https://raw.githubusercontent.com/openreferral/specification/3.1/schema/';

const Format = z
  .string()
  .refine((value) => value === 'json', {
    message:
      'only "json" is served here; the whole directory as ndjson, CSV, GeoJSON or an HSDS data package is at ' +
      '/api/v1/exports',
  })
  .openapi({ description: '"json", the only format of this endpoint (see /api/v1/exports for the others).' });

const ServiceFormat = z.enum(['json', 'ndjson'], { message: 'must be "json" or "ndjson"' }).openapi({
  description:
    '"json" (pages) or "ndjson": every matching service, one per line, streamed without pagination (`page`, ' +
    '`per_page` and `after` are then refused).',
});

const Search = z
  .string()
  .min(1)
  .max(200)
  .openapi({ description: 'Full-text search, the same as `q` on /api/v1/services: every word must match.' });

const uuid = (what: string) => z.string().uuid(`must be ${what} (UUID)`);

export const HsdsPageQuery = z.object({
  lang: LanguageParam.optional(),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(1)
    .openapi({ description: 'Page number, from 1. A page past the end is an empty page.' }),
  per_page: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(50)
    .openapi({ description: 'Entities per page, at most 100.' }),
  format: Format.optional(),
});

/** A page query with nothing else: /taxonomies takes `search` too. */
export const HsdsTaxonomyListQuery = HsdsPageQuery.extend({ search: Search.optional() }).strict();
export const HsdsPathwayListQuery = HsdsPageQuery.strict();
export const HsdsLangQuery = z.object({ lang: LanguageParam.optional() }).strict();

const serviceFilters = {
  search: Search.optional(),
  taxonomy_term_id: uuid('a taxonomy term id').optional().openapi({
    description: 'Services with this taxonomy term (a service type); a parent type includes its sub-types.',
  }),
  taxonomy_id: uuid('a taxonomy id').optional().openapi({ description: 'Services with any term of this taxonomy.' }),
  organization_id: uuid('an organization id').optional().openapi({ description: 'Services of this organization.' }),
  modified_after: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({
      description:
        'Services whose public record (service, organization, public contact routes, sites, closures) changed at ' +
        'or after this instant.',
      example: '2026-01-01T00:00:00Z',
    }),
};

export const HsdsServiceListQuery = HsdsPageQuery.extend({
  ...serviceFilters,
  format: ServiceFormat.optional(),
  minimal: Flag.optional().openapi({
    description:
      '"true": a JSON array of every matching service\'s `id` and `last_modified`, all in one response (no page ' +
      'object; `page` and `per_page` are then refused).',
  }),
  full: Flag.optional().openapi({ description: '"true": each service fully nested, as /services/{id} gives it.' }),
  after: z
    .string()
    .max(400)
    .optional()
    .openapi({
      description:
        'Masar extension: where the page starts, as given in the previous page\'s `Link: rel="next"` header. With ' +
        'it a deep page reads only its own rows. The key also says which page it leads to: `page` may be left ' +
        'out, and a `page` or `per_page` that does not match it is refused with a problem naming it.',
    }),
}).strict();
export type HsdsServiceListQuery = z.infer<typeof HsdsServiceListQuery>;

export const HsdsServiceAtLocationListQuery = HsdsPageQuery.extend({
  ...serviceFilters,
  full: Flag.optional().openapi({ description: '"true": each service_at_location with its full service.' }),
  postcode: z.string().optional().openapi({
    description: 'Not supported: addresses in Iraq and Guatemala carry no postcodes here. Refused with a problem.',
  }),
  proximity: z.string().optional().openapi({
    description: "Not supported: HSDS measures it from a postcode's centroid. Use /api/v1/services?near=lat,lon.",
  }),
  after: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,64}(\.[0-9]{1,9})?$/,
      'must be the id of a service_at_location, with the sites before the page, as a Link header gives it',
    )
    .optional()
    .openapi({
      description:
        'Masar extension: the id of the last service_at_location of the previous page, then `.` and the ' +
        'number of sites before the page, as given in that page\'s `Link: rel="next"` header (sites come in ' +
        'id order). With it a deep page reads only its own rows. The number says which page it leads to: ' +
        '`page` may be left out, and a `page` or `per_page` that does not match it is refused with a problem ' +
        'naming it. A bare id (no number) is still accepted; `page` then only numbers the page in the answer.',
      example: '0b6f6d52-5c4a-4b9e-9d3e-0a1f3f2c9e11.100',
    }),
}).strict();

export const HsdsOrganizationListQuery = HsdsPageQuery.extend({
  search: Search.optional().openapi({ description: 'Organizations with a published service the text search finds.' }),
  taxonomy_term_id: serviceFilters.taxonomy_term_id.openapi({
    description: 'Organizations with a published service that has this term (a parent type includes its sub-types).',
  }),
  taxonomy_id: serviceFilters.taxonomy_id.openapi({
    description: 'Organizations with a published service that has any term of this taxonomy.',
  }),
  full: Flag.optional().openapi({ description: '"true": each organization with its published services.' }),
  full_service: Flag.optional().openapi({ description: '"true": with `full`, each service fully nested.' }),
}).strict();

export const HsdsOrganizationQuery = z
  .object({
    lang: LanguageParam.optional(),
    full_service: Flag.optional().openapi({ description: '"true": each service fully nested.' }),
  })
  .strict();

export const HsdsTermListQuery = HsdsPageQuery.extend({
  search: Search.optional().openapi({ description: 'Terms whose code or name, in any language, contains the text.' }),
  taxonomy_id: uuid('a taxonomy id').optional(),
  parent_id: uuid('a taxonomy term id').optional().openapi({ description: 'Terms whose parent is this term.' }),
  top_only: Flag.optional().openapi({
    description: '"true": only terms that have no child terms, as HSDS defines it.',
  }),
}).strict();

export const HsdsIdParam = z.object({ id: uuid('an HSDS id').openapi({ param: { name: 'id', in: 'path' } }) });

/** An HSDS object in brief: a few of its fields, and where its full schema is (more fields follow). */
const hsdsObject = <T extends z.ZodRawShape>(name: string, schemaFile: string, shape: T) =>
  z.object(shape).openapi(name, { description: `An HSDS 3.1 object, as defined by ${HSDS_SCHEMAS}${schemaFile}` });

export const HsdsRoot = z
  .object({
    version: z.string().openapi({ description: 'HSDS version of this API.', example: '3.1' }),
    profile: z.string().openapi({ description: 'URL of the HSDS profile this API follows.' }),
    openapi_url: z.string().openapi({ description: 'URL of the OpenAPI document that describes this API.' }),
    description: z.string(),
    publisher: z.object({ name: z.string(), website: z.string(), feedback: z.string() }),
    license: z.object({ name: z.string(), identifier: z.string().optional(), url: z.string().optional() }).openapi({
      description:
        "The licence the directory's listings are published under (the deployment's `DATA_LICENCE`), or, " +
        'when none is set, a name saying that none is granted.',
    }),
  })
  .openapi('HsdsRoot');

const ServiceStatus = z.enum(['active', 'temporarily closed']);
export const HsdsOrganization = hsdsObject('HsdsOrganization', 'organization.json', {
  id: z.string(),
  name: z.string(),
  description: z.string(),
});
export const HsdsServiceSummary = hsdsObject('HsdsServiceSummary', 'compiled/service_list.json', {
  id: z.string(),
  name: z.string(),
  status: ServiceStatus,
});
export const HsdsService = hsdsObject('HsdsService', 'compiled/service.json', {
  id: z.string(),
  name: z.string(),
  status: ServiceStatus,
});
export const HsdsOrganizationFull = hsdsObject('HsdsOrganizationFull', 'compiled/organization.json', {
  id: z.string(),
  name: z.string(),
  description: z.string(),
  services: z.array(z.object({ id: z.string(), name: z.string(), status: ServiceStatus })),
});
export const HsdsTaxonomy = hsdsObject('HsdsTaxonomy', 'taxonomy.json', {
  id: z.string(),
  name: z.string(),
  description: z.string(),
});
export const HsdsTaxonomyTerm = hsdsObject('HsdsTaxonomyTerm', 'taxonomy_term.json', {
  id: z.string(),
  name: z.string(),
  description: z.string(),
});

export const HsdsServiceAtLocation = hsdsObject('HsdsServiceAtLocation', 'service_at_location.json', {
  id: z.string(),
  service_id: z.string(),
  location_id: z.string(),
});
export const HsdsPathway = z
  .object({
    id: z.string(),
    name: z.string(),
    area_pcode: z.string(),
    concern: z.string(),
    steps: z.array(z.object({})),
  })
  .openapi('HsdsPathway', { description: 'Masar\'s pathways extension to HSDS (README.md, "HSDS mapping").' });
export const HsdsServiceMinimal = z.array(z.object({ id: z.string(), last_modified: z.string() }));

/** HSDS's paginated list: the page object around `contents`. */
export const hsdsPageOf = <T extends z.ZodType>(name: string, item: T) =>
  z
    .object({
      total_items: z.number().int(),
      total_pages: z.number().int(),
      page_number: z.number().int(),
      size: z.number().int().openapi({ description: 'The number of entities in this page.' }),
      first_page: z.boolean(),
      last_page: z.boolean(),
      empty: z.boolean().openapi({ description: 'Whether this page has no entities.' }),
      contents: z.array(item),
    })
    .openapi(name);
