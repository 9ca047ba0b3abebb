/**
 * What every survivor page needs to render: the UI language and its direction, the translator,
 * the neutral site identity (S5) and links that carry the language (never a cookie, S3).
 */
import type { Context } from 'hono';
import { dirOf, isUiLanguage, translator, type Translate, type UiLanguage } from '../../web/src/i18n/index.ts';
import type { AppEnv } from '../env.ts';

export interface PageContext {
  lang: UiLanguage;
  dir: 'rtl' | 'ltr';
  t: Translate;
  siteName: string;
  quickExitUrl: string;
  /** A same-origin MapLibre style to draw under the boundaries, or null (boundaries only). */
  basemapStyle: string | null;
  /** The moment the page describes: hours and freshness are evaluated at it. */
  now: Date;
  /** The requested URL, for the language menu. */
  url: URL;
  /** A link inside the site that keeps the UI language. */
  href: (path: string, params?: Record<string, string | number | undefined | null>) => string;
}

export function pageContext(c: Context<AppEnv>): PageContext {
  const detected = c.get('language');
  const lang: UiLanguage = isUiLanguage(detected) ? detected : 'ar';
  return {
    lang,
    dir: dirOf(lang),
    t: translator(lang),
    siteName: c.env.SITE_NAME || 'Masar',
    quickExitUrl: c.env.QUICK_EXIT_URL || 'https://www.google.com/search?q=weather',
    basemapStyle: sameOriginPath(c.env.MAP_BASEMAP_STYLE),
    now: new Date(),
    url: new URL(c.req.url),
    href: (path, params) => siteHref(path, lang, params),
  };
}

/** Only a path on this origin is accepted: a survivor's map never asks a third party (S3). */
function sameOriginPath(value: string | undefined): string | null {
  return value && /^\/(?!\/)[\w\-./]+$/.test(value) ? value : null;
}

export function siteHref(
  path: string,
  lang: UiLanguage,
  params: Record<string, string | number | undefined | null> = {},
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  query.set('lang', lang);
  return `${path}?${query}`;
}

/** The current page in another language: same path and parameters, another `lang`. */
export function languageHref(url: URL, lang: UiLanguage): string {
  const query = new URLSearchParams(url.search);
  query.delete('lang');
  query.set('lang', lang);
  return `${url.pathname}?${query}`;
}
