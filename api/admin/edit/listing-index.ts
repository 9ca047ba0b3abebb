/**
 * Keeps a listing's derived rows true after an edit: reads the listing's facts from D1, asks
 * api/domain/listing-index.ts (the module the seed uses) what its service_coverage and
 * service_search rows are, and writes exactly those.
 */
import type { LocalizedText } from '../../domain/vocabulary.ts';
import { deriveListing, type ListingFacts } from '../../domain/listing-index.ts';
import { all, first, GUARD_FAILED, guard, parseJson } from '../db.ts';

interface TypeRow {
  id: string;
  names: string;
  descriptions: string;
  cycle: number;
  parentId: string | null;
  parentNames: string | null;
  parentDescriptions: string | null;
}

/** A listing's facts as stored now, with its version; null if there is no such listing. */
export async function listingFacts(d1: D1Database, serviceId: string): Promise<{ facts: ListingFacts; version: number } | null> {
  const service = await first<{ status: string; names: string; descriptions: string; organisationId: string; version: number }>(
    d1,
    'SELECT status, names, descriptions, organisation_id AS organisationId, version FROM services WHERE id = ?',
    serviceId,
  );
  if (!service) return null;
  const [org, types, areaPaths, locations] = await Promise.all([
    first<{ names: string }>(d1, 'SELECT names FROM organisations WHERE id = ?', service.organisationId),
    all<TypeRow>(
      d1,
      `SELECT t.id, t.names, t.descriptions, t.verification_cycle_days AS cycle,
              p.id AS parentId, p.names AS parentNames, p.descriptions AS parentDescriptions
         FROM service_type_assignments a JOIN service_types t ON t.id = a.service_type_id
         LEFT JOIN service_types p ON p.id = t.parent_id
        WHERE a.service_id = ?`,
      serviceId,
    ),
    all<{ path: string }>(d1, 'SELECT a.path FROM service_areas sa JOIN areas a ON a.pcode = sa.area_pcode WHERE sa.service_id = ?', serviceId),
    all<{ path: string; confidential: number }>(
      d1,
      `SELECT a.path, l.is_confidential AS confidential FROM service_at_locations sal
         JOIN locations l ON l.id = sal.location_id JOIN areas a ON a.pcode = l.area_pcode WHERE sal.service_id = ?`,
      serviceId,
    ),
  ]);
  // Names of every area on these paths (an area path lists the area and all its ancestors).
  const pcodes = [...new Set([...areaPaths, ...locations].flatMap((r) => r.path.split('/').filter(Boolean)))];
  const areas = await all<{ pcode: string; names: string; aliases: string }>(
    d1,
    'SELECT pcode, names, aliases FROM areas WHERE pcode IN (SELECT value FROM json_each(?))',
    JSON.stringify(pcodes),
  );
  const namesByPcode = new Map(
    areas.map((a) => [a.pcode, [...Object.values(parseJson<LocalizedText>(a.names)).filter((n): n is string => Boolean(n)), ...parseJson<string[]>(a.aliases)]]),
  );
  const facts: ListingFacts = {
    status: service.status,
    names: parseJson<LocalizedText>(service.names),
    descriptions: parseJson<LocalizedText>(service.descriptions),
    organisationNames: org ? parseJson<LocalizedText>(org.names) : {},
    types: types.map((t) => ({
      id: t.id,
      names: parseJson<LocalizedText>(t.names),
      descriptions: parseJson<LocalizedText>(t.descriptions),
      verificationCycleDays: t.cycle,
      parent: t.parentId ? { id: t.parentId, names: parseJson<LocalizedText>(t.parentNames), descriptions: parseJson<LocalizedText>(t.parentDescriptions) } : null,
    })),
    areaPaths: areaPaths.map((r) => r.path),
    locations: locations.map((r) => ({ areaPath: r.path, isConfidential: Boolean(r.confidential) })),
    areaNames: (pcode) => namesByPcode.get(pcode) ?? [],
  };
  return { facts, version: service.version };
}

/**
 * Rewrites the coverage and search rows of these services from their facts. Each listing's rows
 * are written only while it is still at the version its facts were read at: when another edit
 * landed in between, that edit's own refresh writes the newer rows.
 */
export async function refreshDerived(d1: D1Database, serviceIds: string[]) {
  for (const id of new Set(serviceIds)) {
    const loaded = await listingFacts(d1, id);
    if (!loaded) continue;
    const derived = deriveListing(loaded.facts);
    const statements = [
      guard(d1, 'SELECT count(*) FROM services WHERE id = ? AND version = ?', id, loaded.version),
      d1.prepare('DELETE FROM service_coverage WHERE service_id = ?').bind(id),
      ...derived.coverage.map((path) => d1.prepare('INSERT INTO service_coverage (service_id, area_path) VALUES (?, ?)').bind(id, path)),
      d1.prepare('DELETE FROM service_search WHERE service_id = ?').bind(id),
    ];
    if (derived.search) {
      statements.push(
        d1.prepare('INSERT INTO service_search (service_id, body, skeletons) VALUES (?, ?, ?)').bind(id, derived.search.body, derived.search.skeletons),
      );
    }
    try {
      await d1.batch(statements);
    } catch (error) {
      if (!String((error as Error)?.message ?? error).includes(GUARD_FAILED)) throw error;
    }
  }
}
