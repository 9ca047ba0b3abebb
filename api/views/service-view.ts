/**
 * The public JSON shape of a service: localised texts, hours as states, verification as badges.
 * Input is already public (see queries/public-directory.ts); this only shapes it.
 */
import { COUNTRY_TIME_ZONES, type Language } from '../domain/vocabulary.ts';
import { contactHref } from '../domain/contact-actions.ts';
import { effectiveVerificationStatus, freshness, type VerificationFacts } from '../domain/freshness.ts';
import { localise } from '../domain/language.ts';
import type { HoursState } from '../domain/opening-hours.ts';
import { locationWeek, routeWeek } from '../domain/service-hours.ts';
import type { DayHours } from '../domain/weekly-hours.ts';
import type { ServiceTypeRow } from '../queries/service-types.ts';
import type { referralLinksOf } from '../queries/pathways.ts';
import type { ServiceParts } from '../queries/service-listing.ts';

export function hoursView(h: HoursState) {
  return {
    state: h.state,
    next_change: h.nextChange,
    next_change_local: h.nextChangeLocal,
    always_open: h.alwaysOpen,
    closed_by: h.closedBy,
  };
}

/** Status, freshness and date from one rule: an unverified record shows no date of a check. */
export function verificationView(v: VerificationFacts, at: Date) {
  const status = effectiveVerificationStatus(v, at);
  return {
    status,
    freshness: freshness(v, at),
    last_verified_at: status === 'unverified' ? null : v.lastVerifiedAt,
    next_due: status === 'unverified' ? null : v.nextVerificationDue,
  };
}

/** Hours come from the listing (`parts`), evaluated there once; `now` dates the verification. */
export function serviceSummary(parts: ServiceParts, types: ServiceTypeRow[], lang: Language, now: Date) {
  const s = parts.service;
  const timeZone = COUNTRY_TIME_ZONES[s.country];
  const typeRows = parts.typeIds.flatMap((id) => types.filter((t) => t.id === id));
  return {
    id: s.id,
    name: localise(s.names, lang),
    organisation: { id: s.organisationId, name: localise(s.organisationNames, lang) },
    service_types: typeRows.map((t) => ({ id: t.id, name: localise(t.names, lang) })),
    is_priority_channel: typeRows.some((t) => t.isPriorityChannel),
    is_sample: s.isSample,
    country: s.country,
    time_zone: timeZone,
    cost: s.costKind,
    female_staff: s.femaleStaff,
    anonymous_reporting: s.anonymousReporting,
    accompaniment: s.accompaniment,
    safe_place_meeting: s.safePlaceMeeting,
    passes_on_without_identity: s.passesOnWithoutIdentity,
    eligibility: { gender: s.eligibleGender, min_age: s.minAge, max_age: s.maxAge },
    languages: s.languages,
    accessibility: s.accessibility,
    verification: verificationView(s, now),
    hours: hoursView(parts.hours),
    distance_km: parts.distanceKm === null ? null : Math.round(parts.distanceKm * 10) / 10,
    contact_routes: parts.routes.map((r, i) => ({
      id: r.id,
      kind: r.kind,
      value: r.value,
      href: contactHref(r.kind, r.value),
      label: localise(r.labels, lang),
      languages: r.languages,
      opening_hours: r.openingHours,
      hours: hoursView(parts.routeHours[i]!),
      notes: localise(r.notes, lang),
      verification: verificationView(r, now),
    })),
    locations: parts.locations.map((l, i) => ({
      id: l.locationId,
      name: localise(l.names, lang),
      address: localise(l.address, lang),
      area_pcode: l.areaPcode,
      lon: l.lon,
      lat: l.lat,
      confidential: l.isConfidential,
      opening_hours: l.openingHours,
      hours: hoursView(parts.locationHours[i]!),
      hours_note: localise(l.hoursNote, lang),
    })),
  };
}

/** One "receives cases from" link as the public sees it: the other service's name and the note. */
export function referralLinkView(
  l: Awaited<ReturnType<typeof referralLinksOf>>['receivesFrom'][number],
  lang: Language,
) {
  return { service: { id: l.id, name: localise(l.names, lang) }, note: localise(l.note, lang) };
}

export function weekView(days: DayHours[] | null) {
  return (
    days?.map((d) => ({
      date: d.date,
      weekday: d.weekday,
      open_all_day: d.allDay,
      intervals: d.intervals.map((i) => ({
        opens: i.opens,
        closes: i.closes,
        next_day: i.nextDay,
        unconfirmed: i.unknown,
      })),
      closures: d.closures,
    })) ?? null
  );
}

export function serviceDetail(
  parts: ServiceParts,
  serviceAreas: string[],
  types: ServiceTypeRow[],
  lang: Language,
  now: Date,
) {
  const s = parts.service;
  const checked = effectiveVerificationStatus(s, now) !== 'unverified';
  const summary = serviceSummary(parts, types, lang, now);
  const timeZone = COUNTRY_TIME_ZONES[s.country];
  return {
    ...summary,
    contact_routes: summary.contact_routes.map((r, i) => ({
      ...r,
      week: weekView(routeWeek(parts.routes[i]!, parts.closures, now, timeZone)),
    })),
    locations: summary.locations.map((l, i) => ({
      ...l,
      week: weekView(locationWeek(parts.locations[i]!, parts.closures, now, timeZone)),
    })),
    description: localise(s.descriptions, lang),
    after_contact: localise(s.afterContact, lang),
    cost_note: localise(s.costNote, lang),
    confidentiality_note: localise(s.confidentialityNote, lang),
    eligibility_note: localise(s.eligibilityNote, lang),
    accessibility_note: localise(s.accessibilityNote, lang),
    organisation_website: s.organisationWebsite,
    service_areas: serviceAreas,
    closures: parts.closures.map((c) => ({
      id: c.id,
      starts_at: c.startsAt,
      ends_at: c.endsAt,
      closes: c.closes,
      reason: localise(c.reason, lang),
    })),
    source: { description: s.sourceDescription, url: s.sourceUrl, date: s.sourceDate },
    verified_by: checked ? s.lastVerifiedBy : null,
    verification_method: checked ? s.verificationMethod : null,
    updated_at: s.updatedAt,
  };
}
