/**
 * The data-quality dashboard: verified shares per governorate, fields listings lack, open
 * problem reports, and services per type per district (a zero is a gap in the referral pathway).
 */
import { and, eq, inArray, isNotNull, ne, notExists, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { problemReportResolutions } from '../../../db/maintainer-schema.ts';
import {
  areas,
  contactRoutes,
  problemReports,
  serviceReferralDetails,
  services,
  serviceTypeAssignments,
  serviceTypes,
} from '../../../db/schema.ts';
import type { LocalizedText } from '../../domain/vocabulary.ts';
import { createRouter } from '../../router.ts';
import { requireRole } from '../auth/policy.ts';
import { DAY_MS, iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute } from '../http.ts';
import { coverageByService, relevantIn } from '../queries/work-scope.ts';
import { DataQuality } from '../schemas/data-quality.ts';
import { covers } from '../../domain/area-paths.ts';

const r = {
  quality: adminRoute({
    method: 'get',
    path: '/data-quality',
    summary:
      'Data-quality figures: verified shares per governorate, missing fields, open reports, services per type ' +
      'per district',
    ok: DataQuality,
  }),
};

export const dataQualityRouter = createRouter<AdminEnv>().openapi(r.quality, async (c) => {
  requireRole(c.get('principal'), ['admin', 'coordinator'], 'see data quality');
  return c.json(await dataQuality(c.get('db'), c.get('now')), 200);
});

/** The figures over published listings. A listing counts for an area when it is relevant there. */
export async function dataQuality(db: Database, now: Date) {
  const [published, coverage, assignments, types, levels, openReports] = await Promise.all([
    db
      .select({
        id: services.id,
        lastVerifiedAt: services.lastVerifiedAt,
        status: services.verificationStatus,
        sourceDescription: services.sourceDescription,
        sourceUrl: services.sourceUrl,
        afterContact: services.afterContact,
        languages: services.languages,
        femaleStaff: services.femaleStaff,
        descriptions: services.descriptions,
        publicRoutes: db.$count(
          contactRoutes,
          and(eq(contactRoutes.serviceId, services.id), eq(contactRoutes.visibility, 'public')),
        ),
        routesWithHours: db.$count(
          contactRoutes,
          and(eq(contactRoutes.serviceId, services.id), isNotNull(contactRoutes.openingHours)),
        ),
        referral: db.$count(
          serviceReferralDetails,
          and(eq(serviceReferralDetails.serviceId, services.id), ne(serviceReferralDetails.focalPoint, {})),
        ),
      })
      .from(services)
      .where(eq(services.status, 'published')),
    coverageByService(db),
    db
      .select({ serviceId: serviceTypeAssignments.serviceId, typeId: serviceTypeAssignments.serviceTypeId })
      .from(serviceTypeAssignments),
    db.select({ id: serviceTypes.id }).from(serviceTypes).orderBy(serviceTypes.sortOrder, serviceTypes.id),
    db
      .select({ pcode: areas.pcode, path: areas.path, level: areas.level, names: areas.names, country: areas.country })
      .from(areas)
      .where(inArray(areas.level, [1, 2]))
      .orderBy(areas.pcode),
    db
      .select({ serviceId: problemReports.serviceId })
      .from(problemReports)
      .where(
        notExists(
          db
            .select({ one: sql`1` })
            .from(problemReportResolutions)
            .where(eq(problemReportResolutions.reportId, problemReports.id)),
        ),
      ),
  ]);
  const typesOf = new Map<string, string[]>();
  for (const a of assignments) typesOf.set(a.serviceId, [...(typesOf.get(a.serviceId) ?? []), a.typeId]);
  const list = published.map((s) => ({ ...s, paths: coverage.get(s.id) ?? [], types: typesOf.get(s.id) ?? [] }));
  const reportPaths = openReports.map((report) => coverage.get(report.serviceId) ?? []);
  const age = (at: string | null) => (at ? (now.getTime() - Date.parse(at)) / DAY_MS : Infinity);
  const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);
  const verifiedWithin = (s: (typeof list)[number], days: number) =>
    s.status !== 'unverified' && age(s.lastVerifiedAt) <= days;
  const emptyText = (texts: LocalizedText) => Object.values(texts).every((t) => !t?.trim());

  const governorates = levels
    .filter((a) => a.level === 1)
    .map((a) => {
      const here = list.filter((s) => relevantIn(s.paths, a.path));
      return {
        pcode: a.pcode,
        country: a.country,
        names: a.names,
        services: here.length,
        verified_within_90_days_pct: share(here.filter((s) => verifiedWithin(s, 90)).length, here.length),
        verified_within_365_days_pct: share(here.filter((s) => verifiedWithin(s, 365)).length, here.length),
        // A report counts for the governorate its listing covers or is inside (not for a national listing).
        open_problem_reports: reportPaths.filter((paths) => paths.some((p) => covers(a.path, p))).length,
      };
    });
  const missing = {
    source: list.filter((s) => !s.sourceDescription && !s.sourceUrl).length,
    description: list.filter((s) => emptyText(s.descriptions)).length,
    after_contact: list.filter((s) => emptyText(s.afterContact)).length,
    languages: list.filter((s) => s.languages.length === 0).length,
    female_staff_unknown: list.filter((s) => s.femaleStaff === 'unknown').length,
    public_contact_route: list.filter((s) => s.publicRoutes === 0).length,
    opening_hours: list.filter((s) => s.routesWithHours === 0).length,
    referral_focal_point: list.filter((s) => !s.referral).length,
  };
  const districts = levels
    .filter((a) => a.level === 2)
    .map((a) => {
      const here = list.filter((s) => relevantIn(s.paths, a.path));
      const byType = Object.fromEntries(types.map((t) => [t.id, here.filter((s) => s.types.includes(t.id)).length]));
      return {
        pcode: a.pcode,
        country: a.country,
        names: a.names,
        services_per_type: byType,
        gaps: types.filter((t) => byType[t.id] === 0).map((t) => t.id),
      };
    });
  return {
    generated_at: iso(now),
    published_services: list.length,
    verified_within_90_days_pct: share(list.filter((s) => verifiedWithin(s, 90)).length, list.length),
    verified_within_365_days_pct: share(list.filter((s) => verifiedWithin(s, 365)).length, list.length),
    governorates,
    missing_fields: missing,
    open_problem_reports: openReports.length,
    districts,
  };
}
