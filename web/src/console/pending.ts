/**
 * Drafts waiting to be published (an editor's changes to a published listing), each change as
 * what it touches, the field by its label, the value now and the value proposed, so the person
 * who publishes sees exactly what goes live.
 */
import type { ConsoleContext } from './context.ts';
import { h } from './dom.ts';
import type { Listing } from './listing.ts';
import type { PendingChange } from '../../../api/admin/schemas/pending-changes.ts';
import { valueNode, type ValueContext } from './values.ts';

/** The record a change is about, as it is now (nothing for a record the change creates). */
function currentRecord(listing: Listing, change: PendingChange): Record<string, unknown> | null {
  if (change.op === 'create') return null;
  switch (change.entity) {
    case 'service':
      return listing;
    case 'referral':
      return (listing.referral as Record<string, unknown> | null | undefined) ?? null;
    case 'contact_route':
      return (
        (listing.contact_routes.find((r) => r.id === change.entityId) as unknown as
          Record<string, unknown> | undefined) ?? null
      );
    case 'closure':
      return (
        (listing.closures.find((c) => c.id === change.entityId) as unknown as Record<string, unknown> | undefined) ??
        null
      );
    case 'service_location':
      return (
        (listing.locations.find((s) => s.id === change.entityId) as unknown as Record<string, unknown> | undefined) ??
        null
      );
    default:
      return null;
  }
}

export function pendingChangesList(
  ctx: ConsoleContext,
  listing: Listing,
  pending: PendingChange[],
  types: ReadonlyMap<string, string>,
): HTMLElement {
  const { t } = ctx;
  return h(
    'ul',
    { class: 'pending-list' },
    pending.map((change) => {
      const current = currentRecord(listing, change);
      const entity = ctx.has(`consoleEntity_${change.entity}`)
        ? ctx.tk(`consoleEntity_${change.entity}`)
        : t('consoleFieldOther');
      const kind = String(change.fields.kind ?? current?.kind ?? '');
      const context: ValueContext = { types, places: listing.locations, routeKind: kind };
      const what =
        change.op === 'create'
          ? t('consolePendingCreate', { entity })
          : change.op === 'delete'
            ? t('consolePendingDelete', { entity })
            : t('consolePendingUpdate', { entity });
      const names = Object.keys(change.fields).filter((f) => f !== '__links');
      const rows =
        change.op === 'delete'
          ? []
          : names.map((name) => {
              // A translation is proposed as "field.language": one text of one language.
              const [field, language] = name.split('.') as [string, string | undefined];
              const before = current ? current[field] : null;
              const old = language
                ? ((before as Record<string, unknown> | null | undefined)?.[language] ?? null)
                : before;
              const label =
                language && ctx.has(`lang_${language}`)
                  ? t('consoleInLanguage', { field: ctx.fieldLabel(field), language: ctx.tk(`lang_${language}`) })
                  : ctx.fieldLabel(field);
              return h(
                'tr',
                { dataset: { field } },
                h('th', { scope: 'row' }, label),
                h('td', { class: 'pending__old' }, valueNode(ctx, field, old, context)),
                h('td', { class: 'pending__new' }, valueNode(ctx, field, change.fields[name], context)),
              );
            });
      return h(
        'li',
        { dataset: { pendingId: String(change.id), entity: change.entity } },
        h(
          'p',
          {},
          h('strong', {}, what),
          ' · ',
          t('consolePendingBy', { who: change.authorName ?? '—', when: ctx.dateTime(change.proposedAt) }),
        ),
        change.reason ? h('p', {}, t('consoleReason'), ': ', h('q', {}, change.reason)) : null,
        rows.length
          ? h(
              'div',
              { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': what },
              h(
                'table',
                { class: 'console-table pending-changes' },
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    [t('consoleFieldName'), t('consoleOld'), t('consoleNew')].map((c) => h('th', { scope: 'col' }, c)),
                  ),
                ),
                h('tbody', {}, rows),
              ),
            )
          : null,
      );
    }),
  );
}
