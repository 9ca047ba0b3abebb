/**
 * The public read model of referral pathways: concerns, the pathways that hold in an area, and a
 * pathway's steps with the services that serve each step resolved to the published listings
 * relevant in the area asked about.
 *
 * Practitioner-only step details (pathway_step_referral_details) are never read here. Every query
 * takes its ids as one JSON list, so a pathway costs a fixed number of queries however many steps
 * and services it has (no N+1).
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { idList, idPage } from '../../db/id-list.ts';
import { shaped, slot } from '../../db/shaped-query.ts';
import {
  concerns,
  pathways,
  pathwayStepServices,
  pathwaySteps,
  serviceCoverage,
  serviceReferralLinks,
  services,
} from '../../db/schema.ts';
import { descendantsEnd, pathCodes } from '../domain/area-paths.ts';
import { compareStepServices, nearestPathways, pathwayAppliesIn } from '../domain/pathways.ts';
import { areaScope, type AreaScope } from './area-paths.ts';
import { areaNames, getArea, type AreaRow } from './areas.ts';
import { findCandidates } from './service-candidates.ts';
import { getServices, type ServiceParts } from './service-listing.ts';
import { allServiceTypes, withSubtypes, type ServiceTypeRow } from './service-types.ts';

export type ConcernRow = typeof concerns.$inferSelect;
export type PublicPathwayRow = Awaited<ReturnType<typeof publishedPathwaysOnPath>>[number];
export type PublicStepRow = Awaited<ReturnType<typeof publicSteps>>[number];

/** The taxonomy of concerns: a handful of rows. A query not yet sent, so it can also go in a D1 batch. */
export function allConcerns(db: Database) {
  return db.select().from(concerns).orderBy(asc(concerns.sortOrder), asc(concerns.id));
}

/** What the public may read of a pathway. */
export const publicPathwayFields = {
  id: pathways.id,
  areaPcode: pathways.areaPcode,
  concernId: pathways.concernId,
  names: pathways.names,
  intro: pathways.intro,
  isSample: pathways.isSample,
  sourceDescription: pathways.sourceDescription,
  sourceUrl: pathways.sourceUrl,
  sourceDate: pathways.sourceDate,
  verificationStatus: pathways.verificationStatus,
  lastVerifiedAt: pathways.lastVerifiedAt,
  lastVerifiedBy: pathways.lastVerifiedBy,
  verificationMethod: pathways.verificationMethod,
  nextVerificationDue: pathways.nextVerificationDue,
  updatedAt: pathways.updatedAt,
  version: pathways.version,
};

/** The published pathways defined at the area at `areaPath` or at one of its ancestors (one index probe per level). */
function publishedPathwaysOnPath(db: Database, areaPath: string, concernId?: string) {
  const conditions = [sql`${pathways.areaPcode} IN ${idList(pathCodes(areaPath))}`, eq(pathways.status, 'published')];
  if (concernId) conditions.push(eq(pathways.concernId, concernId));
  return db
    .select(publicPathwayFields)
    .from(pathways)
    .where(and(...conditions));
}

/**
 * The published pathways defined at any of the areas whose P-codes `codes` selects (a subquery), not
 * yet sent: a page that reads its area in the same batch passes its area and ancestors' P-codes.
 */
export function publishedPathwaysAt(db: Database, codes: SQL) {
  return db
    .select(publicPathwayFields)
    .from(pathways)
    .where(and(sql`${pathways.areaPcode} IN ${codes}`, eq(pathways.status, 'published')));
}

/** For each concern (or just `concernId`), the pathway that holds in the area at `areaPath`. */
export async function pathwaysFor(db: Database, areaPath: string, concernId?: string): Promise<PublicPathwayRow[]> {
  return nearestPathways(await publishedPathwaysOnPath(db, areaPath, concernId), areaPath);
}

/** A published pathway by id, or undefined. */
export function publishedPathway(db: Database, id: string): Promise<PublicPathwayRow | undefined> {
  return db
    .select(publicPathwayFields)
    .from(pathways)
    .where(and(eq(pathways.id, id), eq(pathways.status, 'published')))
    .get();
}

/** A pathway's steps in order, public fields only. */
/** What the public may read of a step: never its practitioner-only details (another table). */
const publicStepFields = {
  id: pathwaySteps.id,
  position: pathwaySteps.position,
  kind: pathwaySteps.kind,
  title: pathwaySteps.title,
  whatHappens: pathwaySteps.whatHappens,
  whatToBring: pathwaySteps.whatToBring,
  choices: pathwaySteps.choices,
  whatNext: pathwaySteps.whatNext,
};

function publicSteps(db: Database, pathwayId: string) {
  return db
    .select(publicStepFields)
    .from(pathwaySteps)
    .where(eq(pathwaySteps.pathwayId, pathwayId))
    .orderBy(asc(pathwaySteps.position));
}

