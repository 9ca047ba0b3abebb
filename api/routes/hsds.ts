/**
 * The HSDS 3.1 API for partner systems, read-only, mounted at /api/v1/hsds: the paths of Open Referral's
 * openapi.json, every parameter either implemented as HSDS describes it or refused with a problem
 * naming it; plus the pathways extension declared in /profile. Only published services and what
 * the public API shows. Any origin may read it (CORS); it sets and reads no cookie.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { dataLicence } from '../domain/data-licence.ts';
import { ftsMatchExpression, matchClauses, normaliseText } from '../domain/text-normalise.ts';
import { COUNTRY_TIME_ZONES, LANGUAGES, STEP_KINDS, type Country, type LocalizedText } from '../domain/vocabulary.ts';
import type { AppEnv } from '../env.ts';
import { invalid, invalidParamsFromZod, notFound } from '../errors.ts';
import { dataLicenceLink } from '../middleware/data-licence-link.ts';
import { readOnlyCors } from '../middleware/read-only-cors.ts';
import { streamed } from './exports.ts';
import {
  publicOrganisations,
  publishedOrganisationPage,
  publishedPathwayPage,
  publishedServiceAtLocationPage,
  publishedServiceChanges,
  publishedServicePage,
  searchOnly,
  publishedServicesOf,
  serviceDetails,
  serviceOfServiceAtLocation,
  type HsdsDetails,
  type PageRequest,
  type ServiceFilter,
  type ServiceSeekKey,
} from '../queries/hsds.ts';
import { stepsOfPathways } from '../queries/pathways.ts';
import { serviceTypesAt, typeFamilies, withSubtypes, type ServiceTypeRow } from '../queries/service-types.ts';
import { createRouter } from '../router.ts';
import { jsonContent, problemResponses } from '../schemas/common.ts';
import {
  HsdsIdParam,
  HsdsLangQuery,
  HsdsOrganization,
  HsdsOrganizationFull,
  HsdsOrganizationListQuery,
  HsdsOrganizationQuery,
  HsdsPathway,
  HsdsPathwayListQuery,
  HsdsRoot,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceAtLocationListQuery,
  HsdsServiceListQuery,
  HsdsServiceSummary,
  HsdsTaxonomy,
  HsdsTaxonomyListQuery,
  HsdsTaxonomyTerm,
  HsdsTermListQuery,
  hsdsPageOf,
} from '../schemas/hsds.ts';
import {
  hsdsOrganization,
  hsdsPage,
  hsdsRoot,
  hsdsServiceAtLocation,
  hsdsServiceFields,
  hsdsServiceFull,
  hsdsServiceSummary,
} from '../views/hsds.ts';
import { hsdsContext, HSDS_VERSION, type HsdsContext } from '../views/hsds-context.ts';
import {
  FACT_CODES,
  FACTS,
  FACTS_TAXONOMY_ID,
  factTermId,
  hsdsFactTerm,
  hsdsFactsTaxonomy,
} from '../views/hsds-facts.ts';
import { readDirectoryVersion } from '../queries/directory-version.ts';
import {
  hsdsTranslationTaxonomy,
  hsdsTranslationTerm,
  LANGUAGE_NAMES,
  TRANSLATION_TAXONOMY_ID,
  translationTermId,
} from '../views/hsds-translations.ts';
import { hsdsPathway } from '../views/hsds-pathways.ts';
import {
  STEP_TAXONOMY_ID,
  TAXONOMY_ID,
  hsdsStepKindTerm,
  hsdsStepTaxonomy,
  hsdsTaxonomy,
  hsdsTaxonomyTerm,
  stepKindTermId,
  termId,
  typeOfTerm,
} from '../views/hsds-taxonomy.ts';

const tags = ['HSDS 3.1'];
const withErrors = { 400: problemResponses[400] };
const withNotFound = { 400: problemResponses[400], 404: problemResponses[404] };

const rootRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'About this HSDS API: HSDS version, profile, OpenAPI document and publisher',
  request: { query: HsdsLangQuery },
  responses: { 200: jsonContent(HsdsRoot, 'API information') },
});
const profileRoute = createRoute({
  method: 'get',
  path: '/profile',
  tags,
  summary: "This API's HSDS profile: the taxonomies it publishes and the pathways extension",
  request: { query: HsdsLangQuery },
  responses: { 200: jsonContent(z.object({ name: z.string() }).passthrough(), 'The profile') },
});
const serviceListRoute = createRoute({
  method: 'get',
  path: '/services',
  tags,
  summary: 'Published services, one-to-one fields (or fully nested with full=true), in name order',
  request: { query: HsdsServiceListQuery },
  responses: {
    200: jsonContent(
      hsdsPageOf('HsdsServicePage', HsdsServiceSummary),
      'A page of services (with minimal=true: an array of id and last_modified)',
    ),
    ...withErrors,
  },
});
const serviceRoute = createRoute({
  method: 'get',
  path: '/services/{id}',
  tags,
  summary: 'One published service, fully nested (service_full)',
  request: { params: HsdsIdParam, query: HsdsLangQuery },
  responses: { 200: jsonContent(HsdsService, 'The service'), ...withNotFound },
});
const serviceAtLocationListRoute = createRoute({
  method: 'get',
  path: '/service_at_locations',
  tags,
  summary: 'Sites of published services (service_at_location), by id; Link: rel="next" gives the next page',
  request: { query: HsdsServiceAtLocationListQuery },
  responses: {
    200: jsonContent(hsdsPageOf('HsdsServiceAtLocationPage', HsdsServiceAtLocation), 'A page of sites'),
    ...withErrors,
  },
});
const serviceAtLocationRoute = createRoute({
  method: 'get',
  path: '/service_at_locations/{id}',
  tags,
  summary: 'One site of a published service, with its full service',
  request: { params: HsdsIdParam, query: HsdsLangQuery },
  responses: { 200: jsonContent(HsdsServiceAtLocation, 'The service_at_location'), ...withNotFound },
});
const organizationListRoute = createRoute({
  method: 'get',
  path: '/organizations',
  tags,
  summary: 'Organizations that provide a published service',
  request: { query: HsdsOrganizationListQuery },
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
  request: { params: HsdsIdParam, query: HsdsOrganizationQuery },
  responses: { 200: jsonContent(HsdsOrganizationFull, 'The organization'), ...withNotFound },
});
const taxonomyListRoute = createRoute({
  method: 'get',
  path: '/taxonomies',
  tags,
  summary: 'The taxonomies in use: masar-service-types, masar-facts, masar-pathway-step, masar-translation',
  request: { query: HsdsTaxonomyListQuery },
  responses: { 200: jsonContent(hsdsPageOf('HsdsTaxonomyPage', HsdsTaxonomy), 'A page of taxonomies'), ...withErrors },
});
const taxonomyRoute = createRoute({
  method: 'get',
  path: '/taxonomies/{id}',
  tags,
  summary: 'One taxonomy',
  request: { params: HsdsIdParam, query: HsdsLangQuery },
  responses: { 200: jsonContent(HsdsTaxonomy, 'The taxonomy'), ...withNotFound },
});
const termListRoute = createRoute({
  method: 'get',
  path: '/taxonomy_terms',
  tags,
  summary: 'The terms of the four taxonomies',
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
  request: { params: HsdsIdParam, query: HsdsLangQuery },
  responses: { 200: jsonContent(HsdsTaxonomyTerm, 'The taxonomy term'), ...withNotFound },
});
const pathwayListRoute = createRoute({
  method: 'get',
  path: '/pathways',
  tags,
  summary: 'Extension: published referral pathways with their steps (no practitioner-only details)',
  request: { query: HsdsPathwayListQuery },
  responses: { 200: jsonContent(hsdsPageOf('HsdsPathwayPage', HsdsPathway), 'A page of pathways'), ...withErrors },
});

const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;

/** The mapping context of a request; its texts' languages end up in Content-Language. */
function contextOf(c: Context<AppEnv>): HsdsContext {
  return hsdsContext(c.get('language'), originOf(c), new Date());
}

