/**
 * "Use my location" on the start page (S11). The position stays on the phone: the script asks the
 * map for the service points of a block of fixed grid squares around it (./nearest-points.ts: the
 * address names a grid square, never the position), measures distances here, shows the nearest,
 * and links to the list of the area the nearest one is in. The points carry their area's name, so
 * not even the nearest area reaches the server until the person chooses to open it.
 */
import type { BoundingBox } from '../../../api/domain/geo.ts';
import { formatKm } from '../i18n/format.ts';
import { isUiLanguage, type UiLanguage } from '../i18n/languages.ts';
import { fill } from '../i18n/placeholders.ts';
import { currentPosition, type Position } from '../near-me/position.ts';
import { nearestPoints, type MapAnswer, type ServicePoint } from './nearest-points.ts';

const SHOWN = 5;

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
    const pointsIn = async (box: BoundingBox) => {
      const response = await fetch(`/api/v1/map/services?lang=${this.lang}&bbox=${box.join(',')}`, {
        headers: { Accept: 'application/geo+json' },
      });
      return (await response.json()) as MapAnswer;
    };
    const ranked = await nearestPoints(here, SHOWN, pointsIn);
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
