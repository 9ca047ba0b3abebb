import { createRoute } from '@hono/zod-openapi';
import { localise } from '../domain/language.ts';
import { invalid, notFound } from '../errors.ts';
import { areaNames, getArea } from '../queries/areas.ts';
import { allConcerns, loadPathway, pathwaysFor } from '../queries/pathways.ts';
import { createRouter } from '../router.ts';
import { LangQuery, jsonContent, problemResponses } from '../schemas/common.ts';
import {
  ConcernList,
  PathwayDetail,
  PathwayDetailQuery,
  PathwayIdParam,
  PathwayList,
  PathwayListQuery,
} from '../schemas/pathways.ts';
import { concernView, pathwaySummary, stepView } from '../views/pathway-view.ts';

const concernsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Pathways'],
  summary: 'The concerns pathways are for, with names in every language',
  request: { query: LangQuery },
  responses: { 200: jsonContent(ConcernList, 'Concerns'), 400: problemResponses[400] },
});

export const concernsRouter = createRouter().openapi(concernsRoute, async (c) => {
  const lang = c.get('language');
  const rows = await allConcerns(c.get('db'));
  return c.json({ items: rows.map((row) => concernView(row, lang)), lang }, 200);
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Pathways'],
  summary: 'The referral pathways that hold in an area, one per concern',
  description:
    'For each concern, the published pathway defined for the area itself or, failing that, for its nearest ' +
    'larger area (a subdistrict follows its governorate unless it has its own). `inherited` and `defined_at` ' +
    'say which.',
  request: { query: PathwayListQuery },
  responses: { 200: jsonContent(PathwayList, 'Pathways'), 400: problemResponses[400] },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Pathways'],
  summary: "One pathway's steps, each with the services that serve it in the area",
  request: { params: PathwayIdParam, query: PathwayDetailQuery },
  responses: {
    200: jsonContent(PathwayDetail, 'The pathway'),
    400: problemResponses[400],
    404: problemResponses[404],
  },
});

export const pathwaysRouter = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    const db = c.get('db');
    const lang = c.get('language');
    const now = new Date();
    const [area, concerns] = await Promise.all([getArea(db, query.area), allConcerns(db)]);
    if (!area) throw invalid([{ in: 'query', name: 'area', reason: `no area with P-code ${query.area}` }]);
    if (query.concern && !concerns.some((x) => x.id === query.concern)) {
      throw invalid([{ in: 'query', name: 'concern', reason: `unknown concern: ${query.concern}` }]);
    }
    const found = await pathwaysFor(db, area.path, query.concern);
    const order = new Map(concerns.map((x, i) => [x.id, i]));
    found.sort((a, b) => order.get(a.concernId)! - order.get(b.concernId)!);
    const names = await areaNames(db, [...new Set([area.pcode, ...found.map((p) => p.areaPcode)])]);
    const context = { concerns, areaNames: names, requestedPcode: area.pcode };
    return c.json(
      {
        area: { pcode: area.pcode, name: localise(names.get(area.pcode), lang) },
        items: found.map((p) => pathwaySummary(p, context, lang, now)),
        lang,
      },
      200,
    );
  })
  .openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const lang = c.get('language');
    const now = new Date();
    const loaded = await loadPathway(c.get('db'), id, query.area, now);
    if (!loaded.ok) {
      if (loaded.problem === 'no_pathway') throw notFound('published pathway', id);
      const reason =
        loaded.problem === 'no_area'
          ? `no area with P-code ${loaded.areaPcode}`
          : `the pathway holds in ${loaded.pathwayArea}, which does not contain ${loaded.areaPcode}`;
      throw invalid([{ in: 'query', name: 'area', reason }]);
    }
    const { pathway, area, concerns, types, steps, areaNames: names } = loaded;
    const context = { concerns, areaNames: names, requestedPcode: area.pcode };
    return c.json(
      {
        ...pathwaySummary(pathway, context, lang, now),
        area: { pcode: area.pcode, name: localise(names.get(area.pcode), lang) },
        steps: steps.map((s) => stepView(s, types, lang, now)),
        lang,
        evaluated_at: now.toISOString(),
      },
      200,
    );
  });
