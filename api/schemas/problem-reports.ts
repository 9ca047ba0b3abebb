import { z } from '@hono/zod-openapi';
import { PROBLEM_KINDS } from '../domain/vocabulary.ts';

export const PROBLEM_NOTE_MAX = 500;

export const ProblemReportInput = z
  .object({
    service_id: z.string().uuid('must be a service id (UUID)'),
    contact_route_id: z.string().uuid('must be a contact route id (UUID)').nullable().optional(),
    kind: z.enum(PROBLEM_KINDS).openapi({ description: 'What is wrong with the listing.' }),
    note: z.string().max(PROBLEM_NOTE_MAX, `must be at most ${PROBLEM_NOTE_MAX} characters`).optional().openapi({
      description: 'Free text. Never ask for, and never send, the name or number of the person reporting.',
    }),
  })
  .openapi('ProblemReportInput');
export type ProblemReportInput = z.infer<typeof ProblemReportInput>;

export const ProblemReportReceipt = z
  .object({ id: z.string(), service_id: z.string(), kind: z.enum(PROBLEM_KINDS), created_at: z.string() })
  .openapi('ProblemReportReceipt');