/** What serves each step of a pathway: service types and named services, in their order. */
function stepTargets(db: Database, pathwayId: string) {
  return db
    .select({
      stepId: pathwayStepServices.stepId,
      serviceTypeId: pathwayStepServices.serviceTypeId,
      serviceId: pathwayStepServices.serviceId,
    })
    .from(pathwaySteps)
    .innerJoin(pathwayStepServices, eq(pathwayStepServices.stepId, pathwaySteps.id))
    .where(eq(pathwaySteps.pathwayId, pathwayId))
    .orderBy(asc(pathwaySteps.position), asc(pathwayStepServices.sortOrder), asc(pathwayStepServices.id));
}

/**
 * Which of the services `ids` are relevant in the area (api/domain/area-paths.ts `relevantIn`):
 * covering one of its ancestors or anything in the area itself. Driven by the id list.
 */
async function relevantAmong(db: Database, ids: readonly string[], area: AreaScope): Promise<Set<string>> {
  if (!ids.length) return new Set<string>();
  const c = serviceCoverage;
  const rows = await db
    .selectDistinct({ serviceId: c.serviceId })
    .from(idPage(ids))
    .crossJoin(c)
    .where(
      sql`${c.serviceId} = page.value AND (${c.areaPath} IN ${idList(area.ancestorPaths)}
        OR (${c.areaPath} >= ${area.path} AND ${c.areaPath} < ${descendantsEnd(area.path)}))`,
    );
  return new Set(rows.map((r) => r.serviceId));
}

export interface ResolvedStep {
  step: PublicStepRow;
  services: ServiceParts[];
}

/** At most this many services under one step: a pathway page stays readable on a phone. */
const SERVICES_PER_STEP = 20;

/**
 * A pathway's steps with, for each, the published services relevant in `area` that serve it: the
 * services named on the step and every listing of the step's service types (sub-types included),
 * hotlines and official channels first, then by their state at `now`.
 */
export async function resolveSteps(
  db: Database,
  pathwayId: string,
  area: AreaScope,
  types: ServiceTypeRow[],
  now: Date,
): Promise<ResolvedStep[]> {
  const [steps, targets] = await Promise.all([publicSteps(db, pathwayId), stepTargets(db, pathwayId)]);
  const typesOfStep = new Map<string, Set<string>>();
  const namedOfStep = new Map<string, Set<string>>();
  for (const t of targets) {
    if (t.serviceTypeId) {
      const set = typesOfStep.get(t.stepId) ?? new Set<string>();
      for (const id of withSubtypes(types, [t.serviceTypeId])) set.add(id);
      typesOfStep.set(t.stepId, set);
    }
    if (t.serviceId) namedOfStep.set(t.stepId, (namedOfStep.get(t.stepId) ?? new Set<string>()).add(t.serviceId));
  }
  const allTypes = [...new Set([...typesOfStep.values()].flatMap((s) => [...s]))];
  const allNamed = [...new Set([...namedOfStep.values()].flatMap((s) => [...s]))];
  const [candidates, named] = await Promise.all([
    allTypes.length ? findCandidates(db, { area, typeIds: allTypes }) : Promise.resolve([]),
    relevantAmong(db, allNamed, area),
  ]);
  const parts = await getServices(db, [...candidates.map((c) => c.id), ...named], now);
  const priorityTypes = new Set(types.filter((t) => t.isPriorityChannel).map((t) => t.id));
  const facts = parts.map((p) => ({ ...p, isPriority: p.typeIds.some((id) => priorityTypes.has(id)) }));
  return steps.map((step) => {
    const stepTypes = typesOfStep.get(step.id);
    const stepNamed = namedOfStep.get(step.id);
    const served = facts
      .filter(
        (p) => (stepNamed?.has(p.service.id) && named.has(p.service.id)) || p.typeIds.some((id) => stepTypes?.has(id)),
      )
      .sort((a, b) =>
        compareStepServices(
          { id: a.service.id, isPriority: a.isPriority, hours: a.hours, sortName: a.service.sortName },
          { id: b.service.id, isPriority: b.isPriority, hours: b.hours, sortName: b.service.sortName },
        ),
      );
    return { step, services: served.slice(0, SERVICES_PER_STEP) };
  });
}

/**
 * The public fields of the steps of the given pathways (the HSDS feed, the exports, an area's printed
 * sheet), each pathway's in order, and what serves each step (a service type or a named published
 * service): two queries however many pathways and steps. The practitioner-only step details are never read.
 */
