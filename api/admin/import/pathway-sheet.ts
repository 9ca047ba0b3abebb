/**
 * The pathways sheet (pathways.csv): the maintainers' pathways.json (admin/queries/pathway-export.ts)
 * flattened for a spreadsheet, one row per step, its texts in one language (the `language` column).
 * GET /admin/exports/pathways.csv writes it; POST /imports reads it back into the same pathway objects
 * as pathways.json, so both go through one plan (hsds-pathways.ts). README.md "Pathways sheet" lists
 * the columns. CSV is written and read with papaparse only (RFC 4180 quoting).
 */
import Papa from 'papaparse';
import { CSV_WRITE } from '../../domain/csv-cells.ts';
import { LANGUAGES, type Language } from '../../domain/vocabulary.ts';
import { factTermId, type FactCode } from '../../views/hsds-facts.ts';
import { termId } from '../../views/hsds-taxonomy.ts';
import { readTranslations, translationAttributes } from '../../views/hsds-translations.ts';
import { misreadRow, parseCsv, UnreadableSheet } from './sheet.ts';

type Json = Record<string, unknown>;

/** The pathway's facts as the export states them ("masar-facts" attributes), one column each. */
const FACT_COLUMNS = [
  'verification_status',
  'last_verified_at',
  'next_verification_due',
  'source_description',
  'source_url',
  'source_date',
  'sample',
] as const satisfies readonly FactCode[];

export const PATHWAY_SHEET_COLUMNS = [
  'language',
  'pathway_id',
  'pathway_name',
  'pathway_description',
  'concern',
  'area_pcode',
  'pathway_status',
  ...FACT_COLUMNS,
  'step_id',
  'step_position',
  'step_kind',
  'step_title',
  'step_what_happens',
  'step_what_to_bring',
  'step_choices',
  'step_choice_notes',
  'step_what_next',
  'step_service_ids',
  'step_service_types',
  'step_focal_point',
  'step_intake_route',
] as const;

type Column = (typeof PATHWAY_SHEET_COLUMNS)[number];

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const words = (cell: string) => cell.split(/\s+/).filter(Boolean);

/**
 * The header line of the sheet, then each page's rows: papaparse's RFC 4180 text, a cell that would
 * run as a formula prefixed with `'` (domain/csv-cells.ts; parseCsv takes it off again).
 */
export const sheetHeader = () => `${Papa.unparse([[...PATHWAY_SHEET_COLUMNS]], CSV_WRITE)}\r\n`;
export const sheetLines = (rows: string[][]) => (rows.length ? `${Papa.unparse(rows, CSV_WRITE)}\r\n` : '');

/**
 * A pathway of the maintainers' export as sheet rows in `lang`: texts in exactly that language (none
 * where it has none: a sheet never passes one language's text off as another's). A pathway without
 * steps is one row with the step columns empty. `typeOfTerm` names service types by their ids.
 */
export function pathwaySheetRows(pathway: Json, lang: Language, typeOfTerm: Map<string, string>): string[][] {
  const texts = readTranslations(pathway.attributes);
  const facts = new Map<string, string>();
  for (const a of list(pathway.attributes))
    if (typeof a.link_type === 'string' && a.taxonomy_term_id === factTermId(a.link_type as FactCode))
      facts.set(a.link_type, String(a.value ?? ''));
  const cells: Partial<Record<Column, string>> = {
    language: lang,
    pathway_id: String(pathway.id),
    pathway_name: texts.get('name')?.[lang],
    pathway_description: texts.get('description')?.[lang],
    concern: String(pathway.concern ?? ''),
    area_pcode: String(pathway.area_pcode ?? ''),
    pathway_status: String(pathway.status ?? ''),
    ...Object.fromEntries(FACT_COLUMNS.map((c) => [c, facts.get(c)])),
  };
  const row = (step: Partial<Record<Column, string>>) =>
    PATHWAY_SHEET_COLUMNS.map((c) => ({ ...cells, ...step })[c] ?? '');
  const steps = list(pathway.steps);
  if (!steps.length) return [row({})];
  return steps.map((step) => {
    const own = readTranslations(step.attributes);
    const text = (field: string) => own.get(field)?.[lang] ?? '';
    const choices = list(step.choices).map((c) => String(c.code));
    return row({
      step_id: String(step.id),
      step_position: String(step.position),
      step_kind: String(step.kind ?? ''),
      step_title: text('title'),
      step_what_happens: text('what_happens'),
      step_what_to_bring: text('what_to_bring'),
      step_choices: choices.join(' '),
      // One line per choice that has a note: "code: note".
      step_choice_notes: choices
        .flatMap((c) => (text(`choice_note:${c}`) ? [`${c}: ${text(`choice_note:${c}`)}`] : []))
        .join('\n'),
      step_what_next: text('what_next'),
      step_service_ids: list(step.service_ids).map(String).join(' '),
      step_service_types: (Array.isArray(step.service_type_term_ids) ? step.service_type_term_ids : [])
        .map((t) => typeOfTerm.get(String(t)) ?? String(t))
        .join(' '),
      step_focal_point: text('focal_point'),
      step_intake_route: text('intake_route'),
    });
  });
}

