/**
 * A referral built on this device, for one person: the services (or a whole pathway) chosen for
 * them, the consent checklist gone through with them, and a sheet to print or share.
 *
 * Nothing about the person may leave the device or outlive the tab: the referral lives in this
 * module's memory only, never in the address, the history, any browser storage or a request, and
 * it is built only from listings the console has already read. Signing out or closing the tab
 * forgets it. No field asks who the person is.
 */
import type { z } from '@hono/zod-openapi';
import type { PathwayDetail } from '../../../api/admin/schemas/pathways.ts';
import { timeZoneOf } from '../../../api/domain/vocabulary.ts';
import type { ConsoleContext, Localized } from './context.ts';
import { h, ltr } from './dom.ts';
import type { ContactRoute, Listing } from './listing.ts';
import { routeLabel, routeLabelText } from './values.ts';

type Pathway = z.output<typeof PathwayDetail>;

interface ChosenPathway {
  pathway: Pathway;
  areaName: string;
  /** Service type names by id, as the pathway screen had them. */
  typeNames: Map<string, string>;
}

/** The one referral of this tab, in memory only. */
const referral = {
  services: [] as Listing[],
  pathways: [] as ChosenPathway[],
  /** Consent points ticked with the person. */
  consent: new Set<string>(),
};

export const referralSize = () => referral.services.length + referral.pathways.length;
export const hasService = (id: string) => referral.services.some((s) => s.id === id);
export const hasPathway = (id: string) => referral.pathways.some((p) => p.pathway.id === id);

/** Forgets everything chosen and ticked (signing out, or the caseworker's "start again"). */
export function clearReferral() {
  referral.services = [];
  referral.pathways = [];
  referral.consent.clear();
}

/** A change of what is shared, or with whom, asks for consent again. */
const changed = () => referral.consent.clear();

export function addService(listing: Listing) {
  if (hasService(listing.id)) return;
  referral.services.push(listing);
  changed();
}
export function removeService(id: string) {
  referral.services = referral.services.filter((s) => s.id !== id);
  changed();
}
export function addPathway(pathway: Pathway, areaName: string, typeNames: Map<string, string>) {
  if (hasPathway(pathway.id)) return;
  referral.pathways.push({ pathway, areaName, typeNames });
  changed();
}
function removePathway(id: string) {
  referral.pathways = referral.pathways.filter((p) => p.pathway.id !== id);
  changed();
}

/**
 * A button that adds a listing to this referral or takes it out again. `load` gives the listing
 * with its routes and referral details: the one the screen already read, or the console's ordinary
 * read of that listing (the same request as opening it, carrying nothing of the referral).
 */
export function referralToggle(ctx: ConsoleContext, id: string, load: () => Promise<Listing>): HTMLButtonElement {
  const { t } = ctx;
  const button = h('button', {
    type: 'button',
    class: 'button button--secondary',
    dataset: { role: 'referral-toggle' },
  });
  const label = () => {
    const chosen = hasService(id);
    button.textContent = chosen ? t('consoleReferralRemove') : t('consoleReferralAdd');
    button.setAttribute('aria-pressed', String(chosen));
  };
  label();
  button.addEventListener('click', async () => {
    if (hasService(id)) {
      removeService(id);
      ctx.announce(t('consoleReferralRemoved', { n: ctx.number(referralSize()) }));
    } else {
      button.disabled = true;
      try {
        addService(await load());
        ctx.announce(t('consoleReferralAdded', { n: ctx.number(referralSize()) }));
      } catch {
        ctx.announce(t('consoleFailed'), 'error');
      } finally {
        button.disabled = false;
      }
    }
    label();
    document.querySelector('[data-role="referral-count"]')?.replaceChildren(ctx.number(referralSize()));
  });
  return button;
}

const text = (ctx: ConsoleContext, value: unknown) => ctx.text(value as Localized);

/** One contact route as the sheet says it: how, the number or address, and its weekly hours. */
function routeLine(ctx: ConsoleContext, listing: Listing, r: ContactRoute): string {
  const hours = r.opening_hours ? `${ctx.t('consoleOpeningHours')}: ${r.opening_hours}` : ctx.t('hoursUnknown');
  const label = text(ctx, r.labels);
  return [routeLabelText(ctx, r, listing.locations), label, hours].filter(Boolean).join(' · ');
}

