// The UI languages and their direction: no catalogue here, so the client script can import it
// without carrying any translations.

/** UI languages (S9), the same codes as the directory's text languages. */
export const UI_LANGUAGES = ['ar', 'ckb', 'kmr', 'en', 'es'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Each language's name in itself, for the language menu. */
export const ENDONYMS: Record<UiLanguage, string> = {
  ar: 'العربية',
  ckb: 'کوردی (سۆرانی)',
  kmr: 'کوردی (بادینی)',
  en: 'English',
  es: 'Español',
};

const RTL: ReadonlySet<string> = new Set(['ar', 'ckb', 'kmr']);

export const isUiLanguage = (value: unknown): value is UiLanguage =>
  typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);

export const dirOf = (lang: string): 'rtl' | 'ltr' => (RTL.has(lang) ? 'rtl' : 'ltr');
