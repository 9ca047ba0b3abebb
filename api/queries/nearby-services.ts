/**
 * Services by distance from a point, through a spatial index: geohash cells (site_cells,
 * api/domain/geohash.ts), one row per public site of a published service, under an index on the
 * cell, and the services counted per coarse cell (site_cell_counts, kept by triggers).
 *
 * Why: D1 bills every row read and each statement is a network round trip, so "nearest" can
 * neither read every site nor widen a search one statement at a time. ONE statement picks the
 * smallest box around the point that should hold a page, judged from the stored counts of the rings
 * of cells around it (each cell counted once, nearest rings first, stopping at the first ring that
 * is enough), and reads that box's sites with their services' stored documents. Then the Worker
 * measures each site exactly (haversine) and keeps only the services PROVEN nearest: a service
 * outside the box may be nearer than one inside near its corner, so only those no farther than the
 * box's nearest edge are kept. Counts can mislead (filters, a crowd in a corner): when fewer than a
 * page is proven, the next statement starts from a wider ring, past the circle already read. A
 * filtered search stops after a fixed number of statements and says where (DistanceSearch), as an
 * "open" walk of an area does. So the rows read follow the page, not the directory.
 *
 * A scope of a few services (a rare type, a small area: known from listing_counts) is read whole
 * instead of widening rings towards the whole earth.
 *
 * Services with no public site (hotlines, online services, those only at a confidential shelter)
 * have no distance: unknown is not far, but they cannot be placed, so a distance listing gives them
 * after every placed one, by name, as it always has. They never drop out.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idList, idPage } from '../../db/id-list.ts';
import {
  listingCounts,
  listingRanks,
  serviceDocuments,
  serviceOpenHours,
  services,
  serviceTypeAssignments,
  siteCellCounts,
  siteCells,
} from '../../db/schema.ts';
import { distanceKm, EARTH_RADIUS_KM, type Point } from '../domain/geo.ts';
import { compareKeys, sortKey, type SortKey } from '../domain/ranking.ts';
import { nameKey } from '../domain/listing-index.ts';
import { COUNTRIES, type Country } from '../domain/vocabulary.ts';
import { relevantIn } from './area-paths.ts';
import { upTo } from './area-walk.ts';
import { candidateQuery, s, serviceConditions, type CandidateFilters } from './service-candidates.ts';
import type { StoredDocument } from './service-documents.ts';
import { boxWithin, ringsAround, type RingsAround } from './site-cells.ts';

const a = alias(serviceTypeAssignments, 'a');
const o = alias(serviceOpenHours, 'o');
const d = alias(serviceDocuments, 'd');
const sc = alias(siteCells, 'sc');
const other = alias(siteCells, 'other');
const cc = alias(siteCellCounts, 'cc');
const lc = alias(listingCounts, 'lc');
const lr = alias(listingRanks, 'lr');

/** A service found by distance: `distanceKm` null when it has no public site. */
export interface Nearby {
  id: string;
  sortName: string;
  country: Country;
  distanceKm: number | null;
  key: SortKey;
  /**
   * Its stored public document when it was read with it (a text or a box reads the page's apart),
   * parsed when first asked: a ring reads every service in it, and only the page's are shown.
   */
  document?: () => StoredDocument;
}

/** A search radius that covers the whole earth. */
const WORLD_KM = 20_040;
/** The no-distance part of a distance key (api/domain/ranking.ts sorts null distances last). */
const LAST = Number.MAX_SAFE_INTEGER;
/**
 * A scope (a type, an area) of at most this many services is read whole: cheaper than rings
 * widening towards the whole earth to find its few services.
 */
export const FEW_SERVICES = 40;
/** Fewer services than this in the fine cells around the point say little of its density: the coarse ones judge. */
const MIN_COUNTED = 8;
/** Counts are an estimate: a ring should hold a quarter more than the page, so the page is proven at once. */
const MARGIN = 1.25;

/**
 * The filters a distance search checks in SQL on each service it meets: status, the service's own
 * fields, types, area and, for "open now", whether its weekly hours may be open in the hour of the
 * week `openHour` gives for its country (service_open_hours; the exact state, with closures, is
 * judged on its document).
 */
