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
import type { BatchOutput, RowError } from './normalise-batch.js';
import type { Normaliser } from './normaliser-pool.js';
import { openCsv, type CsvSource } from './read-csv.js';
import { openRecordSink, type RecordSink } from './record-sink.js';

/**
 * L1, L2, O10: import a CSV file into a list, streamed. The header is checked against the
 * mapping before anything is stored; then rows are normalised on worker threads while the
 * records are bulk-written under a 'running' import, invisible to every reader until the
 * import commits. A failure at any point deletes what was written and marks the import failed.
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

const BATCH_ROWS = 2_000;
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
  let firstRow: IteratorResult<string[]>;
  let mapping: Mapping;
  let resolved;
  try {
    csv = await openCsv(request.file, { encoding: request.encoding, maxRecordChars: limits.maxCellChars * limits.maxColumns });
    const header = headerNames(csv.header);
    const guessed = request.mapping ? undefined : guessMapping(header);
    if (!request.mapping && !guessed?.mapping) {
      throw new AppError('invalid_file', `No phone column was recognised in the header (${header.join(', ')}). Send a mapping that names the phone columns.`, { header });
    }
    mapping = request.mapping ?? guessed!.mapping!;
    resolved = resolveMapping(mapping, header, limits.maxColumns);
    firstRow = await csv.rows.next();
    if (firstRow.done) throw new AppError('invalid_file', 'The file has a header row but no data rows; there is nothing to import.', { header });
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
  return { importId: row.id, done: run.execute(firstRow.value, request.signal) };
}

class ImportRun {
  private rowsRead = 0;
  private imported = 0;
  private rejected = 0;
  private duplicates = 0;
  private errorCount = 0;
  private pendingErrors: RowError[] = [];
  private readonly seen = new Map<number, number>();
  private lastProgressRows = 0;

  constructor(
    private readonly deps: ImportDeps,
    private readonly importId: number,
    private readonly listId: number,
    private readonly csv: CsvSource,
    private readonly settings: { mapping: ReturnType<typeof resolveMapping>; defaultRegion: string; defaultTimeZone: string | null },
  ) {}

  async execute(firstRow: string[], signal: AbortSignal | undefined): Promise<ImportSummary> {
    let sink: RecordSink | undefined;
    const stop = () => this.csv.abort(new AppError('internal', 'The server shut down while the file was read; nothing of it was kept. Upload the file again.'));
    signal?.addEventListener('abort', stop, { once: true });
    try {
      sink = await openRecordSink(this.deps.storage, this.importId);
      await this.readAll(firstRow, sink, signal, stop);
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

  private async readAll(firstRow: string[], sink: RecordSink, signal: AbortSignal | undefined, stop: () => void): Promise<void> {
    const inFlight: Array<Promise<BatchOutput>> = [];
    const maxInFlight = 4;
    let batch: string[][] = [firstRow];
    let batchStart = 2; // the header is row 1
    const dispatch = () => {
      inFlight.push(
        this.deps.normaliser.run({
          rows: batch,
          firstRow: batchStart,
          mapping: this.settings.mapping,
          listId: this.listId,
          importId: this.importId,
          defaultRegion: this.settings.defaultRegion,
          defaultTimeZone: this.settings.defaultTimeZone,
          maxCellChars: this.deps.limits.maxCellChars,
        }),
      );
      batchStart += batch.length;
      batch = [];
    };
    // Results are taken in order, so duplicates are judged in file order.
    const settle = async () => this.accept(await inFlight.shift()!, sink);
    try {
      for (;;) {
        if (signal?.aborted) stop();
        const next = await this.csv.rows.next();
        if (next.done) break;
        batch.push(next.value);
        if (batch.length >= BATCH_ROWS) {
          dispatch();
          if (inFlight.length >= maxInFlight) await settle();
        }
      }
      if (batch.length) dispatch();
      while (inFlight.length) await settle();
    } finally {
      // Let batches still on the workers finish quietly if something failed.
      for (const p of inFlight) p.catch(() => undefined);
    }
  }

  private async accept(out: BatchOutput, sink: RecordSink): Promise<void> {
    this.rowsRead += out.lines.length + out.rejected + out.blank;
    this.rejected += out.rejected;
    for (const e of out.errors) this.pendingErrors.push(e);
    const accepted: string[] = [];
    for (let i = 0; i < out.lines.length; i++) {
      const primary = out.primaries[i]!;
      const earlier = this.seen.get(primary);
      if (earlier !== undefined) {
        this.duplicates++;
        this.rejected++;
        const [column, value] = out.primaryCells[i]!;
        this.pendingErrors.push({ row: out.rows[i]!, column, value, reason: `Duplicate of row ${earlier}: the same primary number (+${primary}); the row was not imported.` });
        continue;
      }
      this.seen.set(primary, out.rows[i]!);
      accepted.push(out.lines[i]!);
    }
    this.imported += accepted.length;
    if (this.imported > this.deps.limits.maxRecordsPerList) {
      throw new AppError('limit_exceeded', `The file holds more than ${this.deps.limits.maxRecordsPerList} records, the most one list may hold (PACER_MAX_RECORDS_PER_LIST). Split it across lists.`, {
        limit: this.deps.limits.maxRecordsPerList,
      });
    }
    await sink.write(accepted);
    if (this.pendingErrors.length >= ERROR_FLUSH) await this.flushErrors();
    if (this.rowsRead - this.lastProgressRows >= PROGRESS_EVERY_ROWS) await this.saveProgress();
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
