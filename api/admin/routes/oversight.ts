/**
 * The work of a scope: problem reports (C8), the queue (verifications due, drafts, reports) and
 * data-quality figures for the dashboard (M9).
 */
import { z } from '@hono/zod-openapi';
import { PCODE_PATTERN, REPORT_OUTCOMES } from '../../domain/vocabulary.ts';
import { conflict, forbidden, invalid, notFound } from '../../errors.ts';
import { all, DAY_MS, first, iso, parseJson } from '../db.ts';
import { adminRoute, IdParam, jsonBody } from '../http.ts';
import { createRouter } from '../../router.ts';
import type { AdminEnv } from '../env.ts';
import { mayOnService, requireRole } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';

const ReportsQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('open'),
  area: z.string().regex(PCODE_PATTERN, 'must be a P-code').optional(),
});
const Resolve = z.object({ outcome: z.enum(REPORT_OUTCOMES), note: z.string().trim().max(2000).nullable().optional() });
const QueueQuery = z.object({ area: z.string().regex(PCODE_PATTERN, 'must be a P-code').optional(), due_within_days: z.coerce.number().int().min(0).max(90).default(14) });

interface ServiceScope {
  id: string;
  organisationId: string;
  paths: string[];
}

/** Every service with its coverage paths, filtered to what the principal may `action` (and an area). */
async function scopedServices(d1: D1Database, p: Principal, action: 'read' | 'verify' | 'edit', areaPath: string | null): Promise<Map<string, ServiceScope>> {
  const rows = await all<{ id: string; organisationId: string; paths: string }>(
    d1,
    `SELECT s.id, s.organisation_id AS organisationId, (SELECT json_group_array(area_path) FROM service_coverage WHERE service_id = s.id) AS paths FROM services s`,
  );
  const out = new Map<string, ServiceScope>();
  for (const row of rows) {
    const scope = { id: row.id, organisationId: row.organisationId, paths: parseJson<string[]>(row.paths) };
    if (!mayOnService(p, action, { organisationId: scope.organisationId, coveragePaths: scope.paths })) continue;
    if (areaPath && !scope.paths.some((path) => path.startsWith(areaPath) || areaPath.startsWith(path))) continue;
    out.set(row.id, scope);
  }
  return out;
}

async function areaPath(d1: D1Database, pcode: string | undefined): Promise<string | null> {
  if (!pcode) return null;
  const area = await first<{ path: string }>(d1, 'SELECT path FROM areas WHERE pcode = ?', pcode);
  if (!area) throw invalid([{ in: 'query', name: 'area', reason: `no area with P-code ${pcode}` }], null);
  return area.path;
}