function contentLanguage(c: Context<AppEnv>, ctx: HsdsContext) {
  c.header('Content-Language', [...(ctx.languagesUsed.size ? ctx.languagesUsed : [ctx.lang])].join(', '));
}

/** HSDS `search` → the public API's own FTS expression; a text with no searchable word is refused. */
function textMatchOf(search: string | undefined): string | undefined {
  if (search === undefined) return undefined;
  const match = ftsMatchExpression(search);
  if (!match) throw invalid([{ in: 'query', name: 'search', reason: 'has no searchable words' }]);
  return match;
}

/** Service-type terms of a filter, widened to sub-types; the other taxonomies classify no service. */
function typeIdsOf(query: { taxonomy_id?: string; taxonomy_term_id?: string }, types: ServiceTypeRow[]) {
  const taxonomies = [TAXONOMY_ID, FACTS_TAXONOMY_ID, STEP_TAXONOMY_ID, TRANSLATION_TAXONOMY_ID];
  if (query.taxonomy_id !== undefined && !taxonomies.includes(query.taxonomy_id)) {
    throw invalid([{ in: 'query', name: 'taxonomy_id', reason: 'no taxonomy with this id' }]);
  }
  if (query.taxonomy_term_id !== undefined) {
    const type = typeOfTerm(types, query.taxonomy_term_id);
    if (!type) {
      throw invalid([{ in: 'query', name: 'taxonomy_term_id', reason: 'no masar-service-types term with this id' }]);
    }
    if (query.taxonomy_id !== undefined && query.taxonomy_id !== TAXONOMY_ID) return [];
    return withSubtypes(types, [type.id]);
  }
  if (query.taxonomy_id === TAXONOMY_ID) return types.map((t) => t.id); // any term of the service types
  // masar-facts, masar-pathway-step and masar-translation terms are attributes with values, not classifications.
  if (query.taxonomy_id !== undefined) return [];
  return undefined;
}

