import { Readable, pipeline } from 'node:stream';
import { parse, type Parser } from 'csv-parse';
import { AppError } from '../shared/errors.js';
import { detectEncoding, encodingOf, TextDecodeStream, type Encoding } from './decode-text.js';

/**
 * Opens an uploaded file as a stream of CSV rows without reading it whole: the first 64 KiB
 * decide the encoding and the delimiter, then bytes flow through the decoder into csv-parse.
 */
export interface CsvSource {
  encoding: Encoding;
  delimiter: string;
  header: string[];
  /** The data rows; throws on a malformed file. */
  rows: AsyncIterator<string[]>;
  /** Bytes of the file read so far. */
  bytesRead(): number;
  /** Stops reading and lets the rest of the upload drain. */
  close(): void;
  /** Makes the row iterator throw `err` (shutdown). */
  abort(err: Error): void;
}

const SAMPLE_BYTES = 64 * 1024;

export async function openCsv(file: Readable, options: { encoding?: string | undefined; maxRecordChars: number }): Promise<CsvSource> {
  const named = options.encoding ? encodingOf(options.encoding) : undefined;
  const chunks = file.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
  const sample: Buffer[] = [];
  let sampled = 0;
  let ended = false;
  while (sampled < SAMPLE_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    sample.push(next.value);
    sampled += next.value.length;
  }
  const head = Buffer.concat(sample);
  if (head.length === 0) throw new AppError('invalid_file', 'The file is empty. Upload a CSV file with a header row and at least one data row.');
  const encoding = named ?? detectEncoding(head);

  let bytes = 0;
  async function* all(): AsyncGenerator<Buffer> {
    bytes += head.length;
    yield head;
    if (ended) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      bytes += next.value.length;
      yield next.value;
    }
  }
  const delimiter = guessDelimiter(head, encoding);
  const source = Readable.from(all(), { objectMode: false });
  const parser: Parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: options.maxRecordChars,
    // Parse ahead while the importer waits on workers or the database (the stream default is 16 rows).
    ...({ readableHighWaterMark: 2048 } as object),
  });
  const decoder = new TextDecodeStream(encoding);
  pipeline(source, decoder, parser, () => undefined); // errors surface from the parser's iterator
  const rows = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const first = await rows.next();
  if (first.done) throw new AppError('invalid_file', 'The file has no rows. Upload a CSV file with a header row and at least one data row.');
  return {
    encoding,
    delimiter,
    header: first.value,
    rows,
    bytesRead: () => bytes,
    abort: (err) => source.destroy(err),
    close: () => {
      source.destroy();
      file.resume(); // let the rest of the upload drain so the client gets its answer
    },
  };
}

/** Comma, semicolon (Excel in Poland) or tab: whichever the header line holds most of. */
function guessDelimiter(head: Buffer, encoding: Encoding): string {
  const text = encoding === 'utf-8' ? head.subarray(0, 8192).toString('utf8') : head.subarray(0, 8192).toString('latin1');
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string) => line.split(d).length - 1;
  const candidates = [',', ';', '\t'].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}
