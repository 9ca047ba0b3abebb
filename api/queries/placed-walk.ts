/**
 * A walk of a stored order for the map's points (api/routes/map.ts): the same ranks as the
 * listing's walk (./area-walk.ts `walkOf`), each with its service's stored document only when the
 * service has a public site (a site_cells row: published, not confidential, with coordinates).
 *
 * A map draws the sites of the first 500 services of its area's order, and most of those, the
 * hotlines and other remote services listed first, have none. Their documents (about 3 kB each)
 * drew nothing, yet D1 sent them, and the Worker decoded them and worked out their hours: at
 * 100,000 services a governorate's map read 501 documents for 234 points, and the Worker's CPU
 * per request followed those bytes, which rows read do not show (a document is one row however
 * long it is). One probe of site_cells' service index per rank says which documents to read; so
 * for the ranks to rank here (whose moment has passed), which come with their documents too.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { shaped, slot } from '../../db/shaped-query.ts';
import { siteCells } from '../../db/schema.ts';
import type { Country } from '../domain/vocabulary.ts';
import { misplacedOf, unfiltered, walkOf, type RankRange, type Walk } from './area-walk.ts';
import type { CandidateFilters } from './service-candidates.ts';
import { d, pointOrBody } from './service-documents.ts';

/** Whether the service `id` (a column of the subquery) has a public site: one probe of site_cells' service index. */
const placed = (id: SQL) => sql`EXISTS (SELECT 1 FROM ${siteCells} WHERE ${siteCells.serviceId} = ${id}) AS placed`;

const columns = {
  rankKey: sql<string>`w.rankKey`,
  id: sql<string>`w.id`,
  country: sql<Country | null>`w.country`,
  verificationStatus: sql<string | null>`w.verificationStatus`,
  lastVerifiedAt: sql<string | null>`w.lastVerifiedAt`,
  nextVerificationDue: sql<string | null>`w.nextVerificationDue`,
  /** Whether the service has a public site: only then is its document read (and null without one). */
  placed: sql<boolean>`w.placed`.mapWith(Boolean),
  /** The service's map point (or a whole document stored before points were kept). */
  body: pointOrBody,
  builtAt: d.builtAt,
};

/**
 * The next `limit` ranks of `walk` after `after`, as `walkRanges` reads them, with the stored
 * document of the placed services alone. A walk whose filters the rank rows answer (an area's or
 * the whole directory's map, unfiltered) has the same text for every such walk of its shape.
 */
export function placedWalkRanges(
  db: Database,
  walk: Walk,
  f: CandidateFilters,
  after: string,
  at: string,
  limit: number,
) {
  // The probe is worked out once per rank, in a subquery SQLite keeps apart (a LIMIT keeps it from
  // being merged into the join, which would probe twice); a document is looked up by a key that is
  // NULL, so never sought, for a service without a site.
  const build = (w: Walk, from: string, moment: string, n: number) =>
    db
      .select(columns)
      .from(
        sql`(SELECT walk.*, ${placed(sql`walk.id`)}
          FROM (${walkOf(w, f, from, moment, n)}) walk LIMIT ${n}) w`,
      )
      .leftJoin(d, sql`${d.serviceId} = CASE WHEN w.placed THEN w.id END`);
  if (!unfiltered(f)) return build(walk, after, at, limit);
  const key = `placed walk ${walk.order} ${walk.ranges.length} ${walk.before === undefined ? '' : 'before'}`;
  return shaped(
    db,
    key,
    () =>
      build(
        {
          ranges: slotted(walk.ranges),
          order: walk.order,
          ...(walk.before !== undefined && { before: slot<string>('before') }),
        },
        slot('after'),
        slot('at'),
        slot('limit'),
      ),
    {
      ...valuesOf(walk.ranges),
      ...(walk.before !== undefined && { before: walk.before }),
      after,
      at,
      limit,
    },
  );
}

/**
 * The ranks of these ranges whose stored rank does not hold at `at`, as `misplacedInRanges` reads
 * them (with their service's country and verification, to rank here), with the stored document of
 * the placed services alone. Without a LIMIT to end it, `LIMIT -1` (none) keeps the subquery apart.
 */
export function placedMisplaced(db: Database, ranges: RankRange[], f: CandidateFilters, at: string) {
  const build = (rs: RankRange[], moment: string) =>
    db
      .select({ ...columns, country: sql<Country>`w.country`, verificationStatus: sql<string>`w.verificationStatus` })
      .from(
        sql`(SELECT misplaced.*, ${placed(sql`misplaced.id`)}
          FROM (${misplacedOf(rs, f, moment)}) misplaced LIMIT -1) w`,
      )
      .leftJoin(d, sql`${d.serviceId} = CASE WHEN w.placed THEN w.id END`);
  if (!unfiltered(f)) return build(ranges, at);
  return shaped(db, `placed misplaced ${ranges.length}`, () => build(slotted(ranges), slot('at')), {
    ...valuesOf(ranges),
    at,
  });
}

const slotted = (ranges: RankRange[]) => ranges.map((_, i): RankRange => [slot(`path${i}`), slot(`reach${i}`)]);

const valuesOf = (ranges: RankRange[]): Record<string, string> =>
  Object.fromEntries(
    ranges.flatMap(([path, reach], i) => [
      [`path${i}`, path],
      [`reach${i}`, reach],
    ]),
  );
