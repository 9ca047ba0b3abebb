import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { database } from '../../db/client.ts';
import { areas, serviceCoverage } from '../../db/schema.ts';
import {
  ancestorCodes,
  ancestorPaths,
  covers,
  descendantsEnd,
  governorateCode,
  governoratePath,
  isRegionCode,
  pathCodes,
  relevantIn,
} from '../../api/domain/area-paths.ts';
import { areaScope, governorateOf, servicesRelevantIn } from '../../api/queries/area-paths.ts';
import { AREA_LEVELS, isPcode } from '../../api/domain/vocabulary.ts';

// Ancestry is read from the path stored on every area row; these sweeps check, for every area the
// gazetteer loads, that what the path says agrees with the tree the rows form by their parents.
const db = database(env.DB);
const loadAreas = () =>
  db.select({ pcode: areas.pcode, parent: areas.parentPcode, level: areas.level, path: areas.path }).from(areas);

describe('area paths agree with the area tree for every area', () => {
  it('the ancestors read from an area path are its chain of parents, from the country down', async () => {
    const rows = await loadAreas();
    expect(rows.length).toBeGreaterThan(0);
    const byPcode = new Map(rows.map((r) => [r.pcode, r]));
    for (const area of rows) {
      const chain: string[] = [];
      for (let parent = area.parent; parent; parent = byPcode.get(parent)?.parent ?? null) chain.unshift(parent);
      expect({ pcode: area.pcode, codes: ancestorCodes(area.path) }).toEqual({ pcode: area.pcode, codes: chain });
      expect({ pcode: area.pcode, paths: ancestorPaths(area.path) }).toEqual({
        pcode: area.pcode,
        paths: chain.map((code) => byPcode.get(code)?.path),
      });
      expect(pathCodes(area.path).at(-1)).toBe(area.pcode);
      // One code per level from the country down, plus the region's when the area lies in one.
      const regions = chain.filter((code) => byPcode.get(code)?.level === AREA_LEVELS.region).length;
      const depth = area.level === AREA_LEVELS.region ? 2 : area.level + 1 + regions;
      expect({ pcode: area.pcode, depth: pathCodes(area.path).length }).toEqual({ pcode: area.pcode, depth });
      // A code is a region's exactly when its area is a region.
      expect({ pcode: area.pcode, region: isRegionCode(area.pcode) }).toEqual({
        pcode: area.pcode,
        region: area.level === AREA_LEVELS.region,
      });
    }
  });

  it('the governorate of an area is the same in SQL and in code, and is the first-level area above it', async () => {
    const rows = await db
      .select({ pcode: areas.pcode, level: areas.level, path: areas.path, governorate: governorateOf(areas.pcode) })
      .from(areas);
    const byPcode = new Map(rows.map((r) => [r.pcode, r]));
    for (const area of rows) {
      expect({ pcode: area.pcode, governorate: area.governorate }).toEqual({
        pcode: area.pcode,
        governorate: governorateCode(area.path),
      });
      const governorate = byPcode.get(area.governorate);
      // A country or a region has no governorate above it and discloses itself; every other area
      // lies in a first-level one, never only in its region.
      const above = area.level === AREA_LEVELS.country || area.level === AREA_LEVELS.region;
      expect({ pcode: area.pcode, level: governorate?.level }).toEqual({
        pcode: area.pcode,
        level: above ? area.level : AREA_LEVELS.governorate,
      });
      expect(governorate?.path).toBe(governoratePath(area.path));
      expect(covers(governoratePath(area.path), area.path)).toBe(true);
    }
  });

  it('the areas inside an area are exactly the paths in its range and the areas it covers', async () => {
    const rows = await loadAreas();
    const children = new Map<string, string[]>();
    for (const r of rows) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.pcode]);
    const byPcode = new Map(rows.map((r) => [r.pcode, r]));
    const subtree = (pcode: string): string[] => [pcode, ...(children.get(pcode) ?? []).flatMap(subtree)];
    for (const area of rows) {
      const expected = subtree(area.pcode).sort();
      const inRange = rows
        .filter((r) => r.path >= area.path && r.path < descendantsEnd(area.path))
        .map((r) => r.pcode)
        .sort();
      const covered = rows
        .filter((r) => covers(area.path, r.path))
        .map((r) => r.pcode)
        .sort();
      expect({ pcode: area.pcode, inRange, covered }).toEqual({
        pcode: area.pcode,
        inRange: expected,
        covered: expected,
      });
      expect(byPcode.get(area.pcode)?.path).toBe(area.path);
    }
  });

  it('the services an area listing starts from are, in SQL, the services relevant there by their coverage', async () => {
    const rows = await loadAreas();
    const coverage = await db.select().from(serviceCoverage);
    expect(coverage.length).toBeGreaterThan(0);
    for (const area of rows) {
      const found = await db.all<{ service_id: string }>(servicesRelevantIn(areaScope(area.path)));
      const expected = [
        ...new Set(coverage.filter((c) => relevantIn(c.areaPath, area.path)).map((c) => c.serviceId)),
      ].sort();
      expect({ pcode: area.pcode, services: found.map((r) => r.service_id).sort() }).toEqual({
        pcode: area.pcode,
        services: expected,
      });
    }
  });
});

describe('the Kurdistan Region on area paths', () => {
  it('its code is accepted as an area code and can never be an OCHA P-code', () => {
    expect(isPcode('IQ-KR')).toBe(true);
    expect(isRegionCode('IQ-KR')).toBe(true);
    for (const code of ['IQ', 'IQG11', 'IQG11Q02', 'IQG11Q02N02', 'GT0101']) expect(isRegionCode(code)).toBe(false);
    for (const bad of ['IQ-', 'IQ-KRIQ', 'iq-kr', 'IQ--KR']) expect(isPcode(bad)).toBe(false);
  });

  it('the governorate of an area in the region is its governorate, never the region', async () => {
    const duhokDistrict = '/IQ/IQ-KR/IQG09/IQG09Q02/';
    expect(governoratePath(duhokDistrict)).toBe('/IQ/IQ-KR/IQG09/');
    expect(governorateCode(duhokDistrict)).toBe('IQG09');
    expect(governorateCode('/IQ/IQ-KR/IQG11/IQG11Q02/IQG11Q02N02/')).toBe('IQG11');
    expect(governorateCode('/IQ/IQ-KR/')).toBe('IQ-KR');
    expect(governorateCode('/IQ/IQG15/IQG15Q05/')).toBe('IQG15');
    const [row] = await db
      .select({ governorate: governorateOf(areas.pcode) })
      .from(areas)
      .where(eq(areas.pcode, 'IQG09Q02'));
    expect(row?.governorate).toBe('IQG09');
  });

  it('a service attached to the region is relevant in every area inside it and in no other governorate', () => {
    expect(relevantIn('/IQ/IQ-KR/', '/IQ/IQ-KR/IQG06/IQG06Q01/IQG06Q01N01/')).toBe(true);
    expect(relevantIn('/IQ/IQ-KR/', '/IQ/')).toBe(true);
    expect(relevantIn('/IQ/IQ-KR/', '/IQ/IQG08/')).toBe(false);
    expect(ancestorCodes('/IQ/IQ-KR/IQG11/IQG11Q02/')).toEqual(['IQ', 'IQ-KR', 'IQG11']);
  });
});
