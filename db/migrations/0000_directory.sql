CREATE TABLE `area_boundaries` (
	`pcode` text PRIMARY KEY NOT NULL,
	`geometry` text NOT NULL,
	FOREIGN KEY (`pcode`) REFERENCES `areas`(`pcode`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `areas` (
	`pcode` text PRIMARY KEY NOT NULL,
	`country` text NOT NULL,
	`level` integer NOT NULL,
	`parent_pcode` text,
	`path` text NOT NULL,
	`names` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL,
	`time_zone` text NOT NULL,
	`centroid_lon` real NOT NULL,
	`centroid_lat` real NOT NULL,
	`min_lon` real NOT NULL,
	`min_lat` real NOT NULL,
	`max_lon` real NOT NULL,
	`max_lat` real NOT NULL
);
--> statement-breakpoint
CREATE INDEX `areas_parent_idx` ON `areas` (`parent_pcode`,`pcode`);--> statement-breakpoint
CREATE UNIQUE INDEX `areas_path_idx` ON `areas` (`path`);--> statement-breakpoint
CREATE TABLE `closures` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text,
	`contact_route_id` text,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`closes` integer DEFAULT true NOT NULL,
	`reason` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_route_id`) REFERENCES `contact_routes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `closures_service_idx` ON `closures` (`service_id`,`ends_at`);--> statement-breakpoint
CREATE INDEX `closures_route_idx` ON `closures` (`contact_route_id`,`ends_at`);--> statement-breakpoint
CREATE TABLE `contact_routes` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`visibility` text DEFAULT 'public' NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`opening_hours` text,
	`notes` text DEFAULT '{}' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`verification_status` text DEFAULT 'unverified' NOT NULL,
	`last_verified_at` text,
	`last_verified_by` text,
	`verification_method` text,
	`verification_note` text,
	`next_verification_due` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `routes_service_idx` ON `contact_routes` (`service_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `locations` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`names` text DEFAULT '{}' NOT NULL,
	`address` text DEFAULT '{}' NOT NULL,
	`area_pcode` text NOT NULL,
	`lon` real,
	`lat` real,
	`is_confidential` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_pcode`) REFERENCES `areas`(`pcode`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `locations_area_idx` ON `locations` (`area_pcode`);--> statement-breakpoint
CREATE INDEX `locations_lat_lon_idx` ON `locations` (`lat`,`lon`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`names` text NOT NULL,
	`descriptions` text DEFAULT '{}' NOT NULL,
	`website` text,
	`is_sample` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `service_areas` (
	`service_id` text NOT NULL,
	`area_pcode` text NOT NULL,
	PRIMARY KEY(`service_id`, `area_pcode`),
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_pcode`) REFERENCES `areas`(`pcode`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `service_at_locations` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`location_id` text NOT NULL,
	`opening_hours` text,
	`hours_note` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sal_service_idx` ON `service_at_locations` (`service_id`);--> statement-breakpoint
CREATE INDEX `sal_location_idx` ON `service_at_locations` (`location_id`);--> statement-breakpoint
CREATE TABLE `service_coverage` (
	`service_id` text NOT NULL,
	`area_path` text NOT NULL,
	PRIMARY KEY(`area_path`, `service_id`),
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coverage_service_idx` ON `service_coverage` (`service_id`);--> statement-breakpoint
CREATE TABLE `service_referral_details` (
	`service_id` text PRIMARY KEY NOT NULL,
	`focal_point` text DEFAULT '{}' NOT NULL,
	`intake_route` text DEFAULT '{}' NOT NULL,
	`required_documents` text DEFAULT '{}' NOT NULL,
	`expected_response_time` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `service_type_assignments` (
	`service_id` text NOT NULL,
	`service_type_id` text NOT NULL,
	PRIMARY KEY(`service_id`, `service_type_id`),
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_type_id`) REFERENCES `service_types`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sta_type_idx` ON `service_type_assignments` (`service_type_id`,`service_id`);--> statement-breakpoint
CREATE TABLE `service_types` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_id` text,
	`names` text NOT NULL,
	`descriptions` text DEFAULT '{}' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`verification_cycle_days` integer DEFAULT 90 NOT NULL,
	`is_priority_channel` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`names` text NOT NULL,
	`descriptions` text DEFAULT '{}' NOT NULL,
	`after_contact` text DEFAULT '{}' NOT NULL,
	`cost_kind` text DEFAULT 'unknown' NOT NULL,
	`cost_note` text DEFAULT '{}' NOT NULL,
	`female_staff` text DEFAULT 'unknown' NOT NULL,
	`anonymous_reporting` text DEFAULT 'unknown' NOT NULL,
	`confidentiality_note` text DEFAULT '{}' NOT NULL,
	`eligible_gender` text DEFAULT 'unknown' NOT NULL,
	`min_age` integer,
	`max_age` integer,
	`eligibility_note` text DEFAULT '{}' NOT NULL,
	`accessibility` text DEFAULT '[]' NOT NULL,
	`accessibility_note` text DEFAULT '{}' NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`country` text NOT NULL,
	`sort_name` text NOT NULL,
	`source_description` text,
	`source_url` text,
	`source_date` text,
	`verification_status` text DEFAULT 'unverified' NOT NULL,
	`last_verified_at` text,
	`last_verified_by` text,
	`verification_method` text,
	`verification_note` text,
	`next_verification_due` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `services_org_idx` ON `services` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `services_country_status_name_idx` ON `services` (`country`,`status`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `services_status_name_idx` ON `services` (`status`,`sort_name`,`id`);