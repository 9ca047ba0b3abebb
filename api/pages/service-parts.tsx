/** Pieces shared by the service card (in lists) and the service page. */
import { html } from 'hono/html';
import type { FC } from 'hono/jsx';
import type { PageContext } from './page-context.ts';
import { attribute, type Html } from './html-text.ts';
import { localisedHtml } from './localised.tsx';
import {
  actionKey,
  displayPhone,
  freshnessKey,
  hoursText,
  shownAsPhone,
  type ContactRouteView,
  type HoursView,
  type ServiceSummaryView,
} from './service-texts.ts';

export const HoursLine: FC<{ hours: HoursView; page: PageContext; timeZone: string; class?: string }> = (props) =>
  hoursLineHtml(props.hours, props.page, props.timeZone, props.class);

export function hoursLineHtml(hours: HoursView, page: PageContext, timeZone: string, extraClass?: string): Html {
  const cls = `hours hours--${hours.state} ${extraClass ?? ''}`.trim();
  return html`<p class="${cls}">${hoursText(hours, page, timeZone)}</p>`;
}

/**
 * One contact route as a direct action (S7): `tel:` with ASCII digits, sms:, WhatsApp, Signal,
 * Telegram, mailto:, a web form. Numbers are isolated left-to-right inside RTL text (S9).
 */
export const ContactAction: FC<{ route: ContactRouteView; page: PageContext; compact?: boolean }> = ({
  route,
  page,
  compact,
}) => contactActionHtml(route, page, compact);

export function contactActionHtml(route: ContactRouteView, page: PageContext, compact?: boolean): Html {
  const label = page.t(actionKey(route.kind));
  // A web form's address says nothing useful; a walk-in's value is a location id (its place is shown instead).
  const shown = shownAsPhone(route)
    ? displayPhone(route.value)
    : route.kind === 'web_form' || route.kind === 'walk_in'
      ? null
      : route.value;
  const value = shown ? html` <bdi dir="ltr" class="action__value">${shown}</bdi>` : null;
  const content = html`<span class="action__verb">${label}</span>${value}`;
  if (!route.href) return html`<span class="action action--${route.kind} action--static">${content}</span>`;
  const external = /^https:/.test(route.href);
  const className = `action action--${route.kind}${compact ? ' action--compact' : ''}`;
  const attributes = [
    attribute('href', route.href),
    external ? html` rel="noreferrer noopener"` : null,
    attribute('data-contact-route', route.id),
  ];
  return html`<a class="${className}"${attributes}>${content}</a>`;
}

export const FreshnessBadge: FC<{ freshness: string; page: PageContext }> = ({ freshness, page }) =>
  freshnessBadgeHtml(freshness, page);

export const freshnessBadgeHtml = (freshness: string, page: PageContext): Html =>
  html`<span class="badge badge--${freshness.replace('_', '-')}">${page.t(freshnessKey(freshness))}</span>`;

export const SampleBadge: FC<{ page: PageContext }> = ({ page }) => sampleBadgeHtml(page);

export const sampleBadgeHtml = (page: PageContext): Html =>
  html`<span class="badge badge--sample">${page.t('sampleBadge')}</span>`;

/** Service types as small labels. */
export const TypeLabels: FC<{ service: ServiceSummaryView; page: PageContext }> = ({ service, page }) =>
  typeLabelsHtml(service, page);

export const typeLabelsHtml = (service: ServiceSummaryView, page: PageContext): Html =>
  html`<ul class="type-labels" aria-label="${page.t('typesLabel')}">${service.service_types.map(
    (type) => html`<li class="type-label type-label--${type.id}">${localisedHtml(type.name, page.lang)}</li>`,
  )}</ul>`;

/** Where a walk-in route leads: the place's name and address, or that the address is confidential. */
export const WalkInPlace: FC<{ page: PageContext; service: ServiceSummaryView; locationId: string }> = ({
  page,
  service,
  locationId,
}) => walkInPlaceHtml(page, service, locationId);

export function walkInPlaceHtml(page: PageContext, service: ServiceSummaryView, locationId: string): Html | null {
  const place = service.locations.find((l) => l.id === locationId);
  if (!place) return null;
  if (place.confidential) return html`<p class="route__place">${page.t('placeConfidential')}</p>`;
  const name = localisedHtml(place.name, page.lang);
  const address = localisedHtml(place.address, page.lang);
  return html`<p class="route__place">${name}${place.name && place.address ? ' · ' : ''}${address}</p>`;
}

/**
 * To the safe card of a service or pathway: its numbers and hours to print, text or share. Not on
 * paper (web/src/safe-card/safe-card.css): a printed page has its numbers already.
 */
export const SafeCardLink: FC<{ page: PageContext; path: string; area?: string }> = ({ page, path, area }) => (
  <p class="safe-card-link">
    <a href={page.href(path, { a: area })} data-role="safe-card-link">
      {page.t('safeCardLink')}
    </a>
  </p>
);
