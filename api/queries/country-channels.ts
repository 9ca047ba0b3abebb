/**
 * The hotlines and official reporting channels that cover a whole country, not only a region of it:
 * what the start page shows before anything else. Read by the coverage index at each country's own
 * path, so the rows read follow the number of such channels, not the size of the directory; and
 * their details are read for all countries at once (service-listing.ts `getServices`), so the
 * number of queries stays the same however many channels there are.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { serviceCoverage, serviceTypeAssignments, serviceTypes, services } from '../../db/schema.ts';
import { getServices, type ServiceParts } from './service-listing.ts';

/** Each country's channels (by its path, in the order given), at most `limit` each. */
export async function wholeCountryChannels(
  db: Database,
  countryPaths: readonly string[],
  now: Date,
  limit: number,
): Promise<ServiceParts[][]> {
  const idsByCountry = await Promise.all(countryPaths.map((path) => channelIds(db, path, limit)));
  const parts = await getServices(db, idsByCountry.flat(), now);
  const byId = new Map(parts.map((p) => [p.service.id, { ...p, isPriority: true }]));
  return idsByCountry.map((ids) => ids.flatMap((id) => byId.get(id) ?? []));
}

async function channelIds(db: Database, countryPath: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: serviceCoverage.serviceId })
    .from(serviceCoverage)
    .innerJoin(services, eq(services.id, serviceCoverage.serviceId))
    .innerJoin(serviceTypeAssignments, eq(serviceTypeAssignments.serviceId, serviceCoverage.serviceId))
    .innerJoin(serviceTypes, eq(serviceTypes.id, serviceTypeAssignments.serviceTypeId))
    .where(
      and(
        eq(serviceCoverage.areaPath, countryPath),
        eq(services.status, 'published'),
        eq(serviceTypes.isPriorityChannel, true),
      ),
    )
    .orderBy(serviceCoverage.serviceId)
    .limit(limit);
  return rows.map((row) => row.id);
}
