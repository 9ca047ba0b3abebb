/**
 * The frame of every survivor page: quick exit first in the tab order (S1), a neutral title and
 * icon (S5), the language menu as plain links (S9, no cookie), links to the privacy and safety
 * page (S6), and the one stylesheet and script. No inline script or style anywhere (S3's CSP).
 */
import { raw } from 'hono/html';
import type { Child, FC } from 'hono/jsx';
import { ENDONYMS, UI_LANGUAGES, dirOf } from '../../web/src/i18n/index.ts';
import { formatDate } from '../../web/src/i18n/format.ts';
import { languageHref, type PageContext } from './page-context.ts';

/** Which client enhancements a page gets (read by web/src/main.ts). */
export type PageKind =
  | 'home'
  | 'area'
  | 'area-print'
  | 'service'
  | 'pathway'
  | 'safe-card'
  | 'report'
  | 'privacy'
  | 'guide'
  | 'about'
  | 'not-found'
  | 'error'
  | 'offline';

export interface LayoutProps {
  page: PageContext;
  kind: PageKind;
  /** A neutral page name (a place, "About"); never a service name, which may say what it is for. */
  title?: string;
  /** Shown in the footer: the moment the listed information was read. */
  dataAsOf?: { timeZone: string };
  /** The governorate this page can save for use without internet (its own, on an area page inside one). */
  offlinePack?: OfflinePackOffer;
  children?: Child;
}

export interface OfflinePackOffer {
  pcode: string;
  name: string;
}

// Stable asset names (see web/vite.config.ts): the pages are never cached (S4), so content hashes
// would buy nothing, and stable names let the pages and the offline worker find them.
const STYLESHEET = '/assets/main.css';
const SCRIPT = '/assets/main.js';

export const Layout: FC<LayoutProps> = ({ page, kind, title, dataAsOf, offlinePack, children }) => {
  const { t, lang, dir, siteName, href } = page;
  const documentTitle = title ? `${title} · ${siteName}` : siteName;
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={lang} dir={dir} data-page={kind}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <meta name="color-scheme" content="light" />
          <title>{documentTitle}</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href={STYLESHEET} />
          <script type="module" src={SCRIPT}></script>
        </head>
        <body>
          <header class="site-header">
            {/* First in the tab order (S1); fixed on screen by its CSS. */}
            <a class="quick-exit" href={page.quickExitUrl} rel="noreferrer" data-quick-exit>
              {t('quickExit')}
            </a>
            <a class="skip-link" href="#main">
              {t('skipToContent')}
            </a>
            <a class="site-name" href={href('/')}>
              {siteName}
            </a>
            <nav class="site-nav" aria-label={t('mainNavLabel')}>
              <ul>
                <li>
                  <a href={href('/')} aria-current={kind === 'home' ? 'page' : undefined}>
                    {t('navStart')}
                  </a>
                </li>
                <li>
                  <a href={href('/privacy')} aria-current={kind === 'privacy' ? 'page' : undefined}>
                    {t('navPrivacy')}
                  </a>
                </li>
                <li>
                  <a href={href('/about')} aria-current={kind === 'about' ? 'page' : undefined}>
                    {t('navAbout')}
                  </a>
                </li>
              </ul>
            </nav>
            <LanguageMenu page={page} />
          </header>
          <main id="main" tabindex={-1}>
            {children}
          </main>
          <footer class="site-footer">
            {dataAsOf && (
              <p class="data-as-of">{t('footerDataAsOf', { date: formatDate(page.now, lang, dataAsOf.timeZone) })}</p>
            )}
            <OfflineControl page={page} pack={offlinePack} />
            <ul class="footer-links">
              <li>
                <a href={href('/privacy')}>{t('navPrivacy')}</a>
              </li>
              <li>
                <a href={href('/about')}>{t('navAbout')}</a>
              </li>
              <li>
                <a href={page.quickExitUrl} rel="noreferrer" data-quick-exit>
                  {t('quickExitLink')}
                </a>{' '}
                <span class="quick-exit-hint">({t('quickExitHint')})</span>
              </li>
            </ul>
          </footer>
        </body>
      </html>
    </>
  );
};

const LanguageMenu: FC<{ page: PageContext }> = ({ page }) => (
  <nav class="language-menu" aria-label={page.t('languageLabel')}>
    <ul>
      {UI_LANGUAGES.map((code) => (
        <li>
          <a
            href={languageHref(page.url, code)}
            lang={code}
            dir={dirOf(code)}
            hreflang={code}
            aria-current={code === page.lang ? 'true' : undefined}
          >
            {ENDONYMS[code]}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

/**
 * Saving a governorate for use without internet needs JavaScript, so the control is hidden until the
 * script shows it. Its texts travel as data attributes: the script carries no catalogue. It says what
 * would be kept on the phone before anything is, and is shown on other pages only once something is
 * saved (to open or delete it).
 */
const OfflineControl: FC<{ page: PageContext; pack?: OfflinePackOffer }> = ({ page, pack }) => {
  const { t } = page;
  return (
    <section
      class="offline-control"
      id="offline-control"
      hidden
      aria-live="polite"
      data-pack-area={pack?.pcode}
      data-msg-saving={t('offlineSaving')}
      data-msg-progress={t('offlineProgress')}
      data-msg-saved={t('offlineSaved')}
      data-msg-use-until={t('offlineUseUntil')}
      data-msg-expired-on={t('offlineExpiredOn')}
      data-msg-open-saved={t('offlineOpenSaved')}
      data-msg-copy={t('offlineCopyNotice')}
      data-msg-copy-expired={t('offlineCopyExpired')}
      data-msg-deleted={t('offlineDeleted')}
      data-msg-failed={t('offlineFailed')}
    >
      <p class="offline-control__status" data-role="status"></p>
      <progress
        class="offline-control__progress"
        data-role="progress"
        aria-label={t('offlineSaving')}
        hidden
      ></progress>
      <p>
        <a class="offline-control__open" data-role="open-saved" href="/" hidden></a>
      </p>
      {pack && (
        <div class="offline-control__warning" data-role="what-is-stored">
          <p>{t('offlineStores', { area: pack.name })}</p>
          <p>{t('offlineWarning')}</p>
        </div>
      )}
      {pack && (
        <button type="button" class="button button--secondary" data-role="save">
          {t('offlineSave', { area: pack.name })}
        </button>
      )}{' '}
      <button type="button" class="button button--secondary" data-role="delete" hidden>
        {t('offlineDelete')}
      </button>
    </section>
  );
};
