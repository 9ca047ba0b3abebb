// Administrative areas seed: countries (level 0) plus the OCHA COD-AB units of Iraq (governorate,
// district, subdistrict) and Guatemala (departamento, municipio), read from db/seed/geo/*.geojson,
// and the Kurdistan Region, a region between Iraq and three of its governorates (REGIONS).
// Sources, licences and the required credit lines are in db/seed/geo/README.md and
// db/seed/geo/ATTRIBUTION.json.
//
// Names: `en`/`ar`/`ckb` (Iraq) and `es`/`en` (Guatemala) come from the files. Badini (`kmr`) has no
// data source and is hand-supplied below for a few places; everywhere else `kmr` is absent and the
// API falls back ckb → ar → en. Aliases are the gazetteer's other names plus a short hand list
// (geo/place-names*.json, see loadAliases).

import { readFileSync } from 'node:fs';
import { nameKey, placeSearchDocument } from '../../api/domain/text-normalise.ts';
import { AREA_LEVELS, COUNTRY_TIME_ZONES } from '../../api/domain/vocabulary.ts';
import { insertRow } from './sql.mjs';

/**
 * D1 rejects SQL statements longer than 100,000 bytes ("Maximum SQL statement length", D1 platform
 * limits; workerd sets SQLITE_LIMIT_SQL_LENGTH to 100000, so local D1 enforces it too). A value may
 * be up to 1,000,000 bytes ("Maximum string, BLOB or table row size"). Every statement produced here
 * stays at or under this budget, leaving headroom below the hard limit.
 */
export const MAX_STATEMENT_BYTES = 90_000;

/** D1's maximum string / row size; a stored boundary must stay under it. */
const MAX_VALUE_BYTES = 1_000_000;

const FILES = [
  { file: 'iraq-admin1.geojson', country: 'IQ' },
  { file: 'iraq-admin2.geojson', country: 'IQ' },
  { file: 'iraq-admin3.geojson', country: 'IQ' },
  { file: 'guatemala-admin1.geojson', country: 'GT' },
  { file: 'guatemala-admin2.geojson', country: 'GT' },
];

/**
 * Level-0 records. Not in the COD files. Names are hand-supplied: `ar`/`en`/`es` are the standard
 * exonyms; `ckb` "عێراق" is the usual Sorani spelling; `kmr` "عیراق" is a Badini (Kurmanji,
 * Arabic script) spelling (Latin "Iraq"/"Îraq"); Guatemala `ckb` "گواتیمالا" is a Sorani
 * transliteration. To be reviewed by native speakers.
 */
const COUNTRIES = [
  { pcode: 'IQ', names: { en: 'Iraq', ar: 'العراق', ckb: 'عێراق', kmr: 'عیراق', es: 'Irak' } },
  { pcode: 'GT', names: { en: 'Guatemala', es: 'Guatemala', ar: 'غواتيمالا', ckb: 'گواتیمالا' } },
];

/**
 * Regions: groupings of governorates that are no OCHA level, so no COD file has them. The code is
 * the region's ISO 3166-2 code (IQ-KR, whose parent subdivisions in ISO 3166-2:IQ are IQ-AR Erbil,
 * IQ-DA Duhok and IQ-SU Sulaymaniyah): its hyphen never occurs in an OCHA P-code, so it cannot
 * collide with one (api/domain/area-paths.ts `isRegionCode`). A region sits directly under its
 * country and above its governorates, which keep their OCHA P-codes; its boundary, bounding box and
 * centroid are built from theirs like a country's. Halabja, a governorate of the Kurdistan Region
 * since 2014, is a district of Sulaymaniyah (IQG06Q05) in the COD, so it lies in the region through
 * Sulaymaniyah. Names: `ar`/`ckb` as the Kurdistan Regional Government writes them, `kmr` the Badini
 * (Arabic-script Kurmanji) form of "Herêma Kurdistanê", `es` the usual Spanish exonym. Other
 * spellings people type are in geo/place-names-hand.json.
 */
