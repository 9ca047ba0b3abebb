/** M3: every change to the listing, newest first, each revertable (the revert is logged too). */
import { ApiError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { h } from './dom.ts';
import type { Listing } from './listing.ts';

interface Change {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  field: string;
  old: unknown;
  new: unknown;
  reason: string | null;
  reverts_change_id: number | null;
}

/** A value as text: a text per language shows the console's language first, then the rest. */
function show(ctx: ConsoleContext, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ') || '—';
  }
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export async function historyTab(ctx: ConsoleContext, listing: Listing, reload: () => void): Promise<HTMLElement> {
  const { t } = ctx;
  const { data } = await ctx.api.get<{ items: Change[] }>(`/services/${encodeURIComponent(listing.id)}/history?limit=200`);
  const message = h('p', { class: 'form-message', role: 'alert' });

  /** The record's current version, which a revert must be based on. */
  const versionOf = async (change: Change): Promise<number> => {
    if (change.entity === 'contact_route') return listing.contact_routes.find((r) => r.id === change.entity_id)?.version ?? listing.version;
    if (change.entity === 'closure') return listing.closures.find((c) => c.id === change.entity_id)?.version ?? listing.version;
    if (change.entity === 'location') return (await ctx.api.get(`/locations/${encodeURIComponent(change.entity_id)}`)).version ?? 0;
    return listing.version;
  };
  const revert = async (change: Change) => {
    message.textContent = '';
    try {
      await ctx.api.post(`/services/${encodeURIComponent(listing.id)}/history/${change.id}/revert`, {}, await versionOf(change));
      ctx.announce(t('consoleReverted'));
      reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.textContent = error.status === 412 ? t('consoleConflictReload') : ctx.problemText(error);
    }
  };
  const revertable = ['service', 'referral', 'contact_route', 'closure', 'service_location', 'location'];
  const rows = data.items.map((c) =>
    h(
      'tr',
      { dataset: { changeId: String(c.id), field: c.field } },
      h('td', {}, ctx.dateTime(c.at)),
      h('td', {}, c.actor),
      h('th', { scope: 'row' }, `${c.entity} · ${c.field}`),
      h('td', { class: 'history__old' }, show(ctx, c.old)),
      h('td', { class: 'history__new' }, show(ctx, c.new)),
      h('td', {}, c.reason ?? ''),
      h('td', {}, ctx.canPublish && revertable.includes(c.entity) ? h('button', { type: 'button', class: 'button button--secondary', dataset: { role: 'revert' }, onclick: () => void revert(c) }, t('consoleRevert')) : ''),
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
            h('thead', {}, h('tr', {}, [t('consoleWhen'), t('consoleWho'), t('consoleFieldName'), t('consoleOld'), t('consoleNew'), t('consoleReason'), t('consoleAction')].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, rows),
          ),
        )
      : h('p', { class: 'muted' }, t('consoleNothingHere')),
  );
}
