/**
 * The maintainer console: one server-rendered shell at /maintainers/, the path the
 * invitation links already use (api/admin/routes/invitations.ts, db/seed/create-admin.mjs). The shell
 * sets the language and direction; web/src/console/ renders every screen on the client from the
 * admin JSON API, with the session cookie that only the admin API sets (S3: this page sets none).
 *
 * Client-rendered rather than one server page per screen: every screen needs the session, the
 * CSRF token and ETags, which the script already holds; a server page would have to read the
 * cookie here too and duplicate the admin API's authorisation.
 */
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv } from '../../env.ts';
import { negotiateLanguage } from '../../middleware/language.ts';
import { dirOf, isUiLanguage, translator, type UiLanguage } from '../../../web/src/i18n/index.ts';

const STYLESHEET = '/assets/console.css';
const SCRIPT = '/assets/console.js';

export const CONSOLE_PATH = '/maintainers/';

/** Mounted at "/" by pages/index.ts: only /maintainers and /maintainers/ are answered here. */
export const consoleRouter = new Hono<AppEnv>()
  .get('/maintainers', (c) => c.redirect(`${CONSOLE_PATH}${new URL(c.req.url).search}`, 301))
  .use(CONSOLE_PATH, negotiateLanguage(), async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('Content-Language', c.get('language'));
    c.header('X-Robots-Tag', 'noindex, nofollow');
  })
  .get(CONSOLE_PATH, (c) => {
    const detected = c.get('language');
    const lang: UiLanguage = isUiLanguage(detected) ? detected : 'ar';
    const t = translator(lang);
    const siteName = c.env.SITE_NAME || 'Masar';
    return c.html(
      <>
        {raw('<!doctype html>')}
        <html lang={lang} dir={dirOf(lang)} data-page="console" data-site-name={siteName}>
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="referrer" content="no-referrer" />
            <meta name="robots" content="noindex, nofollow" />
            <title>{`${t('consoleTitle')} · ${siteName}`}</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
            <link rel="stylesheet" href="/assets/main.css" />
            <link rel="stylesheet" href={STYLESHEET} />
            <script type="module" src={SCRIPT}></script>
          </head>
          <body>
            <a class="skip-link" href="#console-main">
              {t('skipToContent')}
            </a>
            <div id="console-root">
              <main id="console-main" tabindex={-1}>
                <h1>{t('consoleTitle')}</h1>
                <noscript>
                  <p>{t('consoleNeedsScript')}</p>
                </noscript>
              </main>
            </div>
          </body>
        </html>
      </>,
    );
  });
