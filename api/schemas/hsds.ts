/**
 * Request parameters of the HSDS endpoints (names as in HSDS 3.0's openapi.json) and a summary of
 * their responses for our OpenAPI document. The responses are HSDS objects: their full definition
 * is Open Referral's JSON Schema, named in each description; the export is tested against it.
 */
import { z } from '@hono/zod-openapi';
import { Flag, LanguageParam } from './common.ts';

const HSDS_SCHEMAS = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

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
});

export const HsdsServiceListQuery = HsdsPageQuery.extend({
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
});
export type HsdsServiceListQuery = z.infer<typeof HsdsServiceListQuery>;

export const HsdsTermListQuery = HsdsPageQuery.extend({
  taxonomy_id: uuid('a taxonomy id').optional(),
  parent_id: uuid('a taxonomy term id').optional().openapi({ description: 'Terms whose parent is this term.' }),
  top_only: Flag.optional().openapi({ description: '"true" for top-level terms only (terms without a parent).' }),
});

export const HsdsIdParam = z.object({ id: uuid('an HSDS id').openapi({ param: { name: 'id', in: 'path' } }) });

/** An HSDS object in brief: a few of its fields, and where its full schema is (more fields follow). */
const hsdsObject = <T extends z.ZodRawShape>(name: string, schemaFile: string, shape: T) =>
  z.object(shape).openapi(name, { description: `An HSDS 3.0 object, as defined by ${HSDS_SCHEMAS}${schemaFile}` });

export const HsdsRoot = z
  .object({
    version: z.string().openapi({ description: 'HSDS version of this API.', example: '3.0' }),
    openapi_url: z.string().openapi({ description: 'URL of the OpenAPI document that describes this API.' }),
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
