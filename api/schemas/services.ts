import { z } from '@hono/zod-openapi';
import {
  ACCESSIBILITY_FEATURES,
  COST_KINDS,
  COUNTRIES,
  ELIGIBLE_GENDERS,
  FEMALE_STAFF,
  VERIFICATION_STATUSES,
  YES_NO_UNKNOWN,
} from '../domain/vocabulary.ts';
import { FACT_FILTERS } from '../domain/filter-facts.ts';
import type { BoundingBox, Point } from '../domain/geo.ts';
import { SORT_ORDERS } from '../domain/ranking.ts';
import { Flag, LanguageParam, LocalizedValue, PcodeParam } from './common.ts';

const DECIMAL = String.raw`-?\d{1,3}(\.\d+)?`;
const COORDINATE_LIST = (n: number) => new RegExp(`^${Array(n).fill(DECIMAL).join(',')}$`);
const numbers = (text: string) => text.split(',').map(Number);

/** "lat,lon", read here once into a point: no route or query splits it again. */
const NearParam = z
  .string()
  .regex(COORDINATE_LIST(2), 'must be "lat,lon"')
  .transform((text, ctx): Point => {
    const [lat, lon] = numbers(text) as [number, number];
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
      ctx.addIssue({ code: 'custom', message: 'latitude must be within ±90 and longitude within ±180' });
    return { lat, lon };
  });

/** "minLon,minLat,maxLon,maxLat", read here once into a box. */
const BboxParam = z
  .string()
  .regex(COORDINATE_LIST(4), 'must be "minLon,minLat,maxLon,maxLat"')
  .transform((text, ctx): BoundingBox => {
    const box = numbers(text) as BoundingBox;
    const [minLon, minLat, maxLon, maxLat] = box;
    if (
      minLon > maxLon ||
      minLat > maxLat ||
      Math.abs(minLat) > 90 ||
      Math.abs(maxLat) > 90 ||
      Math.abs(minLon) > 180 ||
      Math.abs(maxLon) > 180
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a valid box: minLon ≤ maxLon, minLat ≤ maxLat, within ±180/±90',
      });
    }
    return box;
  });

export const ServiceListQuery = z
  .object({
    lang: LanguageParam.optional(),
    area: PcodeParam.optional().openapi({
      description: 'Area at any level; includes services whose service area covers it.',
    }),
    country: z.enum(COUNTRIES).optional(),
    type: z
      .string()
      .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be comma-separated service type ids')
      .max(300)
      .optional()
      .openapi({
        description: 'Service type ids, comma-separated; a parent type includes its sub-types.',
        example: 'hotline,legal_aid',
      }),
    q: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: 'Text in any language or script (Arabic normalised, transliterations tolerated).' }),
    open_now: Flag.optional(),
    open_at: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'Only services open at this moment (ISO 8601).' }),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be a language code such as ar, ckb, kmr, en, es')
      .optional()
      .openapi({ description: 'Offered in this language.' }),
    female_staff: Flag.optional(),
    free: Flag.optional(),
    anonymous: Flag.optional().openapi({ description: 'Anonymous reporting possible.' }),
    accompaniment: Flag.optional().openapi({ description: 'Someone from the service can go with the person.' }),
    safe_place_meeting: Flag.optional().openapi({
      description: 'The service can host the meeting with the authority at a safe place of its own.',
    }),
    without_identity: Flag.optional().openapi({
      description: "The service can pass a report on without the person's identity.",
    }),
    gender: z.enum(['female', 'male']).optional().openapi({ description: 'Eligible for a person of this gender.' }),
    age: z.coerce.number().int().min(0).max(120).optional().openapi({ description: 'Eligible at this age.' }),
    accessibility: z
      .string()
      .regex(
        new RegExp(`^(${ACCESSIBILITY_FEATURES.join('|')})(,(${ACCESSIBILITY_FEATURES.join('|')}))*$`),
        `must be among ${ACCESSIBILITY_FEATURES.join(', ')}`,
      )
      .optional(),
    near: NearParam.optional().openapi({ example: '36.34,43.13' }),
    bbox: BboxParam.optional(),
    sort: z.enum(SORT_ORDERS).default('relevance'),
    cursor: z.string().max(2000).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .superRefine((q, ctx) => {
    if (q.sort === 'distance' && !q.near)
      ctx.addIssue({ code: 'custom', path: ['sort'], message: 'sort=distance needs near=lat,lon' });
    if (q.open_now === 'true' && q.open_at)
      ctx.addIssue({ code: 'custom', path: ['open_at'], message: 'give open_now or open_at, not both' });
  });
