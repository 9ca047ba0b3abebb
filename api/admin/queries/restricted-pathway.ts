/**
 * The maintainers' read of referral pathways: the list in a person's scope and one pathway with
 * its steps in order, each step's services and, for those who refer people, its practitioner-only
 * details. A pathway costs a fixed number of queries however many steps it has.
 */
import { and, asc, count, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { inIds } from '../../../db/id-list.ts';
import type { Database } from '../../../db/client.ts';
import {
  areas,
  pathways,
  pathwayStepReferralDetails,
  pathwayStepServices,
  pathwaySteps,
  serviceTypeAssignments,
  serviceTypes,
} from '../../../db/schema.ts';
import { relevantIn } from '../../domain/area-paths.ts';
import { verificationCycleDays } from '../../domain/listing-index.ts';
import type { PathwayStatus } from '../../domain/vocabulary.ts';
import { mayOnPathway } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { apiRow } from '../edit/entities.ts';
import type { PathwayDetail } from '../schemas/pathways.ts';

/** `column IN` a JSON list bound as one parameter (D1 binds at most 100). */

export interface PathwayFilters {
  /** The pathways that hold in this area or are defined inside it (by its path). */
  areaPath?: string;
  concern?: string;
  status?: PathwayStatus;
  /** Only those whose check is due by `now` (never checked, or past their next due date). */
  due?: boolean;
  now: Date;
  limit: number;
}

export async function pathwaysInScope(db: Database, p: Principal, filters: PathwayFilters) {
  const due = or(isNull(pathways.nextVerificationDue), lte(pathways.nextVerificationDue, filters.now.toISOString()));
  const rows = await db
    .select({
      id: pathways.id,
      area_pcode: pathways.areaPcode,
      area_path: areas.path,
      concern_id: pathways.concernId,
      status: pathways.status,
      names: pathways.names,
      is_sample: pathways.isSample,
      version: pathways.version,
      verification_status: pathways.verificationStatus,
      next_verification_due: pathways.nextVerificationDue,
      steps:
        sql<number>`(SELECT count(*) FROM ${pathwaySteps} WHERE ${pathwaySteps.pathwayId} = ${pathways.id})`.mapWith(
          Number,
        ),
    })
    .from(pathways)
    .innerJoin(areas, eq(areas.pcode, pathways.areaPcode))
    .where(
      and(
        filters.concern ? eq(pathways.concernId, filters.concern) : undefined,
        filters.status ? eq(pathways.status, filters.status) : undefined,
        filters.due ? due : undefined,
      ),
    )
    .orderBy(asc(areas.path), asc(pathways.concernId), asc(pathways.id));
  const readOnly = p.role === 'caseworker' || p.role === 'editor';
  return rows
    .filter((r) => mayOnPathway(p, 'read', { areaPath: r.area_path }))
    .filter((r) => !readOnly || r.status === 'published')
    .filter((r) => !filters.areaPath || relevantIn(r.area_path, filters.areaPath))
    .slice(0, filters.limit)
    .map(({ area_path: areaPath, ...r }) => ({ ...r, may_edit: mayOnPathway(p, 'edit', { areaPath }) }));
}

/** One pathway with its steps in order; the practitioner-only details only when `withReferral`. */
export async function pathwayDetail(
  db: Database,
  id: string,
  withReferral: boolean,
): Promise<Omit<PathwayDetail, 'may_edit'> | null> {
  const found = await db
    .select({ pathway: pathways, areaPath: areas.path })
    .from(pathways)
    .innerJoin(areas, eq(areas.pcode, pathways.areaPcode))
    .where(eq(pathways.id, id))
    .get();
  if (!found) return null;
  const steps = await db
    .select()
    .from(pathwaySteps)
    .where(eq(pathwaySteps.pathwayId, id))
    .orderBy(asc(pathwaySteps.position));
  const stepIds = steps.map((s) => s.id);
  const [targets, referrals] = await Promise.all([
    db
      .select()
      .from(pathwayStepServices)
      .where(inIds(pathwayStepServices.stepId, stepIds))
      .orderBy(asc(pathwayStepServices.sortOrder), asc(pathwayStepServices.id)),
    withReferral
      ? db.select().from(pathwayStepReferralDetails).where(inIds(pathwayStepReferralDetails.stepId, stepIds))
      : Promise.resolve([]),
  ]);
  const pathway = apiRow(pathways, found.pathway);
  return {
    ...pathway,
    area_path: found.areaPath,
    steps: steps.map((step) => {
      const referral = referrals.find((r) => r.stepId === step.id);
      return {
        ...apiRow(pathwaySteps, step),
        version: pathway.version,
        services: targets
          .filter((t) => t.stepId === step.id)
          .map((t) => ({ service_type_id: t.serviceTypeId, service_id: t.serviceId })),
        referral: withReferral
          ? { focal_point: referral?.focalPoint ?? {}, intake_route: referral?.intakeRoute ?? {} }
          : null,
      };
    }),
  };
}

/**
 * A pathway is checked as often as the most demanding service it routes to (a step served by
 * hotlines every 30 days, as hotlines are), by the listings' own rule: the types a step names
 * and the types of the services it names.
 */
export async function pathwayCycleDays(db: Database, pathwayId: string): Promise<number> {
  const targets = await db
    .select({ typeId: pathwayStepServices.serviceTypeId, serviceId: pathwayStepServices.serviceId })
    .from(pathwayStepServices)
    .innerJoin(pathwaySteps, eq(pathwaySteps.id, pathwayStepServices.stepId))
    .where(eq(pathwaySteps.pathwayId, pathwayId));
  const serviceIds = targets.flatMap((t) => (t.serviceId ? [t.serviceId] : []));
  const typeIds = targets.flatMap((t) => (t.typeId ? [t.typeId] : []));
  const ofServices = await db
    .select({ id: serviceTypeAssignments.serviceTypeId })
    .from(serviceTypeAssignments)
    .where(inIds(serviceTypeAssignments.serviceId, serviceIds));
  const types = await db
    .select({ verificationCycleDays: serviceTypes.verificationCycleDays })
    .from(serviceTypes)
    .where(inIds(serviceTypes.id, [...typeIds, ...ofServices.map((t) => t.id)]));
  return verificationCycleDays(types);
}

/** How many steps a pathway has. */
export async function stepCount(db: Database, pathwayId: string): Promise<number> {
  return (
    (await db.select({ n: count() }).from(pathwaySteps).where(eq(pathwaySteps.pathwayId, pathwayId)).get())?.n ?? 0
  );
}
