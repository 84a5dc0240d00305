import type { Kysely, Selectable } from 'kysely';
import { csvCell } from '../shared/csv.js';
import { notFound } from '../shared/errors.js';
import type { Page, PageQuery } from '../shared/pagination.js';
import type { Database, ListImportsTable } from '../storage/schema.js';
import { getListRow } from './manage-lists.js';
import type { RowError } from './normalise-row.js';

/** An import's progress and outcome (L1): bytes and rows read, imported, rejected, duplicates, replaced. */
export interface ImportView {
  id: number;
  listId: number;
  status: 'running' | 'committed' | 'failed';
  fileName: string | null;
  encoding: string | null;
  bytesTotal: number | null;
  bytesRead: number;
  rowsRead: number;
  imported: number;
  rejected: number;
  duplicates: number;
  replaced: number;
  errorCount: number;
  error: { code: string; message: string; details: unknown } | null;
  /** Display name of who uploaded the file. */
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

type ImportRow = Selectable<ListImportsTable> & { error_count: number; started_by: string | null };

const toView = (r: ImportRow): ImportView => ({
  id: r.id,
  listId: r.list_id,
  status: r.status,
  fileName: r.file_name,
  encoding: r.encoding,
  bytesTotal: r.bytes_total,
  bytesRead: r.bytes_read,
  rowsRead: r.rows_read,
  imported: r.imported,
  rejected: r.rejected,
  duplicates: r.duplicates,
  replaced: r.replaced,
  errorCount: Number(r.error_count),
  error: (r.error as ImportView['error']) ?? null,
  startedBy: r.started_by,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
});

function importQuery(db: Kysely<Database>, listId: number) {
  return db
    .selectFrom('list_imports as i')
    .selectAll('i')
    .select((eb) => eb.selectFrom('list_import_errors as e').select((s) => s.fn.countAll<number>().as('n')).whereRef('e.import_id', '=', 'i.id').as('error_count'))
    .select((eb) => eb.selectFrom('users as u').select('u.display_name').whereRef('u.id', '=', 'i.created_by').as('started_by'))
    .where('i.list_id', '=', listId);
}

export async function getImport(db: Kysely<Database>, listId: number, importId: number): Promise<ImportView> {
  await getListRow(db, listId);
  const row = await importQuery(db, listId).where('i.id', '=', importId).executeTakeFirst();
  if (!row) throw notFound('Import', importId);
  return toView(row as ImportRow);
}

export async function listImports(db: Kysely<Database>, listId: number, page: PageQuery): Promise<Page<ImportView>> {
  await getListRow(db, listId);
  const [rows, total] = await Promise.all([
    importQuery(db, listId).orderBy('i.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('list_imports').select((eb) => eb.fn.countAll<number>().as('n')).where('list_id', '=', listId).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toView(r as ImportRow)), total: Number(total.n), limit: page.limit, offset: page.offset };
}

/** The per-row errors of an import, in file order: row, column, value, reason. */
export async function listImportErrors(db: Kysely<Database>, listId: number, importId: number, page: PageQuery): Promise<Page<RowError>> {
  await getImport(db, listId, importId);
  const [rows, total] = await Promise.all([
    errorRows(db, importId, page.limit, page.offset),
    db.selectFrom('list_import_errors').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', importId).executeTakeFirstOrThrow(),
  ]);
  return { items: rows, total: Number(total.n), limit: page.limit, offset: page.offset };
}

export async function errorRows(db: Kysely<Database>, importId: number, limit: number, offset: number): Promise<RowError[]> {
  const rows = await db
    .selectFrom('list_import_errors')
    .select(['row_number', 'column_name', 'value', 'reason'])
    .where('import_id', '=', importId)
    .orderBy('row_number')
    .orderBy('column_name')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ row: r.row_number, column: r.column_name, value: r.value, reason: r.reason }));
}

/** All errors as CSV (row, column, value, reason), UTF-8 with a BOM so Excel reads it right; produced page by page. */
export async function* importErrorsCsv(db: Kysely<Database>, listId: number, importId: number): AsyncGenerator<string> {
  await getImport(db, listId, importId);
  yield '\uFEFFrow,column,value,reason\r\n';
  const pageSize = 5000;
  for (let offset = 0; ; offset += pageSize) {
    const rows = await errorRows(db, importId, pageSize, offset);
    if (rows.length) yield rows.map((r) => [r.row, r.column ?? '', r.value ?? '', r.reason].map(csvCell).join(',')).join('\r\n') + '\r\n';
    if (rows.length < pageSize) return;
  }
}
