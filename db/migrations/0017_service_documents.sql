CREATE TABLE `service_documents` (
	`service_id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`built_at` text NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- A service's stored public document (db/schema.ts `serviceDocuments`) is deleted in the same
-- statement as any write to what it holds: the service row, its organisation, its types and their
-- order, its public routes and their hours, its closures and its routes' closures, its sites, their
-- hours, and whether a site is confidential (a confidential site shows only its governorate, found
-- through the area paths). So no write path, not even SQL typed by hand, can leave a stale one:
-- readers read the live tables for a service without a document, and the builder writes it again.
-- drizzle-kit does not model triggers; these are hand-written.
CREATE TRIGGER `services_insert_drops_document` AFTER INSERT ON `services`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `services_update_drops_document` AFTER UPDATE ON `services`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`id`, NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `services_delete_drops_document` BEFORE DELETE ON `services`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `organisations_update_drops_documents` AFTER UPDATE ON `organisations`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (SELECT `id` FROM `services` WHERE `organisation_id` IN (OLD.`id`, NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_insert_drops_document` AFTER INSERT ON `service_type_assignments`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (NEW.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_update_drops_document` AFTER UPDATE ON `service_type_assignments`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`, NEW.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_delete_drops_document` AFTER DELETE ON `service_type_assignments`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `service_types_update_drops_documents` AFTER UPDATE OF `id`, `sort_order` ON `service_types`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (SELECT `service_id` FROM `service_type_assignments` WHERE `service_type_id` IN (OLD.`id`, NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `service_types_delete_drops_documents` AFTER DELETE ON `service_types`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (SELECT `service_id` FROM `service_type_assignments` WHERE `service_type_id` = OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `contact_routes_insert_drops_document` AFTER INSERT ON `contact_routes`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (NEW.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `contact_routes_update_drops_document` AFTER UPDATE ON `contact_routes`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`, NEW.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `contact_routes_delete_drops_document` AFTER DELETE ON `contact_routes`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `closures_insert_drops_document` AFTER INSERT ON `closures`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (NEW.`service_id`);
  DELETE FROM `service_documents` WHERE `service_id` IN (SELECT `service_id` FROM `contact_routes` WHERE `id` IN (NEW.`contact_route_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `closures_update_drops_document` AFTER UPDATE ON `closures`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`, NEW.`service_id`);
  DELETE FROM `service_documents` WHERE `service_id` IN (SELECT `service_id` FROM `contact_routes` WHERE `id` IN (OLD.`contact_route_id`, NEW.`contact_route_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `closures_delete_drops_document` AFTER DELETE ON `closures`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`);
  DELETE FROM `service_documents` WHERE `service_id` IN (SELECT `service_id` FROM `contact_routes` WHERE `id` IN (OLD.`contact_route_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `service_at_locations_insert_drops_document` AFTER INSERT ON `service_at_locations`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (NEW.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `service_at_locations_update_drops_document` AFTER UPDATE ON `service_at_locations`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`, NEW.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `service_at_locations_delete_drops_document` AFTER DELETE ON `service_at_locations`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (OLD.`service_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `locations_update_drops_documents` AFTER UPDATE ON `locations`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (SELECT `service_id` FROM `service_at_locations` WHERE `location_id` IN (OLD.`id`, NEW.`id`));
END;
--> statement-breakpoint
CREATE TRIGGER `locations_delete_drops_documents` AFTER DELETE ON `locations`
BEGIN
  DELETE FROM `service_documents` WHERE `service_id` IN (SELECT `service_id` FROM `service_at_locations` WHERE `location_id` = OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `areas_update_drops_documents` AFTER UPDATE OF `pcode`, `path` ON `areas`
BEGIN
  DELETE FROM `service_documents`;
END;
--> statement-breakpoint
CREATE TRIGGER `areas_delete_drops_documents` AFTER DELETE ON `areas`
BEGIN
  DELETE FROM `service_documents`;
END;
