/**
 * Zoom buttons with text, not MapLibre's icon buttons: their icons are data: URLs, which the
 * CSP (S3) blocks, and text buttons carry localised labels.
 */
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';

export class ZoomControl implements IControl {
  private container: HTMLElement | null = null;

  constructor(private readonly labels: { zoomIn: string; zoomOut: string }) {}

  onAdd(map: MapLibreMap): HTMLElement {
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-group map-zoom';
    container.append(
      this.button('+', this.labels.zoomIn, () => map.zoomIn()),
      this.button('−', this.labels.zoomOut, () => map.zoomOut()),
    );
    this.container = container;
    return container;
  }

  onRemove() {
    this.container?.remove();
    this.container = null;
  }

  private button(text: string, label: string, action: () => void): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'map-zoom__button';
    button.textContent = text;
    button.setAttribute('aria-label', label);
    button.title = label;
    button.addEventListener('click', action);
    return button;
  }
}
