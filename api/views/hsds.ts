/**
 * Our public records as HSDS 3.0 objects (P3): a field-by-field mapping, one function per HSDS
 * object. Input is already public (queries/hsds.ts on top of public-directory.ts), including
 * locations, which come as the public sees them (queries/confidential-location.ts).
 * Field rules quoted below are from the HSDS 3.0 schemas (test/fixtures/hsds).
 */
import { openApiLicence, type DataLicence } from '../domain/data-licence.ts';
import { COUNTRY_TIME_ZONES, LANGUAGES, type Country, type LocalizedText } from '../domain/vocabulary.ts';
import type { PublicContactRouteRow, PublicLocationRow, PublicServiceRow } from '../queries/public-directory.ts';
import type { AreaNameRow, HsdsServiceRecord, PageRequest, PublicOrganisationRow } from '../queries/hsds.ts';
import type { ServiceTypeRow } from '../queries/service-types.ts';
import { contactHref } from '../domain/contact-actions.ts';
import { derivedId, HSDS_VERSION, type HsdsContext } from './hsds-context.ts';
import { factAttribute, factAttributes } from './hsds-facts.ts';
import { closureSchedule, schedulesOf } from './hsds-schedules.ts';
import { hsdsStepKindTerm, serviceTypeAttributes, stepKindTermId } from './hsds-taxonomy.ts';
import { translationAttributes } from './hsds-translations.ts';

/**
 * The API root: the HSDS version, the profile this API follows (our own document, which names the
 * taxonomies and the pathways extension), our OpenAPI document, and HSDS 3.1's publisher details.
 */
export function hsdsRoot(origin: string, licence: DataLicence | null) {
  return {
    version: HSDS_VERSION,
    profile: `${origin}/api/v1/hsds/profile`,
    openapi_url: `${origin}/api/v1/openapi.json`,
    description:
      'Masar: a verified directory of referral pathways and services for people facing gender-based and online ' +
      'violence in Iraq and Guatemala. Published services only; never practitioner-only details or the address ' +
      'of a confidential site.',
    publisher: {
      name: 'Masar',
      website: origin,
      feedback: `${origin}/api/v1/problem-reports`,
    },
    // The OpenAPI document's licence object, with the address of the licence's text when it has one.
    license: { ...openApiLicence(licence), ...(licence?.url && { url: licence.url }) },
  };
}

