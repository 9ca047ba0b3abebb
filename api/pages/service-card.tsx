/** One service in an area's list: enough to choose, and the first direct actions (few taps). */
import { html } from 'hono/html';
import type { FC } from 'hono/jsx';
import type { PageContext } from './page-context.ts';
import { attribute, type Html } from './html-text.ts';
import { localisedHtml } from './localised.tsx';
import {
  contactActionHtml,
  freshnessBadgeHtml,
  hoursLineHtml,
  sampleBadgeHtml,
  typeLabelsHtml,
  walkInPlaceHtml,
} from './service-parts.tsx';
import { isPhoneKind } from '../domain/vocabulary.ts';
import type { ServiceSummaryView } from './service-texts.ts';

export interface ServiceCardProps {
  service: ServiceSummaryView;
  page: PageContext;
  /** The area the list is for, so the service page can link back to it. */
  areaPcode?: string;
  /** The service's own time zone: hours are stated in it (S8). */
  timeZone: string;
  headingLevel: 3 | 4;
  /** What a filtered list should know about this service: what is not known, what does not match. */
  notes?: string[];
  /** Hours and the dial and message actions right under the name: for hotlines at the top of a page. */
  actionsFirst?: boolean;
}

/**
 * Printed with hono's `html` template, not JSX: an area page holds up to a page of these, and building
 * and walking a JSX tree per card was most of the page's CPU (html-text.ts).
 */
export const ServiceCard: FC<ServiceCardProps> = (props) => serviceCardHtml(props);

export function serviceCardHtml(props: ServiceCardProps): Html {
  const { service, page, areaPcode, timeZone, headingLevel, notes, actionsFirst } = props;
  const { t } = page;
  const id = service.id;
  // Every public route: the ones with a link as buttons (phones first), the others (a visit in
  // person, a number an app cannot open) as text, so no way of reaching them is hidden.
  const actions = service.contact_routes
    .filter((r) => r.href)
    .sort((a, b) => Number(isPhoneKind(b.kind)) - Number(isPhoneKind(a.kind)));
  const unlinked = service.contact_routes.filter((r) => !r.href);
  // Coordinates of public locations only (confidential ones have none): near-me sorts on the device.
  const points = service.locations
    .filter((l) => l.lat !== null && l.lon !== null)
    .map((l) => `${l.lat},${l.lon}`)
    .join(';');
  const facts = [
    service.cost === 'free' ? t('costFree') : null,
    // "On request" is not "female staff": a reader must know to ask.
    service.female_staff === 'yes'
      ? t('femaleStaffLabel')
      : service.female_staff === 'on_request'
        ? t('femaleStaffOnRequest')
        : null,
    service.anonymous_reporting === 'yes' ? t('filterAnonymous') : null,
  ].filter(Boolean);
  const hoursLine = hoursLineHtml(service.hours, page, timeZone);
  const actionButtons =
    actions.length > 0
      ? html`<div class="service-card__actions">${actions.map((route) => contactActionHtml(route, page, true))}</div>`
      : null;
  // Whether it was checked lately, said before a hotline's actions: a person decides whether to call.
  const freshness = service.verification.freshness;
  const badges = [
    freshness !== 'fresh' ? freshnessBadgeHtml(freshness, page) : null,
    service.is_sample ? sampleBadgeHtml(page) : null,
  ];
  const distance = html`<span class="distance" data-role="distance" hidden=""></span>`;
  const meta = html`<p class="service-card__meta">${badges}${distance}</p>`;
  const link = html`<a href="${page.href(`/s/${id}`, { a: areaPcode })}">${localisedHtml(service.name, page.lang)}</a>`;
  const name =
    headingLevel === 3
      ? html`<h3 class="service-card__name" id="service-${id}">${link}</h3>`
      : html`<h4 class="service-card__name" id="service-${id}">${link}</h4>`;
  const unmet =
    notes && notes.length > 0
      ? html`<ul class="service-card__unmet" data-role="unmet-filters">${notes.map(
          (note) => html`<li>${note}</li>`,
        )}</ul>`
      : null;
  const routes =
    unlinked.length > 0
      ? html`<ul class="service-card__routes">${unlinked.map((route) => {
          const place = route.kind === 'walk_in' ? walkInPlaceHtml(page, service, route.value) : null;
          const hours = hoursLineHtml(route.hours, page, timeZone);
          const action = contactActionHtml(route, page, true);
          const routeId = attribute('data-contact-route', route.id);
          return html`<li class="service-card__route"${routeId}>${action}${place}${hours}</li>`;
        })}</ul>`
      : null;
  const content = [
    name,
    actionsFirst ? [hoursLine, meta, actionButtons] : null,
    service.organisation.name
      ? html`<p class="service-card__org">${t('runBy', { org: service.organisation.name.text })}</p>`
      : null,
    typeLabelsHtml(service, page),
    unmet,
    actionsFirst ? null : hoursLine,
    facts.length > 0 ? html`<p class="service-card__facts">${facts.join(' · ')}</p>` : null,
    actionsFirst ? null : actionButtons,
    routes,
    actionsFirst ? null : meta,
  ];
  const cardAttributes = [
    attribute('data-points', points || undefined),
    service.is_priority_channel ? html` data-priority="true"` : null,
  ];
  const article = html`<article aria-labelledby="service-${id}">${content}</article>`;
  return html`<li class="service-card" data-service="${id}"${cardAttributes}>${article}</li>`;
}