interface ReportRow {
  id: string;
  serviceId: string;
  contactRouteId: string | null;
  kind: string;
  note: string | null;
  createdAt: string;
  serviceNames: string;
  outcome: string | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

const REPORT_SELECT = `SELECT r.id, r.service_id AS serviceId, r.contact_route_id AS contactRouteId, r.kind, r.note, r.created_at AS createdAt,
    s.names AS serviceNames, x.outcome, x.note AS resolutionNote, x.resolved_by AS resolvedBy, x.resolved_at AS resolvedAt
  FROM problem_reports r JOIN services s ON s.id = r.service_id LEFT JOIN problem_report_resolutions x ON x.report_id = r.id`;

const reportView = (r: ReportRow) => ({
  id: r.id,
  service_id: r.serviceId,
  service_names: parseJson<unknown>(r.serviceNames),
  contact_route_id: r.contactRouteId,
  kind: r.kind,
  note: r.note,
  created_at: r.createdAt,
  status: r.outcome ? 'resolved' : 'open',
  resolution: r.outcome ? { outcome: r.outcome, note: r.resolutionNote, resolved_by: r.resolvedBy, resolved_at: r.resolvedAt } : null,
});

const r = {
  reports: adminRoute({ method: 'get', path: '/problem-reports', summary: 'Problem reports (C8) about listings in your scope, per area', request: { query: ReportsQuery } }),
  resolve: adminRoute({ method: 'post', path: '/problem-reports/{id}/resolve', summary: 'Resolve a problem report (logged)', request: { params: IdParam, ...jsonBody(Resolve) } }),
  queue: adminRoute({ method: 'get', path: '/queue', summary: 'My work: verifications due, drafts to review, open problem reports', request: { query: QueueQuery } }),
  quality: adminRoute({ method: 'get', path: '/data-quality', summary: 'Data-quality figures (M9): verified shares per governorate, missing fields, open reports, services per type per district' }),
};

export const oversightRouter = createRouter<AdminEnv>()
  .openapi(r.reports, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'work on problem reports');
    const query = c.req.valid('query');
    const scope = await scopedServices(c.env.DB, p, 'verify', await areaPath(c.env.DB, query.area));
    // Filtered by scope and status in SQL before the limit: 2,000 newest reports elsewhere
    // must not hide the ones in this coordinator's areas.
    const rows = await all<ReportRow>(
      c.env.DB,
      `${REPORT_SELECT} WHERE r.service_id IN (SELECT value FROM json_each(?1))
         AND (?2 = 'all' OR (?2 = 'open') = (x.outcome IS NULL)) ORDER BY r.created_at DESC LIMIT 2000`,
      JSON.stringify([...scope.keys()]),
      query.status,
    );
    const items = rows
      .map(reportView);
    return c.json({ items }, 200);
  })
  .openapi(r.resolve, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'resolve problem reports');
    const { id } = c.req.valid('param');
    const report = await first<ReportRow>(c.env.DB, `${REPORT_SELECT} WHERE r.id = ?`, id);
    if (!report) throw notFound('problem report', id);
    const scope = await scopedServices(c.env.DB, p, 'verify', null);
    if (!scope.has(report.serviceId)) throw forbidden('This report is about a listing outside your scope.');
    if (report.outcome) throw conflict('This report is already resolved.');
    const body = c.req.valid('json');
    const now = iso(c.get('now'));
    const resolution = { outcome: body.outcome, note: body.note ?? null };
    await c.env.DB.batch([
      c.env.DB.prepare('INSERT INTO problem_report_resolutions (report_id, outcome, note, resolved_by, resolved_at) VALUES (?, ?, ?, ?, ?)').bind(id, body.outcome, resolution.note, p.id, now),
      c.env.DB
        .prepare(
          `INSERT INTO change_log (at, user_id, actor, entity, entity_id, service_id, field, old_value, new_value, reason)
           VALUES (?, ?, ?, 'problem_report', ?, ?, 'resolution', NULL, ?, ?)`,
        )
        .bind(now, p.userId, p.label, id, report.serviceId, JSON.stringify(resolution), resolution.note),
    ]);
    return c.json(reportView({ ...report, outcome: body.outcome, resolutionNote: resolution.note, resolvedBy: p.id, resolvedAt: now }), 200);
  })
  .openapi(r.queue, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator', 'editor'], 'have a work queue');
    const query = c.req.valid('query');
    const now = c.get('now');
    const action = p.role === 'editor' ? 'edit' : 'verify';
    const scope = await scopedServices(c.env.DB, p, action, await areaPath(c.env.DB, query.area));
    const horizon = iso(new Date(now.getTime() + query.due_within_days * DAY_MS));
    const ids = JSON.stringify([...scope.keys()]);
    const [services, routes, drafts, reports] = await Promise.all([
      all(c.env.DB, `SELECT id, names, verification_status AS verification_status, next_verification_due, version FROM services
         WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'published'
           AND (verification_status != 'verified' OR next_verification_due IS NULL OR next_verification_due <= ?2)
         ORDER BY next_verification_due IS NOT NULL, next_verification_due`, ids, horizon),
      all(c.env.DB, `SELECT r.id, r.service_id, r.kind, r.value, r.visibility, r.verification_status, r.next_verification_due, r.version FROM contact_routes r
         JOIN services s ON s.id = r.service_id
         WHERE r.service_id IN (SELECT value FROM json_each(?1)) AND s.status != 'closed'
           AND (r.verification_status != 'verified' OR r.next_verification_due IS NULL OR r.next_verification_due <= ?2)
         ORDER BY r.next_verification_due IS NOT NULL, r.next_verification_due`, ids, horizon),
      all(c.env.DB, `SELECT s.id, s.names, s.status, s.version, (SELECT count(*) FROM pending_changes p WHERE p.service_id = s.id) AS pending_changes
         FROM services s WHERE s.id IN (SELECT value FROM json_each(?1))
           AND (s.status = 'draft' OR EXISTS (SELECT 1 FROM pending_changes p WHERE p.service_id = s.id))`, ids),
      p.role === 'editor' ? Promise.resolve([]) : all<ReportRow>(c.env.DB, `${REPORT_SELECT} WHERE x.report_id IS NULL AND r.service_id IN (SELECT value FROM json_each(?)) ORDER BY r.created_at`, ids),
    ]);
    const parse = (rows: Record<string, unknown>[]) => rows.map((row) => ('names' in row ? { ...row, names: parseJson<unknown>(row.names) } : row));
    return c.json({
      verifications_due: { services: parse(services), contact_routes: routes },
      drafts: parse(drafts),
      problem_reports: (reports as ReportRow[]).map(reportView),
    }, 200);
  })
  .openapi(r.quality, async (c) => {
    requireRole(c.get('principal'), ['admin', 'coordinator'], 'see data quality');
    return c.json(await dataQuality(c.env.DB, c.get('now')), 200);
  });

