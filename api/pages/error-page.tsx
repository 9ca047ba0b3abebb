/**
 * The page a browser gets when something outside the API goes wrong: a mistyped address, a link
 * with a value that cannot be read, or a fault on our side. It is a page, never problem+json: the
 * person still has the quick exit, a way back, and the country's hotlines and official channels,
 * because someone who reached a broken link may need help now.
 *
 * It must never fail itself. The hotlines come from the database; if reading them fails the page
 * is shown without them, and if even the full page cannot be rendered a minimal page with the
 * quick exit is sent.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Country } from '../domain/vocabulary.ts';
import type { AppEnv } from '../env.ts';
import { withDatabase } from '../middleware/db.ts';
import { negotiateLanguage } from '../middleware/language.ts';
import { areaScope } from '../queries/area-paths.ts';
import { getArea, type AreaRow } from '../queries/areas.ts';
import { serviceAreaCodes } from '../queries/public-directory.ts';
import { listServices } from '../queries/service-listing.ts';
import { serviceTypesAt, withSubtypes } from '../queries/service-types.ts';
import { serviceSummary } from '../views/service-view.ts';
import { dirOf, isUiLanguage, translator, type MessageKey, type UiLanguage } from '../../web/src/i18n/index.ts';
import { Layout } from './layout.tsx';
import { AreaName } from './localised.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { ServiceCard } from './service-card.tsx';
import { timeZoneOf, type ServiceSummaryView } from './service-texts.ts';

/** Enough to call for help from the page; the country page lists them all. */
const CHANNELS_PER_COUNTRY = 6;
/** Candidates read to find the nationwide ones among a country's hotlines and official channels. */
const CANDIDATES = 100;

const COUNTRIES: Country[] = ['IQ', 'GT'];

interface CountryChannels {
  country: AreaRow;
  channels: Array<{ view: ServiceSummaryView; timeZone: string }>;
}

const TEXTS: Record<'notFound' | 'badRequest' | 'failed', { heading: MessageKey; text: MessageKey }> = {
  notFound: { heading: 'notFoundHeading', text: 'notFoundText' },
  badRequest: { heading: 'badRequestHeading', text: 'badRequestText' },
  failed: { heading: 'pageErrorHeading', text: 'pageErrorText' },
};

/** An HTML error page with a truthful status, in the negotiated UI language. Never throws. */
export async function errorPage(c: Context<AppEnv>, status: number): Promise<Response> {
  const code = (status >= 400 && status <= 599 ? status : 500) as ContentfulStatusCode;
  // The same headers as every page: never kept by the browser (it may be a shared phone).
  c.header('Cache-Control', 'no-store');
  c.header('Vary', 'Accept-Language');
  try {
    await prepare(c);
    const page = pageContext(c);
    c.header('Content-Language', page.lang);
    const channels = await nationalChannels(c, page).catch((error: unknown) => {
      console.warn('error page shown without its hotlines', error);
      return [];
    });
    try {
      return await c.html(<ErrorView page={page} status={code} channels={channels} />, code);
    } catch (error) {
      console.warn('error page shown without its hotlines', error);
      return await c.html(<ErrorView page={page} status={code} channels={[]} />, code);
    }
  } catch (error) {
    console.error('error page could not be rendered', error);
    return c.html(minimalPage(c), code);
  }
}

/** The not-found page (404), e.g. an unknown place or service. */
export const notFoundPage = (c: Context<AppEnv>) => errorPage(c, 404);

/** Language and database are set by the page middleware; an error outside the pages has neither yet. */
async function prepare(c: Context<AppEnv>) {
  const noop = async () => {};
  if (!c.get('language')) await negotiateLanguage()(c, noop);
  if (!c.get('db')) await withDatabase()(c, noop);
}

const ErrorView: FC<{ page: PageContext; status: number; channels: CountryChannels[] }> = ({
  page,
  status,
  channels,
}) => {
  // Only a fault on our side says so; any other refusal is about the link that was followed.
  const texts = status === 404 ? TEXTS.notFound : status < 500 ? TEXTS.badRequest : TEXTS.failed;
  return (
    <Layout page={page} kind={status === 404 ? 'not-found' : 'error'}>
      <h1>{page.t(texts.heading)}</h1>
      <p>{page.t(texts.text)}</p>
      <p>
        <a class="button" href={page.href('/')}>
          {page.t('navStart')}
        </a>
      </p>
      <HelpNow page={page} channels={channels} />
    </Layout>
  );
};

