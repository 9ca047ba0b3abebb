/**
 * One listing: its tabs (details, hours and closures, places, translations, verification,
 * history), pending drafts and publishing. The details form saves only what changed, with
 * If-Match; a 412 keeps every typed value and shows them beside the current ones (M4).
 * Which tabs and buttons show follows what the API lets the person's role do: a caseworker, who
 * may only read, gets one read-only view of everything, practitioner-only details included.
 */
import type { Listing } from '../../../api/admin/schemas/services.ts';
import { ApiError } from './api.ts';
import type { ConsoleContext, Localized } from './context.ts';
import { checkboxes, checkedValues, field, h, select, setFieldError } from './dom.ts';
import { historyTab } from './history.ts';
import { hoursTab } from './hours.ts';
import { placesTab } from './places.ts';
import { badge } from './queue.ts';
import { translationsTab } from './translations.ts';
import { pendingChangesList } from './pending.ts';
import type { PendingChange } from '../../../api/admin/schemas/pending-changes.ts';
import { loadTypes } from './values.ts';
import { readOnlyView } from './view.ts';
import { verifyTab } from './verify.ts';
import {
  ACCESSIBILITY_FEATURES,
  COST_KINDS,
  ELIGIBLE_GENDERS,
  FEMALE_STAFF,
  SERVICE_LANGUAGES,
  YES_NO_UNKNOWN,
} from '../../../api/domain/vocabulary.ts';

export type ListingTab = 'details' | 'hours' | 'places' | 'translations' | 'verify' | 'history';

/** The tabs a role can use: each reads or writes through an action the API allows that role. */
function tabsFor(ctx: ConsoleContext): ListingTab[] {
  if (!ctx.may('edit')) return ['details'];
  const tabs: ListingTab[] = ['details', 'hours', 'places'];
  // Translations, verification records and test calls, and the history are read as 'history'.
  if (ctx.may('history')) tabs.push('translations', 'verify', 'history');
  return tabs;
}

// The API's own declarations (api/admin/schemas), so the console cannot drift from the answers.
export type { ContactRoute } from '../../../api/admin/schemas/contact-routes.ts';
export type { Closure } from '../../../api/admin/schemas/closures.ts';
export type { Listing } from '../../../api/admin/schemas/services.ts';
export type { PendingChange };
/** A site of the listing, with the location as the reader may see it. */
export type ServiceLocation = Listing['locations'][number];

export async function loadListing(ctx: ConsoleContext, id: string): Promise<Listing> {
  return (await ctx.api.get<Listing>(`/services/${encodeURIComponent(id)}`)).data;
}

export async function listingScreen(
  ctx: ConsoleContext,
  id: string,
  asked: ListingTab,
  reload: () => void,
): Promise<HTMLElement> {
  const { t } = ctx;
  // The type names (pending drafts, the read-only view, history) load beside the listing.
  const [listing] = await Promise.all([loadListing(ctx, id), loadTypes(ctx).catch(() => null)]);
  const base = `#/s/${encodeURIComponent(id)}`;
  const allowed = tabsFor(ctx);
  // A tab the role cannot use (an old link, a typed address) opens the listing itself.
  const tab: ListingTab = allowed.includes(asked) ? asked : 'details';
  const tabs =
    allowed.length > 1
      ? h(
          'nav',
          { class: 'listing-tabs', 'aria-label': t('consoleListingSections') },
          h(
            'ul',
            {},
            allowed.map((name) =>
              h(
                'li',
                {},
                h(
                  'a',
                  {
                    href: name === 'details' ? base : `${base}/${name}`,
                    'aria-current': name === tab ? 'page' : undefined,
                  },
                  ctx.tk(`consoleTab_${name}`),
                ),
              ),
            ),
          ),
        )
      : null;
  const body = !ctx.may('edit')
    ? await readOnlyView(ctx, listing)
    : tab === 'hours'
      ? hoursTab(ctx, listing, reload)
      : tab === 'places'
        ? placesTab(ctx, listing, reload)
        : tab === 'translations'
          ? await translationsTab(ctx, listing)
          : tab === 'verify'
            ? await verifyTab(ctx, listing, reload)
            : tab === 'history'
              ? await historyTab(ctx, listing, reload)
              : await detailsTab(ctx, listing);
  return h(
    'article',
    { class: 'listing', dataset: { serviceId: listing.id, version: String(listing.version) } },
    h('h1', { tabindex: -1 }, ctx.text(listing.names) || listing.id),
    h(
      'p',
      { class: 'listing-meta' },
      h(
        'span',
        { class: `badge badge--${listing.status}`, dataset: { role: 'listing-status' } },
        ctx.tk(`consoleStatus_${listing.status}`),
      ),
      ' ',
      badge(ctx, listing.verification_status),
      ' ',
      t('consoleVersion', { n: ctx.number(listing.version) }),
      ' · ',
      listing.status === 'published'
        ? h(
            'a',
            { href: `/s/${encodeURIComponent(listing.id)}?lang=${ctx.lang}`, target: '_blank', rel: 'noopener' },
            t('consolePublicPage'),
          )
        : null,
    ),
    ctx.may('edit') ? await publishPanel(ctx, listing, reload) : null,
    tabs,
    tabs ? h('h2', {}, ctx.tk(`consoleTab_${tab}`)) : null,
    body,
  );
}

