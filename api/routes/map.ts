/**
 * GeoJSON for the map: service points and area boundaries. Confidential locations (C9) are not
 * points: the public read model already returns them without coordinates, and site_cells (whose
 * counts the map draws for a wide view) never holds them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { BoundingBox } from '../domain/geo.ts';
import { localise } from '../domain/language.ts';
import { notFound } from '../errors.ts';
import { boundariesOf, getArea, listAreas } from '../queries/areas.ts';
import { listingRequest, typesAndArea } from '../queries/listing-request.ts';
import { answeredByRanks, listServices } from '../queries/service-listing.ts';
import { cellCountsIn, countLevelFor, type CellCount } from '../queries/site-cells.ts';
import { createRouter } from '../router.ts';
import { LanguageParam, PcodeParam, problemResponses } from '../schemas/common.ts';
import { ServiceListQuery } from '../schemas/services.ts';

/** The map shows at most this many services; a wider view should narrow by area or box. */
const MAP_LIMIT = 500;

/** The whole earth: the view of a request that names no area and no box. */
const EVERYWHERE: BoundingBox = [-180, -90, 180, 90];

/** A view narrower than this (in degrees, about 5 km) is drawn as points however many it holds. */
const POINTS_ALWAYS_BELOW = 0.05;

/** The parameters that only place the view; any other one filters, and filtered maps are points. */
const PLACING = new Set(['area', 'bbox', 'lang', 'summary', 'sort', 'limit', 'cursor']);

const MapServicesQuery = ServiceListQuery.safeExtend({
  summary: z
    .enum(['auto'])
    .optional()
    .openapi({
      description:
        'With `auto`, a view (the area, the box, or everywhere) that holds more than 500 services and is ' +
        'not filtered otherwise is answered with one point per cell that holds any, with `services` (how ' +
        'many published services have a public site there) and `bbox` (the cell), instead of a point per site.',
    }),
});

const FeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.any()),
    counts: z.boolean().optional().openapi({ description: 'The features are counts per cell, not sites.' }),
    truncated: z
      .boolean()
      .optional()
      .openapi({ description: 'More services match than the map draws (500): narrow by area, box or filter.' }),
    checked_all: z
      .boolean()
      .optional()
      .openapi({
        description:
          'False when only part of the view was checked: a filtered or crowded view is walked a fixed stretch ' +
          'of the listing order (a search, of the order its list reads), and services past it may match too. ' +
          'Zoom in or narrow to see them.',
      }),
  })
  .openapi('FeatureCollection', { description: 'RFC 7946 GeoJSON, with what the map needs to say about it.' });
const geojson = (description: string) => ({
  description,
  content: { 'application/geo+json': { schema: FeatureCollection } },
});

const servicesRoute = createRoute({
  method: 'get',
  path: '/services',
  tags: ['Map'],
  summary:
    'Service locations as GeoJSON points (same filters as /services; a search without a box draws the first 500 ' +
    'services of the list of that search), or counts per cell for a wide view',
  request: { query: MapServicesQuery },
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
    const { summary, ...query } = c.req.valid('query');
    const db = c.get('db');
    const lang = c.get('language');
    const placing = Object.keys(c.req.query()).every((name) => PLACING.has(name));
    if (summary === 'auto' && placing) {
      const counts = await countsInView(c, query.area, query.bbox);
      if (counts) {
        const features = counts.map(countFeature);
        const body = { type: 'FeatureCollection', features, counts: true, truncated: false, checked_all: true };
        return geojsonBody(c, JSON.stringify(body));
      }
    }
    const { types, area } = await typesAndArea(db, c.get('directory'), query.area);
    const request = await listingRequest(db, { ...query, cursor: undefined }, types, {
      limit: MAP_LIMIT,
      now: new Date(),
      area,
    });
    // A map of an area (or of everywhere), unfiltered or of a few service types, walks the stored
    // ranks of that listing and draws its first 500 services' sites: what it reads follows what it
    // draws. A search without a box is read as the listing reads it (its few matches, the full-text
    // index's order, or the area's order with each service's words probed), so the map of a search
    // draws the sites of the first 500 services the list of that search shows. Read as a box over
    // the whole earth, a common word walked a country's order for sites in that box and drew
    // nothing. Any other filter is read as a box is, at any width (the area's box, or everywhere):
    // the cells' counts say whether the view is read whole, and otherwise the listing order is
    // walked a fixed stretch, so a rare filter costs that stretch, never the whole area or directory.
    if (!request.filters.bbox && !placing && !answeredByRanks(request) && !request.filters.textMatch) {
      request.filters.bbox = area ? [area.minLon, area.minLat, area.maxLon, area.maxLat] : EVERYWHERE;
    }
    // Only a service with a public site is drawn: the others' documents are not read.
    const page = await listServices(db, { ...request, placedOnly: true });
    const priorityTypes = new Set(types.filter((t) => t.isPriorityChannel).map((t) => t.id));
    const features = page.items.flatMap(({ service, typeIds, locations, hours, areaNames }) => {
      // Each point names its area, so a client can say "services in …" without asking again: the
      // service's document holds the names of the areas of its sites, read with the page.
      const names = new Map(areaNames.map((a) => [a.pcode, a.names]));
      return locations.flatMap((l) =>
        l.lon === null || l.lat === null
          ? []
          : [
              {
                type: 'Feature' as const,
                id: `${service.id}/${l.locationId}`,
                geometry: { type: 'Point' as const, coordinates: [l.lon, l.lat] },
                properties: {
                  // One service at one site: what a cluster adds up, as it adds up a cell's count.
                  services: 1,
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
      );
    });
    const body = {
      type: 'FeatureCollection',
      features,
      truncated: page.total > MAP_LIMIT,
      checked_all: !page.walkStopped,
    };
    return geojsonBody(c, JSON.stringify(body));
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
 * The counts per cell of the view, when it holds more services than the map draws as points; else
 * undefined. The view is the box, or else the area's box, or everywhere. The counts are geographic:
 * every published service with a public site in the cell, whatever areas it serves.
 */
async function countsInView(
  c: Context<AppEnv>,
  pcode: string | undefined,
  bbox: [number, number, number, number] | undefined,
): Promise<CellCount[] | undefined> {
  const db = c.get('db');
  let box = bbox ?? EVERYWHERE;
  if (!bbox && pcode) {
    const area = await getArea(db, pcode);
    if (!area) throw notFound('area', pcode);
    box = [area.minLon, area.minLat, area.maxLon, area.maxLat];
  }
  if (box[2] - box[0] < POINTS_ALWAYS_BELOW && box[3] - box[1] < POINTS_ALWAYS_BELOW) return undefined;
  const counts = await cellCountsIn(db, box, countLevelFor(box));
  const services = counts.reduce((sum, cell) => sum + cell.services, 0);
  return services > (Number(c.env.MAP_POINTS_LIMIT) || MAP_LIMIT) ? counts : undefined;
}

const countFeature = (count: CellCount) => ({
  type: 'Feature' as const,
  id: `cell/${count.level}/${count.cell}`,
  geometry: { type: 'Point' as const, coordinates: [count.lon, count.lat] },
  properties: { cell: true, services: count.services, bbox: count.box },
});

/**
 * GeoJSON goes out as text with its own media type; zod-openapi types handlers by JSON bodies
 * only, hence the cast.
 */
function geojsonBody(c: Context, body: string) {
  return c.body(body, 200, { 'Content-Type': 'application/geo+json; charset=utf-8' }) as never;
}