function probes(f: CandidateFilters, openHour: Partial<Record<Country, number>> | null): SQL {
  const conditions = [sql`${s.status} = 'published'`, ...serviceConditions(f)];
  if (f.typeIds?.length) {
    conditions.push(sql`EXISTS (SELECT 1 FROM ${serviceTypeAssignments} ${a} WHERE ${a.serviceId} = ${s.id}
      AND ${a.serviceTypeId} IN ${idList(f.typeIds)})`);
  }
  if (f.area) conditions.push(relevantIn(s.id, f.area));
  if (openHour) {
    const hour = sql`CASE ${s.country} ${sql.join(
      Object.entries(openHour).map(([country, h]) => sql`WHEN ${country} THEN ${h}`),
      sql` `,
    )} END`;
    conditions.push(sql`EXISTS (SELECT 1 FROM ${serviceOpenHours} ${o} WHERE ${o.serviceId} = ${s.id}
      AND substr(${o.week}, ${hour} + 1, 1) = '1')`);
  }
  return sql.join(conditions, sql` AND `);
}

interface SiteRow {
  id: string;
  sortName: string;
  country: Country;
  lat: number | null;
  lon: number | null;
  body: string | null;
  builtAt: string | null;
  /** The ring read (its index in the rings given), null when a scope was read whole; absent: no document was read. */
  ring?: number | null;
  /** On a ring's own row: the services per km² its statement judged around the point. */
  density?: number | null;
  /** On a walk's own row: how many services it walked, and the id of the last of them (its name in `sortName`). */
  visited?: number | null;
  walkedTo?: string | null;
}

const siteColumns = {
  id: sql<string>`id`,
  sortName: sql<string>`sortName`,
  country: sql<Country>`country`,
  lat: sql<number | null>`lat`,
  lon: sql<number | null>`lon`,
  body: sql<string | null>`body`,
  builtAt: sql<string | null>`builtAt`,
  ring: sql<number | null>`ring`,
  density: sql<number | null>`density`,
  visited: sql<number | null>`visited`,
  walkedTo: sql<string | null>`walkedTo`,
};

/** A statement of site rows as a query the builder can batch. */
const rowsOf = (db: Database, query: SQL) => db.select(siteColumns).from(sql`(${query}) q`);

/**
 * How many services the scope of the filters that may be read whole holds at most (the type's or
 * the area's count in listing_counts, the smaller), or no statement when neither filter is given.
 */
function scopeSize(f: CandidateFilters): SQL | null {
  const sizes: SQL[] = [];
  const typed = typeCount(f, 'type');
  if (typed) sizes.push(typed);
  if (f.area) {
    const arms = [
      sql`(${lc.areaPath} = ${f.area.path} AND ${lc.reach} = 'in')`,
      ...f.area.ancestorPaths.map((path) => sql`(${lc.areaPath} = ${path} AND ${lc.reach} = 'at')`),
    ];
    sizes.push(
      sql`(SELECT coalesce(sum(${lc.services}), 0) FROM ${listingCounts} ${lc} WHERE ${sql.join(arms, sql` OR `)})`,
    );
  }
  if (!sizes.length) return null;
  return sizes.length === 1 ? sizes[0]! : sql`min(${sql.join(sizes, sql`, `)})`;
}

/**
 * How many published services of the filters' types there are (`type`) or have a public site
 * (`placed`), from listing_counts' rows at the countries' roots, or null without types. A type's rows
 * hold its sub-types' services too: the families count each once; types that are not whole families
 * give an upper bound. None placed: no ring can find one, however wide.
 */
function typeCount(f: CandidateFilters, rows: 'type' | 'placed'): SQL | null {
  if (!f.typeIds?.length) return null;
  const roots = (f.country ? [f.country] : COUNTRIES).map((c) => `/${c}/`);
  const reaches = (f.typeFamilies ?? f.typeIds).map((t) => `${rows}:${t}`);
  // The lists drive (CROSS JOIN keeps them first), each pair a key lookup. With `IN` lists,
  // statistics (README, Deploy: PRAGMA optimize) say listing_counts is small and SQLite scanned
  // the whole table, twice per nearest-first request of a type (164 rows more at 2,000 services).
  return sql`(SELECT coalesce(sum(${lc.services}), 0) FROM ${idPage(roots)}
    CROSS JOIN json_each(${JSON.stringify(reaches)}) reaches
    CROSS JOIN ${listingCounts} ${lc} ON ${lc.areaPath} = page.value AND ${lc.reach} = reaches.value)`;
}

