/** Problem reports as maintainers read them: the report, the listing's name, and how it was resolved. */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { problemReportResolutions } from '../../../db/maintainer-schema.ts';
import { contactRoutes, problemReports, services } from '../../../db/schema.ts';
import type { ProblemReport } from '../schemas/problem-reports.ts';

/** The select every maintainers' read of reports starts from; add `.where(…)`, order and limit. */
export const reportRows = (db: Database) =>
  db
    .select({
      id: problemReports.id,
      serviceId: problemReports.serviceId,
      contactRouteId: problemReports.contactRouteId,
      kind: problemReports.kind,
      note: problemReports.note,
      reporterRole: problemReports.reporterRole,
      createdAt: problemReports.createdAt,
      serviceNames: services.names,
      resolution: {
        outcome: problemReportResolutions.outcome,
        note: problemReportResolutions.note,
        resolvedBy: problemReportResolutions.resolvedBy,
        resolvedAt: problemReportResolutions.resolvedAt,
      },
    })
    .from(problemReports)
    .innerJoin(services, eq(services.id, problemReports.serviceId))
    .leftJoin(problemReportResolutions, eq(problemReportResolutions.reportId, problemReports.id));

export type ReportRow = Awaited<ReturnType<typeof reportRows>>[number];

export const reportView = (r: ReportRow): ProblemReport => ({
  id: r.id,
  service_id: r.serviceId,
  service_names: r.serviceNames,
  contact_route_id: r.contactRouteId,
  kind: r.kind,
  note: r.note,
  reporter_role: r.reporterRole,
  created_at: r.createdAt,
  status: r.resolution ? 'resolved' : 'open',
  resolution: r.resolution
    ? {
        outcome: r.resolution.outcome,
        note: r.resolution.note,
        resolved_by: r.resolution.resolvedBy,
        resolved_at: r.resolution.resolvedAt,
      }
    : null,
});

/**
 * Why a signed-in person's report cannot be accepted, or null when it can: the listing must be
 * published (what a caseworker refers to), and a route, when named, one of its own, practitioner-only
 * routes included (the console shows them). Scope is checked by the route.
 */
export async function consoleReportTargetError(
  db: Database,
  serviceId: string,
  contactRouteId: string | null,
): Promise<'service' | 'contact_route' | null> {
  const service = await db.select({ status: services.status }).from(services).where(eq(services.id, serviceId)).get();
  if (service?.status !== 'published') return 'service';
  if (!contactRouteId) return null;
  const route = await db
    .select({ id: contactRoutes.id })
    .from(contactRoutes)
    .where(and(eq(contactRoutes.id, contactRouteId), eq(contactRoutes.serviceId, serviceId)))
    .get();
  return route ? null : 'contact_route';
}
