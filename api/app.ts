import { secureHeaders } from 'hono/secure-headers';
import { dataLicence, openApiLicence } from './domain/data-licence.ts';
import { handleError, isApiPath, nothingAt, problemResponse, statusOf } from './errors.ts';
import { withDatabase } from './middleware/db.ts';
import { d1Metering } from './middleware/d1-metering.ts';
import { edgeCache } from './middleware/edge-cache.ts';
import { negotiateLanguage } from './middleware/language.ts';
import { createRouter } from './router.ts';
import { areasRouter } from './routes/areas.ts';
import { exportsRouter } from './routes/exports.ts';
import { hsdsRouter } from './routes/hsds.ts';
import { mapRouter } from './routes/map.ts';
import { metaRouter } from './routes/meta.ts';
import { offlinePackRouter } from './routes/offline-pack.ts';
import { concernsRouter, pathwaysRouter } from './routes/pathways.ts';
import { errorPage } from './pages/error-page.tsx';
import { pagesRouter } from './pages/index.ts';
import { problemReportsRouter } from './routes/problem-reports.ts';
import { serviceTypesRouter } from './routes/service-types.ts';
import { servicesRouter } from './routes/services.ts';
import { adminRouter } from './admin/index.ts';

export const API_BASE = '/api/v1';

/**
 * The one permissions policy of every response (pages, console, API, static files, errors):
 * geolocation only for this origin's near-me search (S11), no other powerful feature.
 */
export const PERMISSIONS_POLICY =
  'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()';

export function createApp() {
  const app = createRouter();

  // The load bench's D1 meter (off unless MASAR_BENCH=1), around the edge copy so it counts hits too.
  app.use('*', d1Metering());
  // First, so a copy at the edge is answered before anything else runs, and the copy stored holds
  // every header the rest of the app sets (api/middleware/edge-cache.ts).
  app.use('*', edgeCache());

  // S3: one strict policy for every response, pages, API and static files alike.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  // S4: no response is kept by the browser or a shared cache: pages, API, static files,
  // redirects and errors alike (a cached redirect would outlive a change of where it points).
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('Permissions-Policy', PERMISSIONS_POLICY);
  });
  app.use(`${API_BASE}/*`, async (c, next) => {
    await next();
    // S4: nothing a survivor looked up is kept by the browser; language varies the answer.
    c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Accept-Language');
  });
  app.use(`${API_BASE}/*`, negotiateLanguage(), withDatabase());

  app.route(`${API_BASE}/areas`, areasRouter);
  app.route(`${API_BASE}/areas`, offlinePackRouter);
  app.route(`${API_BASE}/service-types`, serviceTypesRouter);
  app.route(`${API_BASE}/services`, servicesRouter);
  app.route(`${API_BASE}/concerns`, concernsRouter);
  app.route(`${API_BASE}/pathways`, pathwaysRouter);
  app.route(`${API_BASE}/map`, mapRouter);
  app.route(`${API_BASE}/hsds`, hsdsRouter);
  app.route(`${API_BASE}/exports`, exportsRouter);
  app.route(API_BASE, metaRouter);
  app.route(`${API_BASE}/problem-reports`, problemReportsRouter);
  app.route(`${API_BASE}/admin`, adminRouter);

  // A function of the request, so `info.license` (required by HSDS's API description) is the
  // deployment's own data licence.
  app.doc31(`${API_BASE}/openapi.json`, (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Masar directory API',
      version: '1.0.0',
      description:
        'A verified directory of services for people facing gender-based and online violence, by area. Public ' +
        'responses never contain practitioner-only contact routes, referral details or confidential addresses. ' +
        "Errors are RFC 9457 problem details. The listings' licence is `info.license`; boundary data: CC BY 3.0 " +
        'IGO, credits at /api/v1/attribution.',
      license: openApiLicence(dataLicence(c.env.DATA_LICENCE)),
    },
  }));

  // The survivor pages and the web app's static files; after every API route.
  app.route('/', pagesRouter);

  // problem+json is for the API's clients; a person's browser always gets a page with the quick exit.
  app.notFound((c) => (isApiPath(c) ? problemResponse(c, nothingAt(new URL(c.req.url).pathname)) : errorPage(c, 404)));
  app.onError((err, c) => {
    if (isApiPath(c)) return handleError(err, c);
    if (statusOf(err) >= 500) console.error('unhandled error', err);
    return errorPage(c, statusOf(err));
  });
  return app;
}
