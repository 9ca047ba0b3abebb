/**
 * The HSDS 3.0 API (P3), read-only, mounted at /api/v1/hsds: the paths of Open Referral's
 * openapi.json that our data can fill. Only published services and what the public API shows.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { invalid, notFound } from '../errors.ts';
import {
  publicOrganisations,
  publishedOrganisationPage,
  publishedServiceIdsOf,
  publishedServicePage,
  serviceAreaNames,
  serviceRecords,
  type PageRequest,
  type ServiceFilter,
} from '../queries/hsds.ts';
import { allServiceTypes, withSubtypes, type ServiceTypeRow } from '../queries/service-types.ts';
import { createRouter } from '../router.ts';
import { LangQuery, jsonContent, problemResponses } from '../schemas/common.ts';
import {
  HsdsIdParam,
  HsdsOrganization,
  HsdsOrganizationFull,
  HsdsPageQuery,
  HsdsRoot,
  HsdsService,
  HsdsServiceListQuery,
  HsdsServiceSummary,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
  HsdsTermListQuery,
  hsdsPageOf,
} from '../schemas/hsds.ts';
import {
  hsdsOrganization,
  hsdsPage,
  hsdsRoot,
  hsdsServiceFields,
  hsdsServiceFull,
  hsdsServiceSummary,
} from '../views/hsds.ts';
import { hsdsContext, type HsdsContext } from '../views/hsds-context.ts';
import { TAXONOMY_ID, hsdsTaxonomy, hsdsTaxonomyTerm, typeOfTerm } from '../views/hsds-taxonomy.ts';

const tags = ['HSDS 3.0'];
const withErrors = { 400: problemResponses[400] };
const withNotFound = { 400: problemResponses[400], 404: problemResponses[404] };

const rootRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'About this HSDS API: HSDS version and OpenAPI document',
  responses: { 200: jsonContent(HsdsRoot, 'API information') },
});
const serviceListRoute = createRoute({
  method: 'get',
  path: '/services',
  tags,
  summary: 'Published services, one-to-one fields, in name order',
  request: { query: HsdsServiceListQuery },
  responses: {
    200: jsonContent(hsdsPageOf('HsdsServicePage', HsdsServiceSummary), 'A page of services'),
    ...withErrors,
  },
});
const serviceRoute = createRoute({
  method: 'get',
  path: '/services/{id}',
  tags,
  summary: 'One published service, fully nested (service_full)',
  request: { params: HsdsIdParam, query: LangQuery },
  responses: { 200: jsonContent(HsdsService, 'The service'), ...withNotFound },
});
const organizationListRoute = createRoute({
  method: 'get',
  path: '/organizations',
  tags,
  summary: 'Organizations that provide a published service',
  request: { query: HsdsPageQuery },
  responses: {
    200: jsonContent(hsdsPageOf('HsdsOrganizationPage', HsdsOrganization), 'A page of organizations'),
    ...withErrors,
  },
});
const organizationRoute = createRoute({
  method: 'get',
  path: '/organizations/{id}',
  tags,
  summary: 'One organization with its published services',
  request: { params: HsdsIdParam, query: LangQuery },
  responses: { 200: jsonContent(HsdsOrganizationFull, 'The organization'), ...withNotFound },
});
const taxonomyListRoute = createRoute({
  method: 'get',
  path: '/taxonomies',
  tags,
  summary: 'The taxonomies in use: masar-service-types',
  request: { query: HsdsPageQuery },
  responses: { 200: jsonContent(hsdsPageOf('HsdsTaxonomyPage', HsdsTaxonomy), 'A page of taxonomies'), ...withErrors },
});
const taxonomyRoute = createRoute({
  method: 'get',
  path: '/taxonomies/{id}',
  tags,
  summary: 'One taxonomy',
  request: { params: HsdsIdParam, query: LangQuery },
  responses: { 200: jsonContent(HsdsTaxonomy, 'The taxonomy'), ...withNotFound },
});
const termListRoute = createRoute({
  method: 'get',
  path: '/taxonomy_terms',
  tags,
  summary: 'Service types as taxonomy terms',
  request: { query: HsdsTermListQuery },
  responses: {
    200: jsonContent(hsdsPageOf('HsdsTaxonomyTermPage', HsdsTaxonomyTerm), 'A page of taxonomy terms'),
    ...withErrors,
  },
});
const termRoute = createRoute({
  method: 'get',
  path: '/taxonomy_terms/{id}',
  tags,
  summary: 'One taxonomy term',
  request: { params: HsdsIdParam, query: LangQuery },
  responses: { 200: jsonContent(HsdsTaxonomyTerm, 'The taxonomy term'), ...withNotFound },
});

const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;

/** The mapping context of a request; its texts' languages end up in Content-Language. */
function contextOf(c: Context<AppEnv>): HsdsContext {
  return hsdsContext(c.get('language'), originOf(c), new Date());
}

function contentLanguage(c: Context<AppEnv>, ctx: HsdsContext) {
  c.header('Content-Language', [...(ctx.languagesUsed.size ? ctx.languagesUsed : [ctx.lang])].join(', '));
}

