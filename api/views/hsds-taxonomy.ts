/**
 * Our service types as an HSDS taxonomy ("masar-service-types"), its terms, and the attributes that
 * link a service to its types.
 *
 * HSDS ids must be UUIDs and our service type ids are stable slugs ("legal_aid"), so a term's id
 * is derived from its slug and the slug is kept as the term's `code` ("The term identifier as used
 * in the taxonomy").
 */
import { CATALOGUES } from '../../web/src/i18n/index.ts';
import type { LocalizedText } from '../domain/vocabulary.ts';
import type { ServiceTypeRow } from '../queries/service-types.ts';
import { derivedId, type HsdsContext } from './hsds-context.ts';

export const TAXONOMY_NAME = 'masar-service-types';
export const TAXONOMY_ID = derivedId('taxonomy', TAXONOMY_NAME);

// Sorani and Badini fall back to Arabic (FALLBACK_ORDER) until reviewed translations exist (M8).
const TAXONOMY_DESCRIPTION: LocalizedText = {
  ar: 'أنواع الخدمات في مسار: أنواع المساعدة المدرجة في الدليل، مع أنواعها الفرعية.',
  en: "Masar's service types: the kinds of help listed in the directory, with their sub-types.",
  es: 'Tipos de servicio de Masar: las clases de ayuda que recoge el directorio, con sus subtipos.',
};

export const termId = (serviceTypeId: string) => derivedId('service-type', serviceTypeId);

export function hsdsTaxonomy(ctx: HsdsContext) {
  return {
    id: TAXONOMY_ID,
    name: TAXONOMY_NAME,
    description: ctx.text(TAXONOMY_DESCRIPTION) ?? '',
    // The taxonomy's own resource, with every term's name in every language.
    uri: `${ctx.origin}/api/v1/service-types`,
  };
}

export function hsdsTaxonomyTerm(type: ServiceTypeRow, ctx: HsdsContext) {
  const name = ctx.value(type.names);
  const id = termId(type.id);
  return {
    id,
    code: type.id,
    name: name?.text ?? type.id,
    description: ctx.text(type.descriptions) ?? '',
    parent_id: type.parentId ? termId(type.parentId) : undefined,
    taxonomy: TAXONOMY_NAME,
    taxonomy_id: TAXONOMY_ID,
    taxonomy_detail: hsdsTaxonomy(ctx),
    // "the language of the term": the language the name actually came out in after fallback.
    language: name?.lang,
    term_uri: `${ctx.origin}/api/v1/hsds/taxonomy_terms/${id}`,
  };
}

/** One attribute per service type of the service (HSDS: "link between a service and … classifications"). */
export function serviceTypeAttributes(serviceId: string, typeIds: string[], types: ServiceTypeRow[], ctx: HsdsContext) {
  return typeIds.flatMap((typeId) => {
    const type = types.find((t) => t.id === typeId);
    if (!type) return [];
    return [
      {
        id: derivedId('attribute', serviceId, typeId),
        link_id: serviceId,
        link_entity: 'service',
        taxonomy_term_id: termId(typeId),
        taxonomy_term: hsdsTaxonomyTerm(type, ctx),
      },
    ];
  });
}

/** The service type with this term id, if any: a dozen rows, searched in memory. */
export function typeOfTerm(types: ServiceTypeRow[], id: string): ServiceTypeRow | undefined {
  return types.find((t) => termId(t.id) === id);
}

// ---- The pathway extension: step kinds as the "masar-pathway-step" taxonomy ---------------------

export const STEP_TAXONOMY_NAME = 'masar-pathway-step';
export const STEP_TAXONOMY_ID = derivedId('taxonomy', STEP_TAXONOMY_NAME);

const STEP_TAXONOMY_DESCRIPTION: LocalizedText = {
  ar: 'أنواع خطوات مسارات الإحالة في مسار. تربط السمة خدمة بالخطوة التي تخدمها (المسار/الخطوة).',
  en:
    "The kinds of step in Masar's referral pathways. An attribute links a service to a step it serves " +
    '(value: pathway id/step id); the pathways themselves are at /api/v1/hsds/pathways.',
  es:
    'Los tipos de paso de las rutas de derivación de Masar. Un atributo vincula un servicio con el paso que ' +
    'atiende (valor: id de ruta/id de paso).',
};

export const stepKindTermId = (kind: string) => derivedId('pathway-step-kind', kind);

export function hsdsStepTaxonomy(ctx: HsdsContext) {
  return {
    id: STEP_TAXONOMY_ID,
    name: STEP_TAXONOMY_NAME,
    description: ctx.text(STEP_TAXONOMY_DESCRIPTION) ?? '',
    uri: `${ctx.origin}/api/v1/hsds/pathways`,
  };
}

const stepKindNames = (kind: string): LocalizedText =>
  Object.fromEntries(
    Object.entries(CATALOGUES).map(([lang, catalogue]) => [
      lang,
      (catalogue as Record<string, string>)[`stepKind_${kind}`] ?? kind,
    ]),
  ) as LocalizedText;

export function hsdsStepKindTerm(kind: string, ctx: HsdsContext) {
  const name = ctx.value(stepKindNames(kind));
  const id = stepKindTermId(kind);
  return {
    id,
    code: kind,
    name: name?.text ?? kind,
    description: name?.text ?? kind,
    taxonomy: STEP_TAXONOMY_NAME,
    taxonomy_id: STEP_TAXONOMY_ID,
    taxonomy_detail: hsdsStepTaxonomy(ctx),
    language: name?.lang,
    term_uri: `${ctx.origin}/api/v1/hsds/taxonomy_terms/${id}`,
  };
}
