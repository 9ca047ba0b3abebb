/** A listing offered at one location, with its hours there; versioned by its listing. */
import { z } from '@hono/zod-openapi';
import { changed, Localized } from './records.ts';

export const ServiceLocation = z
  .object({
    id: z.string(),
    service_id: z.string(),
    location_id: z.string(),
    opening_hours: z.string().nullable(),
    hours_note: Localized,
    /** The listing's version (a site has none of its own). */
    version: z.number().int(),
  })
  .openapi('AdminServiceLocation');
export type ServiceLocation = z.infer<typeof ServiceLocation>;

export const ServiceLocationChanged = changed(ServiceLocation);
