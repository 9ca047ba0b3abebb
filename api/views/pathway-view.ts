/**
 * The public JSON shape of a pathway. Input is already public (api/queries/pathways.ts reads no
 * practitioner-only step detail); this only shapes it.
 */
import { localise } from '../domain/language.ts';
import type { Language, LocalizedText } from '../domain/vocabulary.ts';
import type { ConcernRow, PublicPathwayRow, ResolvedStep } from '../queries/pathways.ts';
import type { ServiceTypeRow } from '../queries/service-types.ts';
import { serviceSummary, verificationView } from './service-view.ts';

export function concernView(c: ConcernRow, lang: Language) {
  return {
    id: c.id,
    name: localise(c.names, lang),
    names: c.names as Record<string, string>,
    description: localise(c.descriptions, lang),
  };
}

export function pathwaySummary(
  p: PublicPathwayRow,
  context: { concerns: ConcernRow[]; areaNames: Map<string, LocalizedText>; requestedPcode: string },
  lang: Language,
  now: Date,
) {
  const concern = context.concerns.find((c) => c.id === p.concernId);
  return {
    id: p.id,
    name: localise(p.names, lang),
    intro: localise(p.intro, lang),
    concern: { id: p.concernId, name: localise(concern?.names, lang) },
    defined_at: { pcode: p.areaPcode, name: localise(context.areaNames.get(p.areaPcode), lang) },
    inherited: p.areaPcode !== context.requestedPcode,
    is_sample: p.isSample,
    verification: verificationView(p, now),
    source: { description: p.sourceDescription, url: p.sourceUrl, date: p.sourceDate },
    version: p.version,
    updated_at: p.updatedAt,
  };
}

export function stepView({ step, services }: ResolvedStep, types: ServiceTypeRow[], lang: Language, now: Date) {
  return {
    position: step.position,
    kind: step.kind,
    title: localise(step.title, lang),
    what_happens: localise(step.whatHappens, lang),
    what_to_bring: localise(step.whatToBring, lang),
    choices: step.choices.map((c) => ({ code: c.code, note: localise(c.note, lang) })),
    what_next: localise(step.whatNext, lang),
    services: services.map((parts) => serviceSummary(parts, types, lang, now)),
  };
}
