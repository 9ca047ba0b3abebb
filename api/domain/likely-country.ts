/**
 * Which country a reader of the start page is most likely in, from what the request already says:
 * Masar asks for no location and keeps no cookie, so the page language and the phone's language
 * list are all there is. The answer only orders the page (both countries stay on it).
 */
import { acceptedRanges } from './language.ts';
import type { Country, Language } from './vocabulary.ts';

/** Where each UI language other than English is read: Arabic and Kurdish in Iraq, Spanish in Guatemala. */
const COUNTRY_OF_LANGUAGE: Partial<Record<string, Country>> = { ar: 'IQ', ckb: 'IQ', kmr: 'IQ', ku: 'IQ', es: 'GT' };

/**
 * Both countries, the likely one first. English is read in both: the phone's language list decides,
 * the first range that names one of the countries (en-GT, en-IQ) or one of their languages (es,
 * ar, ku…) wins; with none, Iraq, where most of the directory is and where phones set to English
 * are common among Arabic and Kurdish readers.
 */
export function likelyCountries(lang: Language, acceptLanguage: string | null | undefined): [Country, Country] {
  const first = lang === 'en' ? fromAcceptLanguage(acceptLanguage) : COUNTRY_OF_LANGUAGE[lang];
  return first === 'GT' ? ['GT', 'IQ'] : ['IQ', 'GT'];
}

function fromAcceptLanguage(header: string | null | undefined): Country | undefined {
  for (const range of acceptedRanges(header)) {
    const [primary = '', ...rest] = range.toLowerCase().split(/[-_]/);
    const region = rest.find((subtag) => /^[a-z]{2}$/.test(subtag));
    if (region === 'iq') return 'IQ';
    if (region === 'gt') return 'GT';
    const country = COUNTRY_OF_LANGUAGE[primary];
    if (country) return country;
  }
  return undefined;
}