/** HSDS filters → our filter. Unknown terms and taxonomies are refused, as `type` is on /services. */
function serviceFilter(
  query: z.infer<typeof HsdsServiceAtLocationListQuery> | HsdsServiceListQuery,
  types: ServiceTypeRow[],
): ServiceFilter {
  const filter: ServiceFilter = {
    organisationId: query.organization_id,
    textMatch: textMatchOf(query.search),
    textClauses: query.search === undefined ? undefined : matchClauses(query.search),
  };
  if (query.modified_after) filter.modifiedAfter = new Date(query.modified_after).toISOString();
  const typeIds = typeIdsOf(query, types);
  if (typeIds) {
    filter.typeIds = typeIds;
    filter.typeFamilies = typeFamilies(types, typeIds);
  }
  return filter;
}

const needsTypes = (query: { taxonomy_id?: string; taxonomy_term_id?: string }) =>
  query.taxonomy_term_id !== undefined || query.taxonomy_id !== undefined;

/** Every term of the four taxonomies, with what top_only, parent_id and search need. */
interface TermEntry {
  id: string;
  taxonomyId: string;
  parentId?: string;
  searchText: string;
  build: (ctx: HsdsContext) => object;
}

const searchable = (code: string, names: LocalizedText | Record<string, string>) =>
  normaliseText([code, ...Object.values(names)].join(' '));

function allTerms(types: ServiceTypeRow[]): TermEntry[] {
  return [
    ...types.map((t) => ({
      id: termId(t.id),
      taxonomyId: TAXONOMY_ID,
      parentId: t.parentId ? termId(t.parentId) : undefined,
      searchText: searchable(t.id, t.names),
      build: (ctx: HsdsContext) => hsdsTaxonomyTerm(t, ctx),
    })),
    ...FACT_CODES.map((code) => ({
      id: factTermId(code),
      taxonomyId: FACTS_TAXONOMY_ID,
      searchText: searchable(code, { en: FACTS[code].en, ar: FACTS[code].ar, es: FACTS[code].es }),
      build: (ctx: HsdsContext) => hsdsFactTerm(code, ctx),
    })),
    ...STEP_KINDS.map((kind) => ({
      id: stepKindTermId(kind),
      taxonomyId: STEP_TAXONOMY_ID,
      searchText: normaliseText(kind),
      build: (ctx: HsdsContext) => hsdsStepKindTerm(kind, ctx),
    })),
    ...LANGUAGES.map((lang) => ({
      id: translationTermId(lang),
      taxonomyId: TRANSLATION_TAXONOMY_ID,
      searchText: searchable(lang, LANGUAGE_NAMES[lang]),
      build: (ctx: HsdsContext) => hsdsTranslationTerm(lang, ctx),
    })),
  ];
}

