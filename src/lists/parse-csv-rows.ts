/**
 * The CSV dialect of list files (L1), parsed from decoded text that holds whole rows. The same
 * rules decide where a row ends when the importer cuts the raw bytes into chunks
 * (cut-csv-chunks.ts), so the two always agree:
 *
 * - a `"` opens a quoted cell only as the cell's first character; inside it `""` is a quote
 *   and delimiters and line breaks are text; the next lone `"` closes it;
 * - a quote anywhere else is an ordinary character (`5'10"`);
 * - text after a closing quote (`"abc"def`) makes the cell read as written, quotes and all;
 * - a row ends at a line break outside quotes; `\r\n` and `\n` both end rows (a lone `\r`
 *   ends rows in a file whose first line ends that way);
 * - an empty line is a row with no cells (the importer counts it as blank).
 */
export const QUOTE = 0x22;
export const LF = 0x0a;
export const CR = 0x0d;

/** Calls `onRow` with each row's cells, in order. The text must end at a row boundary (or at the end of the file). */
export function parseCsvRows(text: string, delimiter: string, newline: number, onRow: (cells: string[]) => void): void {
  const delim = delimiter.charCodeAt(0);
  const end = text.length;
  let i = 0;
  while (i < end) {
    const cells: string[] = [];
    // One row: cells until a line break outside quotes, or the end of the text.
    for (;;) {
      if (i >= end) break;
      const start = i;
      let c = text.charCodeAt(i);
      if (c === newline) {
        // An empty row, or the empty last cell after a delimiter.
        if (cells.length > 0) cells.push('');
        i++;
        break;
      }
      if (c === CR && newline === LF && i + 1 < end && text.charCodeAt(i + 1) === LF) {
        if (cells.length > 0) cells.push('');
        i += 2;
        break;
      }
      if (c === QUOTE) {
        const quoted = readQuoted(text, i, delim, newline);
        if (quoted.end >= 0) {
          cells.push(quoted.value);
          i = quoted.end;
        } else {
          // Text after the closing quote: the cell is read as written.
          i = unquotedEnd(text, quoted.closeAt + 1, delim, newline);
          cells.push(text.slice(start, trimCr(text, start, i, newline)));
        }
      } else {
        if (c === delim) {
          cells.push('');
        } else {
          i = unquotedEnd(text, i, delim, newline);
          cells.push(text.slice(start, trimCr(text, start, i, newline)));
        }
      }
      // i is at a delimiter, a line break, or the end.
      if (i >= end) break;
      c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= end) cells.push(''); // a delimiter right before the end of the file
        continue;
      }
      // A line break (the \r of \r\n was left out of the cell by trimCr).
      i = skipNewline(text, i, newline);
      break;
    }
    onRow(cells);
  }
}

/** Position of the first delimiter or line break at or after `i` (or the end). */
function unquotedEnd(text: string, i: number, delim: number, newline: number): number {
  const end = text.length;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === delim || c === newline) return i;
    i++;
  }
  return end;
}

/** The end of a cell's text before a line break: leaves out the \r of \r\n. */
function trimCr(text: string, start: number, i: number, newline: number): number {
  if (newline === LF && i > start && text.charCodeAt(i - 1) === CR && (i === text.length || text.charCodeAt(i) === LF)) return i - 1;
  return i;
}

function skipNewline(text: string, i: number, newline: number): number {
  if (text.charCodeAt(i) === newline) return i + 1;
  // \r\n: the \r may still be here when the cell was quoted.
  if (newline === LF && text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) return i + 2;
  return i + 1;
}

/**
 * A quoted cell starting at `i`. `end` is where the cell ends (at its delimiter or line break),
 * or -1 when text follows the closing quote (`closeAt`); the caller then reads the cell as written.
 */
function readQuoted(text: string, i: number, delim: number, newline: number): { value: string; end: number; closeAt: number } {
  let value = '';
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) {
      // Never closed: only at the end of a file, which the chunk cutter reports first.
      return { value: value + text.slice(from), end: text.length, closeAt: text.length };
    }
    if (text.charCodeAt(q + 1) === QUOTE) {
      value += text.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    value += text.slice(from, q);
    const after = q + 1;
    if (after >= text.length) return { value, end: after, closeAt: q };
    const c = text.charCodeAt(after);
    if (c === delim || c === newline || (c === CR && newline === LF && text.charCodeAt(after + 1) === LF)) return { value, end: after, closeAt: q };
    return { value, end: -1, closeAt: q };
  }
}
