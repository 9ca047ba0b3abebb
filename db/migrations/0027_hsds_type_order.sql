CREATE TABLE `service_type_members` (
	`type_id` text NOT NULL,
	`sort_name` text NOT NULL,
	`service_id` text NOT NULL,
	PRIMARY KEY(`type_id`, `sort_name`, `service_id`)
);
--> statement-breakpoint
CREATE INDEX `service_type_members_service_idx` ON `service_type_members` (`service_id`,`type_id`);--> statement-breakpoint
CREATE TABLE `service_type_order_blocks` (
	`type_id` text NOT NULL,
	`sort_name` text NOT NULL,
	`service_id` text NOT NULL,
	`services` integer NOT NULL,
	`span` integer NOT NULL,
	`start` integer NOT NULL,
	PRIMARY KEY(`type_id`, `sort_name`, `service_id`)
);
--> statement-breakpoint
CREATE INDEX `service_type_order_blocks_span_start_idx` ON `service_type_order_blocks` (`span`,`start`);--> statement-breakpoint
CREATE TABLE `service_type_order_spans` (
	`id` integer PRIMARY KEY NOT NULL,
	`type_id` text NOT NULL,
	`sort_name` text NOT NULL,
	`service_id` text NOT NULL,
	`start` integer NOT NULL,
	`services` integer NOT NULL,
	`blocks` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_type_order_spans_key_idx` ON `service_type_order_spans` (`type_id`,`sort_name`,`service_id`);--> statement-breakpoint
CREATE INDEX `service_type_order_spans_start_idx` ON `service_type_order_spans` (`type_id`,`start`);--> statement-breakpoint
-- One service type's members in the HSDS order (sort name, id) are cut into blocks and spans as
-- the whole order is (migration 0025, api/queries/hsds-order.ts): blocks of 32 to 64 members, spans
-- of 32 to 64 blocks, a block's `start` counting the members of its span before it, a span's the
-- type's members before it. A numbered page of one type seeks its span and block by those starts and
-- skips at most a block of service_type_members. drizzle-kit does not model triggers. The triggers
-- on services and service_type_assignments only add and remove member rows; the triggers on
-- service_type_members are the one piece of code that keeps the blocks and spans, whoever writes.
--
-- A member counts in the block of its type whose key is the last at or before its own. Adding one
-- creates the type's first span and block (before every key) if it has none, moves the starts of the
-- later blocks of its span and of the type's later spans, then counts it in its block and span
-- (which may split that block, and then the span, at the starts already moved on).
CREATE TRIGGER `service_type_members_insert_counts` AFTER INSERT ON `service_type_members`
BEGIN
  INSERT OR IGNORE INTO `service_type_order_spans` (`type_id`, `sort_name`, `service_id`, `start`, `services`, `blocks`)
    VALUES (NEW.`type_id`, '', '', 0, 0, 1);
  INSERT OR IGNORE INTO `service_type_order_blocks` (`type_id`, `sort_name`, `service_id`, `services`, `span`, `start`)
    SELECT NEW.`type_id`, '', '', 0, `id`, 0 FROM `service_type_order_spans`
    WHERE `type_id` = NEW.`type_id` AND `sort_name` = '' AND `service_id` = '';
  UPDATE `service_type_order_blocks` SET `start` = `start` + 1
  WHERE `span` = (SELECT `span` FROM `service_type_order_blocks` WHERE `type_id` = NEW.`type_id` AND (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`service_id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1)
    AND (`sort_name`, `service_id`) > (NEW.`sort_name`, NEW.`service_id`);
  UPDATE `service_type_order_spans` SET `start` = `start` + 1
  WHERE `type_id` = NEW.`type_id` AND (`sort_name`, `service_id`) > (SELECT `p`.`sort_name`, `p`.`service_id`
    FROM `service_type_order_spans` `p` WHERE `p`.`id` = (SELECT `span` FROM `service_type_order_blocks` WHERE `type_id` = NEW.`type_id` AND (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`service_id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1));
  UPDATE `service_type_order_spans` SET `services` = `services` + 1 WHERE `id` = (SELECT `span` FROM `service_type_order_blocks` WHERE `type_id` = NEW.`type_id` AND (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`service_id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
  UPDATE `service_type_order_blocks` SET `services` = `services` + 1
  WHERE `type_id` = NEW.`type_id` AND (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_type_order_blocks` WHERE `type_id` = NEW.`type_id` AND (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`service_id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
END;--> statement-breakpoint
CREATE TRIGGER `service_type_members_delete_counts` AFTER DELETE ON `service_type_members`
BEGIN
  UPDATE `service_type_order_blocks` SET `start` = `start` - 1
  WHERE `span` = (SELECT `span` FROM `service_type_order_blocks` WHERE `type_id` = OLD.`type_id` AND (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`service_id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1)
    AND (`sort_name`, `service_id`) > (OLD.`sort_name`, OLD.`service_id`);
  UPDATE `service_type_order_spans` SET `start` = `start` - 1
  WHERE `type_id` = OLD.`type_id` AND (`sort_name`, `service_id`) > (SELECT `p`.`sort_name`, `p`.`service_id`
    FROM `service_type_order_spans` `p` WHERE `p`.`id` = (SELECT `span` FROM `service_type_order_blocks` WHERE `type_id` = OLD.`type_id` AND (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`service_id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1));
  UPDATE `service_type_order_spans` SET `services` = `services` - 1 WHERE `id` = (SELECT `span` FROM `service_type_order_blocks` WHERE `type_id` = OLD.`type_id` AND (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`service_id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
  UPDATE `service_type_order_blocks` SET `services` = `services` - 1
  WHERE `type_id` = OLD.`type_id` AND (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_type_order_blocks` WHERE `type_id` = OLD.`type_id` AND (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`service_id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
END;--> statement-breakpoint
-- A block past 64 members splits: its members from the 33rd on start a block of their own in the
-- same span (reading the 32 it skips once per 32 additions), and the span counts one block more.
CREATE TRIGGER `service_type_order_blocks_split` AFTER UPDATE OF `services` ON `service_type_order_blocks` WHEN NEW.`services` > 64
BEGIN
  INSERT INTO `service_type_order_blocks` (`type_id`, `sort_name`, `service_id`, `services`, `span`, `start`)
    SELECT `type_id`, `sort_name`, `service_id`, NEW.`services` - 32, NEW.`span`, NEW.`start` + 32 FROM `service_type_members`
    WHERE `type_id` = NEW.`type_id` AND (`sort_name`, `service_id`) >= (NEW.`sort_name`, NEW.`service_id`)
    ORDER BY `sort_name`, `service_id` LIMIT 1 OFFSET 32;
  UPDATE `service_type_order_blocks` SET `services` = 32
  WHERE `type_id` = NEW.`type_id` AND `sort_name` = NEW.`sort_name` AND `service_id` = NEW.`service_id`;
  UPDATE `service_type_order_spans` SET `blocks` = `blocks` + 1 WHERE `id` = NEW.`span`;
END;--> statement-breakpoint
-- An emptied block is dropped (the block before it takes its range); a type's first block stays.
CREATE TRIGGER `service_type_order_blocks_drop_empty` AFTER UPDATE OF `services` ON `service_type_order_blocks`
  WHEN NEW.`services` <= 0 AND NOT (NEW.`sort_name` = '' AND NEW.`service_id` = '')
BEGIN
  DELETE FROM `service_type_order_blocks`
  WHERE `type_id` = NEW.`type_id` AND `sort_name` = NEW.`sort_name` AND `service_id` = NEW.`service_id`;
  UPDATE `service_type_order_spans` SET `blocks` = `blocks` - 1 WHERE `id` = NEW.`span`;
END;--> statement-breakpoint
-- A span past 64 blocks splits: its blocks from the 33rd on make a span of their own, which starts
-- where the first of them does; their starts are counted again from it (64 rows, once per 32 splits).
CREATE TRIGGER `service_type_order_spans_split` AFTER UPDATE OF `blocks` ON `service_type_order_spans` WHEN NEW.`blocks` > 64
BEGIN
  INSERT INTO `service_type_order_spans` (`type_id`, `sort_name`, `service_id`, `start`, `services`, `blocks`)
    SELECT `type_id`, `sort_name`, `service_id`, NEW.`start` + `start`, NEW.`services` - `start`, NEW.`blocks` - 32
    FROM `service_type_order_blocks` WHERE `span` = NEW.`id`
    ORDER BY `sort_name`, `service_id` LIMIT 1 OFFSET 32;
  UPDATE `service_type_order_blocks` SET
    `span` = (SELECT max(`id`) FROM `service_type_order_spans`),
    `start` = `start` - ((SELECT `start` FROM `service_type_order_spans` WHERE `id` = (SELECT max(`id`) FROM `service_type_order_spans`)) - NEW.`start`)
  WHERE `span` = NEW.`id` AND (`sort_name`, `service_id`) >= (SELECT `sort_name`, `service_id` FROM `service_type_order_spans`
    WHERE `id` = (SELECT max(`id`) FROM `service_type_order_spans`));
  UPDATE `service_type_order_spans` SET `blocks` = 32,
    `services` = NEW.`services` - (SELECT `services` FROM `service_type_order_spans` WHERE `id` = (SELECT max(`id`) FROM `service_type_order_spans`))
  WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
-- A span left without blocks is dropped; a type's first span holds its first block, so it stays.
CREATE TRIGGER `service_type_order_spans_drop_empty` AFTER UPDATE OF `blocks` ON `service_type_order_spans`
  WHEN NEW.`blocks` <= 0 AND NOT (NEW.`sort_name` = '' AND NEW.`service_id` = '')
BEGIN
  DELETE FROM `service_type_order_spans` WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
-- Membership: a published service under each of its types. A publish, unpublish or rename takes the
-- service out of its types at its old key and puts it back at its new one; other updates write nothing.
CREATE TRIGGER `services_insert_type_members` AFTER INSERT ON `services` WHEN NEW.`status` = 'published'
BEGIN
  INSERT INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
    SELECT `service_type_id`, NEW.`sort_name`, NEW.`id` FROM `service_type_assignments` WHERE `service_id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `services_delete_type_members` AFTER DELETE ON `services` WHEN OLD.`status` = 'published'
BEGIN
  DELETE FROM `service_type_members` WHERE `service_id` = OLD.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `services_update_type_members` AFTER UPDATE OF `status`, `sort_name` ON `services`
  WHEN (OLD.`status` = 'published' OR NEW.`status` = 'published')
    AND (OLD.`status` IS NOT NEW.`status` OR OLD.`sort_name` IS NOT NEW.`sort_name`)
BEGIN
  DELETE FROM `service_type_members` WHERE `service_id` = OLD.`id`;
  INSERT INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
    SELECT `service_type_id`, NEW.`sort_name`, NEW.`id` FROM `service_type_assignments`
    WHERE NEW.`status` = 'published' AND `service_id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_insert_members` AFTER INSERT ON `service_type_assignments`
BEGIN
  INSERT OR IGNORE INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
    SELECT NEW.`service_type_id`, `sort_name`, `id` FROM `services` WHERE `id` = NEW.`service_id` AND `status` = 'published';
END;--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_delete_members` AFTER DELETE ON `service_type_assignments`
BEGIN
  DELETE FROM `service_type_members` WHERE `service_id` = OLD.`service_id` AND `type_id` = OLD.`service_type_id`;
END;--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_update_members` AFTER UPDATE ON `service_type_assignments`
BEGIN
  DELETE FROM `service_type_members` WHERE `service_id` = OLD.`service_id` AND `type_id` = OLD.`service_type_id`;
  INSERT OR IGNORE INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
    SELECT NEW.`service_type_id`, `sort_name`, `id` FROM `services` WHERE `id` = NEW.`service_id` AND `status` = 'published';
END;--> statement-breakpoint
-- The existing directory goes through the same triggers, each type in its own order (every member
-- lands at the end of its type's last block).
INSERT INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
SELECT `a`.`service_type_id`, `s`.`sort_name`, `s`.`id` FROM `service_type_assignments` `a`
  JOIN `services` `s` ON `s`.`id` = `a`.`service_id` AND `s`.`status` = 'published'
ORDER BY `a`.`service_type_id`, `s`.`sort_name`, `s`.`id`;
