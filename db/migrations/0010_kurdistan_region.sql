-- The Kurdistan Region (IQ-KR) as an area of its own, between Iraq and its governorates Erbil
-- (IQG11), Duhok (IQG09) and Sulaymaniyah (IQG06), in a database that already holds the areas.
-- Areas reach a database through the seed (db/seed/areas.mjs, `wrangler d1 execute --file` after the
-- migrations), which already builds the region; a database seeded before it gets the same rows here:
-- the region (the values db/seed/areas.mjs computes from the same boundary files), its boundary
-- (the union of its governorates' stored boundaries), its place-search row, and the new paths
-- "/IQ/IQ-KR/IQG11/…" of every area inside it and of every service coverage there. On an empty
-- database (a fresh one, before its seed) every statement changes nothing.
INSERT INTO `areas` (`pcode`, `country`, `level`, `parent_pcode`, `path`, `names`, `aliases`, `time_zone`, `centroid_lon`, `centroid_lat`, `min_lon`, `min_lat`, `max_lon`, `max_lat`)
SELECT 'IQ-KR', 'IQ', -1, 'IQ', '/IQ/IQ-KR/',
  '{"en":"Kurdistan Region","ar":"إقليم كوردستان","ckb":"هەرێمی کوردستان","kmr":"هەرێما کوردستانێ","es":"Región del Kurdistán"}',
  '["Kurdistan","KRI","Kurdistan Region of Iraq","KRG","Herêma Kurdistanê","Herêmî Kurdistan","إقليم كردستان","كردستان","کوردستان","Región Autónoma del Kurdistán"]',
  'Asia/Baghdad', 44.54421, 36.10125, 42.36113, 34.53722, 46.34873, 37.37726
WHERE EXISTS (SELECT 1 FROM `areas` WHERE `pcode` = 'IQG11' AND `path` = '/IQ/IQG11/')
  AND NOT EXISTS (SELECT 1 FROM `areas` WHERE `pcode` = 'IQ-KR');
--> statement-breakpoint
INSERT INTO `area_boundaries` (`pcode`, `geometry`)
SELECT 'IQ-KR', `union`.`geometry`
FROM (
  SELECT json_object('type', 'MultiPolygon', 'coordinates', json_group_array(json(`polygon`))) AS `geometry`,
    count(*) AS `polygons`
  FROM (
    SELECT `p`.`value` AS `polygon`
    FROM `area_boundaries` `b`,
      json_each(CASE json_extract(`b`.`geometry`, '$.type')
        WHEN 'Polygon' THEN json_array(json_extract(`b`.`geometry`, '$.coordinates'))
        ELSE json_extract(`b`.`geometry`, '$.coordinates') END) `p`
    WHERE `b`.`pcode` IN ('IQG06', 'IQG09', 'IQG11')
    ORDER BY `b`.`pcode`, `p`.`key`
  )
) `union`
WHERE `union`.`polygons` > 0
  AND EXISTS (SELECT 1 FROM `areas` WHERE `pcode` = 'IQ-KR')
  AND NOT EXISTS (SELECT 1 FROM `area_boundaries` WHERE `pcode` = 'IQ-KR');
--> statement-breakpoint
INSERT INTO `area_search` (`pcode`, `body`, `skeletons`)
SELECT 'IQ-KR',
  'kurdistan region اقليم كوردستان ههريمي ههريما كوردستاني del kri of iraq krg herema kurdistane heremi كردستان autonoma kurdistanregion اقليمكوردستان ههريميكوردستان ههريماكوردستاني regiondelkurdistan kurdistanregionofiraq heremakurdistane heremikurdistan اقليمكردستان regionautonomadelkurdistan',
  'krdstn rgn dl kr af ark krg hrm atnm krdstnrgn rgndlkrdstn krdstnrgnfrk hrmkrdstn rgntnmdlkrdstn'
WHERE EXISTS (SELECT 1 FROM `areas` WHERE `pcode` = 'IQ-KR')
  AND NOT EXISTS (SELECT 1 FROM `area_search` WHERE `pcode` = 'IQ-KR');
--> statement-breakpoint
UPDATE `areas` SET `parent_pcode` = 'IQ-KR'
WHERE `pcode` IN ('IQG06', 'IQG09', 'IQG11') AND `parent_pcode` = 'IQ'
  AND EXISTS (SELECT 1 FROM `areas` WHERE `pcode` = 'IQ-KR');
--> statement-breakpoint
UPDATE `areas` SET `path` = '/IQ/IQ-KR/' || substr(`path`, 5)
WHERE (`path` LIKE '/IQ/IQG06/%' OR `path` LIKE '/IQ/IQG09/%' OR `path` LIKE '/IQ/IQG11/%')
  AND EXISTS (SELECT 1 FROM `areas` WHERE `pcode` = 'IQ-KR');
--> statement-breakpoint
UPDATE `service_coverage` SET `area_path` = '/IQ/IQ-KR/' || substr(`area_path`, 5)
WHERE (`area_path` LIKE '/IQ/IQG06/%' OR `area_path` LIKE '/IQ/IQG09/%' OR `area_path` LIKE '/IQ/IQG11/%')
  AND EXISTS (SELECT 1 FROM `areas` WHERE `pcode` = 'IQ-KR');
