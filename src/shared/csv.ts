import iconv from 'iconv-lite';

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

export type CsvEncoding = 'utf-8' | 'shift_jis';

/**
 * CSV lines as the bytes of a download: UTF-8 starts with a byte-order mark so Excel reads it
 * right; Shift_JIS (no mark) on request, characters it cannot hold becoming "?".
 */
export async function* encodeCsv(lines: AsyncIterable<string> | Iterable<string>, encoding: CsvEncoding): AsyncGenerator<Buffer> {
  const encode = encoding === 'shift_jis' ? (s: string) => iconv.encode(s, 'shift_jis') : (s: string) => Buffer.from(s, 'utf8');
  let first = true;
  for await (const chunk of lines) {
    yield encode(first && encoding === 'utf-8' ? `\uFEFF${chunk}` : chunk);
    first = false;
  }
}
