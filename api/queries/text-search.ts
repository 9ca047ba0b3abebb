/**
 * How a text search (q=) in relevance order is read, so that its rows read follow the page and not
 * how many services hold the words:
 * - a rare search (at most RARE_MATCHES services can match) reads its matches from the full-text
 *   index and orders them in code, the best text match first within each rank (bm25);
 * - a common one reads its matches in the full-text index's own order (./match-walk.ts), each checked
 *   against the other filters and the area, when the words are held by no more services than its
 *   scope holds (always over the whole directory or a country): hotlines and official channels,
 *   which seldom hold the words, come first in the listing order and may fill more of it than a
 *   walk checks, while a stretch of matches holds the area's matches at least as densely as a
 *   stretch of the area's listing holds matches. Each page is shown in relevance order;
 * - otherwise (words held by more services than the area holds) it walks the area's stored listing
 *   order (./area-walk.ts: hotlines and official channels first, fresh before stale, then by name)
 *   and keeps the services whose words match, a fixed number of ranks a round, as "open now" does.
 *   bm25 cannot order matches that are never read.
 * In name or latest-check order a search reads its matches when at most ORDERED_MATCHES can match,
 * and otherwise walks that stored order of its area (or of whole countries) the same way, keeping the
 * services whose words match: the index's order is neither. (In a box that holds few services, any
 * search reads the box whole instead: ./service-listing.ts `listBox`.)
 * Which way is decided before reading any match, from the index's own term counts
 * (service_search_vocab, an fts5vocab table) and the area's stored count (listing_counts): a few
 * rows, whatever the size of the directory. A first page asks every way in one round trip, each
 * guarded by those counts, so only one reads.
 */
