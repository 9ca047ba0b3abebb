import type { Language, LocalizedText } from '../../db/schema.ts';

/** A text in the language it is actually written in, so clients can set `lang` and `dir`. */
export interface LocalizedValue {
  text: string;
  lang: Language;
}

/**
 * Which languages to try, in order, when a text is missing in the requested one. Kurdish
 * readers in Iraq read the other Kurdish variety and Arabic before English; Spanish readers in
 * Guatemala read English before Arabic.
 */
export const FALLBACK_ORDER: Record<Language, Language[]> = {
  ar: ['ar', 'en', 'ckb', 'kmr', 'es'],
  ckb: ['ckb', 'kmr', 'ar', 'en', 'es'],
  kmr: ['kmr', 'ckb', 'ar', 'en', 'es'],
  en: ['en', 'ar', 'es', 'ckb', 'kmr'],
  es: ['es', 'en', 'ar', 'ckb', 'kmr'],
};

export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar', 'ckb', 'kmr']);

/** The text in `language`, or in the first fallback that has it; null when there is none. */
export function localise(text: LocalizedText | null | undefined, language: Language): LocalizedValue | null {
  if (!text) return null;
  for (const candidate of FALLBACK_ORDER[language]) {
    const value = text[candidate]?.trim();
    if (value) return { text: value, lang: candidate };
  }
  return null;
}