/** HSDS filters → our filter. Unknown terms and taxonomies are refused, as `type` is on /services. */
function serviceFilter(query: HsdsServiceListQuery, types: ServiceTypeRow[]): ServiceFilter {
  const filter: ServiceFilter = { organisationId: query.organization_id };
  if (query.modified_after) filter.modifiedAfter = new Date(query.modified_after).toISOString();
  if (query.taxonomy_id !== undefined && query.taxonomy_id !== TAXONOMY_ID) {
    throw invalid([{ in: 'query', name: 'taxonomy_id', reason: 'no taxonomy with this id' }]);
  }
  if (query.taxonomy_term_id !== undefined) {
    const type = typeOfTerm(types, query.taxonomy_term_id);
    if (!type) throw invalid([{ in: 'query', name: 'taxonomy_term_id', reason: 'no taxonomy term with this id' }]);
    filter.typeIds = withSubtypes(types, [type.id]);
  } else if (query.taxonomy_id !== undefined) {
    filter.typeIds = types.map((t) => t.id); // any term of our one taxonomy
  }
  return filter;
}

function termsMatching(query: z.infer<typeof HsdsTermListQuery>, types: ServiceTypeRow[]): ServiceTypeRow[] {
  if (query.taxonomy_id !== undefined && query.taxonomy_id !== TAXONOMY_ID) {
    throw invalid([{ in: 'query', name: 'taxonomy_id', reason: 'no taxonomy with this id' }]);
  }
  let terms = types;
  if (query.parent_id !== undefined) {
    const parent = typeOfTerm(types, query.parent_id);
    if (!parent) throw invalid([{ in: 'query', name: 'parent_id', reason: 'no taxonomy term with this id' }]);
    terms = terms.filter((t) => t.parentId === parent.id);
  }
  if (query.top_only === 'true') terms = terms.filter((t) => t.parentId === null);
  return terms;
}

const pageOf = (query: { page: number; per_page: number }): PageRequest => ({
  page: query.page,
  perPage: query.per_page,
});
const slice = <T>(all: T[], page: PageRequest) => all.slice((page.page - 1) * page.perPage, page.page * page.perPage);

export const hsdsRouter = createRouter()
  .openapi(rootRoute, (c) => c.json(hsdsRoot(originOf(c)), 200))
  .openapi(serviceListRoute, async (c) => {
    const query = c.req.valid('query');
    const db = c.get('db');
    const ctx = contextOf(c);
    const page = pageOf(query);
    const byTerm = query.taxonomy_term_id !== undefined || query.taxonomy_id !== undefined;
    const filter = serviceFilter(query, byTerm ? await allServiceTypes(db) : []);
    const { ids, total } = await publishedServicePage(db, filter, page);
    const records = await serviceRecords(db, ids, ctx.now, false);
    const body = hsdsPage(
      records.map((r) => hsdsServiceSummary(r, ctx)),
      total,
      page,
    );
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(serviceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('db');
    const ctx = contextOf(c);
    const [[record], types, areas] = await Promise.all([
      serviceRecords(db, [id], ctx.now, true),
      allServiceTypes(db),
      serviceAreaNames(db, [id]),
    ]);
    if (!record) throw notFound('published service', id);
    const body = hsdsServiceFull(record, types, areas, ctx);
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(organizationListRoute, async (c) => {
    const query = c.req.valid('query');
    const db = c.get('db');
    const ctx = contextOf(c);
    const page = pageOf(query);
    const { ids, total } = await publishedOrganisationPage(db, page);
    const byId = new Map((await publicOrganisations(db, ids)).map((o) => [o.id, o]));
    const body = hsdsPage(
      ids.flatMap((id) => (byId.has(id) ? [hsdsOrganization(byId.get(id)!, ctx)] : [])),
      total,
      page,
    );
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(organizationRoute, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('db');
    const ctx = contextOf(c);
    const [[organisation], serviceIds] = await Promise.all([
      publicOrganisations(db, [id]),
      publishedServiceIdsOf(db, id),
    ]);
    if (!organisation) throw notFound('organization with a published service', id);
    const services = await serviceRecords(db, serviceIds, ctx.now, false);
    const body = { ...hsdsOrganization(organisation, ctx), services: services.map((r) => hsdsServiceFields(r, ctx)) };
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(taxonomyListRoute, (c) => {
    const ctx = contextOf(c);
    const page = pageOf(c.req.valid('query'));
    const body = hsdsPage(slice([hsdsTaxonomy(ctx)], page), 1, page);
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(taxonomyRoute, (c) => {
    const { id } = c.req.valid('param');
    if (id !== TAXONOMY_ID) throw notFound('taxonomy', id);
    const ctx = contextOf(c);
    const body = hsdsTaxonomy(ctx);
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(termListRoute, async (c) => {
    const query = c.req.valid('query');
    const ctx = contextOf(c);
    const page = pageOf(query);
    const terms = termsMatching(query, await allServiceTypes(c.get('db')));
    const body = hsdsPage(
      slice(terms, page).map((t) => hsdsTaxonomyTerm(t, ctx)),
      terms.length,
      page,
    );
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(termRoute, async (c) => {
    const { id } = c.req.valid('param');
    const ctx = contextOf(c);
    const type = typeOfTerm(await allServiceTypes(c.get('db')), id);
    if (!type) throw notFound('taxonomy term', id);
    const body = hsdsTaxonomyTerm(type, ctx);
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  // HSDS clients join "/" to the API's base URL: answer /api/v1/hsds/ as /api/v1/hsds.
  .get('/:trailingSlash{/?}', (c) => c.json(hsdsRoot(originOf(c)), 200));
