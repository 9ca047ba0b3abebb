/**
 * Reads an uploaded sheet into a header row and data rows of text. CSV with papaparse (no
 * dependencies, ~20 kB, runs anywhere); XLSX with read-excel-file's "universal" build, which takes
 * an ArrayBuffer and unzips with fflate, so it runs in a Worker without Node's streams.
 */
import Papa from 'papaparse';
import { readSheet as readXlsxSheet } from 'read-excel-file/universal';
import { unescapeFormula } from '../../domain/csv-cells.ts';

/**
 * csv and xlsx are sheets; json is an HSDS data package's services.json (import/hsds-package.ts);
 * hsds-tabular is the zip of an HSDS package's tabular form (import/hsds-tabular-package.ts).
 */
export const IMPORT_FORMATS = ['csv', 'xlsx', 'json', 'hsds-tabular'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface SheetRow {
  /** The row's number as a spreadsheet shows it (the header is row 1 when it is the first row). */
  row: number;
  cells: string[];
  /**
   * What makes the row's cells untrustworthy as read: values past the header's last column (most
   * often a comma inside an unquoted value, which shifts every later value one column to the
   * right), or quoting left open. The row is rejected with this reason rather than imported with
   * values under the wrong headers.
   */
  misread?: string;
}

export interface Sheet {
  headers: string[];
  headerRow: number;
  rows: SheetRow[];
}

export class UnreadableSheet extends Error {}

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // A text cell of our CSV export opened and saved as XLSX keeps the `'` the export put before a formula.
  return (typeof value === 'string' ? unescapeFormula(value) : String(value)).trim();
};

/**
 * The one CSV reader (RFC 4180, by papaparse), for sheets, pathways sheets and the tables of HSDS
 * packages: every record's cells as written, less the one `'` our exports put before a cell that
 * would run as a formula (domain/csv-cells.ts), and the records whose quoting is broken (numbered
 * from 1).
 */
export function parseCsv(text: string): { records: string[][]; errors: Array<{ record: number; message: string }> } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const errors = parsed.errors
    .filter((e) => e.type === 'Quotes')
    .map((e) => ({ record: (e.row ?? 0) + 1, message: e.message }));
  return { records: parsed.data.map((cells) => cells.map(unescapeFormula)), errors };
}

export async function readSheet(bytes: ArrayBuffer, format: 'csv' | 'xlsx'): Promise<Sheet> {
  let table: string[][];
  const brokenQuotes = new Map<number, string>();
  if (format === 'csv') {
    const text = new TextDecoder().decode(bytes);
    if (text.includes('\u0000')) throw new UnreadableSheet('this is not a CSV text file');
    const csv = parseCsv(text);
    table = csv.records.map((cells) => cells.map(cellText));
    for (const { record, message } of csv.errors) brokenQuotes.set(record, message);
  } else {
    try {
      table = (await readXlsxSheet(bytes)).map((cells) => cells.map(cellText));
    } catch {
      throw new UnreadableSheet('this is not an XLSX workbook');
    }
  }
  const headerIndex = table.findIndex((cells) => cells.some((c) => c !== ''));
  if (headerIndex < 0) throw new UnreadableSheet('the sheet is empty');
  const headers = table[headerIndex]!;
  const width = headers.findLastIndex((h) => h !== '') + 1;
  const rows = table
    .map((cells, i): SheetRow => ({ row: i + 1, cells, misread: misreadRow(cells, width, brokenQuotes.get(i + 1)) }))
    .slice(headerIndex + 1)
    .filter((r) => r.cells.some((c) => c !== ''));
  return { headers, headerRow: headerIndex + 1, rows };
}

/**
 * Why a row's cells cannot be read under the headers, if they cannot. Empty cells past the last
 * header are harmless (spreadsheets often write trailing commas); a value there is not.
 */
export function misreadRow(cells: string[], width: number, brokenQuotes: string | undefined): string | undefined {
  if (brokenQuotes)
    return (
      `its quoting is broken (${brokenQuotes}): put each value that holds a comma, a quote or a line ` +
      'break in double quotes, and double any quote inside it'
    );
  const past = cells.slice(width).filter((c) => c !== '').length;
  if (past === 0) return undefined;
  return (
    `has ${past} value${past === 1 ? '' : 's'} past the last header (column ${width}), ` +
    'so its values may sit under the wrong headers: ' +
    'a value that holds a comma, such as "Arabic, Kurdish", must be in double quotes'
  );
}