/** M9 figures over published listings. A listing counts for an area when it is relevant there. */
export async function dataQuality(d1: D1Database, now: Date) {
  const [services, types, areas, reports] = await Promise.all([
    all<{
      id: string; lastVerifiedAt: string | null; status: string; paths: string; types: string; source: number; afterContact: string;
      languages: string; femaleStaff: string; descriptions: string; publicRoutes: number; routesWithHours: number; referral: number;
    }>(
      d1,
      `SELECT s.id, s.last_verified_at AS lastVerifiedAt, s.verification_status AS status,
         (SELECT json_group_array(area_path) FROM service_coverage WHERE service_id = s.id) AS paths,
         (SELECT json_group_array(service_type_id) FROM service_type_assignments WHERE service_id = s.id) AS types,
         (coalesce(s.source_description, '') != '' OR coalesce(s.source_url, '') != '') AS source,
         s.after_contact AS afterContact, s.languages, s.female_staff AS femaleStaff, s.descriptions,
         (SELECT count(*) FROM contact_routes r WHERE r.service_id = s.id AND r.visibility = 'public') AS publicRoutes,
         (SELECT count(*) FROM contact_routes r WHERE r.service_id = s.id AND r.opening_hours IS NOT NULL) AS routesWithHours,
         (SELECT count(*) FROM service_referral_details d WHERE d.service_id = s.id AND d.focal_point != '{}') AS referral
       FROM services s WHERE s.status = 'published'`,
    ),
    all<{ id: string }>(d1, 'SELECT id FROM service_types ORDER BY sort_order, id'),
    all<{ pcode: string; path: string; level: number; names: string; country: string }>(d1, 'SELECT pcode, path, level, names, country FROM areas WHERE level IN (1, 2) ORDER BY pcode'),
    all<{ paths: string }>(
      d1,
      `SELECT (SELECT json_group_array(area_path) FROM service_coverage WHERE service_id = r.service_id) AS paths
       FROM problem_reports r WHERE NOT EXISTS (SELECT 1 FROM problem_report_resolutions x WHERE x.report_id = r.id)`,
    ),
  ]);
  const list = services.map((s) => ({ ...s, paths: parseJson<string[]>(s.paths), types: parseJson<string[]>(s.types) }));
  const reportPaths = reports.map((r) => parseJson<string[]>(r.paths));
  // Relevant in an area: covers it, something inside it, or an area containing it (a national hotline).
  const relevant = (paths: string[], area: string) => paths.some((p) => p.startsWith(area) || area.startsWith(p));
  const age = (at: string | null) => (at ? (now.getTime() - Date.parse(at)) / DAY_MS : Infinity);
  const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);
  const verifiedWithin = (s: (typeof list)[number], days: number) => s.status !== 'unverified' && age(s.lastVerifiedAt) <= days;
  const emptyText = (json: string) => Object.values(parseJson<Record<string, string>>(json)).every((t) => !t?.trim());

  const governorates = areas.filter((a) => a.level === 1).map((a) => {
    const here = list.filter((s) => relevant(s.paths, a.path));
    return {
      pcode: a.pcode,
      country: a.country,
      names: parseJson<unknown>(a.names),
      services: here.length,
      verified_within_90_days_pct: share(here.filter((s) => verifiedWithin(s, 90)).length, here.length),
      verified_within_365_days_pct: share(here.filter((s) => verifiedWithin(s, 365)).length, here.length),
      open_problem_reports: reportPaths.filter((paths) => paths.some((p) => p.startsWith(a.path))).length,
    };
  });
  const missing = {
    source: list.filter((s) => !s.source).length,
    description: list.filter((s) => emptyText(s.descriptions)).length,
    after_contact: list.filter((s) => emptyText(s.afterContact)).length,
    languages: list.filter((s) => parseJson<string[]>(s.languages).length === 0).length,
    female_staff_unknown: list.filter((s) => s.femaleStaff === 'unknown').length,
    public_contact_route: list.filter((s) => s.publicRoutes === 0).length,
    opening_hours: list.filter((s) => s.routesWithHours === 0).length,
    referral_focal_point: list.filter((s) => !s.referral).length,
  };
  const districts = areas.filter((a) => a.level === 2).map((a) => {
    const here = list.filter((s) => relevant(s.paths, a.path));
    const byType = Object.fromEntries(types.map((t) => [t.id, here.filter((s) => s.types.includes(t.id)).length]));
    return { pcode: a.pcode, country: a.country, names: parseJson<unknown>(a.names), services_per_type: byType, gaps: types.filter((t) => byType[t.id] === 0).map((t) => t.id) };
  });
  return {
    generated_at: iso(now),
    published_services: list.length,
    verified_within_90_days_pct: share(list.filter((s) => verifiedWithin(s, 90)).length, list.length),
    verified_within_365_days_pct: share(list.filter((s) => verifiedWithin(s, 365)).length, list.length),
    governorates,
    missing_fields: missing,
    open_problem_reports: reports.length,
    districts,
  };
}
