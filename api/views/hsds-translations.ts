/**
 * Every language of a text in HSDS. An HSDS text field holds one language (the response's, after
 * fallback), so the texts Masar keeps in five languages also travel as attributes of a taxonomy we
 * publish ("masar-translation", one term per language): `link_type` names the field, the term its
 * language, `value` is the text as stored. An import reads them back (admin/import/hsds-package.ts),
 * so an export in any one language loses no translation. README.md "HSDS mapping" lists the fields.
 */
import { LANGUAGES, type Language, type LocalizedText } from '../domain/vocabulary.ts';
import { derivedId, type HsdsContext } from './hsds-context.ts';

export const TRANSLATION_TAXONOMY_NAME = 'masar-translation';
export const TRANSLATION_TAXONOMY_ID = derivedId('taxonomy', TRANSLATION_TAXONOMY_NAME);

const TRANSLATION_DESCRIPTION: LocalizedText = {
  ar: 'لغات نصوص مسار: كل سمة تحمل نص حقل واحد (link_type) بلغة واحدة (المصطلح).',
  en:
    "The languages of Masar's texts: each attribute carries one field's text (link_type) in one language " +
    '(the term).',
  es:
    'Los idiomas de los textos de Masar: cada atributo lleva el texto de un campo (link_type) en un idioma ' +
    '(el término).',
};

/** Each language's own name for itself (the term's name), and its English name. */
export const LANGUAGE_NAMES: Record<Language, { own: string; en: string }> = {
  ar: { own: 'العربية', en: 'Arabic' },
  ckb: { own: 'کوردیی ناوەندی', en: 'Central Kurdish (Sorani)' },
  kmr: { own: 'Kurmancî (Badînî)', en: 'Northern Kurdish (Badini)' },
  en: { own: 'English', en: 'English' },
  es: { own: 'Español', en: 'Spanish' },
};

export const translationTermId = (lang: Language) => derivedId('masar-translation', lang);

export function hsdsTranslationTaxonomy(ctx: HsdsContext) {
  return {
    id: TRANSLATION_TAXONOMY_ID,
    name: TRANSLATION_TAXONOMY_NAME,
    description: ctx.text(TRANSLATION_DESCRIPTION) ?? '',
    uri: `${ctx.origin}/api/v1/hsds/taxonomy_terms?taxonomy_id=${TRANSLATION_TAXONOMY_ID}`,
  };
}

export function hsdsTranslationTerm(lang: Language, ctx: HsdsContext) {
  const id = translationTermId(lang);
  return {
    id,
    code: lang,
    // A language is named in itself, so the term is its own language whatever the response's.
    name: LANGUAGE_NAMES[lang].own,
    description: `Text in ${LANGUAGE_NAMES[lang].en} (${lang}); the attribute's link_type names the field.`,
    taxonomy: TRANSLATION_TAXONOMY_NAME,
    taxonomy_id: TRANSLATION_TAXONOMY_ID,
    taxonomy_detail: hsdsTranslationTaxonomy(ctx),
    language: lang,
    term_uri: `${ctx.origin}/api/v1/hsds/taxonomy_terms/${id}`,
  };
}

/**
 * The term as nested in an attribute: what tells a client its taxonomy and language. The full term
 * (with its taxonomy's details) is at `term_uri`; a listing has dozens of these attributes, so
 * each carries only what HSDS requires and what identifies it.
 */
function nestedTerm(lang: Language) {
  return {
    id: translationTermId(lang),
    code: lang,
    name: LANGUAGE_NAMES[lang].own,
    description: `Text in ${LANGUAGE_NAMES[lang].en} (${lang})`,
    taxonomy: TRANSLATION_TAXONOMY_NAME,
    taxonomy_id: TRANSLATION_TAXONOMY_ID,
    language: lang,
  };
}

export interface TranslationAttribute {
  id: string;
  link_id: string;
  link_entity: string;
  link_type: string;
  taxonomy_term_id: string;
  value: string;
  taxonomy_term: ReturnType<typeof nestedTerm>;
}

/** One attribute per field and language with a text. */

export function translationAttributes(
  linkEntity: string,
  linkId: string,
  texts: Record<string, LocalizedText | null | undefined>,
): TranslationAttribute[] {
  return Object.entries(texts).flatMap(([field, text]) =>
    LANGUAGES.flatMap((lang) => {
      const value = text?.[lang];
      if (typeof value !== 'string' || value === '') return [];
      return [
        {
          id: derivedId('attribute', linkEntity, linkId, 'translation', field, lang),
          link_id: linkId,
          link_entity: linkEntity,
          link_type: field,
          taxonomy_term_id: translationTermId(lang),
          value,
          taxonomy_term: nestedTerm(lang),
        },
      ];
    }),
  );
}

const TERM_LANGUAGE = new Map(LANGUAGES.map((lang) => [translationTermId(lang), lang]));

/** The texts "masar-translation" attributes carry, by field: what translationAttributes wrote. */
export function readTranslations(attributes: unknown): Map<string, LocalizedText> {
  const found = new Map<string, LocalizedText>();
  if (!Array.isArray(attributes)) return found;
  for (const a of attributes as Array<Record<string, unknown>>) {
    const lang = TERM_LANGUAGE.get(String(a?.taxonomy_term_id ?? ''));
    const field = a?.link_type;
    if (!lang || typeof field !== 'string' || typeof a.value !== 'string' || a.value === '') continue;
    found.set(field, { ...found.get(field), [lang]: a.value });
  }
  return found;
}
