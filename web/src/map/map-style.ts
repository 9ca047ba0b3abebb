/**
 * The map style, typed: no tile server, no glyphs, no sprites (S3). The base layer is the
 * administrative boundaries from our own API; services are HTML markers (see service-markers.ts),
 * so the only service layer here is an invisible one that makes MapLibre load and cluster them.
 */
import type { StyleSpecification } from 'maplibre-gl';

/** Colour per top-level service type (sub-types take their parent's). AA-contrast on white. */
export const TYPE_COLOURS: Record<string, string> = {
  hotline: '#b3261e',
  police: '#1f4e79',
  health: '#2e7d32',
  shelter: '#6a1b9a',
  case_management: '#b84d00',
  mhpss: '#00695c',
  legal_aid: '#5d4037',
  safe_space: '#ad1457',
  digital_security: '#283593',
  cash_assistance: '#5f5a00',
};
export const OTHER_COLOUR = '#455a64';

/** What the services source draws: points, one per site, or counts per cell (a wide view). */
export interface ServicesAnswer {
  type: 'FeatureCollection';
  features: unknown[];
  /** True when the features are cells with a count of services, not sites. */
  counts?: boolean;
  /** False when only part of the view was checked (a crowded or filtered view is walked a stretch). */
  checked_all?: boolean;
}

export interface MapSources {
  boundariesUrl: string;
  services: ServicesAnswer;
  /** The area the page is about: drawn a little stronger than its neighbours. */
  currentArea: string;
}

export function mapStyle({ boundariesUrl, services, currentArea }: MapSources): StyleSpecification {
  return {
    version: 8,
    sources: {
      boundaries: { type: 'geojson', data: boundariesUrl },
      services: {
        type: 'geojson',
        data: services as never,
        cluster: true,
        clusterRadius: 44,
        clusterMaxZoom: 14,
        // A point is one service at one site, a cell counts its services: a cluster adds them up.
        clusterProperties: { services: ['+', ['get', 'services']] },
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } },
      {
        id: 'areas-fill',
        type: 'fill',
        source: 'boundaries',
        paint: { 'fill-color': ['case', ['==', ['get', 'pcode'], currentArea], '#fff6d6', '#fbfbf8'] },
      },
      { id: 'areas-line', type: 'line', source: 'boundaries', paint: { 'line-color': '#5b6b7a', 'line-width': 1.2 } },
      // Loads the clustered source; what people see and tap are HTML markers.
      { id: 'services-source', type: 'circle', source: 'services', paint: { 'circle-radius': 0, 'circle-opacity': 0 } },
    ],
  };
}

/**
 * Our layers drawn over a self-hosted basemap (MAP_BASEMAP_STYLE): the basemap's own sources and
 * layers first, then the boundaries, see-through so streets and places show, then services. The
 * basemap keeps its glyphs and sprite, which must be same-origin like the style (CSP).
 */
export function withBasemap(basemap: StyleSpecification, ours: StyleSpecification): StyleSpecification {
  const overlay = ours.layers
    .filter((layer) => layer.type !== 'background')
    .map((layer) =>
      layer.id === 'areas-fill' ? { ...layer, paint: { ...layer.paint, 'fill-opacity': 0.35 } } : layer,
    );
  return {
    ...basemap,
    sources: { ...basemap.sources, ...ours.sources },
    layers: [...basemap.layers, ...(overlay as StyleSpecification['layers'])],
  };
}

/** Whether a style reads PMTiles archives, which MapLibre needs a protocol for. */
export function usesPmtiles(style: StyleSpecification): boolean {
  return Object.values(style.sources).some(
    (source) => 'url' in source && typeof source.url === 'string' && source.url.startsWith('pmtiles://'),
  );
}
