/**
 * Referral pathways as the maintainers' API gives them: the pathway record, its steps, a step's
 * practitioner-only details, the full read with the steps in order, and the list in scope.
 */
import { z } from '@hono/zod-openapi';
import {
  PATHWAY_STATUSES,
  STEP_CHOICES,
  STEP_KINDS,
  VERIFICATION_METHODS,
  VERIFICATION_STATUSES,
} from '../../domain/vocabulary.ts';
import { changed, Localized, stampColumns, verificationColumns } from './records.ts';

export const Pathway = z
  .object({
    id: z.string(),
    area_pcode: z.string(),
    concern_id: z.string(),
    status: z.enum(PATHWAY_STATUSES),
    names: Localized,
    intro: Localized,
    is_sample: z.boolean(),
    source_description: z.string().nullable(),
    source_url: z.string().nullable(),
    source_date: z.string().nullable(),
    ...verificationColumns,
    ...stampColumns,
  })
  .openapi('AdminPathway');
export type Pathway = z.infer<typeof Pathway>;

export const StepChoiceEntry = z.object({ code: z.enum(STEP_CHOICES), note: Localized.optional() });

/** A step; it has no version of its own: the pathway's version guards it (If-Match). */
export const PathwayStep = z
  .object({
    id: z.string(),
    pathway_id: z.string(),
    position: z.number().int(),
    kind: z.enum(STEP_KINDS),
    title: Localized,
    what_happens: Localized,
    what_to_bring: Localized,
    choices: z.array(StepChoiceEntry),
    what_next: Localized,
    version: z.number().int().openapi({ description: "The pathway's version (the ETag to send as If-Match)." }),
  })
  .openapi('AdminPathwayStep');
export type PathwayStep = z.infer<typeof PathwayStep>;

/** Practitioner-only details of a step (never public): whom to call to refer, how the case is taken in. */
export const PathwayStepReferral = z
  .object({
    step_id: z.string(),
    focal_point: Localized,
    intake_route: Localized,
    version: z.number().int().openapi({ description: "The pathway's version (the ETag to send as If-Match)." }),
  })
  .openapi('AdminPathwayStepReferral');

/** What serves a step: a service type (resolved per area when read) or one named service. */
export const StepServiceTarget = z
  .object({
    service_type_id: z.string().nullable(),
    service_id: z.string().nullable(),
  })
  .openapi('AdminStepService');

export const PathwayStepDetail = z
  .object({
    ...PathwayStep.shape,
    services: z.array(StepServiceTarget),
    referral: z
      .object({ focal_point: Localized, intake_route: Localized })
      .nullable()
      .openapi({ description: 'Practitioner-only; null for a role that may not read it.' }),
  })
  .openapi('AdminPathwayStepDetail');

export const PathwayDetail = z
  .object({
    ...Pathway.shape,
    area_path: z.string(),
    may_edit: z.boolean().openapi({ description: 'Whether the caller may edit, publish and verify it.' }),
    steps: z.array(PathwayStepDetail),
  })
  .openapi('AdminPathwayDetail');
export type PathwayDetail = z.infer<typeof PathwayDetail>;

export const PathwaySummary = z
  .object({
    id: z.string(),
    area_pcode: z.string(),
    concern_id: z.string(),
    status: z.enum(PATHWAY_STATUSES),
    names: Localized,
    is_sample: z.boolean(),
    version: z.number().int(),
    verification_status: z.enum(VERIFICATION_STATUSES),
    next_verification_due: z.string().nullable(),
    steps: z.number().int(),
    may_edit: z.boolean().openapi({ description: 'Whether the caller may edit, publish and verify it.' }),
  })
  .openapi('AdminPathwaySummary');
export const PathwayList = z.object({ items: z.array(PathwaySummary) }).openapi('AdminPathwayList');

export const PathwayChanged = changed(Pathway);
export const PathwayStepChanged = z.object({ ...PathwayStepDetail.shape, changed_fields: z.array(z.string()) });
export const PathwayStepReferralChanged = changed(PathwayStepReferral);
export const StepOrder = z
  .object({ version: z.number().int(), step_ids: z.array(z.string()), changed_fields: z.array(z.string()) })
  .openapi('AdminPathwayStepOrder');

export const PathwayVerification = z
  .object({
    id: z.string(),
    pathway_id: z.string(),
    method: z.enum(VERIFICATION_METHODS),
    note: z.string().nullable(),
    verified_by: z.string(),
    verified_at: z.string(),
    next_due: z.string().nullable(),
  })
  .openapi('AdminPathwayVerification');
export const PathwayVerificationList = z.object({ items: z.array(PathwayVerification) });
export const PathwayVerified = z.object({ id: z.string(), next_due: z.string().nullable(), pathway: Pathway });
