-- The terms of service_search with how many rows hold each in each column (an fts5vocab `col`
-- table; service_search_vocab, migration 0019, adds the columns up). A search's exact total is read
-- from these counts when they decide it (api/queries/search-total.ts): a row holding a term in
-- `body` and the same term in `skeletons` is one row of each column's count, never two of one.
-- drizzle-kit does not model virtual tables (db/search-schema.ts).
CREATE VIRTUAL TABLE `service_search_columns` USING fts5vocab(`service_search`, `col`);
