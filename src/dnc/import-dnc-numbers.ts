import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { sql, type Transaction } from 'kysely';
import { isSupportedCountry } from 'libphonenumber-js';
import type { Actor } from '../access/actor.js';
import { AppError, validationFailed } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { bumpCount, requireDncList, type DncDeps } from './dnc-views.js';
import { normaliseNumber } from './normalise-number.js';

/**
 * L4: a CSV file of numbers into a do-not-call list, streamed. One number per row, taken from
 * the column named by `column` (a header name) or else the first column. Invalid rows are
 * reported (row, line, column, value, reason) and skipped — or, with `strict`, refuse the
 * whole file. Numbers already on the list, or repeated in the file, are counted as duplicates.
 *
 * All or nothing: the rows go into the database inside one transaction as the file streams
 * (5,000 at a time), so an upload that fails midway — broken CSV, a file over the size limit,
 * a dropped connection — rolls back and adds nothing, in the database or in memory.
 */
export interface DncImportOptions {
  column?: string | undefined;
  /** Whether the first row is a header; "auto": it is when the number cell has no digit. */
  header: 'auto' | 'yes' | 'no';
  region?: string | undefined;
  encoding: string;
  strict: boolean;
  fileName?: string | undefined;
  /** The upload limit, for the message when a file is cut off at it. */
  maxBytes?: number | undefined;
}

export interface DncImportRowError {
  row: number;
  line: number;
  column: string;
  value: string;
  reason: string;
}

export interface DncImportSummary {
  listId: number;
  rowsRead: number;
  imported: number;
  duplicates: number;
  rejected: number;
  errors: DncImportRowError[];
  /** True when more rows were rejected than `errors` lists. */
  errorsTruncated: boolean;
}

const BATCH = 5_000;
const MAX_ERRORS = 1_000;

export async function importDncNumbers(
  { dnc, clock }: DncDeps,
  listId: number,
  file: Readable,
  options: DncImportOptions,
  actor: Pick<Actor, 'userId'>,
): Promise<DncImportSummary> {
  if (options.region !== undefined && !isSupportedCountry(options.region)) {
    file.resume();
    throw validationFailed(`The region "${options.region}" is unknown; use a two-letter ISO 3166 code such as US, JP or GB.`, { field: 'region', value: options.region });
  }
  const utf8 = /^utf-?8$/i.test(options.encoding);
  if (!utf8 && !iconv.encodingExists(options.encoding)) {
    file.resume();
    throw validationFailed(`The encoding "${options.encoding}" is unknown; use utf-8, shift_jis or windows-1250.`, { field: 'encoding', value: options.encoding });
  }
  if (options.header === 'no' && options.column !== undefined) {
    file.resume();
    throw validationFailed('A column chosen by name needs a header row; drop "column" or set header to yes/auto.', { field: 'column' });
  }

  return dnc.change(async (trx) => {
    await requireDncList(trx, listId);
    const now = clock.now();
    const reader = new RowReader(options);
    const writer = new BatchWriter(trx, listId, now, actor.userId, options.fileName);
    const parser = parse({ bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 65_536 });
    const stages: NodeJS.ReadWriteStream[] = utf8 ? [] : [iconv.decodeStream(options.encoding)];
    pipeline([file, ...stages, parser], () => undefined); // errors surface through the parser's iterator
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number; lines: number } }>) {
        const digits = reader.read(record, info.records, info.lines);
        if (digits !== undefined) await writer.add(digits);
      }
    } catch (err) {
      assertWhole(file, options);
      if (err instanceof CsvError) {
        const line = (err as CsvError & { lines?: number }).lines;
        throw new AppError('invalid_file', `The file is not valid CSV${line ? ` at line ${line}` : ''}: ${err.message}. Fix the quoting there or save the file as CSV again; nothing was imported.`, { line: line ?? null, code: err.code });
      }
      throw err;
    }
    assertWhole(file, options); // a file cut at the size limit may end in half a number
    await writer.flush();
    const summary = reader.summary(listId, writer.inserted);
    if (options.strict && summary.rejected > 0) {
      throw new AppError('invalid_file', `${summary.rejected} row(s) hold no valid number and strict mode is on; fix them (see details) and upload again. Nothing was imported.`, { errors: summary.errors, errorsTruncated: summary.errorsTruncated });
    }
    if (writer.inserted === 0) return { result: summary };
    await bumpCount(trx, listId, writer.inserted, now);
    const numbers = writer.numbers();
    return { result: summary, apply: (set) => set.add(listId, numbers) };
  });
}

