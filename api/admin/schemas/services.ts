/** A listing as the maintainers' API gives it: the service record, its referral details, the full read. */
import { z } from '@hono/zod-openapi';
import {
  COST_KINDS,
  COUNTRIES,
  ELIGIBLE_GENDERS,
  FEMALE_STAFF,
  SERVICE_STATUSES,
  VERIFICATION_STATUSES,
  YES_NO_UNKNOWN,
} from '../../domain/vocabulary.ts';
import { Closure } from './closures.ts';
import { ContactRoute } from './contact-routes.ts';
import { SiteLocation } from './locations.ts';
import { changed, Localized, stampColumns, verificationColumns } from './records.ts';
import { ServiceLocation } from './service-locations.ts';
import { PendingChange } from './pending-changes.ts';

export const Service = z
  .object({
    id: z.string(),
    organisation_id: z.string(),
    status: z.enum(SERVICE_STATUSES),
    names: Localized,
    descriptions: Localized,
    after_contact: Localized,
    cost_kind: z.enum(COST_KINDS),
    cost_note: Localized,
    female_staff: z.enum(FEMALE_STAFF),
    anonymous_reporting: z.enum(YES_NO_UNKNOWN),
    accompaniment: z.enum(YES_NO_UNKNOWN),
    safe_place_meeting: z.enum(YES_NO_UNKNOWN),
    passes_on_without_identity: z.enum(YES_NO_UNKNOWN),
    confidentiality_note: Localized,
    eligible_gender: z.enum(ELIGIBLE_GENDERS),
    min_age: z.number().int().nullable(),
    max_age: z.number().int().nullable(),
    eligibility_note: Localized,
    accessibility: z.array(z.string()),
    accessibility_note: Localized,
    languages: z.array(z.string()),
    country: z.enum(COUNTRIES),
    sort_name: z.string(),
    source_description: z.string().nullable(),
    source_url: z.string().nullable(),
    source_date: z.string().nullable(),
    external_id: z.string().nullable(),
    import_source: z.string().nullable(),
    ...verificationColumns,
    ...stampColumns,
  })
  .openapi('AdminService');
export type Service = z.infer<typeof Service>;

/** Practitioner-only referral details (never public); versioned by the listing. */
export const Referral = z
  .object({
    service_id: z.string(),
    focal_point: Localized,
    intake_route: Localized,
    required_documents: Localized,
    expected_response_time: Localized,
    version: z.number().int(),
  })
  .openapi('AdminReferral');
export type Referral = z.infer<typeof Referral>;

export const ServiceChanged = changed(Service);
export const ReferralChanged = changed(Referral);
export const ServicePublished = z.object({ ...Service.shape, applied_drafts: z.number().int() });

export const ServiceListItem = z.object({
  id: z.string(),
  organisation_id: z.string(),
  status: z.enum(SERVICE_STATUSES),
  names: Localized,
  version: z.number().int(),
  verification_status: z.enum(VERIFICATION_STATUSES),
  next_verification_due: z.string().nullable(),
  pending_changes: z.number().int(),
});
export type ServiceListItem = z.infer<typeof ServiceListItem>;
export const ServiceList = z.object({ items: z.array(ServiceListItem) }).openapi('AdminServiceList');

/** Everything about a listing, practitioner-only details included; drafts for maintainers only. */
export const Listing = z
  .object({
    ...Service.shape,
    type_ids: z.array(z.string()),
    area_pcodes: z.array(z.string()),
    referral: Referral,
    contact_routes: z.array(ContactRoute),
    closures: z.array(Closure),
    locations: z.array(z.object({ ...ServiceLocation.shape, location: SiteLocation })),
    pending_changes: z
      .array(PendingChange)
      .optional()
      .openapi({ description: 'Drafts waiting to be published; not given to caseworkers.' }),
  })
  .openapi('AdminListing');
export type Listing = z.infer<typeof Listing>;
