/** Problem reports as maintainers read them: the report, the listing's name, and how it was resolved. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { problemReportResolutions } from '../../../db/maintainer-schema.ts';
import { problemReports, services } from '../../../db/schema.ts';
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
