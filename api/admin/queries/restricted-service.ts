/**
 * C3: a listing as maintainers and caseworkers see it: practitioner-only routes and referral
 * details included, and the address of a confidential location only for those the one rule in
 * auth/confidential.ts allows. Only admin routes, after the scope check, read it; the public read
 * model stays api/queries/public-directory.ts.
 */
import { asc, eq, inArray, or } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import {
  areas,
  closures,
  contactRoutes,
  locations,
  serviceAreas,
  serviceAtLocations,
  serviceTypeAssignments,
} from '../../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { locationAsSeenBy } from '../auth/confidential.ts';
import { apiRow } from '../edit/entities.ts';
import { loadEntity, represent } from '../edit/write.ts';
import type { Listing } from '../schemas/services.ts';

export async function restrictedService(
  db: Database,
  id: string,
  p: Principal,
): Promise<Omit<Listing, 'pending_changes'>> {
  const [service, referral] = await Promise.all([loadEntity(db, 'service', id), loadEntity(db, 'referral', id)]);
  const routesOfService = db
    .select({ id: contactRoutes.id })
    .from(contactRoutes)
    .where(eq(contactRoutes.serviceId, id));
  const [types, served, routes, closed, sites] = await Promise.all([
    db
      .select({ id: serviceTypeAssignments.serviceTypeId })
      .from(serviceTypeAssignments)
      .where(eq(serviceTypeAssignments.serviceId, id))
      .orderBy(asc(serviceTypeAssignments.serviceTypeId)),
    db
      .select({ pcode: serviceAreas.areaPcode })
      .from(serviceAreas)
      .where(eq(serviceAreas.serviceId, id))
      .orderBy(asc(serviceAreas.areaPcode)),
    db
      .select()
      .from(contactRoutes)
      .where(eq(contactRoutes.serviceId, id))
      .orderBy(asc(contactRoutes.sortOrder), asc(contactRoutes.id)),
    db
      .select()
      .from(closures)
      .where(or(eq(closures.serviceId, id), inArray(closures.contactRouteId, routesOfService)))
      .orderBy(asc(closures.startsAt), asc(closures.id)),
    db
      .select({ site: serviceAtLocations, location: locations, areaPath: areas.path })
      .from(serviceAtLocations)
      .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
      .leftJoin(areas, eq(areas.pcode, locations.areaPcode))
      .where(eq(serviceAtLocations.serviceId, id))
      .orderBy(asc(serviceAtLocations.id)),
  ]);
  const version = service!.version;
  return {
    ...represent(service!),
    type_ids: types.map((t) => t.id),
    area_pcodes: served.map((a) => a.pcode),
    referral: represent(referral!),
    contact_routes: routes.map((row) => apiRow(contactRoutes, row)),
    closures: closed.map((row) => apiRow(closures, row)),
    locations: sites.map(({ site, location, areaPath }) => {
      const facts = { organisationId: location.organisationId, areaPath, isConfidential: location.isConfidential };
      return {
        ...apiRow(serviceAtLocations, site),
        version,
        location: locationAsSeenBy(p, facts, {
          id: location.id,
          organisation_id: location.organisationId,
          names: location.names,
          address: location.address,
          area_pcode: location.areaPcode,
          lon: location.lon,
          lat: location.lat,
          is_confidential: location.isConfidential,
        }),
      };
    }),
  };
}
