/**
 * What to do now: the hotlines and official reporting channels, dialable, at the top of an area
 * page and of the start page, so a person on a small phone can call without scrolling. Nothing here
 * claims more than the data says: each channel shows its own hours ("not known" when they are not)
 * and, when it has not been checked lately, its freshness badge.
 */
import type { FC } from 'hono/jsx';
import { FRESHNESS_RANK, type Freshness } from '../domain/freshness.ts';
import { isPhoneKind } from '../domain/vocabulary.ts';
import type { Database } from '../../db/client.ts';
import type { AreaRow } from '../queries/areas.ts';
import { wholeCountryChannels } from '../queries/country-channels.ts';
import type { ServiceTypeRow } from '../queries/service-types.ts';
import { serviceSummary } from '../views/service-view.ts';
import { EmergencyBlock, type EmergencyChannel } from './emergency-block.tsx';
import { AreaName, Localised } from './localised.tsx';
import type { PageContext } from './page-context.ts';
import { ServiceCard } from './service-card.tsx';
import { ContactAction, FreshnessBadge, HoursLine, SampleBadge } from './service-parts.tsx';
import { timeZoneOf, type ServiceSummaryView } from './service-texts.ts';

export interface ListedService {
  view: ServiceSummaryView;
  timeZone: string;
}

/**
 * An area's hotlines and official channels. With filters, those the filters leave out come first,
 * each saying what is not known or does not match (unknown is not no). The script replaces this
 * block together with the results when the filters change, so both always describe one query.
 */
export const AreaNowBlock: FC<{
  page: PageContext;
  area: AreaRow;
  priority: ListedService[];
  emergency: EmergencyChannel[];
  language?: string;
}> = ({ page, area, priority, emergency, language }) => (
  <div id="now" class="now" data-role="now">
    <EmergencyBlock page={page} channels={emergency} areaPcode={area.pcode} language={language} />
    {priority.length > 0 && (
      <section
        class="service-group service-group--priority"
        aria-labelledby="group-priority"
        data-role="priority-group"
      >
        <h2 id="group-priority">{page.t('priorityHeading')}</h2>
        <p class="service-group__intro">{page.t('priorityIntro')}</p>
        <ul class="service-list">
          {priority.map((s) => (
            <ServiceCard
              service={s.view}
              timeZone={s.timeZone}
              page={page}
              areaPcode={area.pcode}
              headingLevel={3}
              actionsFirst
            />
          ))}
        </ul>
      </section>
    )}
  </div>
);

export interface CountryChannels {
  country: AreaRow;
  channels: ListedService[];
}

const COUNTRY_CHANNELS_LIMIT = 8;

/**
 * The channels covering each whole country (a region's own are on its pages), checked ones first
 * (stale below fresh, as in every list), then by name; the countries in the order given.
 */
export async function countryChannels(
  db: Database,
  page: PageContext,
  countries: AreaRow[],
  types: ServiceTypeRow[],
): Promise<CountryChannels[]> {
  const paths = countries.map((country) => country.path);
  const partsByCountry = await wholeCountryChannels(db, paths, page.now, COUNTRY_CHANNELS_LIMIT);
  const rank = (s: ListedService) => FRESHNESS_RANK[s.view.verification.freshness as Freshness] ?? 9;
  const name = (s: ListedService) => s.view.name?.text ?? '';
  return countries.map((country, i) => {
    const channels = partsByCountry[i]!.map((p) => ({
      view: serviceSummary(p, types, page.lang, page.now),
      timeZone: timeZoneOf(p.service.country),
    }));
    channels.sort((a, b) => rank(a) - rank(b) || name(a).localeCompare(name(b), page.lang));
    return { country, channels };
  });
}

/**
 * The start page's channels, one short entry each, the reader's likely country first: the name
 * (a link to the whole listing), the dial and message actions, the hours and the freshness.
 */
export const HomeNowBlock: FC<{ page: PageContext; countries: CountryChannels[] }> = ({ page, countries }) => {
  const shown = countries.filter((c) => c.channels.length > 0);
  if (!shown.length) return null;
  return (
    <section class="now now--home" aria-labelledby="now-heading" data-role="now">
      <h2 id="now-heading">{page.t('priorityHeading')}</h2>
      {shown.map(({ country, channels }) => (
        <section
          class="now__country"
          aria-labelledby={`now-${country.pcode}`}
          data-country={country.pcode}
          data-role="country-channels"
        >
          <h3 id={`now-${country.pcode}`}>
            <AreaName area={country} page={page} />
          </h3>
          <ul class="channel-list">
            {channels.map((s) => (
              <ChannelLine page={page} listed={s} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
};

const ChannelLine: FC<{ page: PageContext; listed: ListedService }> = ({ page, listed }) => {
  const { view, timeZone } = listed;
  const actions = view.contact_routes
    .filter((r) => r.href)
    .sort((a, b) => Number(isPhoneKind(b.kind)) - Number(isPhoneKind(a.kind)));
  return (
    <li class="channel" data-service={view.id}>
      <p class="channel__name">
        <a href={page.href(`/s/${view.id}`)}>
          <Localised value={view.name} ui={page.lang} />
        </a>
      </p>
      {actions.length > 0 && (
        <div class="channel__actions">
          {actions.map((route) => (
            <ContactAction route={route} page={page} compact />
          ))}
        </div>
      )}
      <div class="channel__meta">
        <HoursLine hours={view.hours} page={page} timeZone={timeZone} />
        {view.verification.freshness !== 'fresh' && (
          <FreshnessBadge freshness={view.verification.freshness} page={page} />
        )}
        {view.is_sample && <SampleBadge page={page} />}
      </div>
    </li>
  );
};