const TAXONOMIES = [
  { id: TAXONOMY_ID, build: hsdsTaxonomy },
  { id: FACTS_TAXONOMY_ID, build: hsdsFactsTaxonomy },
  { id: STEP_TAXONOMY_ID, build: hsdsStepTaxonomy },
  { id: TRANSLATION_TAXONOMY_ID, build: hsdsTranslationTaxonomy },
];

function termsMatching(query: z.infer<typeof HsdsTermListQuery>, terms: TermEntry[]): TermEntry[] {
  if (query.taxonomy_id !== undefined && !TAXONOMIES.some((t) => t.id === query.taxonomy_id)) {
    throw invalid([{ in: 'query', name: 'taxonomy_id', reason: 'no taxonomy with this id' }]);
  }
  let found = terms;
  if (query.taxonomy_id !== undefined) found = found.filter((t) => t.taxonomyId === query.taxonomy_id);
  if (query.parent_id !== undefined) {
    if (!terms.some((t) => t.id === query.parent_id)) {
      throw invalid([{ in: 'query', name: 'parent_id', reason: 'no taxonomy term with this id' }]);
    }
    found = found.filter((t) => t.parentId === query.parent_id);
  }
  // HSDS: "Only retrieve taxonomy terms that have not child terms": leaves, not roots.
  if (query.top_only === 'true') {
    const parents = new Set(terms.flatMap((t) => (t.parentId ? [t.parentId] : [])));
    found = found.filter((t) => !parents.has(t.id));
  }
  if (query.search !== undefined) {
    const words = normaliseText(query.search).split(' ').filter(Boolean);
    if (!words.length) throw invalid([{ in: 'query', name: 'search', reason: 'has no searchable words' }]);
    found = found.filter((t) => words.every((w) => t.searchText.includes(w)));
  }
  return found;
}

const pageOf = (query: { page: number; per_page: number }): PageRequest => ({
  page: query.page,
  perPage: query.per_page,
});
const slice = <T>(all: T[], page: PageRequest) => all.slice((page.page - 1) * page.perPage, page.page * page.perPage);

/** The services of a page: service_full for each record (types and area names read with them), or the summary. */
function serviceContents(details: HsdsDetails, full: boolean, ctx: HsdsContext) {
  return full
    ? details.records.map((r) => hsdsServiceFull(r, details.types, details.areas, ctx))
    : details.records.map((r) => hsdsServiceSummary(r, ctx));
}

/** The profile: what this API adds to HSDS, and where; README.md "HSDS mapping" says it in full. */
function hsdsProfile(ctx: HsdsContext) {
  const base = `${ctx.origin}/api/v1/hsds`;
  return {
    name: 'Masar HSDS profile',
    hsds_version: HSDS_VERSION,
    description:
      'HSDS 3.1 with Masar facts and every language of its texts as attributes of four published taxonomies ' +
      'and referral pathways as an extension resource. Nothing practitioner-only and no address of a ' +
      'confidential site is ever in it.',
    taxonomies: TAXONOMIES.map((t) => ({ ...t.build(ctx), terms: `${base}/taxonomy_terms?taxonomy_id=${t.id}` })),
    extensions: [
      {
        name: 'pathways',
        url: `${base}/pathways`,
        description:
          'Referral pathways: an area, a concern and ordered steps, each with the service ids and the ' +
          'masar-service-types terms that serve it; services link back with masar-pathway-step attributes.',
      },
    ],
    exports: `${ctx.origin}/api/v1/exports`,
  };
}

/**
 * Where a page given by a Link header starts: after `key`, and (in the keys this API gives out now)
 * after `before` entities, which numbers the page. Keys given out before carry no count.
 */
