// Builds the whole seed (admin areas + service taxonomy + sample directory + derived tables) as
// SQL statements. Used by `npm start` (written to a file for `wrangler d1 execute`) and by the
// tests (applied through D1's batch API), so both run against the same data.
import { areaStatements, loadAreas } from './areas.mjs';
import { sampleSearchDocuments, sampleStatements } from './sample-directory.mjs';
import { serviceTypes, serviceTypeStatements } from './service-types.mjs';
import { insertRow } from './sql.mjs';

/**
 * Rebuilds service_coverage: every area a service is relevant to (its service areas and the areas
 * of its locations), by area path. The Worker runs the same statement after edits.
 */
export const REFRESH_COVERAGE_SQL = `DELETE FROM service_coverage;
INSERT OR IGNORE INTO service_coverage (service_id, area_path)
  SELECT sa.service_id, a.path FROM service_areas sa JOIN areas a ON a.pcode = sa.area_pcode
  UNION
  SELECT sal.service_id, a.path FROM service_at_locations sal
    JOIN locations l ON l.id = sal.location_id JOIN areas a ON a.pcode = l.area_pcode;`;

/** @param {{ now?: Date }} options  `now` anchors relative dates in the sample (verification ages, closures). */
export async function buildSeed({ now = new Date() } = {}) {
  const areas = loadAreas();
  const areaNames = new Map(areas.map((a) => [a.pcode, [...Object.values(a.names), ...a.aliases]]));
  // A type's descriptions are searchable too, so "blackmail" or "ابتزاز" find the services that help.
  const typeNames = new Map(serviceTypes.map((t) => [t.id, [...Object.values(t.names), ...Object.values(t.descriptions ?? {})]]));
  const statements = [
    ...areaStatements(areas),
    ...serviceTypeStatements(),
    ...sampleStatements(now),
    ...REFRESH_COVERAGE_SQL.split(';').map((s) => s.trim()).filter(Boolean).map((s) => `${s};`),
    ...sampleSearchDocuments(now, areaNames, typeNames).map((doc) => insertRow('service_search', doc)),
  ];
  return { statements };
}
