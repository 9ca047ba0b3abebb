CREATE TABLE `problem_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`contact_route_id` text,
	`kind` text NOT NULL,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_route_id`) REFERENCES `contact_routes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `problem_reports_service_idx` ON `problem_reports` (`service_id`,`created_at`);