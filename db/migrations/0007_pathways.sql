CREATE TABLE `concerns` (
	`id` text PRIMARY KEY NOT NULL,
	`names` text NOT NULL,
	`descriptions` text DEFAULT '{}' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pathway_step_referral_details` (
	`step_id` text PRIMARY KEY NOT NULL,
	`focal_point` text DEFAULT '{}' NOT NULL,
	`intake_route` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`step_id`) REFERENCES `pathway_steps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pathway_step_services` (
	`id` text PRIMARY KEY NOT NULL,
	`step_id` text NOT NULL,
	`service_type_id` text,
	`service_id` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`step_id`) REFERENCES `pathway_steps`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_type_id`) REFERENCES `service_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pathway_step_services_one_target" CHECK(("pathway_step_services"."service_type_id" IS NULL) <> ("pathway_step_services"."service_id" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `pathway_step_services_step_idx` ON `pathway_step_services` (`step_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `pathway_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`pathway_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text DEFAULT '{}' NOT NULL,
	`what_happens` text DEFAULT '{}' NOT NULL,
	`what_to_bring` text DEFAULT '{}' NOT NULL,
	`choices` text DEFAULT '[]' NOT NULL,
	`what_next` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`pathway_id`) REFERENCES `pathways`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pathway_steps_order_idx` ON `pathway_steps` (`pathway_id`,`position`);--> statement-breakpoint
CREATE TABLE `pathways` (
	`id` text PRIMARY KEY NOT NULL,
	`area_pcode` text NOT NULL,
	`concern_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`names` text NOT NULL,
	`intro` text DEFAULT '{}' NOT NULL,
	`is_sample` integer DEFAULT false NOT NULL,
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
	FOREIGN KEY (`area_pcode`) REFERENCES `areas`(`pcode`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`concern_id`) REFERENCES `concerns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pathways_area_concern_idx` ON `pathways` (`area_pcode`,`concern_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `pathways_one_published_idx` ON `pathways` (`area_pcode`,`concern_id`) WHERE "pathways"."status" = 'published';--> statement-breakpoint
CREATE TABLE `service_referral_links` (
	`from_service_id` text NOT NULL,
	`to_service_id` text NOT NULL,
	`note` text DEFAULT '{}' NOT NULL,
	PRIMARY KEY(`from_service_id`, `to_service_id`),
	FOREIGN KEY (`from_service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referral_links_to_idx` ON `service_referral_links` (`to_service_id`,`from_service_id`);--> statement-breakpoint
ALTER TABLE `services` ADD `accompaniment` text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `safe_place_meeting` text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `passes_on_without_identity` text DEFAULT 'unknown' NOT NULL;