/**
 * /s/{id}: everything public about one service (S7): each contact route as a direct action with
 * its own hours, what happens after contact, cost, female staff, languages, eligibility,
 * confidentiality, accessibility, places (with a geo: link unless confidential), notices, which
 * services it receives cases from or passes them to, when it
 * was last checked (C2) and "report a problem" (C8). The title stays neutral (S5): a service's
 * name can say what it is for.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { isPcode } from '../domain/vocabulary.ts';
import type { AppEnv } from '../env.ts';
import { serviceWithLinks } from '../queries/service-page.ts';
import { hasCardNumber } from '../views/safe-card-view.ts';
import { referralLinkView, serviceDetail } from '../views/service-view.ts';
import { Layout } from './layout.tsx';
import { Localised } from './localised.tsx';
import { notFoundPage } from './not-found.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { ProblemReportForm } from './problem-report.tsx';
import { WeeklyHours } from './weekly-hours.tsx';
import {
  ContactAction,
  FreshnessBadge,
  HoursLine,
  SafeCardLink,
  SampleBadge,
  TypeLabels,
  WalkInPlace,
} from './service-parts.tsx';
import {
  anonymousKey,
  costKey,
  dateText,
  eligibilityText,
  femaleStaffKey,
  languageList,
  noteBeyondFact,
  timeZoneOf,
} from './service-texts.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ServiceDetailView = ReturnType<typeof serviceDetail>;

export async function servicePage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) return notFoundPage(c);
  const db = c.get('db');
  const { parts, types, areas, links } = await serviceWithLinks(db, c.get('directory'), id, page.now);
  if (!parts) return notFoundPage(c);
  const service = serviceDetail(
    parts,
    areas.map((a) => a.areaPcode),
    types,
    page.lang,
    page.now,
  );
  const timeZone = timeZoneOf(parts.service.country);
  const backArea = isPcode(c.req.query('a') ?? '') ? c.req.query('a') : undefined;
  return c.html(
    <Layout page={page} kind="service" dataAsOf={{ timeZone }}>
      <ServiceView
        page={page}
        service={service}
        timeZone={timeZone}
        backArea={backArea}
        referrals={{
          receivesFrom: links.receivesFrom.map((l) => referralLinkView(l, page.lang)),
          passesTo: links.passesTo.map((l) => referralLinkView(l, page.lang)),
        }}
      />
    </Layout>,
  );
}

type ReferralLinkView = ReturnType<typeof referralLinkView>;

export const ServiceView: FC<{
  page: PageContext;
  service: ServiceDetailView;
  timeZone: string;
  backArea?: string;
  /** Published services only (queries/pathways.ts `referralLinksOf`). */
  referrals?: { receivesFrom: ReferralLinkView[]; passesTo: ReferralLinkView[] };
}> = (props) => {
  const { page, service, timeZone, backArea, referrals } = props;
  const { t, lang } = page;
  const cost = t(costKey[service.cost]);
  const eligibility = eligibilityText(service.eligibility, page);
  const anonymous = t(anonymousKey[service.anonymous_reporting]);
  const accessibility = service.accessibility.length
    ? service.accessibility
        .map((feature) => t(`access_${feature}` as 'access_remote'))
        .join(page.dir === 'rtl' ? '، ' : ', ')
    : t('accessibilityNone');
  return (
    <article class="service" aria-labelledby="service-name">
      {backArea && (
        <p class="back-link">
          <a href={page.href(`/a/${backArea}`)}>{t('backToList')}</a>
        </p>
      )}
      <h1 id="service-name">
        <Localised value={service.name} ui={lang} />
      </h1>
      {service.organisation.name && <p class="service__org">{t('runBy', { org: service.organisation.name.text })}</p>}
      <TypeLabels service={service} page={page} />
      {service.is_sample && (
        <p>
          <SampleBadge page={page} />
        </p>
      )}
      <HoursLine hours={service.hours} page={page} timeZone={timeZone} class="service__hours" />

      <section aria-labelledby="contact-heading" class="service__section">
        <h2 id="contact-heading">{t('contactHeading')}</h2>
        {/* "See the places below" only when there are places to see. */}
        {service.contact_routes.length === 0 && (
          <p>{t(service.locations.length > 0 ? 'noContactRoutes' : 'noContactRoutesYet')}</p>
        )}
        <ul class="routes">
          {service.contact_routes.map((route) => (
            <li class="route">
              <ContactAction route={route} page={page} />
              {route.label && (
                <p class="route__label">
                  <Localised value={route.label} ui={lang} />
                </p>
              )}
              {route.kind === 'walk_in' && <WalkInPlace page={page} service={service} locationId={route.value} />}
              <HoursLine hours={route.hours} page={page} timeZone={timeZone} />
              <WeeklyHours week={route.week} page={page} country={service.country} />
              {route.languages.length > 0 && (
                <p class="route__languages">{t('routeLanguages', { list: languageList(route.languages, page) })}</p>
              )}
              {route.notes && (
                <p class="route__note">
                  <Localised value={route.notes} ui={lang} />
                </p>
              )}
              {route.verification.freshness !== 'fresh' && (
                <FreshnessBadge freshness={route.verification.freshness} page={page} />
              )}
            </li>
          ))}
        </ul>
        {hasCardNumber(service) && <SafeCardLink page={page} path={`/s/${service.id}/card`} />}
      </section>

      <section aria-labelledby="after-contact-heading" class="service__section service__after-contact">
        <h2 id="after-contact-heading">{t('afterContactHeading')}</h2>
        <p>
          <Localised value={service.after_contact} ui={lang} fallback={t('afterContactUnknown')} />
        </p>
      </section>

      {service.description && (
        <section aria-labelledby="description-heading" class="service__section">
          <h2 id="description-heading">{t('descriptionHeading')}</h2>
          <p>
            <Localised value={service.description} ui={lang} />
          </p>
        </section>
      )}

      <section aria-labelledby="details-heading" class="service__section">
        <h2 id="details-heading">{t('detailsHeading')}</h2>
        <dl class="facts">
          <Fact label={t('costLabel')}>
            {cost}
            <Note value={service.cost_note} fact={cost} page={page} />
          </Fact>
          <Fact label={t('femaleStaffLabel')}>{t(femaleStaffKey[service.female_staff])}</Fact>
          <Fact label={t('languagesLabel')}>
            {service.languages.length ? languageList(service.languages, page) : t('languagesUnknown')}
          </Fact>
          <Fact label={t('eligibilityLabel')}>
            {eligibility}
            <Note value={service.eligibility_note} fact={eligibility} page={page} />
          </Fact>
          <Fact label={t('confidentialityLabel')}>
            {anonymous}
            <Note value={service.confidentiality_note} fact={anonymous} page={page} />
          </Fact>
          <Fact label={t('accessibilityLabel')}>
            {accessibility}
            <Note value={service.accessibility_note} fact={accessibility} page={page} />
          </Fact>
          {service.organisation_website && (
            <Fact label={t('websiteLabel')}>
              <a href={service.organisation_website} rel="noreferrer noopener">
                <bdi dir="ltr">{service.organisation_website.replace(/^https?:\/\//, '')}</bdi>
              </a>
            </Fact>
          )}
        </dl>
      </section>

      <ReferralLinks page={page} role="receives-cases-from" links={referrals?.receivesFrom ?? []} backArea={backArea} />
      <ReferralLinks page={page} role="passes-cases-to" links={referrals?.passesTo ?? []} backArea={backArea} />

      {service.locations.length > 0 && <Places page={page} service={service} timeZone={timeZone} />}
      {service.closures.length > 0 && <Notices page={page} service={service} timeZone={timeZone} />}

      <section aria-labelledby="checked-heading" class="service__section">
        <h2 id="checked-heading">{t('checkedHeading')}</h2>
        <p>
          {service.verification.last_verified_at
            ? t('lastChecked', { date: dateText(service.verification.last_verified_at, page, timeZone) })
            : t('notChecked')}{' '}
          <FreshnessBadge freshness={service.verification.freshness} page={page} />
        </p>
        <p class="service__source">
          {t('sourceLabel')}: <SourceText page={page} service={service} />
        </p>
      </section>

      <ProblemReportForm page={page} service={service} />
    </article>
  );
};

/**
 * Where the listing came from, as a public reference: the site that published it (a link) and
 * when, in the reader's language. The stored description (the publisher's name, in one language)
 * is not shown here; without a public address, the page says the source is not recorded yet.
 * Sample listings say they are made-up data.
 */
const SourceText: FC<{ page: PageContext; service: ServiceDetailView }> = ({ page, service }) => {
  if (service.is_sample) return <>{page.t('sourceSample')}</>;
  const url = service.source.url && URL.canParse(service.source.url) ? new URL(service.source.url) : null;
  if (!url || !/^https?:$/.test(url.protocol)) return <>{page.t('sourceNotRecorded')}</>;
  const link = (
    <a href={url.href} rel="noreferrer noopener">
      <bdi dir="ltr">{url.hostname.replace(/^www\./, '')}</bdi>
    </a>
  );
  if (!service.source.date) return link;
  // A date without a time: read in UTC, so no time zone moves it to the day before.
  const [before, after] = page
    .t('sourcePublishedOn', { site: '\u0000', date: dateText(service.source.date, page, 'UTC') })
    .split('\u0000');
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
};

const Fact: FC<{ label: string; children?: unknown }> = ({ label, children }) => (
  <div class="fact">
    <dt>{label}</dt>
    <dd>{children as never}</dd>
  </div>
);

/** A data note after a fact: only what it adds to the fact printed just before it. */
const Note: FC<{ value: ServiceDetailView['cost_note']; fact: string; page: PageContext }> = ({
  value,
  fact,
  page,
}) => {
  const text = value && noteBeyondFact(value.text, fact);
  return text ? (
    <span class="fact__note">
      {' '}
      <Localised value={{ ...value, text }} ui={page.lang} />
    </span>
  ) : null;
};

/**
 * "Receives cases from" or "Passes cases to": each other service by name, a link to its page, with
 * the link's note. Nothing at all when there is none, so no heading stands over an empty list.
 */
const ReferralLinks: FC<{
  page: PageContext;
  role: 'receives-cases-from' | 'passes-cases-to';
  links: ReferralLinkView[];
  backArea?: string;
}> = ({ page, role, links, backArea }) => {
  if (!links.length) return null;
  const headingId = `${role}-heading`;
  return (
    <section aria-labelledby={headingId} class="service__section service__referrals" data-role={role}>
      <h2 id={headingId}>
        {page.t(role === 'receives-cases-from' ? 'receivesCasesFromHeading' : 'passesCasesToHeading')}
      </h2>
      <ul class="referral-links">
        {links.map((link) => (
          <li data-service={link.service.id}>
            <a href={page.href(`/s/${link.service.id}`, { a: backArea })}>
              <Localised value={link.service.name} ui={page.lang} />
            </a>
            {link.note && (
              <>
                {' · '}
                <Localised value={link.note} ui={page.lang} />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
};

const Places: FC<{ page: PageContext; service: ServiceDetailView; timeZone: string }> = ({
  page,
  service,
  timeZone,
}) => (
  <section aria-labelledby="places-heading" class="service__section">
    <h2 id="places-heading">{page.t('placesHeading')}</h2>
    <ul class="places">
      {service.locations.map((place) => (
        <li class="place">
          {place.name && (
            <h3 class="place__name">
              <Localised value={place.name} ui={page.lang} />
            </h3>
          )}
          {place.confidential ? (
            <p class="place__confidential">{page.t('placeConfidential')}</p>
          ) : (
            place.address && (
              <p class="place__address">
                <Localised value={place.address} ui={page.lang} />
              </p>
            )
          )}
          <HoursLine hours={place.hours} page={page} timeZone={timeZone} />
          <WeeklyHours week={place.week} page={page} country={service.country} />
          {place.hours_note && (
            <p class="place__hours-note">
              <Localised value={place.hours_note} ui={page.lang} />
            </p>
          )}
          {!place.confidential && place.lat !== null && place.lon !== null && (
            // The phone's own map app opens the place: no map service is contacted from here.
            <a class="action action--map" href={`geo:${place.lat},${place.lon}`}>
              {page.t('openInMapApp')}
            </a>
          )}
        </li>
      ))}
    </ul>
  </section>
);

const Notices: FC<{ page: PageContext; service: ServiceDetailView; timeZone: string }> = ({
  page,
  service,
  timeZone,
}) => (
  <section aria-labelledby="notices-heading" class="service__section">
    <h2 id="notices-heading">{page.t('noticesHeading')}</h2>
    <ul class="notices">
      {service.closures.map((closure) => (
        <li class={`notice ${closure.closes ? 'notice--closed' : 'notice--info'}`}>
          <strong>{closure.closes ? page.t('noticeClosed') : page.t('noticeInfo')}</strong>{' '}
          {page.t('noticeFromTo', {
            from: dateText(closure.starts_at, page, timeZone),
            to: dateText(closure.ends_at, page, timeZone),
          })}
          {closure.reason && (
            <>
              {': '}
              <Localised value={closure.reason} ui={page.lang} />
            </>
          )}
        </li>
      ))}
    </ul>
  </section>
);
