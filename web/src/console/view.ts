/**
 * A listing to read, for a role that may not change it (caseworkers): everything the admin API
 * gives, the practitioner-only referral details and contact routes included, as words of the
 * console's language, with no form and no button. Coordinators keep the listing up to date.
 */
import { PROBLEM_KINDS } from '../../../api/domain/vocabulary.ts';
import { ApiError } from './api.ts';
import type { ConsoleContext, Localized } from './context.ts';
import { field, h, select } from './dom.ts';
import type { ContactRoute, Listing, ServiceLocation } from './listing.ts';
import { badge } from './queue.ts';
import { referralToggle } from './referral.ts';
import { areaNames, loadTypes, routeLabel, routeLabelText, valueText } from './values.ts';
import { timeZoneOf } from '../../../api/domain/vocabulary.ts';

type Item = [label: string, value: Node | string | Array<Node | string> | null, role?: string];

/** A list of facts; one that is not given reads "not given", never an empty line. */
function facts(ctx: ConsoleContext, items: Item[]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    items.map(([label, value, role]) => [
      h('dt', {}, label),
      h(
        'dd',
        { dataset: role ? { role } : {} },
        value === null || value === '' || (Array.isArray(value) && !value.length)
          ? h('span', { class: 'muted' }, ctx.t('consoleNotGiven'))
          : value,
      ),
    ]),
  );
}

const text = (ctx: ConsoleContext, value: unknown) => ctx.text(value as Localized) || null;

/** Opening hours as written (OpenStreetMap syntax), left to right inside right-to-left text. */
const hours = (ctx: ConsoleContext, value: string | null | undefined) =>
  value
    ? h('bdi', { dir: 'ltr', class: 'opening-hours' }, value)
    : h('span', { class: 'muted' }, ctx.t('hoursUnknown'));

