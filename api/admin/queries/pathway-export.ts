/**
 * The maintainers' pathways.json: the public file's pathways (views/hsds-pathways.ts) with each
 * step's practitioner-only details (focal point, intake route), for a maintainer to move pathways
 * between directories without losing them. The public feed never reads these details
 * (queries/hsds.ts); only this authenticated export and the pathway editor do.
 *
 * Each step carries them as `practitioner_only: { focal_point, intake_route }` in the language asked
 * for, and in every language as "masar-translation" attributes (`link_type` = the field), as its
 * other texts are; importing the file (admin/import/hsds-pathways.ts) writes them back.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { inChunks, inIds } from '../../../db/id-list.ts';
import { areas, pathways, pathwayStepReferralDetails } from '../../../db/schema.ts';
import type { PathwayStatus } from '../../domain/vocabulary.ts';
import { publicPathwayFields, stepsOfPathways } from '../../queries/pathways.ts';
import type { HsdsContext } from '../../views/hsds-context.ts';
import { hsdsPathway } from '../../views/hsds-pathways.ts';
import { translationAttributes } from '../../views/hsds-translations.ts';
import { mayOnPathway } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';

/** Pathways per page of the export: a few statements per page, bounded memory. */
const PAGE = 50;

/** The practitioner-only fields a step carries, by their name in the file. */
export const STEP_PRACTITIONER_FIELDS = ['focal_point', 'intake_route'] as const;

async function referralsOf(db: Database, stepIds: string[]) {
  const out = new Map<string, { focalPoint: Record<string, string>; intakeRoute: Record<string, string> }>();
  for (const piece of inChunks(stepIds))
    for (const r of await db
      .select()
      .from(pathwayStepReferralDetails)
      .where(inIds(pathwayStepReferralDetails.stepId, piece)))
      out.set(r.stepId, r);
  return out;
}

/**
 * Whether `p` may be given pathways of `statuses`: drafts and withdrawn pathways only to those who
 * edit pathways somewhere (admins, coordinators of an area), as the pathway editor shows them.
 */
export const mayExportStatuses = (p: Principal, statuses: readonly PathwayStatus[]) =>
  statuses.every((s) => s === 'published') ||
  p.role === 'admin' ||
  (p.role === 'coordinator' && p.areaPaths.length > 0);

/**
 * Every pathway of `statuses` that `p` may have, with its steps' practitioner-only details, page by
 * page in id order: a published one where `p` reads it, a draft or withdrawn one only where `p`
 * edits it.
 */
export async function* practitionerPathways(
  db: Database,
  p: Principal,
  ctx: HsdsContext,
  statuses: readonly PathwayStatus[] = ['published'],
) {
  let after = '';
  for (;;) {
    // A seek on the primary key: each page reads only its own rows.
    const rows = await db
      .select({ ...publicPathwayFields, status: pathways.status })
      .from(pathways)
      .where(and(inArray(pathways.status, [...statuses]), gt(pathways.id, after)))
      .orderBy(asc(pathways.id))
      .limit(PAGE);
    if (!rows.length) return;
    after = rows.at(-1)!.id;
    const paths = new Map<string, string>();
    for (const pcode of new Set(rows.map((r) => r.areaPcode))) {
      const area = await db.select({ path: areas.path }).from(areas).where(eq(areas.pcode, pcode)).get();
      paths.set(pcode, area?.path ?? '');
    }
    const readable = rows.filter((r) =>
      mayOnPathway(p, r.status === 'published' ? 'read' : 'edit', { areaPath: paths.get(r.areaPcode)! }),
    );
    const steps = await stepsOfPathways(
      db,
      readable.map((r) => r.id),
    );
    const referrals = await referralsOf(
      db,
      steps.steps.map((s) => s.id),
    );
    yield readable.map((row) => {
      const pathway = hsdsPathway(row, steps, ctx);
      return {
        ...pathway,
        status: row.status,
        steps: pathway.steps.map((step) => {
          const referral = referrals.get(step.id);
          const texts = { focal_point: referral?.focalPoint ?? {}, intake_route: referral?.intakeRoute ?? {} };
          return {
            ...step,
            practitioner_only: { focal_point: ctx.text(texts.focal_point), intake_route: ctx.text(texts.intake_route) },
            attributes: [...step.attributes, ...translationAttributes('pathway_step', step.id, texts)],
          };
        }),
      };
    });
    if (rows.length < PAGE) return;
  }
}
