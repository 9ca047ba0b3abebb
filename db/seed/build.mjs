// Builds the whole seed (admin areas + service taxonomy + sample directory + derived tables) as
// SQL statements. Used by `npm start` (written to a file for `wrangler d1 execute`) and by the
// tests (applied through D1's batch API), so both run against the same data.
import { areaStatements, loadAreas } from './areas.mjs';
import { concernStatements } from './concerns.mjs';
import { sampleDirectory, sampleStatements } from './sample-directory.mjs';
import { samplePathwayStatements } from './sample-pathways.mjs';
import { serviceTypes, serviceTypeStatements } from './service-types.mjs';
import { insertRow } from './sql.mjs';
import { deriveListing } from '../../api/domain/listing-index.ts';

/** @param {{ now?: Date }} options  `now` anchors relative dates in the sample (verification ages, closures). */
export async function buildSeed({ now = new Date() } = {}) {
  const areas = loadAreas();
  const statements = [
    ...areaStatements(areas),
    ...serviceTypeStatements(),
    ...concernStatements(),
    ...sampleStatements(now),
    ...samplePathwayStatements(now),
    ...derivedStatements(now, areas),
  ];
  return { statements };
}

/**
 * service_coverage, listing_ranks, service_open_hours, service_search and site_cells rows of the
 * sample, from the same module the Worker uses after every edit (api/domain/listing-index.ts); the
 * seed only writes what it returns. The bench (test/bench/load/) passes its grown directory, so its
 * derived rows come from the same place.
 */
export function derivedStatements(now, areas, directory = sampleDirectory(now)) {
  const areaByPcode = new Map(areas.map((a) => [a.pcode, a]));
  const areaNames = (pcode) => {
    const area = areaByPcode.get(pcode);
    return area ? [...Object.values(area.names), ...area.aliases] : [];
  };
  const typeById = new Map(serviceTypes.map((t) => [t.id, t]));
  const { organisations, locations, services } = directory;
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const statements = [];
  for (const s of services) {
    const derived = deriveListing(
      {
        status: s.status,
        names: s.names,
        descriptions: s.descriptions,
        organisationNames: orgById.get(s.organisationId).names,
        types: s.typeIds.map((id) => {
          const type = typeById.get(id);
          return { ...type, parent: type.parentId ? typeById.get(type.parentId) : null };
        }),
        areaPaths: s.areaPcodes.map((pcode) => areaByPcode.get(pcode).path),
        locations: s.locations.map((sal) => {
          const location = locationById.get(sal.locationId);
          return {
            areaPath: areaByPcode.get(location.areaPcode).path,
            isConfidential: location.isConfidential,
            id: location.id,
            lat: location.lat,
            lon: location.lon,
          };
        }),
        areaNames,
        hours: [
          ...s.routes.filter((r) => r.visibility === 'public').map((r) => r.openingHours),
          ...s.locations.map((sal) => sal.openingHours),
        ],
        id: s.id,
        country: s.country,
        verification: {
          verificationStatus: s.verification.status,
          lastVerifiedAt: s.verification.lastVerifiedAt,
          nextVerificationDue: s.verification.nextVerificationDue,
        },
      },
      now,
    );
    for (const path of derived.coverage)
      statements.push(insertRow('service_coverage', { service_id: s.id, area_path: path }));
    for (const rank of derived.ranks) {
      statements.push(
        insertRow('listing_ranks', {
          area_path: rank.areaPath,
          reach: rank.reach,
          rank_key: rank.rankKey,
          service_id: s.id,
          ranked_at: rank.rankedAt,
          rank_until: rank.rankUntil,
          counted: rank.counted ? 1 : 0,
          name_key: rank.nameKey,
          verified_key: rank.verifiedKey,
        }),
      );
    }
    for (const site of derived.sites) {
      statements.push(
        insertRow('site_cells', {
          cell: site.cell,
          service_id: s.id,
          location_id: site.locationId,
          lat: site.lat,
          lon: site.lon,
        }),
      );
    }
    if (derived.openWeek)
      statements.push(insertRow('service_open_hours', { service_id: s.id, week: derived.openWeek }));
    // Its triggers (migration 0023) write the full-text row, at the listing's key: the seed's order.
    if (derived.search) statements.push(insertRow('service_search_words', { service_id: s.id, ...derived.search }));
  }
  return statements;
}
