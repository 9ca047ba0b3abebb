/**
 * List ↔ map. The map chunk (MapLibre, ~250 KB compressed) is imported only when a person opens
 * the map (S10), never before. The choice is kept in the address with replaceState (S2).
 */
import type { AreaMap } from '../map/area-map.ts';

type View = 'list' | 'map';

export class ViewToggle {
  private map: AreaMap | null = null;
  private readonly buttons: HTMLButtonElement[];
  private readonly status: HTMLElement;

  constructor(
    private readonly toggle: HTMLElement,
    private readonly mapView: HTMLElement,
    private readonly results: () => HTMLElement,
  ) {
    this.buttons = [...toggle.querySelectorAll<HTMLButtonElement>('button[data-view]')];
    this.status = mapView.querySelector('[data-role="status"]')!;
  }

  install() {
    this.toggle.hidden = false;
    for (const button of this.buttons)
      button.addEventListener('click', () => void this.show(button.dataset.view as View));
    if (new URL(location.href).searchParams.get('view') === 'map') void this.show('map');
  }

  async show(view: View) {
    for (const button of this.buttons) button.setAttribute('aria-pressed', String(button.dataset.view === view));
    const address = new URL(location.href);
    if (view === 'map') address.searchParams.set('view', 'map');
    else address.searchParams.delete('view');
    history.replaceState(null, '', address.href);
    this.results().hidden = view === 'map';
    this.mapView.hidden = view !== 'map';
    if (view === 'list') return;
    // On a phone the map starts below the fold: bring the toggle and the map into view.
    this.toggle.scrollIntoView({ block: 'start' });
    if (this.map) {
      this.map.resize();
      return;
    }
    this.status.textContent = this.mapView.dataset.msgLoading ?? '';
    try {
      const { AreaMap } = await import('../map/area-map.ts');
      this.map = new AreaMap(this.mapView);
      await this.map.open(this.servicesUrl());
      this.status.textContent = '';
    } catch (error) {
      console.warn('map unavailable', error);
      this.status.textContent = this.mapView.dataset.msgFailed ?? '';
    }
  }

  /** After the filters changed: the map shows the same services as the list. */
  refresh() {
    this.map?.setServices(this.servicesUrl());
    if (!this.mapView.hidden) this.results().hidden = true;
  }

  private servicesUrl(): string {
    return this.results().dataset.mapServices ?? '';
  }
}
