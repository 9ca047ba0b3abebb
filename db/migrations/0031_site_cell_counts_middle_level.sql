-- A third level of stored counts per geohash cell: a cell's first 25 bits, about 4.9 by 4.9 km (13
-- bits of longitude, 12 of latitude: 0.044 degrees each way). A district's map drew its counts from
-- the 30-bit cells (about 1.2 by 0.6 km), where a cell holds one or two services: Mosul's map at
-- 100,000 services sent 1,966 "counts" (430 kB), more than the 500 points it replaced. The level a
-- view is drawn at is api/queries/site-cells.ts `countLevelFor`; the levels are its COUNT_LEVELS.
-- site_cells rows are only ever inserted and deleted (api/admin/edit/listing-index.ts), so the two
-- triggers, rewritten here for the three levels, keep every count exact.
INSERT INTO `site_cell_counts` (`level`, `cell`, `services`, `sites`, `lat_sum`, `lon_sum`)
SELECT 25, CAST(`cell` AS INTEGER) / 134217728 AS `c`, count(DISTINCT `service_id`), count(*), sum(`lat`), sum(`lon`)
FROM `site_cells` GROUP BY `c`;
--> statement-breakpoint
DROP TRIGGER `site_cells_insert_counts_cell`;
--> statement-breakpoint
DROP TRIGGER `site_cells_delete_counts_cell`;
--> statement-breakpoint
-- A site counts its service once per cell: not again when another of the service's sites is there.
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
  VALUES (25, CAST(NEW.`cell` AS INTEGER) / 134217728,
    CASE WHEN EXISTS (SELECT 1 FROM `site_cells` `x` WHERE `x`.`service_id` = NEW.`service_id` AND `x`.`rowid` <> NEW.`rowid`
      AND CAST(`x`.`cell` AS INTEGER) / 134217728 = CAST(NEW.`cell` AS INTEGER) / 134217728) THEN 0 ELSE 1 END,
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
      AND CAST(`x`.`cell` AS INTEGER) / 134217728 = CAST(OLD.`cell` AS INTEGER) / 134217728) THEN 0 ELSE 1 END,
    `sites` = `sites` - 1, `lat_sum` = `lat_sum` - OLD.`lat`, `lon_sum` = `lon_sum` - OLD.`lon`
  WHERE `level` = 25 AND `cell` = CAST(OLD.`cell` AS INTEGER) / 134217728;
  UPDATE `site_cell_counts` SET
    `services` = `services` - CASE WHEN EXISTS (SELECT 1 FROM `site_cells` `x` WHERE `x`.`service_id` = OLD.`service_id`
      AND CAST(`x`.`cell` AS INTEGER) / 4194304 = CAST(OLD.`cell` AS INTEGER) / 4194304) THEN 0 ELSE 1 END,
    `sites` = `sites` - 1, `lat_sum` = `lat_sum` - OLD.`lat`, `lon_sum` = `lon_sum` - OLD.`lon`
  WHERE `level` = 30 AND `cell` = CAST(OLD.`cell` AS INTEGER) / 4194304;
END;
