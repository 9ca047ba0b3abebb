-- A type's ranks in an area hold its sub-types' services too: beside its own types' `at:<type id>`
-- and `in:<type id>` rows (migration 0028), each published service of a sub-type has its parent
-- type's, with the same keys and the same `counted` (api/domain/listing-index.ts `ranks`, which every
-- writer uses). A listing asks a type with its sub-types, so "police" in a district walks three
-- ranges instead of fifteen, which D1's bound values allowed only by checking every walked service's
-- types: 472 rows for a page of police in Mosul at 100,000 services, and maps of a type read as a box.
INSERT INTO `listing_ranks` (`area_path`, `reach`, `rank_key`, `service_id`, `ranked_at`, `rank_until`, `counted`, `name_key`, `verified_key`)
  SELECT DISTINCT `r`.`area_path`, `r`.`reach` || ':' || `t`.`parent_id`, `r`.`rank_key`, `r`.`service_id`, `r`.`ranked_at`,
    `r`.`rank_until`, `r`.`counted`, `r`.`name_key`, `r`.`verified_key`
  FROM `listing_ranks` `r`
    JOIN `service_type_assignments` `a` ON `a`.`service_id` = `r`.`service_id`
    JOIN `service_types` `t` ON `t`.`id` = `a`.`service_type_id`
  WHERE `r`.`reach` IN ('at', 'in') AND `t`.`parent_id` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `service_type_assignments` `own`
      WHERE `own`.`service_id` = `r`.`service_id` AND `own`.`service_type_id` = `t`.`parent_id`);
