// The public endpoints the load bench drives (those of issue 12's table, page of 20 unless noted),
// and how many rows each answer returns to its reader.

/** A sample listing present at every size (the Noor helpline): one service, API and page. */
const ONE_SERVICE = '866c8ddd-c6ff-59ca-8f3f-a759504af7b2';
const Q_ARABIC = encodeURIComponent('ابتزاز');
/** Mosul, in the district that holds 2% of the directory. */
const NEAR_MOSUL = '36.34,43.13';

/**
 * @type {Array<{ id: string, label: string, path: string | ((answers: Map<string, any>) => string) }>}
 * `path` may depend on an earlier endpoint's answer (HSDS's last page is page 1's `total_pages`).
 */
export const ENDPOINTS = [
  { id: 'district', label: 'services in a district (area=IQG15Q05)', path: '/api/v1/services?area=IQG15Q05&lang=ar' },
  {
    id: 'district-open-now',
    label: 'same, open_now=true',
    path: '/api/v1/services?area=IQG15Q05&open_now=true&lang=ar',
  },
  // A type chosen on the district page: its list, and its map (a type with sub-types: police is five).
  {
    id: 'district-type',
    label: 'services of a type in a district (type=police)',
    path: '/api/v1/services?area=IQG15Q05&type=police&lang=ar',
  },
  {
    id: 'map-district-type',
    label: 'map of a type in a district (type=legal_aid, summary=auto)',
    path: '/api/v1/map/services?area=IQG15Q05&type=legal_aid&summary=auto&lang=ar',
  },
  { id: 'search-arabic', label: 'text search, Arabic (q=ابتزاز)', path: `/api/v1/services?q=${Q_ARABIC}&lang=ar` },
  { id: 'search-legal', label: 'text search, broad Latin (q=legal)', path: '/api/v1/services?q=legal&lang=en' },
  {
    id: 'near',
    label: 'near=…&sort=distance',
    path: `/api/v1/services?near=${NEAR_MOSUL}&sort=distance&lang=ar`,
  },
  { id: 'map-governorate', label: 'map points, a governorate (IQG15)', path: '/api/v1/map/services?area=IQG15' },
  { id: 'map-all', label: 'map points, unscoped', path: '/api/v1/map/services' },
  // What the map itself asks for: counts per cell once a view holds more services than points can show.
  {
    id: 'map-governorate-counts',
    label: 'map as drawn, a governorate (IQG15, summary=auto)',
    path: '/api/v1/map/services?area=IQG15&summary=auto',
  },
  { id: 'map-all-counts', label: 'map as drawn, unscoped (summary=auto)', path: '/api/v1/map/services?summary=auto' },
  { id: 'hsds-first', label: 'HSDS services, page 1', path: '/api/v1/hsds/services?page=1' },
  {
    id: 'hsds-last',
    label: 'HSDS services, last page',
    path: (answers) => `/api/v1/hsds/services?page=${answers.get('hsds-first')?.total_pages ?? 1}`,
  },
  { id: 'area-page', label: 'area page /a/IQG15Q05', path: '/a/IQG15Q05?lang=ar' },
  { id: 'service-api', label: 'one service (API)', path: `/api/v1/services/${ONE_SERVICE}?lang=ar` },
  { id: 'service-page', label: 'one service (page)', path: `/s/${ONE_SERVICE}?lang=ar` },
  { id: 'areas', label: 'areas of a governorate (/areas?parent=IQG15)', path: '/api/v1/areas?parent=IQG15' },
];

/** Rows an answer gives its reader: list items, HSDS contents, map features, service cards, or 1. */
export function rowsReturned(contentType, text) {
  if (/json/.test(contentType)) {
    const body = JSON.parse(text);
    for (const key of ['items', 'contents', 'features']) if (Array.isArray(body[key])) return body[key].length;
    return Array.isArray(body) ? body.length : 1;
  }
  if (/html/.test(contentType)) return Math.max(1, (text.match(/<article[\s>]/g) ?? []).length);
  return 1;
}