/** The same, as elements: numbers and hours stay left to right inside right-to-left text. */
function routeParts(ctx: ConsoleContext, listing: Listing, r: ContactRoute): Array<Node | string> {
  const label = text(ctx, r.labels);
  return [
    ...routeLabel(ctx, r, listing.locations),
    label ? ` · ${label}` : '',
    ' · ',
    ...(r.opening_hours ? [`${ctx.t('consoleOpeningHours')}: `, ltr(r.opening_hours)] : [ctx.t('hoursUnknown')]),
  ];
}

interface Fact {
  label: string;
  value: string;
  role: string;
}

function referralFacts(ctx: ConsoleContext, listing: Listing): Fact[] {
  const { t } = ctx;
  const r: Record<string, unknown> = listing.referral;
  return (
    [
      ['focal_point', 'focal-point'],
      ['intake_route', 'intake-route'],
      ['required_documents', 'required-documents'],
      ['expected_response_time', 'expected-response-time'],
    ] as const
  ).map(([field, role]) => ({
    label: ctx.tk(`consoleField_${field}`),
    value: text(ctx, r[field]) || t('consoleNotGiven'),
    role,
  }));
}

function placeLines(ctx: ConsoleContext, listing: Listing): string[] {
  return listing.locations.map((s) =>
    [
      text(ctx, s.location.names) || ctx.t('consolePlaceUnnamed'),
      text(ctx, s.location.address),
      s.opening_hours ? `${ctx.t('consoleOpeningHours')}: ${s.opening_hours}` : ctx.t('hoursUnknown'),
    ]
      .filter(Boolean)
      .join(' · '),
  );
}

function stepLines(ctx: ConsoleContext, chosen: ChosenPathway) {
  return chosen.pathway.steps.map((step) => {
    const serving = step.services.map((s) =>
      s.service_type_id ? (chosen.typeNames.get(s.service_type_id) ?? s.service_type_id) : ctx.t('consoleNamedService'),
    );
    return {
      title: text(ctx, step.title) || ctx.tk(`stepKind_${step.kind}`),
      details: [
        serving.length ? `${ctx.t('stepServicesHeading')}: ${ctx.list(serving)}` : '',
        text(ctx, step.what_to_bring) ? `${ctx.t('whatToBringHeading')}: ${text(ctx, step.what_to_bring)}` : '',
        step.referral && text(ctx, step.referral.focal_point)
          ? `${ctx.t('consoleField_focal_point')}: ${text(ctx, step.referral.focal_point)}`
          : '',
        step.referral && text(ctx, step.referral.intake_route)
          ? `${ctx.t('consoleField_intake_route')}: ${text(ctx, step.referral.intake_route)}`
          : '',
      ].filter(Boolean),
    };
  });
}

const serviceName = (ctx: ConsoleContext, listing: Listing) => text(ctx, listing.names) || listing.id;

/** The consent points, each chosen service by name: ticked with the person, one by one. */
function consentPoints(ctx: ConsoleContext): Array<[key: string, label: string]> {
  const { t } = ctx;
  const receivers = [
    ...referral.services.map((s): [string, string] => [`share:${s.id}`, serviceName(ctx, s)]),
    ...referral.pathways.map((p): [string, string] => [`share:${p.pathway.id}`, text(ctx, p.pathway.names)]),
  ];
  return [
    ['what', t('consoleConsentWhat')],
    ...receivers.map(([key, name]): [string, string] => [key, t('consoleConsentShareWith', { service: name })]),
    ['refuse', t('consoleConsentRefuse')],
    ['withdraw', t('consoleConsentWithdraw')],
  ];
}

/** The sheet as plain text, for sharing or copying: the same content as the printed sheet. */
function sheetText(ctx: ConsoleContext, made: string): string {
  const { t } = ctx;
  const lines = [t('consoleSheetHeading'), t('consoleSheetMade', { date: made }), t('consoleSheetConsent'), ''];
  for (const listing of referral.services) {
    lines.push(serviceName(ctx, listing));
    for (const r of listing.contact_routes) lines.push(`- ${routeLine(ctx, listing, r)}`);
    for (const p of placeLines(ctx, listing)) lines.push(`- ${p}`);
    for (const f of referralFacts(ctx, listing)) lines.push(`- ${f.label}: ${f.value}`);
    lines.push('');
  }
  for (const chosen of referral.pathways) {
    lines.push(`${text(ctx, chosen.pathway.names)} (${chosen.areaName})`);
    stepLines(ctx, chosen).forEach((step, i) => {
      lines.push(`${ctx.number(i + 1)}. ${step.title}`);
      for (const d of step.details) lines.push(`   ${d}`);
    });
    lines.push('');
  }
  lines.push(t('consoleSheetNoCopy'));
  return lines.join('\n');
}

