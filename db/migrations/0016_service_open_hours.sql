CREATE TABLE `service_open_hours` (
	`service_id` text PRIMARY KEY NOT NULL,
	`week` text NOT NULL,
	`derived` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_open_hours_pending_idx` ON `service_open_hours` (`service_id`) WHERE "service_open_hours"."derived" = 0;--> statement-breakpoint
-- A directory migrated from before this table: every published service may be open at any hour (so
-- "open now" still finds it, checking each exactly), marked not derived for the scheduled job to
-- derive its real hours. drizzle-kit does not write data. hex(zeroblob(84)) is 168 zeros.
INSERT INTO `service_open_hours` (`service_id`, `week`, `derived`)
  SELECT `id`, replace(hex(zeroblob(84)), '0', '1'), 0 FROM `services` WHERE `status` = 'published';
