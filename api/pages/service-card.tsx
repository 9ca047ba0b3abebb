/** One service in an area's list: enough to choose, and the first direct actions (few taps). */
import type { FC } from 'hono/jsx';
import type { PageContext } from './page-context.ts';
import { Localised } from './localised.tsx';
import { ContactAction, FreshnessBadge, HoursLine, SampleBadge, TypeLabels, WalkInPlace } from './service-parts.tsx';
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

export const ServiceCard: FC<ServiceCardProps> = (props) => {
  const { service, page, areaPcode, timeZone, headingLevel, notes, actionsFirst } = props;
  const { t } = page;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
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
  const hoursLine = <HoursLine hours={service.hours} page={page} timeZone={timeZone} />;
  const actionButtons = actions.length > 0 && (
    <div class="service-card__actions">
      {actions.map((route) => (
        <ContactAction route={route} page={page} compact />
      ))}
    </div>
  );
  // Whether it was checked lately, said before a hotline's actions: a person decides whether to call.
  const meta = (
    <p class="service-card__meta">
      {service.verification.freshness !== 'fresh' && (
        <FreshnessBadge freshness={service.verification.freshness} page={page} />
      )}
      {service.is_sample && <SampleBadge page={page} />}
      <span class="distance" data-role="distance" hidden></span>
    </p>
  );
  return (
    <li
      class="service-card"
      data-service={service.id}
      data-points={points || undefined}
      data-priority={service.is_priority_channel ? 'true' : undefined}
    >
      <article aria-labelledby={`service-${service.id}`}>
        <Heading class="service-card__name" id={`service-${service.id}`}>
          <a href={page.href(`/s/${service.id}`, { a: areaPcode })}>
            <Localised value={service.name} ui={page.lang} />
          </a>
        </Heading>
        {actionsFirst && hoursLine}
        {actionsFirst && meta}
        {actionsFirst && actionButtons}
        {service.organisation.name && (
          <p class="service-card__org">{t('runBy', { org: service.organisation.name.text })}</p>
        )}
        <TypeLabels service={service} page={page} />
        {notes && notes.length > 0 && (
          <ul class="service-card__unmet" data-role="unmet-filters">
            {notes.map((note) => (
              <li>{note}</li>
            ))}
          </ul>
        )}
        {!actionsFirst && hoursLine}
        {facts.length > 0 && <p class="service-card__facts">{facts.join(' · ')}</p>}
        {!actionsFirst && actionButtons}
        {unlinked.length > 0 && (
          <ul class="service-card__routes">
            {unlinked.map((route) => (
              <li class="service-card__route" data-contact-route={route.id}>
                <ContactAction route={route} page={page} compact />
                {route.kind === 'walk_in' && <WalkInPlace page={page} service={service} locationId={route.value} />}
                <HoursLine hours={route.hours} page={page} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        )}
        {!actionsFirst && meta}
      </article>
    </li>
  );
};
