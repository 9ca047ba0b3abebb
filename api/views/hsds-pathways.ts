/**
 * Masar's referral pathways as an HSDS extension resource (/api/v1/hsds/pathways, and
 * pathways.json in the data package), declared in the profile. HSDS has no pathway object: each
 * pathway keeps HSDS conventions (UUID ids, one text per field in the response's language,
 * attributes from our published taxonomies), and each step points at HSDS objects: the services
 * named on it (service ids) and the service types that serve it (masar-service-types term ids).
 * Only public fields: the practitioner-only step details are never read (queries/hsds.ts).
 */
import type { HsdsPathwayRow } from '../queries/hsds.ts';
import type { stepsOfPathways } from '../queries/pathways.ts';
import type { HsdsContext } from './hsds-context.ts';
import { factAttributes } from './hsds-facts.ts';
import { stepKindTermId, termId } from './hsds-taxonomy.ts';
import { translationAttributes } from './hsds-translations.ts';

type Steps = Awaited<ReturnType<typeof stepsOfPathways>>;

export function hsdsPathway(p: HsdsPathwayRow, { steps, targets }: Steps, ctx: HsdsContext) {
  return {
    id: p.id,
    name: ctx.text(p.names) ?? '',
    description: ctx.text(p.intro),
    concern: p.concernId,
    area_pcode: p.areaPcode,
    area_uri: `${ctx.origin}/api/v1/areas/${p.areaPcode}`,
    // The pathway with its services resolved for an area inside its own, in every language.
    uri: `${ctx.origin}/api/v1/pathways/${p.id}`,
    last_modified: new Date(p.updatedAt).toISOString(),
    steps: steps
      .filter((step) => step.pathwayId === p.id)
      .map((step) => {
        const mine = targets.filter((t) => t.stepId === step.id);
        return {
          id: step.id,
          position: step.position,
          kind: step.kind,
          kind_term_id: stepKindTermId(step.kind),
          title: ctx.text(step.title),
          what_happens: ctx.text(step.whatHappens),
          what_to_bring: ctx.text(step.whatToBring),
          choices: step.choices.map((choice) => ({ code: choice.code, note: ctx.text(choice.note) })),
          what_next: ctx.text(step.whatNext),
          service_ids: mine.flatMap((t) => (t.serviceId ? [t.serviceId] : [])),
          service_type_term_ids: mine.flatMap((t) => (t.serviceTypeId ? [termId(t.serviceTypeId)] : [])),
          // Every text of the step in every language ("masar-translation"); a choice's note as choice_note:CODE.
          attributes: translationAttributes('pathway_step', step.id, {
            title: step.title,
            what_happens: step.whatHappens,
            what_to_bring: step.whatToBring,
            what_next: step.whatNext,
            ...Object.fromEntries(step.choices.map((choice) => [`choice_note:${choice.code}`, choice.note])),
          }),
        };
      }),
    attributes: [
      ...translationAttributes('pathway', p.id, { name: p.names, description: p.intro }),
      ...factAttributes(
        'pathway',
        p.id,
        {
          verification_status: p.verificationStatus,
          last_verified_at: p.lastVerifiedAt,
          next_verification_due: p.nextVerificationDue,
          source_description: p.sourceDescription,
          source_url: p.sourceUrl,
          source_date: p.sourceDate,
          sample: String(Boolean(p.isSample)),
        },
        ctx,
      ),
    ],
  };
}
