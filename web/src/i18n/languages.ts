// The UI languages and their direction: no catalogue here, so the client script can import it
// without carrying any translations. The languages themselves are the directory's vocabulary.
import type { UiLanguage } from '../../../api/domain/vocabulary.ts';

export { UI_LANGUAGES, dirOf, isUiLanguage, type UiLanguage } from '../../../api/domain/vocabulary.ts';

/** Each language's name in itself, for the language menu. */
export const ENDONYMS: Record<UiLanguage, string> = {
  ar: 'العربية',
  ckb: 'کوردی (سۆرانی)',
  kmr: 'کوردی (بادینی)',
  en: 'English',
  es: 'Español',
};
