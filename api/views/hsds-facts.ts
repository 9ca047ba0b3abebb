/**
 * Masar's own facts in HSDS, through HSDS's own extension mechanism: attributes whose terms belong
 * to a taxonomy we publish ("masar-facts", served at /api/v1/hsds/taxonomies and /taxonomy_terms).
 * Each attribute's `value` is the fact exactly as stored ("unknown" stays "unknown", never "no"),
 * so an export read back loses nothing. README.md "HSDS mapping" lists every term.
 */
import type { LocalizedText } from '../domain/vocabulary.ts';
import { derivedId, type HsdsContext } from './hsds-context.ts';

export const FACTS_TAXONOMY_NAME = 'masar-facts';
export const FACTS_TAXONOMY_ID = derivedId('taxonomy', FACTS_TAXONOMY_NAME);

const FACTS_DESCRIPTION: LocalizedText = {
  ar: 'حقائق مسار عن كل خدمة وموقع ووسيلة تواصل، كما هي مخزنة: "unknown" تعني غير معروف.',
  en: 'Masar\'s facts about each service, site and contact route, as stored: "unknown" means not known.',
  es: 'Los datos de Masar sobre cada servicio, sede y vía de contacto, tal como se guardan: "unknown" es desconocido.',
};

/** Each fact: where it applies, what its value holds, and its name. */
export const FACTS = {
  female_staff: {
    on: 'service',
    values: 'yes | on_request | no | unknown',
    en: 'Female staff',
    ar: 'موظفات',
    es: 'Personal femenino',
  },
  anonymous_reporting: {
    on: 'service',
    values: 'yes | no | unknown',
    en: 'Anonymous reporting',
    ar: 'الإبلاغ دون ذكر الاسم',
    es: 'Denuncia anónima',
  },
  accompaniment: {
    on: 'service',
    values: 'yes | no | unknown',
    en: 'Someone can come with you',
    ar: 'مرافقة',
    es: 'Acompañamiento',
  },
  safe_place_meeting: {
    on: 'service',
    values: 'yes | no | unknown',
    en: 'Meeting at a safe place',
    ar: 'لقاء في مكان آمن',
    es: 'Encuentro en un lugar seguro',
  },
  passes_on_without_identity: {
    on: 'service',
    values: 'yes | no | unknown',
    en: 'Passes a case on without your name',
    ar: 'تحويل الحالة دون ذكر الاسم',
    es: 'Deriva el caso sin su nombre',
  },
  confidentiality_note: { on: 'service', values: 'text', en: 'Confidentiality', ar: 'السرية', es: 'Confidencialidad' },
  eligible_gender: {
    on: 'service',
    values: 'any | women | men | unknown',
    en: 'Who can use it',
    ar: 'لمن الخدمة',
    es: 'Quién puede usarlo',
  },
  cost_kind: { on: 'service', values: 'free | paid | varies | unknown', en: 'Cost', ar: 'الكلفة', es: 'Costo' },
  accessibility: {
    on: 'service',
    values: 'wheelchair | sign_language | remote | home_visits | childcare | interpretation (one attribute each)',
    en: 'Accessibility',
    ar: 'إمكانية الوصول',
    es: 'Accesibilidad',
  },
  accessibility_note: {
    on: 'service',
    values: 'text',
    en: 'Accessibility note',
    ar: 'ملاحظة عن إمكانية الوصول',
    es: 'Nota de accesibilidad',
  },
  verification_status: {
    on: 'service',
    values: 'as in /api/v1/services',
    en: 'Verification status',
    ar: 'حالة التحقق',
    es: 'Estado de verificación',
  },
  last_verified_at: {
    on: 'service',
    values: 'ISO 8601 instant',
    en: 'Last verified',
    ar: 'آخر تحقق',
    es: 'Última verificación',
  },
  next_verification_due: {
    on: 'service',
    values: 'ISO 8601 date or instant',
    en: 'Next verification due',
    ar: 'موعد التحقق القادم',
    es: 'Próxima verificación',
  },
  source_description: {
    on: 'service or pathway',
    values: 'text',
    en: 'Public source',
    ar: 'المصدر العام',
    es: 'Fuente pública',
  },
  source_url: {
    on: 'service or pathway',
    values: 'URL',
    en: 'Public source link',
    ar: 'رابط المصدر',
    es: 'Enlace de la fuente',
  },
  source_date: {
    on: 'service or pathway',
    values: 'ISO 8601 date',
    en: 'Source date',
    ar: 'تاريخ المصدر',
    es: 'Fecha de la fuente',
  },
  sample: {
    on: 'service, organization or pathway',
    values: 'true | false',
    en: 'Sample data',
    ar: 'بيانات تجريبية',
    es: 'Datos de ejemplo',
  },
  area_pcode: {
    on: 'location',
    values: 'P-code (a confidential site: its governorate)',
    en: 'Area P-code',
    ar: 'رمز المنطقة',
    es: 'Código de área',
  },
  confidential_site: {
    on: 'location',
    values: 'true | false',
    en: 'Confidential site',
    ar: 'موقع سري',
    es: 'Sede confidencial',
  },
  contact_route: {
    on: 'schedule, url or phone',
    values: 'the contact route id',
    en: 'Contact route',
    ar: 'وسيلة التواصل',
    es: 'Vía de contacto',
  },
  contact_route_kind: {
    on: 'url, phone or schedule',
    values: 'phone | hotline | sms | whatsapp | signal | telegram | email | web_form | walk_in',
    en: 'Kind of contact route',
    ar: 'نوع وسيلة التواصل',
    es: 'Tipo de vía de contacto',
  },
  contact_route_value: {
    on: 'url or schedule',
    values: 'the number, handle or address as stored',
    en: 'Contact route as written',
    ar: 'وسيلة التواصل كما كتبت',
    es: 'Vía de contacto tal como se escribió',
  },
  opening_hours: {
    on: 'schedule',
    values: 'OpenStreetMap opening_hours rule',
    en: 'Opening hours rule',
    ar: 'قاعدة ساعات العمل',
    es: 'Regla de horario',
  },
  closure: {
    on: 'schedule',
    values: 'closes | informs (an alert that does not close)',
    en: 'Dated closure or alert',
    ar: 'إغلاق أو تنبيه مؤرخ',
    es: 'Cierre o aviso con fecha',
  },
  pathway_step: {
    on: 'service',
    values: 'pathway id/step id (see masar-pathway-step)',
    en: 'Serves a pathway step',
    ar: 'يخدم خطوة في مسار إحالة',
    es: 'Atiende un paso de una ruta',
  },
} as const satisfies Record<string, { on: string; values: string; en: string; ar: string; es: string }>;

