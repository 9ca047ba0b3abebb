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
}

export class ServiceMarkers {
  private shown = new Map<string, Marker>();
  private popup: Popup | null = null;

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
  }

  private create(feature: MapGeoJSONFeature): Marker {
    const p = feature.properties as Record<string, string | number | boolean>;
    const [lon, lat] = (feature.geometry as unknown as { coordinates: [number, number] }).coordinates;
    const button = document.createElement('button');
    button.type = 'button';
    if (p.cluster) {
      const count = formatNumber(Number(p.point_count), this.context.lang);
      button.className = 'map-cluster';
      button.textContent = count;
      button.setAttribute('aria-label', this.context.clusterLabel(count));
      button.addEventListener('click', () => void this.expand(Number(p.cluster_id), [lon, lat]));
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

  private async expand(clusterId: number, centre: [number, number]) {
    const source = this.map.getSource<GeoJSONSource>('services');
    if (!source) return;
    const zoom = await source.getClusterExpansionZoom(clusterId);
    this.map.easeTo({ center: centre, zoom });
  }

  /** A popup with the service's name as a link: the tap that opens the service page. */
  private open(serviceId: string, name: string, at: [number, number]) {
    const link = document.createElement('a');
    link.className = 'map-popup__link';
    const area = encodeURIComponent(this.context.area);
    link.href = `/s/${encodeURIComponent(serviceId)}?a=${area}&lang=${this.context.lang}`;
    link.textContent = name;
    link.dir = 'auto';
    this.popup?.remove();
    // The tap that opened it must not also close it (closeOnClick listens on the map).
    this.popup = new Popup({ closeButton: true, closeOnClick: false, maxWidth: '16rem', offset: 14 })
      .setLngLat(at)
      .setDOMContent(link)
      .addTo(this.map);
    link.focus();
  }
}
