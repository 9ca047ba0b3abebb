import { env } from 'cloudflare:workers';
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
  pathCodes,
  relevantIn,
} from '../../api/domain/area-paths.ts';
import { areaScope, governorateOf, servicesRelevantIn } from '../../api/queries/area-paths.ts';

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
      expect(pathCodes(area.path)).toHaveLength(area.level + 1);
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
      // A country has no governorate above it and discloses itself; every other area lies in a first-level one.
      expect({ pcode: area.pcode, level: governorate?.level }).toEqual({
        pcode: area.pcode,
        level: Math.min(area.level, 1),
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
