/** A maintainer's work in their scope: verifications due, drafts waiting to be published, open reports. */
import { z } from '@hono/zod-openapi';
import { CONTACT_ROUTE_KINDS, SERVICE_STATUSES, VERIFICATION_STATUSES, VISIBILITIES } from '../../domain/vocabulary.ts';
import { ProblemReport, Texts } from './problem-reports.ts';

export const WorkQueue = z
  .object({
    verifications_due: z.object({
      services: z.array(
        z.object({
          id: z.string(),
          names: Texts,
          verification_status: z.enum(VERIFICATION_STATUSES),
          next_verification_due: z.string().nullable(),
          version: z.number().int(),
        }),
      ),
      contact_routes: z.array(
        z.object({
          id: z.string(),
          service_id: z.string(),
          kind: z.enum(CONTACT_ROUTE_KINDS),
          value: z.string(),
          visibility: z.enum(VISIBILITIES),
          verification_status: z.enum(VERIFICATION_STATUSES),
          next_verification_due: z.string().nullable(),
          version: z.number().int(),
        }),
      ),
    }),
    drafts: z.array(
      z.object({
        id: z.string(),
        names: Texts,
        status: z.enum(SERVICE_STATUSES),
        version: z.number().int(),
        pending_changes: z
          .number()
          .int()
          .openapi({ description: 'Edits to the published listing waiting to be published.' }),
      }),
    ),
    problem_reports: z
      .array(ProblemReport)
      .openapi({ description: 'Open reports; always empty for editors, who do not resolve reports.' }),
  })
  .openapi('WorkQueue');