export async function stepsOfPathways(db: Database, pathwayIds: readonly string[]) {
  if (!pathwayIds.length) return { steps: [], targets: [] };
  const [steps, targets] = await Promise.all([
    db
      .select({ ...publicStepFields, pathwayId: pathwaySteps.pathwayId })
      .from(idPage(pathwayIds))
      .crossJoin(pathwaySteps)
      .where(sql`${pathwaySteps.pathwayId} = page.value`)
      .orderBy(pathwaySteps.pathwayId, pathwaySteps.position),
    db
      .select({
        stepId: pathwayStepServices.stepId,
        serviceTypeId: pathwayStepServices.serviceTypeId,
        serviceId: pathwayStepServices.serviceId,
      })
      .from(idPage(pathwayIds))
      .crossJoin(pathwaySteps)
      .innerJoin(pathwayStepServices, eq(pathwayStepServices.stepId, pathwaySteps.id))
      .leftJoin(named, eq(named.id, pathwayStepServices.serviceId))
      .where(
        sql`${pathwaySteps.pathwayId} = page.value
          AND (${pathwayStepServices.serviceId} IS NULL OR ${named.status} = 'published')`,
      )
      .orderBy(pathwayStepServices.stepId, pathwayStepServices.sortOrder, pathwayStepServices.id),
  ]);
  return { steps, targets };
}

const named = alias(services, 'named');
const other = alias(services, 'other');
const link = alias(serviceReferralLinks, 'link');

/**
 * "Receives cases from", both ways, between published services only: the services that pass their
 * cases to `serviceId` (`receivesFrom`) and those it passes its cases to (`passesTo`), with the note.
 */
export async function referralLinksOf(db: Database, serviceId: string) {
  const [receivesFrom, passesTo] = await Promise.all(referralLinkQueries(db, serviceId));
  return { receivesFrom, passesTo };
}

/**
 * The two queries of `referralLinksOf`, not yet sent, so a page can put them in its D1 batch:
 * `[receivesFrom, passesTo]`.
 */
export function referralLinkQueries(db: Database, serviceId: string) {
  // CROSS JOIN keeps the service's few links as the outer loop (SQLite never reorders one): with an
  // inner join the planner walked every service in name order to spare itself a sort of two rows.
  const fields = { id: other.id, names: other.names, note: link.note };
  // Every service's page reads both: their text never changes, so each is built once per isolate.
  const id = slot<string>('id');
  return [
    shaped(
      db,
      'referral links to a service',
      () =>
        db
          .select(fields)
          .from(link)
          .crossJoin(other)
          .where(and(eq(link.toServiceId, id), eq(other.id, link.fromServiceId), eq(other.status, 'published')))
          .orderBy(asc(other.sortName), asc(other.id)),
      { id: serviceId },
    ),
    shaped(
      db,
      'referral links from a service',
      () =>
        db
          .select(fields)
          .from(link)
          .crossJoin(other)
          .where(and(eq(link.fromServiceId, id), eq(other.id, link.toServiceId), eq(other.status, 'published')))
          .orderBy(asc(other.sortName), asc(other.id)),
      { id: serviceId },
    ),
  ] as const;
}

export type LoadedPathway =
  | { ok: false; problem: 'no_pathway' | 'no_area' | 'not_in_area'; areaPcode: string; pathwayArea?: string }
  | {
      ok: true;
      pathway: PublicPathwayRow;
      area: AreaRow;
      concerns: ConcernRow[];
      types: ServiceTypeRow[];
      steps: ResolvedStep[];
      areaNames: Map<string, AreaRow['names']>;
    };

/**
 * Everything public about one published pathway, its steps' services resolved for the area with
 * P-code `areaPcode` (the pathway's own area when absent), which must be the pathway's area or lie
 * inside it. One reader for the API and the page, so both say the same.
 */
export async function loadPathway(
  db: Database,
  id: string,
  areaPcode: string | undefined,
  now: Date,
): Promise<LoadedPathway> {
  const pathway = await publishedPathway(db, id);
  if (!pathway) return { ok: false, problem: 'no_pathway', areaPcode: areaPcode ?? '' };
  const requested = areaPcode ?? pathway.areaPcode;
  const [area, concernRows, types] = await Promise.all([getArea(db, requested), allConcerns(db), allServiceTypes(db)]);
  if (!area) return { ok: false, problem: 'no_area', areaPcode: requested };
  if (!pathwayAppliesIn(pathway.areaPcode, area.path)) {
    return { ok: false, problem: 'not_in_area', areaPcode: requested, pathwayArea: pathway.areaPcode };
  }
  const [steps, names] = await Promise.all([
    resolveSteps(db, pathway.id, areaScope(area.path), types, now),
    areaNames(db, [...new Set([area.pcode, pathway.areaPcode])]),
  ]);
  return { ok: true, pathway, area, concerns: concernRows, types, steps, areaNames: names };
}
