/**
 * What every admin record shares in its API shape: texts per language, the verification columns
 * and the version stamps. Pure (zod and the vocabulary only), so the console can import the types.
 * A record's field names are its column names, so the change log, the history and the requests
 * all speak of the same fields.
 */
import { z } from '@hono/zod-openapi';
import { LANGUAGES, VERIFICATION_METHODS, VERIFICATION_STATUSES } from '../../domain/vocabulary.ts';

export const MAX_TEXT = 4000;

export const Localized = z.partialRecord(z.enum(LANGUAGES), z.string().max(MAX_TEXT)).openapi('LocalizedText', {
  description:
    'Text per language (ar, ckb, kmr, en, es). Stored and returned as plain text, never interpreted as HTML.',
});

/** When, how and by whom a listing or contact route was last verified. */
export const verificationColumns = {
  verification_status: z.enum(VERIFICATION_STATUSES),
  last_verified_at: z.string().nullable(),
  last_verified_by: z.string().nullable(),
  verification_method: z.enum(VERIFICATION_METHODS).nullable(),
  verification_note: z.string().nullable(),
  next_verification_due: z.string().nullable(),
};

/** A record with its own version; `version` is the ETag an edit sends back in If-Match. */
export const stampColumns = {
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
};

/**
 * The answer to an edit: the record as it is now and the fields that changed. A new object from
 * the record's fields, not `.extend()`, which the document would write as an `allOf` of the named
 * record and the extra field, a form that cannot say "no other fields".
 */
export const changed = <T extends z.ZodRawShape>(record: z.ZodObject<T>) =>
  z.object({ ...record.shape, changed_fields: z.array(z.string()) });

/** The answer (202) when an editor's change to a published listing waits for a coordinator. */
export const DraftAccepted = z
  .object({ pending: z.literal(true), pending_change_id: z.number().int(), detail: z.string() })
  .openapi('AdminDraftAccepted');
export type DraftAccepted = z.infer<typeof DraftAccepted>;
