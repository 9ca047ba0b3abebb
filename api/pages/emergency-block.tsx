/**
 * Unknown is not no: when filters are applied, the hotlines and official reporting channels that
 * cover the area but did not make it into the filtered list stay on the page, above it, each
 * saying what is not known about it (or what does not match). An empty filtered list still shows
 * them, says that nothing matched and offers to clear the filters.
 */
import type { FC } from 'hono/jsx';
import type { MessageKey } from '../../web/src/i18n/index.ts';
import type { Database } from '../../db/client.ts';
import type { UnmetFilter } from '../domain/filter-facts.ts';
import type { AreaRow } from '../queries/areas.ts';
import { listingRequest } from '../queries/listing-request.ts';
import { factFiltersOf, priorityChannels } from '../queries/priority-channels.ts';
import { withSubtypes, type ServiceTypeRow } from '../queries/service-types.ts';
import type { ServiceListQuery } from '../schemas/services.ts';
import { serviceSummary } from '../views/service-view.ts';
import type { PageContext } from './page-context.ts';
import { ServiceCard } from './service-card.tsx';
import { languageList, timeZoneOf, type ServiceSummaryView } from './service-texts.ts';

export interface EmergencyChannel {
  view: ServiceSummaryView;
  timeZone: string;
  unmet: UnmetFilter[];
}

/**
 * The area's priority channels that the page's list does not show: those a fact filter left out,
 * and, under a type filter, those of other types. `query` is the page's own service query; `area`
 * its area when the page has read it already: then the channels ask nothing before their walk, which
 * goes to D1 with the listing's when `db` shares its trips (db/shared-trip.ts).
 */
export async function emergencyChannels(
  db: Database,
  page: PageContext,
  query: ServiceListQuery,
  types: ServiceTypeRow[],
  area?: AreaRow,
): Promise<EmergencyChannel[]> {
  const request = await listingRequest(db, { ...query, type: undefined, cursor: undefined }, types, {
    limit: 1,
    now: page.now,
    ...(area && { area }),
  });
  const listedTypes = query.type ? withSubtypes(types, query.type.split(',')) : null;
  const channels = await priorityChannels(db, request, types, factFiltersOf(request));
  return channels
    .filter(
      ({ parts, unmet }) =>
        unmet.length > 0 || (listedTypes !== null && !parts.typeIds.some((id) => listedTypes.includes(id))),
    )
    .map(({ parts, unmet }) => ({
      view: serviceSummary(parts, types, page.lang, page.now),
      timeZone: timeZoneOf(parts.service.country),
      unmet,
    }));
}

/** "Opening hours not known", "Only for men and boys", …: one line per filter not met. */
export function unmetText(
  unmet: UnmetFilter,
  service: ServiceSummaryView,
  page: PageContext,
  language?: string,
): string {
  if (unmet.filter === 'gender' && unmet.reason === 'does_not_match') {
    return page.t(service.eligibility.gender === 'men' ? 'unmetOnlyMen' : 'unmetOnlyWomen');
  }
  const key = `unmet_${unmet.filter}_${unmet.reason}` as MessageKey;
  return page.t(key, { language: language ? languageList([language], page) : '' });
}

export const EmergencyBlock: FC<{
  page: PageContext;
  channels: EmergencyChannel[];
  areaPcode: string;
  language?: string;
}> = (props) => {
  const { page, channels, areaPcode, language } = props;
  if (!channels.length) return null;
  return (
    <section
      class="service-group service-group--priority emergency-block"
      aria-labelledby="emergency-heading"
      data-role="emergency-block"
    >
      <h2 id="emergency-heading">{page.t('emergencyHeading')}</h2>
      <p class="service-group__intro">{page.t('emergencyIntro')}</p>
      <ul class="service-list">
        {channels.map((channel) => (
          <ServiceCard
            service={channel.view}
            timeZone={channel.timeZone}
            page={page}
            areaPcode={areaPcode}
            headingLevel={3}
            notes={channel.unmet.map((u) => unmetText(u, channel.view, page, language))}
            actionsFirst
          />
        ))}
      </ul>
    </section>
  );
};

/** An empty filtered list is not a dead end: it says so and offers to clear the filters. */
export const NothingMatched: FC<{ page: PageContext; clearHref: string }> = ({ page, clearHref }) => (
  <div class="results__empty" data-role="nothing-matched">
    <p>{page.t('noServicesMatch')}</p>
    <p>
      <a class="button button--secondary" href={clearHref} data-role="clear-filters-empty">
        {page.t('clearFilters')}
      </a>
    </p>
  </div>
);