interface Seek<K> {
  key: K;
  before?: number;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The seek key a client got in a Link header: base64url of [sort name, id, entities before]. */
function seekKeyOf(after: string | undefined): Seek<ServiceSeekKey> | undefined {
  if (after === undefined) return undefined;
  try {
    const padded = after.replaceAll('-', '+').replaceAll('_', '/');
    const bytes = Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0));
    const key = JSON.parse(new TextDecoder().decode(bytes)) as unknown[];
    const [sortName, id, before] = key;
    if (typeof sortName === 'string' && typeof id === 'string' && (key.length === 2 || isCount(before))) {
      return { key: { sortName, id }, before: key.length === 3 ? (before as number) : undefined };
    }
    // A text search's place in the full-text index (its pages walk the index's order).
    if (Number.isSafeInteger(sortName) && (key.length === 1 || isCount(id))) {
      return { key: { position: sortName as number }, before: key.length === 2 ? (id as number) : undefined };
    }
  } catch {
    // reported below
  }
  throw invalid([{ in: 'query', name: 'after', reason: 'is not a seek key this API gave out' }]);
}

/** A site's seek key: its id, then `.` and the sites before the page it leads to. */
function siteSeekOf(after: string | undefined): Seek<string> | undefined {
  if (after === undefined) return undefined;
  const [id, before] = after.split('.');
  return { key: id!, before: before === undefined ? undefined : Number(before) };
}

/**
 * The page a request asks for. A seek key also says how many entities come before the page it
 * leads to, and so which page that is: a `page` or `per_page` that says otherwise is refused, since
 * numbered by it the page object would misplace the page and its own Link would lead past the end,
 * to an empty page. Without `page`, the key numbers the page.
 */
function pageAt(c: Context<AppEnv>, page: PageRequest, before: number | undefined): PageRequest {
  if (before === undefined) return page;
  if (before % page.perPage !== 0) {
    throw invalid([
      {
        in: 'query',
        name: 'per_page',
        reason: `does not fit \`after\`, which starts after ${before} entities: give the per_page of its Link`,
      },
    ]);
  }
  const number = before / page.perPage + 1;
  if (c.req.query('page') !== undefined && page.page !== number) {
    throw invalid([
      {
        in: 'query',
        name: 'page',
        reason: `does not match \`after\`, which leads to page ${number}: give page=${number} or leave page out`,
      },
    ]);
  }
  return { ...page, page: number };
}

/** RFC 8288 link to the next page, with the seek key of this page's last service. */
function nextLink(c: Context<AppEnv>, page: PageRequest, last: ServiceSeekKey) {
  const before = page.page * page.perPage;
  const bytes = new TextEncoder().encode(
    JSON.stringify(last.position === undefined ? [last.sortName, last.id, before] : [last.position, before]),
  );
  const key = btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
  return nextPageLink(c, page, key);
}

/** RFC 8288 link to the next page: this request with the next page number and `after` = `key`. */
function nextPageLink(c: Context<AppEnv>, page: PageRequest, key: string) {
  const url = new URL(c.req.url);
  url.searchParams.set('page', String(page.page + 1));
  url.searchParams.set('per_page', String(page.perPage));
  url.searchParams.set('after', key);
  return `<${url.href}>; rel="next"`;
}

/** A parameter that cannot go with another (minimal returns everything at once). */
function refuseWith(c: Context<AppEnv>, names: string[], because: string) {
  const given = names.filter((name) => c.req.query(name) !== undefined);
  if (given.length) throw invalid(given.map((name) => ({ in: 'query' as const, name, reason: because })));
}

