ALTER TABLE `listing_ranks` ADD `name_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `listing_ranks` ADD `verified_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `listing_ranks_name_idx` ON `listing_ranks` (`area_path`,`reach`,`name_key`,`service_id`);--> statement-breakpoint
CREATE INDEX `listing_ranks_verified_idx` ON `listing_ranks` (`area_path`,`reach`,`verified_key`,`service_id`);--> statement-breakpoint
-- Rows ranked before this migration get their name and freshness keys here, written as
-- api/domain/listing-index.ts `nameKey` and `verifiedKey` write them (drizzle-kit does not write
-- data): the name key is the rank key without its two leading digits; the freshness key counts the
-- last check's milliseconds back from 8,640,000,000,000,000 in 16 digits after "0", or is "1" for
-- a listing never checked, then the name key.
UPDATE `listing_ranks` SET
  `name_key` = substr(`rank_key`, 3),
  `verified_key` = (
    SELECT CASE
      WHEN `services`.`last_verified_at` IS NULL OR strftime('%s', `services`.`last_verified_at`) IS NULL THEN '1'
      ELSE '0' || printf('%016d', 8640000000000000 - max(0,
        CAST(strftime('%s', `services`.`last_verified_at`) AS INTEGER) * 1000
          + CAST(substr(strftime('%f', `services`.`last_verified_at`), 4, 3) AS INTEGER)))
    END || substr(`listing_ranks`.`rank_key`, 3)
    FROM `services` WHERE `services`.`id` = `listing_ranks`.`service_id`
  );
--> statement-breakpoint
-- Every published service's `country` row, so listings without an area walk them: copied from one
-- of its ranked rows (all of a service's rows hold the same keys).
INSERT INTO `listing_ranks` (`area_path`, `reach`, `rank_key`, `service_id`, `ranked_at`, `rank_until`, `counted`, `name_key`, `verified_key`)
  SELECT '/' || `s`.`country` || '/', 'country', `r`.`rank_key`, `s`.`id`, `r`.`ranked_at`, `r`.`rank_until`, 1, `r`.`name_key`, `r`.`verified_key`
  FROM `services` `s` JOIN `listing_ranks` `r`
    ON `r`.`rowid` = (SELECT min(`rowid`) FROM `listing_ranks` WHERE `service_id` = `s`.`id`)
  WHERE `s`.`status` = 'published';
--> statement-breakpoint
-- A published service that covers no area had no rows: its row is written with a rank that has
-- already expired (an empty `rank_until`), so readers rank it themselves and the scheduled job's
-- next run derives all of its rows again.
INSERT INTO `listing_ranks` (`area_path`, `reach`, `rank_key`, `service_id`, `ranked_at`, `rank_until`, `counted`, `name_key`, `verified_key`)
  SELECT '/' || `s`.`country` || '/', 'country',
    CASE WHEN EXISTS (SELECT 1 FROM `service_type_assignments` `a` JOIN `service_types` `t` ON `t`.`id` = `a`.`service_type_id`
      WHERE `a`.`service_id` = `s`.`id` AND `t`.`is_priority_channel` = 1) THEN '0' ELSE '1' END
      || '4' || `s`.`sort_name` || char(1) || `s`.`id`,
    `s`.`id`, '', '', 1, `s`.`sort_name` || char(1) || `s`.`id`,
    CASE
      WHEN `s`.`last_verified_at` IS NULL OR strftime('%s', `s`.`last_verified_at`) IS NULL THEN '1'
      ELSE '0' || printf('%016d', 8640000000000000 - max(0,
        CAST(strftime('%s', `s`.`last_verified_at`) AS INTEGER) * 1000
          + CAST(substr(strftime('%f', `s`.`last_verified_at`), 4, 3) AS INTEGER)))
    END || `s`.`sort_name` || char(1) || `s`.`id`
  FROM `services` `s`
  WHERE `s`.`status` = 'published' AND NOT EXISTS (SELECT 1 FROM `listing_ranks` `r` WHERE `r`.`service_id` = `s`.`id`);
--> statement-breakpoint
-- A `type:<id>` row beside each `country` row for every type the service has, so a listing of a type walks its own rows.
INSERT INTO `listing_ranks` (`area_path`, `reach`, `rank_key`, `service_id`, `ranked_at`, `rank_until`, `counted`, `name_key`, `verified_key`)
  SELECT `r`.`area_path`, 'type:' || `a`.`service_type_id`, `r`.`rank_key`, `r`.`service_id`, `r`.`ranked_at`, `r`.`rank_until`, 1, `r`.`name_key`, `r`.`verified_key`
  FROM `listing_ranks` `r` JOIN `service_type_assignments` `a` ON `a`.`service_id` = `r`.`service_id`
  WHERE `r`.`reach` = 'country';
