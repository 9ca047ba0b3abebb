/**
 * A listing's change log as the maintainers' API gives it, and what reverting one change answers.
 * `old` and `new` are the values as they were written: a field's value, one language's text, or a
 * whole record for "*" (created: old is null; deleted: new is null).
 */
import { z } from '@hono/zod-openapi';

export const ChangeLogEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    user_id: z.string().nullable().openapi({ description: 'Null for the scheduled job.' }),
    actor: z.string(),
    entity: z.string(),
    entity_id: z.string(),
    service_id: z.string().nullable(),
    field: z.string().openapi({
      description:
        'A field, "field.language" for one translation, "field.language:status" for its review status, or "*" ' +
        'for a whole record.',
    }),
    old: z.unknown(),
    new: z.unknown(),
    reason: z.string().nullable(),
    reverts_change_id: z.number().int().nullable(),
  })
  .openapi('ChangeLogEntry');
export type ChangeLogEntry = z.infer<typeof ChangeLogEntry>;

export const ChangeHistory = z.object({ items: z.array(ChangeLogEntry) }).openapi('ChangeHistory');

/** A record of the listing as it is after the revert, with its new version (the ETag). */
const RevertedRecord = z
  .looseObject({
    version: z.number().int(),
    changed_fields: z
      .array(z.string())
      .optional()
      .openapi({ description: 'The fields the revert changed (absent when a deleted record was restored).' }),
  })
  .openapi({ description: 'The record after the revert: a field set back, or a deleted record restored.' });
const RevertedCreation = z
  .object({ deleted: z.literal(true), entity: z.string(), id: z.string() })
  .openapi({ description: 'Reverting the creation of a record deleted it.' });
const RevertedStatus = z
  .object({ reverted: z.string() })
  .openapi({ description: "A translation's review status was set back; the field reverted." });

export const RevertResult = z.union([RevertedCreation, RevertedStatus, RevertedRecord]).openapi('RevertResult');
