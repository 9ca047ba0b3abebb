ALTER TABLE `directory_version` ADD `published_sites` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `pathway_step_services_service_idx` ON `pathway_step_services` (`service_id`);--> statement-breakpoint
CREATE INDEX `services_org_name_idx` ON `services` (`organisation_id`,`status`,`sort_name`,`id`);--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers or data). Stored service documents now also
-- hold what the HSDS API shows of a service: its organisation, its service areas and its
-- `last_modified` (the latest change of the service, its organisation, public routes, sites and
-- closures, ended ones included). Every write to those already drops the document (migration
-- 0017) except writes to the service's areas: these triggers drop it too.
CREATE TRIGGER `service_areas_insert_drops_document` AFTER INSERT ON `service_areas`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (NEW.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `service_areas_update_drops_document` AFTER UPDATE ON `service_areas`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`, NEW.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `service_areas_delete_drops_document` AFTER DELETE ON `service_areas`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`);
END;
--> statement-breakpoint
-- A document also holds the names of its areas and of their first-level areas: renaming an area
-- drops every document, as moving one already did (areas are renamed rarely; the job rebuilds them).
DROP TRIGGER `areas_update_drops_documents`;
--> statement-breakpoint
CREATE TRIGGER `areas_update_drops_documents` AFTER UPDATE OF `pcode`, `path`, `level`, `names` ON `areas`
BEGIN
  DELETE FROM `service_documents`;
END;
--> statement-breakpoint
-- Documents stored before hold none of the above: readers read those services live until the
-- builder (the scheduled job, the next edit) stores them again.
DELETE FROM `service_documents`;
--> statement-breakpoint
-- The sites of published services (HSDS service_at_locations' total_items), counted from what is
-- there, then kept exact in the same statement as every write that changes it.
UPDATE `directory_version` SET `published_sites` = (
  SELECT count(*) FROM `service_at_locations` `sal` JOIN `services` `s` ON `s`.`id` = `sal`.`service_id`
  WHERE `s`.`status` = 'published'
) WHERE `id` = 1;
--> statement-breakpoint
CREATE TRIGGER `service_at_locations_insert_counts_published` AFTER INSERT ON `service_at_locations`
  WHEN (SELECT `status` FROM `services` WHERE `id` = NEW.`service_id`) = 'published'
BEGIN
  UPDATE `directory_version` SET `published_sites` = `published_sites` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_at_locations_delete_counts_published` AFTER DELETE ON `service_at_locations`
  WHEN (SELECT `status` FROM `services` WHERE `id` = OLD.`service_id`) = 'published'
BEGIN
  UPDATE `directory_version` SET `published_sites` = `published_sites` - 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_at_locations_move_counts_published` AFTER UPDATE OF `service_id` ON `service_at_locations`
BEGIN
  UPDATE `directory_version`
  SET `published_sites` = `published_sites`
    - coalesce((SELECT 1 FROM `services` WHERE `id` = OLD.`service_id` AND `status` = 'published'), 0)
    + coalesce((SELECT 1 FROM `services` WHERE `id` = NEW.`service_id` AND `status` = 'published'), 0)
  WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_insert_counts_published_sites` AFTER INSERT ON `services` WHEN NEW.`status` = 'published'
BEGIN
  UPDATE `directory_version`
  SET `published_sites` = `published_sites` + (SELECT count(*) FROM `service_at_locations` WHERE `service_id` = NEW.`id`)
  WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_delete_counts_published_sites` AFTER DELETE ON `services` WHEN OLD.`status` = 'published'
BEGIN
  UPDATE `directory_version`
  SET `published_sites` = `published_sites` - (SELECT count(*) FROM `service_at_locations` WHERE `service_id` = OLD.`id`)
  WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_status_counts_published_sites` AFTER UPDATE OF `status` ON `services`
  WHEN (OLD.`status` = 'published') <> (NEW.`status` = 'published')
BEGIN
  UPDATE `directory_version`
  SET `published_sites` = `published_sites`
    + CASE WHEN NEW.`status` = 'published' THEN 1 ELSE -1 END
      * (SELECT count(*) FROM `service_at_locations` WHERE `service_id` = NEW.`id`)
  WHERE `id` = 1;
END;
