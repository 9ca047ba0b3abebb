/** Pieces shared by the service card (in lists) and the service page. */
import type { FC } from 'hono/jsx';
import type { PageContext } from './page-context.ts';
import { Localised } from './localised.tsx';
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

export const HoursLine: FC<{ hours: HoursView; page: PageContext; timeZone: string; class?: string }> = (props) => (
  <p class={`hours hours--${props.hours.state} ${props.class ?? ''}`.trim()}>
    {hoursText(props.hours, props.page, props.timeZone)}
  </p>
);

/**
 * One contact route as a direct action (S7): `tel:` with ASCII digits, sms:, WhatsApp, Signal,
 * Telegram, mailto:, a web form. Numbers are isolated left-to-right inside RTL text (S9).
 */
export const ContactAction: FC<{ route: ContactRouteView; page: PageContext; compact?: boolean }> = ({
  route,
  page,
  compact,
}) => {
  const label = page.t(actionKey(route.kind));
  // A web form's address says nothing useful; a walk-in's value is a location id (its place is shown instead).
  const shown = shownAsPhone(route)
    ? displayPhone(route.value)
    : route.kind === 'web_form' || route.kind === 'walk_in'
      ? null
      : route.value;
  const content = (
    <>
      <span class="action__verb">{label}</span>
      {shown && (
        <>
          {' '}
          <bdi dir="ltr" class="action__value">
            {shown}
          </bdi>
        </>
      )}
    </>
  );
  if (!route.href) return <span class={`action action--${route.kind} action--static`}>{content}</span>;
  const external = /^https:/.test(route.href);
  return (
    <a
      class={`action action--${route.kind}${compact ? ' action--compact' : ''}`}
      href={route.href}
      rel={external ? 'noreferrer noopener' : undefined}
      data-contact-route={route.id}
    >
      {content}
    </a>
  );
};

export const FreshnessBadge: FC<{ freshness: string; page: PageContext }> = ({ freshness, page }) => (
  <span class={`badge badge--${freshness.replace('_', '-')}`}>{page.t(freshnessKey(freshness))}</span>
);

export const SampleBadge: FC<{ page: PageContext }> = ({ page }) => (
  <span class="badge badge--sample">{page.t('sampleBadge')}</span>
);

/** Service types as small labels. */
export const TypeLabels: FC<{ service: ServiceSummaryView; page: PageContext }> = ({ service, page }) => (
  <ul class="type-labels" aria-label={page.t('typesLabel')}>
    {service.service_types.map((type) => (
      <li class={`type-label type-label--${type.id}`}>
        <Localised value={type.name} ui={page.lang} />
      </li>
    ))}
  </ul>
);

/** Where a walk-in route leads: the place's name and address, or that the address is confidential. */
export const WalkInPlace: FC<{ page: PageContext; service: ServiceSummaryView; locationId: string }> = ({
  page,
  service,
  locationId,
}) => {
  const place = service.locations.find((l) => l.id === locationId);
  if (!place) return null;
  if (place.confidential) return <p class="route__place">{page.t('placeConfidential')}</p>;
  return (
    <p class="route__place">
      <Localised value={place.name} ui={page.lang} />
      {place.name && place.address ? ' · ' : ''}
      <Localised value={place.address} ui={page.lang} />
    </p>
  );
};

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
