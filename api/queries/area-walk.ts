/**
 * An area listing in relevance order, read a page at a time from the stored ranks (listing_ranks,
 * db/schema.ts), so its rows read follow the page, not the area nor the directory.
 *
 * The listing of area X is X's `in` rows merged with the `at` rows of X's ancestors: each one range
 * of the primary key, already in rank order, so SQLite merges them (a compound SELECT with ORDER BY
 * is a merge of ordered co-routines) and stops at the LIMIT. The other filters are probes on the
 * service row of each walked rank (CROSS JOIN keeps the rank index as the outer loop); a walk with
 * no filter but "published" reads the rank rows alone, since only published services have ranks.
 *
 * A rank judges freshness at one moment and holds until its `rank_until`; the scheduled job ranks
 * rows again once that has passed. A reader at a moment the stored rank does not hold for (between
 * two runs of the job, or a cursor from before the last run) leaves those rows out of the walk and
 * ranks them itself (`misplacedOf`: only the rows whose moment has passed, a few per hour).
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idList } from '../../db/id-list.ts';
import { shaped, slot } from '../../db/shaped-query.ts';
import {
  listingCounts,
  listingRanks,
  serviceOpenHours,
  serviceTypeAssignments,
  services,
  type RankReach,
} from '../../db/schema.ts';
import type { Country } from '../domain/vocabulary.ts';
import { s, serviceConditions, type AreaScope, type CandidateFilters } from './service-candidates.ts';
import { d } from './service-documents.ts';
import { hasSiteInBox } from './site-cells.ts';
import { matchesWords } from './text-search.ts';

const r = alias(listingRanks, 'r');
const a = alias(serviceTypeAssignments, 'a');
const o = alias(serviceOpenHours, 'o');
const sc = alias(services, 'sc');

/**
 * A walked rank. The service's country and verification come with the ranks to rank here, and with
 * a walk that reads the service row for its filters; a walk of the rank rows alone leaves them null
 * (its services' details say their country).
 */
export interface WalkedRank {
  rankKey: string;
  id: string;
  country: Country | null;
  verificationStatus: string | null;
  lastVerifiedAt: string | null;
  nextVerificationDue: string | null;
}

/** One range of listing_ranks: the rows of one area path and reach. */
export type RankRange = [string, RankReach];

/**
 * The stored order a walk follows: the relevance rank (its freshness judged at a moment, so a walk
 * leaves out the rows whose moment has passed), or the name or latest-check order, which never
 * change with time (each with its own index on the area path and reach).
 */
export type WalkOrder = 'rank' | 'name' | 'verified';
const orderColumn = { rank: r.rankKey, name: r.nameKey, verified: r.verifiedKey };

/** What a walk reads: these ranges, merged in this order (the relevance order up to `before` when given). */
export interface Walk {
  ranges: RankRange[];
  order: WalkOrder;
  before?: string;
}

/**
 * What a walk lists: an area, or (`roots`) whole countries, whose `country` rows hold every
 * published service of the country (a search over the whole directory walks "/IQ/" and "/GT/").
 */
export type WalkScope = AreaScope | { roots: string[] };

/** The ranges of listing_ranks that make up the listing of `scope`. */
export const arms = (scope: WalkScope): RankRange[] =>
  'roots' in scope
    ? scope.roots.map((path): RankRange => [path, 'country'])
    : [[scope.path, 'in'], ...scope.ancestorPaths.map((path): RankRange => [path, 'at'])];

/**
 * At most this many ranges of types are walked in an area (one type with its sub-types in a district
 * is three: the district's and its two ancestors'; in a subdistrict of the Kurdistan Region, five).
 * Each range is an arm of every walk statement, with its own bound values, and D1 allows 100 per
 * statement: more types, or a box (whose arms bind more), are checked on each walked service instead.
 */
const MAX_TYPE_RANGES = 6;

