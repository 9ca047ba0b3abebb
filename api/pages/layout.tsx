/**
 * The frame of every survivor page: quick exit first in the tab order (S1), a neutral title and
 * icon (S5), the language menu as plain links (S9, no cookie), links to the privacy and safety
 * page (S6), and the one stylesheet and script. No inline script or style anywhere (S3's CSP).
 */
import { html } from 'hono/html';
import type { Child, FC } from 'hono/jsx';
import { ENDONYMS, UI_LANGUAGES, dirOf } from '../../web/src/i18n/index.ts';
import { formatDate } from '../../web/src/i18n/format.ts';
import { attribute, type Html } from './html-text.ts';
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

/**
 * Printed with hono's `html` template around the page's own JSX (html-text.ts): the frame is the same
 * on every page, and as JSX it cost about as much as a service card list's worth of elements.
 */
export const Layout: FC<LayoutProps> = ({ page, kind, title, dataAsOf, offlinePack, children }) => (
  <>
    {layoutTop(page, kind, title)}
    {children}
    {layoutBottom(page, dataAsOf, offlinePack)}
  </>
);

function layoutTop(page: PageContext, kind: PageKind, title: string | undefined): Html {
  const { t, lang, dir, siteName, href } = page;
  const documentTitle = title ? `${title} · ${siteName}` : siteName;
  const navLink = (path: string, current: boolean, text: string) =>
    html`<li><a href="${href(path)}"${current ? html` aria-current="page"` : null}>${text}</a></li>`;
  return html`<!doctype html><html lang="${lang}" dir="${dir}" data-page="${kind}"><head>${[
    html`<meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>`,
    html`<meta name="referrer" content="no-referrer"/><meta name="color-scheme" content="light"/>`,
    html`<title>${documentTitle}</title>`,
    html`<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>`,
    html`<link rel="stylesheet" href="${STYLESHEET}"/><script type="module" src="${SCRIPT}"></script>`,
  ]}</head><body><header class="site-header">${[
    // First in the tab order (S1); fixed on screen by its CSS.
    html`<a class="quick-exit" href="${page.quickExitUrl}" rel="noreferrer" data-quick-exit="true">`,
    html`${t('quickExit')}</a>`,
    html`<a class="skip-link" href="#main">${t('skipToContent')}</a>`,
    html`<a class="site-name" href="${href('/')}">${siteName}</a>`,
    html`<nav class="site-nav" aria-label="${t('mainNavLabel')}"><ul>${[
      navLink('/', kind === 'home', t('navStart')),
      navLink('/privacy', kind === 'privacy', t('navPrivacy')),
      navLink('/about', kind === 'about', t('navAbout')),
    ]}</ul></nav>`,
    languageMenu(page),
  ]}</header><main id="main" tabindex="-1">`;
}

function layoutBottom(page: PageContext, dataAsOf: LayoutProps['dataAsOf'], pack: OfflinePackOffer | undefined): Html {
  const { t, lang, href } = page;
  const asOf = dataAsOf
    ? html`<p class="data-as-of">${t('footerDataAsOf', { date: formatDate(page.now, lang, dataAsOf.timeZone) })}</p>`
    : null;
  return html`</main><footer class="site-footer">${asOf}${offlineControl(page, pack)}<ul class="footer-links">${[
    html`<li><a href="${href('/privacy')}">${t('navPrivacy')}</a></li>`,
    html`<li><a href="${href('/about')}">${t('navAbout')}</a></li>`,
    html`<li><a href="${page.quickExitUrl}" rel="noreferrer" data-quick-exit="true">${t('quickExitLink')}</a> `,
    html`<span class="quick-exit-hint">(${t('quickExitHint')})</span></li>`,
  ]}</ul></footer></body></html>`;
}

function languageMenu(page: PageContext): Html {
  const languages = UI_LANGUAGES.map(
    (code) =>
      html`<li><a href="${languageHref(page.url, code)}" lang="${code}" dir="${dirOf(code)}" hreflang="${code}"${
        code === page.lang ? html` aria-current="true"` : null
      }>${ENDONYMS[code]}</a></li>`,
  );
  return html`<nav class="language-menu" aria-label="${page.t('languageLabel')}"><ul>${languages}</ul></nav>`;
}

/**
 * Saving a governorate for use without internet needs JavaScript, so the control is hidden until the
 * script shows it. Its texts travel as data attributes: the script carries no catalogue. It says what
 * would be kept on the phone before anything is, and is shown on other pages only once something is
 * saved (to open or delete it).
 */
function offlineControl(page: PageContext, pack: OfflinePackOffer | undefined): Html {
  const { t } = page;
  const messages = [
    ['saving', t('offlineSaving')],
    ['progress', t('offlineProgress')],
    ['saved', t('offlineSaved')],
    ['use-until', t('offlineUseUntil')],
    ['expired-on', t('offlineExpiredOn')],
    ['open-saved', t('offlineOpenSaved')],
    ['copy', t('offlineCopyNotice')],
    ['copy-expired', t('offlineCopyExpired')],
    ['deleted', t('offlineDeleted')],
    ['failed', t('offlineFailed')],
  ];
  const dataAttributes = [
    attribute('data-pack-area', pack?.pcode),
    messages.map(([name, text]) => attribute(`data-msg-${name}`, text)),
  ];
  const save = pack && [
    html`<div class="offline-control__warning" data-role="what-is-stored">`,
    html`<p>${t('offlineStores', { area: pack.name })}</p><p>${t('offlineWarning')}</p></div>`,
    html`<button type="button" class="button button--secondary" data-role="save">`,
    html`${t('offlineSave', { area: pack.name })}</button>`,
  ];
  const open = html`<section class="offline-control" id="offline-control" hidden=""${[
    html` aria-live="polite"`,
    dataAttributes,
  ]}>`;
  return html`${open}${[
    html`<p class="offline-control__status" data-role="status"></p>`,
    html`<progress class="offline-control__progress" data-role="progress"`,
    html` aria-label="${t('offlineSaving')}" hidden=""></progress>`,
    html`<p><a class="offline-control__open" data-role="open-saved" href="/" hidden=""></a></p>`,
    save,
    html` <button type="button" class="button button--secondary" data-role="delete" hidden="">`,
    html`${t('offlineDelete')}</button>`,
  ]}</section>`;
}
