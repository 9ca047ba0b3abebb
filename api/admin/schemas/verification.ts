/** Verification records and test calls as the maintainers' API gives them. */
import { z } from '@hono/zod-openapi';
import { FEMALE_STAFF_OFFERED, VERIFICATION_METHODS, VERIFICATION_RESULTS } from '../../domain/vocabulary.ts';
import { ContactRoute } from './contact-routes.ts';
import { Service } from './services.ts';

export const VerificationRecord = z
  .object({
    id: z.string(),
    service_id: z.string(),
    contact_route_id: z.string().nullable(),
    method: z.enum(VERIFICATION_METHODS),
    result: z.enum(VERIFICATION_RESULTS),
    note: z.string().nullable(),
    verified_by: z.string(),
    verified_at: z.string(),
    next_due: z.string().nullable(),
  })
  .openapi('AdminVerification');
export type VerificationRecord = z.infer<typeof VerificationRecord>;
export const VerificationList = z.object({ items: z.array(VerificationRecord) });

/** The record made and the listing or route as it is afterwards. */
export const VerificationRecorded = z.object({
  id: z.string(),
  next_due: z.string().nullable(),
  target: z.union([Service, ContactRoute]),
});

export const AnswerRate = {
  calls: z.number().int(),
  answered: z.number().int(),
  answer_rate: z.number().nullable(),
};

export const TestCall = z
  .object({
    id: z.string(),
    contact_route_id: z.string(),
    service_id: z.string(),
    called_at: z.string(),
    answered: z.boolean(),
    language_offered: z.string().nullable(),
    female_staff_offered: z.enum(FEMALE_STAFF_OFFERED),
    note: z.string().nullable(),
    called_by: z.string(),
  })
  .openapi('AdminTestCall');
export type TestCall = z.infer<typeof TestCall>;

export const TestCallList = z.object({ items: z.array(TestCall), ...AnswerRate });
export type TestCallList = z.infer<typeof TestCallList>;

export const TestCallLogged = z.object({
  id: z.string(),
  ...AnswerRate,
  verification: z.object({ id: z.string(), next_due: z.string().nullable(), route: ContactRoute }).nullable(),
});
