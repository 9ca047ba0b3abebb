/**
 * "Use my location" on the start page (S11). The position stays on the phone: the script fetches
 * every service point (/api/v1/map/services, a request without coordinates), measures distances
 * here, shows the nearest, and links to the list of the area the nearest one is in. Nothing is
 * requested after the position is known: the points carry their area's name, so not even the
 * nearest area reaches the server until the person chooses to open it.
 */
import { distanceKm } from '../../../api/domain/geo.ts';
import { formatKm } from '../i18n/format.ts';
import { isUiLanguage, type UiLanguage } from '../i18n/languages.ts';
import { fill } from '../i18n/placeholders.ts';
import { currentPosition, type Position } from '../near-me/position.ts';

const SHOWN = 5;

interface ServicePoint {
  properties: { service_id: string; name: string; area_pcode: string; area_name: string };
  geometry: { coordinates: [number, number] };
}

export class HomeNearMe {
  private readonly lang: UiLanguage;
  private readonly status: HTMLElement;

  constructor(private readonly container: HTMLElement) {
    this.lang = isUiLanguage(container.dataset.lang) ? container.dataset.lang : 'ar';
    this.status = container.querySelector('[data-role="status"]')!;
  }

  install() {
    this.container.hidden = false;
    this.container.querySelector('button')!.addEventListener('click', () => void this.run());
  }

  async run() {
    const messages = this.container.dataset;
    this.status.textContent = messages.msgWorking ?? '';
    let here: Position;
    try {
      here = await currentPosition();
    } catch {
      this.status.textContent = messages.msgUnavailable ?? '';
      return;
    }
    const response = await fetch(`/api/v1/map/services?lang=${this.lang}`, {
      headers: { Accept: 'application/geo+json' },
    });
    const points = ((await response.json()) as { features: ServicePoint[] }).features;
    const nearest = new Map<string, { point: ServicePoint; km: number }>();
    for (const point of points) {
      const [lon, lat] = point.geometry.coordinates;
      const km = distanceKm(here, { lat, lon });
      const known = nearest.get(point.properties.service_id);
      if (!known || km < known.km) nearest.set(point.properties.service_id, { point, km });
    }
    const ranked = [...nearest.values()].sort((a, b) => a.km - b.km).slice(0, SHOWN);
    this.render(ranked);
    this.status.textContent = '';
    const first = ranked[0];
    if (first) this.linkArea(first.point.properties.area_pcode, first.point.properties.area_name);
  }

  private render(ranked: Array<{ point: ServicePoint; km: number }>) {
    const list = this.container.querySelector<HTMLElement>('[data-role="list"]')!;
    list.replaceChildren(
      ...ranked.map(({ point, km }) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = `/s/${encodeURIComponent(point.properties.service_id)}?lang=${this.lang}`;
        link.textContent = point.properties.name;
        link.dir = 'auto';
        const distance = document.createElement('span');
        distance.className = 'distance';
        distance.textContent = fill(this.container.dataset.msgDistance ?? '{km}', { km: formatKm(km, this.lang) });
        item.append(link, ' ', distance);
        return item;
      }),
    );
    this.container.querySelector<HTMLElement>('[data-role="results"]')!.hidden = false;
  }

  private linkArea(pcode: string, name: string) {
    const link = document.createElement('a');
    link.href = `/a/${encodeURIComponent(pcode)}?lang=${this.lang}`;
    link.className = 'button';
    link.textContent = fill(this.container.dataset.msgArea ?? '{area}', { area: name });
    this.container.querySelector<HTMLElement>('[data-role="area-link"]')!.replaceChildren(link);
  }
}