export const hsdsRouter = createRouter();
// Any origin may read the feed; registered before the routes so it wraps each of them.
hsdsRouter.use('*', readOnlyCors());
hsdsRouter.use('*', dataLicenceLink());
hsdsRouter
  .openapi(rootRoute, (c) => c.json(hsdsRoot(originOf(c), dataLicence(c.env.DATA_LICENCE)), 200))
  .openapi(profileRoute, (c) => {
    const ctx = contextOf(c);
    const body = hsdsProfile(ctx);
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(serviceListRoute, async (c) => {
    const query = c.req.valid('query');
    const db = c.get('db');
    const ctx = contextOf(c);
    const filter = serviceFilter(query, needsTypes(query) ? await serviceTypesAt(db, c.get('directory')) : []);
    if (query.minimal === 'true') {
      // HSDS: "Return array of just service 'id' and 'modified_date' … all services within one call".
      refuseWith(c, ['page', 'per_page', 'full', 'after'], 'minimal=true answers every service at once');
      const rows = await publishedServiceChanges(db, filter);
      return c.json(
        rows.map((row) => ({ id: row.id, last_modified: new Date(row.lastModified).toISOString() })) as never,
        200,
      );
    }
    if (query.format === 'ndjson') {
      // HSDS: "ndjson … should stream all the results without pagination".
      refuseWith(c, ['page', 'per_page', 'after'], 'format=ndjson streams every service, without pages');
      const lines = serviceLines(c, filter, query.full === 'true', ctx);
      return streamed(c, 'application/x-ndjson; charset=utf-8', lines, 'services.ndjson') as never;
    }
    // The page, its total and its services' stored documents: one D1 round trip.
    const seek = seekKeyOf(query.after);
    const after = seek?.key;
    const page = pageAt(c, pageOf(query), seek?.before);
    // Unfiltered (what a partner syncing the whole directory asks), the total is kept with the
    // directory version, so no page counts the whole index.
    const unfiltered = Object.values(filter).every((value) => value === undefined);
    const knownTotal = unfiltered
      ? (c.get('directory') ?? (await readDirectoryVersion(db))).publishedServices
      : undefined;
    const full = query.full === 'true';
    // A place in the full-text index's order means something only to a text search alone.
    if (after?.position !== undefined && !searchOnly(filter)) {
      throw invalid([{ in: 'query', name: 'after', reason: 'is not a seek key this API gave out for these filters' }]);
    }
    const { total, last, details } = await publishedServicePage(db, filter, page, after, {
      knownTotal,
      details: { now: ctx.now, full },
    });
    if (last && page.page * page.perPage < total) c.header('Link', nextLink(c, page, last));
    const contents = serviceContents(details!, full, ctx);
    const body = hsdsPage(contents, total, page);
    contentLanguage(c, ctx);
    return c.json(body as never, 200);
  })
  .openapi(serviceRoute, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('db');
    const ctx = contextOf(c);
    const [body] = serviceContents(await serviceDetails(db, [id], ctx.now, true), true, ctx);
    if (!body) throw notFound('published service', id);
    contentLanguage(c, ctx);
    return c.json(body as never, 200);
  })
  .openapi(serviceAtLocationListRoute, async (c) => {
    const query = c.req.valid('query');
    if (query.postcode !== undefined) {
      throw invalid([
        {
          in: 'query',
          name: 'postcode',
          reason:
            'Masar has no postcodes (they are hardly used in Iraq and Guatemala); filter by area with ' +
            '/api/v1/services?area=P-code',
        },
      ]);
    }
    if (query.proximity !== undefined) {
      throw invalid([
        {
          in: 'query',
          name: 'proximity',
          reason: 'HSDS measures proximity from a postcode, which Masar has not; use /api/v1/services?near=lat,lon',
        },
      ]);
    }
    const db = c.get('db');
    const ctx = contextOf(c);
    const seek = siteSeekOf(query.after);
    const page = pageAt(c, pageOf(query), seek?.before);
    const filter = serviceFilter(query, needsTypes(query) ? await serviceTypesAt(db, c.get('directory')) : []);
    // Unfiltered, the total is the count of published sites kept with the directory version.
    const unfiltered = Object.values(filter).every((value) => value === undefined);
    const knownTotal = unfiltered ? (c.get('directory') ?? (await readDirectoryVersion(db))).publishedSites : undefined;
    const { rows, total, details } = await publishedServiceAtLocationPage(db, filter, page, seek?.key, knownTotal, {
      now: ctx.now,
      full: query.full === 'true',
    });
    const lastSite = rows.at(-1);
    if (lastSite && page.page * page.perPage < total) {
      c.header('Link', nextPageLink(c, page, `${lastSite.id}.${page.page * page.perPage}`));
    }
    const contents = servicesAtLocations(
      rows.map((r) => r.id),
      details!,
      query.full === 'true',
      ctx,
    );
    const body = hsdsPage(contents, total, page);
    contentLanguage(c, ctx);
    return c.json(body as never, 200);
  })
  .openapi(serviceAtLocationRoute, async (c) => {
    const { id } = c.req.valid('param');
    const ctx = contextOf(c);
    const db = c.get('db');
    const serviceId = await serviceOfServiceAtLocation(db, id);
    const [body] = serviceId
      ? servicesAtLocations([id], await serviceDetails(db, [serviceId], ctx.now, true), true, ctx)
      : [];
    if (!body) throw notFound('service_at_location of a published service', id);
    contentLanguage(c, ctx);
    return c.json(body as never, 200);
  })
  .openapi(organizationListRoute, async (c) => {
    const query = c.req.valid('query');
    const db = c.get('db');
    const ctx = contextOf(c);
    const page = pageOf(query);
    if (query.full !== 'true') refuseWith(c, ['full_service'], 'needs full=true (services are listed only then)');
    const typeIds = typeIdsOf(query, needsTypes(query) ? await serviceTypesAt(db, c.get('directory')) : []);
    const found = await publishedOrganisationPage(
      db,
      page,
      { typeIds, textMatch: textMatchOf(query.search) },
      query.full === 'true' ? { now: ctx.now, full: query.full_service === 'true' } : undefined,
    );
    const { ids, total } = found;
    const byId = new Map(found.organisations.map((o) => [o.id, o]));
    const organisations = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    const services =
      found.services && servicesByOrganisation(ids, found.services.details, query.full_service === 'true', ctx);
    const contents = organisations.map((o) =>
      services ? { ...hsdsOrganization(o, ctx), services: services.get(o.id) ?? [] } : hsdsOrganization(o, ctx),
    );
    const body = hsdsPage(contents, total, page);
    contentLanguage(c, ctx);
    return c.json(body as never, 200);
  })
  .openapi(organizationRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { full_service } = c.req.valid('query');
    const db = c.get('db');
    const ctx = contextOf(c);
    const [organisation] = await publicOrganisations(db, [id]);
    if (!organisation) throw notFound('organization with a published service', id);
    const body = {
      ...hsdsOrganization(organisation, ctx),
      services: (await servicesOf(c, [id], full_service === 'true', ctx)).get(id) ?? [],
    };
    contentLanguage(c, ctx);
    return c.json(body as never, 200);
  })
  .openapi(taxonomyListRoute, (c) => {
    const query = c.req.valid('query');
    const ctx = contextOf(c);
    const page = pageOf(query);
    let all = TAXONOMIES.map((t) => t.build(ctx));
    if (query.search !== undefined) {
      const words = normaliseText(query.search).split(' ').filter(Boolean);
      if (!words.length) throw invalid([{ in: 'query', name: 'search', reason: 'has no searchable words' }]);
      all = all.filter((t) => words.every((w) => normaliseText(`${t.name} ${t.description}`).includes(w)));
    }
    const body = hsdsPage(slice(all, page), all.length, page);
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(taxonomyRoute, (c) => {
    const { id } = c.req.valid('param');
    const taxonomy = TAXONOMIES.find((t) => t.id === id);
    if (!taxonomy) throw notFound('taxonomy', id);
    const ctx = contextOf(c);
    const body = taxonomy.build(ctx);
    contentLanguage(c, ctx);
    return c.json(body, 200);
  })
  .openapi(termListRoute, async (c) => {
    const query = c.req.valid('query');
    const ctx = contextOf(c);
    const page = pageOf(query);
    const terms = termsMatching(query, allTerms(await serviceTypesAt(c.get('db'), c.get('directory'))));
    const body = hsdsPage(
      slice(terms, page).map((t) => t.build(ctx)),
      terms.length,
      page,
    );
    contentLanguage(c, ctx);
    return c.json(body as never, 200);
  })
  .openapi(termRoute, async (c) => {
    const { id } = c.req.valid('param');
    const ctx = contextOf(c);
    const term = allTerms(await serviceTypesAt(c.get('db'), c.get('directory'))).find((t) => t.id === id);
    if (!term) throw notFound('taxonomy term', id);
    const body = term.build(ctx);
    contentLanguage(c, ctx);
    return c.json(body as never, 200);
  })
  .openapi(pathwayListRoute, async (c) => {
    const query = c.req.valid('query');
    const db = c.get('db');
    const ctx = contextOf(c);
    const page = pageOf(query);
    const { rows, total } = await publishedPathwayPage(db, page);
    const steps = await stepsOfPathways(
      db,
      rows.map((p) => p.id),
    );
    const body = hsdsPage(
      rows.map((p) => hsdsPathway(p, steps, ctx)),
      total,
      page,
    );
    contentLanguage(c, ctx);
    return c.json(body as never, 200);
  })
  // HSDS clients join "/" to the API's base URL: answer /api/v1/hsds/ as /api/v1/hsds.
  .get('/:trailingSlash{/?}', (c) => {
    const query = HsdsLangQuery.safeParse(c.req.query());
    if (!query.success) throw invalid(invalidParamsFromZod(query.error, 'query'));
    return c.json(hsdsRoot(originOf(c), dataLicence(c.env.DATA_LICENCE)), 200);
  });

/** Every service that passes the filter, as ndjson lines, read batch by batch with a seek. */
async function* serviceLines(
  c: Context<AppEnv>,
  filter: ServiceFilter,
  full: boolean,
  ctx: HsdsContext,
): AsyncGenerator<string> {
  const db = c.get('db');
  let after: ServiceSeekKey | undefined;
  for (;;) {
    const { ids, last, details } = await publishedServicePage(db, filter, { page: 1, perPage: 100 }, after, {
      withTotal: false,
      details: { now: ctx.now, full },
    });
    const items = serviceContents(details!, full, ctx);
    if (items.length) yield items.map((item) => `${JSON.stringify(item)}\n`).join('');
    if (!last || ids.length < 100) return;
    after = last;
  }
}

/**
 * The published services of each organisation, in name order: one-to-one fields, or fully nested.
 * One statement finds them for every organisation of a page, one batch reads their documents.
 */
async function servicesOf(c: Context<AppEnv>, organisationIds: string[], full: boolean, ctx: HsdsContext) {
  const db = c.get('db');
  const owned = await publishedServicesOf(db, organisationIds);
  const details = await serviceDetails(
    db,
    owned.map((row) => row.id),
    ctx.now,
    full,
  );
  return servicesByOrganisation(organisationIds, details, full, ctx);
}

/** The services of `details` grouped by organisation, each group in the order read (name order). */
function servicesByOrganisation(organisationIds: string[], details: HsdsDetails, full: boolean, ctx: HsdsContext) {
  const byOrganisation = new Map<string, object[]>(organisationIds.map((id) => [id, []]));
  for (const r of details.records) {
    byOrganisation
      .get(r.organisation.id)
      ?.push(full ? hsdsServiceFull(r, details.types, details.areas, ctx) : hsdsServiceFields(r, ctx));
  }
  return byOrganisation;
}

/**
 * service_at_location objects for the given ids (sites of the given services), in the order given:
 * the site as the public sees it, and its service (one-to-one fields, or fully nested).
 */
function servicesAtLocations(ids: string[], details: HsdsDetails, full: boolean, ctx: HsdsContext) {
  const { records, areas } = details;
  const nested = full
    ? records.map((r) => hsdsServiceFull(r, details.types, areas, ctx))
    : records.map((r) => hsdsServiceSummary(r, ctx));
  const serviceById = new Map(nested.map((s) => [s.id, s]));
  const sites = new Map(records.flatMap((r) => r.locations.map((l) => [l.serviceAtLocationId, { l, r }] as const)));
  return ids.flatMap((id) => {
    const site = sites.get(id);
    if (!site) return [];
    const timeZone = COUNTRY_TIME_ZONES[site.r.service.country as Country];
    return [
      {
        ...hsdsServiceAtLocation(site.l, areas.get(site.l.areaPcode), site.r.service, timeZone, ctx),
        service: serviceById.get(site.r.service.id),
      },
    ];
  });
}