export type FactCode = keyof typeof FACTS;
export const factTermId = (code: string) => derivedId('masar-fact', code);

export function hsdsFactsTaxonomy(ctx: HsdsContext) {
  return {
    id: FACTS_TAXONOMY_ID,
    name: FACTS_TAXONOMY_NAME,
    description: ctx.text(FACTS_DESCRIPTION) ?? '',
    uri: `${ctx.origin}/api/v1/hsds/taxonomy_terms?taxonomy_id=${FACTS_TAXONOMY_ID}`,
  };
}

export function hsdsFactTerm(code: FactCode, ctx: HsdsContext) {
  const fact = FACTS[code];
  const name = ctx.value({ ar: fact.ar, en: fact.en, es: fact.es });
  const id = factTermId(code);
  return {
    id,
    code,
    name: name?.text ?? code,
    description: `${fact.en}. Applies to: ${fact.on}. Value: ${fact.values}.`,
    taxonomy: FACTS_TAXONOMY_NAME,
    taxonomy_id: FACTS_TAXONOMY_ID,
    taxonomy_detail: hsdsFactsTaxonomy(ctx),
    language: name?.lang,
    term_uri: `${ctx.origin}/api/v1/hsds/taxonomy_terms/${id}`,
  };
}

export const FACT_CODES = Object.keys(FACTS) as FactCode[];

/** One attribute carrying a fact; `n` tells apart several values of one fact on one entity. */
export function factAttribute(
  linkEntity: string,
  linkId: string,
  code: FactCode,
  value: string,
  ctx: HsdsContext,
  n = '',
) {
  return {
    id: derivedId('attribute', linkEntity, linkId, code, n),
    link_id: linkId,
    link_entity: linkEntity,
    link_type: code,
    taxonomy_term_id: factTermId(code),
    value,
    taxonomy_term: hsdsFactTerm(code, ctx),
  };
}

/** Attributes for the facts that have a value; null and empty stay out (they say nothing). */
export function factAttributes(
  linkEntity: string,
  linkId: string,
  facts: Partial<Record<FactCode, string | null | undefined>>,
  ctx: HsdsContext,
) {
  return Object.entries(facts).flatMap(([code, value]) =>
    value === null || value === undefined || value === ''
      ? []
      : [factAttribute(linkEntity, linkId, code as FactCode, value, ctx)],
  );
}