/** Drafts waiting (an editor's changes to a published listing) and, for coordinators, publishing. */
async function publishPanel(ctx: ConsoleContext, listing: Listing, reload: () => void): Promise<HTMLElement | null> {
  const { t } = ctx;
  const pending = listing.pending_changes ?? [];
  if (listing.status !== 'draft' && !pending.length) return null;
  const message = h('p', { class: 'form-message', role: 'alert' });
  const publish = async () => {
    message.textContent = '';
    try {
      await ctx.api.post(`/services/${encodeURIComponent(listing.id)}/publish`, {}, listing.version);
      ctx.announce(t('consolePublished'));
      reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.textContent = error.status === 412 ? t('consoleConflictReload') : ctx.problemText(error, 'publish');
    }
  };
  return h(
    'section',
    { class: 'publish-panel', dataset: { role: 'publish-panel' }, 'aria-labelledby': 'publish-heading' },
    h(
      'h2',
      { id: 'publish-heading' },
      listing.status === 'draft' ? t('consoleDraftListing') : t('consolePendingHeading'),
    ),
    pending.length ? pendingChangesList(ctx, listing, pending, await loadTypes(ctx)) : null,
    ctx.may('publish')
      ? h(
          'button',
          { type: 'button', class: 'button', dataset: { role: 'publish' }, onclick: () => void publish() },
          t('consolePublish'),
        )
      : h('p', {}, t('consoleAwaitingPublish')),
    message,
  );
}

type Values = Record<string, unknown>;
const LOCALIZED = ['names', 'descriptions', 'after_contact', 'eligibility_note', 'accessibility_note'] as const;
const TEXT = ['source_description', 'source_url', 'source_date'] as const;

