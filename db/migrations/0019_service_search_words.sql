CREATE TABLE `service_search_words` (
	`service_id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`skeletons` text NOT NULL
);
--> statement-breakpoint
-- A directory migrated from before this table: every search row's words, by service.
-- drizzle-kit does not write data.
INSERT INTO `service_search_words` (`service_id`, `body`, `skeletons`) SELECT `service_id`, `body`, `skeletons` FROM `service_search`;
--> statement-breakpoint
-- How many search rows hold each term (in either column): the text search reads a word's few terms
-- here to know whether it is rare (read its matches) or common (walk the listing order instead).
-- drizzle-kit does not model virtual tables. https://www.sqlite.org/fts5.html#the_fts5vocab_virtual_table_module
CREATE VIRTUAL TABLE `service_search_vocab` USING fts5vocab(`service_search`, `row`);
