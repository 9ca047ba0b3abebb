/**
 * Translations of a listing's texts: each localised field in each language, with its review
 * status, and what setting one answers.
 */
import { z } from '@hono/zod-openapi';
import { LANGUAGES, TRANSLATION_STATUSES } from '../../domain/vocabulary.ts';

export const TranslationItem = z
  .object({
    entity: z.string().openapi({
      description:
        'The record the text belongs to: service, referral, contact_route, closure, service_location, pathway, ' +
        'pathway_step or pathway_step_referral.',
    }),
    entity_id: z.string(),
    version: z
      .number()
      .int()
      .openapi({ description: "The record's version, to send as If-Match when setting the text." }),
    field: z.string(),
    language: z.enum(LANGUAGES),
    text: z.string().nullable(),
    status: z.enum(TRANSLATION_STATUSES).openapi({ description: 'A text nobody has reviewed counts as "machine".' }),
    status_recorded: z.boolean().openapi({ description: 'Whether a maintainer recorded the status.' }),
  })
  .openapi('TranslationItem');
export type TranslationItem = z.infer<typeof TranslationItem>;

export const TranslationList = z.object({ items: z.array(TranslationItem) }).openapi('TranslationList');

export const TranslationSet = z
  .object({
    entity: z.string(),
    entity_id: z.string(),
    version: z.number().int(),
    field: z.string(),
    language: z.enum(LANGUAGES),
    text: z.string().nullable(),
    status: z.enum(TRANSLATION_STATUSES),
    pending_change_id: z.number().int().nullable().openapi({
      description:
        'Set when an editor changed a published listing: the text waits as a draft (202) until it is published.',
    }),
  })
  .openapi('TranslationSet');
