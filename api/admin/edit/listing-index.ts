/**
 * Keeps a listing's derived tables true after an edit: service_coverage (same SQL as the seed)
 * and the service_search row (same document as the seed), see api/domain/listing-index.ts.
 */
import type { LocalizedText } from '../../domain/vocabulary.ts';
import { REFRESH_SERVICE_COVERAGE_SQL, serviceSearchDocument } from '../../domain/listing-index.ts';
import { all, first, parseJson } from '../db.ts';

/** Statements that rebuild the coverage of these services; run them in the edit's batch. */
export function coverageStatements(d1: D1Database, serviceIds: string[]): D1PreparedStatement[] {
  return serviceIds.flatMap((id) => REFRESH_SERVICE_COVERAGE_SQL.map((query) => d1.prepare(query).bind(id)));
}

/** Rewrites the search rows of these services: published ones indexed, others removed. */
export async function refreshSearch(d1: D1Database, serviceIds: string[]) {
  const statements: D1PreparedStatement[] = [];
  for (const id of new Set(serviceIds)) {
    statements.push(d1.prepare('DELETE FROM service_search WHERE service_id = ?').bind(id));
    const service = await first<{ status: string; names: string; descriptions: string; organisationId: string }>(
      d1,
      'SELECT status, names, descriptions, organisation_id AS organisationId FROM services WHERE id = ?',
      id,
    );
    if (service?.status !== 'published') continue;
    const [org, types, paths] = await Promise.all([
      first<{ names: string }>(d1, 'SELECT names FROM organisations WHERE id = ?', service.organisationId),
      all<{ names: string }>(
        d1,
        `SELECT names FROM service_types WHERE id IN (SELECT service_type_id FROM service_type_assignments WHERE service_id = ?1)
           OR id IN (SELECT t.parent_id FROM service_types t JOIN service_type_assignments a ON a.service_type_id = t.id WHERE a.service_id = ?1)`,
        id,
      ),
      all<{ path: string }>(d1, 'SELECT area_path AS path FROM service_coverage WHERE service_id = ?', id),
    ]);
    // An area path lists the area and all its ancestors: "/IQ/IQG15/IQG15Q05/".
    const pcodes = [...new Set(paths.flatMap((p) => p.path.split('/').filter(Boolean)))];
    const areas = await all<{ names: string; aliases: string }>(
      d1,
      'SELECT names, aliases FROM areas WHERE pcode IN (SELECT value FROM json_each(?))',
      JSON.stringify(pcodes),
    );
    const document = serviceSearchDocument({
      names: parseJson<LocalizedText>(service.names),
      descriptions: parseJson<LocalizedText>(service.descriptions),
      organisationNames: org ? parseJson<LocalizedText>(org.names) : {},
      typeNames: types.flatMap((t) => Object.values(parseJson<LocalizedText>(t.names)).filter((n): n is string => Boolean(n))),
      areaNames: areas.flatMap((a) => [
        ...Object.values(parseJson<LocalizedText>(a.names)).filter((n): n is string => Boolean(n)),
        ...parseJson<string[]>(a.aliases),
      ]),
    });
    statements.push(d1.prepare('INSERT INTO service_search (service_id, body, skeletons) VALUES (?, ?, ?)').bind(id, document.body, document.skeletons));
  }
  if (statements.length) await d1.batch(statements);
}
