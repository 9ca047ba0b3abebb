/** A text from the directory in the language it is really written in (after fallback). */
import type { FC } from 'hono/jsx';
import { dirOf, isUiLanguage, translator } from '../../web/src/i18n/index.ts';
import { AREA_LEVELS, type Language } from '../domain/vocabulary.ts';
import { localise, type LocalizedValue } from '../domain/language.ts';
import type { AreaRow } from '../queries/areas.ts';
import { html } from 'hono/html';
import type { Html } from './html-text.ts';
import type { PageContext } from './page-context.ts';

/**
 * A directory text in the page's language, or in the fallback it was found in. A fallback is marked
 * with its own `lang` and `dir` (screen readers switch voice; the bidi algorithm gets the right base
 * direction for an English name on an Arabic page) and, unless `marker` is false, with one small
 * note in the page's language, "(in Arabic)", so a reader knows the text was not translated for
 * them rather than thinking the site has switched language.
 */
export const Localised: FC<{
  value: LocalizedValue | null | undefined;
  ui: string;
  fallback?: string;
  marker?: boolean;
}> = ({ value, ui, fallback, marker = true }) => localisedHtml(value, ui, fallback, marker);

/** `Localised` as an `html` piece, for pieces printed without JSX (a service card). */
export function localisedHtml(
  value: LocalizedValue | null | undefined,
  ui: string,
  fallback?: string,
  marker = true,
): Html {
  if (!value) return html`${fallback}`;
  if (value.lang === ui) return html`${value.text}`;
  const text = html`<span lang="${value.lang}" dir="${dirOf(value.lang)}">${value.text}</span>`;
  if (!marker || !isUiLanguage(ui)) return text;
  return html`${text} <small class="written-in">${translator(ui)(`writtenIn_${value.lang}`)}</small>`;
}

/** An area's name in the UI language (or its fallback), for sorting and titles. */
export const nameOf = (area: AreaRow, page: { lang: Language }) => localise(area.names, page.lang)?.text ?? area.pcode;

/**
 * Areas to choose from in the order a person reads them: a region (the Kurdistan Region) above the
 * governorates beside it, then by name in the page's language.
 */
export const inChoiceOrder = (areas: readonly AreaRow[], page: { lang: Language }) =>
  [...areas].sort(
    (a, b) =>
      Number(b.level === AREA_LEVELS.region) - Number(a.level === AREA_LEVELS.region) ||
      collatorOf(page.lang).compare(nameOf(a, page), nameOf(b, page)),
  );

// `localeCompare` with a locale builds a collator on every comparison; one per language is kept.
const collators = new Map<string, Intl.Collator>();
function collatorOf(lang: string): Intl.Collator {
  let collator = collators.get(lang);
  if (!collator) collators.set(lang, (collator = new Intl.Collator(lang)));
  return collator;
}

type AreaNames = Pick<AreaRow, 'pcode' | 'names'>;

/**
 * An area's name in the page's language, or its fallback with its own `lang`, without the "(in …)"
 * note: a place's name in a neighbouring spelling still names the same place, and most places have
 * no Badini name, so the note would follow every place on a Badini page.
 */
export const AreaName: FC<{ area: AreaNames; page: Pick<PageContext, 'lang'> }> = ({ area, page }) => (
  <Localised value={localise(area.names, page.lang)} ui={page.lang} fallback={area.pcode} marker={false} />
);

/** A link to an area's list, keeping the page's language. */
export const AreaLink: FC<{ area: AreaNames; page: Pick<PageContext, 'lang' | 'href'> }> = ({ area, page }) => (
  <a href={page.href(`/a/${area.pcode}`)}>
    <AreaName area={area} page={page} />
  </a>
);