/** What a walk reads: its ranges, and the filters each walked row is still checked against. */
export interface WalkPlan {
  ranges: RankRange[];
  filters: CandidateFilters;
  /** How many types the ranges are of (none: the area's or the countries' own rows). */
  types: number;
}

/**
 * The ranges a listing in a stored order (not a search: a search walks `arms`) of `scope` with
 * filters `f` walks, and the filters they leave to check. The ranks of a type are ranges of their
 * own (`type:<id>` at a country's root; `at:<id>` and `in:<id>` in an area, which hold its sub-types'
 * services too, walked for the request's `typeFamilies`), so a listing of a few types walks their
 * rows alone and never looks up the types of the services it passes over: a rare type in a large
 * area costs its page, not the area. Whole countries are walked by their own rows, so the country
 * is not checked either.
 */
export function walkPlan(scope: WalkScope, f: CandidateFilters): WalkPlan {
  const typeIds = f.typeIds ?? [];
  const families = f.typeFamilies ?? [];
  if ('roots' in scope) {
    // Types that are not whole families (a type without its sub-types) are checked on each service,
    // and so are more types than MAX_TYPE_RANGES ranges hold (a range per type and country), and
    // the types of a box's walk, as in an area.
    const byFamily =
      typeIds.length > 0 && families.length > 0 && families.length * scope.roots.length <= MAX_TYPE_RANGES && !f.bbox;
    const reaches: RankReach[] = byFamily ? families.map((id): RankReach => `type:${id}`) : ['country'];
    const answered = { country: undefined, ...(byFamily && { typeIds: undefined, severalTypes: undefined }) };
    return {
      ranges: scope.roots.flatMap((root) => reaches.map((reach): RankRange => [root, reach])),
      types: byFamily ? families.length : 0,
      filters: { ...f, ...answered, typeFamilies: undefined },
    };
  }
  const typed = families.length * (1 + scope.ancestorPaths.length);
  if (!typeIds.length || !families.length || typed > MAX_TYPE_RANGES || f.bbox) {
    return { ranges: arms(scope), filters: f, types: 0 };
  }
  return {
    types: families.length,
    ranges: families.flatMap((id): RankRange[] => [
      [scope.path, `in:${id}`],
      ...scope.ancestorPaths.map((path): RankRange => [path, `at:${id}`]),
    ]),
    filters: { ...f, typeIds: undefined, severalTypes: undefined, typeFamilies: undefined },
  };
}

/** The filters a walked service is checked against, as probes on its row `s` (published first). */
export function conditions(f: CandidateFilters): SQL[] {
  const found = [sql`${s.status} = 'published'`, ...serviceConditions(f)];
  if (f.typeIds?.length) {
    // With several types (a type and its sub-types, or every priority type), a seek per type id
    // costs a row read each, found or not; a service's own few assignments cost fewer. The unary
    // plus keeps SQLite from seeking the ids.
    const several = f.severalTypes ?? f.typeIds.length > 1;
    const typeId = several ? sql`+${a.serviceTypeId}` : sql`${a.serviceTypeId}`;
    found.push(sql`EXISTS (SELECT 1 FROM ${serviceTypeAssignments} ${a} WHERE ${a.serviceId} = ${s.id}
      AND ${typeId} IN ${idList(f.typeIds)})`);
  }
  return found;
}

/** Whether the walk's filters are only "published in this area", so listing_counts is its total. */
export const unfiltered = (f: CandidateFilters) => conditions(f).length === 1 && !f.textClauses && !f.bbox;

/**
 * Whether a walk's filters ask nothing of the service row but "published": only a published service
 * has ranks (api/domain/listing-index.ts, written with the status by every edit), so the rank row
 * answers it, and the walk reads no service row.
 */
const ranksAnswer = (f: CandidateFilters) => conditions(f).length === 1;

