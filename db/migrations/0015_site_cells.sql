CREATE TABLE `site_cells` (
	`cell` integer NOT NULL,
	`service_id` text NOT NULL,
	`location_id` text NOT NULL,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `site_cells_cell_idx` ON `site_cells` (`cell`,`lat`,`lon`,`service_id`);--> statement-breakpoint
CREATE INDEX `site_cells_service_idx` ON `site_cells` (`service_id`,`lat`,`lon`);