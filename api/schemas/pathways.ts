import { z } from '@hono/zod-openapi';
import { STEP_CHOICES, STEP_KINDS } from '../domain/vocabulary.ts';
import { LanguageParam, LocalizedValue, PcodeParam } from './common.ts';
import { ServiceSummary, Verification } from './services.ts';

export const ConcernIdParam = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a concern id such as digital_extortion (see /api/v1/concerns)')
  .openapi({ example: 'digital_extortion' });

export const ConcernView = z
  .object({
    id: z.string(),
    name: LocalizedValue,
    names: z.record(z.string(), z.string()),
    description: LocalizedValue,
  })
  .openapi('Concern');

export const ConcernList = z.object({ items: z.array(ConcernView), lang: LanguageParam }).openapi('ConcernList');

export const PathwayListQuery = z.object({
  lang: LanguageParam.optional(),
  area: PcodeParam.openapi({ description: 'The area (any level, P-code) the pathways are for.' }),
  concern: ConcernIdParam.optional().openapi({ description: 'Only the pathway for this concern.' }),
});

export const PathwayIdParam = z.object({
  id: z
    .string()
    .uuid('must be a pathway id (UUID)')
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const PathwayDetailQuery = z.object({
  lang: LanguageParam.optional(),
  area: PcodeParam.optional().openapi({
    description:
      "The area the person is in: each step's services are the listings relevant there. It must be the " +
      "pathway's own area or lie inside it; without it, the pathway's own area.",
  }),
});

const AreaRef = z.object({ pcode: z.string(), name: LocalizedValue });

export const PathwaySummary = z
  .object({
    id: z.string(),
    name: LocalizedValue,
    intro: LocalizedValue,
    concern: z.object({ id: z.string(), name: LocalizedValue }),
    defined_at: AreaRef.openapi({ description: 'The area the pathway is defined for.' }),
    inherited: z.boolean().openapi({
      description:
        'True when the pathway is defined for a larger area that contains the area asked about (no lower area ' +
        'has its own pathway for this concern).',
    }),
    is_sample: z.boolean(),
    verification: Verification,
    source: z.object({
      description: z.string().nullable(),
      url: z.string().nullable(),
      date: z.string().nullable(),
    }),
    version: z.number().int(),
    updated_at: z.string(),
  })
  .openapi('PathwaySummary');

export const PathwayList = z
  .object({ area: AreaRef, items: z.array(PathwaySummary), lang: LanguageParam })
  .openapi('PathwayList', { description: 'The pathways that hold in the area, one per concern.' });

const StepChoiceView = z
  .object({ code: z.enum(STEP_CHOICES), note: LocalizedValue })
  .openapi('StepChoice', { description: 'One of the choices a person has at this step.' });

export const PathwayStepView = z
  .object({
    position: z.number().int(),
    kind: z.enum(STEP_KINDS),
    title: LocalizedValue,
    what_happens: LocalizedValue,
    what_to_bring: LocalizedValue,
    choices: z.array(StepChoiceView),
    what_next: LocalizedValue,
    services: z.array(ServiceSummary).openapi({
      description:
        'The published services relevant in the area that serve this step, hotlines and official reporting ' +
        'channels first, then those open now.',
    }),
  })
  .openapi('PathwayStep');

export const PathwayDetail = PathwaySummary.extend({
  area: AreaRef.openapi({ description: "The area the steps' services were resolved for." }),
  steps: z.array(PathwayStepView),
  lang: LanguageParam,
  evaluated_at: z.string(),
}).openapi('PathwayDetail');
