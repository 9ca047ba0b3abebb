/** Every change to the listing, newest first, each revertable (the revert is logged too). */
import type { z } from '@hono/zod-openapi';
import { ApiError } from './api.ts';
import type { ConsoleContext, Localized } from './context.ts';
import { h } from './dom.ts';
import type { Listing } from './listing.ts';
import { loadTypes, routeLabelText, valueText, type ValueContext } from './values.ts';
import type { ChangeHistory, ChangeLogEntry as Change } from '../../../api/admin/schemas/history.ts';

/**
 * A value as text: a text per language shows each language by its name, the console's first;
 * enums, lists and whole records (a created or deleted record, field "*") as words.
 */
function show(ctx: ConsoleContext, change: Change, value: unknown, context: ValueContext): string {
  if (value === null || value === undefined) return '—';
  if (change.field === '*' && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (change.entity === 'contact_route' && typeof record.kind === 'string')
      return routeLabelText(ctx, { kind: record.kind, value: String(record.value ?? '') }, context.places);
    return ctx.text((record.names ?? record.reason) as Localized) || ctx.t('consoleEntityRecord');
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a === ctx.lang ? -1 : b === ctx.lang ? 1 : 0,
    );
    return (
      entries
        .map(([k, v]) => {
          const language = ctx.has(`lang_${k}`) ? ctx.tk(`lang_${k}`) : k;
          return `${language}: ${typeof v === 'string' ? v : valueText(ctx, change.field, v, context)}`;
        })
        .join(' · ') || '—'
    );
  }
  return valueText(ctx, change.field, value, context);
}

export async function historyTab(ctx: ConsoleContext, listing: Listing, reload: () => void): Promise<HTMLElement> {
  const { t } = ctx;
  const [{ data }, types] = await Promise.all([
    ctx.api.get<z.infer<typeof ChangeHistory>>(`/services/${encodeURIComponent(listing.id)}/history?limit=200`),
    loadTypes(ctx),
  ]);
  const contextOf = (c: Change): ValueContext => ({
    types,
    places: listing.locations,
    routeKind:
      c.entity === 'contact_route' ? listing.contact_routes.find((r) => r.id === c.entity_id)?.kind : undefined,
  });
  const entityLabel = (entity: string) =>
    ctx.has(`consoleEntity_${entity}`) ? ctx.tk(`consoleEntity_${entity}`) : t('consoleFieldOther');
  const message = h('p', { class: 'form-message', role: 'alert' });

  /** The record's current version, which a revert must be based on. */
  const versionOf = async (change: Change): Promise<number> => {
    if (change.entity === 'contact_route')
      return listing.contact_routes.find((r) => r.id === change.entity_id)?.version ?? listing.version;
    if (change.entity === 'closure')
      return listing.closures.find((c) => c.id === change.entity_id)?.version ?? listing.version;
    if (change.entity === 'location')
      return (await ctx.api.get(`/locations/${encodeURIComponent(change.entity_id)}`)).version ?? 0;
    return listing.version;
  };
  const revert = async (change: Change) => {
    message.textContent = '';
    try {
      await ctx.api.post(
        `/services/${encodeURIComponent(listing.id)}/history/${change.id}/revert`,
        {},
        await versionOf(change),
      );
      ctx.announce(t('consoleReverted'));
      reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.textContent = error.status === 412 ? t('consoleConflictReload') : ctx.problemText(error, 'revert');
    }
  };
  const revertable = ['service', 'referral', 'contact_route', 'closure', 'service_location', 'location'];
  const rows = data.items.map((c) =>
    h(
      'tr',
      { dataset: { changeId: String(c.id), field: c.field } },
      h('td', {}, ctx.dateTime(c.at)),
      h('td', {}, c.actor),
      h(
        'th',
        { scope: 'row' },
        c.field === '*' ? entityLabel(c.entity) : `${entityLabel(c.entity)} · ${ctx.fieldLabel(c.field)}`,
      ),
      h('td', { class: 'history__old' }, show(ctx, c, c.old, contextOf(c))),
      h('td', { class: 'history__new' }, show(ctx, c, c.new, contextOf(c))),
      h('td', {}, c.reason ?? ''),
      h(
        'td',
        {},
        ctx.may('revert') && revertable.includes(c.entity)
          ? h(
              'button',
              {
                type: 'button',
                class: 'button button--secondary',
                dataset: { role: 'revert' },
                onclick: () => void revert(c),
              },
              t('consoleRevert'),
            )
          : '',
      ),
    ),
  );
  return h(
    'div',
    {},
    message,
    rows.length
      ? h(
          'div',
          { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('consoleTab_history') },
          h(
            'table',
            { class: 'console-table history' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  t('consoleWhen'),
                  t('consoleWho'),
                  t('consoleFieldName'),
                  t('consoleOld'),
                  t('consoleNew'),
                  t('consoleReason'),
                  t('consoleAction'),
                ].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h('tbody', {}, rows),
          ),
        )
      : h('p', { class: 'muted' }, t('consoleNothingHere')),
  );
}
