CREATE TABLE `service_order_blocks` (
	`sort_name` text NOT NULL,
	`service_id` text NOT NULL,
	`services` integer NOT NULL,
	PRIMARY KEY(`sort_name`, `service_id`)
);
--> statement-breakpoint
CREATE TABLE `site_cell_counts` (
	`level` integer NOT NULL,
	`cell` integer NOT NULL,
	`services` integer NOT NULL,
	`sites` integer NOT NULL,
	`lat_sum` real NOT NULL,
	`lon_sum` real NOT NULL,
	PRIMARY KEY(`level`, `cell`)
);
--> statement-breakpoint
-- The blocks of the HSDS order as the directory stands: one every 200 published services, the first
-- starting before every key. drizzle-kit does not model triggers; the block size (200, split past
-- 400) is api/queries/hsds.ts ORDER_BLOCK_SIZE.
INSERT INTO `service_order_blocks` (`sort_name`, `service_id`, `services`)
SELECT CASE WHEN `rn` = 1 THEN '' ELSE `sort_name` END, CASE WHEN `rn` = 1 THEN '' ELSE `id` END, min(200, `total` - `rn` + 1)
FROM (SELECT `sort_name`, `id`, row_number() OVER (ORDER BY `sort_name`, `id`) AS `rn`, count(*) OVER () AS `total`
      FROM `services` WHERE `status` = 'published')