const siteFields = sql`${s.id} AS id, ${s.sortName} AS sortName, ${s.country} AS country`;

/**
 * The whole scope with every public site (none for a service without one) and its stored document,
 * read only when the scope is small (`size` ≤ FEW_SERVICES: the LIMIT is worked out once, before any row).
 */
const wholeScope = (f: CandidateFilters, openHour: Partial<Record<Country, number>> | null, size: SQL): SQL =>
  sql`SELECT ${siteFields}, ${sc.lat} AS lat, ${sc.lon} AS lon, ${d.body} AS body, ${d.builtAt} AS builtAt,
      NULL AS ring, NULL AS density, NULL AS visited, NULL AS walkedTo
    FROM (${candidateQuery(f)}) c CROSS JOIN ${services} ${s} ON ${s.id} = c.id
    LEFT JOIN ${siteCells} ${sc} ON ${sc.serviceId} = c.id
    LEFT JOIN ${serviceDocuments} ${d} ON ${d.serviceId} = c.id
    WHERE ${probes(f, openHour)}
    LIMIT (CASE WHEN ${size} <= ${FEW_SERVICES} THEN -1 ELSE 0 END)`;

/**
 * The one statement of a search by rings. How many services lie around the point is judged from
 * the stored counts of the 3 by 3 fine cells around it (about 3 by 2 km), or of the coarse ones
 * where those are nearly empty: a fixed handful of rows, however many services they count. That
 * density gives the radius expected to hold `want` services past the circle already read (radius
 * `innerKm`; `cursorKm` of it by earlier pages): the first ring past ring `from` at least that wide
 * is read, its sites, their services (the filters checked here) and their stored documents, and one
 * row more says which ring it was.
 * `when`: false reads nothing (a small scope is read whole instead).
 */
function ringSearch(
  point: Point,
  around: RingsAround,
  from: number,
  want: number,
  innerKm: number,
  cursorKm: number,
  f: CandidateFilters,
  openHour: Partial<Record<Country, number>> | null,
  when: SQL,
): SQL {
  const { rings, blocks } = around;
  const count = (level: number, ranges: Array<[number, number]>) =>
    sql`(SELECT coalesce(sum(${cc.services}), 0) FROM json_each(${JSON.stringify(ranges)}) r
      CROSS JOIN ${siteCellCounts} ${cc}
      ON ${cc.level} = ${level} AND ${cc.cell} BETWEEN r.value ->> 0 AND r.value ->> 1)`;
  // Services per km² (0: none counted near, so the last ring, the whole earth, is read). The coarse
  // cells are read only when the fine ones say too little: SQLite runs a subquery in a CASE branch
  // only when that branch is taken.
  const density = sql`(SELECT CASE WHEN fine >= ${MIN_COUNTED} THEN fine / ${blocks.fineKm2}
      ELSE ${count(20, blocks.coarse)} * 1.0 / ${blocks.coarseKm2} END
      FROM (SELECT ${count(30, blocks.fine)} * 1.0 AS fine))`;
  // The first ring past ring `from` whose radius, squared, is at least the circle already read's
  // plus the area expected to hold `want`: a ladder of the rings' squared radii written into the
  // statement (numbers made here, not input), as a list to search would be read row by row, and
  // billed, and SQLite's math functions are an optional build.
  const wide = sql`(${innerKm * innerKm} + ${want} / (3.14159 * density.n))`;
  const last = rings.length - 1;
  const ladder = sql.raw(
    rings
      .slice(0, last)
      .map((r, i) => `WHEN wide <= ${r.r * r.r} THEN ${i}`)
      .join(' '),
  );
  return sql`WITH p(rings) AS (SELECT ${JSON.stringify(rings)}),
    chosen0(i, n) AS (
      SELECT CAST(max(${from + 1}, 0,
        CASE WHEN n <= 0 THEN ${last} ELSE CASE ${ladder} ELSE ${last} END END) AS INTEGER), n
      FROM (SELECT density.n AS n, ${wide} AS wide FROM (SELECT ${density} AS n) density WHERE ${when})
    ),
    chosen(i, n, minLon, minLat, maxLon, maxLat, r) AS MATERIALIZED (
      SELECT i, n, json_extract(p.rings, '$[' || i || '].b[0]'), json_extract(p.rings, '$[' || i || '].b[1]'),
        json_extract(p.rings, '$[' || i || '].b[2]'), json_extract(p.rings, '$[' || i || '].b[3]'),
        json_extract(p.rings, '$[' || i || '].r')
      FROM chosen0, p
    )
    SELECT ${siteFields}, ${sc.lat} AS lat, ${sc.lon} AS lon, ${d.body} AS body, ${d.builtAt} AS builtAt,
      chosen.i AS ring, NULL AS density, NULL AS visited, NULL AS walkedTo
    FROM chosen CROSS JOIN p CROSS JOIN json_each(p.rings, '$[' || chosen.i || '].s') r
    CROSS JOIN ${siteCells} ${sc} ON ${sc.cell} BETWEEN r.value ->> 0 AND r.value ->> 1
    CROSS JOIN ${services} ${s} ON ${s.id} = ${sc.serviceId}
    LEFT JOIN ${serviceDocuments} ${d} ON ${d.serviceId} = ${s.id}
    WHERE ${sc.lat} BETWEEN chosen.minLat AND chosen.maxLat AND ${sc.lon} BETWEEN chosen.minLon AND chosen.maxLon
      AND ${withinCircle(point)} AND ${siteNotReadBefore(point, innerKm)}
      AND ${serviceNotReadBefore(point, cursorKm, probes(f, openHour))}
    UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, chosen.i, chosen.n, NULL, NULL FROM chosen`;
}