export async function readOnlyView(ctx: ConsoleContext, listing: Listing): Promise<HTMLElement> {
  const { t } = ctx;
  const pcodes = [
    ...(listing.area_pcodes ?? []),
    ...listing.locations.map((s) => s.location.area_pcode).filter((p): p is string => Boolean(p)),
  ];
  const [types, areas] = await Promise.all([loadTypes(ctx), areaNames(ctx, pcodes)]);
  const l: Record<string, unknown> = listing;
  const value = (field: string) => {
    const v = valueText(ctx, field, l[field], { types });
    return v === '—' ? null : v;
  };
  const referral: Record<string, unknown> = listing.referral;
  const ages = () => {
    const { min_age: min, max_age: max } = listing;
    if (min !== null && max !== null) return t('ageRange', { min: ctx.number(min), max: ctx.number(max) });
    if (min !== null) return t('ageFrom', { min: ctx.number(min) });
    if (max !== null) return t('ageUpTo', { max: ctx.number(max) });
    return '';
  };
  const joined = (...parts: Array<string | null>) => parts.filter(Boolean).join(' · ') || null;

  // A note is its own line (the service's words), only when there is one.
  const note = (label: string, field: string): Item[] => (text(ctx, l[field]) ? [[label, text(ctx, l[field])]] : []);
  const served = listing.area_pcodes ?? [];
  const about = facts(ctx, [
    [t('typesLabel'), value('type_ids')],
    // Without areas of its own, a listing serves where its places are (listed above).
    ...(served.length ? [[t('consoleAreasServed'), ctx.list(served.map((p) => areas.get(p) ?? p))] as Item] : []),
    [t('descriptionHeading'), text(ctx, l.descriptions)],
    [t('afterContactHeading'), text(ctx, l.after_contact)],
    [t('costLabel'), value('cost_kind')],
    ...note(t('consoleField_cost_note'), 'cost_note'),
    [t('femaleStaffLabel'), value('female_staff')],
    [t('consoleField_anonymous_reporting'), value('anonymous_reporting')],
    [t('eligibilityLabel'), joined(value('eligible_gender'), ages())],
    ...note(t('consoleField_eligibility_note'), 'eligibility_note'),
    [t('languagesLabel'), value('languages')],
    [t('accessibilityLabel'), value('accessibility')],
    ...note(t('consoleField_accessibility_note'), 'accessibility_note'),
    [t('confidentialityLabel'), text(ctx, l.confidentiality_note)],
  ]);

  const referralBox = h(
    'section',
    { class: 'referral-details', dataset: { role: 'referral' }, 'aria-labelledby': 'referral-heading' },
    h('h2', { id: 'referral-heading' }, t('consoleReferralHeading')),
    h('p', { class: 'field__hint' }, t('consoleReferralIntro')),
    facts(ctx, [
      [t('consoleField_focal_point'), text(ctx, referral.focal_point), 'focal-point'],
      [t('consoleField_intake_route'), text(ctx, referral.intake_route), 'intake-route'],
      [t('consoleField_required_documents'), text(ctx, referral.required_documents), 'required-documents'],
      [t('consoleField_expected_response_time'), text(ctx, referral.expected_response_time), 'expected-response-time'],
    ]),
  );

  const route = (r: ContactRoute) =>
    h(
      'li',
      { class: 'route', dataset: { role: 'route', routeId: r.id, kind: r.kind } },
      h(
        'p',
        {},
        h('strong', {}, routeLabel(ctx, r, listing.locations)),
        ' ',
        r.visibility === 'practitioner'
          ? h('span', { class: 'badge badge--practitioner' }, t('consoleVisibility_practitioner'))
          : null,
      ),
      text(ctx, r.labels) ? h('p', {}, text(ctx, r.labels)) : null,
      h('p', {}, t('consoleOpeningHours'), ': ', hours(ctx, r.opening_hours)),
      r.languages?.length ? h('p', {}, t('routeLanguages', { list: valueText(ctx, 'languages', r.languages) })) : null,
      text(ctx, r.notes) ? h('p', {}, text(ctx, r.notes)) : null,
      h(
        'p',
        {},
        badge(ctx, r.verification_status),
        ' ',
        h(
          'span',
          { class: 'muted' },
          t('consoleLastVerified'),
          ': ',
          ctx.date(r.last_verified_at ?? null, timeZoneOf(listing.country)),
        ),
      ),
    );
  const routes = h(
    'section',
    { dataset: { role: 'routes' }, 'aria-labelledby': 'routes-heading' },
    h('h2', { id: 'routes-heading' }, t('consoleContactRoutes')),
    listing.contact_routes.length
      ? h('ul', { class: 'work-list' }, listing.contact_routes.map(route))
      : h('p', { class: 'muted' }, t('consoleNothingHere')),
  );

  const place = (s: ServiceLocation) =>
    h(
      'li',
      { dataset: { role: 'place', locationId: s.location_id } },
      h(
        'p',
        {},
        h('strong', {}, text(ctx, s.location.names) ?? t('consolePlaceUnnamed')),
        ' ',
        s.location.is_confidential
          ? h('span', { class: 'badge badge--confidential' }, t('consoleConfidentialPlace'))
          : null,
      ),
      text(ctx, s.location.address) ? h('p', {}, text(ctx, s.location.address)) : null,
      s.location.area_pcode
        ? h('p', {}, t('consoleAreaName'), ': ', areas.get(s.location.area_pcode) ?? s.location.area_pcode)
        : null,
      h('p', {}, t('consoleOpeningHours'), ': ', hours(ctx, s.opening_hours)),
      text(ctx, s.hours_note) ? h('p', {}, text(ctx, s.hours_note)) : null,
    );
  const places = h(
    'section',
    { dataset: { role: 'places' }, 'aria-labelledby': 'places-heading' },
    h('h2', { id: 'places-heading' }, t('placesHeading')),
    listing.locations.length
      ? h('ul', { class: 'work-list' }, listing.locations.map(place))
      : h('p', { class: 'muted' }, t('consoleNoPlaces')),
  );

  const now = Date.now();
  const current = listing.closures.filter((c) => Date.parse(c.ends_at) > now);
  const closures = h(
    'section',
    { dataset: { role: 'closures' }, 'aria-labelledby': 'closures-heading' },
    h('h2', { id: 'closures-heading' }, t('consoleClosures')),
    current.length
      ? h(
          'ul',
          { class: 'work-list' },
          current.map((c) =>
            h(
              'li',
              {},
              h('strong', {}, c.closes ? t('consoleClosure') : t('consoleAlert')),
              ' ',
              t('noticeFromTo', { from: ctx.dateTime(c.starts_at), to: ctx.dateTime(c.ends_at) }),
              ' ',
              ctx.text(c.reason),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('consoleNothingHere')),
  );

  const checked = facts(ctx, [
    [t('consoleVerification'), badge(ctx, listing.verification_status)],
    [t('consoleLastVerified'), ctx.date(listing.last_verified_at, timeZoneOf(listing.country))],
    [t('consoleNextDue'), ctx.date(listing.next_verification_due, timeZoneOf(listing.country))],
    [t('sourceLabel'), joined(value('source_description'), value('source_date'))],
  ]);

  return h(
    'div',
    { class: 'listing-view', dataset: { role: 'listing-view' } },
    h('p', { class: 'field__hint' }, t('consoleReadOnlyIntro')),
    // The listing is already read: adding it to the referral asks the server nothing.
    listing.status === 'published'
      ? h(
          'p',
          {},
          referralToggle(ctx, listing.id, async () => listing),
        )
      : null,
    referralBox,
    routes,
    places,
    h('section', { 'aria-labelledby': 'about-heading' }, h('h2', { id: 'about-heading' }, t('detailsHeading')), about),
    closures,
    h(
      'section',
      { 'aria-labelledby': 'checked-heading' },
      h('h2', { id: 'checked-heading' }, t('checkedHeading')),
      checked,
    ),
    listing.status === 'published' ? reportForm(ctx, listing) : null,
  );
}

/**
 * Reporting a problem with the listing as a practitioner: the API records the reporter's role
 * with it (who they are is not kept with the report), so coordinators know a caseworker called.
 */
function reportForm(ctx: ConsoleContext, listing: Listing): HTMLElement {
  const { t } = ctx;
  const kinds = PROBLEM_KINDS.map((kind, i) => {
    const id = `report-kind-${i}`;
    return h(
      'div',
      { class: 'checkbox' },
      h('input', { type: 'radio', id, name: 'kind', value: kind, required: true }),
      h('label', { for: id }, ctx.tk(`report_${kind}`)),
    );
  });
  const route = select(
    'contact_route_id',
    [
      ['', t('reportWholeService')],
      ...listing.contact_routes.map((r): [string, string] => [r.id, routeLabelText(ctx, r, listing.locations)]),
    ],
    '',
  );
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 500 });
  const message = h('p', { class: 'form-message', role: 'status' });
  const form = h(
    'form',
    { class: 'console-form', dataset: { role: 'console-report' } },
    h('fieldset', { class: 'checkboxes' }, h('legend', {}, t('reportKindLegend')), kinds),
    field(t('reportRouteLabel'), route),
    field(t('reportNoteLabel'), note, { hint: t('consoleReportNoteHint') }),
    message,
    h('button', { type: 'submit', class: 'button' }, t('reportSend')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = form.querySelector<HTMLInputElement>('input[name="kind"]:checked')?.value;
    if (!kind) return;
    message.textContent = '';
    try {
      await ctx.api.post('/problem-reports', {
        service_id: listing.id,
        contact_route_id: route.value || null,
        kind,
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
      });
      form.reset();
      message.textContent = t('consoleReportSent');
      ctx.announce(t('consoleReportSent'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.textContent = ctx.problemText(error);
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'report-heading', dataset: { role: 'report-problem' } },
    h('h2', { id: 'report-heading' }, t('reportProblem')),
    h('p', { class: 'field__hint' }, t('consoleReportRoleNote', { role: ctx.tk(`consoleRole_${ctx.user?.role}`) })),
    form,
  );
}
