import { AppError } from '../shared/errors.js';
import { CR, LF, QUOTE } from './parse-csv-rows.js';

/**
 * Cuts a CSV file's bytes into chunks of whole rows (L1), so that worker threads can decode,
 * parse and normalise chunks side by side. The cut follows the rules of parse-csv-rows.ts on
 * the raw bytes — safe for UTF-8, Shift_JIS and Windows-1250, whose multi-byte characters never
 * hold a quote, a line-break or a delimiter byte — and counts rows as it goes, so each chunk
 * knows the spreadsheet number of its first row.
 *
 * A row longer than `maxRowBytes`, or a quote never closed before the end of the file, stops
 * the import: the cutter never holds more than a chunk and one row in memory.
 */
export interface CsvChunk {
  /** Whole rows, in a buffer of their own (transferable to a worker). */
  bytes: Uint8Array;
  /** Spreadsheet number of the chunk's first row (the header is row 1). */
  firstRow: number;
  rows: number;
  /** Position of bytes[0] in the file. */
  byteOffset: number;
}

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3; // a quote inside a quoted cell: a closing quote, or the first of ""

export class CsvChunkCutter {
  private pieces: Buffer[] = [];
  private buffered = 0;
  /** Scan cursor: piece index, position in it, and bytes before it (relative to the chunk start). */
  private piece = 0;
  private pos = 0;
  private scanned = 0;
  private state = FIELD_START;
  private rowStart = 0;
  /** End of the last whole row found, and how many rows lie before it (relative to the chunk start). */
  private cut = 0;
  private rowsInCut = 0;
  private rowsBefore = 0;
  private offset: number;

  constructor(
    private readonly options: { delimiter: string; newline: number; maxRowBytes: number; byteOffset: number },
  ) {
    this.offset = options.byteOffset;
  }

  push(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.buffered += piece.length;
  }

  /** Bytes buffered and not yet handed out in a chunk. */
  get pending(): number {
    return this.buffered;
  }

  /**
   * The next chunk: whole rows once at least `minBytes` of them are buffered (or `maxRows`
   * rows are); null while more bytes are needed. At the end of the file pass `final`.
   */
  take(minBytes: number, maxRows = Number.POSITIVE_INFINITY, final = false): CsvChunk | null {
    this.scan(minBytes, maxRows);
    if (this.full(minBytes, maxRows)) return this.split(this.cut, this.rowsInCut);
    if (!final) return null;
    if (this.state === QUOTED) throw malformed(this.rowsBefore + this.rowsInCut + 1, 'CSV_QUOTE_NOT_CLOSED', 'a quoted cell is never closed; check the quotes of that row');
    // The last row may lack its line break.
    const rows = this.rowsInCut + (this.buffered > this.cut ? 1 : 0);
    if (this.buffered === 0) return null;
    const chunk = this.split(this.buffered, rows);
    this.state = FIELD_START;
    return chunk;
  }

