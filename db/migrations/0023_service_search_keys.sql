CREATE TABLE `service_search_keys` (
	`key` integer PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_search_keys_service_id_unique` ON `service_search_keys` (`service_id`);--> statement-breakpoint
-- The rowids the search rows have now are their keys: every listing keeps its place in the order.
-- drizzle-kit does not write data.
INSERT INTO `service_search_keys` (`key`, `service_id`) SELECT `rowid`, `service_id` FROM `service_search`;
--> statement-breakpoint
-- service_search follows service_search_words, its row found by its key (one seek; FTS5 finds a row
-- by service id only by reading them all). A listing's first words give it the next key after the
-- last; words written again (an edit deletes and inserts them) reuse its key, so its full-text row
-- keeps its rowid, also when it was unpublished in between. The key is given by a guarded insert,
-- not INSERT OR IGNORE, which an outer INSERT OR REPLACE would turn into a replace with a new key.
CREATE TRIGGER `service_search_words_insert` AFTER INSERT ON `service_search_words` BEGIN
  INSERT INTO `service_search_keys` (`service_id`) SELECT new.`service_id`
    WHERE NOT EXISTS (SELECT 1 FROM `service_search_keys` WHERE `service_id` = new.`service_id`);
  INSERT INTO `service_search` (`rowid`, `service_id`, `body`, `skeletons`)
    SELECT `key`, new.`service_id`, new.`body`, new.`skeletons` FROM `service_search_keys`
    WHERE `service_id` = new.`service_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `service_search_words_update` AFTER UPDATE ON `service_search_words` BEGIN
  DELETE FROM `service_search`
    WHERE `rowid` = (SELECT `key` FROM `service_search_keys` WHERE `service_id` = old.`service_id`);
  INSERT INTO `service_search_keys` (`service_id`) SELECT new.`service_id`
    WHERE NOT EXISTS (SELECT 1 FROM `service_search_keys` WHERE `service_id` = new.`service_id`);
  INSERT INTO `service_search` (`rowid`, `service_id`, `body`, `skeletons`)
    SELECT `key`, new.`service_id`, new.`body`, new.`skeletons` FROM `service_search_keys`
    WHERE `service_id` = new.`service_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `service_search_words_delete` AFTER DELETE ON `service_search_words` BEGIN
  DELETE FROM `service_search`
    WHERE `rowid` = (SELECT `key` FROM `service_search_keys` WHERE `service_id` = old.`service_id`);
END;
--> statement-breakpoint
-- A key outlives its listing's search row, not the listing. A deleted listing takes its full-text
-- row and its words with it, whatever order they are deleted in: a row left behind would be counted
-- by a search's total, and its rowid could be the key the next new listing is given.
CREATE TRIGGER `service_search_keys_of_deleted_service` AFTER DELETE ON `services` BEGIN
  DELETE FROM `service_search`
    WHERE `rowid` = (SELECT `key` FROM `service_search_keys` WHERE `service_id` = old.`id`);
  DELETE FROM `service_search_words` WHERE `service_id` = old.`id`;
  DELETE FROM `service_search_keys` WHERE `service_id` = old.`id`;
END;
