// The one i18n lookup, shared by the server-rendered pages and the client script. No DOM, no
// Worker APIs: both tsconfigs compile it. The client imports languages.ts and format.ts only.
import { ar } from './ar.ts';
import { ckb } from './ckb.ts';
import { en, type Catalogue, type MessageKey } from './en.ts';
import { es } from './es.ts';
import { kmr } from './kmr.ts';
import type { UiLanguage } from './languages.ts';
import { fill } from './placeholders.ts';

export type { Catalogue, MessageKey } from './en.ts';
export { ENDONYMS, UI_LANGUAGES, dirOf, isUiLanguage, type UiLanguage } from './languages.ts';

export const CATALOGUES: Record<UiLanguage, Catalogue> = { ar, ckb, kmr, en, es };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** `t('runBy', { org })`: the message in `lang` with its {placeholders} filled in. */
export function translator(lang: UiLanguage): Translate {
  const catalogue = CATALOGUES[lang];
  return (key, params) => {
    const message: string = catalogue[key] ?? en[key] ?? key;
    return params ? fill(message, params) : message;
  };
}
