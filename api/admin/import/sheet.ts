/**
 * Reads an uploaded sheet into a header row and data rows of text. CSV with papaparse (no
 * dependencies, ~20 kB, runs anywhere); XLSX with read-excel-file's "universal" build, which takes
 * an ArrayBuffer and unzips with fflate, so it runs in a Worker without Node's streams.
 */
import Papa from 'papaparse';
import { readSheet as readXlsxSheet } from 'read-excel-file/universal';

/** csv and xlsx are sheets; json is an HSDS data package's services.json (import/hsds-package.ts). */
export const IMPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface SheetRow {
  /** The row's number as a spreadsheet shows it (the header is row 1 when it is the first row). */
  row: number;
  cells: string[];
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
  return String(value).trim();
};

export async function readSheet(bytes: ArrayBuffer, format: Exclude<ImportFormat, 'json'>): Promise<Sheet> {
  let table: string[][];
  if (format === 'csv') {
    const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
    if (text.includes('\u0000')) throw new UnreadableSheet('this is not a CSV text file');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    table = parsed.data.map((cells) => cells.map(cellText));
  } else {
    try {
      table = (await readXlsxSheet(bytes)).map((cells) => cells.map(cellText));
    } catch {
      throw new UnreadableSheet('this is not an XLSX workbook');
    }
  }
  const headerIndex = table.findIndex((cells) => cells.some((c) => c !== ''));
  if (headerIndex < 0) throw new UnreadableSheet('the sheet is empty');
  const rows = table
    .map((cells, i) => ({ row: i + 1, cells }))
    .slice(headerIndex + 1)
    .filter((r) => r.cells.some((c) => c !== ''));
  return { headers: table[headerIndex]!, headerRow: headerIndex + 1, rows };
}
