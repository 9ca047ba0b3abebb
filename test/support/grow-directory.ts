/**
 * Grows the directory with synthetic published services spread over the districts (or all in one
 * area), for cost tests and benchmarks. Their derived rows come from the one derivation
 * (api/domain/listing-index.ts), as the seed's and every edit's do, and their public documents from
 * the one builder (api/admin/edit/listing-index.ts `refreshDocuments`). Returns the ids, so a test
 * can remove them again.
 */
import { refreshDocuments } from '../../api/admin/edit/listing-index.ts';
import { deriveListing } from '../../api/domain/listing-index.ts';
import { database } from '../../db/client.ts';

export interface GrowOptions {
  /** Leave out the districts under this path. */
  exceptPathPrefix?: string;
  /** Put every service in the area at this path instead (a district holding thousands). */
  withinPath?: string;
  /** The weekly hours of each grown service's phone line (null: unknown). */
  hours?: string | null;
  /**
   * Give each service one public site, spread evenly over a disc of `radiusKm` around this point
   * (a sunflower spiral, so the same count always lands on the same places).
   */
  around?: { lat: number; lon: number; radiusKm: number };
  /** With `around`: each grown service has a second public site this many km north of its first. */
  twinSiteKm?: number;
  /** A description every grown service has, so a search can find them (its words are in each search row). */
  description?: string;
  /** The English name of every grown service, before its number (`Synthetic service` unless said). */
  name?: string;
  /** The service type of every grown service (legal aid unless said): `hotline` ranks first in every listing. */
  typeId?: string;
  /** Run by a new organisation of this English name, instead of one of the directory's. */
  organisationName?: string;
  /** The one contact route of every grown service (a phone line unless said). */
  route?: { kind: string; value: string };
}

const SITE_NAMES = '{"en":"Synthetic site"}';
/** Marks a grown organisation, so that shrinking removes it and nothing else. */
const ORGANISATION_DESCRIPTIONS = '{"en":"Synthetic organisation"}';
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** The `i`-th of `n` points spread evenly over the disc. */
function spiralPoint({ lat, lon, radiusKm }: NonNullable<GrowOptions['around']>, i: number, n: number) {
  const r = radiusKm * Math.sqrt((i + 0.5) / n);
  const angle = i * GOLDEN_ANGLE;
  const dLat = (r * Math.cos(angle)) / 111.195;
  const dLon = (r * Math.sin(angle)) / (111.195 * Math.cos((lat * Math.PI) / 180));
  return { lat: lat + dLat, lon: lon + dLon };
}