/** HSDS's page object. A page past the end is a valid, empty page, not an error. */
export function hsdsPage<T>(contents: T[], total: number, request: PageRequest) {
  const totalPages = Math.ceil(total / request.perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: request.page,
    size: contents.length, // "The number of entities in the current page."
    first_page: request.page === 1,
    last_page: request.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export function hsdsOrganization(o: PublicOrganisationRow, ctx: HsdsContext) {
  return {
    id: o.id,
    name: ctx.text(o.names) ?? '',
    description: ctx.text(o.descriptions) ?? '', // required by HSDS, so empty rather than absent
    website: asUri(o.website),
    // Its name and description in every language ("masar-translation", hsds-translations.ts).
    attributes: translationAttributes('organization', o.id, { name: o.names, description: o.descriptions }),
  };
}

/**
 * The one-to-one fields of a service (HSDS compiled/service_list.json), without its organization:
 * as they appear in an organization's `services`.
 */
export function hsdsServiceFields(r: HsdsServiceRecord, ctx: HsdsContext) {
  const s = r.service;
  const closedNow = r.closures.some((c) => c.serviceId !== null && c.closes && isActive(c, ctx.now));
  return {
    id: s.id,
    organization_id: s.organisationId,
    name: ctx.text(s.names) ?? '',
    description: ctx.text(s.descriptions),
    url: asUri(firstRoute(r.routes, 'web_form')),
    email: asEmail(firstRoute(r.routes, 'email')),
    // Only published services are exported, so never "inactive" or "defunct"; a service-wide
    // closure in force (M5) is HSDS's "temporarily closed".
    status: closedNow ? ('temporarily closed' as const) : ('active' as const),
    // HSDS: "the steps needed to access this service". Ours is the public "what happens when you
    // contact" (S7); the practitioner intake route (C3) is never read.
    application_process: ctx.text(s.afterContact),
    fees_description: ctx.text(s.costNote),
    eligibility_description: ctx.text(s.eligibilityNote),
    minimum_age: s.minAge ?? undefined,
    maximum_age: s.maxAge ?? undefined,
    // "The date that the information about the service was last checked" (M1).
    assured_date: isVerified(s) ? s.lastVerifiedAt!.slice(0, 10) : undefined,
    alert: closureAlert(r, ctx),
    last_modified: new Date(r.lastModified).toISOString(),
  };
}

/**
 * Masar's facts about a service as "masar-facts" attributes (hsds-facts.ts): yes/no/unknown as
 * stored, verification, the public source (never the internal verification note), the sample flag.
 */
export function serviceFactAttributes(s: PublicServiceRow, ctx: HsdsContext) {
  return [
    ...factAttributes(
      'service',
      s.id,
      {
        female_staff: s.femaleStaff,
        anonymous_reporting: s.anonymousReporting,
        accompaniment: s.accompaniment,
        safe_place_meeting: s.safePlaceMeeting,
        passes_on_without_identity: s.passesOnWithoutIdentity,
        confidentiality_note: ctx.text(s.confidentialityNote),
        eligible_gender: s.eligibleGender,
        cost_kind: s.costKind,
        accessibility_note: ctx.text(s.accessibilityNote),
        verification_status: s.verificationStatus,
        last_verified_at: s.lastVerifiedAt,
        next_verification_due: s.nextVerificationDue,
        source_description: s.sourceDescription,
        source_url: s.sourceUrl,
        source_date: s.sourceDate,
        sample: String(Boolean(s.isSample)),
      },
      ctx,
    ),
    ...s.accessibility.map((feature) => factAttribute('service', s.id, 'accessibility', feature, ctx, feature)),
    // Every text of the service in every language, by HSDS field (or fact) name.
    ...translationAttributes('service', s.id, {
      name: s.names,
      description: s.descriptions,
      application_process: s.afterContact,
      fees_description: s.costNote,
      eligibility_description: s.eligibilityNote,
      confidentiality_note: s.confidentialityNote,
      accessibility_note: s.accessibilityNote,
    }),
  ];
}

/** A service in a list: its one-to-one fields and its organization (examples/service_list.json). */
export function hsdsServiceSummary(r: HsdsServiceRecord, ctx: HsdsContext) {
  return { ...hsdsServiceFields(r, ctx), organization: hsdsOrganization(r.organisation, ctx) };
}

/** service_full: the service with everything public about it (GET /services/{id}). */
export function hsdsServiceFull(
  r: HsdsServiceRecord,
  types: ServiceTypeRow[],
  areas: Map<string, AreaNameRow>,
  ctx: HsdsContext,
) {
  const s = r.service;
  const timeZone = COUNTRY_TIME_ZONES[s.country as Country];
  const routeOf = new Map(r.routes.map((route) => [route.id, route]));
  // WhatsApp, Signal, Telegram, further emails and forms: HSDS 3.1's additional_urls.
  const additionalUrls = r.routes.flatMap((route) => hsdsAdditionalUrl(route, r.routes, ctx));
  const phones = r.routes.filter((route) => Object.hasOwn(PHONE_TYPES, route.kind)).map((r) => hsdsPhone(r, ctx));
  // A route that is neither (a walk-in, the first email or form) has its texts on its schedules.
  const carried = new Set([...additionalUrls, ...phones].map((o) => o.id));
  return {
    ...hsdsServiceSummary(r, ctx),
    additional_urls: additionalUrls,
    phones,
    // Each public route's own hours, WhatsApp and the like included; HSDS schedules cannot point
    // at a phone or a url, so attending_type names the route ("Office phone", "Evening WhatsApp")
    // and a "contact_route" attribute gives its id. Then the dated closures and alerts in force or
    // announced, of the service and of its routes.
    schedules: [
      ...r.routes.flatMap((route) =>
        schedulesOf(
          route.openingHours,
          {
            key: route.id,
            service_id: s.id,
            attending_type: ctx.text(route.labels) ?? route.kind,
            routeId: route.id,
            routeKind: route.kind,
            routeValue: route.value,
            translations: carried.has(route.id) ? undefined : { label: route.labels, notes: route.notes },
          },
          timeZone,
          ctx,
        ),
      ),
      ...r.closures.map((c) =>
        closureSchedule(
          { ...c, reason: ctx.text(c.reason), reasons: c.reason },
          {
            service_id: s.id,
            attending_type: c.contactRouteId
              ? (ctx.text(routeOf.get(c.contactRouteId)?.labels) ?? undefined)
              : undefined,
            routeId: c.contactRouteId ?? undefined,
          },
          timeZone,
          ctx,
        ),
      ),
    ],
    service_areas: r.areaPcodes.map((pcode) => hsdsServiceArea(s.id, pcode, areas.get(pcode), ctx)),
    service_at_locations: r.locations.map((l) => hsdsServiceAtLocation(l, areas.get(l.areaPcode), s, timeZone, ctx)),
    languages: s.languages.map((code) => hsdsLanguage(code, { service_id: s.id }, ctx)),
    cost_options: costOptions(s, ctx),
    attributes: [
      ...serviceTypeAttributes(s.id, r.typeIds, types, ctx),
      ...serviceFactAttributes(s, ctx),
      ...(r.pathwaySteps ?? []).map((p) => pathwayStepAttribute(s.id, p, ctx)),
    ],
    metadata: verificationMetadata(s),
    // Not exported: contacts (our only named contact is the practitioner-only focal point, C3),
    // required_documents (practitioner-only, C3), funding and program (not recorded).
  };
}

/** RFC 6350 types HSDS names for phone.type: "text (for SMS), voice, …". */
const PHONE_TYPES: Record<string, string> = { phone: 'voice', hotline: 'voice', sms: 'text' };

/**
 * A public route that is neither a phone nor the service's first email or form, as an HSDS 3.1
 * url: its link (wa.me, signal.me, t.me, mailto:), its label, and the route as written.
 */
function hsdsAdditionalUrl(route: PublicContactRouteRow, routes: PublicContactRouteRow[], ctx: HsdsContext) {
  if (Object.hasOwn(PHONE_TYPES, route.kind) || route.kind === 'walk_in') return [];
  if (routes.find((r) => r.kind === route.kind) === route && (route.kind === 'email' || route.kind === 'web_form')) {
    if (route.kind === 'email' ? asEmail(route.value) : asUri(route.value)) return []; // service.email / service.url
  }
  const href = contactHref(route.kind, route.value);
  if (!href || !URL.canParse(href)) return [];
  return [
    {
      id: route.id,
      service_id: route.serviceId,
      label: ctx.text(route.labels) ?? route.kind,
      url: new URL(href).href,
      attributes: [
        factAttribute('url', route.id, 'contact_route_kind', route.kind, ctx),
        factAttribute('url', route.id, 'contact_route_value', route.value, ctx),
        ...translationAttributes('url', route.id, { label: route.labels, notes: route.notes }),
      ],
    },
  ];
}

function hsdsPhone(route: PublicContactRouteRow, ctx: HsdsContext) {
  const description = [ctx.text(route.labels), ctx.text(route.notes)].filter(Boolean).join(' — ');
  return {
    id: route.id,
    service_id: route.serviceId,
    number: route.value, // E.164 or a short code such as 497
    type: PHONE_TYPES[route.kind],
    description: description || undefined,
    languages: route.languages.map((code) => hsdsLanguage(code, { phone_id: route.id }, ctx)),
    // hotline and phone are both "voice": the kind tells them apart.
    attributes: [
      factAttribute('phone', route.id, 'contact_route_kind', route.kind, ctx),
      ...translationAttributes('phone', route.id, { label: route.labels, notes: route.notes }),
    ],
  };
}

/** A service's link to a pathway step it serves (the "masar-pathway-step" taxonomy, by step kind). */
export interface PathwayStepLink {
  pathwayId: string;
  stepId: string;
  kind: string;
}

function pathwayStepAttribute(serviceId: string, p: PathwayStepLink, ctx: HsdsContext) {
  return {
    id: derivedId('attribute', 'service', serviceId, 'pathway-step', p.stepId),
    link_id: serviceId,
    link_entity: 'service',
    link_type: 'pathway_step',
    taxonomy_term_id: stepKindTermId(p.kind),
    value: `${p.pathwayId}/${p.stepId}`,
    taxonomy_term: hsdsStepKindTerm(p.kind, ctx),
  };
}

export function hsdsServiceAtLocation(
  l: PublicLocationRow,
  area: AreaNameRow | undefined,
  s: PublicServiceRow,
  timeZone: string,
  ctx: HsdsContext,
) {
  const owner = {
    key: l.serviceAtLocationId,
    service_id: l.serviceId,
    location_id: l.locationId,
    service_at_location_id: l.serviceAtLocationId,
  };
  return {
    id: l.serviceAtLocationId,
    service_id: l.serviceId,
    location_id: l.locationId,
    schedules: schedulesOf(l.openingHours, { ...owner, description: ctx.text(l.hoursNote) }, timeZone, ctx),
    location: hsdsLocation(l, area, s, ctx),
    attributes: translationAttributes('service_at_location', l.serviceAtLocationId, { hours_note: l.hoursNote }),
  };
}

function hsdsLocation(l: PublicLocationRow, area: AreaNameRow | undefined, s: PublicServiceRow, ctx: HsdsContext) {
  // The row is the site as the public sees it (queries/confidential-location.ts): a confidential
  // site comes with no address and no coordinates, and its governorate as its area.
  const street = ctx.text(l.address);
  return {
    id: l.locationId,
    location_type: 'physical' as const,
    name: ctx.text(l.names),
    latitude: l.lat ?? undefined,
    longitude: l.lon ?? undefined,
    addresses: street && area ? [hsdsAddress(l.locationId, street, area, ctx)] : [],
    // The service's accessibility (HSDS keeps it on the location), one entry per feature.
    accessibility: s.accessibility.map((feature) => ({
      id: derivedId('accessibility', l.locationId, s.id, feature),
      location_id: l.locationId,
      description: feature,
      details: ctx.text(s.accessibilityNote),
    })),
    attributes: [
      ...factAttributes(
        'location',
        l.locationId,
        { area_pcode: l.areaPcode, confidential_site: String(Boolean(l.isConfidential)) },
        ctx,
      ),
      ...translationAttributes('location', l.locationId, { name: l.names, address: l.address }),
    ],
  };
}

function hsdsAddress(locationId: string, street: string, area: AreaNameRow, ctx: HsdsContext) {
  return {
    id: derivedId('address', locationId),
    location_id: locationId,
    address_1: street,
    city: ctx.text(area.names) ?? '', // the site's own area (district or subdistrict)
    state_province: ctx.text(area.governorateNames) ?? '', // governorate / departamento
    postal_code: '', // required by HSDS 3.0; not recorded (postcodes are rarely used in Iraq)
    country: area.country, // "ISO 3361-1 country code (two letter abbreviation)"
    address_type: 'physical' as const,
  };
}

/**
 * A covered area: its name, and its P-code as the extent. HSDS extent_type "text" is for an
 * extent given as text rather than geometry; the boundary itself is one request away at `uri`.
 */
function hsdsServiceArea(serviceId: string, pcode: string, area: AreaNameRow | undefined, ctx: HsdsContext) {
  return {
    id: derivedId('service-area', serviceId, pcode),
    service_id: serviceId,
    name: area ? ctx.text(area.names) : undefined,
    extent: pcode,
    extent_type: 'text',
    uri: `${ctx.origin}/api/v1/areas/${pcode}`,
  };
}

/** A language a service or phone is offered in; `code` is ISO 639-1 or 639-3 (ckb, kmr), as HSDS allows. */
function hsdsLanguage(code: string, owner: { service_id: string } | { phone_id: string }, ctx: HsdsContext) {
  const ownerId = 'service_id' in owner ? owner.service_id : owner.phone_id;
  return { id: derivedId('language', ownerId, code), ...owner, name: ctx.text(languageNames(code)), code };
}

// The runtime's ICU has language names in Arabic, English and Spanish but not in Sorani or Badini:
// names come from the languages it has, and fallback (ckb → kmr → ar) picks among them.
const NAMING_LANGUAGES = LANGUAGES.filter((l) => Intl.DisplayNames.supportedLocalesOf([l]).length > 0);
const displayNames = new Map(
  NAMING_LANGUAGES.map((l) => [l, new Intl.DisplayNames([l], { type: 'language', fallback: 'none' })]),
);

function languageNames(code: string): LocalizedText {
  return Object.fromEntries(
    [...displayNames].map(([l, names]) => [l, names.of(code)]).filter(([, name]) => name),
  ) as LocalizedText;
}

/** cost_kind free → one option costing 0; paid → one option whose amount we do not record. */
function costOptions(s: PublicServiceRow, ctx: HsdsContext) {
  const base = { id: derivedId('cost-option', s.id), service_id: s.id, amount_description: ctx.text(s.costNote) };
  if (s.costKind === 'free') return [{ ...base, amount: 0, currency: CURRENCIES[s.country as Country] }];
  if (s.costKind === 'paid') return [base];
  return []; // varies or unknown: nothing structured to say
}

const CURRENCIES: Record<Country, string> = { IQ: 'IQD', GT: 'GTQ' };

/**
 * The last verification (M1) as HSDS metadata: who (a role, never a person's name) set
 * assured_date, when and how. Only the latest verification is stored, so previous_value is empty.
 */
function verificationMetadata(s: PublicServiceRow) {
  if (!isVerified(s) || !s.lastVerifiedBy) return [];
  const date = s.lastVerifiedAt!.slice(0, 10);
  return [
    {
      id: derivedId('metadata', s.id, 'verification', s.lastVerifiedAt!),
      resource_id: s.id,
      resource_type: 'service',
      last_action_date: date,
      last_action_type: s.verificationMethod ? `verified (${s.verificationMethod})` : 'verified',
      field_name: 'assured_date',
      previous_value: '',
      replacement_value: date,
      updated_by: s.lastVerifiedBy,
    },
  ];
}

/** HSDS alert: "short term alerts concerning the service": our dated closures and alerts (M5). */
function closureAlert(r: HsdsServiceRecord, ctx: HsdsContext): string | undefined {
  const lines = r.closures.map((c) => `${ctx.text(c.reason) ?? ''} [${c.startsAt}/${c.endsAt}]`.trim());
  return lines.length ? lines.join('\n') : undefined;
}

const isVerified = (s: PublicServiceRow) => s.lastVerifiedAt !== null && s.verificationStatus !== 'unverified';
const isActive = (c: { startsAt: string; endsAt: string }, at: Date) =>
  Date.parse(c.startsAt) <= at.getTime() && at.getTime() < Date.parse(c.endsAt);
const firstRoute = (routes: PublicContactRouteRow[], kind: string) =>
  routes.find((r) => r.kind === kind)?.value ?? null;

/**
 * HSDS declares these fields `format: uri` / `email`: a stored value that is not one stays out,
 * and a URL is sent in its serialised form (non-ASCII percent-encoded), which is a valid URI.
 */
function asUri(value: string | null): string | undefined {
  if (!value || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function asEmail(value: string | null): string | undefined {
  return value && EMAIL.test(value) ? value : undefined;
}
