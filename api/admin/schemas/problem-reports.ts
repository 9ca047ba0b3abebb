/**
 * What the maintainers' API answers about problem reports: a report someone filed about a listing
 * and, once a maintainer dealt with it, how. Pure zod and the vocabulary, so the console infers
 * its types from here.
 */
import { z } from '@hono/zod-openapi';
import { LANGUAGES, PROBLEM_KINDS, REPORT_OUTCOMES, ROLES } from '../../domain/vocabulary.ts';

/** A listing's name per language, as stored (any language may be missing). */
export const Texts = z.partialRecord(z.enum(LANGUAGES), z.string());

export const ProblemReportResolution = z.object({
  outcome: z.enum(REPORT_OUTCOMES),
  note: z.string().nullable(),
  resolved_by: z.string().openapi({ description: 'The user or API token that resolved it.' }),
  resolved_at: z.string(),
});

export const ProblemReport = z
  .object({
    id: z.string(),
    service_id: z.string(),
    service_names: Texts,
    contact_route_id: z.string().nullable(),
    kind: z.enum(PROBLEM_KINDS),
    note: z.string().nullable().openapi({ description: 'What the person reporting wrote; plain text, never HTML.' }),
    reporter_role: z.enum(ROLES).nullable().openapi({
      description:
        'The role of the signed-in person who reported it from the console; null for an anonymous public report.',
    }),
    created_at: z.string(),
    status: z.enum(['open', 'resolved']),
    resolution: ProblemReportResolution.nullable(),
  })
  .openapi('AdminProblemReport');
export type ProblemReport = z.infer<typeof ProblemReport>;

export const ProblemReportList = z.object({ items: z.array(ProblemReport) }).openapi('AdminProblemReportList');

export const ConsoleReportReceipt = z
  .object({
    id: z.string(),
    service_id: z.string(),
    kind: z.enum(PROBLEM_KINDS),
    reporter_role: z.enum(ROLES),
    created_at: z.string(),
  })
  .openapi('AdminProblemReportReceipt');