function arm(
  [path, reach]: RankRange,
  moment: SQL,
  f: CandidateFilters,
  order: WalkOrder = 'rank',
  more: SQL[] = [],
  probe = false,
): SQL {
  if (!more.length && ranksAnswer(f)) {
    return sql`SELECT ${orderColumn[order]} AS rankKey, ${r.serviceId} AS id, NULL AS country,
        NULL AS verificationStatus, NULL AS lastVerifiedAt, NULL AS nextVerificationDue, 1 AS passes
      FROM ${listingRanks} ${r}
      WHERE ${r.areaPath} = ${path} AND ${r.reach} = ${reach} AND ${moment}`;
  }
  // A probing walk counts every published rank it walks, and says of each whether it passes the
  // filters (`passes`), so a rare filter stops the walk at its stretch rather than walk past it.
  const [published, ...filters] = [...conditions(f), ...more];
  const where = probe ? [published!] : [published!, ...filters];
  const passes = probe && filters.length ? sql`(${sql.join(filters, sql` AND `)})` : sql`1`;
  return sql`SELECT ${orderColumn[order]} AS rankKey, ${r.serviceId} AS id, ${s.country} AS country,
      ${s.verificationStatus} AS verificationStatus, ${s.lastVerifiedAt} AS lastVerifiedAt,
      ${s.nextVerificationDue} AS nextVerificationDue, ${passes} AS passes
    FROM ${listingRanks} ${r} CROSS JOIN ${services} ${s} ON ${s.id} = ${r.serviceId}
    WHERE ${r.areaPath} = ${path} AND ${r.reach} = ${reach} AND ${moment}
      AND ${sql.join(where, sql` AND `)}`;
}

/**
 * The next `limit` rows of `walk` after `after`, in its order. The relevance rank holds only at the
 * moments its row says; the name and latest-check orders hold at every moment.
 */
export function walkOf(
  { ranges, order, before }: Walk,
  f: CandidateFilters,
  after: string,
  at: string,
  limit: number,
  when?: SQL,
  probe = false,
): SQL {
  const holds =
    order === 'rank'
      ? sql`${r.rankKey} > ${after}${before === undefined ? sql`` : sql` AND ${r.rankKey} < ${before}`}
    AND ${r.rankedAt} <= ${at} AND (${r.rankUntil} IS NULL OR ${r.rankUntil} >= ${at})`
      : sql`${orderColumn[order]} > ${after}`;
  return union(
    ranges.map((range) => arm(range, holds, f, order, [], probe)),
    sql` ORDER BY rankKey LIMIT ${upTo(limit, when)}`,
    sql` UNION `,
    sql` ORDER BY rankKey LIMIT ${limit}`,
  );
}

/**
 * A LIMIT of `limit` rows, or of none when `when` is false: SQLite works a LIMIT out once, before
 * reading any row, and a LIMIT of 0 reads nothing (a condition in WHERE would be tested on every row).
 */
export const upTo = (limit: number, when?: SQL): SQL | number =>
  when ? sql`(CASE WHEN ${when} THEN ${limit} ELSE 0 END)` : limit;

export function misplacedOf(ranges: RankRange[], f: CandidateFilters, at: string, when?: SQL, before?: string): SQL {
  const more = f.textClauses ? [matchesWords(sql`${s.id}`, f.textClauses)] : [];
  // A rank's moment changes its freshness, never its priority: a walk of the priority ranks alone
  // ranks here only its own.
  const within = before === undefined ? sql`` : sql` AND ${r.rankKey} < ${before}`;
  if (f.bbox) more.push(hasSiteInBox(s.id, f.bbox));
  // UNION ALL: the reader keeps each service once. A plain UNION lets SQLite merge the arms in
  // rank order along the primary key, reading every rank of the area instead of seeking its moment
  // index: with statistics (after `PRAGMA optimize`) it did, 5,994 rows for 10 at 100,000 services.
  return union(
    ranges.flatMap((range) => [
      arm(range, sql`${r.rankUntil} < ${at}${within}`, f, 'rank', more),
      arm(range, sql`${r.rankedAt} > ${at}${within}`, f, 'rank', more),
    ]),
    when ? sql` LIMIT ${upTo(-1, when)}` : sql``,
    sql` UNION ALL `,
    sql``,
  );
}