const REGIONS = [
  {
    pcode: 'IQ-KR',
    country: 'IQ',
    governorates: ['IQG06', 'IQG09', 'IQG11'],
    names: {
      en: 'Kurdistan Region',
      ar: 'إقليم كوردستان',
      ckb: 'هەرێمی کوردستان',
      kmr: 'هەرێما کوردستانێ',
      es: 'Región del Kurdistán',
    },
  },
];

/**
 * HAND-SUPPLIED Badini (Kurmanji as written in Arabic script in the Duhok area) names, by P-code.
 * There is no open data source for these; they are best-effort spellings for the Kurdistan Region
 * governorates and the districts that matter in the sample, written from the Kurmanji forms given in
 * the comments. Not authoritative: have them checked by a Badini speaker before relying on them.
 * Areas not listed here have no `kmr` name (the API falls back ckb → ar → en).
 */
const KMR_NAMES = {
  IQG09: 'دهۆک', // Duhok governorate (Dihok / Duhok)
  IQG09Q01: 'ئامێدی', // Al-Amadiya district (Amêdî)
  IQG09Q02: 'دهۆک', // Duhok district (Dihok)
  IQG09Q03: 'سێمێل', // Sumail district (Sêmêl)
  IQG09Q04: 'زاخۆ', // Zakho district (Zaxo)
  IQG11: 'هەولێر', // Erbil governorate (Hewlêr)
  IQG11Q02: 'هەولێر', // Erbil district (Hewlêr)
  IQG06: 'سلێمانی', // Al-Sulaymaniyah governorate (Silêmanî)
  IQG06Q01: 'سلێمانی', // Al-Sulaymaniyah district (Silêmanî)
  IQG06Q05: 'هەلەبجە', // Halabcha district (Helebce)
  IQG15: 'نەینەوا', // Ninewa governorate (Neynewa)
  IQG15Q01: 'ئاکرێ', // Aqra district (Akrê)
  IQG15Q05: 'مووسل', // Al-Mosul district (Mûsil)
  IQG15Q06: 'شێخان', // Al-Shikhan district (Şêxan)
  IQG15Q07: 'شنگال', // Sinjar district (Şingal)
};

/**
 * Other names people type for a place (aliases), by P-code: the gazetteer's variant, historic and
 * Kurdish names (geo/place-names.json, from Who's On First, GeoNames and Wikidata; credited in
 * geo/ATTRIBUTION.json) and a short hand list of names no source has, each with why
 * (geo/place-names-hand.json). Search indexes them and ranks a place whose alias was typed first.
 */
function loadAliases() {
  const gazetteer = readJson('place-names.json');
  const hand = readJson('place-names-hand.json');
  const aliases = {};
  for (const [pcode, entry] of Object.entries(gazetteer))
    if (pcode !== '_meta') (aliases[pcode] ??= []).push(...entry.names);
  for (const [pcode, names] of Object.entries(hand))
    if (pcode !== '_meta') (aliases[pcode] ??= []).push(...names.map((n) => n.name));
  return aliases;
}

