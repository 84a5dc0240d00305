import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';

export interface ImportCounts {
  bytesRead: number;
  rowsRead: number;
  imported: number;
  rejected: number;
  duplicates: number;
}

/**
 * Makes an import's records visible, all at once (L1, L2, O10). In one transaction, under a
 * lock on the list: records already in the list whose primary number an imported row repeats
 * are updated in place from that row (same record ID, so callbacks and attempt history stay
 * with it) and the row's staged copy is dropped; the list's size is checked; the import turns
 * 'committed'. Readers only see records of committed imports, so nothing shows before this.
 */
export async function commitImport(
  db: Kysely<Database>,
  clock: Clock,
  args: { importId: number; listId: number; maxRecords: number; counts: ImportCounts },
): Promise<{ replaced: number }> {
  const { importId, listId, counts } = args;
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('contact_lists').select('id').where('id', '=', listId).forUpdate().execute();

    const committed = await trx.selectFrom('list_imports').select('id').where('list_id', '=', listId).where('status', '=', 'committed').execute();
    // The first import into a list has nothing to replace.
    const replaced = committed.length === 0 ? 0 : await replaceRepeated(trx, importId, listId, committed.map((c) => c.id));

    const size = await trx
      .selectFrom('list_imports')
      .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>(sql`imported - replaced`), sql<number>`0`).as('records')])
      .where('list_id', '=', listId)
      .where('status', '=', 'committed')
      .executeTakeFirstOrThrow();
    const total = Number(size.records) + counts.imported - replaced;
    if (total > args.maxRecords) {
      throw new AppError('limit_exceeded', `The list would hold ${total} records; the limit is ${args.maxRecords} (PACER_MAX_RECORDS_PER_LIST). Import into another list, or raise the limit.`, {
        records: total,
        limit: args.maxRecords,
      });
    }

    const done = await trx
      .updateTable('list_imports')
      .set({
        status: 'committed',
        finished_at: clock.now(),
        bytes_read: counts.bytesRead,
        rows_read: counts.rowsRead,
        imported: counts.imported,
        rejected: counts.rejected,
        duplicates: counts.duplicates,
        replaced,
      })
      .where('id', '=', importId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) {
      throw new AppError('invalid_state', `Import ${importId} is no longer running (it was swept as unfinished); nothing of it was kept. Upload the file again.`, { importId });
    }
    return { replaced };
  });
}

/**
 * Records of the list's committed imports whose primary number an imported row repeats take
 * that row's contents (and keep their ID); the row's staged copy is dropped. Returns how many.
 *
 * The plan is pinned, since it runs right after a bulk load, before the table has statistics
 * (misjudged, the planner once read a million index entries per imported row): the LATERAL
 * subquery, kept apart by OFFSET 0, drives the join from the import's rows, one probe of the
 * primary-number index each, and `+ 0` keeps the list and import indexes out of those probes.
 * So the cost follows the size of the append, not of the list.
 */
async function replaceRepeated(trx: Transaction<Database>, importId: number, listId: number, committed: number[]): Promise<number> {
  const moved = await sql<{ n: number }>`
    WITH pairs AS MATERIALIZED (
      SELECT fresh.*, old.id AS old_id
        FROM contact_records AS fresh
        CROSS JOIN LATERAL (
          SELECT o.id FROM contact_records AS o
           WHERE (o.phones->0->>'number') = (fresh.phones->0->>'number')
             AND o.list_id + 0 = ${listId}
             AND o.import_id + 0 IN (${sql.join(committed)})
          OFFSET 0
        ) AS old
       WHERE fresh.import_id = ${importId}
    ), replaced AS (
      UPDATE contact_records AS old
         SET name = p.name,
             phonetic_name = p.phonetic_name,
             time_zone = p.time_zone,
             time_zone_source = p.time_zone_source,
             postal_code = p.postal_code,
             region = p.region,
             owner_ref = p.owner_ref,
             phones = p.phones,
             custom = p.custom,
             import_id = p.import_id,
             row_number = p.row_number
        FROM pairs AS p
       WHERE old.id = p.old_id
      RETURNING p.id AS fresh_id
    ), dropped AS (
      DELETE FROM contact_records WHERE id IN (SELECT fresh_id FROM replaced) RETURNING 1
    )
    SELECT count(*)::int AS n FROM dropped
  `.execute(trx);
  return Number(moved.rows[0]?.n ?? 0);
}
