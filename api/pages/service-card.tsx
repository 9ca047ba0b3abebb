/** One service in an area's list: enough to choose, and the first direct actions (few taps). */
import type { FC } from 'hono/jsx';
import type { PageContext } from './page-context.ts';
import { attribute, escapeHtml, markup } from './html-text.ts';
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
 * Printed as text, not JSX: an area page holds up to a page of these, and building and walking a
 * JSX tree per card was most of the page's CPU (html-text.ts).
 */
export const ServiceCard: FC<ServiceCardProps> = (props) => markup(serviceCardHtml(props));

export function serviceCardHtml(props: ServiceCardProps): string {
  const { service, page, areaPcode, timeZone, headingLevel, notes, actionsFirst } = props;
  const { t } = page;
  const heading = headingLevel === 3 ? 'h3' : 'h4';
  const id = escapeHtml(service.id);
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
  let actionButtons = '';
  if (actions.length > 0) {
    actionButtons = '<div class="service-card__actions">';
    for (const route of actions) actionButtons += contactActionHtml(route, page, true);
    actionButtons += '</div>';
  }
  // Whether it was checked lately, said before a hotline's actions: a person decides whether to call.
  const meta =
    '<p class="service-card__meta">' +
    (service.verification.freshness !== 'fresh' ? freshnessBadgeHtml(service.verification.freshness, page) : '') +
    (service.is_sample ? sampleBadgeHtml(page) : '') +
    '<span class="distance" data-role="distance" hidden=""></span></p>';
  let html =
    `<li class="service-card" data-service="${id}"` +
    attribute('data-points', points || undefined) +
    (service.is_priority_channel ? ' data-priority="true"' : '') +
    `><article aria-labelledby="service-${id}">` +
    `<${heading} class="service-card__name" id="service-${id}">` +
    `<a href="${escapeHtml(page.href(`/s/${service.id}`, { a: areaPcode }))}">` +
    `${localisedHtml(service.name, page.lang)}</a>` +
    `</${heading}>`;
  if (actionsFirst) html += hoursLine + meta + actionButtons;
  if (service.organisation.name) {
    html += `<p class="service-card__org">${escapeHtml(t('runBy', { org: service.organisation.name.text }))}</p>`;
  }
  html += typeLabelsHtml(service, page);
  if (notes && notes.length > 0) {
    html += '<ul class="service-card__unmet" data-role="unmet-filters">';
    for (const note of notes) html += `<li>${escapeHtml(note)}</li>`;
    html += '</ul>';
  }
  if (!actionsFirst) html += hoursLine;
  if (facts.length > 0) html += `<p class="service-card__facts">${escapeHtml(facts.join(' · '))}</p>`;
  if (!actionsFirst) html += actionButtons;
  if (unlinked.length > 0) {
    html += '<ul class="service-card__routes">';
    for (const route of unlinked) {
      html +=
        `<li class="service-card__route"${attribute('data-contact-route', route.id)}>` +
        contactActionHtml(route, page, true) +
        (route.kind === 'walk_in' ? walkInPlaceHtml(page, service, route.value) : '') +
        hoursLineHtml(route.hours, page, timeZone) +
        '</li>';
    }
    html += '</ul>';
  }
  if (!actionsFirst) html += meta;
  return `${html}</article></li>`;
}
