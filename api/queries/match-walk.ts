/**
 * A common word read in the full-text index's own order (its rowid) rather than the listing order:
 * every row read holds the words, so a first page is full however many hotlines and official
 * channels, which never hold the word, rank above the matches in the listing order (a word follows
 * a service type, so the name order fails the same way). Over the whole directory (or a country)
 * always; in an area when the words are held by no more services than the area holds
 * (./text-search.ts), each match checked against the area by its own coverage rows. The page is
 * then shown in relevance order (api/queries/service-listing.ts).
 *
 * Of the next `stretch` matches after a position, those that pass the other filters (one probe of
 * the service row each, and of its coverage rows in an area), at most `limit`; when fewer are
 * found, one more row (`visited` set) says how many matches were read and the last position: the
 * walk stopped there, or the matches ended.
 * With only the words to filter, every match is kept and the LIMIT stops after the page and one.
 * FTS5 answers `rowid > ?` and ORDER BY rowid from the index itself (https://www.sqlite.org/fts5.html).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { services } from '../../db/schema.ts';
import { serviceSearch } from '../../db/search-schema.ts';
import type { Country } from '../domain/vocabulary.ts';
import { relevantIn } from './area-paths.ts';
import { conditions, upTo } from './area-walk.ts';
import { s, type CandidateFilters } from './service-candidates.ts';
import { d } from './service-documents.ts';

/** How many matches one request reads at most when filters other than the words drop some. */
export const matchStretch = (limit: number) => Math.max(120, 2 * (limit + 1));

function matchWalkOf(f: CandidateFilters, after: number, stretch: number, limit: number, when?: SQL): SQL {
  const inner = sql`SELECT rowid AS pos, ${serviceSearch.serviceId} AS service_id, bm25(${serviceSearch}) AS score
    FROM ${serviceSearch} WHERE ${serviceSearch} MATCH ${f.textMatch!} AND rowid > ${after}
    ORDER BY rowid LIMIT ${upTo(stretch, when)}`;
  return sql`SELECT walk.pos AS pos, ${s.id} AS id, ${s.sortName} AS sortName, ${s.country} AS country,
      ${s.verificationStatus} AS verificationStatus, ${s.lastVerifiedAt} AS lastVerifiedAt,
      ${s.nextVerificationDue} AS nextVerificationDue, walk.score AS textScore, NULL AS visited
    FROM (${inner}) walk CROSS JOIN ${services} ${s} ON ${s.id} = walk.service_id
    WHERE ${sql.join(f.area ? [...conditions(f), relevantIn(s.id, f.area)] : conditions(f), sql` AND `)}
    UNION ALL
    SELECT max(walk.pos), NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*) FROM (${inner}) walk
    LIMIT ${limit}`;
}

/**
 * The walk with each kept match's stored public document (one row by primary key), so the page's
 * details need no query of their own. `when`: a condition that leaves it unread when false.
 */
export function matchWalk(
  db: Database,
  f: CandidateFilters,
  after: number,
  stretch: number,
  limit: number,
  when?: SQL,
) {
  return db
    .select({
      pos: sql<number>`pos`.mapWith(Number),
      id: sql<string>`id`,
      sortName: sql<string>`sortName`,
      country: sql<Country>`country`,
      verificationStatus: sql<string>`verificationStatus`,
      lastVerifiedAt: sql<string | null>`lastVerifiedAt`,
      nextVerificationDue: sql<string | null>`nextVerificationDue`,
      textScore: sql<number | null>`textScore`,
      visited: sql<number | null>`visited`,
      body: d.body,
      builtAt: d.builtAt,
    })
    .from(sql`(${matchWalkOf(f, after, stretch, limit, when)}) walk`)
    .leftJoin(d, sql`${d.serviceId} = walk.id`);
}

export type MatchWalked = Awaited<ReturnType<typeof matchWalk>>[number];
