/**
 * /s/{id}/card and /p/{id}/card?a={P-code}: a safe card to hand over, for one service or for a
 * pathway's first services. Printed (several small black-and-white cards per A4 sheet, without the
 * site's controls), sent by SMS or WhatsApp (links the caseworker taps), or copied as plain text.
 * `?discreet=true` leaves out the service's or pathway's name and the site's name. The card says
 * only what reaches the service: its public numbers and their weekly hours, never an address.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { formatNumber } from '../../web/src/i18n/format.ts';
import { localise } from '../domain/language.ts';
import { isPcode } from '../domain/vocabulary.ts';
import type { AppEnv } from '../env.ts';
import { loadPathway } from '../queries/pathways.ts';
import { getService } from '../queries/service-listing.ts';
import { serviceTypesAt } from '../queries/service-types.ts';
import { safeCard, type SafeCardView } from '../views/safe-card-view.ts';
import { serviceSummary } from '../views/service-view.ts';
import { stepView } from '../views/pathway-view.ts';
import { errorPage, notFoundPage } from './error-page.tsx';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { displayPhone } from './service-texts.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Copies of the card on a printed sheet: two columns of four fit an A4 page for a one-service card. */
const PRINTED_COPIES = 8;

/** `discreet`: absent, "true" or "false"; anything else is a link that cannot be read. */
function discreetOf(c: Context<AppEnv>): boolean | null {
  const value = c.req.query('discreet');
  if (value === undefined || value === 'false') return false;
  return value === 'true' ? true : null;
}

export async function serviceCardPage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const id = c.req.param('id') ?? '';
  const discreet = discreetOf(c);
  if (!UUID.test(id)) return notFoundPage(c);
  if (discreet === null) return errorPage(c, 400);
  const db = c.get('db');
  const [parts, types] = await Promise.all([getService(db, id, page.now), serviceTypesAt(db, c.get('directory'))]);
  if (!parts) return notFoundPage(c);
  const service = serviceSummary(parts, types, page.lang, page.now);
  const card = safeCard({
    kind: 'service',
    name: service.name?.text ?? '',
    services: [service],
    lang: page.lang,
    discreet,
    siteName: page.siteName,
    now: page.now,
  });
  return c.html(<CardPage page={page} card={card} back={page.href(`/s/${id}`)} path={`/s/${id}/card`} />);
}

export async function pathwayCardPage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const id = c.req.param('id') ?? '';
  const areaParam = c.req.query('a');
  const discreet = discreetOf(c);
  if (!UUID.test(id)) return notFoundPage(c);
  if (discreet === null || (areaParam !== undefined && !isPcode(areaParam))) return errorPage(c, 400);
  const loaded = await loadPathway(c.get('db'), id, areaParam, page.now);
  if (!loaded.ok) return notFoundPage(c);
  const { pathway, area, types, steps } = loaded;
  // The first steps' services in step order, each step's hotlines and official channels first (as
  // the pathway lists them); a service serving two steps is listed once, at its first.
  const seen = new Set<string>();
  const services = steps
    .flatMap((s) => stepView(s, types, page.lang, page.now).services)
    .filter((s) => !seen.has(s.id) && seen.add(s.id));
  const card = safeCard({
    kind: 'pathway',
    name: localise(pathway.names, page.lang)?.text ?? '',
    services,
    lang: page.lang,
    discreet,
    siteName: page.siteName,
    now: page.now,
  });
  return c.html(
    <CardPage
      page={page}
      card={card}
      back={page.href(`/p/${id}`, { a: area.pcode })}
      path={`/p/${id}/card`}
      area={area.pcode}
    />,
  );
}

const CardPage: FC<{ page: PageContext; card: SafeCardView; back: string; path: string; area?: string }> = ({
  page,
  card,
  back,
  path,
  area,
}) => {
  const { t, lang } = page;
  return (
    <Layout page={page} kind="safe-card">
      <article class="safe-card-page" aria-labelledby="safe-card-heading">
        <p class="back-link">
          <a href={back}>{t('safeCardBack')}</a>
        </p>
        <h1 id="safe-card-heading">{t('safeCardHeading')}</h1>
        <p class="safe-card-page__intro">{t('safeCardIntro')}</p>
        <p class="safe-card-page__options" data-role="discreet-option">
          <a href={page.href(path, { a: area, discreet: card.discreet ? undefined : 'true' })}>
            {t(card.discreet ? 'safeCardDiscreetOff' : 'safeCardDiscreetOn')}
          </a>
        </p>
        {card.sms && card.text && card.whatsapp_href ? (
          <>
            <div class="safe-card-sheet" data-role="card-sheet">
              {Array.from({ length: PRINTED_COPIES }, () => (
                <Card page={page} card={card} />
              ))}
            </div>
            <p class="safe-card-page__print">{t('safeCardPrintHint')}</p>
            <section class="safe-card-share" aria-label={t('safeCardCopyLabel')}>
              <p>
                <a class="button" href={card.sms.href} data-role="sms-link">
                  {t('safeCardSend')}
                </a>
              </p>
              <p class="safe-card-share__note" data-role="sms-units">
                {t('safeCardSmsNote', {
                  n: formatNumber(card.sms.units, lang),
                  limit: formatNumber(card.sms.limit, lang),
                })}
              </p>
              <p>
                {/* A link the caseworker taps: nothing is asked of WhatsApp when the page loads. */}
                <a class="button" href={card.whatsapp_href} rel="noreferrer noopener" data-role="whatsapp-link">
                  {t('safeCardWhatsapp')}
                </a>
              </p>
              <p class="safe-card-share__note">{t('safeCardWhatsappNote')}</p>
              <label for="safe-card-text">{t('safeCardCopyLabel')}</label>
              <textarea id="safe-card-text" class="safe-card-share__text" readonly rows={8} data-role="card-text">
                {card.text}
              </textarea>
            </section>
          </>
        ) : (
          <p data-role="no-numbers">{t('safeCardNoNumbers')}</p>
        )}
      </article>
    </Layout>
  );
};

/** One copy of the card: the same facts as the text forms, numbers grouped to read out. */
const Card: FC<{ page: PageContext; card: SafeCardView }> = ({ page, card }) => (
  <section class="safe-card" data-role="safe-card">
    {card.title && <p class="safe-card__title">{card.title}</p>}
    {card.entries.map((entry) => (
      <div class="safe-card__entry" data-service={entry.service_id}>
        {entry.name && <p class="safe-card__name">{entry.name}</p>}
        <ul class="safe-card__routes">
          {entry.routes.map((route) => (
            <li>
              <span class="safe-card__label">{route.labels.join('/')}</span>{' '}
              <bdi dir="ltr" class="safe-card__number" data-number={route.number}>
                {displayPhone(route.number)}
              </bdi>
              <br />
              <span class="safe-card__hours">{route.hours ?? page.t('safeCardHoursUnknown')}</span>
            </li>
          ))}
        </ul>
      </div>
    ))}
    {card.footer && <p class="safe-card__footer">{card.footer}</p>}
  </section>
);
