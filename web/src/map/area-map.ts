/**
 * The map of an area's services (its own chunk, loaded on demand by view-toggle.ts). Boundaries
 * from /api/v1/map/boundaries are the base layer (no tile server, S3); services from
 * /api/v1/map/services with the list's filters, clustered; credits from /api/v1/attribution.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import {
  addProtocol,
  AttributionControl,
  Map as MapLibreMap,
  setWorkerUrl,
  type GeoJSONSource,
  type Marker,
  type LngLatBoundsLike,
  type StyleSpecification,
} from 'maplibre-gl';
// The worker script is copied as a file (same origin), so no blob: worker is needed (CSP).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { isUiLanguage, type UiLanguage } from '../i18n/languages.ts';
import { fill } from '../i18n/placeholders.ts';
import { addAreaLabels, keepLabelsClear } from './area-labels.ts';
import { mapStyle, OTHER_COLOUR, TYPE_COLOURS, usesPmtiles, withBasemap, type ServicesAnswer } from './map-style.ts';
import { ServiceMarkers } from './service-markers.ts';
import { ZoomControl } from './zoom-control.ts';

setWorkerUrl(workerUrl);

export class AreaMap {
  private map: MapLibreMap | null = null;
  private markers: ServiceMarkers | null = null;
  private labels: Marker[] = [];
  private readonly data: DOMStringMap;
  private readonly lang: UiLanguage;
  /**
   * Set while the map draws counts per cell (the list's view held more services than points can
   * show): then every move asks for the services in view, as counts or, zoomed in, as points, and
   * `pointsBox` is the view whose points are drawn.
   */
  private byView = false;
  private pointsBox: [number, number, number, number] | null = null;
  private asked = 0;

  constructor(private readonly view: HTMLElement) {
    this.data = view.dataset;
    this.lang = isUiLanguage(this.data.lang) ? this.data.lang : 'ar';
  }

  async open(servicesUrl: string) {
    const canvas = this.view.querySelector<HTMLElement>('[data-role="canvas"]')!;
    const [boundaries, credits, basemap, services] = await Promise.all([
      fetchJson<{ features: [] }>(this.data.boundariesUrl!),
      fetchJson<Array<{ text: string }>>(this.data.attributionUrl!).catch(() => []),
      this.data.basemapStyle ? loadBasemap(this.data.basemapStyle) : null,
      fetchJson<ServicesAnswer>(summarised(servicesUrl)),
    ]);
    this.byView = services.counts === true;
    const colourOf = this.colourLookup();
    const ours = mapStyle({ boundariesUrl: this.data.boundariesUrl!, services, currentArea: this.data.area! });
    const map = new MapLibreMap({
      container: canvas,
      style: basemap ? withBasemap(basemap, ours) : ours,
      bounds: this.data.bbox!.split(',').map(Number) as unknown as LngLatBoundsLike,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      // Nothing is sent anywhere: no telemetry exists, and no URL is fetched but ours.
      maxZoom: 16,
      dragRotate: false,
      // MapLibre's own words (the canvas's accessible name), in the page's language.
      locale: { 'Map.Title': this.data.msgMap ?? 'Map' },
      pitchWithRotate: false,
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(
      new ZoomControl({ zoomIn: this.data.msgZoomIn ?? '+', zoomOut: this.data.msgZoomOut ?? '−' }),
      'top-left',
    );
    map.addControl(
      new AttributionControl({ compact: true, customAttribution: credits.map((c) => escapeHtml(c.text)) }),
      'bottom-right',
    );
    this.map = map;
    this.markers = new ServiceMarkers(map, {
      lang: this.lang,
      area: this.data.area!,
      colourOf,
      clusterLabel: (count) => fill(this.data.msgCluster ?? '{n}', { n: count }),
      cellLabel: (count) => fill(this.data.msgCell ?? '{n}', { n: count }),
      cellsLabel: (count) => fill(this.data.msgCells ?? '{n}', { n: count }),
      clusterZoom: this.data.msgClusterZoom ?? '+',
      clusterMore: (count) => fill(this.data.msgClusterMore ?? '{n}', { n: count }),
      onDrawn: (markers) => keepLabelsClear(this.labels, markers),
    });
    this.markers.install();
    this.shown(services);
    await new Promise<void>((resolve, reject) => {
      map.once('load', () => resolve());
      map.once('error', (event) => reject(event.error));
    });
    this.labels = addAreaLabels(map, boundaries as never, this.lang);
    this.markers.update();
    map.on('moveend', () => void this.followView());
    // MapLibre opens the compact credits at first; on a phone they would cover the map. The "i"
    // button opens them, and the about page lists them in full.
    this.view.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
    this.view.dataset.ready = 'true';
  }

  setServices(url: string) {
    if (!this.map || !url) return;
    void this.draw(summarised(url), null);
  }

  /** While counts are drawn, the services of the view the person moved to (counts, or points zoomed in). */
  private async followView() {
    if (!this.map || !this.byView) return;
    const bounds = this.map.getBounds();
    const view: [number, number, number, number] = [
      bounds.getWest(),
      bounds.getSouth(),
      bounds.getEast(),
      bounds.getNorth(),
    ].map((n) => Math.round(n * 1e4) / 1e4) as [number, number, number, number];
    const box = this.pointsBox;
    if (box && view[0] >= box[0] && view[1] >= box[1] && view[2] <= box[2] && view[3] <= box[3]) return;
    await this.draw(`/api/v1/map/services?bbox=${view.join(',')}&summary=auto&lang=${this.lang}`, view);
  }

  /** Draws the answer of `url` unless a later request overtook it; `view` is the box it asked about. */
  private async draw(url: string, view: [number, number, number, number] | null) {
    const asked = ++this.asked;
    const answer = await fetchJson<ServicesAnswer>(url).catch(() => null);
    if (!answer || asked !== this.asked || !this.map) return;
    if (!view) this.byView = answer.counts === true;
    this.pointsBox = view && !answer.counts ? view : null;
    this.markers?.clear();
    this.shown(answer);
    this.map.getSource<GeoJSONSource>('services')?.setData(answer as never);
  }

  /** What the drawn answer is: counts (a group of them says "up to"), and whether all of the view was checked. */
  private shown(answer: ServicesAnswer) {
    if (this.markers) this.markers.counts = answer.counts === true;
    const partly = this.view.querySelector<HTMLElement>('[data-role="partly-checked"]');
    if (partly) partly.hidden = answer.checked_all !== false;
  }

  resize() {
    this.map?.resize();
  }

  /** Legend entries say which types share a colour; their swatches get it here. */
  private colourLookup(): (serviceType: string) => string {
    const colours = new Map<string, string>();
    for (const entry of this.view.querySelectorAll<HTMLElement>('.map-legend li[data-group]')) {
      const colour = TYPE_COLOURS[entry.dataset.group!] ?? OTHER_COLOUR;
      entry.querySelector<HTMLElement>('.map-legend__swatch')!.style.backgroundColor = colour;
      for (const type of (entry.dataset.types ?? '').split(' ')) colours.set(type, colour);
    }
    return (type) => colours.get(type) ?? OTHER_COLOUR;
  }
}

/** The list's map URL, asking for counts per cell when the view holds more services than points can show. */
const summarised = (url: string) => `${url}${url.includes('?') ? '&' : '?'}summary=auto`;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json() as Promise<T>;
}

/** MapLibre writes attributions as HTML; the credits are text. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The configured self-hosted basemap, or null if it cannot be read (the boundaries alone still
 * make a usable map). PMTiles support is loaded only when the style needs it.
 */
async function loadBasemap(url: string): Promise<StyleSpecification | null> {
  try {
    const style = await fetchJson<StyleSpecification>(url);
    if (usesPmtiles(style)) {
      const { Protocol } = await import('pmtiles');
      addProtocol('pmtiles', new Protocol().tile);
    }
    return style;
  } catch {
    return null;
  }
}
