/** A text from the directory in the language it is really written in (after fallback). */
import type { FC } from 'hono/jsx';
import { dirOf } from '../../web/src/i18n/index.ts';
import type { Language } from '../../db/schema.ts';
import { localise, type LocalizedValue } from '../domain/language.ts';
import type { AreaRow } from '../queries/areas.ts';
import type { PageContext } from './page-context.ts';

export const Localised: FC<{ value: LocalizedValue | null | undefined; ui: string; fallback?: string }> = ({ value, ui, fallback }) => {
  if (!value) return <>{fallback ?? ''}</>;
  // Only mark the text when it is not in the page's language: screen readers switch voice, and
  // the bidi algorithm gets the right base direction for an English name on an Arabic page.
  if (value.lang === ui) return <>{value.text}</>;
  return (
    <span lang={value.lang} dir={dirOf(value.lang)}>
      {value.text}
    </span>
  );
};

/** An area's name in the UI language (or its fallback), for sorting and titles. */
export const nameOf = (area: AreaRow, page: { lang: Language }) => localise(area.names, page.lang)?.text ?? area.pcode;

type AreaNames = Pick<AreaRow, 'pcode' | 'names'>;

/** An area's name in the page's language, or its fallback marked with its own language. */
export const AreaName: FC<{ area: AreaNames; page: Pick<PageContext, 'lang'> }> = ({ area, page }) => (
  <Localised value={localise(area.names, page.lang)} ui={page.lang} fallback={area.pcode} />
);

/** A link to an area's list, keeping the page's language. */
export const AreaLink: FC<{ area: AreaNames; page: Pick<PageContext, 'lang' | 'href'> }> = ({ area, page }) => (
  <a href={page.href(`/a/${area.pcode}`)}>
    <AreaName area={area} page={page} />
  </a>
);
