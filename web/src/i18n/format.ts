// Localised digits, weekday names, dates and distances (S9). Intl where the runtime has the
// locale; our own tables for Badini, which CLDR does not cover, and for Sorani when a runtime's
// trimmed ICU data lacks it (Chrome ships without some locales). Imports no catalogue, so the
// client bundle stays small.
import { ARABIC_SCRIPT_LANGUAGES, isUiLanguage } from '../../../api/domain/vocabulary.ts';
import type { UiLanguage } from './languages.ts';

const ARABIC_INDIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
/** Iraq writes Arabic, Sorani and Badini (the Arabic-script languages) with Arabic-Indic digits. */
const USES_ARABIC_INDIC = ARABIC_SCRIPT_LANGUAGES;

/** Intl locales: Iraqi Arabic month names (تشرين الثاني), day-month order in English. */
const INTL_LOCALE: Record<UiLanguage, string> = {
  ar: 'ar-IQ-u-nu-arab',
  ckb: 'ckb-IQ-u-nu-arab',
  kmr: 'ckb-IQ-u-nu-arab',
  en: 'en-GB',
  es: 'es',
};

/** Sunday first, as weekday numbers in the API (0 = Sunday). Badini: needs review (M8). */
const OWN_WEEKDAYS: Partial<Record<UiLanguage, readonly string[]>> = {
  kmr: ['ئێکشەمبی', 'دووشەمبی', 'سێشەمبی', 'چارشەمبی', 'پێنجشەمبی', 'ئەینی', 'شەمبی'],
};
/** CLDR's Sorani names, for runtimes whose ICU data has no `ckb`. */
const SORANI_WEEKDAYS = ['یەکشەممە', 'دووشەممە', 'سێشەممە', 'چوارشەممە', 'پێنجشەممە', 'هەینی', 'شەممە'];

const hasLocale = (tag: string) => {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
};
const runtimeHasSorani = hasLocale('ckb');

/** "14:00" → "١٤:٠٠" in Arabic script languages; ASCII digits stay for en/es. */
export function localDigits(text: string, lang: UiLanguage): string {
  if (!USES_ARABIC_INDIC.has(lang)) return text;
  return text.replace(/[0-9]/g, (d) => ARABIC_INDIC_DIGITS[Number(d)]!);
}

/*
 * Building an Intl formatter costs far more than using one (a page of service cards names weekdays
 * and dates dozens of times), and there are only a few languages, zones and precisions: each
 * formatter is built once and kept.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function kept<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = build()));
  return formatter;
}

export function formatNumber(value: number, lang: UiLanguage, maximumFractionDigits = 0): string {
  const locale = USES_ARABIC_INDIC.has(lang) ? 'ar-u-nu-arab' : INTL_LOCALE[lang];
  return kept(
    `number ${locale} ${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits }),
  ).format(value);
}

/** Distances under 10 km keep one decimal: "2.4", "١٢". */
export const formatKm = (km: number, lang: UiLanguage): string => formatNumber(km, lang, km < 10 ? 1 : 0);

/**
 * Each language's seven weekday names, Sunday first, formatted together the first time the language
 * names a day (a list of cards names a weekday on every card): one table per UI language, whatever
 * day numbers callers pass.
 */
const weekdayTables: Partial<Record<UiLanguage, readonly string[]>> = {};

function weekdaysOf(lang: UiLanguage): readonly string[] {
  const own = OWN_WEEKDAYS[lang] ?? (lang === 'ckb' && !runtimeHasSorani ? SORANI_WEEKDAYS : undefined);
  if (own) return own;
  let table = weekdayTables[lang];
  if (!table) {
    const format = new Intl.DateTimeFormat(INTL_LOCALE[lang], { weekday: 'long', timeZone: 'UTC' });
    // 2023-01-01 was a Sunday.
    table = Array.from({ length: 7 }, (_, weekday) => format.format(new Date(Date.UTC(2023, 0, 1 + weekday))));
    // Only a UI language keeps its table: a language code from elsewhere is formatted, never kept.
    if (isUiLanguage(lang)) weekdayTables[lang] = table;
  }
  return table;
}

/** 0 = Sunday … 6 = Saturday; any other number has no name (''). */
export function weekdayName(weekday: number, lang: UiLanguage): string {
  return weekdaysOf(lang)[weekday] ?? '';
}

/** A calendar date in the area's zone: "15 تشرين الثاني ٢٠٢٦", "15 Nov 2026"; Badini numerically. */
export function formatDate(instant: string | Date, lang: UiLanguage, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  if (lang === 'kmr' || (lang === 'ckb' && !runtimeHasSorani)) {
    const parts = kept(
      `numeric date ${timeZone}`,
      () => new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'numeric', year: 'numeric' }),
    ).format(date);
    return localDigits(parts, lang);
  }
  return kept(
    `date ${lang} ${timeZone}`,
    () => new Intl.DateTimeFormat(INTL_LOCALE[lang], { timeZone, day: 'numeric', month: 'short', year: 'numeric' }),
  ).format(date);
}
