/**
 * What the admin API answers about accounts. Pure zod and the vocabulary, so the console infers
 * its types from here (`import type`) instead of retyping them.
 */
import { z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/vocabulary.ts';

export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    display_name: z.string(),
    role: z.enum(ROLES),
    area_pcodes: z.array(z.string()).openapi({ description: 'Coordinators and caseworkers: the areas they work in.' }),
    organisation_id: z
      .string()
      .nullable()
      .openapi({ description: 'Editors: the organisation whose listings they edit.' }),
    totp_enabled: z.boolean().openapi({ description: 'Whether the second factor is set up.' }),
  })
  .openapi('AdminUser', { description: 'An account, without any secret.' });

export const UserList = z.object({ items: z.array(User) });

/** The account after a change (its fields inline: an `allOf` would let any field through). */
export const UserChanged = z.object({
  ...User.shape,
  disabled: z.boolean(),
  changed_fields: z
    .array(z.string())
    .openapi({ description: 'What this request changed (each also in the change log).' }),
});
