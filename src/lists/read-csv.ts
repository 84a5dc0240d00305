import type { Readable } from 'node:stream';
import { AppError } from '../shared/errors.js';
import { CsvChunkCutter, newlineOf, type CsvChunk } from './cut-csv-chunks.js';
import { decodeBytes, detectEncoding, encodingOf, hasUtf8Bom, maxBytesPerChar, type Encoding } from './decode-text.js';
import { parseCsvRows } from './parse-csv-rows.js';

/**
 * Opens an uploaded file as chunks of whole CSV rows without reading it whole: the first
 * 64 KiB decide the encoding, the delimiter and the line break and must be text; the header
 * row is parsed here; the rest of the file is handed out as raw chunks of rows, for worker
 * threads to decode and parse (see cut-csv-chunks.ts and parse-csv-rows.ts for the rules).
 */
export interface CsvSource {
  encoding: Encoding;
  delimiter: string;
  /** The byte that ends rows: \n (also for \r\n files) or \r. */
  newline: number;
  header: string[];
  /** The next chunk of data rows: at least `minBytes` (or `maxRows` rows) unless the file ends first; null at its end. */
  nextChunk(minBytes: number, maxRows?: number): Promise<CsvChunk | null>;
  /** Bytes of the file read so far. */
  bytesRead(): number;
  /** Stops reading and lets the rest of the upload drain. */
  close(): void;
  /** Makes the next read throw `err` (shutdown). */
  abort(err: Error): void;
}

const SAMPLE_BYTES = 64 * 1024;

export async function openCsv(file: Readable, options: { encoding?: string | undefined; maxRowChars: number }): Promise<CsvSource> {
  const named = options.encoding ? encodingOf(options.encoding) : undefined;
  const pieces = file.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
  let bytes = 0;
  let ended = false;
  let aborted: Error | undefined;
  const read = async (): Promise<Buffer | null> => {
    if (aborted) throw aborted;
    if (ended) return null;
    const next = await pieces.next();
    if (aborted) throw aborted;
    if (next.done) {
      ended = true;
      return null;
    }
    bytes += next.value.length;
    return next.value;
  };

  const sample: Buffer[] = [];
  let sampled = 0;
  while (sampled < SAMPLE_BYTES) {
    const piece = await read();
    if (!piece) break;
    sample.push(piece);
    sampled += piece.length;
  }
  const head = Buffer.concat(sample);
  if (head.length === 0) throw new AppError('invalid_file', 'The file is empty. Upload a CSV file with a header row and at least one data row.');
  const encoding = named ?? detectEncoding(head);
  const bom = encoding === 'utf-8' && hasUtf8Bom(head) ? 3 : 0;
  const body = head.subarray(bom);
  const delimiter = guessDelimiter(body, encoding);
  const newline = newlineOf(body);
  // The sample must be text: a binary file stops here, before its "header" is read (up to the last line break when the file goes on).
  decodeBytes(ended ? body : body.subarray(0, body.lastIndexOf(newline) + 1), encoding, bom);
  const cutter = new CsvChunkCutter({ delimiter, newline, maxRowBytes: options.maxRowChars * maxBytesPerChar[encoding], byteOffset: bom });
  cutter.push(body);

  const take = async (minBytes: number, maxRows?: number): Promise<CsvChunk | null> => {
    for (;;) {
      const chunk = cutter.take(minBytes, maxRows, ended);
      if (chunk || ended) return chunk;
      const piece = await read();
      if (piece) cutter.push(piece);
    }
  };

  // The header: the first row that is not empty.
  let header: string[] = [];
  while (header.length === 0) {
    const row = await take(0, 1);
    if (!row) throw new AppError('invalid_file', 'The file has no rows. Upload a CSV file with a header row and at least one data row.');
    parseCsvRows(decodeBytes(row.bytes, encoding, row.byteOffset), delimiter, newline, (cells) => (header = cells));
  }

  return {
    encoding,
    delimiter,
    newline,
    header,
    nextChunk: take,
    bytesRead: () => bytes,
    abort: (err) => {
      aborted = err;
      file.destroy(err);
    },
    close: () => {
      aborted ??= new AppError('internal', 'The file was closed.');
      // Let the rest of the upload drain so the client gets its answer.
      const drain = () => file.resume();
      void pieces.return?.().then(drain, drain);
      drain();
    },
  };
}

/** Decodes and parses a chunk on this thread (the preview's few rows). */
export function rowsOf(csv: CsvSource, chunk: CsvChunk): string[][] {
  const rows: string[][] = [];
  parseCsvRows(decodeBytes(chunk.bytes, csv.encoding, chunk.byteOffset), csv.delimiter, csv.newline, (cells) => rows.push(cells));
  return rows;
}

/** Comma, semicolon (Excel in Poland) or tab: whichever the header line holds most of. */
function guessDelimiter(head: Buffer, encoding: Encoding): string {
  const text = encoding === 'utf-8' ? head.subarray(0, 8192).toString('utf8') : head.subarray(0, 8192).toString('latin1');
  const line = text.split(/\r?\n|\r/, 1)[0] ?? '';
  const count = (d: string) => line.split(d).length - 1;
  const candidates = [',', ';', '\t'].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}