WHERE `rn` % 200 = 1;
--> statement-breakpoint
INSERT OR IGNORE INTO `service_order_blocks` (`sort_name`, `service_id`, `services`) VALUES ('', '', 0);
--> statement-breakpoint
-- A published service counts in the block whose key is the last one at or before its own.
CREATE TRIGGER `services_insert_counts_order_block` AFTER INSERT ON `services` WHEN NEW.`status` = 'published'
BEGIN
  UPDATE `service_order_blocks` SET `services` = `services` + 1
  WHERE (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_order_blocks`
    WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
END;
--> statement-breakpoint
CREATE TRIGGER `services_delete_counts_order_block` AFTER DELETE ON `services` WHEN OLD.`status` = 'published'
BEGIN
  UPDATE `service_order_blocks` SET `services` = `services` - 1
  WHERE (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_order_blocks`
    WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
END;
--> statement-breakpoint
CREATE TRIGGER `services_update_counts_order_block` AFTER UPDATE OF `status`, `sort_name` ON `services`
  WHEN OLD.`status` = 'published' OR NEW.`status` = 'published'
BEGIN
  UPDATE `service_order_blocks` SET `services` = `services` - 1
  WHERE OLD.`status` = 'published' AND (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_order_blocks`
    WHERE (`sort_name`, `service_id`) <= (OLD.`sort_name`, OLD.`id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
  UPDATE `service_order_blocks` SET `services` = `services` + 1
  WHERE NEW.`status` = 'published' AND (`sort_name`, `service_id`) = (SELECT `sort_name`, `service_id` FROM `service_order_blocks`
    WHERE (`sort_name`, `service_id`) <= (NEW.`sort_name`, NEW.`id`) ORDER BY `sort_name` DESC, `service_id` DESC LIMIT 1);
END;
--> statement-breakpoint
-- A block past 400 services splits: its last services from the 201st on start a block of their own
-- (reading the 200 it skips once per 200 additions).
CREATE TRIGGER `service_order_blocks_split` AFTER UPDATE OF `services` ON `service_order_blocks` WHEN NEW.`services` > 400
BEGIN
  INSERT INTO `service_order_blocks` (`sort_name`, `service_id`, `services`)
    SELECT `sort_name`, `id`, NEW.`services` - 200 FROM `services`
    WHERE `status` = 'published' AND (`sort_name`, `id`) >= (NEW.`sort_name`, NEW.`service_id`)
    ORDER BY `sort_name`, `id` LIMIT 1 OFFSET 200;
  UPDATE `service_order_blocks` SET `services` = 200
  WHERE `sort_name` = NEW.`sort_name` AND `service_id` = NEW.`service_id`;
END;
--> statement-breakpoint
-- An emptied block is dropped (the block before it takes its range); the first block always stays.
CREATE TRIGGER `service_order_blocks_drop_empty` AFTER UPDATE OF `services` ON `service_order_blocks`
  WHEN NEW.`services` <= 0 AND NOT (NEW.`sort_name` = '' AND NEW.`service_id` = '')
BEGIN
  DELETE FROM `service_order_blocks` WHERE `sort_name` = NEW.`sort_name` AND `service_id` = NEW.`service_id`;
END;
--> statement-breakpoint
-- Sites and services per coarse cell at two levels: the first 20 and the first 30 of a cell's 52 bits
-- (api/queries/site-cells.ts COUNT_LEVELS). site_cells rows are only ever inserted and deleted
-- (api/admin/edit/listing-index.ts), so these two triggers keep the counts exact.
INSERT INTO `site_cell_counts` (`level`, `cell`, `services`, `sites`, `lat_sum`, `lon_sum`)
SELECT 20, CAST(`cell` AS INTEGER) / 4294967296 AS `c`, count(DISTINCT `service_id`), count(*), sum(`lat`), sum(`lon`)
FROM `site_cells` GROUP BY `c`;
--> statement-breakpoint
INSERT INTO `site_cell_counts` (`level`, `cell`, `services`, `sites`, `lat_sum`, `lon_sum`)
SELECT 30, CAST(`cell` AS INTEGER) / 4194304 AS `c`, count(DISTINCT `service_id`), count(*), sum(`lat`), sum(`lon`)
FROM `site_cells` GROUP BY `c`;
--> statement-breakpoint
CREATE TRIGGER `site_cells_insert_counts_cell` AFTER INSERT ON `site_cells`
BEGIN
  INSERT INTO `site_cell_counts` (`level`, `cell`, `services`, `sites`, `lat_sum`, `lon_sum`)
  VALUES (20, CAST(NEW.`cell` AS INTEGER) / 4294967296,
    CASE WHEN EXISTS (SELECT 1 FROM `site_cells` `x` WHERE `x`.`service_id` = NEW.`service_id` AND `x`.`rowid` <> NEW.`rowid`
      AND CAST(`x`.`cell` AS INTEGER) / 4294967296 = CAST(NEW.`cell` AS INTEGER) / 4294967296) THEN 0 ELSE 1 END,
    1, NEW.`lat`, NEW.`lon`)
  ON CONFLICT (`level`, `cell`) DO UPDATE SET `services` = `services` + excluded.`services`, `sites` = `sites` + 1,
    `lat_sum` = `lat_sum` + excluded.`lat_sum`, `lon_sum` = `lon_sum` + excluded.`lon_sum`;
  INSERT INTO `site_cell_counts` (`level`, `cell`, `services`, `sites`, `lat_sum`, `lon_sum`)
  VALUES (30, CAST(NEW.`cell` AS INTEGER) / 4194304,
    CASE WHEN EXISTS (SELECT 1 FROM `site_cells` `x` WHERE `x`.`service_id` = NEW.`service_id` AND `x`.`rowid` <> NEW.`rowid`
      AND CAST(`x`.`cell` AS INTEGER) / 4194304 = CAST(NEW.`cell` AS INTEGER) / 4194304) THEN 0 ELSE 1 END,
    1, NEW.`lat`, NEW.`lon`)
  ON CONFLICT (`level`, `cell`) DO UPDATE SET `services` = `services` + excluded.`services`, `sites` = `sites` + 1,
    `lat_sum` = `lat_sum` + excluded.`lat_sum`, `lon_sum` = `lon_sum` + excluded.`lon_sum`;
END;
--> statement-breakpoint
CREATE TRIGGER `site_cells_delete_counts_cell` AFTER DELETE ON `site_cells`
BEGIN
  UPDATE `site_cell_counts` SET
    `services` = `services` - CASE WHEN EXISTS (SELECT 1 FROM `site_cells` `x` WHERE `x`.`service_id` = OLD.`service_id`
      AND CAST(`x`.`cell` AS INTEGER) / 4294967296 = CAST(OLD.`cell` AS INTEGER) / 4294967296) THEN 0 ELSE 1 END,
    `sites` = `sites` - 1, `lat_sum` = `lat_sum` - OLD.`lat`, `lon_sum` = `lon_sum` - OLD.`lon`
  WHERE `level` = 20 AND `cell` = CAST(OLD.`cell` AS INTEGER) / 4294967296;
  UPDATE `site_cell_counts` SET
    `services` = `services` - CASE WHEN EXISTS (SELECT 1 FROM `site_cells` `x` WHERE `x`.`service_id` = OLD.`service_id`
      AND CAST(`x`.`cell` AS INTEGER) / 4194304 = CAST(OLD.`cell` AS INTEGER) / 4194304) THEN 0 ELSE 1 END,
    `sites` = `sites` - 1, `lat_sum` = `lat_sum` - OLD.`lat`, `lon_sum` = `lon_sum` - OLD.`lon`
  WHERE `level` = 30 AND `cell` = CAST(OLD.`cell` AS INTEGER) / 4194304;
END;
