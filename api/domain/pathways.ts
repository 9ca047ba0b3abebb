// Referral pathways: which pathway holds in an area, and in what order a step's services are shown.
// Pure rules (no drizzle, no D1); api/queries/pathways.ts reads the rows they decide between.
import { pathCodes } from './area-paths.ts';
import type { HoursState } from './opening-hours.ts';

/**
 * For each concern, the pathway that holds in the area at `areaPath`: the one defined at the area
 * itself or, failing that, at its nearest ancestor (a subdistrict follows its district's pathway,
 * the district its governorate's, unless a lower area has its own). `candidates` are the published
 * pathways defined anywhere on the path; those defined elsewhere are ignored.
 */
export function nearestPathways<P extends { areaPcode: string; concernId: string; id: string }>(
  candidates: readonly P[],
  areaPath: string,
): P[] {
  const depth = new Map(pathCodes(areaPath).map((code, i) => [code, i]));
  const best = new Map<string, P>();
  for (const p of candidates) {
    const d = depth.get(p.areaPcode);
    if (d === undefined) continue;
    const current = best.get(p.concernId);
    const currentDepth = current ? depth.get(current.areaPcode)! : -1;
    // Deepest wins; at one area (never two published, by the schema's unique index) the id decides.
    if (d > currentDepth || (d === currentDepth && current && p.id < current.id)) best.set(p.concernId, p);
  }
  return [...best.values()];
}

/** Whether a pathway defined at `pathwayArea` holds in the area at `areaPath` (it is the area or an ancestor). */
export function pathwayAppliesIn(pathwayArea: string, areaPath: string): boolean {
  return pathCodes(areaPath).includes(pathwayArea);
}

export interface StepServiceFacts {
  id: string;
  isPriority: boolean;
  hours: HoursState;
  sortName: string;
}

const OPEN_RANK: Record<HoursState['state'], number> = { open: 0, unknown: 1, closed: 2 };

/**
 * The order of a step's services: hotlines and official reporting channels first (a person in
 * danger reaches them before anything else), then those open now, then those whose hours are not
 * known, then closed ones; by name within each.
 */
export function compareStepServices(a: StepServiceFacts, b: StepServiceFacts): number {
  if (a.isPriority !== b.isPriority) return a.isPriority ? -1 : 1;
  const open = OPEN_RANK[a.hours.state] - OPEN_RANK[b.hours.state];
  if (open) return open;
  if (a.sortName !== b.sortName) return a.sortName < b.sortName ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