function sheet(ctx: ConsoleContext): HTMLElement {
  const { t } = ctx;
  const made = ctx.date(new Date().toISOString(), timeZoneOf(referral.services[0]?.country ?? 'IQ'));
  const services = referral.services.map((listing) =>
    h(
      'section',
      { class: 'sheet-service', dataset: { role: 'sheet-service', serviceId: listing.id } },
      h('h3', {}, serviceName(ctx, listing)),
      h('h4', {}, t('consoleContactRoutes')),
      listing.contact_routes.length
        ? h(
            'ul',
            {},
            listing.contact_routes.map((r) =>
              h('li', { dataset: { role: 'sheet-route' } }, routeParts(ctx, listing, r)),
            ),
          )
        : h('p', {}, t('consoleNothingHere')),
      listing.locations.length
        ? [
            h('h4', {}, t('placesHeading')),
            h(
              'ul',
              {},
              placeLines(ctx, listing).map((p) => h('li', {}, p)),
            ),
          ]
        : null,
      h(
        'dl',
        { class: 'facts' },
        referralFacts(ctx, listing).map((f) => [h('dt', {}, f.label), h('dd', { dataset: { role: f.role } }, f.value)]),
      ),
    ),
  );
  const pathways = referral.pathways.map((chosen) =>
    h(
      'section',
      { class: 'sheet-service', dataset: { role: 'sheet-pathway', pathwayId: chosen.pathway.id } },
      h('h3', {}, `${text(ctx, chosen.pathway.names)} (${chosen.areaName})`),
      h(
        'ol',
        {},
        stepLines(ctx, chosen).map((step) =>
          h(
            'li',
            {},
            h('strong', {}, step.title),
            step.details.map((d) => h('p', {}, d)),
          ),
        ),
      ),
    ),
  );

  const message = h('p', { class: 'form-message', role: 'status' });
  const copyBox = h('div', { hidden: true, dataset: { print: 'hide' } });
  const share = async () => {
    const body = sheetText(ctx, made);
    message.textContent = '';
    // The Web Share API hands the text to an app the caseworker picks on this device; Masar's
    // server never sees it. Without it, the clipboard, and without that, text to copy by hand.
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: t('consoleSheetHeading'), text: body });
        return;
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(body);
      message.textContent = t('consoleSheetCopied');
    } catch {
      const area = h('textarea', { readOnly: true, rows: 12, dataset: { role: 'sheet-text' } });
      area.value = body;
      const id = 'sheet-text';
      area.id = id;
      copyBox.replaceChildren(h('label', { for: id }, t('consoleSheetCopyByHand')), area);
      copyBox.hidden = false;
      area.select();
    }
  };

  return h(
    'article',
    { class: 'referral-sheet', dataset: { role: 'referral-sheet' }, 'aria-labelledby': 'sheet-heading' },
    h('h2', { id: 'sheet-heading', tabindex: -1 }, t('consoleSheetHeading')),
    h('p', {}, t('consoleSheetMade', { date: made })),
    h('p', { dataset: { role: 'sheet-consent' } }, t('consoleSheetConsent')),
    services,
    pathways,
    h('p', { class: 'muted' }, t('consoleSheetNoCopy')),
    h(
      'p',
      { class: 'sheet-actions', dataset: { print: 'hide' } },
      h(
        'button',
        { type: 'button', class: 'button', dataset: { role: 'sheet-print' }, onclick: () => window.print() },
        t('consoleSheetPrint'),
      ),
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'button button--secondary',
          dataset: { role: 'sheet-share' },
          onclick: () => void share(),
        },
        t('consoleSheetShare'),
      ),
    ),
    message,
    copyBox,
  );
}

