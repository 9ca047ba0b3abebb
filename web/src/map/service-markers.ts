/**
 * Services and clusters as HTML markers: buttons that a keyboard can reach and a screen reader
 * can name, with text that needs no glyph server (numbers in the page's digits). Only what the
 * map shows on screen exists in the DOM, so dozens of markers at most.
 */
import { Marker, Popup, type GeoJSONSource, type MapGeoJSONFeature, type Map as MapLibreMap } from 'maplibre-gl';
import { formatNumber } from '../i18n/format.ts';
import type { UiLanguage } from '../i18n/languages.ts';

export interface MarkerContext {
  lang: UiLanguage;
  /** The area the list is for: service links go back to it. */
  area: string;
  colourOf: (serviceType: string) => string;
  clusterLabel: (count: string) => string;
  /**
   * A cell's count: services of any area with a place in it, not the area's own; a group of cells
   * says "up to", since a service with places in two cells is counted in each.
   */
  cellLabel: (count: string) => string;
  cellsLabel: (count: string) => string;
  /** "Zoom in here" and "And {n} more: zoom in to see them." for a cluster's list. */
  clusterZoom: string;
  clusterMore: (count: string) => string;
  /** Called after every redraw of the markers, with their elements (labels step out of their way). */
  onDrawn?: (markers: HTMLElement[]) => void;
}

/** At most this many services in a cluster's list: beyond it, zooming in is the readable way. */
const CLUSTER_LIST_LIMIT = 12;

export class ServiceMarkers {
  private shown = new Map<string, Marker>();
  private popup: Popup | null = null;
  /** The source holds counts per cell (a wide view), so a cluster is a group of cells. */
  counts = false;

  constructor(
    private readonly map: MapLibreMap,
    private readonly context: MarkerContext,
  ) {}

  install() {
    // 'idle': after every move and every data change, once the map has settled.
    this.map.on('idle', () => this.update());
  }

  /** Drop every marker (the data changed); the next update draws the new ones. */
  clear() {
    for (const marker of this.shown.values()) marker.remove();
    this.shown.clear();
    this.popup?.remove();
  }

  update() {
    if (!this.map.getSource('services')) return;
    const next = new Map<string, Marker>();
    // What is on screen at this zoom (source features would also hold other zooms' clusters).
    for (const feature of this.map.queryRenderedFeatures({ layers: ['services-source'] })) {
      const p = feature.properties as Record<string, unknown>;
      const key = p.cluster ? `cluster:${p.cluster_id}` : `service:${p.service_id}/${p.location_id}`;
      if (next.has(key)) continue;
      const marker = this.shown.get(key) ?? this.create(feature);
      next.set(key, marker);
      if (!this.shown.has(key)) marker.addTo(this.map);
    }
    for (const [key, marker] of this.shown) if (!next.has(key)) marker.remove();
    this.shown = next;
    this.context.onDrawn?.([...next.values()].map((m) => m.getElement()));
  }

