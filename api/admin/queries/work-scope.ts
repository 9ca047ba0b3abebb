/**
 * The listings a maintainer works on: every service with the paths of the areas it is relevant
 * to, filtered by what the principal may do with it and, optionally, by an area.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { areas, serviceCoverage, services } from '../../../db/schema.ts';
import { invalid } from '../../errors.ts';
import { mayOnService } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { relevantIn as relevantInArea } from '../../domain/area-paths.ts';

export interface ServiceScope {
  id: string;
  organisationId: string;
  paths: string[];
}

/** A listing is relevant in an area when one of its coverage paths is (the one rule in domain/area-paths.ts). */
export const relevantIn = (paths: readonly string[], areaPath: string) =>
  paths.some((path) => relevantInArea(path, areaPath));

/** Every service's coverage paths, by service id. */
export async function coverageByService(db: Database): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ serviceId: serviceCoverage.serviceId, path: serviceCoverage.areaPath })
    .from(serviceCoverage);
  const out = new Map<string, string[]>();
  for (const row of rows) out.set(row.serviceId, [...(out.get(row.serviceId) ?? []), row.path]);
  return out;
}

/** Every service with its coverage paths, filtered to what the principal may `action` (and an area). */
export async function scopedServices(
  db: Database,
  p: Principal,
  action: 'read' | 'verify' | 'edit',
  areaPath: string | null,
): Promise<Map<string, ServiceScope>> {
  const [rows, coverage] = await Promise.all([
    db.select({ id: services.id, organisationId: services.organisationId }).from(services),
    coverageByService(db),
  ]);
  const out = new Map<string, ServiceScope>();
  for (const row of rows) {
    const scope = { ...row, paths: coverage.get(row.id) ?? [] };
    if (!mayOnService(p, action, { organisationId: scope.organisationId, coveragePaths: scope.paths })) continue;
    if (areaPath && !relevantIn(scope.paths, areaPath)) continue;
    out.set(row.id, scope);
  }
  return out;
}

/** The path of the area a query names by P-code (`area`), or null without one; 400 for an unknown P-code. */
export async function areaPathOf(db: Database, pcode: string | undefined): Promise<string | null> {
  if (!pcode) return null;
  const area = await db.select({ path: areas.path }).from(areas).where(eq(areas.pcode, pcode)).get();
  if (!area) throw invalid([{ in: 'query', name: 'area', reason: `no area with P-code ${pcode}` }], null);
  return area.path;
}
