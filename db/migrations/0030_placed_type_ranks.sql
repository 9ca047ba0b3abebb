-- Of each service type (its sub-types included), the published services with a public site: a
-- `placed:<type id>` row at the country's root beside each `type:<type id>` row of a service that has
-- a site_cells row (api/domain/listing-index.ts `ranks`, which every writer uses). listing_counts then
-- says how many of a type can be placed; nearest first asked for shelters (whose sites are all
-- confidential) widened its rings to the whole earth first: 4,522,074 rows in 44 round trips at
-- 100,000 services.
INSERT INTO `listing_ranks` (`area_path`, `reach`, `rank_key`, `service_id`, `ranked_at`, `rank_until`, `counted`, `name_key`, `verified_key`)
  SELECT `r`.`area_path`, 'placed:' || substr(`r`.`reach`, 6), `r`.`rank_key`, `r`.`service_id`, `r`.`ranked_at`,
    `r`.`rank_until`, `r`.`counted`, `r`.`name_key`, `r`.`verified_key`
  FROM `listing_ranks` `r`
  WHERE `r`.`reach` LIKE 'type:%'
    AND EXISTS (SELECT 1 FROM `site_cells` `sc` WHERE `sc`.`service_id` = `r`.`service_id`);
