/**
 * /guide: what a person can do when someone threatens to share their pictures or messages (do not
 * pay, keep the evidence, report the account, take-down help, fake helpers, what reporting
 * involves), in every UI language, readable without JavaScript and printable.
 *
 * The path and the title stay neutral ("Online safety"): both show in the tab list and the history
 * of a shared phone, while the heading inside may say plainly what is happening. Every statement
 * follows published public guidance, listed with its source in docs/guide-sources.md; where no
 * source says something (whether the family is told), the page says so instead of guessing.
 * Other sites are only ever plain links: nothing here is loaded from another origin.
 */
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import type { AppEnv } from '../env.ts';
import type { MessageKey } from '../../web/src/i18n/index.ts';
import { formatDate } from '../../web/src/i18n/format.ts';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';

/** When the texts were last checked against the sources in docs/guide-sources.md. */
export const GUIDE_REVIEWED = '2026-12-01T12:00:00Z';

/** The platforms' own help centres, shown by their address so they read the same in every language. */
export const PLATFORM_HELP = [
  'https://www.facebook.com/help',
  'https://help.instagram.com',
  'https://faq.whatsapp.com',
  'https://support.tiktok.com',
  'https://help.snapchat.com',
  'https://telegram.org/faq',
];

/** The two take-down services; both work from a fingerprint made on the person's own phone. */
const TAKE_DOWN: Array<{ href: string; text: MessageKey }> = [
  { href: 'https://stopncii.org/', text: 'guideStopNcii' },
  { href: 'https://takeitdown.ncmec.org/', text: 'guideTakeItDown' },
];

const addressOf = (href: string) => href.replace(/^https:\/\/(www\.)?/, '').replace(/\/$/, '');

/** Another site as an ordinary link, its address as its name, left to right inside any page. */
const OutsideLink: FC<{ href: string }> = ({ href }) => (
  <a href={href} rel="noreferrer noopener" dir="ltr">
    {addressOf(href)}
  </a>
);

const Section: FC<{ id: string; heading: MessageKey; page: PageContext; children?: Child }> = ({
  id,
  heading,
  page,
  children,
}) => (
  <section id={id} aria-labelledby={`${id}-heading`} class={`guide__section guide__section--${id}`}>
    <h2 id={`${id}-heading`}>{page.t(heading)}</h2>
    {children}
  </section>
);

export function guidePage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const { t, href } = page;
  // The country pages list each country's hotlines and official channels first.
  const countries = [
    { pcode: 'IQ', label: t('guideHotlinesIQ') },
    { pcode: 'GT', label: t('guideHotlinesGT') },
  ];
  if (page.lang === 'es') countries.reverse();
  return c.html(
    <Layout page={page} kind="guide" title={t('guideTitle')}>
      <article class="guide">
        <h1>{t('guideHeading')}</h1>
        <p class="lead">{t('guideIntro')}</p>
        <nav class="notice guide__hotlines" aria-labelledby="guide-hotlines-text">
          <p id="guide-hotlines-text">{t('guideHotlinesText')}</p>
          <ul>
            {countries.map((country) => (
              <li>
                <a href={href(`/a/${country.pcode}`)}>{country.label}</a>
              </li>
            ))}
            <li>
              <a href={href('/')}>{t('guideHotlinesArea')}</a>
            </li>
          </ul>
        </nav>
        <Section id="do-not-pay" heading="guideNoPayHeading" page={page}>
          <p>{t('guideNoPayText')}</p>
        </Section>
        <Section id="evidence" heading="guideEvidenceHeading" page={page}>
          <p>{t('guideEvidenceIntro')}</p>
          <ul>
            <li>{t('guideEvidenceAccount')}</li>
            <li>{t('guideEvidenceMessages')}</li>
            <li>{t('guideEvidenceLinks')}</li>
            <li>{t('guideEvidenceDates')}</li>
          </ul>
          <p>{t('guideEvidenceKeep')}</p>
        </Section>
        <Section id="report-account" heading="guidePlatformHeading" page={page}>
          <p>{t('guidePlatformText')}</p>
          <p>{t('guidePlatformHelp')}</p>
          <ul class="guide__addresses">
            {PLATFORM_HELP.map((address) => (
              <li>
                <OutsideLink href={address} />
              </li>
            ))}
          </ul>
        </Section>
        <Section id="take-down" heading="guideTakeDownHeading" page={page}>
          <p>{t('guideTakeDownText')}</p>
          <ul>
            {TAKE_DOWN.map((service) => (
              <li>
                <OutsideLink href={service.href} />: {t(service.text)}
              </li>
            ))}
          </ul>
          <p>{t('guideTakeDownLimit')}</p>
        </Section>
        <Section id="fake-helpers" heading="fakeHelpersHeading" page={page}>
          <p>{t('guideFakeHelpersText')}</p>
          <p>{t('guideFakeHelpersIraq')}</p>
        </Section>
        <Section id="reporting" heading="guideReportingHeading" page={page}>
          <p>{t('guideReportingIntro')}</p>
          <p>{t('guideReportingIraq')}</p>
          <p>{t('guideReportingKurdistan')}</p>
          <p>{t('guideReportingGuatemala')}</p>
          <p>{t('guideReportingFamily')}</p>
        </Section>
        <Section id="sources" heading="guideSourcesHeading" page={page}>
          <p>{t('guideSourcesText', { date: formatDate(GUIDE_REVIEWED, page.lang, 'UTC') })}</p>
        </Section>
      </article>
      <p class="guide__exit">
        <a class="button button--danger" href={page.quickExitUrl} rel="noreferrer" data-quick-exit>
          {t('quickExitLink')}
        </a>
      </p>
    </Layout>,
  );
}
