import { COUNTRY_TIME_ZONES, type Language } from '../domain/vocabulary.ts';
import { localise } from '../domain/language.ts';
import type { AreaRow } from '../queries/areas.ts';

export function areaView(a: AreaRow, lang: Language) {
  return {
    pcode: a.pcode,
    country: a.country,
    level: a.level,
    parent_pcode: a.parentPcode,
    name: localise(a.names, lang),
    names: a.names as Record<string, string>,
    time_zone: COUNTRY_TIME_ZONES[a.country],
    centroid: [a.centroidLon, a.centroidLat] as [number, number],
    bbox: [a.minLon, a.minLat, a.maxLon, a.maxLat] as [number, number, number, number],
  };
}
