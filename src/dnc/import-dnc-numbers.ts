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
 * All or nothing: the file is streamed through the CSV parser first, keeping only the
 * numbers (8 bytes each, never the file) and the error report; only a file read whole and
 * accepted is written, in one transaction, 5,000 rows a statement. An upload that fails
 * midway — broken CSV, a file over the size limit, a dropped connection, a database error —
 * adds nothing, in the database or in memory, and no transaction waits on a slow upload.
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

const MAX_ERRORS = 1_000;

export async function importDncNumbers(
  { db, dnc, clock }: DncDeps,
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

  // Fail before reading a file for nothing.
  await requireDncList(db, listId).catch((err: unknown) => {
    file.resume();
    throw err;
  });
  const { reader, numbers } = await readNumbers(file, options, utf8);
  const report = reader.finish();
  if (options.strict && report.rejected > 0) {
    throw new AppError('invalid_file', `${report.rejected} row(s) hold no valid number and strict mode is on; fix them (see details) and upload again. Nothing was imported.`, {
      errors: report.errors,
      errorsTruncated: report.errorsTruncated,
    });
  }
  const unique = uniqueSorted(numbers);

  return dnc.change(async (trx) => {
    await requireDncList(trx, listId);
    const now = clock.now();
    const inserted = await insertNumbers(trx, listId, unique, { now, userId: actor.userId, reason: options.fileName ? `imported from ${options.fileName}` : 'imported' });
    const result: DncImportSummary = { listId, rowsRead: report.rows, imported: inserted, duplicates: report.valid - inserted, rejected: report.rejected, errors: report.errors, errorsTruncated: report.errorsTruncated };
    if (inserted === 0) return { result };
    await bumpCount(trx, listId, inserted, now);
    return { result, apply: (set) => set.add(listId, unique) };
  });
}

/** Streams the file through the CSV parser; keeps the valid numbers and the row report. */
async function readNumbers(file: Readable, options: DncImportOptions, utf8: boolean): Promise<{ reader: RowReader; numbers: Float64Array }> {
  const reader = new RowReader(options);
  let numbers = new Float64Array(4096);
  let count = 0;
  const parser = parse({ bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 65_536 });
  const stages: NodeJS.ReadWriteStream[] = utf8 ? [] : [iconv.decodeStream(options.encoding)];
  pipeline([file, ...stages, parser], () => undefined); // errors surface through the parser's iterator
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number; lines: number } }>) {
      const digits = reader.read(record, info.records, info.lines);
      if (digits === undefined) continue;
      if (count === numbers.length) {
        const grown = new Float64Array(numbers.length * 2);
        grown.set(numbers);
        numbers = grown;
      }
      numbers[count++] = digits;
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
  return { reader, numbers: numbers.subarray(0, count) };
}

/** The distinct numbers, ascending (sorted inserts are kind to the primary key's index). */
function uniqueSorted(numbers: Float64Array): Float64Array {
  numbers.sort();
  let n = 0;
  for (let i = 0; i < numbers.length; i++) if (i === 0 || numbers[i] !== numbers[i - 1]) numbers[n++] = numbers[i]!;
  return numbers.subarray(0, n);
}

const BATCH = 5_000;

/** Inserts 5,000 numbers a statement; returns how many were new to the list. */
async function insertNumbers(trx: Transaction<Database>, listId: number, numbers: Float64Array, row: { now: Date; userId: number; reason: string }): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < numbers.length; i += BATCH) {
    const batch = `{${numbers.subarray(i, i + BATCH).join(',')}}`;
    const result = await sql`
      INSERT INTO dnc_numbers (list_id, number, added_at, added_by, reason)
      SELECT ${listId}, n, ${row.now}, ${row.userId}, ${row.reason}
      FROM unnest(${batch}::bigint[]) AS n
      ON CONFLICT (list_id, number) DO NOTHING`.execute(trx);
    inserted += Number(result.numAffectedRows ?? 0);
  }
  return inserted;
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

  /** The report of a file read whole; refuses a file with no usable row. */
  finish(): { rows: number; valid: number; rejected: number; errors: DncImportRowError[]; errorsTruncated: boolean } {
    if (!this.headerSeen) throw new AppError('invalid_file', 'The file is empty; send a CSV with one phone number per row. Nothing was imported.', { rows: 0 });
    if (this.rows === 0) throw new AppError('invalid_file', 'The file has a header row but no numbers below it; nothing was imported.', { rows: 0 });
    const errorsTruncated = this.rejected > this.errors.length;
    if (this.valid === 0) {
      throw new AppError('invalid_file', `None of the ${this.rows} row(s) in ${this.label} holds a valid number; check the column and the region (see details). Nothing was imported.`, {
        errors: this.errors,
        errorsTruncated,
      });
    }
    return { rows: this.rows, valid: this.valid, rejected: this.rejected, errors: this.errors, errorsTruncated };
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
