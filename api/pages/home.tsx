/**
 * The start page: first the hotlines and official channels of each country, dialable, the reader's
 * likely country first (S12); then search a place or service in any script (C10), "use my location" (S11, on the
 * device), and every governorate and department as a link, so a person can start without typing
 * and without JavaScript.
 *
 * The words a person searches for never go into a URL, because the browser keeps every URL
 * it visits in its history list, where anyone holding the phone can read it. The form is a POST to
 * the start page itself, answered directly with the results (no redirect, which would have to
 * carry the words in its address), so the history shows only "/?lang=…". With JavaScript the
 * script sends the same POST with fetch and puts the results into the page (web/src/home/): no
 * navigation at all. A `q` in a GET address is ignored: no link of ours makes one.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { AppEnv } from '../env.ts';
import { likelyCountries } from '../domain/likely-country.ts';
import { AREA_LEVELS } from '../domain/vocabulary.ts';
import { ftsMatchExpression } from '../domain/text-normalise.ts';
import { ProblemError } from '../errors.ts';
import { listAreas, parentsOf, searchAreas, type AreaRow } from '../queries/areas.ts';
import { listingRequest } from '../queries/listing-request.ts';
import { listServices } from '../queries/service-listing.ts';
import { serviceTypesAt } from '../queries/service-types.ts';
import { serviceSummary } from '../views/service-view.ts';
import { Layout } from './layout.tsx';
import { ListNotice } from './list-notice.tsx';
import { AreaLink, inChoiceOrder, nameOf } from './localised.tsx';
import { HomeNowBlock, countryChannels } from './now-block.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { readServiceQuery } from './page-query.ts';
import { ServiceCard } from './service-card.tsx';
import { timeZoneOf, type ServiceSummaryView } from './service-texts.ts';

const SEARCH_LIMIT = 10;

interface SearchResults {
  q: string;
  areas: AreaRow[];
  /** Each found area's parent, by the area's P-code: shown beside it. */
  parents: Map<string, AreaRow>;
  services: Array<{ view: ServiceSummaryView; timeZone: string }>;
  /** The search checked only part of the directory (a common word): more services may match. */
  partial: boolean;
}

export async function homePage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const db = c.get('db');
  const q = c.req.method === 'POST' ? await searchWords(c) : '';
  // Never the other country first: Iraq for Arabic and Kurdish, Guatemala for Spanish (see likelyCountries).
  const order = likelyCountries(page.lang, c.req.header('Accept-Language'));
  const [regions, countryRows, types, search] = await Promise.all([
    // Every governorate or department, and a region (the Kurdistan Region) above the ones it groups.
    Promise.all(
      order.map((country) => listAreas(db, { country, levels: [AREA_LEVELS.region, AREA_LEVELS.governorate] })),
    ),
    listAreas(db, {}),
    serviceTypesAt(db, c.get('directory')),
    q ? searchEverything(c, page, q) : Promise.resolve(null),
  ]);
  const countries = order.map((country, i) => ({
    key: `choose${country}1` as const,
    areas: regions[i]!,
    id: country.toLowerCase(),
  }));
  const channels = await countryChannels(
    db,
    page,
    order.flatMap((country) => countryRows.filter((row) => row.pcode === country)),
    types,
  );
  return c.html(
    <Layout page={page} kind="home">
      <h1>{page.t('homeHeading')}</h1>
      <HomeNowBlock page={page} countries={channels} />
      <p class="lead">{page.t('homeIntro')}</p>
      {/* POST, not GET: the words stay out of the address and so out of the history. */}
      <form class="search" method="post" action={page.href('/')} role="search" data-role="search">
        <label for="search-q">{page.t('searchLabel')}</label>
        <div class="search__row">
          <input
            id="search-q"
            name="q"
            type="search"
            value={q}
            maxlength={200}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
          />
          <button type="submit" class="button">
            {page.t('searchButton')}
          </button>
        </div>
      </form>
      <HomeNearMe page={page} />
      {/* The script replaces this region with the results of its own POST. */}
      <div id="search-results" data-role="search-results">
        {search && <SearchResultsView page={page} results={search} />}
      </div>
      {countries.map((country) => (
        <nav class="area-picker" aria-labelledby={`choose-${country.id}`}>
          <h2 id={`choose-${country.id}`}>{page.t(country.key)}</h2>
          <ul class="area-links area-links--large">
            {inChoiceOrder(country.areas, page).map((area) => (
              <li>
                <AreaLink area={area} page={page} />
              </li>
            ))}
          </ul>
        </nav>
      ))}
      <p class="guide-link">
        <a href={page.href('/guide')}>{page.t('guideLink')}</a>
      </p>
    </Layout>,
  );
}

