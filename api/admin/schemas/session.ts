/** What the admin API answers about signing in and the current session (see schemas/users.ts). */
import { z } from '@hono/zod-openapi';
import { ROLES, SESSION_STAGES } from '../../domain/vocabulary.ts';
import { User } from './users.ts';

const Stage = z
  .enum(SESSION_STAGES)
  .openapi({ description: '"enrol_totp" until the person has set up a second factor.' });

export const SignedIn = z
  .object({
    user: User,
    stage: Stage,
    csrf_token: z.string().openapi({ description: 'Send it as X-CSRF-Token with every write.' }),
  })
  .openapi('SignedIn');

/**
 * `user` is null when an API token asks. A union, not `User.nullable()`: the generator writes the
 * latter as an `allOf` with the named schema, which no null can satisfy.
 */
export const CurrentSession = z.object({
  user: z.union([User, z.null()]),
  role: z.enum(ROLES),
  via: z.enum(['session', 'token']),
  stage: Stage,
  csrf_token: z.string().nullable(),
});

export const TotpEnrolment = z.object({
  secret: z.string().openapi({ description: 'Base32, for an authenticator app.' }),
  otpauth_uri: z.string(),
});
