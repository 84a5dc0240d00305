import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { ImportLimits } from '../config.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { commitImport } from './commit-import.js';
import { guessMapping } from './guess-mapping.js';
import { importFailure } from './import-errors.js';
import { checkRegion, getListRow } from './manage-lists.js';
import { headerNames, resolveMapping, type Mapping } from './mapping.js';
import type { CsvChunk } from './cut-csv-chunks.js';
import type { ChunkOutput } from './normalise-chunk.js';
import type { RowError } from './normalise-row.js';
import type { Normaliser } from './normaliser-pool.js';
import { PrimaryNumbers } from './primary-numbers.js';
import { openCsv, type CsvSource } from './read-csv.js';
import { openRecordSink, type RecordSink } from './record-sink.js';

/**
 * L1, L2, O10: import a CSV file into a list, streamed. The header is checked against the
 * mapping before anything is stored; then the file is cut into chunks of whole rows that
 * worker threads decode, parse and normalise into COPY text, while this thread judges
 * duplicates in file order and bulk-writes the records under a 'running' import, invisible to
 * every reader until the import commits. A failure at any point deletes what was written and
 * marks the import failed. Memory stays bounded: a few chunks are in flight at a time, and
 * errors are written out as they come.
 *
 * Duplicates: within one file, a row whose primary number (its first valid phone) repeats an
 * earlier row's is rejected as "duplicate of row N". On append, a row whose primary number
 * matches a record already in the list replaces that record in place, when the import commits.
 */
export interface ImportDeps {
  storage: Storage;
  clock: Clock;
  limits: ImportLimits;
  normaliser: Normaliser;
}

export interface ImportRequest {
  listId: number;
  actor: Actor;
  file: Readable;
  fileName: string | null;
  /** Omitted: guessed from the header. */
  mapping: Mapping | undefined;
  encoding: string | undefined;
  region: string | undefined;
  /** The file's size when the client said it, for progress. */
  sizeBytes: number | null;
  signal?: AbortSignal;
}

export interface ImportSummary {
  importId: number;
  listId: number;
  status: 'committed' | 'failed';
  encoding: string;
  rowsRead: number;
  imported: number;
  rejected: number;
  duplicates: number;
  replaced: number;
  errorCount: number;
  error: { code: string; message: string; details: unknown } | null;
}

/** Bytes of CSV per chunk a worker takes: big enough to amortise the hand-over, small enough to keep memory flat. */
const CHUNK_BYTES = 1024 * 1024;
const PROGRESS_EVERY_ROWS = 20_000;
const ERROR_FLUSH = 1_000;

