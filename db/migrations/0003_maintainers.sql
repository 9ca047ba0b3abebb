CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`area_pcodes` text DEFAULT '[]' NOT NULL,
	`organisation_id` text,
	`access` text DEFAULT 'read' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `auth_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`secret` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `change_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`actor` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`service_id` text,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`reason` text,
	`reverts_change_id` integer
);
--> statement-breakpoint
CREATE INDEX `change_log_service_idx` ON `change_log` (`service_id`,`id`);--> statement-breakpoint
CREATE INDEX `change_log_entity_idx` ON `change_log` (`entity`,`entity_id`,`id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`area_pcodes` text DEFAULT '[]' NOT NULL,
	`organisation_id` text,
	`invited_by` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`accepted_at` text,
	`accepted_user_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`locked_until` text,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `pending_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` text NOT NULL,
	`op` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`fields` text DEFAULT '{}' NOT NULL,
	`based_on_version` integer,
	`reason` text,
	`proposed_by` text NOT NULL,
	`proposed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pending_service_idx` ON `pending_changes` (`service_id`,`id`);--> statement-breakpoint
CREATE TABLE `problem_report_resolutions` (
	`report_id` text PRIMARY KEY NOT NULL,
	`outcome` text NOT NULL,
	`note` text,
	`resolved_by` text NOT NULL,
	`resolved_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`stage` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `test_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`contact_route_id` text NOT NULL,
	`service_id` text NOT NULL,
	`called_at` text NOT NULL,
	`answered` integer NOT NULL,
	`language_offered` text,
	`female_staff_offered` text DEFAULT 'not_asked' NOT NULL,
	`note` text,
	`called_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `test_calls_route_idx` ON `test_calls` (`contact_route_id`,`called_at`);--> statement-breakpoint
CREATE TABLE `translation_status` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`language` text NOT NULL,
	`status` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`, `field`, `language`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`area_pcodes` text DEFAULT '[]' NOT NULL,
	`organisation_id` text,
	`password_hash` text,
	`totp_secret` text,
	`totp_pending_secret` text,
	`totp_last_step` integer,
	`disabled_at` text,
	`created_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_idx` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`contact_route_id` text,
	`method` text NOT NULL,
	`result` text NOT NULL,
	`note` text,
	`verified_by` text NOT NULL,
	`verified_at` text NOT NULL,
	`next_due` text,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verifications_service_idx` ON `verifications` (`service_id`,`verified_at`);--> statement-breakpoint
CREATE INDEX `verifications_route_idx` ON `verifications` (`contact_route_id`,`verified_at`);--> statement-breakpoint
CREATE TABLE `write_guards` (
	`ok` integer NOT NULL
);
