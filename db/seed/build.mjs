// Builds the whole seed (admin areas + service taxonomy + sample directory + derived tables) as
// SQL statements. Used by `npm start` (written to a file for `wrangler d1 execute`) and by the
// tests (applied through D1's batch API), so both run against the same data.
import { areaStatements, loadAreas } from './areas.mjs';
import { sampleSearchDocuments, sampleStatements } from './sample-directory.mjs';
import { serviceTypes, serviceTypeStatements } from './service-types.mjs';
import { insertRow } from './sql.mjs';
import { REFRESH_COVERAGE_SQL } from '../../api/domain/listing-index.ts';

// Rebuilds service_coverage; shared with the Worker, which runs the same SQL per service after edits.
export { REFRESH_COVERAGE_SQL };

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
