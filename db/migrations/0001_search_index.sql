-- Full-text search (FTS5) over normalised text; drizzle-kit does not model virtual tables.
-- `body` holds Arabic-normalised, lower-cased words in every language of the record;
-- `skeletons` holds transliteration-tolerant keys of the same words (Duhok / Dohuk / Dahuk), see
-- api/domain/text-normalise.ts. Both are written by the application, never by triggers, because the
-- normalisation is code, not SQL.
CREATE VIRTUAL TABLE `area_search` USING fts5(`pcode` UNINDEXED, `body`, `skeletons`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `service_search` USING fts5(`service_id` UNINDEXED, `body`, `skeletons`, tokenize = 'unicode61 remove_diacritics 2');