import { is, Placeholder, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { slot } from '../../db/shaped-query.ts';
import type { Database } from '../../db/client.ts';
import { serviceSearchVocab } from '../../db/search-schema.ts';
import { serviceSearchWords } from '../../db/schema.ts';
import type { MatchClause } from '../domain/text-normalise.ts';

/** At most this many matches are read and ranked; a search that may match more walks the listing order. */
export const RARE_MATCHES = 100;

/**
 * In name or latest-check order, at most this many matches are read and sorted. Those orders have
 * no middle way: the full-text index's own order is not theirs, so a search that may match more
 * walks the stored order, keeping the services whose words match; a word held by a few hundred of a
 * hundred thousand services would leave that walk's pages almost empty. Each match read costs five
 * to seven rows (its index entry, service row, area and priority probes), so this bound is about
 * 1,400 rows, as a box read whole is (./service-listing.ts BOX_READ_WHOLE).
 */
export const ORDERED_MATCHES = 200;

/** The most matches a search in this order reads and sorts itself. */
export const matchesReadWhole = (sort: string): number => (sort === 'relevance' ? RARE_MATCHES : ORDERED_MATCHES);

/**
 * A query word that starts more than this many different terms ("a", "ع") counts as common without
 * adding up their counts: reading them all would cost rows as the vocabulary grows.
 */
const MAX_TERMS = 40;

/** As a cursor says which way it continues: the few matches, the listing order, or the index's order. */
export type TextMode = 'matches' | 'walk' | 'index';

/** Every term that starts with `prefix` sorts between `prefix` and this (UTF-8 order, as FTS5 sorts terms). */
export const prefixEnd = (prefix: string): string => `${prefix}\u{10FFFF}`;
/** The term `word` alone sorts between `word` and this: no term holds a control character. */
const wordEnd = (word: string): string => `${word}\u{1}`;

/** Where slotted words (`slottedClauses`) keep the slot their JSON is bound to. */
const WORDS_SLOT = Symbol('words slot');
type SlottedClauses = MatchClause[] & { [WORDS_SLOT]?: unknown };

/**
 * The words of a search as the one bound parameter every statement takes them in: a JSON list of
 * each word (`b`) and its skeleton (`s`), each with the end of its range of terms (`be`, `se`:
 * every term starting with it, or for a skeleton matched whole, that term alone), and whether the
 * skeleton is matched as a prefix (`sp`). D1 binds at most 100 parameters a statement, and a listing
 * tests the words in several guards and probes of one statement: a parameter per word and end in
 * each was over 100 for two words in a district.
 */
function wordsParameter(clauses: MatchClause[]): unknown {
  const slotted = (clauses as SlottedClauses)[WORDS_SLOT];
  if (slotted !== undefined) return slotted;
  // Slotted words copied into a new list lose their slot: fail, never bind placeholders as words.
  if (clauses.some((c) => is(c.body, Placeholder))) throw new Error('slotted words without their slot');
  return JSON.stringify(
    clauses.map((c) => ({
      b: c.body,
      be: prefixEnd(c.body),
      s: c.skeleton,
      se: c.skeleton === null ? null : c.skeletonPrefix ? prefixEnd(c.skeleton) : wordEnd(c.skeleton),
      sp: c.skeletonPrefix ? 1 : 0,
    })),
  );
}

/**
 * The words of a search as a shaped statement (db/shaped-query.ts) takes them: their JSON
 * (`wordsParameter`) in one slot, bound with `values`, so the statement's text is the same for any
 * words. (Each word is a slot of its own too, never bound: a statement that read a word itself
 * would fail, not keep the first request's word.)
 */
export function slottedClauses(clauses: MatchClause[]): {
  key: string;
  clauses: MatchClause[];
  values: Record<string, unknown>;
} {
  const slotted: SlottedClauses = clauses.map((c, i): MatchClause => ({
    ...c,
    body: slot(`word ${i}`),
    skeleton: c.skeleton === null ? null : slot(`skeleton ${i}`),
  }));
  slotted[WORDS_SLOT] = slot('words');
  return { key: 'words', clauses: slotted, values: { words: wordsParameter(clauses) } };
}

/**
 * How many search rows hold a term from `from` up to `to` (each row counted once per term, so a row
 * with two such terms counts twice: an upper bound); -1 when the range has more than MAX_TERMS terms.
 */
function rowsHolding(from: SQL, to: SQL): SQL {
  const v = serviceSearchVocab;
  return sql`(SELECT CASE WHEN count(*) > ${sql.raw(String(MAX_TERMS))} THEN -1 ELSE coalesce(sum(doc), 0) END
    FROM (SELECT ${v.doc} AS doc FROM ${v} WHERE ${v.term} >= ${from} AND ${v.term} < ${to}
      LIMIT ${sql.raw(String(MAX_TERMS + 1))}))`;
}

/** What the bound is when the vocabulary cannot say cheaply: more than any directory holds. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/**
 * At most how many services a search matches, in SQL: every word must match, so no more than the
 * rarest word does; a word matches through a body term starting with it or a skeleton term equal to
 * (or starting with) its skeleton. UNBOUNDED when a word starts more terms than MAX_TERMS. One bound
 * parameter, whatever the number of words.
 */
export function matchBound(clauses: MatchClause[]): SQL {
  const word = (key: string) => sql.raw(`search_word.value ->> '${key}'`);
  return sql`(SELECT min(CASE WHEN b < 0 OR s < 0 THEN ${sql.raw(String(UNBOUNDED))} ELSE b + s END)
    FROM (SELECT ${rowsHolding(word('b'), word('be'))} AS b,
        CASE WHEN ${word('s')} IS NULL THEN 0 ELSE ${rowsHolding(word('s'), word('se'))} END AS s
      FROM json_each(${wordsParameter(clauses)}) search_word))`;
}

/**
 * Constant conditions, tested once before any row is read: a query that does not apply reads
 * nothing. `size`: how many services the area's listing holds (`rangesCount`); the words' bound is
 * an upper bound, so the index's order is taken only when even every possible match is no more
 * than the area holds.
 */
export const whenRare = (clauses: MatchClause[], most = RARE_MATCHES): SQL => sql`(${matchBound(clauses)}) <= ${most}`;
export const whenCommon = (clauses: MatchClause[], most = RARE_MATCHES): SQL => sql`(${matchBound(clauses)}) > ${most}`;
export const whenIndexOrder = (clauses: MatchClause[], size: SQL): SQL =>
  sql`(${matchBound(clauses)}) BETWEEN ${RARE_MATCHES + 1} AND ${size}`;
export const whenListingOrder = (clauses: MatchClause[], size: SQL): SQL =>
  sql`(${matchBound(clauses)}) > max(${RARE_MATCHES}, ${size})`;

/** The bound of a search (and the size of its area), as a query of its own, to batch with the ways of reading it. */
export function boundOf(db: Database, clauses: MatchClause[], size: SQL = sql`NULL`) {
  return db
    .select({ bound: sql<number>`${matchBound(clauses)}`.mapWith(Number), size: sql<number | null>`${size}` })
    .from(sql`(SELECT 1) one`);
}

/**
 * The way a search is read: its few matches (at most `most`), or the index's order unless its area
 * holds fewer services (in relevance order alone: `size` is given only then).
 */
export function modeOf(bound: number | undefined, size?: number | null, most = RARE_MATCHES): TextMode {
  if (bound === undefined) return 'walk';
  if (bound <= most) return 'matches';
  return size === undefined || size === null || bound <= size ? 'index' : 'walk';
}

const w = alias(serviceSearchWords, 'w');

/**
 * Whether the search words of the service `id` hold every word of a search, as the full-text
 * match does (api/domain/text-normalise.ts `ftsMatchExpression`): a word of the row starts with the
 * query word, or its skeleton equals (or starts with) the query word's. One primary-key read of
 * service_search_words: the search row of one service, which FTS5 cannot find by service id. The
 * words are one bound parameter (`wordsParameter`): no word of them fails to match.
 */
export function matchesWords(id: SQL, clauses: MatchClause[]): SQL {
  const word = (key: string) => sql.raw(`(search_word.value ->> '${key}')`);
  const skeleton = sql`CASE WHEN ${word('sp')}
    THEN instr(' ' || ${w.skeletons}, ' ' || ${word('s')})
    ELSE instr(' ' || ${w.skeletons} || ' ', ' ' || ${word('s')} || ' ') END`;
  const matches = sql`instr(' ' || ${w.body}, ' ' || ${word('b')}) > 0
    OR (${word('s')} IS NOT NULL AND ${skeleton} > 0)`;
  return sql`EXISTS (SELECT 1 FROM ${serviceSearchWords} ${w} WHERE ${w.serviceId} = ${id}
    AND NOT EXISTS (SELECT 1 FROM json_each(${wordsParameter(clauses)}) search_word
      WHERE NOT coalesce(${matches}, 0)))`;
}
