// Pure (no drizzle, no Worker APIs): the maintainers' console imports `localise` from here too, so
// a directory text falls back the same way on the public pages, in the API and in the console.
import { FALLBACK_ORDER, LANGUAGES, type Language, type LocalizedText } from './vocabulary.ts';

/** A text in the language it is actually written in, so clients can set `lang` and `dir`. */
export interface LocalizedValue {
  text: string;
  lang: Language;
}

/** The text in `language`, or in the first fallback that has it; null when there is none. */
export function localise(text: LocalizedText | null | undefined, language: Language): LocalizedValue | null {
  if (!text) return null;
  for (const candidate of FALLBACK_ORDER[language]) {
    const value = text[candidate]?.trim();
    if (value) return { text: value, lang: candidate };
  }
  return null;
}

/**
 * The language a BCP 47 tag asks for, or null when we have nothing for it.
 *
 * Kurdish comes as `ku` (the macrolanguage, which most phones send), `ckb` (Sorani) or `kmr`
 * (Kurmanji, whose Iraqi form is Badini). In Iraq, Sorani is the Kurdish most people read and it is
 * written in Arabic script, so a bare `ku`, `ku-IQ`, `ku-IR` or `ku-Arab` gets Sorani. The Latin
 * script and the regions where Kurds speak and write Kurmanji (Turkey, Syria, Armenia, Georgia) get
 * Badini: the same language, even though our Badini is written in Arabic script; the language menu
 * is one tap away for anyone who reads the other better.
 */
export function languageOfTag(tag: string): Language | null {
  const [primary = '', ...rest] = tag.trim().toLowerCase().split(/[-_]/);
  if ((LANGUAGES as readonly string[]).includes(primary)) return primary as Language;
  if (primary !== 'ku') return null;
  const script = rest.find((subtag) => /^[a-z]{4}$/.test(subtag));
  const region = rest.find((subtag) => /^([a-z]{2}|\d{3})$/.test(subtag));
  if (script === 'latn') return 'kmr';
  if (script === 'arab') return 'ckb';
  return region && KURMANJI_REGIONS.has(region) ? 'kmr' : 'ckb';
}

const KURMANJI_REGIONS: ReadonlySet<string> = new Set(['tr', 'sy', 'am', 'ge']);

/**
 * The best language an Accept-Language header asks for (RFC 9110 §12.5.4): the highest weight
 * wins, the order of the header breaks ties, `q=0` means "not this one". Null when nothing in it is
 * ours (the caller then uses its default).
 */
export function negotiateAcceptLanguage(header: string | null | undefined): Language | null {
  for (const range of acceptedRanges(header)) {
    const language = languageOfTag(range);
    if (language) return language;
  }
  return null;
}

/** The language ranges of an Accept-Language header, most wanted first, without those refused (`q=0`). */
export function acceptedRanges(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, position) => {
      const [range = '', ...parameters] = part.split(';').map((s) => s.trim());
      const weight = parameters.find((p) => /^q\s*=/i.test(p));
      const q = weight === undefined ? 1 : Number(weight.replace(/^q\s*=\s*/i, ''));
      return { range, q: Number.isFinite(q) && q >= 0 && q <= 1 ? q : 0, position };
    })
    .filter((r) => r.range && r.q > 0)
    .sort((a, b) => b.q - a.q || a.position - b.position)
    .map(({ range }) => range);
}
