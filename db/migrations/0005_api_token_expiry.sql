CREATE TABLE `restricted_reads` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expires_at` text;