/** What the admin API answers about invitations (see schemas/users.ts). */
import { z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/vocabulary.ts';
import { User } from './users.ts';

export const Invitation = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    area_pcodes: z.array(z.string()),
    organisation_id: z.string().nullable(),
    invited_by: z.string().openapi({ description: 'The inviting account or API token.' }),
    created_at: z.string(),
    expires_at: z.string(),
    accepted_at: z.string().nullable(),
  })
  .openapi('Invitation');

export const InvitationList = z.object({ items: z.array(Invitation) });

export const InvitationCreated = z.object({
  id: z.string(),
  token: z.string().openapi({ description: 'Shown once; only its hash is stored.' }),
  link: z
    .string()
    .openapi({ description: 'The link to send; the token is in its fragment, which browsers send to no server.' }),
  expires_at: z.string(),
});

export const InvitationAccepted = z.object({ user: User, next: z.string() });
