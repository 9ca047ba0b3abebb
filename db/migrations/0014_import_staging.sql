CREATE TABLE `import_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`principal_id` text NOT NULL,
	`plan_hash` text NOT NULL,
	`file_name` text NOT NULL,
	`counts` text NOT NULL,
	`change_mark` integer NOT NULL,
	`staged_rows` integer NOT NULL,
	`ready` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_runs_expires_idx` ON `import_runs` (`expires_at`);--> statement-breakpoint
CREATE TABLE `import_staged_rows` (
	`run_id` text NOT NULL,
	`kind` text NOT NULL,
	`seq` integer NOT NULL,
	`key` text,
	`row` text NOT NULL,
	PRIMARY KEY(`run_id`, `kind`, `seq`)
);
