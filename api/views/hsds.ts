/**
 * Our public records as HSDS 3.0 objects (P3): a field-by-field mapping, one function per HSDS
 * object. Input is already public (queries/hsds.ts on top of public-directory.ts), including
 * locations, which come as the public sees them (queries/confidential-location.ts).
 * Field rules quoted below are from the HSDS 3.0 schemas (test/fixtures/hsds).
 */
import { COUNTRY_TIME_ZONES, LANGUAGES, type Country, type LocalizedText } from '../domain/vocabulary.ts';
import type { PublicContactRouteRow, PublicLocationRow, PublicServiceRow } from '../queries/public-directory.ts';
import type { AreaNameRow, HsdsServiceRecord, PageRequest, PublicOrganisationRow } from '../queries/hsds.ts';
import type { ServiceTypeRow } from '../queries/service-types.ts';
import { derivedId, HSDS_VERSION, type HsdsContext } from './hsds-context.ts';
import { schedulesOf } from './hsds-schedules.ts';
import { serviceTypeAttributes } from './hsds-taxonomy.ts';

/** The API root: "version" is the HSDS version, "openapi_url" our OpenAPI document. */
export function hsdsRoot(origin: string) {
  return { version: HSDS_VERSION, openapi_url: `${origin}/api/v1/openapi.json` };
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
  return {
    ...hsdsServiceSummary(r, ctx),
    phones: r.routes.filter((route) => Object.hasOwn(PHONE_TYPES, route.kind)).map((route) => hsdsPhone(route, ctx)),
    // Each exported route's own hours; HSDS 3.0 schedules cannot point at a phone, so
    // attending_type names the route ("Office phone", "24-hour hotline").
    schedules: routesInExport(r.routes).flatMap((route) =>
      schedulesOf(
        route.openingHours,
        { key: route.id, service_id: s.id, attending_type: ctx.text(route.labels) ?? route.kind },
        timeZone,
        ctx,
      ),
    ),
    service_areas: r.areaPcodes.map((pcode) => hsdsServiceArea(s.id, pcode, areas.get(pcode), ctx)),
    service_at_locations: r.locations.map((l) => hsdsServiceAtLocation(l, areas.get(l.areaPcode), timeZone, ctx)),
    languages: s.languages.map((code) => hsdsLanguage(code, { service_id: s.id }, ctx)),
    cost_options: costOptions(s, ctx),
    attributes: serviceTypeAttributes(s.id, r.typeIds, types, ctx),
    metadata: verificationMetadata(s),
    // Not exported: contacts (our only named contact is the practitioner-only focal point, C3),
    // required_documents (practitioner-only, C3), funding and program (not recorded).
  };
}

/** RFC 6350 types HSDS names for phone.type: "text (for SMS), voice, …". */
const PHONE_TYPES: Record<string, string> = { phone: 'voice', hotline: 'voice', sms: 'text' };

/**
 * The public routes HSDS 3.0 has a place for: phones, the service's email and url, and walk-in
 * (its sites). WhatsApp, Signal and Telegram have none, so their hours are left out too rather
 * than describe a channel the export does not give.
 */
function routesInExport(routes: PublicContactRouteRow[]): PublicContactRouteRow[] {
  const email = routes.find((r) => r.kind === 'email');
  const form = routes.find((r) => r.kind === 'web_form');
  return routes.filter((r) => Object.hasOwn(PHONE_TYPES, r.kind) || r.kind === 'walk_in' || r === email || r === form);
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
  };
}

function hsdsServiceAtLocation(
  l: PublicLocationRow,
  area: AreaNameRow | undefined,
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
    location: hsdsLocation(l, area, ctx),
  };
}

function hsdsLocation(l: PublicLocationRow, area: AreaNameRow | undefined, ctx: HsdsContext) {
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
