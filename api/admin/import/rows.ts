/**
 * One sheet row → the facts of one listing, every cell checked: area, service type, phones, hours,
 * languages. A row with any error is rejected whole (its reasons name the column); a value we keep
 * unknown instead of guessing (unreadable hours) is a warning.
 */
import { nameKey } from '../../domain/text-normalise.ts';
import { SERVICE_LANGUAGES, type Country, type Language, type LocalizedText } from '../../domain/vocabulary.ts';
import type { ColumnMap, ImportField } from './columns.ts';
import { parseHours } from './hours.ts';
import { parsePhones } from './phones.ts';
import { resolveArea, type KnownArea } from './places.ts';
import type { SheetRow } from './sheet.ts';

export interface RowIssue {
  column: string;
  reason: string;
}

export interface KnownType {
  id: string;
  names: LocalizedText;
}

export interface ImportedListing {
  row: number;
  externalId: string | null;
  /** The language the sheet's free text is written in (by its script). */
  lang: Language;
  organisation: string;
  serviceName: string | null;
  type: KnownType;
  area: KnownArea;
  phones: Array<{ value: string; kind: 'phone' | 'hotline' }>;
  /** OSM opening_hours of the phones; null = unknown. */
  hours: string | null;
  focalPoint: string | null;
  eligibility: string | null;
  languages: string[];
  notes: string | null;
  warnings: RowIssue[];
}

export interface Lookups {
  areas: KnownArea[];
  byPcode: Map<string, KnownArea>;
  types: KnownType[];
}

// Letters only Kurdish uses in Arabic script: a text with them is Sorani, otherwise Arabic.
const KURDISH_LETTERS = /[ێەۆڵڕڤپچژگ]/;
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

/** The language of a text by its script: Arabic or Sorani in Arabic script, else the country's Latin language. */
export function languageOf(texts: string[], country: Country): Language {
  const all = texts.join(' ');
  if (ARABIC_SCRIPT.test(all)) return KURDISH_LETTERS.test(all) ? 'ckb' : 'ar';
  return country === 'GT' ? 'es' : 'en';
}

const LANGUAGE_NAMES: Record<string, string[]> = {
  ar: ['arabic', 'عربي', 'العربية', 'عربية', 'عەرەبی', 'árabe'],
  ckb: ['kurdish', 'sorani', 'كردي', 'الكردية', 'کوردی', 'سۆرانی', 'kurdo'],
  kmr: ['badini', 'bahdini', 'kurmanji', 'بادينانية', 'بادینی', 'کرمانجی'],
  en: ['english', 'انكليزي', 'الإنجليزية', 'الانكليزية', 'ئینگلیزی', 'inglés'],
  es: ['spanish', 'español', 'castellano', 'الإسبانية'],
  tr: ['turkmen', 'turkish', 'تركماني', 'التركمانية', 'تورکمانی'],
  syr: ['syriac', 'سرياني', 'السريانية', 'سریانی'],
  cak: ['kaqchikel', 'kakchiquel', 'cakchiquel'],
  kek: ["q'eqchi'", 'qeqchi', 'kekchi'],
};
const LANGUAGE_KEYS = new Map<string, string>(
  Object.entries(LANGUAGE_NAMES).flatMap(([code, names]) =>
    [code, ...names].map((n) => [nameKey(n), code] as [string, string]),
  ),
);

function parseLanguages(cell: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const part of cell.split(/[,;/،؛\n]|\s(?:and|y|و)\s/u).map((p) => p.trim())) {
    if (!part) continue;
    const code = LANGUAGE_KEYS.get(nameKey(part));
    if (code && SERVICE_LANGUAGES.includes(code)) codes.push(code);
    else unknown.push(part);
  }
  return { codes: [...new Set(codes)].sort(), unknown };
}

/**
 * The types of each id and name key, keyed once per list of types (a sheet's lookups): a row then
 * looks its type up instead of normalising every name of every type again.
 */
