/**
 * GET /api/v1/areas/{pcode}/offline-pack: every address a phone must keep to use a governorate
 * without internet, in one language: its district and subdistrict pages, the published services
 * relevant there, the pathways that hold in each of its areas, the guide, the map's data for each
 * area page and the map's files, and a page that says "not saved" for the rest. The browser saves
 * them only when a person asks (web/src/offline/); this answer stores nothing.
 *
 * A fixed number of queries (api/queries/offline-pack.ts), however large the governorate.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { localise } from '../domain/language.ts';
import { AREA_LEVELS } from '../domain/vocabulary.ts';
import type { AppEnv } from '../env.ts';
import { invalid, notFound } from '../errors.ts';
import { getArea, type AreaRow } from '../queries/areas.ts';
import { offlinePackContents } from '../queries/offline-pack.ts';
import { serviceTypesAt } from '../queries/service-types.ts';
import { createRouter } from '../router.ts';
import { AreaParam } from '../schemas/areas.ts';
import { LangQuery, LocalizedValue, jsonContent, problemResponses } from '../schemas/common.ts';
import { mapServicesUrl, readAreaQuery } from '../pages/area-filters.ts';
import { siteHref } from '../pages/page-context.ts';
import { UI_LANGUAGES, isUiLanguage, type UiLanguage } from '../../web/src/i18n/index.ts';

/** How long a saved pack is trusted when OFFLINE_PACK_DAYS is not set. */
export const DEFAULT_OFFLINE_PACK_DAYS = 14;

/**
 * The web app's files a saved page needs (stable names, web/vite.config.ts): the page script and
 * stylesheet, then the map's lazy chunk, MapLibre, its worker and styles, and the map's credits.
 * The PMTiles reader (esm.js) serves an optional self-hosted basemap.
 */
const APP_FILES = ['/assets/main.js', '/assets/main.css', '/assets/preload-helper.js', '/favicon.svg'];
const MAP_FILES = [
  '/assets/area-map.js',
  '/assets/maplibre.js',
  '/assets/maplibre.css',
  '/assets/map.css',
  '/assets/maplibre-gl-worker.mjs',
  '/assets/esm.js',
  '/assets/info.svg',
  '/api/v1/attribution',
];

const OfflinePack = z
  .object({
    area: z.object({ pcode: z.string(), name: LocalizedValue }),
    lang: z.enum(UI_LANGUAGES),
    data_as_of: z.string().openapi({ description: 'When the listed pages were read (ISO 8601).' }),
    expires_at: z.string().openapi({
      description: 'After this moment a saved copy says plainly that it may be out of date (ISO 8601).',
    }),
    valid_days: z.number().int(),
    offline_page: z.string().openapi({ description: 'The page shown for an address that was not saved.' }),
    counts: z.object({
      areas: z.number().int(),
      services: z.number().int(),
      pathway_pages: z.number().int(),
      map_data: z.number().int(),
    }),
    urls: z.array(z.string()).openapi({ description: 'Same-origin addresses to save, the governorate page first.' }),
  })
  .openapi('OfflinePack');

const packRoute = createRoute({
  method: 'get',
  path: '/{pcode}/offline-pack',
  tags: ['Areas'],
  summary: 'The addresses to save to use a governorate without internet',
  description:
    'Every page of the governorate (its districts and subdistricts), each published service relevant there, ' +
    'the pathway pages that hold in each of its areas, the guide, the map data of each area page and the files ' +
    'the pages and the map need, in `lang`. With the moment the data was read and when a saved copy expires ' +
    '(OFFLINE_PACK_DAYS). Only public pages; nothing is stored on the server.',
  request: { params: AreaParam, query: LangQuery },
  responses: {
    200: jsonContent(OfflinePack, 'What to save'),
    400: problemResponses[400],
    404: problemResponses[404],
  },
});

/** OFFLINE_PACK_DAYS as a whole number of days from 1 to 365; anything else gives the default. */
export function offlinePackDays(value: string | undefined): number {
  const days = Number(value);
  return Number.isInteger(days) && days >= 1 && days <= 365 ? days : DEFAULT_OFFLINE_PACK_DAYS;
}

export const offlinePackRouter = createRouter().openapi(packRoute, async (c) => {
  const { pcode } = c.req.valid('param');
  const db = c.get('db');
  const area = await getArea(db, pcode);
  if (!area) throw notFound('area', pcode);
  if (area.level !== AREA_LEVELS.governorate) {
    throw invalid([{ in: 'path', name: 'pcode', reason: 'must be a governorate (departamento), such as IQG15' }]);
  }
  const detected = c.get('language');
  const lang: UiLanguage = isUiLanguage(detected) ? detected : 'ar';
  const now = new Date();
  const days = offlinePackDays(c.env.OFFLINE_PACK_DAYS);
  const pack = await packUrls(c, area, lang);
  return c.json(
    {
      area: { pcode: area.pcode, name: localise(area.names, lang) },
      lang,
      data_as_of: now.toISOString(),
      expires_at: new Date(now.getTime() + days * 86_400_000).toISOString(),
      valid_days: days,
      offline_page: siteHref('/offline', lang),
      counts: pack.counts,
      urls: pack.urls,
    },
    200,
  );
});

async function packUrls(c: Context<AppEnv>, governorate: AreaRow, lang: UiLanguage) {
  const db = c.get('db');
  const [contents, types] = await Promise.all([
    offlinePackContents(db, governorate),
    serviceTypesAt(db, c.get('directory')),
  ]);
  const href = (path: string, params?: Record<string, string>) => siteHref(path, lang, params);
  const withChildren = new Set(contents.areas.map((a) => a.parentPcode));
  const areaPages = contents.areas.map((a) => href(`/a/${a.pcode}`));
  // The same addresses the area page's map asks for (api/pages/area.tsx): the boundaries of the
  // area's children (an area without any: its siblings') and its services as points.
  const mapData = contents.areas.flatMap((a) => {
    const boundaryParent = withChildren.has(a.pcode) || !a.parentPcode ? a.pcode : a.parentPcode;
    const { params } = readAreaQuery({}, types, { area: a.pcode, limit: 1 });
    return [`/api/v1/map/boundaries?parent=${boundaryParent}&lang=${lang}`, mapServicesUrl(params, lang)];
  });
  const pathwayPages = contents.areas.flatMap((a) =>
    (contents.pathwaysByArea.get(a.pcode) ?? []).map((id) => href(`/p/${id}`, { a: a.pcode })),
  );
  // A service page is saved once, without the area it was reached from (the offline worker
  // answers /s/{id}?a=…&lang= with it).
  const servicePages = contents.serviceIds.map((id) => href(`/s/${id}`));
  const urls = [
    areaPages[0]!,
    ...APP_FILES,
    ...UI_LANGUAGES.map((l) => siteHref('/offline', l)),
    href('/guide'),
    href('/'),
    href('/privacy'),
    href('/about'),
    ...contents.ancestors.map((a) => href(`/a/${a.pcode}`)),
    ...areaPages.slice(1),
    ...servicePages,
    ...pathwayPages,
    ...MAP_FILES,
    ...mapData,
  ];
  return {
    urls: [...new Set(urls)],
    counts: {
      areas: areaPages.length,
      services: servicePages.length,
      pathway_pages: pathwayPages.length,
      map_data: new Set(mapData).size,
    },
  };
}
