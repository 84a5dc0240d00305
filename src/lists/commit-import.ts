import { sql, type Kysely } from 'kysely';
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

    const moved = await sql<{ n: number }>`
      WITH replaced AS (
        UPDATE contact_records AS old
           SET name = fresh.name,
               phonetic_name = fresh.phonetic_name,
               time_zone = fresh.time_zone,
               time_zone_source = fresh.time_zone_source,
               postal_code = fresh.postal_code,
               region = fresh.region,
               owner_ref = fresh.owner_ref,
               phones = fresh.phones,
               custom = fresh.custom,
               import_id = fresh.import_id,
               row_number = fresh.row_number
          FROM contact_records AS fresh
         WHERE fresh.import_id = ${importId}
           AND old.list_id = ${listId}
           AND (old.phones->0->>'number') = (fresh.phones->0->>'number')
           AND old.import_id IN (SELECT id FROM list_imports WHERE list_id = ${listId} AND status = 'committed')
        RETURNING fresh.id AS fresh_id
      ), dropped AS (
        DELETE FROM contact_records WHERE id IN (SELECT fresh_id FROM replaced) RETURNING 1
      )
      SELECT count(*)::int AS n FROM dropped
    `.execute(trx);
    const replaced = Number(moved.rows[0]?.n ?? 0);

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
