/**
 * The survivor-facing pages, rendered by the Worker so they read without JavaScript
 * (S10), plus the static files of the web app. Mounted at "/" by app.ts after the API.
 *
 * Paths are neutral words (S5): /a/{P-code}, /s/{id}, /privacy, /about, /guide. Headers: the app-wide
 * ones of api/app.ts (CSP default-src 'self', no-referrer, no-store, the permissions policy)
 * plus, here, no-store again and the language.
 */
import { Hono, type Context } from 'hono';
import { every } from 'hono/combine';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { withDatabase } from '../middleware/db.ts';
import { negotiateLanguage } from '../middleware/language.ts';
import { aboutPage } from './about.tsx';
import { areaPage } from './area.tsx';
import { areaPrintPage } from './area-print.tsx';
import { consoleRouter } from './console/index.tsx';
import { favicon } from './favicon.ts';
import { guidePage } from './guide.tsx';
import { homePage } from './home.tsx';
import { notFoundPage } from './not-found.tsx';
import { offlinePage } from './offline.tsx';
import { pathwayPage } from './pathway.tsx';
import { privacyPage } from './privacy.tsx';
import { pathwayCardPage, serviceCardPage } from './safe-card.tsx';
import { problemReportPage } from './problem-report.tsx';
import { servicePage } from './service.tsx';
import { staticAsset } from './static-assets.ts';

/** S4: nothing a survivor opened is kept by the browser (the offline copy is opt-in, in the service worker). */
const noStore = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

const pageHeaders = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.header('Vary', 'Accept-Language');
    c.header('Content-Language', c.get('language'));
  });

const page = every(noStore(), pageHeaders(), negotiateLanguage(), withDatabase());
const notApi = (c: Context<AppEnv>) => !c.req.path.startsWith('/api/');

export const pagesRouter = new Hono<AppEnv>()
  .get('/', page, homePage)
  // A search: the words travel in the body, never in an address the browser records.
  .post('/', page, homePage)
  .get('/a/:pcode', page, areaPage)
  .get('/a/:pcode/print', page, areaPrintPage)
  .get('/s/:id', page, servicePage)
  .get('/p/:id', page, pathwayPage)
  .get('/s/:id/card', page, serviceCardPage)
  .get('/p/:id/card', page, pathwayCardPage)
  .post('/s/:id/problem', page, problemReportPage)
  .get('/privacy', page, privacyPage)
  .get('/about', page, aboutPage)
  .get('/guide', page, guidePage)
  .get('/offline', page, offlinePage)
  .route('/', consoleRouter)
  .get('/favicon.svg', noStore(), favicon)
  .get('/sw.js', noStore(), staticAsset)
  .get('/assets/*', noStore(), staticAsset)
  .get('/reference', noStore(), staticAsset)
  .get('/reference/*', noStore(), staticAsset)
  // Anything else that is not the API: a page, with the quick exit, rather than problem+json.
  .get('*', page, (c, next) => (notApi(c) ? notFoundPage(c) : next()));
