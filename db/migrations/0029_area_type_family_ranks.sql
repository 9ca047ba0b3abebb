-- A type's stored listings hold its sub-types' services too, since a listing always asks a type with
-- its sub-types. Beside its own types' rows, each published service of a sub-type gets its parent
-- type's: `at:<type id>` and `in:<type id>` in its areas (migration 0028's rows), `type:<type id>` at
-- its country's root (migration 0018's), with the same keys and `counted`
-- (api/domain/listing-index.ts `ranks`, which every writer uses), and a place in its parent's HSDS
-- order (service_type_members, migration 0027). So "police" with its four sub-types is one type's
-- rows: 472 rows for a page of police in Mosul at 100,000 services became 95, and a numbered HSDS
-- page of legal aid (with its volunteers) 101,799 at page 100.
INSERT INTO `listing_ranks` (`area_path`, `reach`, `rank_key`, `service_id`, `ranked_at`, `rank_until`, `counted`, `name_key`, `verified_key`)
  SELECT DISTINCT `r`.`area_path`, (CASE `r`.`reach` WHEN 'country' THEN 'type' ELSE `r`.`reach` END) || ':' || `t`.`parent_id`,
    `r`.`rank_key`, `r`.`service_id`, `r`.`ranked_at`, `r`.`rank_until`, `r`.`counted`, `r`.`name_key`, `r`.`verified_key`
  FROM `listing_ranks` `r`
    JOIN `service_type_assignments` `a` ON `a`.`service_id` = `r`.`service_id`
    JOIN `service_types` `t` ON `t`.`id` = `a`.`service_type_id`
  WHERE `r`.`reach` IN ('at', 'in', 'country') AND `t`.`parent_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `service_type_assignments` `own`
      WHERE `own`.`service_id` = `r`.`service_id` AND `own`.`service_type_id` = `t`.`parent_id`);
--> statement-breakpoint
-- Membership: a published service under each of its types and each of their parents, once. A type
-- leaves a service only when no type of the service is it or under it any more.
DROP TRIGGER IF EXISTS `services_insert_type_members`;--> statement-breakpoint
CREATE TRIGGER `services_insert_type_members` AFTER INSERT ON `services` WHEN NEW.`status` = 'published'
BEGIN
  INSERT INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
    SELECT `a`.`service_type_id`, NEW.`sort_name`, NEW.`id` FROM `service_type_assignments` `a` WHERE `a`.`service_id` = NEW.`id`
    UNION
    SELECT `t`.`parent_id`, NEW.`sort_name`, NEW.`id` FROM `service_type_assignments` `a`
      JOIN `service_types` `t` ON `t`.`id` = `a`.`service_type_id` AND `t`.`parent_id` IS NOT NULL
    WHERE `a`.`service_id` = NEW.`id`;
END;--> statement-breakpoint
DROP TRIGGER IF EXISTS `services_update_type_members`;--> statement-breakpoint
CREATE TRIGGER `services_update_type_members` AFTER UPDATE OF `status`, `sort_name` ON `services`
  WHEN (OLD.`status` = 'published' OR NEW.`status` = 'published')
    AND (OLD.`status` IS NOT NEW.`status` OR OLD.`sort_name` IS NOT NEW.`sort_name`)
BEGIN
  DELETE FROM `service_type_members` WHERE `service_id` = OLD.`id`;
  INSERT INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
    SELECT `a`.`service_type_id`, NEW.`sort_name`, NEW.`id` FROM `service_type_assignments` `a`
    WHERE NEW.`status` = 'published' AND `a`.`service_id` = NEW.`id`
    UNION
    SELECT `t`.`parent_id`, NEW.`sort_name`, NEW.`id` FROM `service_type_assignments` `a`
      JOIN `service_types` `t` ON `t`.`id` = `a`.`service_type_id` AND `t`.`parent_id` IS NOT NULL
    WHERE NEW.`status` = 'published' AND `a`.`service_id` = NEW.`id`;
END;--> statement-breakpoint
DROP TRIGGER IF EXISTS `service_type_assignments_insert_members`;--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_insert_members` AFTER INSERT ON `service_type_assignments`
BEGIN
  INSERT OR IGNORE INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
    SELECT `f`.`id`, `s`.`sort_name`, `s`.`id` FROM `services` `s`,
      (SELECT NEW.`service_type_id` AS `id`
       UNION SELECT `parent_id` FROM `service_types` WHERE `id` = NEW.`service_type_id` AND `parent_id` IS NOT NULL) `f`
    WHERE `s`.`id` = NEW.`service_id` AND `s`.`status` = 'published';
END;--> statement-breakpoint
DROP TRIGGER IF EXISTS `service_type_assignments_delete_members`;--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_delete_members` AFTER DELETE ON `service_type_assignments`
BEGIN
  DELETE FROM `service_type_members` WHERE `service_id` = OLD.`service_id`
    AND `type_id` IN (SELECT OLD.`service_type_id` UNION SELECT `parent_id` FROM `service_types` WHERE `id` = OLD.`service_type_id`)
    AND NOT EXISTS (SELECT 1 FROM `service_type_assignments` `a` JOIN `service_types` `t` ON `t`.`id` = `a`.`service_type_id`
      WHERE `a`.`service_id` = OLD.`service_id`
        AND (`a`.`service_type_id` = `service_type_members`.`type_id` OR `t`.`parent_id` = `service_type_members`.`type_id`));
END;--> statement-breakpoint
DROP TRIGGER IF EXISTS `service_type_assignments_update_members`;--> statement-breakpoint
CREATE TRIGGER `service_type_assignments_update_members` AFTER UPDATE ON `service_type_assignments`
BEGIN
  DELETE FROM `service_type_members` WHERE `service_id` = OLD.`service_id`
    AND `type_id` IN (SELECT OLD.`service_type_id` UNION SELECT `parent_id` FROM `service_types` WHERE `id` = OLD.`service_type_id`)
    AND NOT EXISTS (SELECT 1 FROM `service_type_assignments` `a` JOIN `service_types` `t` ON `t`.`id` = `a`.`service_type_id`
      WHERE `a`.`service_id` = OLD.`service_id`
        AND (`a`.`service_type_id` = `service_type_members`.`type_id` OR `t`.`parent_id` = `service_type_members`.`type_id`));
  INSERT OR IGNORE INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
    SELECT `f`.`id`, `s`.`sort_name`, `s`.`id` FROM `services` `s`,
      (SELECT NEW.`service_type_id` AS `id`
       UNION SELECT `parent_id` FROM `service_types` WHERE `id` = NEW.`service_type_id` AND `parent_id` IS NOT NULL) `f`
    WHERE `s`.`id` = NEW.`service_id` AND `s`.`status` = 'published';
END;--> statement-breakpoint
-- The existing directory's sub-typed services join their parents' order, through the same triggers.
INSERT OR IGNORE INTO `service_type_members` (`type_id`, `sort_name`, `service_id`)
  SELECT DISTINCT `t`.`parent_id`, `s`.`sort_name`, `s`.`id` FROM `service_type_assignments` `a`
    JOIN `service_types` `t` ON `t`.`id` = `a`.`service_type_id` AND `t`.`parent_id` IS NOT NULL
    JOIN `services` `s` ON `s`.`id` = `a`.`service_id` AND `s`.`status` = 'published'
  ORDER BY `t`.`parent_id`, `s`.`sort_name`, `s`.`id`;
