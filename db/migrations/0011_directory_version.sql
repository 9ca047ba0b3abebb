CREATE TABLE `directory_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`stamp` text DEFAULT '' NOT NULL,
	`published_services` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `areas_country_level_idx` ON `areas` (`country`,`level`,`pcode`);--> statement-breakpoint
-- The directory version (db/schema.ts `directoryVersion`): one row, counted from what is already
-- there, then bumped by triggers on every table the public reads, in the same statement as the
-- write, so no write path can forget it. drizzle-kit does not model triggers; these are hand-written.
INSERT INTO `directory_version` (`id`, `version`, `stamp`, `published_services`)
SELECT 1, 1, lower(hex(randomblob(8))), count(*) FROM `services` WHERE `status` = 'published';
--> statement-breakpoint
CREATE TRIGGER `areas_insert_bumps_directory_version` AFTER INSERT ON `areas`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `areas_update_bumps_directory_version` AFTER UPDATE ON `areas`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `areas_delete_bumps_directory_version` AFTER DELETE ON `areas`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `area_boundaries_insert_bumps_directory_version` AFTER INSERT ON `area_boundaries`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `area_boundaries_update_bumps_directory_version` AFTER UPDATE ON `area_boundaries`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `area_boundaries_delete_bumps_directory_version` AFTER DELETE ON `area_boundaries`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_types_insert_bumps_directory_version` AFTER INSERT ON `service_types`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_types_update_bumps_directory_version` AFTER UPDATE ON `service_types`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_types_delete_bumps_directory_version` AFTER DELETE ON `service_types`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_insert_bumps_directory_version` AFTER INSERT ON `organisations`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_update_bumps_directory_version` AFTER UPDATE ON `organisations`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_delete_bumps_directory_version` AFTER DELETE ON `organisations`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_insert_bumps_directory_version` AFTER INSERT ON `services`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_update_bumps_directory_version` AFTER UPDATE ON `services`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_delete_bumps_directory_version` AFTER DELETE ON `services`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_insert_bumps_directory_version` AFTER INSERT ON `service_type_assignments`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_update_bumps_directory_version` AFTER UPDATE ON `service_type_assignments`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_delete_bumps_directory_version` AFTER DELETE ON `service_type_assignments`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `locations_insert_bumps_directory_version` AFTER INSERT ON `locations`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `locations_update_bumps_directory_version` AFTER UPDATE ON `locations`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `locations_delete_bumps_directory_version` AFTER DELETE ON `locations`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_at_locations_insert_bumps_directory_version` AFTER INSERT ON `service_at_locations`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_at_locations_update_bumps_directory_version` AFTER UPDATE ON `service_at_locations`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_at_locations_delete_bumps_directory_version` AFTER DELETE ON `service_at_locations`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_areas_insert_bumps_directory_version` AFTER INSERT ON `service_areas`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_areas_update_bumps_directory_version` AFTER UPDATE ON `service_areas`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_areas_delete_bumps_directory_version` AFTER DELETE ON `service_areas`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_coverage_insert_bumps_directory_version` AFTER INSERT ON `service_coverage`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_coverage_update_bumps_directory_version` AFTER UPDATE ON `service_coverage`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_coverage_delete_bumps_directory_version` AFTER DELETE ON `service_coverage`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_routes_insert_bumps_directory_version` AFTER INSERT ON `contact_routes`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_routes_update_bumps_directory_version` AFTER UPDATE ON `contact_routes`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `contact_routes_delete_bumps_directory_version` AFTER DELETE ON `contact_routes`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `closures_insert_bumps_directory_version` AFTER INSERT ON `closures`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `closures_update_bumps_directory_version` AFTER UPDATE ON `closures`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `closures_delete_bumps_directory_version` AFTER DELETE ON `closures`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_referral_links_insert_bumps_directory_version` AFTER INSERT ON `service_referral_links`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_referral_links_update_bumps_directory_version` AFTER UPDATE ON `service_referral_links`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_referral_links_delete_bumps_directory_version` AFTER DELETE ON `service_referral_links`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `concerns_insert_bumps_directory_version` AFTER INSERT ON `concerns`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `concerns_update_bumps_directory_version` AFTER UPDATE ON `concerns`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `concerns_delete_bumps_directory_version` AFTER DELETE ON `concerns`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pathways_insert_bumps_directory_version` AFTER INSERT ON `pathways`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pathways_update_bumps_directory_version` AFTER UPDATE ON `pathways`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pathways_delete_bumps_directory_version` AFTER DELETE ON `pathways`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pathway_steps_insert_bumps_directory_version` AFTER INSERT ON `pathway_steps`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pathway_steps_update_bumps_directory_version` AFTER UPDATE ON `pathway_steps`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pathway_steps_delete_bumps_directory_version` AFTER DELETE ON `pathway_steps`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pathway_step_services_insert_bumps_directory_version` AFTER INSERT ON `pathway_step_services`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pathway_step_services_update_bumps_directory_version` AFTER UPDATE ON `pathway_step_services`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `pathway_step_services_delete_bumps_directory_version` AFTER DELETE ON `pathway_step_services`
BEGIN
  UPDATE `directory_version` SET `version` = `version` + 1, `stamp` = lower(hex(randomblob(8))) WHERE `id` = 1;
END;
--> statement-breakpoint
-- The number of published services (the HSDS page object's total_items), kept exact.
CREATE TRIGGER `services_insert_counts_published` AFTER INSERT ON `services` WHEN NEW.`status` = 'published'
BEGIN
  UPDATE `directory_version` SET `published_services` = `published_services` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_delete_counts_published` AFTER DELETE ON `services` WHEN OLD.`status` = 'published'
BEGIN
  UPDATE `directory_version` SET `published_services` = `published_services` - 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_status_counts_published` AFTER UPDATE OF `status` ON `services`
  WHEN (OLD.`status` = 'published') <> (NEW.`status` = 'published')
BEGIN
  UPDATE `directory_version`
  SET `published_services` = `published_services` + CASE WHEN NEW.`status` = 'published' THEN 1 ELSE -1 END
  WHERE `id` = 1;
END;
