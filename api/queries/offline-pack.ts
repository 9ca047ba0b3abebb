/**
 * What a governorate's offline pack is made of, read in a fixed number of queries however many
 * areas, services and pathways it holds: the governorate's areas (one index range), its ancestors,
 * the published services relevant in it, and the published pathways that can hold anywhere in it.
 * Only published, public things are read: the pack is made of survivor pages and public API answers.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { idList } from '../../db/id-list.ts';
import { areas, pathways, services } from '../../db/schema.ts';
import { ancestorCodes, descendantsEnd } from '../domain/area-paths.ts';
import { nearestPathways } from '../domain/pathways.ts';
import { areaScope, servicesRelevantIn } from './area-paths.ts';
import type { AreaRow } from './areas.ts';

export interface OfflinePackContents {
  /** The governorate and every area inside it, the governorate first. */
  areas: AreaRow[];
  /** The governorate's ancestors (country, region): their pages are linked from every breadcrumb. */
  ancestors: AreaRow[];
  /** Published services relevant somewhere in the governorate, national ones included. */
  serviceIds: string[];
  /** For each area of the governorate, the pathways that hold there (one per concern). */
  pathwaysByArea: Map<string, string[]>;
}

export async function offlinePackContents(db: Database, governorate: AreaRow): Promise<OfflinePackContents> {
  const scope = areaScope(governorate.path);
  const ancestorPcodes = ancestorCodes(governorate.path);
  const [inside, ancestors, relevant, candidates] = await Promise.all([
    db
      .select()
      .from(areas)
      .where(sql`${areas.path} >= ${governorate.path} AND ${areas.path} < ${descendantsEnd(governorate.path)}`)
      .orderBy(asc(areas.path)),
    ancestorPcodes.length
      ? db
          .select()
          .from(areas)
          .where(sql`${areas.pcode} IN ${idList(ancestorPcodes)}`)
      : Promise.resolve([]),
    db
      .select({ id: services.id })
      .from(services)
      .where(and(eq(services.status, 'published'), sql`${services.id} IN (${servicesRelevantIn(scope)})`))
      .orderBy(asc(services.id)),
    // A pathway defined at an ancestor or at any area of the governorate may hold somewhere in it.
    db
      .select({ id: pathways.id, areaPcode: pathways.areaPcode, concernId: pathways.concernId })
      .from(pathways)
      .innerJoin(areas, eq(areas.pcode, pathways.areaPcode))
      .where(
        and(
          eq(pathways.status, 'published'),
          sql`(${areas.pcode} IN ${idList(ancestorPcodes)}
            OR (${areas.path} >= ${governorate.path} AND ${areas.path} < ${descendantsEnd(governorate.path)}))`,
        ),
      ),
  ]);
  const pathwaysByArea = new Map(inside.map((a) => [a.pcode, nearestPathways(candidates, a.path).map((p) => p.id)]));
  const order = new Map(ancestorPcodes.map((code, i) => [code, i]));
  return {
    areas: inside,
    ancestors: ancestors.sort((a, b) => (order.get(a.pcode) ?? 0) - (order.get(b.pcode) ?? 0)),
    serviceIds: relevant.map((r) => r.id),
    pathwaysByArea,
  };
}
