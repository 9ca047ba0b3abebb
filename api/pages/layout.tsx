/**
 * The frame of every survivor page: quick exit first in the tab order (S1), a neutral title and
 * icon (S5), the language menu as plain links (S9, no cookie), links to the privacy and safety
 * page (S6), and the one stylesheet and script. No inline script or style anywhere (S3's CSP).
 */
import type { Child, FC } from 'hono/jsx';
import { ENDONYMS, UI_LANGUAGES, dirOf } from '../../web/src/i18n/index.ts';
import { formatDate } from '../../web/src/i18n/format.ts';
import { attribute, escapeHtml, markup } from './html-text.ts';
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
 * Printed as text around the page's own JSX (html-text.ts): the frame is the same on every page, and
 * as JSX it cost about as much as a service card list's worth of elements.
 */
export const Layout: FC<LayoutProps> = ({ page, kind, title, dataAsOf, offlinePack, children }) => (
  <>
    {markup(layoutTop(page, kind, title))}
    {children}
    {markup(layoutBottom(page, dataAsOf, offlinePack))}
  </>
);

function layoutTop(page: PageContext, kind: PageKind, title: string | undefined): string {
  const { t, lang, dir, siteName, href } = page;
  const documentTitle = title ? `${title} · ${siteName}` : siteName;
  const navLink = (path: string, current: boolean, text: string) =>
    `<li><a href="${escapeHtml(href(path))}"${current ? ' aria-current="page"' : ''}>${escapeHtml(text)}</a></li>`;
  return (
    '<!doctype html>' +
    `<html lang="${escapeHtml(lang)}" dir="${dir}" data-page="${escapeHtml(kind)}"><head>` +
    '<meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>' +
    '<meta name="referrer" content="no-referrer"/><meta name="color-scheme" content="light"/>' +
    `<title>${escapeHtml(documentTitle)}</title>` +
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>' +
    `<link rel="stylesheet" href="${STYLESHEET}"/><script type="module" src="${SCRIPT}"></script></head>` +
    '<body><header class="site-header">' +
    // First in the tab order (S1); fixed on screen by its CSS.
    `<a class="quick-exit" href="${escapeHtml(page.quickExitUrl)}" rel="noreferrer" data-quick-exit="true">` +
    `${escapeHtml(t('quickExit'))}</a>` +
    `<a class="skip-link" href="#main">${escapeHtml(t('skipToContent'))}</a>` +
    `<a class="site-name" href="${escapeHtml(href('/'))}">${escapeHtml(siteName)}</a>` +
    `<nav class="site-nav" aria-label="${escapeHtml(t('mainNavLabel'))}"><ul>` +
    navLink('/', kind === 'home', t('navStart')) +
    navLink('/privacy', kind === 'privacy', t('navPrivacy')) +
    navLink('/about', kind === 'about', t('navAbout')) +
    '</ul></nav>' +
    languageMenu(page) +
    '</header><main id="main" tabindex="-1">'
  );
}

function layoutBottom(
  page: PageContext,
  dataAsOf: LayoutProps['dataAsOf'],
  pack: OfflinePackOffer | undefined,
): string {
  const { t, lang, href } = page;
  const asOf = (timeZone: string) => formatDate(page.now, lang, timeZone);
  return (
    '</main><footer class="site-footer">' +
    (dataAsOf
      ? `<p class="data-as-of">${escapeHtml(t('footerDataAsOf', { date: asOf(dataAsOf.timeZone) }))}</p>`
      : '') +
    offlineControl(page, pack) +
    '<ul class="footer-links">' +
    `<li><a href="${escapeHtml(href('/privacy'))}">${escapeHtml(t('navPrivacy'))}</a></li>` +
    `<li><a href="${escapeHtml(href('/about'))}">${escapeHtml(t('navAbout'))}</a></li>` +
    `<li><a href="${escapeHtml(page.quickExitUrl)}" rel="noreferrer" data-quick-exit="true">` +
    `${escapeHtml(t('quickExitLink'))}</a> ` +
    `<span class="quick-exit-hint">(${escapeHtml(t('quickExitHint'))})</span></li>` +
    '</ul></footer></body></html>'
  );
}

function languageMenu(page: PageContext): string {
  let html = `<nav class="language-menu" aria-label="${escapeHtml(page.t('languageLabel'))}"><ul>`;
  for (const code of UI_LANGUAGES) {
    html +=
      `<li><a href="${escapeHtml(languageHref(page.url, code))}"` +
      ` lang="${code}" dir="${dirOf(code)}" hreflang="${code}"` +
      `${code === page.lang ? ' aria-current="true"' : ''}>${escapeHtml(ENDONYMS[code])}</a></li>`;
  }
  return `${html}</ul></nav>`;
}

/**
 * Saving a governorate for use without internet needs JavaScript, so the control is hidden until the
 * script shows it. Its texts travel as data attributes: the script carries no catalogue. It says what
 * would be kept on the phone before anything is, and is shown on other pages only once something is
 * saved (to open or delete it).
 */
function offlineControl(page: PageContext, pack: OfflinePackOffer | undefined): string {
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
  return (
    '<section class="offline-control" id="offline-control" hidden="" aria-live="polite"' +
    attribute('data-pack-area', pack?.pcode) +
    messages.map(([name, text]) => attribute(`data-msg-${name}`, text)).join('') +
    '><p class="offline-control__status" data-role="status"></p>' +
    '<progress class="offline-control__progress" data-role="progress"' +
    ` aria-label="${escapeHtml(t('offlineSaving'))}" hidden=""></progress>` +
    '<p><a class="offline-control__open" data-role="open-saved" href="/" hidden=""></a></p>' +
    (pack
      ? '<div class="offline-control__warning" data-role="what-is-stored">' +
        `<p>${escapeHtml(t('offlineStores', { area: pack.name }))}</p><p>${escapeHtml(t('offlineWarning'))}</p></div>` +
        '<button type="button" class="button button--secondary" data-role="save">' +
        `${escapeHtml(t('offlineSave', { area: pack.name }))}</button>`
      : '') +
    ' <button type="button" class="button button--secondary" data-role="delete" hidden="">' +
    `${escapeHtml(t('offlineDelete'))}</button></section>`
  );
}
