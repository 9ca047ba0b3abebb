CREATE TABLE `service_open_hours` (
	`service_id` text NOT NULL,
	`hour` integer NOT NULL,
	PRIMARY KEY(`service_id`, `hour`),
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_open_hours_pending_idx` ON `service_open_hours` (`service_id`) WHERE "service_open_hours"."hour" = 168;--> statement-breakpoint
-- A directory migrated from before this table: every published service may be open at any hour (so
-- "open now" still finds it, checking each exactly) and is marked with hour 168 for the scheduled job
-- to derive its real hours. drizzle-kit does not write data.
INSERT INTO `service_open_hours` (`service_id`, `hour`)
  WITH RECURSIVE `hours` (`hour`) AS (SELECT 0 UNION ALL SELECT `hour` + 1 FROM `hours` WHERE `hour` < 168)
  SELECT `services`.`id`, `hours`.`hour` FROM `services`, `hours` WHERE `services`.`status` = 'published';