  private scan(minBytes: number, maxRows: number): void {
    const delim = this.options.delimiter.charCodeAt(0);
    const newline = this.options.newline;
    const maxRow = this.options.maxRowBytes;
    while (this.piece < this.pieces.length && !this.full(minBytes, maxRows)) {
      const buf = this.pieces[this.piece]!;
      const len = buf.length;
      const base = this.scanned - this.pos; // chunk-relative position of buf[0]
      let i = this.pos;
      let state = this.state;
      let q = -2; // the next quote at or after i (-1: none left in this piece; -2: not looked up yet)
      while (i < len) {
        if (state === FIELD_START || state === UNQUOTED) {
          // Fast path: no quote before the next line break → the row ends there.
          if (q !== -1 && q < i) q = buf.indexOf(QUOTE, i);
          const nl = buf.indexOf(newline, i);
          if (q < 0 || (nl >= 0 && q > nl)) {
            if (nl < 0) {
              state = buf[len - 1] === delim ? FIELD_START : UNQUOTED;
              i = len;
              break;
            }
            i = nl + 1;
            state = FIELD_START;
            if (this.endRow(base + i, maxRow, minBytes, maxRows)) break;
            continue;
          }
          // A quote before the line break: walk the bytes up to it; it opens a cell only at the cell's start.
          if (q > i) state = buf[q - 1] === delim ? FIELD_START : UNQUOTED;
          state = state === FIELD_START ? QUOTED : UNQUOTED;
          i = q + 1;
          continue;
        }
        if (state === QUOTED) {
          if (q !== -1 && q < i) q = buf.indexOf(QUOTE, i);
          if (q < 0) {
            i = len;
            break;
          }
          state = QUOTE_SEEN;
          i = q + 1;
          continue;
        }
        // QUOTE_SEEN
        const b = buf[i]!;
        if (b === QUOTE) {
          state = QUOTED; // "" inside quotes
          i++;
        } else if (b === delim) {
          state = FIELD_START;
          i++;
        } else if (b === newline) {
          i++;
          state = FIELD_START;
          if (this.endRow(base + i, maxRow, minBytes, maxRows)) break;
        } else {
          state = UNQUOTED; // text after the closing quote (the \r of \r\n too)
        }
      }
      this.state = state;
      this.scanned = base + i;
      this.pos = i;
      if (this.scanned - this.rowStart > maxRow) throw this.tooLong();
      if (this.pos >= len) {
        this.piece++;
        this.pos = 0;
      }
    }
  }

  /** A row ended at `end` (chunk-relative); true when the chunk is full. */
  private endRow(end: number, maxRow: number, minBytes: number, maxRows: number): boolean {
    if (end - this.rowStart > maxRow) throw this.tooLong();
    this.rowsInCut++;
    this.cut = end;
    this.rowStart = end;
    return this.full(minBytes, maxRows);
  }

  /** At least one whole row, and `minBytes` of them or `maxRows` rows. */
  private full(minBytes: number, maxRows: number): boolean {
    return this.rowsInCut > 0 && (this.cut >= minBytes || this.rowsInCut >= maxRows);
  }

  private tooLong(): AppError {
    return malformed(this.rowsBefore + this.rowsInCut + 1, 'CSV_MAX_RECORD_SIZE', 'the row is too long: a cell may be missing its closing quote, or a cell is longer than allowed');
  }

  /** Hands out the first `bytes` bytes (holding `rows` rows) as a chunk and keeps the rest. */
  private split(bytes: number, rows: number): CsvChunk {
    const out = new Uint8Array(new ArrayBuffer(bytes));
    let filled = 0;
    while (filled < bytes) {
      const head = this.pieces[0]!;
      const n = Math.min(head.length, bytes - filled);
      out.set(n === head.length ? head : head.subarray(0, n), filled);
      filled += n;
      if (n === head.length) {
        this.pieces.shift();
        this.piece--;
      } else {
        this.pieces[0] = head.subarray(n);
        if (this.piece === 0) this.pos -= n;
      }
    }
    if (this.piece < 0) {
      this.piece = 0;
      this.pos = 0;
    }
    this.buffered -= bytes;
    this.scanned -= bytes;
    this.rowStart -= bytes;
    this.cut -= bytes;
    this.rowsInCut -= rows;
    const chunk: CsvChunk = { bytes: out, firstRow: this.rowsBefore + 1, rows, byteOffset: this.offset };
    this.rowsBefore += rows;
    this.offset += bytes;
    return chunk;
  }
}

/** The line break of a file: \n (also for \r\n files), or \r when the first line ends with a lone \r. */
export function newlineOf(sample: Uint8Array): number {
  const lf = sample.indexOf(LF);
  const cr = sample.indexOf(CR);
  if (cr >= 0 && (lf < 0 || cr + 1 < lf)) return CR;
  return LF;
}

export function malformed(row: number, code: string, hint: string): AppError {
  return new AppError('invalid_file', `The CSV is malformed at row ${row}: ${hint}.`, { row, csvError: code });
}
