/**
 * CSV cells for files people open in a spreadsheet. A cell that would start a formula — a leading
 * = + - @, a tab or carriage return, or their full-width forms, which Japanese Excel reads as the
 * same — gets a leading apostrophe, unless it is plainly a number (+81312345678, -5). Cells with
 * a quote, comma or line break are quoted.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?\d[\d\s().-]*$/;

export function csvCell(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  const guarded = FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** One CSV line, CRLF-terminated as spreadsheets expect. */
export const csvLine = (cells: ReadonlyArray<string | number | null | undefined>): string => `${cells.map(csvCell).join(',')}\r\n`;
