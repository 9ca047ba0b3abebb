import { createRoute, z } from '@hono/zod-openapi';
import attribution from '../../db/seed/geo/ATTRIBUTION.json';
import { createRouter } from '../router.ts';
import { jsonContent } from '../schemas/common.ts';

const Attribution = z
  .array(z.object({ scope: z.string(), text: z.string(), licence: z.string(), url: z.string() }))
  .openapi('Attribution', { description: 'Credits the boundary and name data requires.' });

const attributionRoute = createRoute({
  method: 'get',
  path: '/attribution',
  tags: ['About'],
  summary: 'Data sources and the credit their licences require',
  responses: { 200: jsonContent(Attribution, 'Credits') },
});

export const metaRouter = createRouter()
  .openapi(attributionRoute, (c) => c.json(attribution, 200))
  // The browsable reference (P2) is a static page that renders openapi.json.
  .get('/reference', (c) => c.redirect('/reference/', 302))
  .get('/', (c) =>
    c.json({
      name: 'Masar directory API',
      openapi: '/api/v1/openapi.json',
      reference: '/reference/',
      resources: [
        '/api/v1/areas',
        '/api/v1/service-types',
        '/api/v1/services',
        '/api/v1/map/services',
        '/api/v1/map/boundaries',
        '/api/v1/hsds/',
        '/api/v1/exports/',
        '/api/v1/attribution',
      ],
    }),
  );
