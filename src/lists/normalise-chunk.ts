import { decodeBytes, type Encoding } from './decode-text.js';
import { RowNormaliser, shown, type RecordSettings, type RowError } from './normalise-row.js';
import { parseCsvRows } from './parse-csv-rows.js';

/**
 * A worker thread's share of an import (L1): one chunk of whole CSV rows, as raw bytes, in;
 * its records as COPY text and its per-row errors out. Decoding, parsing, checking and
 * normalising all happen here, off the main thread, which only cuts the file and writes.
 */
export interface ChunkInput extends RecordSettings {
  bytes: Uint8Array;
  /** Spreadsheet number of the first row, and the chunk's position in the file. */
  firstRow: number;
  byteOffset: number;
  encoding: Encoding;
  delimiter: string;
  newline: number;
  maxCellChars: number;
  maxRowChars: number;
}

export interface ChunkOutput {
  /** COPY text of the accepted rows, `copyBytes` long; `lineEnds[i]` is where row i's line (with its \n) ends. */
  copy: Uint8Array;
  copyBytes: number;
  lineEnds: Int32Array;
  /** Per accepted row: its number, its primary number (E.164 digits) and the mapped phone column that gave it. */
  rows: Int32Array;
  primaries: Float64Array;
  primaryPhones: Uint8Array;
  /** The primary numbers' cells as written, joined by NUL: only read for a duplicate. */
  primaryCells: string;
  accepted: number;
  errors: RowError[];
  rowsRead: number;
  rejected: number;
  blank: number;
  /** A problem that stops the whole import (a row over the length limit, bytes the encoding cannot hold). */
  fatal: { message: string; details: Record<string, unknown> } | null;
}

export function normaliseChunk(input: ChunkInput): ChunkOutput {
  let text: string;
  try {
    text = decodeBytes(input.bytes, input.encoding, input.byteOffset);
  } catch (err) {
    return failed(input, err as Error & { details?: Record<string, unknown> });
  }
  const records = new RowNormaliser(input);
  const width = input.mapping.header.length;
  const header = input.mapping.header;
  const { maxCellChars, maxRowChars } = input;

  const capacity = Math.max(1024, input.bytes.length * 3);
  const out = new OutputBuffer(capacity);
  const rows: number[] = [];
  const primaries: number[] = [];
  const primaryPhones: number[] = [];
  const primaryCells: string[] = [];
  const lineEnds: number[] = [];
  const errors: RowError[] = [];
  let row = input.firstRow;
  let rejected = 0;
  let blank = 0;
  let fatal: ChunkOutput['fatal'] = null;

  parseCsvRows(text, input.delimiter, input.newline, (cells) => {
    const n = row++;
    if (fatal) return;
    if (cells.every((c) => c.trim() === '')) {
      blank++;
      return;
    }
    let chars = cells.length - 1;
    let tooLong = -1;
    for (let i = 0; i < cells.length; i++) {
      const len = cells[i]!.length;
      chars += len;
      if (len > maxCellChars && tooLong < 0) tooLong = i;
    }
    if (chars > maxRowChars) {
      fatal = {
        message: `The CSV is malformed at row ${n}: the row is too long: a cell may be missing its closing quote, or a cell is longer than allowed.`,
        details: { row: n, csvError: 'CSV_MAX_RECORD_SIZE' },
      };
      return;
    }
    if (cells.length !== width) {
      rejected++;
      errors.push({ row: n, column: null, value: null, reason: `The row has ${cells.length} cells but the header has ${width} columns. Check for a missing or extra delimiter, or a comma inside an unquoted cell.` });
      return;
    }
    if (tooLong >= 0) {
      rejected++;
      errors.push({ row: n, column: header[tooLong]!, value: shown(cells[tooLong]!), reason: `The cell has ${cells[tooLong]!.length} characters; the limit is ${maxCellChars} (PACER_MAX_CELL_CHARS).` });
      return;
    }
    const record = records.normalise(cells, n, errors);
    if (!record) {
      rejected++;
      return;
    }
    out.writeLine(record.line);
    lineEnds.push(out.length);
    rows.push(n);
    primaries.push(record.primary);
    primaryPhones.push(record.primaryPhone);
    primaryCells.push(record.primaryCell);
  });
  if (fatal) return { ...failed(input, null), fatal };

  return {
    copy: out.bytes,
    copyBytes: out.length,
    lineEnds: Int32Array.from(lineEnds),
    rows: Int32Array.from(rows),
    primaries: Float64Array.from(primaries),
    primaryPhones: Uint8Array.from(primaryPhones),
    primaryCells: primaryCells.join('\u0000'),
    accepted: rows.length,
    errors,
    rowsRead: row - input.firstRow,
    rejected,
    blank,
    fatal: null,
  };
}

/** The buffers of an output, to move (not copy) to the main thread. */
export function transferablesOf(out: ChunkOutput): ArrayBuffer[] {
  return [out.copy.buffer, out.lineEnds.buffer, out.rows.buffer, out.primaries.buffer, out.primaryPhones.buffer] as ArrayBuffer[];
}

function failed(input: ChunkInput, err: (Error & { details?: Record<string, unknown> }) | null): ChunkOutput {
  return {
    copy: new Uint8Array(0),
    copyBytes: 0,
    lineEnds: new Int32Array(0),
    rows: new Int32Array(0),
    primaries: new Float64Array(0),
    primaryPhones: new Uint8Array(0),
    primaryCells: '',
    accepted: 0,
    errors: [],
    rowsRead: 0,
    rejected: 0,
    blank: 0,
    fatal: err ? { message: err.message, details: err.details ?? { nearByte: input.byteOffset } } : null,
  };
}

/** COPY text, written straight into a buffer of its own that grows when needed. */
class OutputBuffer {
  bytes: Uint8Array;
  private buf: Buffer;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(new ArrayBuffer(capacity));
    this.buf = Buffer.from(this.bytes.buffer);
  }

  writeLine(line: string): void {
    // A UTF-16 unit never takes more than 3 bytes in UTF-8; +1 for the line break.
    if (this.length + line.length * 3 + 1 > this.bytes.length) this.grow(this.length + line.length * 3 + 1);
    this.length += this.buf.write(line, this.length);
    this.buf[this.length++] = 0x0a;
  }

  private grow(needed: number): void {
    const bigger = new Uint8Array(new ArrayBuffer(Math.max(needed, Math.ceil(this.bytes.length * 1.5))));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
    this.buf = Buffer.from(bigger.buffer);
  }
}