/** D1 allows a few terms per compound SELECT: more are merged in nested compounds, each ordered the same way. */
const TERMS_PER_COMPOUND = 4;

/**
 * The terms merged by `operator`, then `tail` (an order and a limit). Past TERMS_PER_COMPOUND terms
 * they are merged in groups, each ended by `groupTail`, then the groups by `tail`. A guard (`upTo`)
 * belongs in `tail` alone: a LIMIT of 0 on the whole compound reads none of its groups, and the
 * guard's bound values repeated in every group took a search in a subdistrict of the Kurdistan
 * Region (five ranges, two groups) over D1's 100 per statement.
 */
function union(terms: SQL[], tail: SQL, operator = sql` UNION `, groupTail = tail): SQL {
  if (terms.length <= TERMS_PER_COMPOUND) return sql`${sql.join(terms, operator)}${tail}`;
  const groups: SQL[] = [];
  for (let i = 0; i < terms.length; i += TERMS_PER_COMPOUND) {
    const group = terms.slice(i, i + TERMS_PER_COMPOUND);
    groups.push(sql`SELECT * FROM (${sql.join(group, operator)}${groupTail})`);
  }
  return union(groups, tail, operator, groupTail);
}

/**
 * A walk that keeps only some ranks: of the next `ranks` ranks after `after` (a fixed number, so a
 * walk at night, when almost nothing is open, or over a word few services hold, reads no more than
 * that however large the area), those whose service may be open in the hour of the week `hours`
 * gives for its country (service_open_hours, one index probe each) when `hours` is given, and whose
 * search words hold every word of the search when the filters have one (`matchesWords`, one probe
 * each), that have a public site in the box when the filters have one (one probe each), and that
 * pass the other filters (`passes`: a rare filter ends the stretch too), at most `limit`. When fewer
 * than `limit` are found, one more row (its `visited` set) says how many ranks were walked and the
 * last of them: the walk stopped there, or the area ended. The UNION ALL's LIMIT skips that row's
 * walk when the page is already full. That row walks the ranks again, their rank rows alone (only
 * a published service has ranks, so no filter changes how many were walked); numbering the ranks in the one walk
 * (a window) costs more as D1 counts rows: SQLite buffers the whole stretch for the window, even
 * when the page fills from its first ranks.
 */
function probedWalkOf(
  walk: Walk,
  f: CandidateFilters,
  after: string,
  at: string,
  hours: Partial<Record<Country, number>> | null,
  ranks: number,
  limit: number,
  when?: SQL,
): SQL {
  const inner = walkOf(walk, f, after, at, ranks, when, true);
  // The same stretch, counted without the filters or their bound values (D1 binds at most 100 a statement).
  const stretch = walkOf(walk, {}, after, at, ranks, when, true);
  const kept: SQL[] = [sql`walk.passes`];
  if (hours) {
    const entries = Object.entries(hours);
    const byCountry = (country: SQL) =>
      sql`CASE ${country} ${sql.join(
        entries.map(([c, h]) => sql`WHEN ${c} THEN ${h}`),
        sql` `,
      )} END`;
    // A walk of the rank rows alone does not know the country: when the week says the same in the
    // hour of every country, that is the answer; only otherwise is the country read.
    const bit = (h: number) => sql`substr(${o.week}, ${h} + 1, 1)`;
    const first = entries[0]![1];
    const agree = sql.join([sql`1`, ...entries.slice(1).map(([, h]) => sql`${bit(h)} = ${bit(first)}`)], sql` AND `);
    const country = sql`coalesce(walk.country, (SELECT ${sc.country} FROM ${services} ${sc} WHERE ${sc.id} = walk.id))`;
    const hour = sql`CASE WHEN walk.country IS NULL AND ${agree} THEN ${first} ELSE ${byCountry(country)} END`;
    kept.push(sql`EXISTS (SELECT 1 FROM ${serviceOpenHours} ${o} WHERE ${o.serviceId} = walk.id
      AND substr(${o.week}, ${hour} + 1, 1) = '1')`);
  }
  if (f.textClauses) kept.push(matchesWords(sql`walk.id`, f.textClauses));
  if (f.bbox) kept.push(hasSiteInBox(sql`walk.id`, f.bbox));
  return sql`SELECT walk.rankKey AS rankKey, walk.id AS id, walk.country AS country,
      walk.verificationStatus AS verificationStatus, walk.lastVerifiedAt AS lastVerifiedAt,
      walk.nextVerificationDue AS nextVerificationDue, NULL AS visited
    FROM (${inner}) walk
    WHERE ${sql.join(kept, sql` AND `)}
    UNION ALL
    SELECT max(walk.rankKey), NULL, NULL, NULL, NULL, NULL, count(*) FROM (${stretch}) walk
    LIMIT ${limit}`;
}