/** Rings up to this radius are read as their circle; wider ones as their box (see withinCircle). */
const CIRCLE_KM = 100;

/**
 * The site `sc` may lie within the chosen ring's radius: only those are proven nearest, so the
 * box's corners (a fifth of its sites) need not be joined to their services, coverage and documents.
 * A flat approximation, never nearer than the truth for a ring up to CIRCLE_KM: the longitude
 * degrees are shrunk by the cosine of the latitude a degree farther from the equator than the point
 * (each ring's box spans less), and a percent and ten metres are added, far beyond the approximation's
 * own error at that size (below a millionth). Rings wider than that, where the flat view fails
 * (a pole, the date line), keep their whole box.
 */
function withinCircle(point: Point): SQL {
  const nearer = flatKm2(point, sc, Math.min(89.9, Math.abs(point.lat) + 1));
  return sql`(chosen.r > ${CIRCLE_KM} OR ${nearer} <= (chosen.r * 1.01 + 0.01) * (chosen.r * 1.01 + 0.01))`;
}

/**
 * The square of the flat distance in km from the point to the site, with a degree of longitude
 * taken as wide as at latitude `lonAtLat`: nearer than the truth where that latitude is farther from
 * the equator than the site's, farther where it is nearer.
 */
function flatKm2(point: Point, site: { lat: SQLWrapper; lon: SQLWrapper }, lonAtLat: number): SQL {
  const kmPerDegree = (EARTH_RADIUS_KM * Math.PI) / 180;
  const dLat = sql`(${site.lat} - ${point.lat}) * ${kmPerDegree}`;
  const dLon = sql`(${site.lon} - ${point.lon}) * ${kmPerDegree * Math.cos((lonAtLat * Math.PI) / 180)}`;
  return sql`(${dLat} * ${dLat} + ${dLon} * ${dLon})`;
}

/**
 * Surely inside the circle of `innerKm` already read (by an earlier round, or before the cursor):
 * the site `site` lies in the box inside it (boxWithin), or, for a circle up to CIRCLE_KM, its flat
 * distance says so. That flat distance is never nearer than the truth (the longitude degrees widened
 * by the cosine of the latitude a degree nearer the equator than the point), less a percent and ten
 * metres. Null when no circle was read.
 */
function readBefore(point: Point, innerKm: number, site: { lat: SQLWrapper; lon: SQLWrapper }): SQL | null {
  const arms: SQL[] = [];
  const box = boxWithin(point, innerKm);
  if (box) {
    arms.push(sql`(${site.lat} BETWEEN ${box[1]} AND ${box[3]} AND ${site.lon} BETWEEN ${box[0]} AND ${box[2]})`);
  }
  if (innerKm > 0 && innerKm <= CIRCLE_KM) {
    const inside = Math.max(0, innerKm * 0.99 - 0.01);
    arms.push(sql`${flatKm2(point, site, Math.max(0, Math.abs(point.lat) - 1))} <= ${inside * inside}`);
  }
  return arms.length ? sql`(${sql.join(arms, sql` OR `)})` : null;
}