async function detailsTab(ctx: ConsoleContext, listing: Listing): Promise<HTMLElement> {
  const { t, lang } = ctx;
  const types = (
    await ctx.api.get<
      | { items: Array<{ id: string; name: { text: string }; children?: unknown[] }> }
      | Array<{ id: string; name: { text: string } }>
    >(`/api/v1/service-types?lang=${lang}`)
  ).data;
  const typeList = flattenTypes(Array.isArray(types) ? types : types.items);
  let version = listing.version;
  const original: Values = { ...listing };

  const localizedInput = (name: (typeof LOCALIZED)[number], multiline: boolean) => {
    const value = ((listing[name] as Localized) ?? {})[lang] ?? '';
    const control = multiline
      ? h('textarea', { name, rows: 3, lang, value })
      : h('input', { type: 'text', name, lang, value });
    return field(
      t('consoleInLanguage', { field: ctx.tk(`consoleField_${name}`), language: t(`lang_${lang}`) }),
      control,
      { name },
    );
  };
  const option = (values: readonly string[], key: (v: string) => string) =>
    values.map((v): [string, string] => [v, ctx.tk(key(v))]);
  const numberInput = (name: 'min_age' | 'max_age') =>
    field(
      ctx.tk(`consoleField_${name}`),
      h('input', {
        type: 'number',
        name,
        min: 0,
        max: 120,
        value: listing[name] === null ? '' : String(listing[name]),
      }),
      { name },
    );

  const form = h(
    'form',
    { class: 'console-form listing-form', dataset: { role: 'listing-form' }, novalidate: true },
    localizedInput('names', false),
    localizedInput('descriptions', true),
    localizedInput('after_contact', true),
    checkboxes(
      t('typesLabel'),
      'type_ids',
      typeList.map((ty) => [ty.id, ty.name]),
      listing.type_ids,
    ),
    field(
      t('costLabel'),
      select(
        'cost_kind',
        option(COST_KINDS, (v) => `cost${cap(v)}`),
        listing.cost_kind as string,
      ),
      { name: 'cost_kind' },
    ),
    field(
      t('femaleStaffLabel'),
      select(
        'female_staff',
        option(FEMALE_STAFF, (v) => `female${cap(v === 'on_request' ? 'OnRequest' : v)}`),
        listing.female_staff as string,
      ),
      { name: 'female_staff' },
    ),
    field(
      t('consoleField_anonymous_reporting'),
      select(
        'anonymous_reporting',
        option(YES_NO_UNKNOWN, (v) => `anonymous${cap(v)}`),
        listing.anonymous_reporting as string,
      ),
      { name: 'anonymous_reporting' },
    ),
    field(
      t('eligibilityLabel'),
      select(
        'eligible_gender',
        option(ELIGIBLE_GENDERS, (v) => `eligible${cap(v)}`),
        listing.eligible_gender as string,
      ),
      { name: 'eligible_gender' },
    ),
    h('div', { class: 'field-row' }, numberInput('min_age'), numberInput('max_age')),
    localizedInput('eligibility_note', true),
    checkboxes(
      t('languagesLabel'),
      'languages',
      SERVICE_LANGUAGES.map((l) => [l, ctx.tk(`lang_${l}`)]),
      (listing.languages as string[]) ?? [],
    ),
    checkboxes(
      t('accessibilityLabel'),
      'accessibility',
      ACCESSIBILITY_FEATURES.map((a) => [a, ctx.tk(`access_${a}`)]),
      (listing.accessibility as string[]) ?? [],
    ),
    localizedInput('accessibility_note', true),
    field(
      t('consoleField_source_description'),
      h('input', { type: 'text', name: 'source_description', value: (listing.source_description as string) ?? '' }),
      { name: 'source_description' },
    ),
    field(
      t('consoleField_source_url'),
      h('input', { type: 'url', name: 'source_url', dir: 'ltr', value: (listing.source_url as string) ?? '' }),
      { name: 'source_url' },
    ),
    field(
      t('consoleField_source_date'),
      h('input', { type: 'date', name: 'source_date', value: (listing.source_date as string) ?? '' }),
      { name: 'source_date' },
    ),
    field(t('consoleChangeReason'), h('input', { type: 'text', name: 'change_reason' }), { name: 'change_reason' }),
  );
  const message = h('p', { class: 'form-message', role: 'alert' });
  const conflict = h('section', {
    class: 'conflict',
    dataset: { role: 'conflict' },
    hidden: true,
    'aria-labelledby': 'conflict-heading',
  });
  const save = h('button', { type: 'submit', class: 'button', dataset: { role: 'save' } }, t('consoleSave'));
  form.append(conflict, message, save);

  /** What the form says now, in the API's shapes. */
  const read = (): Values => {
    const value = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value;
    const out: Values = {};
    for (const name of LOCALIZED) out[name] = { ...((original[name] as Localized) ?? {}), [lang]: value(name) };
    for (const name of ['cost_kind', 'female_staff', 'anonymous_reporting', 'eligible_gender']) out[name] = value(name);
    for (const name of ['min_age', 'max_age']) out[name] = value(name) === '' ? null : Number(value(name));
    for (const name of TEXT) out[name] = value(name).trim() === '' ? null : value(name).trim();
    out.type_ids = checkedValues(form, 'type_ids');
    out.languages = checkedValues(form, 'languages');
    out.accessibility = checkedValues(form, 'accessibility');
    return out;
  };
  /** Only the fields that differ from the version the form was loaded from. */
  const changes = (): Values => {
    const now = read();
    const out: Values = {};
    for (const [name, value] of Object.entries(now)) {
      const before = original[name];
      const same = LOCALIZED.includes(name as never)
        ? (((before as Localized) ?? {})[lang] ?? '') === ((value as Localized) ?? {})[lang]
        : JSON.stringify(before ?? null) === JSON.stringify(value ?? null) ||
          (Array.isArray(value) &&
            JSON.stringify([...value].sort()) === JSON.stringify([...((before as string[]) ?? [])].sort()));
      if (!same)
        out[name] = LOCALIZED.includes(name as never)
          ? { ...((before as Localized) ?? {}), [lang]: ((value as Localized) ?? {})[lang] }
          : value;
    }
    return out;
  };

  const submit = async (basedOn: number, edits: Values) => {
    message.textContent = '';
    form.querySelectorAll('[data-field]').forEach((f) => setFieldError(f, null));
    const reason = form.querySelector<HTMLInputElement>('[name="change_reason"]')!.value.trim();
    if (!Object.keys(edits).length) return ctx.announce(t('consoleNoChanges'));
    try {
      const answer = await ctx.api.patch<Values>(
        `/services/${encodeURIComponent(listing.id)}`,
        { ...edits, ...(reason ? { change_reason: reason } : {}) },
        basedOn,
      );
      conflict.hidden = true;
      if (answer.status === 202) {
        ctx.announce(t('consoleSavedAsDraft'));
        message.textContent = t('consoleSavedAsDraft');
      } else {
        version = answer.version ?? version;
        Object.assign(original, answer.data, edits);
        form.closest('.listing')?.setAttribute('data-version', String(version));
        ctx.announce(t('consoleSaved'));
        message.textContent = t('consoleSaved');
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 412 && error.problem.current)
        return showConflict(error.problem.current, error.problem.current_version ?? 0, edits);
      for (const e of error.problem.errors ?? []) {
        const target = form.querySelector(`[data-field="${e.name.split('.')[0]}"]`);
        if (target) setFieldError(target, e.reason);
      }
      message.textContent = ctx.problemText(error, 'edit');
    }
  };

  /** M4: someone saved first. Show mine beside theirs; nothing typed is lost. */
  const showConflict = (current: Values, currentVersion: number, mine: Values) => {
    const show = (v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? ((v as Record<string, string>)[lang] ?? '')
        : Array.isArray(v)
          ? v.join(', ')
          : v === null || v === undefined
            ? '—'
            : String(v);
    conflict.replaceChildren(
      h('h2', { id: 'conflict-heading' }, t('consoleConflictHeading')),
      h('p', {}, t('consoleConflictIntro', { n: ctx.number(currentVersion) })),
      h(
        'table',
        { class: 'console-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('consoleFieldName')),
            h('th', { scope: 'col' }, t('consoleYourValue')),
            h('th', { scope: 'col' }, t('consoleCurrentValue')),
          ),
        ),
        h(
          'tbody',
          {},
          Object.keys(mine).map((name) =>
            h(
              'tr',
              { dataset: { field: name } },
              h('th', { scope: 'row' }, ctx.tk(`consoleField_${name}`)),
              h('td', { class: 'conflict__mine' }, show(mine[name])),
              h('td', { class: 'conflict__theirs' }, name in current ? show(current[name]) : '—'),
            ),
          ),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          dataset: { role: 'reapply' },
          onclick: () => void reapply(current, currentVersion),
        },
        t('consoleReapply'),
      ),
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'button button--secondary',
          dataset: { role: 'discard' },
          onclick: () => location.reload(),
        },
        t('consoleDiscard'),
      ),
    );
    conflict.hidden = false;
    message.textContent = t('consoleConflictShort');
    conflict.querySelector<HTMLElement>('h2')!.setAttribute('tabindex', '-1');
    conflict.querySelector<HTMLElement>('h2')!.focus();
  };
  /** My edits on top of the current version: the other person's other fields stay. */
  const reapply = async (current: Values, currentVersion: number) => {
    const mine = changes();
    for (const name of Object.keys(current)) if (!(name in mine) && name in original) original[name] = current[name];
    version = currentVersion;
    const edits: Values = {};
    for (const [name, value] of Object.entries(mine))
      edits[name] = LOCALIZED.includes(name as never)
        ? { ...((current[name] as Localized) ?? {}), [lang]: ((value as Localized) ?? {})[lang] }
        : value;
    await submit(currentVersion, edits);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(version, changes());
  });
  return form;
}

const cap = (v: string) => v.charAt(0).toUpperCase() + v.slice(1);

function flattenTypes(
  types: Array<{ id: string; name: { text: string } | string; children?: unknown[] }>,
  out: Array<{ id: string; name: string }> = [],
) {
  for (const ty of types) {
    out.push({ id: ty.id, name: typeof ty.name === 'string' ? ty.name : ty.name.text });
    if (Array.isArray(ty.children)) flattenTypes(ty.children as never, out);
  }
  return out;
}
