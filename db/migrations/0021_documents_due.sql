CREATE TABLE `service_documents_due` (
	`service_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX `closures_service_idx`;--> statement-breakpoint
DROP INDEX `closures_route_idx`;--> statement-breakpoint
CREATE INDEX `closures_ends_idx` ON `closures` (`ends_at`);--> statement-breakpoint
CREATE INDEX `closures_service_idx` ON `closures` (`service_id`,`ends_at`) WHERE "closures"."service_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `closures_route_idx` ON `closures` (`contact_route_id`,`ends_at`) WHERE "closures"."contact_route_id" IS NOT NULL;--> statement-breakpoint
DROP INDEX `services_external_id_idx`;--> statement-breakpoint
CREATE INDEX `services_verification_due_idx` ON `services` (`verification_status`,`next_verification_due`);--> statement-breakpoint
CREATE INDEX `services_external_id_idx` ON `services` (`external_id`) WHERE "services"."external_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `routes_verification_due_idx` ON `contact_routes` (`verification_status`,`next_verification_due`);--> statement-breakpoint
CREATE INDEX `pathways_verification_due_idx` ON `pathways` (`verification_status`,`next_verification_due`);--> statement-breakpoint
-- service_documents_due holds exactly the published services without a stored document (db/schema.ts
-- `serviceDocumentsDue`), so the scheduled job reads what it has to store, not every service. Each
-- trigger below states the whole rule for the service it touches, so the order in which SQLite fires
-- them beside migration 0017's (which drop a document on any write) does not matter.
-- drizzle-kit does not model triggers; these are hand-written.
INSERT INTO `service_documents_due` (`service_id`)
SELECT `id` FROM `services`
WHERE `status` = 'published' AND NOT EXISTS (SELECT 1 FROM `service_documents` d WHERE d.`service_id` = `services`.`id`);
--> statement-breakpoint
CREATE TRIGGER `service_documents_insert_leaves_due` AFTER INSERT ON `service_documents`
BEGIN
  DELETE FROM `service_documents_due` WHERE `service_id` = NEW.`service_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `service_documents_delete_enters_due` AFTER DELETE ON `service_documents`
BEGIN
  INSERT OR IGNORE INTO `service_documents_due` (`service_id`)
  SELECT `id` FROM `services` WHERE `id` = OLD.`service_id` AND `status` = 'published'
    AND NOT EXISTS (SELECT 1 FROM `service_documents` d WHERE d.`service_id` = OLD.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `service_documents_update_moves_due` AFTER UPDATE OF `service_id` ON `service_documents`
BEGIN
  INSERT OR IGNORE INTO `service_documents_due` (`service_id`)
  SELECT `id` FROM `services` WHERE `id` = OLD.`service_id` AND `status` = 'published'
    AND NOT EXISTS (SELECT 1 FROM `service_documents` d WHERE d.`service_id` = OLD.`service_id`);
  DELETE FROM `service_documents_due` WHERE `service_id` = NEW.`service_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `services_insert_enters_due` AFTER INSERT ON `services` WHEN NEW.`status` = 'published'
BEGIN
  INSERT OR IGNORE INTO `service_documents_due` (`service_id`)
  SELECT NEW.`id` WHERE NOT EXISTS (SELECT 1 FROM `service_documents` d WHERE d.`service_id` = NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `services_update_keeps_due` AFTER UPDATE OF `id`, `status` ON `services`
BEGIN
  DELETE FROM `service_documents_due` WHERE `service_id` IN (OLD.`id`, NEW.`id`);
  INSERT OR IGNORE INTO `service_documents_due` (`service_id`)
  SELECT NEW.`id` WHERE NEW.`status` = 'published'
    AND NOT EXISTS (SELECT 1 FROM `service_documents` d WHERE d.`service_id` = NEW.`id`);
END;
--> statement-breakpoint
-- AFTER: migration 0017 drops the document BEFORE the row goes, which puts the service in the table.
CREATE TRIGGER `services_delete_leaves_due` AFTER DELETE ON `services`
BEGIN
  DELETE FROM `service_documents_due` WHERE `service_id` = OLD.`id`;
END;