  private create(feature: MapGeoJSONFeature): Marker {
    const p = feature.properties as Record<string, string | number | boolean>;
    const [lon, lat] = (feature.geometry as unknown as { coordinates: [number, number] }).coordinates;
    const button = document.createElement('button');
    button.type = 'button';
    if (p.cell) {
      // A cell of a wide view: how many services have a site there; a tap zooms in to it.
      const count = formatNumber(Number(p.services), this.context.lang);
      button.className = 'map-cluster map-cluster--cell';
      button.textContent = count;
      button.setAttribute('aria-label', this.context.cellLabel(count));
      const box = (typeof p.bbox === 'string' ? JSON.parse(p.bbox) : p.bbox) as [number, number, number, number];
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        this.popup?.remove();
        this.map.fitBounds(box, { padding: 24 });
      });
    } else if (p.cluster) {
      // Services, not sites or cells: each point is one service at one site, each cell its count.
      const count = formatNumber(Number(p.services ?? p.point_count), this.context.lang);
      button.className = 'map-cluster';
      button.textContent = count;
      const label = this.counts ? this.context.cellsLabel : this.context.clusterLabel;
      button.setAttribute('aria-label', label(count));
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        void this.list(Number(p.cluster_id), Number(p.services ?? p.point_count), [lon, lat]);
      });
    } else {
      button.className = 'map-marker';
      button.dataset.service = String(p.service_id);
      button.style.backgroundColor = this.context.colourOf(String(p.service_type ?? ''));
      button.setAttribute('aria-label', String(p.name ?? ''));
      button.addEventListener('click', (event) => {
        event.stopPropagation();
        this.open(String(p.service_id), String(p.name ?? ''), [lon, lat]);
      });
    }
    return new Marker({ element: button }).setLngLat([lon, lat]);
  }

  /**
   * A tapped cluster opens as a list of its services, each a link to its page: readable at any
   * zoom, even when the services share one building and no zoom would ever split them. A button
   * zooms in to where the cluster opens up, for those who want to see them on the map.
   */
  private async list(clusterId: number, count: number, at: [number, number]) {
    const source = this.map.getSource<GeoJSONSource>('services');
    if (!source) return;
    const [leaves, zoom] = await Promise.all([
      source.getClusterLeaves(clusterId, CLUSTER_LIST_LIMIT, 0),
      source.getClusterExpansionZoom(clusterId),
    ]);
    // A cluster of cells names no service: zooming in is what opens it up.
    if (leaves.some((leaf) => leaf.properties?.cell)) {
      this.popup?.remove();
      this.map.easeTo({ center: at, zoom });
      return;
    }
    const list = document.createElement('ul');
    list.className = 'map-cluster-list';
    const seen = new Set<string>();
    for (const leaf of leaves) {
      const p = (leaf.properties ?? {}) as Record<string, string>;
      if (seen.has(p.service_id!)) continue;
      seen.add(p.service_id!);
      const item = document.createElement('li');
      item.append(this.serviceLink(String(p.service_id), String(p.name ?? '')));
      list.append(item);
    }
    const content = document.createElement('div');
    content.className = 'map-cluster-popup';
    content.append(list);
    if (count > leaves.length) {
      const more = document.createElement('p');
      more.textContent = this.context.clusterMore(formatNumber(count - leaves.length, this.context.lang));
      content.append(more);
    }
    const zoomIn = document.createElement('button');
    zoomIn.type = 'button';
    zoomIn.className = 'button button--secondary map-cluster-popup__zoom';
    zoomIn.textContent = this.context.clusterZoom;
    zoomIn.addEventListener('click', () => {
      this.popup?.remove();
      this.map.easeTo({ center: at, zoom });
    });
    content.append(zoomIn);
    // Centred first, so the list has the whole width of the map to open in, near an edge too.
    this.map.jumpTo({ center: at });
    this.show(content, at);
  }

  /** A popup with the service's name as a link: the tap that opens the service page. */
  private open(serviceId: string, name: string, at: [number, number]) {
    this.show(this.serviceLink(serviceId, name), at);
  }

  private serviceLink(serviceId: string, name: string): HTMLAnchorElement {
    const link = document.createElement('a');
    link.className = 'map-popup__link';
    const area = encodeURIComponent(this.context.area);
    link.href = `/s/${encodeURIComponent(serviceId)}?a=${area}&lang=${this.context.lang}`;
    link.textContent = name;
    link.dir = 'auto';
    return link;
  }

  private show(content: HTMLElement, at: [number, number]) {
    this.popup?.remove();
    // The tap that opened it must not also close it (closeOnClick listens on the map).
    this.popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '18rem', offset: 14 })
      .setLngLat(at)
      .setDOMContent(content)
      .addTo(this.map);
    (content.matches('a') ? content : content.querySelector<HTMLElement>('a, button'))?.focus();
  }
}
