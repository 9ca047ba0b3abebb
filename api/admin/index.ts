/**
 * The maintainers' API under /api/v1/admin (issue 4). Cookies exist only here: survivor pages
 * and the public API never set one (S3). Every route but signing in and accepting an invitation
 * needs a session or an API token (auth/principal.ts), and every handler checks role and scope
 * (auth/policy.ts).
 */
import { conflict, handleError, problemResponse } from '../errors.ts';
import { createRouter } from '../router.ts';
import { authenticate } from './auth/principal.ts';
import { databaseErrorText } from './db.ts';
import type { AdminEnv } from './env.ts';
import { dataQualityRouter } from './routes/data-quality.ts';
import { historyRouter } from './routes/history.ts';
import { importsRouter } from './routes/imports.ts';
import { closuresRouter } from './routes/closures.ts';
import { contactRoutesRouter } from './routes/contact-routes.ts';
import { locationsRouter } from './routes/locations.ts';
import { organisationsRouter } from './routes/organisations.ts';
import { apiTokensRouter } from './routes/api-tokens.ts';
import { invitationsRouter } from './routes/invitations.ts';
import { pathwaysRouter } from './routes/pathways.ts';
import { problemReportsRouter } from './routes/problem-reports.ts';
import { serviceLocationsRouter } from './routes/service-locations.ts';
import { servicesRouter } from './routes/services.ts';
import { sessionRouter } from './routes/session.ts';
import { translationsRouter } from './routes/translations.ts';
import { usersRouter } from './routes/users.ts';
import { verificationRouter } from './routes/verification.ts';
import { workQueueRouter } from './routes/work-queue.ts';

export const ADMIN_BASE = '/api/v1/admin';

export const adminRouter = createRouter<AdminEnv>();
adminRouter.openAPIRegistry.registerComponent('securitySchemes', 'session', {
  type: 'apiKey',
  in: 'cookie',
  name: '__Host-masar_session',
  description: 'Set by POST /api/v1/admin/session. Writes also need the X-CSRF-Token header and a same-origin Origin.',
});
adminRouter.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', {
  type: 'http',
  scheme: 'bearer',
  description: 'A scoped API token for partner integrations (read-only unless created with access "write").',
});
adminRouter.use('*', authenticate(ADMIN_BASE));
/**
 * P4: one place for database constraint failures in admin writes (a foreign key, a unique or
 * check constraint). They mean the request conflicts with the stored data: 409 problem+json,
 * never a 500. Everything else goes to the app's error handler as before.
 */
export const isConstraintError = (err: unknown) => /SQLITE_CONSTRAINT|constraint failed/i.test(databaseErrorText(err));
adminRouter.onError((err, c) => {
  if (isConstraintError(err)) {
    console.warn('admin write refused by a database constraint', String((err as Error)?.message ?? err));
    return problemResponse(
      c,
      conflict('The change conflicts with other records that refer to, or are referred to by, this one.'),
    );
  }
  return handleError(err, c);
});
adminRouter.route('/', sessionRouter);
adminRouter.route('/', invitationsRouter);
adminRouter.route('/', usersRouter);
adminRouter.route('/', apiTokensRouter);
adminRouter.route('/', servicesRouter);
adminRouter.route('/', contactRoutesRouter);
adminRouter.route('/', closuresRouter);
adminRouter.route('/', serviceLocationsRouter);
adminRouter.route('/', organisationsRouter);
adminRouter.route('/', locationsRouter);
adminRouter.route('/', pathwaysRouter);
adminRouter.route('/', historyRouter);
adminRouter.route('/', translationsRouter);
adminRouter.route('/', verificationRouter);
adminRouter.route('/', problemReportsRouter);
adminRouter.route('/', workQueueRouter);
adminRouter.route('/', dataQualityRouter);
adminRouter.route('/', importsRouter);

export { runMaintenance } from './jobs/maintenance.ts';
