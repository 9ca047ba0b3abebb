/** A maintainer's work in their scope: verifications due, drafts to review, open problem reports. */
import { z } from '@hono/zod-openapi';
import { and, eq, exists, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { pendingChanges, problemReportResolutions } from '../../../db/maintainer-schema.ts';
import { idList } from '../../../db/id-list.ts';
import { contactRoutes, problemReports, services } from '../../../db/schema.ts';
import { PCODE_PATTERN } from '../../domain/vocabulary.ts';
import { createRouter } from '../../router.ts';
import { requireRole } from '../auth/policy.ts';
import { DAY_MS, iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute } from '../http.ts';
import { reportRows, reportView } from '../queries/problem-reports.ts';
import { areaPathOf, scopedServices } from '../queries/work-scope.ts';
import { WorkQueue } from '../schemas/work-queue.ts';

const QueueQuery = z.object({
  area: z.string().regex(PCODE_PATTERN, 'must be a P-code').optional(),
  due_within_days: z.coerce.number().int().min(0).max(90).default(14),
});

const r = {
  queue: adminRoute({
    method: 'get',
    path: '/queue',
    summary: 'My work: verifications due, drafts to review, open problem reports',
    request: { query: QueueQuery },
    ok: WorkQueue,
  }),
};

export const workQueueRouter = createRouter<AdminEnv>().openapi(r.queue, async (c) => {
  const p = c.get('principal');
  requireRole(p, ['admin', 'coordinator', 'editor'], 'have a work queue');
  const db = c.get('db');
  const query = c.req.valid('query');
  const now = c.get('now');
  const action = p.role === 'editor' ? 'edit' : 'verify';
  const scope = await scopedServices(db, p, action, await areaPathOf(db, query.area));
  const horizon = iso(new Date(now.getTime() + query.due_within_days * DAY_MS));
  const ids = idList(scope.keys());
  const inScope = (column: typeof services.id | typeof contactRoutes.serviceId | typeof problemReports.serviceId) =>
    sql`${column} IN ${ids}`;
  // Due: never verified, overdue, or due before the horizon.
  const due = (t: typeof services | typeof contactRoutes) =>
    or(ne(t.verificationStatus, 'verified'), isNull(t.nextVerificationDue), lte(t.nextVerificationDue, horizon));
  const dueFirst = (t: typeof services | typeof contactRoutes) => [
    sql`${t.nextVerificationDue} IS NOT NULL`,
    t.nextVerificationDue,
  ];
  const [servicesDue, routesDue, drafts, reports] = await Promise.all([
    db
      .select({
        id: services.id,
        names: services.names,
        verification_status: services.verificationStatus,
        next_verification_due: services.nextVerificationDue,
        version: services.version,
      })
      .from(services)
      .where(and(inScope(services.id), eq(services.status, 'published'), due(services)))
      .orderBy(...dueFirst(services)),
    db
      .select({
        id: contactRoutes.id,
        service_id: contactRoutes.serviceId,
        kind: contactRoutes.kind,
        value: contactRoutes.value,
        visibility: contactRoutes.visibility,
        verification_status: contactRoutes.verificationStatus,
        next_verification_due: contactRoutes.nextVerificationDue,
        version: contactRoutes.version,
      })
      .from(contactRoutes)
      .innerJoin(services, eq(services.id, contactRoutes.serviceId))
      .where(and(inScope(contactRoutes.serviceId), ne(services.status, 'closed'), due(contactRoutes)))
      .orderBy(...dueFirst(contactRoutes)),
    db
      .select({
        id: services.id,
        names: services.names,
        status: services.status,
        version: services.version,
        pending_changes: db.$count(pendingChanges, eq(pendingChanges.serviceId, services.id)),
      })
      .from(services)
      .where(
        and(
          inScope(services.id),
          or(
            eq(services.status, 'draft'),
            exists(
              db
                .select({ one: sql`1` })
                .from(pendingChanges)
                .where(eq(pendingChanges.serviceId, services.id)),
            ),
          ),
        ),
      ),
    // Editors do not resolve reports.
    p.role === 'editor'
      ? Promise.resolve([])
      : reportRows(db)
          .where(and(isNull(problemReportResolutions.reportId), inScope(problemReports.serviceId)))
          .orderBy(problemReports.createdAt),
  ]);
  return c.json(
    {
      verifications_due: { services: servicesDue, contact_routes: routesDue },
      drafts,
      problem_reports: reports.map(reportView),
    },
    200,
  );
});
