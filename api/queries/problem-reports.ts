import type { Database } from '../../db/client.ts';
import type { PROBLEM_KINDS, Role } from '../domain/vocabulary.ts';
import { problemReports } from '../../db/schema.ts';
import { publicContactRoutes, publicServices } from './public-directory.ts';

export interface ProblemReport {
  serviceId: string;
  contactRouteId: string | null;
  kind: (typeof PROBLEM_KINDS)[number];
  note: string | null;
  /** Only for a signed-in person's report from the console; a public report never has one. */
  reporterRole?: Role | null;
}

/** Why a report about this service or route cannot be accepted, or null when it can. */
export async function problemReportTargetError(
  db: Database,
  report: ProblemReport,
): Promise<'service' | 'contact_route' | null> {
  // Only what the public can see can be reported: published services and their public routes.
  const [service] = await publicServices(db, [report.serviceId]);
  if (!service) return 'service';
  if (report.contactRouteId) {
    const routes = await publicContactRoutes(db, [report.serviceId]);
    if (!routes.some((r) => r.id === report.contactRouteId)) return 'contact_route';
  }
  return null;
}

export async function recordProblemReport(db: Database, report: ProblemReport, now: Date) {
  const row = {
    id: crypto.randomUUID(),
    serviceId: report.serviceId,
    contactRouteId: report.contactRouteId,
    kind: report.kind,
    note: report.note,
    reporterRole: report.reporterRole ?? null,
    createdAt: now.toISOString(),
  };
  await db.insert(problemReports).values(row);
  return row;
}
