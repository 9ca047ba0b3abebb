/**
 * The hotlines and official reporting channels that cover a whole country, not only a region of it:
 * what the start page shows before anything else. Read by the coverage index at the country's own
 * path, so the rows read follow the number of such channels, not the size of the directory.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { serviceCoverage, serviceTypeAssignments, serviceTypes, services } from '../../db/schema.ts';
import { getService, type ServiceParts } from './service-listing.ts';

export async function wholeCountryChannels(
  db: Database,
  countryPath: string,
  now: Date,
  limit: number,
): Promise<ServiceParts[]> {
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
  const parts = await Promise.all(rows.map((row) => getService(db, row.id, now)));
  return parts.filter((p) => p !== null).map((p) => ({ ...p, isPriority: true }));
}
