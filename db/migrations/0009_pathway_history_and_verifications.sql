CREATE TABLE `pathway_verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`pathway_id` text NOT NULL,
	`method` text NOT NULL,
	`note` text,
	`verified_by` text NOT NULL,
	`verified_at` text NOT NULL,
	`next_due` text,
	FOREIGN KEY (`pathway_id`) REFERENCES `pathways`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pathway_verifications_pathway_idx` ON `pathway_verifications` (`pathway_id`,`verified_at`);--> statement-breakpoint
ALTER TABLE `change_log` ADD `pathway_id` text;--> statement-breakpoint
CREATE INDEX `change_log_pathway_idx` ON `change_log` (`pathway_id`,`id`);