const typeIndexes = new WeakMap<KnownType[], { byId: Map<string, number>; byName: Map<string, number[]> }>();
// Type ids are unique (the key of service_types), so one position per id.

function typeIndex(types: KnownType[]) {
  let index = typeIndexes.get(types);
  if (!index) {
    index = { byId: new Map(), byName: new Map() };
    for (const [i, t] of types.entries()) {
      if (!index.byId.has(t.id)) index.byId.set(t.id, i);
      for (const key of new Set(Object.values(t.names).flatMap((n) => (n ? [nameKey(n)] : []))))
        index.byName.set(key, [...(index.byName.get(key) ?? []), i]);
    }
    typeIndexes.set(types, index);
  }
  return index;
}

/** The types a cell names, by id or by any of their names, in the order of `types`. */
function matchType(types: KnownType[], cell: string): KnownType[] {
  const { byId, byName } = typeIndex(types);
  const found = new Set(byName.get(nameKey(cell)) ?? []);
  const byIdAt = byId.get(cell.trim().toLowerCase());
  if (byIdAt !== undefined) found.add(byIdAt);
  return [...found].sort((a, b) => a - b).map((i) => types[i]!);
}

export function validateRow(
  sheetRow: SheetRow,
  columns: ColumnMap,
  lookups: Lookups,
): { ok: true; listing: ImportedListing } | { ok: false; errors: RowIssue[] } {
  const cell = (field: ImportField) => {
    const index = columns[field];
    return index === undefined ? '' : (sheetRow.cells[index] ?? '').trim();
  };
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  if (sheetRow.misread) return { ok: false, errors: [{ column: 'row', reason: sheetRow.misread }] };

  const organisation = cell('organisation');
  if (!organisation) errors.push({ column: 'organisation', reason: 'is empty' });

  const typeCell = cell('service_type');
  const types = typeCell ? matchType(lookups.types, typeCell) : [];
  if (!typeCell) errors.push({ column: 'service_type', reason: 'is empty' });
  else if (types.length !== 1)
    errors.push({
      column: 'service_type',
      reason: `no service type is named "${typeCell}"; known types: ${lookups.types.map((t) => t.id).join(', ')}`,
    });

  const area = resolveArea(lookups.areas, lookups.byPcode, {
    pcode: cell('pcode'),
    governorate: cell('governorate'),
    district: cell('district'),
    subdistrict: cell('subdistrict'),
  });
  if (!area.ok) errors.push({ column: area.column, reason: area.reason });
  const country: Country = area.ok ? area.area.country : 'IQ';

  const phones: ImportedListing['phones'] = [];
  for (const phone of parsePhones(cell('phones'), country)) {
    if (!phone.ok) errors.push({ column: 'phones', reason: `"${phone.written}" is not a phone number or short code` });
    else if (!phones.some((p) => p.value === phone.value))
      phones.push({ value: phone.value, kind: phone.shortCode ? 'hotline' : 'phone' });
  }

  const hoursCell = cell('hours');
  const hours = hoursCell ? parseHours(hoursCell) : null;
  if (hoursCell && !hours)
    warnings.push({ column: 'hours', reason: `"${hoursCell}" could not be read as opening hours: left unknown` });

  const languageCell = parseLanguages(cell('languages'));
  if (languageCell.unknown.length)
    warnings.push({ column: 'languages', reason: `not a language we know: ${languageCell.unknown.join(', ')}` });

  if (errors.length || !area.ok) return { ok: false, errors };
  const text = (field: ImportField) => cell(field) || null;
  return {
    ok: true,
    listing: {
      row: sheetRow.row,
      externalId: text('external_id'),
      lang: languageOf([organisation, cell('service_name')], country),
      organisation,
      serviceName: text('service_name'),
      type: types[0]!,
      area: area.area,
      phones,
      hours,
      focalPoint: text('focal_point'),
      eligibility: text('eligibility'),
      languages: languageCell.codes,
      notes: text('notes'),
      warnings,
    },
  };
}
