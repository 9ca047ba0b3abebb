/** What the admin API answers about API tokens: never their secret, except once at creation. */
import { z } from '@hono/zod-openapi';
import { API_TOKEN_ACCESS, ROLES } from '../../domain/vocabulary.ts';

/** Whether a token works now, and if not why: a token ends with its creator's admin account. */
export const API_TOKEN_STATES = ['active', 'revoked', 'expired', 'creator_inactive'] as const;

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    area_pcodes: z.array(z.string()),
    organisation_id: z.string().nullable(),
    access: z.enum(API_TOKEN_ACCESS),
    created_by: z.string(),
    created_by_name: z.string().nullable().openapi({ description: 'Null when the creating account no longer exists.' }),
    created_at: z.string(),
    expires_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    state: z.enum(API_TOKEN_STATES),
  })
  .openapi('ApiToken');

export const ApiTokenList = z.object({ items: z.array(ApiToken) });

export const ApiTokenCreated = z.object({
  id: z.string(),
  token: z.string().openapi({ description: 'Shown once; only its hash is stored.' }),
  name: z.string(),
  role: z.enum(ROLES),
  access: z.enum(API_TOKEN_ACCESS),
  created_by: z.string(),
  expires_at: z.string(),
});