/** The referral screen: what is chosen, the consent checklist, and the sheet. Makes no request. */
export function referralScreen(ctx: ConsoleContext, reload: () => void): HTMLElement {
  const { t } = ctx;
  const notice = h('p', { class: 'referral-notice', dataset: { role: 'referral-notice' } }, t('consoleReferralNotice'));
  const heading = h('h1', { tabindex: -1 }, t('consoleReferralScreenHeading'));
  if (!referralSize())
    return h(
      'section',
      { class: 'referral', dataset: { role: 'referral-screen', print: 'hide' } },
      heading,
      notice,
      h('p', { dataset: { role: 'referral-empty' } }, t('consoleReferralEmpty')),
      h(
        'p',
        {},
        h('a', { href: '#/' }, t('consoleNavFind')),
        ' · ',
        h('a', { href: '#/pathways' }, t('consoleNavPathways')),
      ),
    );

  const remove = (label: string, run: () => void) =>
    h(
      'button',
      {
        type: 'button',
        class: 'button button--secondary',
        dataset: { role: 'referral-remove' },
        'aria-label': t('consoleReferralRemoveNamed', { name: label }),
        onclick: () => {
          run();
          reload();
        },
      },
      t('consoleReferralRemove'),
    );

  const chosenServices = referral.services.map((listing) =>
    h(
      'li',
      { dataset: { role: 'referral-service', serviceId: listing.id } },
      h('h3', {}, serviceName(ctx, listing)),
      h(
        'ul',
        {},
        listing.contact_routes.map((r) =>
          h(
            'li',
            {},
            routeParts(ctx, listing, r),
            r.visibility === 'practitioner'
              ? [' ', h('span', { class: 'badge badge--practitioner' }, t('consoleVisibility_practitioner'))]
              : null,
          ),
        ),
        placeLines(ctx, listing).map((p) => h('li', {}, p)),
      ),
      h(
        'dl',
        { class: 'facts' },
        referralFacts(ctx, listing).map((f) => [h('dt', {}, f.label), h('dd', { dataset: { role: f.role } }, f.value)]),
      ),
      remove(serviceName(ctx, listing), () => removeService(listing.id)),
    ),
  );
  const chosenPathways = referral.pathways.map((chosen) =>
    h(
      'li',
      { dataset: { role: 'referral-pathway', pathwayId: chosen.pathway.id } },
      h('h3', {}, `${text(ctx, chosen.pathway.names)} (${chosen.areaName})`),
      h(
        'ol',
        {},
        stepLines(ctx, chosen).map((step) => h('li', {}, step.title)),
      ),
      remove(text(ctx, chosen.pathway.names), () => removePathway(chosen.pathway.id)),
    ),
  );

  const sheetSlot = h('div', { dataset: { role: 'sheet-slot' } });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const points = consentPoints(ctx);
  const boxes = points.map(([key, label], i) => {
    const id = `consent-${i}`;
    const box = h('input', {
      type: 'checkbox',
      id,
      name: 'consent',
      value: key,
      checked: referral.consent.has(key),
      onchange: (event: Event) => {
        const input = event.target as HTMLInputElement;
        if (input.checked) referral.consent.add(key);
        else referral.consent.delete(key);
        // A point untaken back withdraws the sheet made on it.
        if (!input.checked) sheetSlot.replaceChildren();
      },
    });
    return h('div', { class: 'checkbox' }, box, h('label', { for: id }, label));
  });
  const consentForm = h(
    'form',
    { class: 'console-form consent', dataset: { role: 'consent' } },
    h(
      'fieldset',
      { class: 'checkboxes' },
      h('legend', {}, t('consoleConsentHeading')),
      h('p', { class: 'field__hint' }, t('consoleConsentIntro')),
      boxes,
    ),
    message,
    h('button', { type: 'submit', class: 'button', dataset: { role: 'make-sheet' } }, t('consoleSheetMake')),
  );
  consentForm.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    if (points.some(([key]) => !referral.consent.has(key))) {
      message.textContent = t('consoleConsentMissing');
      return;
    }
    sheetSlot.replaceChildren(sheet(ctx));
    sheetSlot.querySelector<HTMLElement>('h2')?.focus();
  });

  return h(
    'section',
    { class: 'referral', dataset: { role: 'referral-screen' } },
    h(
      'div',
      { dataset: { print: 'hide' } },
      heading,
      notice,
      h(
        'section',
        { 'aria-labelledby': 'chosen-heading' },
        h('h2', { id: 'chosen-heading' }, t('consoleReferralChosen')),
        h('ul', { class: 'work-list referral-list' }, chosenServices, chosenPathways),
        h(
          'p',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'button button--secondary',
              dataset: { role: 'referral-clear' },
              onclick: () => {
                clearReferral();
                reload();
              },
            },
            t('consoleReferralClear'),
          ),
        ),
      ),
      consentForm,
    ),
    sheetSlot,
  );
}
