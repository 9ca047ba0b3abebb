/**
 * The exact number of services a text search matches (HSDS `total_items`), read from the full-text
 * index's own term counts when they decide it, and counted match by match only when they cannot.
 *
 * D1 charges a row for each row a full-text query yields (FTS5 reads its shadow tables itself, at
 * no charge), so `count(*) … MATCH` reads one row per match: 21,676 for `legal` at 100,000
 * services. service_search_columns (an fts5vocab `col` table, migration 0026) says how many rows
 * hold a term in a column, one row per term. Every full-text row is a published service (its words
 * are written only for published listings, api/admin/edit/listing-index.ts, and follow them by
 * trigger, migration 0023), so the matches are the services to count.
 *
 * One word matches the rows holding a body term that starts with it, or a skeleton term in its
 * range (api/domain/text-normalise.ts `ftsMatchExpression`): a union of the rows of a few terms.
 * A row that holds a Latin body word also holds that word's skeleton (`searchDocument`; the index's
 * terms are those words, as normaliseText leaves only lower-case letters and digits without marks),
 * so a body term whose skeleton is among the word's skeleton terms adds no row to the union and is
 * dropped. One term left: its row count is the total. A few (MAX_TERMS): inclusion–exclusion, each
 * intersection counted along the index, which reads only the rows holding all its terms (seldom
 * many: "legal" and "legally" in one service). More terms ("a"), or several words, whose matches
 * are an intersection no term count gives: every match is counted, one row each.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { serviceSearch, serviceSearchColumns } from '../../db/search-schema.ts';
import { latinSkeleton, type MatchClause } from '../domain/text-normalise.ts';
import { prefixEnd } from './text-search.ts';

/** At most this many terms are added up by inclusion–exclusion: 2^n − n − 1 intersections (11). */
const MAX_TERMS = 4;
/** The term counts read for one word, at most: past this the matches are counted instead. */
const MAX_ENTRIES = 2 * MAX_TERMS;

const ftsString = (term: string) => `"${term.replace(/"/g, '""')}"`;

interface Entry {
  term: string;
  col: string;
  doc: number;
}

type BatchItem = Parameters<Database['batch']>[0][number];

/** The term counts of one word: its body terms, then its skeleton terms, each at most MAX_ENTRIES + 1. */
function entriesOf(clause: MatchClause): SQL {
  const v = serviceSearchColumns;
  const arm = (range: SQL, col: string) =>
    sql`SELECT * FROM (SELECT ${v.term} AS term, ${v.col} AS col, ${v.doc} AS doc FROM ${v}
      WHERE ${range} AND ${v.col} = ${col} LIMIT ${MAX_ENTRIES + 1})`;
  const body = arm(sql`${v.term} >= ${clause.body} AND ${v.term} < ${prefixEnd(clause.body)}`, 'body');
  if (!clause.skeleton) return body;
  const skeleton = arm(
    clause.skeletonPrefix
      ? sql`${v.term} >= ${clause.skeleton} AND ${v.term} < ${prefixEnd(clause.skeleton)}`
      : sql`${v.term} = ${clause.skeleton}`,
    'skeletons',
  );
  return sql`${body} UNION ALL ${skeleton}`;
}

/**
 * How many rows match, one row read per match. `when`: a condition that leaves it unread when false
 * (in the LIMIT: a subquery in the WHERE clause is tested row by row, after each match is read).
 */
const countOf = (db: Database, match: string, when?: SQL) =>
  db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(
    sql`(SELECT 1 FROM ${serviceSearch} WHERE ${serviceSearch} MATCH ${match}
        LIMIT ${when ? sql`(CASE WHEN ${when} THEN -1 ELSE 0 END)` : sql`-1`}) matches`,
  );

/**
 * The terms whose rows make up the word's matches, without the body terms whose rows the skeleton
 * terms already hold; undefined when the counts cannot say (too many terms).
 */
function termsOf(entries: Entry[]): Entry[] | undefined {
  if (entries.length > MAX_ENTRIES) return undefined;
  const skeletons = new Set(entries.filter((e) => e.col === 'skeletons').map((e) => e.term));
  const terms = entries.filter((e) => e.col === 'skeletons' || !skeletons.has(latinSkeleton(e.term)));
  return terms.length <= MAX_TERMS ? terms : undefined;
}

/** The rows holding every one of these terms, as one MATCH of exact terms in their columns. */
const allOf = (terms: Entry[]) => terms.map((t) => `${t.col} : ${ftsString(t.term)}`).join(' AND ');

/** Every subset of at least two terms, with its sign in inclusion–exclusion. */
function intersections(terms: Entry[]): Array<{ terms: Entry[]; sign: number }> {
  const out: Array<{ terms: Entry[]; sign: number }> = [];
  for (let mask = 1; mask < 1 << terms.length; mask++) {
    const subset = terms.filter((_, i) => mask & (1 << i));
    if (subset.length >= 2) out.push({ terms: subset, sign: subset.length % 2 === 1 ? 1 : -1 });
  }
  return out;
}

/**
 * The statements that go in the page's round trip: the word's term counts, and the count of every
 * match, which reads nothing unless the term counts cannot decide (several words, or too many
 * terms). `total(results)` takes their results and, at most, one more round trip.
 */
export function searchTotal(db: Database, textMatch: string, clauses: MatchClause[] | undefined) {
  if (clauses?.length !== 1) {
    const count = countOf(db, textMatch);
    return {
      statements: [count] as BatchItem[],
      total: async (results: unknown[]) => (results[0] as Array<{ total: number }>)[0]?.total ?? 0,
    };
  }
  const entries = entriesOf(clauses[0]!);
  const termsQuery = db
    .select({ term: sql<string>`term`, col: sql<string>`col`, doc: sql<number>`doc`.mapWith(Number) })
    .from(sql`(${entries}) entries`);
  // Constant, tested before any match is read: counted only when the term counts are too many.
  const count = countOf(db, textMatch, sql`(SELECT count(*) FROM (${entries})) > ${MAX_ENTRIES}`);
  return {
    statements: [termsQuery, count] as BatchItem[],
    total: async (results: unknown[]): Promise<number> => {
      const found = results[0] as Entry[];
      if (found.length > MAX_ENTRIES) return (results[1] as Array<{ total: number }>)[0]?.total ?? 0;
      const terms = termsOf(found);
      if (!terms) {
        const [counted] = await countOf(db, textMatch);
        return counted?.total ?? 0;
      }
      const single = terms.reduce((sum, t) => sum + t.doc, 0);
      if (terms.length <= 1) return single;
      const overlaps = intersections(terms);
      const counted = (await db.batch(
        overlaps.map((o) => countOf(db, allOf(o.terms))) as unknown as Parameters<Database['batch']>[0],
      )) as unknown as Array<Array<{ total: number }>>;
      return overlaps.reduce((sum, o, i) => sum + o.sign * (counted[i]?.[0]?.total ?? 0), single);
    },
  };
}
