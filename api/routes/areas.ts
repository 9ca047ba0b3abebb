import { createRoute } from '@hono/zod-openapi';
import { localise } from '../domain/language.ts';
import { invalid, notFound } from '../errors.ts';
import { ancestorsOf, getArea, listAreas, parentsOf, searchAreas } from '../queries/areas.ts';
import { createRouter } from '../router.ts';
import { AreaDetail, AreaList, AreaListQuery, AreaParam, AreaSearchList, AreaSearchQuery } from '../schemas/areas.ts';
import { LangQuery, jsonContent, problemResponses } from '../schemas/common.ts';
import { areaView } from '../views/area-view.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Areas'],
  summary: 'The area tree, one level at a time',
  request: { query: AreaListQuery },
  responses: { 200: jsonContent(AreaList, 'Areas'), 400: problemResponses[400] },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  tags: ['Areas'],
  summary: 'Find areas by name in any language or script',
  request: { query: AreaSearchQuery },
  responses: {
    200: jsonContent(AreaSearchList, 'Matching areas, the place meant first'),
    400: problemResponses[400],
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{pcode}',
  tags: ['Areas'],
  summary: 'One area with its ancestors and children',
  request: { params: AreaParam, query: LangQuery },
  responses: { 200: jsonContent(AreaDetail, 'The area'), 400: problemResponses[400], 404: problemResponses[404] },
});

export const areasRouter = createRouter()
  .openapi(listRoute, async (c) => {
    const { parent, country, level } = c.req.valid('query');
    const lang = c.get('language');
    const rows = await listAreas(c.get('db'), { parent, country, level });
    return c.json({ items: rows.map((a) => areaView(a, lang)), lang }, 200);
  })
  .openapi(searchRoute, async (c) => {
    const { q, limit } = c.req.valid('query');
    const db = c.get('db');
    const rows = await searchAreas(db, q, limit);
    if (!rows) throw invalid([{ in: 'query', name: 'q', reason: 'has no searchable words' }]);
    const lang = c.get('language');
    // Each place with its parent's name beside it: there are several "Markaz …" and "San …".
    const parents = await parentsOf(db, rows);
    const items = rows.map((a) => {
      const parent = parents.get(a.pcode);
      return { ...areaView(a, lang), parent_name: parent ? localise(parent.names, lang) : null };
    });
    return c.json({ items, lang }, 200);
  })
  .openapi(detailRoute, async (c) => {
    const { pcode } = c.req.valid('param');
    const db = c.get('db');
    const lang = c.get('language');
    const area = await getArea(db, pcode);
    if (!area) throw notFound('area', pcode);
    const [ancestors, children] = await Promise.all([ancestorsOf(db, area), listAreas(db, { parent: pcode })]);
    return c.json(
      {
        ...areaView(area, lang),
        ancestors: ancestors.map((a) => areaView(a, lang)),
        children: children.map((a) => areaView(a, lang)),
      },
      200,
    );
  });