export async function growDirectory(
  db: D1Database,
  count: number,
  {
    exceptPathPrefix = '',
    withinPath,
    around,
    twinSiteKm,
    hours = 'Su-Th 08:00-14:00',
    description,
    typeId = 'legal_aid',
    name = 'Synthetic service',
    organisationName,
    route = { kind: 'phone', value: '+9647700000000' },
  }: GrowOptions = {},
): Promise<string[]> {
  const areas = withinPath
    ? await db
        .prepare('SELECT pcode, path FROM areas WHERE path = ?')
        .bind(withinPath)
        .all<{ pcode: string; path: string }>()
    : await db
        .prepare("SELECT pcode, path FROM areas WHERE level = 2 AND (? = '' OR path NOT LIKE ? || '%') ORDER BY pcode")
        .bind(exceptPathPrefix, exceptPathPrefix)
        .all<{ pcode: string; path: string }>();
  const org = organisationName
    ? { id: crypto.randomUUID() }
    : await db.prepare('SELECT id FROM organisations LIMIT 1').first<{ id: string }>();
  const organisationNames = organisationName ? { en: organisationName } : {};
  if (organisationName) {
    await db
      .prepare('INSERT INTO organisations (id, names, descriptions) VALUES (?, ?, ?)')
      .bind(org!.id, JSON.stringify(organisationNames), ORGANISATION_DESCRIPTIONS)
      .run();
  }
  const type = (await db
    .prepare(
      'SELECT id, verification_cycle_days AS cycle, is_priority_channel AS priority, parent_id AS parentId ' +
        'FROM service_types WHERE id = ?',
    )
    .bind(typeId)
    .first<{ id: string; cycle: number; priority: number; parentId: string | null }>())!;
  // Each grown service is numbered after those already grown, so names (and the order) never repeat.
  const { grown } = (await db
    .prepare("SELECT count(*) AS grown FROM services WHERE sort_name LIKE 'synthetic service %'")
    .first<{ grown: number }>())!;
  const now = new Date();
  const ids: string[] = [];
  const statements: D1PreparedStatement[] = [];
  for (let i = grown; i < grown + count; i++) {
    const id = crypto.randomUUID();
    const area = areas.results[i % areas.results.length]!;
    const names = { en: `${name} ${i}` };
    const site = around ? { id: crypto.randomUUID(), ...spiralPoint(around, i - grown, count) } : null;
    const sites = site
      ? [
          site,
          ...(twinSiteKm ? [{ id: crypto.randomUUID(), lat: site.lat + twinSiteKm / 111.195, lon: site.lon }] : []),
        ]
      : [];
    const derived = deriveListing(
      {
        status: 'published',
        names,
        descriptions: description ? { en: description } : {},
        organisationNames,
        types: [
          {
            id: type.id,
            names: {},
            descriptions: {},
            verificationCycleDays: type.cycle,
            isPriorityChannel: Boolean(type.priority),
            // Its parent's names are not needed here: the parent places it in that type's rows too.
            parent: type.parentId ? { id: type.parentId, names: {}, descriptions: {} } : null,
          },
        ],
        areaPaths: [area.path],
        locations: sites.map((s) => ({ areaPath: area.path, isConfidential: false, ...s })),
        areaNames: () => [],
        hours: [hours],
        id,
        country: area.pcode.slice(0, 2),
        verification: { verificationStatus: 'unverified', lastVerifiedAt: null, nextVerificationDue: null },
      },
      now,
    );
    ids.push(id);
    statements.push(
      db
        .prepare(
          'INSERT INTO services (id, organisation_id, status, names, country, sort_name, verification_status) ' +
            "VALUES (?, ?, 'published', ?, ?, ?, 'unverified')",
        )
        .bind(id, org!.id, JSON.stringify(names), area.pcode.slice(0, 2), derived.sortName),
      db.prepare('INSERT INTO service_type_assignments (service_id, service_type_id) VALUES (?, ?)').bind(id, type.id),
      db
        .prepare('INSERT INTO contact_routes (id, service_id, kind, value, opening_hours) VALUES (?, ?, ?, ?, ?)')
        .bind(crypto.randomUUID(), id, route.kind, route.value, hours),
      db.prepare('INSERT INTO service_areas (service_id, area_pcode) VALUES (?, ?)').bind(id, area.pcode),
      ...sites.flatMap((s) => [
        db
          .prepare('INSERT INTO locations (id, organisation_id, names, area_pcode, lat, lon) VALUES (?, ?, ?, ?, ?, ?)')
          .bind(s.id, org!.id, SITE_NAMES, area.pcode, s.lat, s.lon),
        db
          .prepare('INSERT INTO service_at_locations (id, service_id, location_id) VALUES (?, ?, ?)')
          .bind(crypto.randomUUID(), id, s.id),
      ]),
      ...derived.sites.map((placed) =>
        db
          .prepare('INSERT INTO site_cells (cell, service_id, location_id, lat, lon) VALUES (?, ?, ?, ?, ?)')
          .bind(placed.cell, id, placed.locationId, placed.lat, placed.lon),
      ),
      ...derived.coverage.map((path) =>
        db.prepare('INSERT INTO service_coverage (service_id, area_path) VALUES (?, ?)').bind(id, path),
      ),
      ...(derived.openWeek
        ? [db.prepare('INSERT INTO service_open_hours (service_id, week) VALUES (?, ?)').bind(id, derived.openWeek)]
        : []),
      // Its triggers write the full-text row (migration 0023), as for every writer.
      ...(derived.search
        ? [
            db
              .prepare('INSERT INTO service_search_words (service_id, body, skeletons) VALUES (?, ?, ?)')
              .bind(id, derived.search.body, derived.search.skeletons),
          ]
        : []),
      ...derived.ranks.map((rank) =>
        db
          .prepare(
            'INSERT INTO listing_ranks (area_path, reach, rank_key, service_id, ranked_at, rank_until, counted, ' +
              'name_key, verified_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .bind(
            rank.areaPath,
            rank.reach,
            rank.rankKey,
            id,
            rank.rankedAt,
            rank.rankUntil,
            rank.counted ? 1 : 0,
            rank.nameKey,
            rank.verifiedKey,
          ),
      ),
    );
  }
  for (let i = 0; i < statements.length; i += 400) await db.batch(statements.slice(i, i + 400));
  await refreshDocuments(database(db), ids);
  return ids;
}

/** Removes what growDirectory added. */
export async function shrinkDirectory(db: D1Database, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000) {
    const list = JSON.stringify(ids.slice(i, i + 5000));
    await db.batch([
      ...[
        'site_cells',
        'service_at_locations',
        'service_coverage',
        'listing_ranks',
        'service_open_hours',
        'service_search_words',
        'service_type_assignments',
        'contact_routes',
        'service_areas',
      ].map((table) =>
        db.prepare(`DELETE FROM ${table} WHERE service_id IN (SELECT value FROM json_each(?))`).bind(list),
      ),
      db.prepare('DELETE FROM services WHERE id IN (SELECT value FROM json_each(?))').bind(list),
      // The grown sites, now that nothing refers to them.
      db
        .prepare('DELETE FROM locations WHERE names = ? AND id NOT IN (SELECT location_id FROM service_at_locations)')
        .bind(SITE_NAMES),
      db
        .prepare(
          'DELETE FROM organisations WHERE descriptions = ? AND id NOT IN (SELECT organisation_id FROM services) ' +
            'AND id NOT IN (SELECT organisation_id FROM locations)',
        )
        .bind(ORGANISATION_DESCRIPTIONS),
    ]);
  }
}
