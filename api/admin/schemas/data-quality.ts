/**
 * The data-quality figures of the dashboard, over published listings. A share is a percentage
 * with one decimal, or null when there is nothing to count.
 */
import { z } from '@hono/zod-openapi';
import { COUNTRIES } from '../../domain/vocabulary.ts';
import { Texts } from './problem-reports.ts';

const Percent = z.number().nullable();
const Count = z.number().int();

export const DataQuality = z
  .object({
    generated_at: z.string(),
    published_services: Count,
    verified_within_90_days_pct: Percent,
    verified_within_365_days_pct: Percent,
    governorates: z.array(
      z.object({
        pcode: z.string(),
        country: z.enum(COUNTRIES),
        names: Texts,
        services: Count.openapi({
          description: 'Listings relevant there: covering it, something inside it, or an area containing it.',
        }),
        verified_within_90_days_pct: Percent,
        verified_within_365_days_pct: Percent,
        open_problem_reports: Count,
      }),
    ),
    missing_fields: z
      .object({
        source: Count,
        description: Count,
        after_contact: Count,
        languages: Count,
        female_staff_unknown: Count,
        public_contact_route: Count,
        opening_hours: Count,
        referral_focal_point: Count,
      })
      .openapi({ description: 'How many published listings lack each.' }),
    open_problem_reports: Count,
    districts: z.array(
      z.object({
        pcode: z.string(),
        country: z.enum(COUNTRIES),
        names: Texts,
        services_per_type: z.record(z.string(), Count),
        gaps: z.array(z.string()).openapi({ description: 'Service types with no listing relevant to the district.' }),
      }),
    ),
  })
  .openapi('DataQuality');