/** The hotlines and official channels of each country, as cards with direct call actions. */
const HelpNow: FC<{ page: PageContext; channels: CountryChannels[] }> = ({ page, channels }) => {
  const shown = channels.filter((c) => c.channels.length > 0);
  if (!shown.length) return null;
  return (
    <section class="service-group service-group--priority" aria-labelledby="help-now" data-role="help-now">
      <h2 id="help-now">{page.t('helpNowHeading')}</h2>
      <p class="service-group__intro">{page.t('helpNowIntro')}</p>
      {shown.map(({ country, channels: list }) => (
        <section aria-labelledby={`help-now-${country.pcode}`}>
          <h3 id={`help-now-${country.pcode}`}>
            <AreaName area={country} page={page} />
          </h3>
          <ul class="service-list">
            {list.map((s) => (
              <ServiceCard service={s.view} timeZone={s.timeZone} page={page} headingLevel={4} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
};

/**
 * The countries whose channels to show: the one named by the address (/a/IQ…), else both, the
 * one whose languages include the page's first (as on the start page).
 */
function countriesFor(page: PageContext): Country[] {
  const named = /^\/a\/(IQ|GT)/.exec(page.url.pathname)?.[1] as Country | undefined;
  if (named) return [named];
  return page.lang === 'es' ? ['GT', 'IQ'] : COUNTRIES;
}

/** Hotlines and official channels whose service area is the whole country. */
async function nationalChannels(c: Context<AppEnv>, page: PageContext): Promise<CountryChannels[]> {
  const db = c.get('db');
  const types = await serviceTypesAt(db, c.get('directory'));
  const priority = withSubtypes(
    types,
    types.filter((t) => t.isPriorityChannel).map((t) => t.id),
  );
  if (!priority.length) return [];
  return Promise.all(
    countriesFor(page).map(async (code): Promise<CountryChannels> => {
      const country = await getArea(db, code);
      if (!country) return { country: { pcode: code, names: {} } as AreaRow, channels: [] };
      const listing = await listServices(db, {
        filters: { area: areaScope(country.path), typeIds: priority },
        openOnly: false,
        sort: 'relevance',
        limit: CANDIDATES,
        now: page.now,
      });
      const areas = await serviceAreaCodes(
        db,
        listing.items.map((parts) => parts.service.id),
      );
      const nationwide = new Set(areas.filter((a) => a.areaPcode === code).map((a) => a.serviceId));
      const channels = listing.items
        .filter((parts) => nationwide.has(parts.service.id))
        .slice(0, CHANNELS_PER_COUNTRY)
        .map((parts) => ({
          view: serviceSummary(parts, types, page.lang, listing.evaluatedAt),
          timeZone: timeZoneOf(parts.service.country),
        }));
      return { country, channels };
    }),
  );
}

/** The last resort: no database, no components, still the quick exit first. */
function minimalPage(c: Context<AppEnv>): string {
  const detected = c.get('language');
  const lang: UiLanguage = isUiLanguage(detected) ? detected : 'ar';
  const t = translator(lang);
  const quickExit = c.env?.QUICK_EXIT_URL || 'https://www.google.com/search?q=weather';
  const siteName = c.env?.SITE_NAME || 'Masar';
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return [
    `<!doctype html><html lang="${lang}" dir="${dirOf(lang)}" data-page="error">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="referrer" content="no-referrer"><title>${escape(siteName)}</title>`,
    '<link rel="stylesheet" href="/assets/main.css"><script type="module" src="/assets/main.js"></script></head>',
    '<body><header class="site-header">',
    `<a class="quick-exit" href="${escape(quickExit)}" rel="noreferrer" data-quick-exit>${escape(t('quickExit'))}</a>`,
    `</header><main id="main"><h1>${escape(t('pageErrorHeading'))}</h1><p>${escape(t('pageErrorText'))}</p>`,
    `<p><a class="button" href="/?lang=${lang}">${escape(t('navStart'))}</a></p></main></body></html>`,
  ].join('');
}
