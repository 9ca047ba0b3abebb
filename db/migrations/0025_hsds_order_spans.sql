CREATE TABLE `service_order_spans` (
	`id` integer PRIMARY KEY NOT NULL,
	`sort_name` text NOT NULL,
	`service_id` text NOT NULL,
	`start` integer NOT NULL,
	`services` integer NOT NULL,
	`blocks` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_order_spans_key_idx` ON `service_order_spans` (`sort_name`,`service_id`);--> statement-breakpoint
CREATE INDEX `service_order_spans_start_idx` ON `service_order_spans` (`start`);--> statement-breakpoint
ALTER TABLE `service_order_blocks` ADD `span` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `service_order_blocks` ADD `start` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `service_order_blocks_span_start_idx` ON `service_order_blocks` (`span`,`start`);--> statement-breakpoint
-- The blocks of the HSDS order are now 32 to 64 published services (api/queries/hsds-order.ts
-- ORDER_BLOCK_SIZE), in spans of 32 to 64 blocks (ORDER_SPAN_BLOCKS): a block's `start` counts the
-- services of its span before it, a span's `start` the services of the whole order before it. A
-- numbered page seeks its span and its block by those starts and skips at most a block of the name
-- index. drizzle-kit does not model triggers; the triggers below replace those of migration 0020
-- and are the one piece of code that keeps both levels, whoever writes services.
DROP TRIGGER IF EXISTS `services_insert_counts_order_block`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `services_delete_counts_order_block`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `services_update_counts_order_block`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `service_order_blocks_split`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `service_order_blocks_drop_empty`;--> statement-breakpoint
DELETE FROM `service_order_blocks`;--> statement-breakpoint
-- One block every 32 published services, one span every 32 blocks (1,024 services); the first block
-- and the first span start before every key.
INSERT INTO `service_order_blocks` (`sort_name`, `service_id`, `services`, `span`, `start`)
SELECT CASE WHEN `rn` = 0 THEN '' ELSE `sort_name` END, CASE WHEN `rn` = 0 THEN '' ELSE `id` END,
  min(32, `total` - `rn`), `rn` / 1024 + 1, `rn` % 1024
FROM (SELECT `sort_name`, `id`, row_number() OVER (ORDER BY `sort_name`, `id`) - 1 AS `rn`, count(*) OVER () AS `total`
      FROM `services` WHERE `status` = 'published')
WHERE `rn` % 32 = 0;--> statement-breakpoint
INSERT OR IGNORE INTO `service_order_blocks` (`sort_name`, `service_id`, `services`, `span`, `start`) VALUES ('', '', 0, 1, 0);--> statement-breakpoint
INSERT INTO `service_order_spans` (`id`, `sort_name`, `service_id`, `start`, `services`, `blocks`)
SELECT `b`.`span`, `b`.`sort_name`, `b`.`service_id`, (`b`.`span` - 1) * 1024,
  (SELECT sum(`x`.`services`) FROM `service_order_blocks` `x` WHERE `x`.`span` = `b`.`span`),
  (SELECT count(*) FROM `service_order_blocks` `x` WHERE `x`.`span` = `b`.`span`)
FROM `service_order_blocks` `b` WHERE `b`.`start` = 0;--> statement-breakpoint
-- A published service counts in the block whose key is the last one at or before its own. Adding
-- one moves the starts of the later blocks of that block's span and of the later spans first, then
-- counts it in its block and span (which may split that block, and then its span, at the starts
-- already moved on).
CREATE TRIGGER `services_insert_counts_order_block` AFTER INSERT ON `services` WHEN NEW.`status` = 'published'
BEGIN
  UPDATE `service_order_blocks` SET `start` = `start` + 1
  WHERE `span` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1)
    AND (`sort_name`, `service_id`) > (NEW.`sort_name`, NEW.`id`);
  UPDATE `service_order_spans` SET `start` = `start` + 1
  WHERE (`sort_name`, `service_id`) > (SELECT `p`.`sort_name`, `p`.`service_id` FROM `service_order_spans` `p`
    WHERE `p`.`id` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1));
  UPDATE `service_order_spans` SET `services` = `services` + 1
  WHERE `id` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
  UPDATE `service_order_blocks` SET `services` = `services` + 1
  WHERE (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_order_blocks`
    WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
END;--> statement-breakpoint
CREATE TRIGGER `services_delete_counts_order_block` AFTER DELETE ON `services` WHEN OLD.`status` = 'published'
BEGIN
  UPDATE `service_order_blocks` SET `start` = `start` - 1
  WHERE `span` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1)
    AND (`sort_name`, `service_id`) > (OLD.`sort_name`, OLD.`id`);
  UPDATE `service_order_spans` SET `start` = `start` - 1
  WHERE (`sort_name`, `service_id`) > (SELECT `p`.`sort_name`, `p`.`service_id` FROM `service_order_spans` `p`
    WHERE `p`.`id` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1));
  UPDATE `service_order_spans` SET `services` = `services` - 1
  WHERE `id` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
  UPDATE `service_order_blocks` SET `services` = `services` - 1
  WHERE (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_order_blocks`
    WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
END;--> statement-breakpoint
-- A rename or a change of status takes the service out at its old key, then counts it at its new
-- one; an update that changes neither writes nothing here.
CREATE TRIGGER `services_update_counts_order_block` AFTER UPDATE OF `status`, `sort_name` ON `services`
  WHEN (OLD.`status` = 'published' OR NEW.`status` = 'published')
    AND (OLD.`status` IS NOT NEW.`status` OR OLD.`sort_name` IS NOT NEW.`sort_name`)
BEGIN
  UPDATE `service_order_blocks` SET `start` = `start` - 1
  WHERE OLD.`status` = 'published'
    AND `span` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1)
    AND (`sort_name`, `service_id`) > (OLD.`sort_name`, OLD.`id`);
  UPDATE `service_order_spans` SET `start` = `start` - 1
  WHERE OLD.`status` = 'published'
    AND (`sort_name`, `service_id`) > (SELECT `p`.`sort_name`, `p`.`service_id` FROM `service_order_spans` `p`
    WHERE `p`.`id` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1));
  UPDATE `service_order_spans` SET `services` = `services` - 1
  WHERE OLD.`status` = 'published'
    AND `id` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
  UPDATE `service_order_blocks` SET `services` = `services` - 1
  WHERE OLD.`status` = 'published' AND (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_order_blocks`
    WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
  UPDATE `service_order_blocks` SET `start` = `start` + 1
  WHERE NEW.`status` = 'published'
    AND `span` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1)
    AND (`sort_name`, `service_id`) > (NEW.`sort_name`, NEW.`id`);
  UPDATE `service_order_spans` SET `start` = `start` + 1
  WHERE NEW.`status` = 'published'
    AND (`sort_name`, `service_id`) > (SELECT `p`.`sort_name`, `p`.`service_id` FROM `service_order_spans` `p`
    WHERE `p`.`id` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1));
  UPDATE `service_order_spans` SET `services` = `services` + 1
  WHERE NEW.`status` = 'published'
    AND `id` = (SELECT `span` FROM `service_order_blocks` WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`)
      ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
  UPDATE `service_order_blocks` SET `services` = `services` + 1
  WHERE NEW.`status` = 'published' AND (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_order_blocks`
    WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
END;--> statement-breakpoint
-- A block past 64 services splits: its services from the 33rd on start a block of their own in the
-- same span (reading the 32 it skips once per 32 additions), and the span counts one block more.
CREATE TRIGGER `service_order_blocks_split` AFTER UPDATE OF `services` ON `service_order_blocks` WHEN NEW.`services` > 64
BEGIN
  INSERT INTO `service_order_blocks` (`sort_name`, `service_id`, `services`, `span`, `start`)
    SELECT `sort_name`, `id`, NEW.`services` - 32, NEW.`span`, NEW.`start` + 32 FROM `services`
    WHERE `status` = 'published' AND (`sort_name`, `id`) >= (NEW.`sort_name`, NEW.`service_id`)
    ORDER BY `sort_name`, `id` LIMIT 1 OFFSET 32;
  UPDATE `service_order_blocks` SET `services` = 32
  WHERE `sort_name` = NEW.`sort_name` AND `service_id` = NEW.`service_id`;
  UPDATE `service_order_spans` SET `blocks` = `blocks` + 1 WHERE `id` = NEW.`span`;
END;--> statement-breakpoint
-- An emptied block is dropped (the block before it takes its range); the first block always stays.
CREATE TRIGGER `service_order_blocks_drop_empty` AFTER UPDATE OF `services` ON `service_order_blocks`
  WHEN NEW.`services` <= 0 AND NOT (NEW.`sort_name` = '' AND NEW.`service_id` = '')
BEGIN
  DELETE FROM `service_order_blocks` WHERE `sort_name` = NEW.`sort_name` AND `service_id` = NEW.`service_id`;
  UPDATE `service_order_spans` SET `blocks` = `blocks` - 1 WHERE `id` = NEW.`span`;
END;--> statement-breakpoint
-- A span past 64 blocks splits: its blocks from the 33rd on make a span of their own, which starts
-- where the first of them does; their starts are counted again from it (64 rows, once per 32 splits).
CREATE TRIGGER `service_order_spans_split` AFTER UPDATE OF `blocks` ON `service_order_spans` WHEN NEW.`blocks` > 64
BEGIN
  INSERT INTO `service_order_spans` (`sort_name`, `service_id`, `start`, `services`, `blocks`)
    SELECT `sort_name`, `service_id`, NEW.`start` + `start`, NEW.`services` - `start`, NEW.`blocks` - 32
    FROM `service_order_blocks` WHERE `span` = NEW.`id`
    ORDER BY `sort_name`, `service_id` LIMIT 1 OFFSET 32;
  UPDATE `service_order_blocks` SET
    `span` = (SELECT max(`id`) FROM `service_order_spans`),
    `start` = `start` - ((SELECT `start` FROM `service_order_spans` WHERE `id` = (SELECT max(`id`) FROM `service_order_spans`)) - NEW.`start`)
  WHERE `span` = NEW.`id` AND (`sort_name`, `service_id`) >= (SELECT `sort_name`, `service_id` FROM `service_order_spans`
    WHERE `id` = (SELECT max(`id`) FROM `service_order_spans`));
  UPDATE `service_order_spans` SET `blocks` = 32,
    `services` = NEW.`services` - (SELECT `services` FROM `service_order_spans` WHERE `id` = (SELECT max(`id`) FROM `service_order_spans`))
  WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
-- A span left without blocks is dropped; the first span holds the first block, so it always stays.
CREATE TRIGGER `service_order_spans_drop_empty` AFTER UPDATE OF `blocks` ON `service_order_spans`
  WHEN NEW.`blocks` <= 0 AND NOT (NEW.`sort_name` = '' AND NEW.`service_id` = '')
BEGIN
  DELETE FROM `service_order_spans` WHERE `id` = NEW.`id`;
END;
