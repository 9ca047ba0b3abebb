/**
 * Problem reports that anyone filed about a listing, for the coordinators and admins whose scope
 * covers it: listed per area, and resolved with an outcome (the resolution is logged). A signed-in
 * person (a caseworker who called and found no one) reports from the console here: the report
 * keeps their role, so the team knows it comes from a practitioner, and nothing else about them.
 */
import { changeLogEntry } from '../change-log.ts';
import { z } from '@hono/zod-openapi';
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { idList } from '../../../db/id-list.ts';
import { problemReportResolutions } from '../../../db/maintainer-schema.ts';
import { problemReports } from '../../../db/schema.ts';
import { PCODE_PATTERN, REPORT_OUTCOMES } from '../../domain/vocabulary.ts';
import { conflict, forbidden, invalid, notFound } from '../../errors.ts';
import { recordProblemReport } from '../../queries/problem-reports.ts';
import { ProblemReportInput } from '../../schemas/problem-reports.ts';
import { createRouter } from '../../router.ts';
import { requireRole } from '../auth/policy.ts';
import { iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, IdParam, jsonBody } from '../http.ts';
import { consoleReportTargetError, reportRows, reportView } from '../queries/problem-reports.ts';
import { areaPathOf, scopedServices } from '../queries/work-scope.ts';
import { ConsoleReportReceipt, ProblemReport, ProblemReportList } from '../schemas/problem-reports.ts';

const ReportsQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  area: z.string().regex(PCODE_PATTERN, 'must be a P-code').optional(),
});
const Resolve = z.object({ outcome: z.enum(REPORT_OUTCOMES), note: z.string().trim().max(2000).nullable().optional() });

const r = {
  reports: adminRoute({
    method: 'get',
    path: '/problem-reports',
    summary: 'Problem reports about listings in your scope, per area',
    request: { query: ReportsQuery },
    ok: ProblemReportList,
  }),
  report: adminRoute({
    method: 'post',
    path: '/problem-reports',
    summary: 'Report a problem with a published listing in your scope; your role is recorded with it',
    request: jsonBody(ProblemReportInput),
    created: ConsoleReportReceipt,
  }),
  resolve: adminRoute({
    method: 'post',
    path: '/problem-reports/{id}/resolve',
    summary: 'Resolve a problem report (logged)',
    request: { params: IdParam, ...jsonBody(Resolve) },
    ok: ProblemReport,
  }),
};

export const problemReportsRouter = createRouter<AdminEnv>()
  .openapi(r.reports, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'work on problem reports');
    const db = c.get('db');
    const query = c.req.valid('query');
    const scope = await scopedServices(db, p, 'verify', await areaPathOf(db, query.area));
    // Filtered by scope and status in SQL before the limit: 2,000 newest reports elsewhere
    // must not hide the ones in this coordinator's areas.
    const status = {
      open: isNull(problemReportResolutions.reportId),
      resolved: isNotNull(problemReportResolutions.reportId),
      all: undefined,
    }[query.status];
    const rows = await reportRows(db)
      .where(and(sql`${problemReports.serviceId} IN ${idList(scope.keys())}`, status))
      .orderBy(desc(problemReports.createdAt))
      .limit(2000);
    return c.json({ items: rows.map(reportView) }, 200);
  })
  .openapi(r.report, async (c) => {
    const p = c.get('principal');
    const db = c.get('db');
    const input = c.req.valid('json');
    const contactRouteId = input.contact_route_id ?? null;
    const wrong = await consoleReportTargetError(db, input.service_id, contactRouteId);
    if (wrong === 'service') throw notFound('published service', input.service_id);
    const scope = await scopedServices(db, p, 'read', null);
    if (!scope.has(input.service_id)) throw forbidden('This listing is outside your scope.');
    if (wrong === 'contact_route') {
      throw invalid([{ in: 'body', name: 'contact_route_id', reason: 'is not a contact route of this service' }]);
    }
    const row = await recordProblemReport(
      db,
      {
        serviceId: input.service_id,
        contactRouteId,
        kind: input.kind,
        note: input.note?.trim() || null,
        reporterRole: p.role,
      },
      c.get('now'),
    );
    return c.json(
      { id: row.id, service_id: row.serviceId, kind: row.kind, reporter_role: p.role, created_at: row.createdAt },
      201,
    );
  })
  .openapi(r.resolve, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'resolve problem reports');
    const db = c.get('db');
    const { id } = c.req.valid('param');
    const report = await reportRows(db).where(eq(problemReports.id, id)).get();
    if (!report) throw notFound('problem report', id);
    const scope = await scopedServices(db, p, 'verify', null);
    if (!scope.has(report.serviceId)) throw forbidden('This report is about a listing outside your scope.');
    if (report.resolution) throw conflict('This report is already resolved.');
    const body = c.req.valid('json');
    const now = iso(c.get('now'));
    const resolution = { outcome: body.outcome, note: body.note ?? null };
    await db.batch([
      db
        .insert(problemReportResolutions)
        .values({ reportId: id, outcome: body.outcome, note: resolution.note, resolvedBy: p.id, resolvedAt: now }),
      changeLogEntry(db, {
        at: now,
        by: { userId: p.userId, label: p.label },
        entity: 'problem_report',
        entityId: id,
        serviceId: report.serviceId,
        field: 'resolution',
        new: resolution,
        reason: resolution.note,
      }),
    ]);
    return c.json(
      reportView({
        ...report,
        resolution: { outcome: body.outcome, note: resolution.note, resolvedBy: p.id, resolvedAt: now },
      }),
      200,
    );
  });
