-- An area listing of one service type walks that type's own ranks in the area: beside each `at` and
-- `in` row of a published service, an `at:<type id>` and an `in:<type id>` row for each of its own
-- types, with the same keys and the same `counted` (api/domain/listing-index.ts `ranks`, which every
-- writer uses from now on). Without them the walk read the area's ranks and looked up each one's
-- types: 2,900 rows for a page of 20 of one type in a district of 2,178 services.
INSERT INTO `listing_ranks` (`area_path`, `reach`, `rank_key`, `service_id`, `ranked_at`, `rank_until`, `counted`, `name_key`, `verified_key`)
  SELECT `r`.`area_path`, `r`.`reach` || ':' || `a`.`service_type_id`, `r`.`rank_key`, `r`.`service_id`, `r`.`ranked_at`,
    `r`.`rank_until`, `r`.`counted`, `r`.`name_key`, `r`.`verified_key`
  FROM `listing_ranks` `r` JOIN `service_type_assignments` `a` ON `a`.`service_id` = `r`.`service_id`
  WHERE `r`.`reach` IN ('at', 'in');