/** The site `sc` was not read before (readBefore): a site inside the circle is not joined to its service again. */
function siteNotReadBefore(point: Point, innerKm: number): SQL {
  const site = readBefore(point, innerKm, sc);
  return site ? sql`NOT ${site}` : sql`1`;
}

/**
 * The service passes the filters (`passes`) and, when earlier pages read the circle of `cursorKm`,
 * has no site inside it: such a service was listed (or judged) there at that nearer site, so a
 * farther site of it must not list it again at its own distance. Within one request this is not
 * needed: a service with a site inside a circle an earlier round read was proven then, and is not
 * taken twice.
 */
function serviceNotReadBefore(point: Point, cursorKm: number, passes: SQL): SQL {
  const inside = readBefore(point, cursorKm, other);
  if (!inside) return passes;
  // Only for the services that pass the filters: SQLite runs a CASE branch only when it is taken,
  // where it probed every site of the ring for terms joined by AND (2,592 rows more for a page).
  return sql`CASE WHEN ${passes} THEN NOT EXISTS (SELECT 1 FROM ${siteCells} ${other}
    WHERE ${other.serviceId} = ${s.id} AND ${inside}) ELSE 0 END`;
}

/** A statement of a walk of services without a place, and how many services it walks at most. */
interface UnplacedWalk {
  statement: SQL;
  stretch: number;
}

/**
 * Published services of the filters with no public site, by name after `after` (name, id): of the
 * next `stretch` published services by name (a fixed number, so a rare filter, "open" at night,
 * reads no more than that however large the directory), those with no public site that pass the
 * filters, at most `n`. When fewer are found, one more row (`visited` set) says how many were walked
 * and the last of them (its name in `sortName`, its id in `walkedTo`): the walk stopped there, or the
 * directory ended.
 */
function unplacedByName(
  f: CandidateFilters,
  openHour: Partial<Record<Country, number>> | null,
  after: { name: string; id: string } | null,
  n: number,
): UnplacedWalk {
  // About one service in six has no public site: six times the page fills most pages in one statement.
  const stretch = 6 * (n + 1);
  const from = after ? sql`AND (${s.sortName}, ${s.id}) > (${after.name}, ${after.id})` : sql``;
  const country = f.country ? sql`AND ${s.country} = ${f.country}` : sql``;
  const walk = sql`SELECT ${s.id} AS id, ${s.sortName} AS sortName FROM ${services} ${s}
    WHERE ${s.status} = 'published' ${country} ${from} ORDER BY ${s.sortName}, ${s.id} LIMIT ${stretch}`;
  const statement = sql`WITH walk AS MATERIALIZED (${walk})
    SELECT * FROM (SELECT ${siteFields}, NULL AS lat, NULL AS lon, ${d.body} AS body, ${d.builtAt} AS builtAt,
        NULL AS ring, NULL AS density, NULL AS visited, NULL AS walkedTo
      FROM walk CROSS JOIN ${services} ${s} ON ${s.id} = walk.id
      LEFT JOIN ${serviceDocuments} ${d} ON ${d.serviceId} = ${s.id}
      WHERE ${probes(f, openHour)} AND NOT EXISTS (SELECT 1 FROM ${siteCells} ${sc} WHERE ${sc.serviceId} = ${s.id})
      ORDER BY walk.sortName, walk.id LIMIT ${n})
    UNION ALL
    SELECT * FROM (SELECT NULL, sortName, NULL, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT count(*) FROM walk), id
      FROM walk ORDER BY sortName DESC, id DESC LIMIT 1)
    LIMIT ${n}`;
  return { statement, stretch };
}

/**
 * The same for whole service types (the request's `typeFamilies`), from their stored listings in
 * name order (`type:<id>` rows at the countries' roots, api/domain/listing-index.ts): the next
 * `stretch` services of the types by name, each range walked along its name index, so the rows read
 * follow the stretch, never the directory (by the services' name index, hotlines and shelters, none
 * of them placed, read 95,367 and 191,651 rows for a page at 100,000 services). Null when the filters
 * are not whole types, or name more ranges than D1 takes in one compound SELECT. `when`: false reads
 * nothing (see area-walk.ts `upTo`).
 */
