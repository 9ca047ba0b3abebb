/**
 * What every HSDS mapping needs besides the rows: the response language, the origin for absolute
 * URIs, the moment of the response, and stable ids for objects we do not store as rows.
 */
import type { Language, LocalizedText } from '../domain/vocabulary.ts';
import { localise, type LocalizedValue } from '../domain/language.ts';
import { nameUuid } from '../domain/name-uuid.ts';

/** The HSDS version the export follows (the 3.1 schemas in test/fixtures/hsds). */
export const HSDS_VERSION = '3.1';

/** Namespace of the name-based ids below; any fixed UUID will do, but it must never change. */
const HSDS_NAMESPACE = '0d6c7f3e-5b1a-4c2e-9f47-8a3b2c1d0e5f';

/** A stable UUID for a derived object, e.g. derivedId('schedule', routeId, 'SU,MO', '08:00'). */
export const derivedId = (kind: string, ...parts: string[]) => nameUuid(HSDS_NAMESPACE, [kind, ...parts].join(':'));

export interface HsdsContext {
  lang: Language;
  /** "https://host": HSDS `uri` fields must be absolute. */
  origin: string;
  now: Date;
  /** The text in `lang` or its fallback (localise); undefined when there is none. */
  text(value: LocalizedText | null | undefined): string | undefined;
  /** The same, with the language it is actually in. */
  value(value: LocalizedText | null | undefined): LocalizedValue | undefined;
  /** Every language a text of the response came out in, for Content-Language. */
  readonly languagesUsed: ReadonlySet<Language>;
}

/**
 * HSDS text fields are plain strings with no language tag, so the response says which languages
 * its texts are in (after fallback) through Content-Language, collected here as they are used.
 */
export function hsdsContext(lang: Language, origin: string, now: Date): HsdsContext {
  const used = new Set<Language>();
  const value = (text: LocalizedText | null | undefined) => {
    const found = localise(text, lang);
    if (found) used.add(found.lang);
    return found ?? undefined;
  };
  return { lang, origin, now, value, text: (text) => value(text)?.text, languagesUsed: used };
}