/** The selected columns of a walk, read from it as a subquery so the builder decodes them (and can batch them). */
const walked = {
  rankKey: sql<string>`rankKey`,
  id: sql<string>`id`,
  country: sql<Country | null>`country`,
  verificationStatus: sql<string | null>`verificationStatus`,
  lastVerifiedAt: sql<string | null>`lastVerifiedAt`,
  nextVerificationDue: sql<string | null>`nextVerificationDue`,
};
/** The ranks to rank here always come with their service's country and verification. */
const misplacedColumns = {
  ...walked,
  country: sql<Country>`country`,
  verificationStatus: sql<string>`verificationStatus`,
};

/**
 * Each walked rank comes with its service's stored public document (./service-documents.ts), one
 * row by primary key, so the page's details need no query of their own.
 */
const withDocument = { ...walked, body: d.body, builtAt: d.builtAt };

export function walkRanges(db: Database, walk: Walk, f: CandidateFilters, after: string, at: string, limit: number) {
  const build = (w: Walk, from: string, moment: string, n: number) =>
    db
      .select(withDocument)
      .from(sql`(${walkOf(w, f, from, moment, n)}) walk`)
      .leftJoin(d, sql`${d.serviceId} = walk.id`);
  // A walk whose filters the rank rows answer reads nothing of the filters: its text is the same for
  // every such walk of as many ranges in the same order, built once (db/shaped-query.ts).
  if (!ranksAnswer(f)) return build(walk, after, at, limit);
  const key = `walk ${walk.order} ${walk.ranges.length} ${walk.before === undefined ? '' : 'before'}`;
  return shaped(db, key, () => build(slottedWalk(walk), slot('after'), slot('at'), slot('limit')), {
    ...rangeValues(walk.ranges),
    ...(walk.before !== undefined && { before: walk.before }),
    after,
    at,
    limit,
  });
}

/** Ranges as slots of a shaped statement (their values given by `rangeValues`). */
const slottedRanges = (ranges: RankRange[]): RankRange[] =>
  ranges.map((_, i): RankRange => [slot(`path${i}`), slot(`reach${i}`)]);

const rangeValues = (ranges: RankRange[]): Record<string, string> =>
  Object.fromEntries(
    ranges.flatMap(([path, reach], i) => [
      [`path${i}`, path],
      [`reach${i}`, reach],
    ]),
  );

const slottedWalk = (walk: Walk): Walk => ({
  ranges: slottedRanges(walk.ranges),
  order: walk.order,
  ...(walk.before !== undefined && { before: slot<string>('before') }),
});