function unplacedOfTypes(
  f: CandidateFilters,
  openHour: Partial<Record<Country, number>> | null,
  after: { name: string; id: string } | null,
  n: number,
  when?: SQL,
): UnplacedWalk | null {
  if (!f.typeIds?.length || !f.typeFamilies?.length) return null;
  // Twice the page: a page most of whose services pass fills in one statement.
  const stretch = 2 * (n + 1);
  const roots = (f.country ? [f.country] : COUNTRIES).map((c) => `/${c}/`);
  const ranges = roots.flatMap((root) => f.typeFamilies!.map((id) => [root, `type:${id}`] as const));
  if (ranges.length > RANGES_PER_COMPOUND) return null;
  const from = after ? nameKey({ id: after.id, sortName: after.name }) : '';
  const others = { ...f, typeIds: undefined, typeFamilies: undefined, severalTypes: undefined };
  const arms = ranges.map(
    ([root, reach]) => sql`SELECT * FROM (SELECT ${lr.serviceId} AS id, ${lr.nameKey} AS nameKey
      FROM ${listingRanks} ${lr}
      WHERE ${lr.areaPath} = ${root} AND ${lr.reach} = ${reach} AND ${lr.nameKey} > ${from}
      ORDER BY ${lr.nameKey} LIMIT ${upTo(stretch, when)})`,
  );
  // UNION: a service of two of the types once.
  const walk = sql`SELECT * FROM (${sql.join(arms, sql` UNION `)}) ORDER BY nameKey LIMIT ${stretch}`;
  const statement = sql`WITH walk AS MATERIALIZED (${walk})
    SELECT * FROM (SELECT ${siteFields}, NULL AS lat, NULL AS lon, ${d.body} AS body, ${d.builtAt} AS builtAt,
        NULL AS ring, NULL AS density, NULL AS visited, NULL AS walkedTo
      FROM walk CROSS JOIN ${services} ${s} ON ${s.id} = walk.id
      LEFT JOIN ${serviceDocuments} ${d} ON ${d.serviceId} = ${s.id}
      WHERE NOT EXISTS (SELECT 1 FROM ${siteCells} ${sc} WHERE ${sc.serviceId} = ${s.id})
        AND ${probes(others, openHour)}
      ORDER BY walk.nameKey LIMIT ${n})
    UNION ALL
    SELECT * FROM (SELECT NULL, ${s.sortName}, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        (SELECT count(*) FROM walk), ${s.id}
      FROM (SELECT id FROM walk ORDER BY nameKey DESC LIMIT 1) l CROSS JOIN ${services} ${s} ON ${s.id} = l.id)
    LIMIT ${n}`;
  return { statement, stretch };
}

/** D1 allows a few terms per compound SELECT (./area-walk.ts merges more in nested ones). */
const RANGES_PER_COMPOUND = 4;

/** Every candidate of a scope that drives by itself (a text, a box) with each of its public sites. */
const scopeWithSites = (f: CandidateFilters): SQL =>
  sql`SELECT c.id AS id, c.sortName AS sortName, c.country AS country, ${sc.lat} AS lat, ${sc.lon} AS lon,
      NULL AS body, NULL AS builtAt
    FROM (${candidateQuery(f)}) c LEFT JOIN ${siteCells} ${sc} ON ${sc.serviceId} = c.id`;

/** A row's stored document, parsed at the first call. */
function parsedOnce({ id, body, builtAt }: SiteRow): () => StoredDocument {
  let parsed: StoredDocument | undefined;
  return () => (parsed ??= { id, body: body === null ? null : (JSON.parse(body) as StoredDocument['body']), builtAt });
}

/** Each service once, at the distance of its nearest public site (null when it has none). */
function nearestPerService(rows: SiteRow[], point: Point): Nearby[] {
  const best = new Map<string, Nearby>();
  for (const row of rows) {
    const km = row.lat === null || row.lon === null ? null : distanceKm(point, { lat: row.lat, lon: row.lon });
    const known = best.get(row.id);
    if (known && (km === null || (known.distanceKm !== null && known.distanceKm <= km))) continue;
    best.set(row.id, {
      id: row.id,
      sortName: row.sortName,
      country: row.country,
      distanceKm: km,
      key: sortKey('distance', {
        id: row.id,
        sortName: row.sortName,
        distanceKm: km,
        isPriority: false,
        freshness: 'fresh',
        textScore: null,
        lastVerifiedAt: null,
      }),
      ...(row.ring !== undefined && { document: parsedOnce(row) }),
    });
  }
  return [...best.values()];
}

