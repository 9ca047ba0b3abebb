// The derived tables of a listing, built the same way by the seed (db/seed/build.mjs) and by the
// Worker after every edit (api/admin/edit/listing-index.ts), so the two cannot diverge.
// No imports but text-normalise and only erasable TypeScript: Node seed scripts import this file.
import { searchDocument } from './text-normalise.ts';

type Filter = (alias: string) => string;

/**
 * The path of the governorate (department) an area path lies in: "/IQ/IQG11/IQG11Q02/" →
 * "/IQ/IQG11/". A confidential site (C9) places its service no finer than that.
 */
const governoratePath = (path: string) =>
  `substr(${path}, 1, 1 + instr(substr(${path}, 2), '/') + instr(substr(${path}, 2 + instr(substr(${path}, 2), '/')), '/'))`;

/** Every area a service is relevant to: its service areas and the areas of its locations. */
const coverageRows = (where: Filter) => `SELECT sa.service_id, a.path FROM service_areas sa JOIN areas a ON a.pcode = sa.area_pcode${where('sa')}
  UNION
  SELECT sal.service_id, CASE WHEN l.is_confidential THEN ${governoratePath('a.path')} ELSE a.path END FROM service_at_locations sal
    JOIN locations l ON l.id = sal.location_id JOIN areas a ON a.pcode = l.area_pcode${where('sal')}`;

/** Rebuilds service_coverage for the whole directory (the seed). */
export const REFRESH_COVERAGE_SQL = `DELETE FROM service_coverage;
INSERT OR IGNORE INTO service_coverage (service_id, area_path)
  ${coverageRows(() => '')};`;

/** Rebuilds service_coverage for one service; bind the service id as ?1. */
export const REFRESH_SERVICE_COVERAGE_SQL: readonly string[] = [
  'DELETE FROM service_coverage WHERE service_id = ?1',
  `INSERT OR IGNORE INTO service_coverage (service_id, area_path)
  ${coverageRows((alias) => ` WHERE ${alias}.service_id = ?1`)}`,
];

type Localized = Partial<Record<string, string>> | null | undefined;

export interface SearchableService {
  names: Localized;
  descriptions: Localized;
  organisationNames: Localized;
  /** Names in every language of the service's types and of their parent types. */
  typeNames: string[];
  /** Names and aliases of the areas it covers or is located in, and of their ancestors. */
  areaNames: string[];
}

const texts = (localized: Localized): string[] => Object.values(localized ?? {}).filter((t): t is string => Boolean(t));

/**
 * The FTS5 row of a published service (C10). Addresses are left out, so a confidential site
 * cannot be found by its street.
 */
export function serviceSearchDocument(s: SearchableService): { body: string; skeletons: string } {
  return searchDocument([...texts(s.names), ...texts(s.descriptions), ...texts(s.organisationNames), ...s.typeNames, ...s.areaNames]);
}
