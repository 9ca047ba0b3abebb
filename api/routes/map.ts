/**
 * GeoJSON for the map: service points and area boundaries. Confidential locations (C9) are not
 * points: the public read model already returns them without coordinates.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { localise } from '../domain/language.ts';
import { notFound } from '../errors.ts';
import { areaNames, boundariesOf, getArea, listAreas } from '../queries/areas.ts';
import { listingRequest } from '../queries/listing-request.ts';
import { listServices } from '../queries/service-listing.ts';
import { allServiceTypes } from '../queries/service-types.ts';
import { createRouter } from '../router.ts';
import { LanguageParam, PcodeParam, problemResponses } from '../schemas/common.ts';
import { ServiceListQuery } from '../schemas/services.ts';

/** The map shows at most this many services; a wider view should narrow by area or box. */
const MAP_LIMIT = 500;

const FeatureCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) })
  .openapi('FeatureCollection', { description: 'RFC 7946 GeoJSON.' });
const geojson = (description: string) => ({
  description,
  content: { 'application/geo+json': { schema: FeatureCollection } },
});

const servicesRoute = createRoute({
  method: 'get',
  path: '/services',
  tags: ['Map'],
  summary: 'Service locations as GeoJSON points (same filters as /services)',
  request: { query: ServiceListQuery },
  responses: { 200: geojson('Points, one per public location of each matching service'), 400: problemResponses[400] },
});

const boundariesRoute = createRoute({
  method: 'get',
  path: '/boundaries',
  tags: ['Map'],
  summary: 'Boundaries of the children of an area (default: governorates/departments of both countries)',
  request: { query: z.object({ parent: PcodeParam.optional(), lang: LanguageParam.optional() }) },
  responses: { 200: geojson('Polygons with P-code and name'), 400: problemResponses[400], 404: problemResponses[404] },
});

export const mapRouter = createRouter()
  .openapi(servicesRoute, async (c) => {
    const query = c.req.valid('query');
    const db = c.get('db');
    const lang = c.get('language');
    const types = await allServiceTypes(db);
    const page = await listServices(
      db,
      await listingRequest(db, { ...query, cursor: undefined }, types, { limit: MAP_LIMIT, now: new Date() }),
    );
    const priorityTypes = new Set(types.filter((t) => t.isPriorityChannel).map((t) => t.id));
    // Each point names its area, so a client can say "services in …" without asking again.
    const names = await areaNames(db, [...new Set(page.items.flatMap((i) => i.locations.map((l) => l.areaPcode)))]);
    const features = page.items.flatMap(({ service, typeIds, locations, hours }) =>
      locations.flatMap((l) =>
        l.lon === null || l.lat === null
          ? []
          : [
              {
                type: 'Feature' as const,
                id: `${service.id}/${l.locationId}`,
                geometry: { type: 'Point' as const, coordinates: [l.lon, l.lat] },
                properties: {
                  service_id: service.id,
                  location_id: l.locationId,
                  name: localise(service.names, lang)?.text ?? '',
                  service_type: typeIds[0] ?? null,
                  service_types: typeIds,
                  is_priority_channel: typeIds.some((id) => priorityTypes.has(id)),
                  open_state: hours.state,
                  area_pcode: l.areaPcode,
                  area_name: localise(names.get(l.areaPcode), lang)?.text ?? l.areaPcode,
                },
              },
            ],
      ),
    );
    return geojsonBody(c, JSON.stringify({ type: 'FeatureCollection', features, truncated: page.total > MAP_LIMIT }));
  })
  .openapi(boundariesRoute, async (c) => {
    const { parent } = c.req.valid('query');
    const db = c.get('db');
    const lang = c.get('language');
    if (parent && !(await getArea(db, parent))) throw notFound('area', parent);
    const children = parent ? await listAreas(db, { parent }) : await listAreas(db, { level: 1 });
    const geometries = new Map(
      (
        await boundariesOf(
          db,
          children.map((a) => a.pcode),
        )
      ).map((b) => [b.pcode, b.geometry]),
    );
    // Geometry is stored as GeoJSON text: splice it in rather than parse and re-serialise megabytes.
    const features = children
      .filter((a) => geometries.has(a.pcode))
      .map((a) => {
        const properties = JSON.stringify({
          pcode: a.pcode,
          level: a.level,
          parent_pcode: a.parentPcode,
          name: localise(a.names, lang)?.text ?? a.pcode,
        });
        const id = JSON.stringify(a.pcode);
        return `{"type":"Feature","id":${id},"properties":${properties},"geometry":${geometries.get(a.pcode)}}`;
      });
    return geojsonBody(c, `{"type":"FeatureCollection","features":[${features.join(',')}]}`);
  });

/**
 * GeoJSON goes out as text with its own media type; zod-openapi types handlers by JSON bodies
 * only, hence the cast.
 */
function geojsonBody(c: Context, body: string) {
  return c.body(body, 200, { 'Content-Type': 'application/geo+json; charset=utf-8' }) as never;
}
