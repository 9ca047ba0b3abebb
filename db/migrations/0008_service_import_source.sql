ALTER TABLE `services` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `services` ADD `import_source` text;--> statement-breakpoint
CREATE INDEX `services_external_id_idx` ON `services` (`external_id`);