/** The aliases that add something: one per search key, none that only repeats one of the names. */
function usefulAliases(aliases, names) {
  const seen = new Set(Object.values(names).map(nameKey));
  return (aliases ?? []).filter((alias) => {
    const key = nameKey(alias);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const readJson = (file) => JSON.parse(readFileSync(new URL(`./geo/${file}`, import.meta.url), 'utf8'));

/** The polygons of a Polygon or MultiPolygon, as an array of ring arrays. */
function polygonsOf(geometry) {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new Error(`unexpected geometry type ${geometry.type}`);
}

function bboxOf(geometry) {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygonsOf(geometry))
    for (const ring of polygon)
      for (const [lon, lat] of ring) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
  return { minLon, minLat, maxLon, maxLat };
}

/** Planar (lon/lat degree) area: exterior rings minus holes. */
function planarArea(geometry) {
  let total = 0;
  for (const polygon of polygonsOf(geometry))
    polygon.forEach((ring, i) => {
      let twice = 0;
      for (let k = 0, j = ring.length - 1; k < ring.length; j = k++)
        twice += ring[j][0] * ring[k][1] - ring[k][0] * ring[j][1];
      total += (i === 0 ? 1 : -1) * Math.abs(twice / 2);
    });
  return total;
}

const round5 = (x) => Math.round(x * 1e5) / 1e5;

/**
 * The geometry, bounding box and centroid of an area made of `parts` (a country of its level-1
 * areas, a region of its governorates): geometry = MultiPolygon of all the parts' polygons (no
 * dissolve, so internal borders remain), bbox from that geometry, and centroid = mean of the parts'
 * centroids weighted by each part's area (planar degree area × cos(latitude), which approximates
 * true area at these latitudes).
 */
function unionOf(parts) {
  const geometry = { type: 'MultiPolygon', coordinates: parts.flatMap((a) => polygonsOf(a.geometry)) };
  let weight = 0;
  let lon = 0;
  let lat = 0;
  for (const a of parts) {
    const w = planarArea(a.geometry) * Math.cos((a.centroidLat * Math.PI) / 180);
    weight += w;
    lon += w * a.centroidLon;
    lat += w * a.centroidLat;
  }
  return { centroidLon: round5(lon / weight), centroidLat: round5(lat / weight), ...bboxOf(geometry), geometry };
}

/** A country record built from its level-1 areas (unionOf). */
function countryRecord({ pcode, names }, level1) {
  return {
    pcode,
    country: pcode,
    level: AREA_LEVELS.country,
    parentPcode: null,
    path: `/${pcode}/`,
    names,
    aliases: [],
    timeZone: COUNTRY_TIME_ZONES[pcode],
    ...unionOf(level1),
  };
}

/** A region record built from its governorates (unionOf), directly under its country. */
function regionRecord({ pcode, country, names }, governorates, aliasTable) {
  return {
    pcode,
    country,
    level: AREA_LEVELS.region,
    parentPcode: country,
    path: '', // filled in with the others'
    names,
    aliases: usefulAliases(aliasTable[pcode], names),
    timeZone: COUNTRY_TIME_ZONES[country],
    ...unionOf(governorates),
  };
}

function areaRecord(feature, country, aliasTable) {
  const p = feature.properties;
  const names =
    country === 'IQ'
      ? {
          en: p.name_en,
          ar: p.name_ar,
          ...(p.name_ckb ? { ckb: p.name_ckb } : {}),
          ...(KMR_NAMES[p.pcode] ? { kmr: KMR_NAMES[p.pcode] } : {}),
        }
      : { en: p.name_en, es: p.name_es };
  const aliases = usefulAliases(aliasTable[p.pcode], names);
  return {
    pcode: p.pcode,
    country,
    level: p.level,
    parentPcode: p.parent_pcode,
    path: '', // filled in once all parents are known
    names,
    aliases,
    timeZone: COUNTRY_TIME_ZONES[country],
    centroidLon: p.centroid[0],
    centroidLat: p.centroid[1],
    ...bboxOf(feature.geometry),
    geometry: feature.geometry,
  };
}

/**
 * All administrative areas: the two countries first, then the regions, then levels 1, 2, 3; by P-code
 * within a level.
 * @returns {Array<{ pcode: string, country: 'IQ'|'GT', level: number, parentPcode: string|null,
 *   path: string, names: Record<string, string>, aliases: string[], timeZone: string,
 *   centroidLon: number, centroidLat: number, minLon: number, minLat: number, maxLon: number,
 *   maxLat: number, geometry: { type: 'Polygon'|'MultiPolygon', coordinates: unknown[] } }>}
 */
export function loadAreas() {
  const units = [];
  const aliasTable = loadAliases();
  for (const { file, country } of FILES) {
    for (const feature of readJson(file).features) units.push(areaRecord(feature, country, aliasTable));
  }
  const countries = COUNTRIES.map((c) =>
    countryRecord(
      c,
      units.filter((a) => a.country === c.pcode && a.level === 1),
    ),
  );
  // Countries first (IQ, GT, in COUNTRIES order), then regions, then by level, then by P-code.
  units.sort((a, b) => a.level - b.level || (a.pcode < b.pcode ? -1 : a.pcode > b.pcode ? 1 : 0));
  const regions = REGIONS.map((r) => {
    const governorates = units.filter((a) => r.governorates.includes(a.pcode));
    if (governorates.length !== r.governorates.length || governorates.some((g) => g.level !== AREA_LEVELS.governorate))
      throw new Error(`${r.pcode}: its governorates must be first-level areas`);
    for (const g of governorates) g.parentPcode = r.pcode;
    return regionRecord(r, governorates, aliasTable);
  });
  const all = [...countries, ...regions, ...units];

  const byPcode = new Map(all.map((a) => [a.pcode, a]));
  if (byPcode.size !== all.length) throw new Error('duplicate P-code in the boundary files');
  for (const a of all) {
    if (a.level === AREA_LEVELS.country) continue;
    const parent = byPcode.get(a.parentPcode);
    // A region lies directly under its country; a governorate under its country or its region;
    // every other area one level below its parent.
    const parentLevels =
      a.level === AREA_LEVELS.region
        ? [AREA_LEVELS.country]
        : a.level === AREA_LEVELS.governorate
          ? [AREA_LEVELS.country, AREA_LEVELS.region]
          : [a.level - 1];
    if (!parent || !parentLevels.includes(parent.level) || parent.country !== a.country)
      throw new Error(`${a.pcode}: bad parent ${a.parentPcode}`);
    a.path = `${parent.path}${a.pcode}/`; // parents come first (countries, regions, then by level)
  }
  for (const table of [KMR_NAMES, aliasTable])
    for (const pcode of Object.keys(table))
      if (!byPcode.has(pcode)) throw new Error(`hand table names unknown P-code ${pcode}`);
  return all;
}

const utf8Bytes = (s) => Buffer.byteLength(s, 'utf8');

/**
 * The statement storing one boundary, geometry JSON kept exactly (coordinates unchanged). Every
 * COD unit and region fits one statement; countries have no boundary row (the map draws their units).
 */
function boundaryStatement(pcode, geometry) {
  const json = JSON.stringify(geometry);
  if (json.length >= MAX_VALUE_BYTES)
    throw new Error(`${pcode}: geometry ${json.length} bytes exceeds D1's value limit`);
  return insertRow('area_boundaries', { pcode, geometry: json });
}

/**
 * SQL statements inserting the areas into `areas`, `area_boundaries` and the FTS5 table
 * `area_search`. Every `areas` row comes before any row that references it (parents first), and
 * each statement is at most MAX_STATEMENT_BYTES long.
 * @param {ReturnType<typeof loadAreas>} areas
 * @returns {string[]}
 */
export function areaStatements(areas) {
  const statements = [];
  for (const a of areas) {
    statements.push(
      insertRow('areas', {
        pcode: a.pcode,
        country: a.country,
        level: a.level,
        parent_pcode: a.parentPcode,
        path: a.path,
        names: a.names,
        aliases: a.aliases,
        time_zone: a.timeZone,
        centroid_lon: a.centroidLon,
        centroid_lat: a.centroidLat,
        min_lon: a.minLon,
        min_lat: a.minLat,
        max_lon: a.maxLon,
        max_lat: a.maxLat,
      }),
    );
  }
  for (const a of areas) if (a.level !== AREA_LEVELS.country) statements.push(boundaryStatement(a.pcode, a.geometry));
  for (const a of areas) {
    const { body, skeletons } = placeSearchDocument([...Object.values(a.names), ...a.aliases]);
    statements.push(insertRow('area_search', { pcode: a.pcode, body, skeletons }));
  }
  for (const s of statements)
    if (utf8Bytes(s) > MAX_STATEMENT_BYTES)
      throw new Error(`statement of ${utf8Bytes(s)} bytes exceeds ${MAX_STATEMENT_BYTES}`);
  return statements;
}
