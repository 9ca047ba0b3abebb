/** A dated closure or alert of a listing or of one of its contact routes. */
import { z } from '@hono/zod-openapi';
import { changed, Localized, stampColumns } from './records.ts';

export const Closure = z
  .object({
    id: z.string(),
    /** Exactly one of service_id / contact_route_id is set. */
    service_id: z.string().nullable(),
    contact_route_id: z.string().nullable(),
    starts_at: z.string(),
    ends_at: z.string(),
    closes: z.boolean(),
    reason: Localized,
    ...stampColumns,
  })
  .openapi('AdminClosure');
export type Closure = z.infer<typeof Closure>;

export const ClosureChanged = changed(Closure);