const byKey = (x: Nearby, y: Nearby) => compareKeys(x.key, y.key);

/** What a search by distance found, and where it stopped looking when it stopped before the page was full. */
export interface DistanceSearch {
  found: Nearby[];
  /**
   * Every service up to this key was looked at; null when the listing ended (or the page is full).
   * A rare filter ("open" at night, when almost nothing is) would otherwise widen the search,
   * statement by statement, to the whole earth: 5,922,456 rows in 44 round trips at 100,000 services.
   */
  stoppedAt: SortKey | null;
}

/** At most this many statements look for a page of a filtered search; one that needs more stops and says where. */
const SEARCH_TRIPS = 3;
/**
 * After a ring that held fewer services that pass the filters than its counts promised, the next
 * asks for the missing ones divided by the share that passed, up to this many times more: fewer
 * statements than widening by a fixed step, never a leap to the whole earth.
 */
const MAX_WIDENING = 3;
/** A name past every name: a cursor there has looked at every service at its distance. */
const PAST_NAMES = '\uffff';

/**
 * The first `want` services in distance order after `after` that `accept` keeps (it is given them
 * in order, at most `want` at a time, and returns those that pass: "open now" is judged there on
 * their documents; `openHour` is its hour of the week per country, for the SQL probe). A text or a
 * box drives from its own index (its candidates are measured, however far); otherwise the rings
 * around the point are read as above, at most SEARCH_TRIPS statements for the page.
 */
