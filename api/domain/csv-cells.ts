/**
 * Spreadsheet-safe CSV cells (CSV injection): a cell whose text starts with `=`, `+`, `-`, `@`, a
 * tab or a carriage return runs as a formula when the file is opened in Excel or LibreOffice. Every
 * CSV the product writes goes through papaparse with `escapeFormulae`, which prefixes such a cell
 * with one `'` (and quotes it); every CSV or XLSX the import reads takes exactly that one `'` off
 * again, so an exported file imports back to the same text.
 */

/**
 * The cells papaparse escapes. papaparse's own pattern for `escapeFormulae: true`,
 * `/^[=+\-@\t\r].*$/`, misses a cell of several lines (`.` stops at a line break and `$` is the end
 * of the cell), so "=HYPERLINK(…)" followed by a second line would go out unescaped; this is the same
 * set of first characters for a cell of any length.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** papaparse's unparse options for every CSV written: it escapes formula cells itself. */
export const CSV_WRITE = { escapeFormulae: FORMULA_START } as const;

/** A cell as it was before papaparse's escape: one leading `'` off when a formula character follows. */
export const unescapeFormula = (cell: string): string =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
