/** Each localised field in every language side by side, with its status; saved one by one. */
import type { z } from '@hono/zod-openapi';
import { ApiError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { field, h, select } from './dom.ts';
import type { Listing } from './listing.ts';
import { LANGUAGES, TRANSLATION_STATUSES } from '../../../api/domain/vocabulary.ts';
import { dirOf } from '../i18n/languages.ts';
import type {
  TranslationItem as Item,
  TranslationList,
  TranslationSet,
} from '../../../api/admin/schemas/translations.ts';

export function translationsTab(ctx: ConsoleContext, listing: Listing): Promise<HTMLElement> {
  return translationsPanel(ctx, `/services/${encodeURIComponent(listing.id)}/translations`, 'service');
}

/**
 * The texts the API lists at `path` (a listing's or a pathway's), the fields of `own` (the record
 * itself) always, the others when they have a text in some language.
 */
export async function translationsPanel(ctx: ConsoleContext, path: string, own: string): Promise<HTMLElement> {
  const { t } = ctx;
  const { data } = await ctx.api.get<z.infer<typeof TranslationList>>(path);
  const groups = new Map<string, Item[]>();
  for (const item of data.items) {
    // Only fields with a text in some language, and the service's own fields always.
    const key = `${item.entity}|${item.entity_id}|${item.field}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const versions = new Map<string, number>();
  const rows = [...groups.values()]
    .filter((items) => items[0]!.entity === own || items.some((i) => i.text))
    .map((items) => {
      const first = items[0]!;
      const recordKey = `${first.entity}|${first.entity_id}`;
      versions.set(recordKey, first.version);
      return h(
        'fieldset',
        { class: 'translation-row', dataset: { field: first.field, entity: first.entity } },
        h('legend', {}, `${ctx.tk(`consoleEntity_${first.entity}`)} · ${ctx.tk(`consoleField_${first.field}`)}`),
        h(
          'div',
          { class: 'translation-grid' },
          LANGUAGES.map((code) => {
            const item = items.find((i) => i.language === code) ?? {
              ...first,
              language: code,
              text: null,
              status: 'missing',
            };
            const text = h('textarea', { name: 'text', rows: 2, lang: code, dir: dirOf(code), value: item.text ?? '' });
            const status = select(
              'status',
              TRANSLATION_STATUSES.map((s): [string, string] => [s, ctx.tk(`consoleTranslation_${s}`)]),
              item.status,
            );
            const message = h('p', { class: 'form-message', role: 'alert' });
            const cell = h(
              'form',
              { class: `translation-cell translation-cell--${item.status}`, dataset: { language: code } },
              field(
                t('consoleInLanguage', {
                  field: ctx.tk(`consoleField_${first.field}`),
                  language: ctx.tk(`lang_${code}`),
                }),
                text,
              ),
              field(t('consoleTranslationStatus'), status),
              message,
              h('button', { type: 'submit', class: 'button button--secondary' }, t('consoleSave')),
            );
            cell.addEventListener('submit', async (event) => {
              event.preventDefault();
              message.textContent = '';
              try {
                const answer = await ctx.api.put<z.infer<typeof TranslationSet>>(
                  '/translations',
                  {
                    entity: first.entity,
                    entity_id: first.entity_id,
                    field: first.field,
                    language: code,
                    text: text.value.trim() || null,
                    status: status.value,
                  },
                  versions.get(recordKey)!,
                );
                versions.set(recordKey, answer.data.version);
                status.value = answer.data.status;
                cell.className = `translation-cell translation-cell--${answer.data.status}`;
                ctx.announce(answer.status === 202 ? t('consoleSavedAsDraft') : t('consoleSaved'));
              } catch (error) {
                if (!(error instanceof ApiError)) throw error;
                message.textContent =
                  error.status === 412 ? t('consoleConflictReload') : ctx.problemText(error, 'edit');
              }
            });
            return cell;
          }),
        ),
      );
    });
  return h('div', { class: 'translations' }, h('p', {}, t('consoleTranslationsIntro')), rows);
}
