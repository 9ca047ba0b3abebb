/**
 * C3: a listing as maintainers and caseworkers see it: practitioner-only routes and referral
 * details included, and the address of a confidential location only for those the one rule in
 * auth/confidential.ts allows. Only admin routes, after the scope check, read it; the public read
 * model stays api/queries/public-directory.ts.
 */
import type { Principal } from '../auth/principal.ts';
import { locationAsSeenBy } from '../auth/confidential.ts';
import { all } from '../db.ts';
import { loadEntity, represent, type Loaded } from '../edit/write.ts';
import { SPECS } from '../edit/entities.ts';
import { fromColumn } from '../edit/entities.ts';

export async function restrictedService(d1: D1Database, id: string, p: Principal) {
  const [service, referral] = await Promise.all([loadEntity(d1, 'service', id), loadEntity(d1, 'referral', id)]);
  const [types, areas, routes, closures, sites] = await Promise.all([
    all<{ id: string }>(d1, 'SELECT service_type_id AS id FROM service_type_assignments WHERE service_id = ? ORDER BY id', id),
    all<{ pcode: string }>(d1, 'SELECT area_pcode AS pcode FROM service_areas WHERE service_id = ? ORDER BY pcode', id),
    all<Record<string, unknown>>(d1, 'SELECT * FROM contact_routes WHERE service_id = ? ORDER BY sort_order, id', id),
    all<Record<string, unknown>>(
      d1,
      `SELECT * FROM closures WHERE service_id = ?1 OR contact_route_id IN (SELECT id FROM contact_routes WHERE service_id = ?1)
       ORDER BY starts_at, id`,
      id,
    ),
    all<Record<string, unknown>>(
      d1,
      `SELECT sal.*, l.organisation_id AS location_organisation_id, l.names AS location_names, l.address AS location_address,
         l.area_pcode AS location_area_pcode, l.lon AS location_lon, l.lat AS location_lat, l.is_confidential AS location_is_confidential,
         a.path AS location_area_path
       FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id LEFT JOIN areas a ON a.pcode = l.area_pcode WHERE sal.service_id = ? ORDER BY sal.id`,
      id,
    ),
  ]);
  const version = service!.version;
  const asLoaded = (spec: Loaded['spec'], row: Record<string, unknown>, v: number): Loaded => ({ spec, id: String(row.id), row, version: v, serviceId: id });
  return {
    ...represent(service!),
    type_ids: types.map((t) => t.id),
    area_pcodes: areas.map((a) => a.pcode),
    referral: represent(referral!),
    contact_routes: routes.map((row) => represent(asLoaded(SPECS.contact_route, row, Number(row.version)))),
    closures: closures.map((row) => represent(asLoaded(SPECS.closure, row, Number(row.version)))),
    locations: sites.map((row) => {
      const { location_organisation_id, location_names, location_address, location_area_pcode, location_lon, location_lat, location_is_confidential, location_area_path, ...site } = row;
      const facts = { organisationId: String(location_organisation_id), areaPath: (location_area_path as string | null) ?? null, isConfidential: Boolean(location_is_confidential) };
      return {
        ...represent(asLoaded(SPECS.service_location, site, version)),
        location: locationAsSeenBy(p, facts, {
          id: site.location_id,
          organisation_id: location_organisation_id,
          names: fromColumn({ schema: undefined as never, json: true }, location_names),
          address: fromColumn({ schema: undefined as never, json: true }, location_address),
          area_pcode: location_area_pcode,
          lon: location_lon,
          lat: location_lat,
          is_confidential: Boolean(location_is_confidential),
        }),
      };
    }),
  };
}
