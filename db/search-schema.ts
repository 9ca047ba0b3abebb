/**
 * The full-text search tables (FTS5 virtual tables, created by migration 0001_search_index.sql).
 * drizzle-kit does not model virtual tables, so they are declared here, outside the files it
 * generates migrations from (drizzle.config.ts), and only so that queries name their columns from
 * the schema. Each table also has a hidden column named like the table itself: `${serviceSearch}
 * MATCH ?` and `bm25(${serviceSearch})` use it (https://www.sqlite.org/fts5.html).
 */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per published service: its search document (api/domain/listing-index.ts). Its rowid is
 * the order a common word is paged in (api/queries/match-walk.ts): a listing keeps its row, updated
 * in place, for as long as it is published (api/admin/edit/listing-index.ts). `service_id` is
 * declared the key so an import stages a listing's row by it (FTS5 itself neither enforces it nor
 * finds a row by it without reading them all).
 */
export const serviceSearch = sqliteTable('service_search', {
  serviceId: text('service_id').primaryKey(),
  body: text('body').notNull(),
  skeletons: text('skeletons').notNull(),
});

/** One row per area: its names in every language and script and its aliases. */
export const areaSearch = sqliteTable('area_search', {
  pcode: text('pcode').notNull(),
  body: text('body').notNull(),
  skeletons: text('skeletons').notNull(),
});

/**
 * The terms of service_search with how many of its rows hold each (an fts5vocab `row` table,
 * migration 0018): a word's few terms say how many services it can match at most.
 */
export const serviceSearchVocab = sqliteTable('service_search_vocab', {
  term: text('term').notNull(),
  doc: integer('doc').notNull(),
});

/**
 * The terms of service_search with how many of its rows hold each in each column (an fts5vocab
 * `col` table, migration 0026): `col` is `body` or `skeletons` (service_id is not indexed).
 */
export const serviceSearchColumns = sqliteTable('service_search_columns', {
  term: text('term').notNull(),
  col: text('col').notNull(),
  doc: integer('doc').notNull(),
});
