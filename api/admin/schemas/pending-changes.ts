/**
 * An edit to a published listing waiting to be published (an editor's draft), as the listing
 * read gives it in `pending_changes`: one operation on one record, applied in order on publishing.
 */
import { z } from '@hono/zod-openapi';
import { CHANGE_OPS } from '../../domain/vocabulary.ts';

export const PendingChange = z
  .object({
    id: z.number().int(),
    op: z.enum(CHANGE_OPS),
    entity: z.string(),
    entityId: z.string(),
    fields: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'Field → proposed value ("field.language" for one translation).' }),
    basedOnVersion: z.number().int().nullable(),
    reason: z.string().nullable(),
    proposedBy: z.string(),
    proposedAt: z.string(),
    authorName: z.string().nullable(),
  })
  .openapi('PendingChange');
export type PendingChange = z.infer<typeof PendingChange>;
