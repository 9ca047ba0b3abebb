/** Pieces shared by the service card (in lists) and the service page. */
import type { FC } from 'hono/jsx';
import type { PageContext } from './page-context.ts';
import { attribute, escapeHtml, markup } from './html-text.ts';
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
  markup(hoursLineHtml(props.hours, props.page, props.timeZone, props.class));

export function hoursLineHtml(hours: HoursView, page: PageContext, timeZone: string, extraClass?: string): string {
  const cls = `hours hours--${hours.state} ${extraClass ?? ''}`.trim();
  return `<p class="${escapeHtml(cls)}">${escapeHtml(hoursText(hours, page, timeZone))}</p>`;
}

/**
 * One contact route as a direct action (S7): `tel:` with ASCII digits, sms:, WhatsApp, Signal,
 * Telegram, mailto:, a web form. Numbers are isolated left-to-right inside RTL text (S9).
 */
export const ContactAction: FC<{ route: ContactRouteView; page: PageContext; compact?: boolean }> = ({
  route,
  page,
  compact,
}) => markup(contactActionHtml(route, page, compact));

export function contactActionHtml(route: ContactRouteView, page: PageContext, compact?: boolean): string {
  const label = page.t(actionKey(route.kind));
  // A web form's address says nothing useful; a walk-in's value is a location id (its place is shown instead).
  const shown = shownAsPhone(route)
    ? displayPhone(route.value)
    : route.kind === 'web_form' || route.kind === 'walk_in'
      ? null
      : route.value;
  const content =
    `<span class="action__verb">${escapeHtml(label)}</span>` +
    (shown ? ` <bdi dir="ltr" class="action__value">${escapeHtml(shown)}</bdi>` : '');
  const kind = escapeHtml(route.kind);
  if (!route.href) return `<span class="action action--${kind} action--static">${content}</span>`;
  const external = /^https:/.test(route.href);
  return (
    `<a class="action action--${kind}${compact ? ' action--compact' : ''}"` +
    attribute('href', route.href) +
    (external ? ' rel="noreferrer noopener"' : '') +
    attribute('data-contact-route', route.id) +
    `>${content}</a>`
  );
}

export const FreshnessBadge: FC<{ freshness: string; page: PageContext }> = ({ freshness, page }) =>
  markup(freshnessBadgeHtml(freshness, page));

export const freshnessBadgeHtml = (freshness: string, page: PageContext): string =>
  `<span class="badge badge--${escapeHtml(freshness.replace('_', '-'))}">` +
  `${escapeHtml(page.t(freshnessKey(freshness)))}</span>`;

export const SampleBadge: FC<{ page: PageContext }> = ({ page }) => markup(sampleBadgeHtml(page));

export const sampleBadgeHtml = (page: PageContext): string =>
  `<span class="badge badge--sample">${escapeHtml(page.t('sampleBadge'))}</span>`;

/** Service types as small labels. */
export const TypeLabels: FC<{ service: ServiceSummaryView; page: PageContext }> = ({ service, page }) =>
  markup(typeLabelsHtml(service, page));

export function typeLabelsHtml(service: ServiceSummaryView, page: PageContext): string {
  let html = `<ul class="type-labels" aria-label="${escapeHtml(page.t('typesLabel'))}">`;
  for (const type of service.service_types) {
    html += `<li class="type-label type-label--${escapeHtml(type.id)}">${localisedHtml(type.name, page.lang)}</li>`;
  }
  return `${html}</ul>`;
}

/** Where a walk-in route leads: the place's name and address, or that the address is confidential. */
export const WalkInPlace: FC<{ page: PageContext; service: ServiceSummaryView; locationId: string }> = ({
  page,
  service,
  locationId,
}) => {
  const html = walkInPlaceHtml(page, service, locationId);
  return html ? markup(html) : null;
};

export function walkInPlaceHtml(page: PageContext, service: ServiceSummaryView, locationId: string): string {
  const place = service.locations.find((l) => l.id === locationId);
  if (!place) return '';
  if (place.confidential) return `<p class="route__place">${escapeHtml(page.t('placeConfidential'))}</p>`;
  return (
    `<p class="route__place">${localisedHtml(place.name, page.lang)}` +
    (place.name && place.address ? ' · ' : '') +
    `${localisedHtml(place.address, page.lang)}</p>`
  );
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
