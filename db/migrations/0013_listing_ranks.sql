CREATE TABLE `listing_counts` (
	`area_path` text NOT NULL,
	`reach` text NOT NULL,
	`services` integer NOT NULL,
	PRIMARY KEY(`area_path`, `reach`)
);
--> statement-breakpoint
CREATE TABLE `listing_ranks` (
	`area_path` text NOT NULL,
	`reach` text NOT NULL,
	`rank_key` text NOT NULL,
	`service_id` text NOT NULL,
	`ranked_at` text NOT NULL,
	`rank_until` text,
	`counted` integer NOT NULL,
	PRIMARY KEY(`area_path`, `reach`, `rank_key`),
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `listing_ranks_until_idx` ON `listing_ranks` (`area_path`,`reach`,`rank_until`);--> statement-breakpoint
CREATE INDEX `listing_ranks_since_idx` ON `listing_ranks` (`area_path`,`reach`,`ranked_at`);--> statement-breakpoint
CREATE INDEX `listing_ranks_due_idx` ON `listing_ranks` (`rank_until`);--> statement-breakpoint
CREATE INDEX `listing_ranks_service_idx` ON `listing_ranks` (`service_id`);--> statement-breakpoint
-- listing_counts follows listing_ranks whoever writes it (the seed, an edit, the scheduled job), so an
-- area's total is a few rows read, never a count over the area's listings. drizzle-kit does not model triggers.
CREATE TRIGGER `listing_ranks_count_insert` AFTER INSERT ON `listing_ranks` WHEN NEW.counted = 1
BEGIN
  INSERT INTO `listing_counts` (`area_path`, `reach`, `services`) VALUES (NEW.area_path, NEW.reach, 1)
    ON CONFLICT (`area_path`, `reach`) DO UPDATE SET `services` = `services` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_ranks_count_delete` AFTER DELETE ON `listing_ranks` WHEN OLD.counted = 1
BEGIN
  UPDATE `listing_counts` SET `services` = `services` - 1 WHERE `area_path` = OLD.area_path AND `reach` = OLD.reach;
END;