export function probedWalkRanges(
  db: Database,
  walk: Walk,
  f: CandidateFilters,
  after: string,
  at: string,
  hours: Partial<Record<Country, number>> | null,
  ranks: number,
  limit: number,
  when?: SQL,
) {
  const build = (
    w: Walk,
    from: string,
    moment: string,
    hourOf: Partial<Record<Country, number>> | null,
    stretch: number,
    n: number,
  ) =>
    db
      .select({ ...withDocument, visited: sql<number | null>`visited` })
      .from(sql`(${probedWalkOf(w, f, from, moment, hourOf, stretch, n, when)}) walk`)
      .leftJoin(d, sql`${d.serviceId} = walk.id`);
  // "Open" alone (no condition, words, box or filter the rank rows do not answer): its text depends
  // on the ranges, the order and the countries whose hour it probes, built once (db/shaped-query.ts).
  if (when || f.textClauses || f.bbox || !ranksAnswer(f)) return build(walk, after, at, hours, ranks, limit);
  const countries = Object.keys(hours ?? {}) as Country[];
  const before = walk.before === undefined ? '' : 'before';
  const key = `probed ${walk.order} ${walk.ranges.length} ${before} ${hours ? countries.join(',') : 'always'}`;
  const hourSlots = hours && Object.fromEntries(countries.map((c) => [c, slot<number>(`hour${c}`)]));
  return shaped(
    db,
    key,
    () => build(slottedWalk(walk), slot('after'), slot('at'), hourSlots, slot('ranks'), slot('limit')),
    {
      ...rangeValues(walk.ranges),
      ...(walk.before !== undefined && { before: walk.before }),
      ...Object.fromEntries(countries.map((c) => [`hour${c}`, hours![c]])),
      after,
      at,
      ranks,
      limit,
    },
  );
}

/**
 * The rows of these ranges whose stored rank does not hold at `at` (the relevance order's alone),
 * of the ranks before `before` when given.
 */
export function misplacedInRanges(
  db: Database,
  ranges: RankRange[],
  f: CandidateFilters,
  at: string,
  when?: SQL,
  before?: string,
) {
  const build = (rs: RankRange[], moment: string, until?: string) =>
    db
      .select({ ...misplacedColumns, body: d.body, builtAt: d.builtAt })
      .from(sql`(${misplacedOf(rs, f, moment, when, until)}) misplaced`)
      .leftJoin(d, sql`${d.serviceId} = misplaced.id`);
  // As a walk's: without a condition, search words, box or filter the rank rows do not answer, its
  // text depends on the number of ranges alone.
  if (when || f.textClauses || f.bbox || !ranksAnswer(f)) return build(ranges, at, before);
  const key = `misplaced ${ranges.length} ${before === undefined ? '' : 'before'}`;
  return shaped(
    db,
    key,
    () => build(slottedRanges(ranges), slot('at'), before === undefined ? undefined : slot<string>('before')),
    { ...rangeValues(ranges), at, ...(before !== undefined && { before }) },
  );
}

/** The rows of listing_counts that count the services of these ranges. */
const countsOf = (ranges: RankRange[]): SQL =>
  sql.join(
    ranges.map(([path, reach]) => sql`(${listingCounts.areaPath} = ${path} AND ${listingCounts.reach} = ${reach})`),
    sql` OR `,
  );

/** How many services these ranges hold, each counted once (see listing_ranks' `counted`). */
export function rangesTotal(db: Database, ranges: RankRange[]) {
  return shaped(
    db,
    `total ${ranges.length}`,
    () =>
      db
        .select({ n: sql<number>`coalesce(sum(${listingCounts.services}), 0)`.mapWith(Number) })
        .from(listingCounts)
        .where(countsOf(slottedRanges(ranges))),
    rangeValues(ranges),
  );
}

/** The same count as a value in SQL (a few rows read), for a condition tested before a walk reads. */
export const rangesCount = (ranges: RankRange[]): SQL =>
  sql`(SELECT coalesce(sum(${listingCounts.services}), 0) FROM ${listingCounts} WHERE ${countsOf(ranges)})`;