export async function servicesByDistance(
  db: Database,
  f: CandidateFilters,
  point: Point,
  after: SortKey | undefined,
  want: number,
  accept: (batch: Nearby[]) => Promise<Nearby[]>,
  openHour: Partial<Record<Country, number>> | null = null,
): Promise<DistanceSearch> {
  const accepted: Nearby[] = [];
  const take = async (ordered: Nearby[]) => {
    for (let i = 0; i < ordered.length && accepted.length < want; i += want) {
      accepted.push(...(await accept(ordered.slice(i, i + want))));
    }
  };
  const isAfter = (n: Nearby) => !after || compareKeys(n.key, after) > 0;
  const ended = () => ({ found: accepted.slice(0, want), stoppedAt: null });
  const stopped = (at: SortKey) => ({ found: accepted.slice(0, want), stoppedAt: accepted.length < want ? at : null });

  if (f.textMatch || f.bbox) {
    const rows = await db.all<SiteRow>(scopeWithSites(f));
    await take(nearestPerService(rows, point).filter(isAfter).sort(byKey));
    return ended();
  }

  const afterKm = after ? (after[0] === LAST ? WORLD_KM : Number(after[0]) / 1000) : 0;
  const size = scopeSize(f);
  const placed = typeCount(f, 'placed');
  let trips = 0;
  // Without a filter, every service the counts count passes: only their error is corrected, and the
  // rings widen geometrically to a full page. A filter may pass almost none (see DistanceSearch).
  const filtered = Boolean(openHour || f.typeIds?.length || f.area || serviceConditions(f).length);
  let placedDone = afterKm >= WORLD_KM;
  /** The first services without a place, when the first round trip has read them already. */
  let unplacedFirst: SiteRow[] | undefined;
  if (!placedDone) {
    const { rings } = ringsAround(point, WORLD_KM, 0, Infinity);
    // The rings inside the cursor's circle hold nothing new.
    let from = rings.findIndex((r) => r.r >= afterKm) - 1;
    let target = Math.ceil(want * MARGIN) + 1;
    let innerKm = afterKm;
    const seen = new Set<string>();
    for (let round = 0; ; round++) {
      trips++;
      // A scope of a few is read whole; a type none of whose services has a public site reads no ring.
      const large = size ? sql`${size} > ${FEW_SERVICES}` : sql`1`;
      const when = placed ? sql`${large} AND ${placed} > 0` : large;
      const around = ringsAround(point, WORLD_KM, innerKm, from);
      const search = ringSearch(point, around, from, target, innerKm, afterKm, f, openHour, when);
      // When none can be placed, the first round trip also reads the first of them by name.
      const none =
        round === 0 && placed
          ? unplacedOfTypes(f, openHour, null, want, sql`${large} AND ${placed} <= 0`)?.statement
          : null;
      const scopeRead = () =>
        [
          rowsOf(db, wholeScope(f, openHour, size!)),
          rowsOf(db, search),
          db.select({ large: sql<number>`${large}`.mapWith(Number) }).from(sql`(SELECT 1) one`),
        ] as const;
      const [whole, ring, scope, unplaced] = !size
        ? [[], await db.all<SiteRow>(search), [{ large: 1 }], []]
        : none
          ? await db.batch([...scopeRead(), rowsOf(db, none)])
          : [...(await db.batch(scopeRead())), []];
      const rows = [...whole, ...ring];
      // The ring read says which ring it was (a row of its own); none: the scope was small and read
      // whole, or none of it can be placed.
      const marker = rows.find((r) => r.id === null);
      if (!marker && scope[0]?.large) {
        placedDone = true;
        if (none) unplacedFirst = unplaced;
        break;
      }
      const found = nearestPerService(
        rows.filter((r) => r.id !== null),
        point,
      );
      if (!marker) {
        // Every service of the scope is here, placed or not: the listing ends with them.
        await take(found.filter(isAfter).sort(byKey));
        return ended();
      }
      const ringRead = marker.ring!;
      const radius = rings[ringRead]!.r;
      // Proven in whole metres, as the keys measure (a key rounds to the metre): every service at
      // a key up to `provenM` lies inside the ring, so a cursor there misses none.
      const provenM = Math.floor(radius * 1000) - 1;
      const proven = found
        .filter((n) => n.distanceKm !== null && Number(n.key[0]) <= provenM && !seen.has(n.id))
        .sort(byKey);
      // Seen at their nearest site, before the cursor or after it: a wider ring leaves that site out
      // and may read a farther one (see serviceNotReadBefore).
      for (const n of proven) seen.add(n.id);
      const before = accepted.length;
      await take(proven.filter(isAfter));
      if (accepted.length >= want) break;
      if (ringRead >= rings.length - 1) {
        placedDone = true;
        break;
      }
      if (filtered && trips >= SEARCH_TRIPS) return stopped([provenM, PAST_NAMES, PAST_NAMES]);
      // Fewer than expected (filters, a crowd in a corner): the next statement starts past this ring,
      // asking for what is still missing divided by the share of the ring's expected services that
      // passed.
      const expected = (marker.density ?? 0) * Math.PI * (radius * radius - innerKm * innerKm);
      const share = expected > 0 ? (accepted.length - before) / expected : 1;
      from = ringRead;
      innerKm = radius;
      target = Math.ceil(((want - accepted.length) * MARGIN) / Math.min(1, Math.max(1 / MAX_WIDENING, share))) + 1;
    }
  }
  if (placedDone && accepted.length < want) {
    // Past every placed service: those without a place, by name (after the cursor's, if it is among them).
    let cursor = after && after[0] === LAST ? { name: String(after[1]), id: String(after[2]) } : null;
    let walks = 0;
    for (;;) {
      // The first round trip's walk, when it read one, was this one: of the types' own name order.
      const walk = unplacedOfTypes(f, openHour, cursor, want) ?? unplacedByName(f, openHour, cursor, want);
      let rows = unplacedFirst;
      unplacedFirst = undefined;
      if (!rows) {
        // An unfiltered search stops here too, after as many statements of this walk of its own: a
        // directory with few services without a place is a long walk.
        if ((filtered ? trips : walks) >= SEARCH_TRIPS) return stopped([LAST, cursor?.name ?? '', cursor?.id ?? '']);
        trips++;
        walks++;
        rows = await db.all<SiteRow>(walk.statement);
      }
      const services = rows.filter((r) => r.id !== null);
      await take(nearestPerService(services, point));
      if (accepted.length >= want) break;
      // A full page goes on after its last; a short one says how far its stretch went.
      const walked = rows.find((r) => r.id === null);
      if (services.length >= want) cursor = { name: services.at(-1)!.sortName, id: services.at(-1)!.id };
      else if (walked && walked.visited! >= walk.stretch) cursor = { name: walked.sortName, id: walked.walkedTo! };
      else break;
    }
  }
  return ended();
}
