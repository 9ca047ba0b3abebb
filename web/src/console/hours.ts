/**
 * Hours (OSM opening_hours, checked by the API with the library that evaluates them: its 400
 * shows beside the field) and dated closures and alerts (M5) that end by themselves.
 */
import { ApiError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { field, h, select, setFieldError } from './dom.ts';
import type { Listing } from './listing.ts';
import { routeLabel, routeLabelText } from './values.ts';
import { utcOffsetOf } from '../../../api/domain/vocabulary.ts';

export function hoursTab(ctx: ConsoleContext, listing: Listing, reload: () => void): HTMLElement {
  const { t } = ctx;
  const hoursForm = (label: (Node | string)[], path: string, value: string | null, version: number) => {
    const input = h('input', {
      type: 'text',
      name: 'opening_hours',
      value: value ?? '',
      dir: 'ltr',
      spellcheck: 'false',
      autocomplete: 'off',
    });
    const wrap = field(t('consoleOpeningHours'), input, { hint: t('consoleOpeningHoursHint'), name: 'opening_hours' });
    const form = h(
      'form',
      { class: 'console-form hours-form', dataset: { role: 'hours-form' } },
      h('h4', {}, ...label),
      wrap,
      h('button', { type: 'submit', class: 'button' }, t('consoleSave')),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      setFieldError(wrap, null);
      try {
        await ctx.api.patch(path, { opening_hours: input.value.trim() || null }, version);
        ctx.announce(t('consoleSaved'));
        reload();
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const reason = error.problem.errors?.find((e) => e.name === 'opening_hours')?.reason;
        setFieldError(
          wrap,
          reason ?? (error.status === 412 ? t('consoleConflictReload') : ctx.problemText(error, 'edit')),
        );
        input.focus();
      }
    });
    return form;
  };

  const routes = listing.contact_routes.map((r) =>
    hoursForm(
      routeLabel(ctx, r, listing.locations),
      `/contact-routes/${encodeURIComponent(r.id)}`,
      r.opening_hours,
      r.version,
    ),
  );
  const sites = listing.locations.map((s) =>
    hoursForm(
      [ctx.text(s.location.names)],
      `/service-locations/${encodeURIComponent(s.id)}`,
      s.opening_hours,
      listing.version,
    ),
  );

  return h(
    'div',
    {},
    h('h3', {}, t('consoleContactRoutes')),
    routes,
    sites.length ? [h('h3', {}, t('placesHeading')), sites] : null,
    closures(ctx, listing, reload),
  );
}

function closures(ctx: ConsoleContext, listing: Listing, reload: () => void): HTMLElement {
  const { t, lang } = ctx;
  const offset = utcOffsetOf(listing.country);
  const remove = async (id: string, version: number) => {
    try {
      await ctx.api.delete(`/closures/${encodeURIComponent(id)}`, version);
      ctx.announce(t('consoleDeleted'));
      reload();
    } catch (error) {
      if (error instanceof ApiError) ctx.announce(ctx.problemText(error, 'edit'), 'error');
    }
  };
  const list = listing.closures.map((c) =>
    h(
      'li',
      { dataset: { closureId: c.id } },
      h('strong', {}, c.closes ? t('consoleClosure') : t('consoleAlert')),
      ' ',
      `${ctx.dateTime(c.starts_at)} – ${ctx.dateTime(c.ends_at)}`,
      ' ',
      ctx.text(c.reason),
      ' ',
      h(
        'button',
        { type: 'button', class: 'button button--secondary', onclick: () => void remove(c.id, c.version) },
        t('consoleDelete'),
      ),
    ),
  );
  const starts = h('input', { type: 'datetime-local', name: 'starts_at', required: true });
  const ends = h('input', { type: 'datetime-local', name: 'ends_at', required: true });
  const closes = h('input', { type: 'checkbox', name: 'closes', id: 'closure-closes', checked: true });
  const reason = h('input', { type: 'text', name: 'reason', lang });
  const target = select(
    'contact_route_id',
    [
      ['', t('consoleWholeListing')],
      ...listing.contact_routes.map((r): [string, string] => [r.id, routeLabelText(ctx, r, listing.locations)]),
    ],
    '',
  );
  const fields = {
    starts_at: field(t('consoleStarts'), starts, { name: 'starts_at' }),
    ends_at: field(t('consoleEnds'), ends, { name: 'ends_at' }),
  };
  const message = h('p', { class: 'form-message', role: 'alert' });
  const form = h(
    'form',
    { class: 'console-form', dataset: { role: 'closure-form' } },
    h('h4', {}, t('consoleAddClosure')),
    h('p', { class: 'field__hint' }, t('consoleTimesIn', { offset })),
    fields.starts_at,
    fields.ends_at,
    h('div', { class: 'checkbox' }, closes, h('label', { for: closes.id }, t('consoleClosesService'))),
    field(t('consoleInLanguage', { field: t('consoleReason'), language: t(`lang_${lang}`) }), reason),
    field(t('consoleAppliesTo'), target),
    message,
    h('button', { type: 'submit', class: 'button' }, t('consoleAdd')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    Object.values(fields).forEach((f) => setFieldError(f, null));
    const at = (v: string) => (v.length === 16 ? `${v}:00${offset}` : `${v}${offset}`);
    try {
      await ctx.api.post(`/services/${encodeURIComponent(listing.id)}/closures`, {
        starts_at: at(starts.value),
        ends_at: at(ends.value),
        closes: closes.checked,
        reason: reason.value.trim() ? { [lang]: reason.value.trim() } : {},
        contact_route_id: target.value || null,
      });
      ctx.announce(t('consoleSaved'));
      reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      for (const e of error.problem.errors ?? []) {
        const f = fields[e.name as keyof typeof fields];
        if (f) setFieldError(f, e.reason);
      }
      message.textContent = ctx.problemText(error, 'edit');
    }
  });
  return h(
    'section',
    { dataset: { role: 'closures' } },
    h('h3', {}, t('consoleClosures')),
    list.length ? h('ul', { class: 'work-list' }, list) : h('p', { class: 'muted' }, t('consoleNothingHere')),
    form,
  );
}