function assertWhole(file: Readable, options: DncImportOptions): void {
  if ((file as Readable & { truncated?: boolean }).truncated) {
    const limit = options.maxBytes ? ` of ${options.maxBytes} bytes` : '';
    throw new AppError('payload_too_large', `The file is larger than the upload limit${limit}; split it into smaller files (or raise PACER_MAX_FILE_BYTES). Nothing was imported.`, { maxBytes: options.maxBytes ?? null });
  }
}

/** Picks the number cell of each record, normalises it and keeps the error report. */
class RowReader {
  private index = 0;
  private label = 'column 1';
  private headerSeen = false;
  private rows = 0;
  private valid = 0;
  private rejected = 0;
  readonly errors: DncImportRowError[] = [];

  constructor(private readonly options: DncImportOptions) {}

  /** The digits of a data row's number, or undefined (header, or a rejected row). */
  read(record: string[], row: number, line: number): number | undefined {
    if (!this.headerSeen) {
      this.headerSeen = true;
      if (this.isHeader(record)) {
        this.useHeader(record);
        return undefined;
      }
    }
    this.rows += 1;
    const value = record[this.index];
    if (value === undefined || value.trim() === '') return this.reject(row, line, value ?? '', 'is empty', 'put one phone number in this cell, or delete the row');
    const result = normaliseNumber(value, this.options.region);
    if (!result.ok) return this.reject(row, line, value, result.reason, result.fix);
    this.valid += 1;
    return result.digits;
  }

  summary(listId: number, inserted: number): DncImportSummary {
    if (!this.headerSeen) throw new AppError('invalid_file', 'The file is empty; send a CSV with one phone number per row. Nothing was imported.', { rows: 0 });
    if (this.rows === 0) throw new AppError('invalid_file', 'The file has a header row but no numbers below it; nothing was imported.', { rows: 0 });
    if (this.valid === 0) {
      throw new AppError('invalid_file', `None of the ${this.rows} row(s) in ${this.label} holds a valid number; check the column and the region (see details). Nothing was imported.`, {
        errors: this.errors,
        errorsTruncated: this.rejected > this.errors.length,
      });
    }
    return {
      listId,
      rowsRead: this.rows,
      imported: inserted,
      duplicates: this.valid - inserted,
      rejected: this.rejected,
      errors: this.errors,
      errorsTruncated: this.rejected > this.errors.length,
    };
  }

  private isHeader(record: string[]): boolean {
    if (this.options.header !== 'auto') return this.options.header === 'yes';
    if (this.options.column !== undefined) return true;
    return !/\d/.test(record[0] ?? '');
  }

  private useHeader(record: string[]): void {
    const names = record.map((c) => c.trim());
    if (this.options.column === undefined) {
      this.label = names[0] ? `column "${names[0]}"` : 'column 1';
      return;
    }
    const wanted = this.options.column.trim().toLowerCase();
    this.index = names.findIndex((n) => n.toLowerCase() === wanted);
    if (this.index < 0) {
      throw validationFailed(`The file has no column "${this.options.column}"; its columns are ${names.slice(0, 20).map((n) => `"${n}"`).join(', ')}. Choose one of those.`, {
        field: 'column',
        value: this.options.column,
        columns: names.slice(0, 200),
      });
    }
    this.label = `column "${names[this.index]}"`;
  }

  private reject(row: number, line: number, value: string, reason: string, fix: string): undefined {
    this.rejected += 1;
    if (this.errors.length < MAX_ERRORS) this.errors.push({ row, line, column: this.label, value: value.slice(0, 100), reason: `${reason}: ${fix}` });
    return undefined;
  }
}

/** Inserts numbers 5,000 at a time inside the import's transaction, and keeps them (8 bytes each) for memory. */
class BatchWriter {
  inserted = 0;
  private batch: number[] = [];
  private all = new Float64Array(BATCH);
  private count = 0;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly listId: number,
    private readonly now: Date,
    private readonly userId: number,
    private readonly fileName: string | undefined,
  ) {}

  async add(digits: number): Promise<void> {
    if (this.count === this.all.length) {
      const grown = new Float64Array(this.all.length * 2);
      grown.set(this.all);
      this.all = grown;
    }
    this.all[this.count++] = digits;
    this.batch.push(digits);
    if (this.batch.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const reason = this.fileName ? `imported from ${this.fileName}` : 'imported';
    const result = await sql`
      INSERT INTO dnc_numbers (list_id, number, added_at, added_by, reason)
      SELECT ${this.listId}, n, ${this.now}, ${this.userId}, ${reason}
      FROM unnest(${`{${this.batch.join(',')}}`}::bigint[]) AS n
      ON CONFLICT (list_id, number) DO NOTHING`.execute(this.trx);
    this.inserted += Number(result.numAffectedRows ?? 0);
    this.batch = [];
  }

  numbers(): Float64Array {
    return this.all.subarray(0, this.count);
  }
}