/** Checks the request and the file's header, creates the import, and returns while the rows are still being read. */
export async function startImport(deps: ImportDeps, request: ImportRequest): Promise<{ importId: number; done: Promise<ImportSummary> }> {
  const { storage, clock, limits } = deps;
  let list;
  let region: string;
  try {
    list = await getListRow(storage.db, request.listId);
    region = checkRegion(request.region ?? list.default_region);
  } catch (err) {
    request.file.resume(); // let the upload drain so the client reads the answer
    throw err;
  }

  let csv: CsvSource | undefined;
  let firstChunk: CsvChunk | null;
  let mapping: Mapping;
  let resolved;
  try {
    csv = await openCsv(request.file, { encoding: request.encoding, maxRowChars: limits.maxCellChars * limits.maxColumns });
    const header = headerNames(csv.header);
    const guessed = request.mapping ? undefined : guessMapping(header);
    if (!request.mapping && !guessed?.mapping) {
      throw new AppError('invalid_file', `No phone column was recognised in the header (${header.join(', ')}). Send a mapping that names the phone columns.`, { header });
    }
    mapping = request.mapping ?? guessed!.mapping!;
    resolved = resolveMapping(mapping, header, limits.maxColumns);
    firstChunk = await csv.nextChunk(0, 1); // the first data row; the rest is read once the import exists
    if (!firstChunk) throw new AppError('invalid_file', 'The file has a header row but no data rows; there is nothing to import.', { header });
  } catch (err) {
    csv?.close();
    if (!csv) request.file.resume();
    throw importFailure(err, limits);
  }

  const row = await storage.db
    .insertInto('list_imports')
    .values({
      list_id: list.id,
      status: 'running',
      file_name: request.fileName,
      encoding: csv.encoding,
      mapping: JSON.stringify(mapping),
      bytes_total: request.sizeBytes,
      bytes_read: csv.bytesRead(),
      error: null,
      created_by: request.actor.userId,
      started_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const run = new ImportRun(deps, row.id, list.id, csv, {
    mapping: resolved,
    defaultRegion: region,
    defaultTimeZone: list.default_time_zone,
  });
  return { importId: row.id, done: run.execute(firstChunk, request.signal) };
}

class ImportRun {
  private rowsRead = 0;
  private imported = 0;
  private rejected = 0;
  private duplicates = 0;
  private errorCount = 0;
  private pendingErrors: RowError[] = [];
  private readonly seen = new PrimaryNumbers();
  private lastProgressRows = 0;

  constructor(
    private readonly deps: ImportDeps,
    private readonly importId: number,
    private readonly listId: number,
    private readonly csv: CsvSource,
    private readonly settings: { mapping: ReturnType<typeof resolveMapping>; defaultRegion: string; defaultTimeZone: string | null },
  ) {}

  async execute(firstChunk: CsvChunk, signal: AbortSignal | undefined): Promise<ImportSummary> {
    let sink: RecordSink | undefined;
    const stop = () => this.csv.abort(new AppError('internal', 'The server shut down while the file was read; nothing of it was kept. Upload the file again.'));
    signal?.addEventListener('abort', stop, { once: true });
    try {
      sink = await openRecordSink(this.deps.storage, this.importId);
      await this.readAll(firstChunk, sink, signal, stop);
      await sink.finish();
      await this.flushErrors();
      const { replaced } = await commitImport(this.deps.storage.db, this.deps.clock, {
        importId: this.importId,
        listId: this.listId,
        maxRecords: this.deps.limits.maxRecordsPerList,
        counts: this.counts(),
      });
      await sink.close();
      return this.summary('committed', replaced, null);
    } catch (err) {
      const failure = importFailure(err, this.deps.limits);
      this.csv.close();
      await sink?.abort(failure).catch(() => undefined);
      await this.flushErrors().catch(() => undefined);
      await this.markFailed(failure);
      return this.summary('failed', 0, { code: failure.code, message: failure.message, details: failure.details ?? null });
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  private async readAll(firstChunk: CsvChunk, sink: RecordSink, signal: AbortSignal | undefined, stop: () => void): Promise<void> {
    const { mapping, defaultRegion, defaultTimeZone } = this.settings;
    const { maxCellChars, maxColumns } = this.deps.limits;
    // Enough chunks in flight to keep every worker busy while results are written; no more.
    const maxInFlight = this.deps.normaliser.threads * this.deps.normaliser.tasksPerThread;
    const inFlight: Array<Promise<ChunkOutput>> = [];
    const dispatch = (chunk: CsvChunk) =>
      inFlight.push(
        this.deps.normaliser.run({
          ...chunk,
          encoding: this.csv.encoding,
          delimiter: this.csv.delimiter,
          newline: this.csv.newline,
          mapping,
          listId: this.listId,
          importId: this.importId,
          defaultRegion,
          defaultTimeZone,
          maxCellChars,
          maxRowChars: maxCellChars * maxColumns,
        }),
      );
    // Results are taken in file order, so duplicates are judged in file order.
    const settle = async () => this.accept(await inFlight.shift()!, sink);
    try {
      dispatch(firstChunk);
      for (;;) {
        if (signal?.aborted) stop();
        const chunk = await this.csv.nextChunk(CHUNK_BYTES);
        if (!chunk) break;
        dispatch(chunk);
        if (inFlight.length >= maxInFlight) await settle();
      }
      while (inFlight.length) await settle();
    } finally {
      // Let chunks still on the workers finish quietly if something failed.
      for (const p of inFlight) p.catch(() => undefined);
    }
  }

  private async accept(out: ChunkOutput, sink: RecordSink): Promise<void> {
    if (out.fatal) throw new AppError('invalid_file', out.fatal.message, out.fatal.details);
    this.rowsRead += out.rowsRead;
    this.rejected += out.rejected;
    for (const e of out.errors) this.pendingErrors.push(e);
    // Duplicates of an earlier row's primary number are dropped from the COPY text.
    let kept: Uint8Array = out.copy.subarray(0, out.copyBytes);
    let duplicates: number[] | undefined;
    for (let i = 0; i < out.accepted; i++) {
      const earlier = this.seen.firstRowOf(out.primaries[i]!, out.rows[i]!);
      if (earlier >= 0) (duplicates ??= []).push(i, earlier);
    }
    if (duplicates) kept = this.dropDuplicates(out, duplicates);
    this.imported += out.accepted - (duplicates ? duplicates.length / 2 : 0);
    if (this.imported > this.deps.limits.maxRecordsPerList) {
      throw new AppError('limit_exceeded', `The file holds more than ${this.deps.limits.maxRecordsPerList} records, the most one list may hold (PACER_MAX_RECORDS_PER_LIST). Split it across lists.`, {
        limit: this.deps.limits.maxRecordsPerList,
      });
    }
    await sink.write(kept);
    if (this.pendingErrors.length >= ERROR_FLUSH) await this.flushErrors();
    if (this.rowsRead - this.lastProgressRows >= PROGRESS_EVERY_ROWS) await this.saveProgress();
  }

  /** Reports each duplicate (pairs of: index of the row in `out`, row it repeats) and returns the COPY text without them. */
  private dropDuplicates(out: ChunkOutput, duplicates: number[]): Uint8Array {
    const cells = out.primaryCells.split('\u0000');
    const phones = this.settings.mapping.phones;
    const parts: Uint8Array[] = [];
    let from = 0;
    for (let k = 0; k < duplicates.length; k += 2) {
      const i = duplicates[k]!;
      const start = i === 0 ? 0 : out.lineEnds[i - 1]!;
      if (start > from) parts.push(out.copy.subarray(from, start));
      from = out.lineEnds[i]!;
      this.duplicates++;
      this.rejected++;
      this.pendingErrors.push({
        row: out.rows[i]!,
        column: phones[out.primaryPhones[i]!]!.column,
        value: cells[i]!,
        reason: `Duplicate of row ${duplicates[k + 1]}: the same primary number (+${out.primaries[i]}); the row was not imported.`,
      });
    }
    if (out.copyBytes > from) parts.push(out.copy.subarray(from, out.copyBytes));
    return Buffer.concat(parts);
  }

  private counts() {
    return { bytesRead: this.csv.bytesRead(), rowsRead: this.rowsRead, imported: this.imported, rejected: this.rejected, duplicates: this.duplicates };
  }

  private async saveProgress(): Promise<void> {
    this.lastProgressRows = this.rowsRead;
    const c = this.counts();
    await this.deps.storage.db
      .updateTable('list_imports')
      .set({ bytes_read: c.bytesRead, rows_read: c.rowsRead, imported: c.imported, rejected: c.rejected, duplicates: c.duplicates })
      .where('id', '=', this.importId)
      .where('status', '=', 'running')
      .execute();
  }

  private async flushErrors(): Promise<void> {
    const errors = this.pendingErrors;
    this.pendingErrors = [];
    this.errorCount += errors.length;
    await insertErrors(this.deps.storage.db, this.importId, errors);
  }

  private async markFailed(failure: AppError): Promise<void> {
    const db = this.deps.storage.db;
    await db.deleteFrom('contact_records').where('import_id', '=', this.importId).execute();
    const c = this.counts();
    await db
      .updateTable('list_imports')
      .set({
        status: 'failed',
        error: JSON.stringify({ code: failure.code, message: failure.message, details: failure.details ?? null }),
        finished_at: this.deps.clock.now(),
        bytes_read: c.bytesRead,
        rows_read: c.rowsRead,
        imported: 0,
        rejected: c.rejected,
        duplicates: c.duplicates,
      })
      .where('id', '=', this.importId)
      .execute();
  }

  private summary(status: 'committed' | 'failed', replaced: number, error: ImportSummary['error']): ImportSummary {
    return {
      importId: this.importId,
      listId: this.listId,
      status,
      encoding: this.csv.encoding,
      rowsRead: this.rowsRead,
      imported: status === 'committed' ? this.imported : 0,
      rejected: this.rejected,
      duplicates: this.duplicates,
      replaced,
      errorCount: this.errorCount,
      error,
    };
  }
}

async function insertErrors(db: Kysely<Database>, importId: number, errors: RowError[]): Promise<void> {
  for (let i = 0; i < errors.length; i += 1000) {
    const chunk = errors.slice(i, i + 1000);
    await db
      .insertInto('list_import_errors')
      .values(chunk.map((e) => ({ import_id: importId, row_number: e.row, column_name: e.column, value: e.value, reason: e.reason })))
      .execute();
  }
}