/**
 * The pathways of a CSV file when it is a pathways sheet (its header names pathway_id and step_id):
 * the objects pathways.json would hold, each with the sheet row of its first line; null for any
 * other file. The texts of a row are in its `language`; `pathway_status` is not read (new pathways
 * enter as drafts, as from pathways.json).
 */
export function pathwaysInSheet(bytes: ArrayBuffer): { items: Json[]; rows: number[] } | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  const { records, errors } = parseCsv(text);
  const header = (records[0] ?? []).map((h) => h.trim());
  if (!header.includes('pathway_id') || !header.includes('step_id')) return null;
  // A row read under the wrong headers would move a step's text into another field: refuse the file.
  const brokenQuotes = new Map(errors.map((e) => [e.record, e.message]));
  const width = header.findLastIndex((h) => h !== '') + 1;
  for (const [i, record] of records.entries()) {
    // The header names the columns; blank cells (spaces too) past it are harmless, as in a sheet.
    if (i === 0) continue;
    const misread = misreadRow(
      record.map((c) => c.trim()),
      width,
      brokenQuotes.get(i + 1),
    );
    if (misread) throw new UnreadableSheet(`row ${i + 1} ${misread}`);
  }
  const at = new Map(header.map((h, i) => [h, i]));
  const items = new Map<string, Json>();
  const rows: number[] = [];
  for (const [i, record] of records.entries()) {
    if (i === 0 || record.every((c) => c.trim() === '')) continue;
    const cell = (c: Column) => (at.has(c) ? (record[at.get(c)!] ?? '') : '');
    const lang = cell('language') as Language;
    // Texts in a language we keep; otherwise (no language given) the import tells it by its script.
    const inLang = (value: string) => (LANGUAGES.includes(lang) && value ? { [lang]: value } : {});
    const id = cell('pathway_id');
    let pathway = items.get(id);
    if (!pathway) {
      pathway = {
        id,
        name: cell('pathway_name'),
        description: cell('pathway_description') || null,
        concern: cell('concern'),
        area_pcode: cell('area_pcode'),
        steps: [],
        attributes: [
          ...translationAttributes('pathway', id, {
            name: inLang(cell('pathway_name')),
            description: inLang(cell('pathway_description')),
          }),
          ...FACT_COLUMNS.flatMap((code) =>
            cell(code) ? [{ link_type: code, taxonomy_term_id: factTermId(code), value: cell(code) }] : [],
          ),
        ],
      };
      items.set(id, pathway);
      rows.push(i + 1);
    }
    const stepId = cell('step_id');
    if (!stepId) continue;
    const notes = new Map(
      cell('step_choice_notes')
        .split('\n')
        .flatMap((line) => {
          const m = /^\s*([a-z_]+):\s?(.*)$/.exec(line);
          return m ? [[m[1]!, m[2]!] as const] : [];
        }),
    );
    const position = /^\d+$/.test(cell('step_position')) ? Number(cell('step_position')) : null;
    (pathway.steps as Json[]).push({
      id: stepId,
      position,
      kind: cell('step_kind'),
      title: cell('step_title'),
      what_happens: cell('step_what_happens'),
      what_to_bring: cell('step_what_to_bring'),
      choices: words(cell('step_choices')).map((code) => ({ code, note: notes.get(code) ?? null })),
      what_next: cell('step_what_next'),
      service_ids: words(cell('step_service_ids')),
      service_type_term_ids: words(cell('step_service_types')).map(termId),
      practitioner_only: { focal_point: cell('step_focal_point'), intake_route: cell('step_intake_route') },
      attributes: translationAttributes('pathway_step', stepId, {
        title: inLang(cell('step_title')),
        what_happens: inLang(cell('step_what_happens')),
        what_to_bring: inLang(cell('step_what_to_bring')),
        what_next: inLang(cell('step_what_next')),
        focal_point: inLang(cell('step_focal_point')),
        intake_route: inLang(cell('step_intake_route')),
        ...Object.fromEntries([...notes].map(([code, note]) => [`choice_note:${code}`, inLang(note)])),
      }),
    });
  }
  return { items: [...items.values()], rows };
}
