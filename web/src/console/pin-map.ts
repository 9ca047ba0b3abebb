/**
 * The boundaries map with a pin (its own chunk, like web/src/map/area-map.ts): the base layer is
 * /api/v1/map/boundaries (no tile server, S3), a click or tap moves the pin and reports lon/lat.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import '../map/map.css';
import { Map as MapLibreMap, Marker, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { ZoomControl } from '../map/zoom-control.ts';

setWorkerUrl(workerUrl);

export class PinMap {
  constructor(
    private readonly container: HTMLElement,
    private readonly options: { country: string; lang: string; label: string; zoomIn: string; zoomOut: string },
  ) {}

  async open(pin: [number, number] | null, onPin: (point: [number, number]) => void) {
    const parent = encodeURIComponent(this.options.country);
    const boundaries = `/api/v1/map/boundaries?parent=${parent}&lang=${this.options.lang}`;
    const map = new MapLibreMap({
      container: this.container,
      style: {
        version: 8,
        sources: { boundaries: { type: 'geojson', data: boundaries } },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } },
          { id: 'areas-fill', type: 'fill', source: 'boundaries', paint: { 'fill-color': '#fbfbf8' } },
          {
            id: 'areas-line',
            type: 'line',
            source: 'boundaries',
            paint: { 'line-color': '#5b6b7a', 'line-width': 1.2 },
          },
        ],
      },
      center: pin ?? (this.options.country === 'GT' ? [-90.5, 15.6] : [44.0, 33.2]),
      zoom: pin ? 9 : 5,
      attributionControl: false,
      dragRotate: false,
      maxZoom: 17,
      locale: { 'Map.Title': this.options.label },
    });
    map.addControl(new ZoomControl({ zoomIn: this.options.zoomIn, zoomOut: this.options.zoomOut }), 'top-left');
    const marker = new Marker({ color: '#b3261e' });
    if (pin) marker.setLngLat(pin).addTo(map);
    map.on('click', (event) => {
      const point: [number, number] = [event.lngLat.lng, event.lngLat.lat];
      marker.setLngLat(point).addTo(map);
      onPin(point);
    });
    await new Promise<void>((resolve, reject) => {
      map.once('load', () => resolve());
      map.once('error', (event) => reject(event.error));
    });
    this.container.dataset.ready = 'true';
  }
}
