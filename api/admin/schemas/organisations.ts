/** An organisation as the maintainers' API gives it. */
import { z } from '@hono/zod-openapi';
import { changed, Localized, stampColumns } from './records.ts';

export const Organisation = z
  .object({
    id: z.string(),
    names: Localized,
    descriptions: Localized,
    website: z.string().nullable(),
    is_sample: z.boolean(),
    ...stampColumns,
  })
  .openapi('AdminOrganisation');
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationChanged = changed(Organisation);