export type ServiceListQuery = z.infer<typeof ServiceListQuery>;
/** The same query as it travels in a URL, before parsing (strings, as a client sends them). */
export type ServiceListParams = z.input<typeof ServiceListQuery>;

export const ServiceIdParam = z.object({
  id: z
    .string()
    .uuid('must be a service id (UUID)')
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const LocalMoment = z.object({ date: z.string(), time: z.string(), weekday: z.number().int().min(0).max(6) });
export const HoursView = z
  .object({
    state: z.enum(['open', 'closed', 'unknown']),
    next_change: z.string().nullable().openapi({ description: 'ISO instant of the next change of state.' }),
    next_change_local: LocalMoment.nullable().openapi({
      description: "The same moment as wall time in the service's time zone (weekday 0 = Sunday).",
    }),
    always_open: z.boolean(),
    closed_by: z.string().nullable(),
  })
  .openapi('Hours');

export const Verification = z
  .object({
    status: z.enum(VERIFICATION_STATUSES),
    freshness: z.enum(['fresh', 'overdue', 'stale', 'very_stale', 'unverified']).openapi({
      description:
        'Never says more than status: "fresh" only when verified within its cycle; "overdue" when checked within ' +
        '90 days but past the next due date.',
    }),
    last_verified_at: z
      .string()
      .nullable()
      .openapi({ description: 'Null while unverified (a changed contact route loses its old date).' }),
    next_due: z.string().nullable(),
  })
  .openapi('Verification');

export const ContactRouteView = z
  .object({
    id: z.string(),
    kind: z.string(),
    value: z.string(),
    href: z
      .string()
      .nullable()
      .openapi({ description: 'A direct action: tel:, sms:, mailto:, https://wa.me/…; null for walk-in.' }),
    label: LocalizedValue,
    languages: z.array(z.string()),
    opening_hours: z.string().nullable(),
    hours: HoursView,
    notes: LocalizedValue,
    verification: Verification,
  })
  .openapi('ContactRoute');

const LocationView = z
  .object({
    id: z.string(),
    name: LocalizedValue,
    address: LocalizedValue,
    area_pcode: z.string(),
    lon: z.number().nullable(),
    lat: z.number().nullable(),
    confidential: z.boolean(),
    opening_hours: z.string().nullable(),
    hours: HoursView,
    hours_note: LocalizedValue,
  })
  .openapi('Location');

const ServiceTypeRef = z.object({ id: z.string(), name: LocalizedValue });

export const ServiceSummary = z
  .object({
    id: z.string(),
    name: LocalizedValue,
    organisation: z.object({ id: z.string(), name: LocalizedValue }),
    service_types: z.array(ServiceTypeRef),
    is_priority_channel: z.boolean(),
    is_sample: z.boolean(),
    country: z.enum(COUNTRIES),
    time_zone: z
      .string()
      .openapi({ description: 'The IANA zone hours are stated in (Asia/Baghdad, America/Guatemala).' }),
    cost: z.enum(COST_KINDS),
    female_staff: z.enum(FEMALE_STAFF),
    anonymous_reporting: z.enum(YES_NO_UNKNOWN),
    accompaniment: z
      .enum(YES_NO_UNKNOWN)
      .openapi({ description: 'Someone from the service can go with the person. "unknown" is not "no".' }),
    safe_place_meeting: z.enum(YES_NO_UNKNOWN).openapi({
      description: 'The service can host the meeting with the authority at a safe place of its own.',
    }),
    passes_on_without_identity: z
      .enum(YES_NO_UNKNOWN)
      .openapi({ description: "The service can pass a report on without the person's identity." }),
    eligibility: z.object({
      gender: z.enum(ELIGIBLE_GENDERS),
      min_age: z.number().nullable(),
      max_age: z.number().nullable(),
    }),
    languages: z.array(z.string()),
    accessibility: z.array(z.string()),
    verification: Verification,
    hours: HoursView,
    distance_km: z.number().nullable(),
    contact_routes: z.array(ContactRouteView),
    locations: z.array(LocationView),
  })
  .openapi('ServiceSummary');

const WeekView = z
  .array(
    z.object({
      date: z.string().openapi({ description: "The wall date in the service's time zone (YYYY-MM-DD)." }),
      weekday: z.number().int().min(0).max(6).openapi({ description: '0 = Sunday.' }),
      open_all_day: z.boolean(),
      intervals: z.array(
        z.object({
          opens: z.string(),
          closes: z.string().openapi({ description: 'HH:MM; "24:00" is midnight at the end of the day.' }),
          next_day: z.boolean().openapi({ description: 'Closes after midnight, on the following day.' }),
          unconfirmed: z
            .boolean()
            .openapi({ description: 'The rule says it may be open then ("open end", "unknown").' }),
        }),
      ),
      closures: z.array(z.string()).openapi({
        description:
          'Ids of the dated closures (in `closures`) that fall on this day; the intervals already leave them out.',
      }),
    }),
  )
  .nullable()
  .openapi('Week', {
    description:
      "The coming seven days from today, in the service's time zone, from the opening_hours rule with dated " +
      'closures cut out; null when the hours are not known.',
  });

const ReferralLinkView = z
  .object({ service: z.object({ id: z.string(), name: LocalizedValue }), note: LocalizedValue })
  .openapi('ReferralLink');

export const ServiceDetail = ServiceSummary.extend({
  contact_routes: z.array(ContactRouteView.extend({ week: WeekView }).openapi('ContactRouteDetail')),
  locations: z.array(LocationView.extend({ week: WeekView }).openapi('LocationDetail')),
  description: LocalizedValue,
  after_contact: LocalizedValue.openapi({ description: 'What happens when you contact this service.' }),
  cost_note: LocalizedValue,
  confidentiality_note: LocalizedValue,
  eligibility_note: LocalizedValue,
  accessibility_note: LocalizedValue,
  organisation_website: z.string().nullable(),
  service_areas: z.array(z.string()),
  closures: z.array(
    z.object({
      id: z.string(),
      starts_at: z.string(),
      ends_at: z.string(),
      closes: z.boolean(),
      reason: LocalizedValue,
    }),
  ),
  source: z.object({ description: z.string().nullable(), url: z.string().nullable(), date: z.string().nullable() }),
  verified_by: z.string().nullable(),
  verification_method: z.string().nullable(),
  updated_at: z.string(),
  receives_cases_from: z.array(ReferralLinkView).openapi({
    description: 'Published services that pass their cases on to this one (an early-warning unit, for example).',
  }),
  passes_cases_to: z
    .array(ReferralLinkView)
    .openapi({ description: 'Published services this one passes its cases on to.' }),
}).openapi('ServiceDetail');

export const UnmetFilterView = z
  .object({
    filter: z.enum(FACT_FILTERS).openapi({ description: 'The query parameter of the filter.' }),
    reason: z.enum(['unknown', 'does_not_match']).openapi({
      description:
        "`unknown`: the service's fact is not recorded (which does not mean no); `does_not_match`: it is " +
        'recorded and differs.',
    }),
  })
  .openapi('UnmetFilter');

export const LeftOutPriorityChannel = ServiceSummary.extend({
  unmet_filters: z.array(UnmetFilterView).min(1),
}).openapi('LeftOutPriorityChannel');

export const ServiceList = z
  .object({
    items: z.array(ServiceSummary),
    priority_channels_left_out: z.array(LeftOutPriorityChannel).openapi({
      description:
        'Hotlines and official reporting channels covering `area` (within `type`, `q` and `bbox` when given) ' +
        'that the other filters (open_now, open_at, language, female_staff, free, anonymous, gender, age, ' +
        'accessibility) left out of `items`, each with the filters it does not meet and why. A filter drops a ' +
        'service whose fact is unknown; these are returned so that a client never hides them silently. The same ' +
        'on every page; empty without `area` or without such filters. Not counted in `total`.',
    }),
    total: z
      .number()
      .int()
      .openapi({
        description:
          'How many services the listing holds. Exact when `total_is_exact` is true; otherwise (a filtered ' +
          'listing longer than one page, whose later services are not read) the listing holds at least this many.',
      }),
    total_is_exact: z.boolean(),
    next_cursor: z
      .string()
      .nullable()
      .openapi({
        description:
          'Null when the listing has ended. A page may hold fewer than `limit` items, even none, and still give a ' +
          'cursor: an "open" listing, or a filtered one nearest first, looks a fixed stretch per request and stops ' +
          'there; more may come past it.',
      }),
    lang: LanguageParam,
    evaluated_at: z.string(),
    hours_at: z.string(),
  })
  .openapi('ServiceList');