/** The words of a search form (url-encoded or multipart), at most 200 characters; '' when none. */
async function searchWords(c: Context<AppEnv>): Promise<string> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const q = body.q;
  return typeof q === 'string' ? q.trim().slice(0, 200) : '';
}

async function searchEverything(c: Context<AppEnv>, page: PageContext, q: string): Promise<SearchResults> {
  const db = c.get('db');
  if (!ftsMatchExpression(q)) return { q, areas: [], parents: new Map(), services: [], partial: false };
  const types = await serviceTypesAt(db, c.get('directory'));
  // The words go through the API's schema like any other search (at most 200 characters, as above).
  const { query } = readServiceQuery({ q, sort: 'relevance', limit: SEARCH_LIMIT }, ['q']);
  const [areas, listing] = await Promise.all([
    searchAreas(db, q, SEARCH_LIMIT).then((found) => found ?? []),
    listingRequest(db, query, types, { limit: SEARCH_LIMIT, now: page.now })
      .then((request) => listServices(db, request))
      .catch((error) => {
        if (error instanceof ProblemError) return null;
        throw error;
      }),
  ]);
  const services = (listing?.items ?? []).map((parts) => ({
    view: serviceSummary(parts, types, page.lang, listing!.evaluatedAt),
    timeZone: timeZoneOf(parts.service.country),
  }));
  return { q, areas, parents: await parentsOf(db, areas), services, partial: listing?.walkStopped ?? false };
}

const SearchResultsView: FC<{ page: PageContext; results: SearchResults }> = ({ page, results }) => {
  const { t } = page;
  // A search that stopped early never says nothing was found.
  const partial = results.partial && (
    <p class="notice" role="status" data-role="search-partial">
      {t('searchPartial', { q: results.q })}
    </p>
  );
  if (!results.areas.length && !results.services.length) {
    return (
      partial || (
        <p class="notice" role="status">
          {t('searchNothing', { q: results.q })}
        </p>
      )
    );
  }
  return (
    <section class="search-results" aria-label={t('searchButton')}>
      {partial}
      {results.areas.length > 0 && (
        <>
          <h2>{t('searchResultsPlaces')}</h2>
          <ul class="area-links">
            {results.areas.map((area) => {
              const parent = results.parents.get(area.pcode);
              return (
                <li>
                  <AreaLink area={area} page={page} />
                  {parent && <span class="area-parent"> {t('areaInParent', { parent: nameOf(parent, page) })}</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {results.services.length > 0 && (
        <>
          <h2>{t('searchResultsServices')}</h2>
          <ListNotice page={page} services={results.services.map((s) => s.view)} />
          <ul class="service-list">
            {results.services.map((s) => (
              <ServiceCard service={s.view} timeZone={s.timeZone} page={page} headingLevel={3} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
};

/** S11: the script asks the phone for its position and works out distances there. */
const HomeNearMe: FC<{ page: PageContext }> = ({ page }) => {
  const { t } = page;
  return (
    <section
      class="near-me near-me--home"
      data-role="home-near-me"
      hidden
      aria-labelledby="near-me-heading"
      data-lang={page.lang}
      data-msg-working={t('nearMeWorking')}
      data-msg-unavailable={t('nearMeUnavailable')}
      data-msg-distance={t('distanceKm')}
      data-msg-area={t('servicesInArea')}
    >
      <h2 id="near-me-heading" class="visually-hidden">
        {t('nearestServices')}
      </h2>
      <button type="button" class="button">
        {t('nearMe')}
      </button>
      <p class="near-me__note">{t('nearMeNote')}</p>
      <p class="near-me__status" role="status" data-role="status"></p>
      <div data-role="results" hidden>
        <h3>{t('nearestServices')}</h3>
        <ul class="near-list" data-role="list"></ul>
        <p data-role="area-link"></p>
      </div>
    </section>
  );
};
