/**
 * "Sort by distance from me" on an area's list (S11). Each card carries its places' coordinates
 * (data-points, public locations only); distances are computed here and the list is reordered
 * here. Hotlines and official channels stay first (S12): they are reachable from anywhere.
 */
import { distanceKm, type Point } from '../../../api/domain/geo.ts';
import { formatKm } from '../i18n/format.ts';
import { isUiLanguage } from '../i18n/languages.ts';
import { fill } from '../i18n/placeholders.ts';
import { currentPosition, type Position } from '../near-me/position.ts';

export class NearMeSort {
  private origin: Position | null = null;
  private readonly status: HTMLElement;
  private readonly lang = document.documentElement.lang;

  constructor(
    private readonly container: HTMLElement,
    private readonly results: () => HTMLElement,
  ) {
    this.status = container.querySelector('[data-role="status"]')!;
  }

  install() {
    this.container.hidden = false;
    this.container.querySelector('button')!.addEventListener('click', () => void this.locate());
  }

  async locate() {
    this.status.textContent = this.container.dataset.msgWorking ?? '';
    try {
      this.origin = await currentPosition();
    } catch {
      this.status.textContent = this.container.dataset.msgUnavailable ?? '';
      return;
    }
    this.status.textContent = '';
    this.sort();
  }

  /** After the filters changed the list: sort the new one the same way. */
  refresh() {
    if (this.origin) this.sort();
  }

  private sort() {
    const origin = this.origin!;
    const results = this.results();
    // The hotlines block above the list gets distances too (it is not reordered).
    const now = document.getElementById('now');
    for (const card of [
      ...(now?.querySelectorAll<HTMLElement>('.service-card') ?? []),
      ...results.querySelectorAll<HTMLElement>('.service-card'),
    ])
      this.label(card, nearest(card.dataset.points, origin));
    const groups = results.querySelector('[data-role="type-groups"]');
    const cards = [...(groups?.querySelectorAll<HTMLElement>('.service-card') ?? [])];
    if (!groups || !cards.length) return;
    const measured = cards.map((card) => ({ card, km: nearest(card.dataset.points, origin) }));
    measured.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity));
    // One list, nearest first, in place of the groups by type.
    const section = document.createElement('section');
    section.className = 'service-group service-group--nearest';
    section.dataset.role = 'type-groups';
    section.setAttribute('aria-labelledby', 'group-nearest');
    const heading = document.createElement('h2');
    heading.id = 'group-nearest';
    heading.textContent = this.container.dataset.msgHeading ?? '';
    const list = document.createElement('ul');
    list.className = 'service-list';
    for (const { card } of measured) {
      const name = card.querySelector('h4');
      if (name) name.replaceWith(retag(name, 'h3'));
      list.append(card);
    }
    section.append(heading, list);
    groups.replaceWith(section);
  }

  private label(card: HTMLElement, km: number | null) {
    const label = card.querySelector<HTMLElement>('[data-role="distance"]');
    if (!label) return;
    const lang = isUiLanguage(this.lang) ? this.lang : 'en';
    label.hidden = false;
    label.textContent =
      km === null
        ? (this.container.dataset.msgUnknown ?? '')
        : fill(this.container.dataset.msgDistance ?? '{km}', { km: formatKm(km, lang) });
  }
}

/** The nearest of a card's places: "lat,lon;lat,lon" → km, or null when it has none. */
function nearest(points: string | undefined, origin: Point): number | null {
  if (!points) return null;
  let best: number | null = null;
  for (const pair of points.split(';')) {
    const [lat, lon] = pair.split(',').map(Number) as [number, number];
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const km = distanceKm(origin, { lat, lon });
    if (best === null || km < best) best = km;
  }
  return best;
}

/** The same heading one level up, now that the cards sit directly under an h2. */
function retag(element: Element, tag: string): HTMLElement {
  const copy = document.createElement(tag);
  for (const name of element.getAttributeNames()) copy.setAttribute(name, element.getAttribute(name)!);
  copy.append(...element.childNodes);
  return copy;
}
