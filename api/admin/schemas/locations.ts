/** A location of an organisation; a confidential site's address only for those who may see it. */
import { z } from '@hono/zod-openapi';
import { Localized, stampColumns } from './records.ts';

export const Location = z
  .object({
    id: z.string(),
    organisation_id: z.string(),
    names: Localized,
    address: Localized,
    area_pcode: z.string(),
    lon: z.number().nullable(),
    lat: z.number().nullable(),
    is_confidential: z.boolean(),
    ...stampColumns,
  })
  .openapi('AdminLocation');
export type Location = z.infer<typeof Location>;

/** The address fields as the asker may see them: withheld (null) for a confidential site otherwise. */
const seen = {
  address: Localized.nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  address_withheld: z.boolean(),
};

export const LocationAsSeen = z.object({ ...Location.shape, ...seen }).openapi('AdminLocationAsSeen');
export type LocationAsSeen = z.infer<typeof LocationAsSeen>;

export const LocationChanged = z.object({ ...Location.shape, changed_fields: z.array(z.string()) });

/** The location of a listing's site, inside the full listing. */
export const SiteLocation = z
  .object({
    id: z.string(),
    organisation_id: z.string(),
    names: Localized,
    area_pcode: z.string(),
    is_confidential: z.boolean(),
    ...seen,
  })
  .openapi('AdminSiteLocation');
export type SiteLocation = z.infer<typeof SiteLocation>;
