/** A listing's contact route as the maintainers' API gives it. */
import { z } from '@hono/zod-openapi';
import { CONTACT_ROUTE_KINDS, VISIBILITIES } from '../../domain/vocabulary.ts';
import { changed, Localized, stampColumns, verificationColumns } from './records.ts';

export const ContactRoute = z
  .object({
    id: z.string(),
    service_id: z.string(),
    kind: z.enum(CONTACT_ROUTE_KINDS),
    value: z.string(),
    visibility: z.enum(VISIBILITIES),
    labels: Localized,
    languages: z.array(z.string()),
    opening_hours: z.string().nullable(),
    notes: Localized,
    sort_order: z.number().int(),
    ...verificationColumns,
    ...stampColumns,
  })
  .openapi('AdminContactRoute');
export type ContactRoute = z.infer<typeof ContactRoute>;

export const ContactRouteChanged = changed(ContactRoute);
