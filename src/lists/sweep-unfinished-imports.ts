import type { Clock } from '../shared/clock.js';
import type { Storage } from '../storage/database.js';
import { IMPORT_LOCK_CLASS } from './record-sink.js';

/**
 * On start (L1): an import still 'running' belongs to a process that died (a crash, kill -9).
 * Its records were never visible; delete them and mark the import failed. On PostgreSQL, where
 * several nodes may share the database, only imports whose advisory lock can be taken are
 * swept — a live node holds the lock of each import it runs.
 */
export async function sweepUnfinishedImports(storage: Storage, clock: Clock): Promise<number[]> {
  const running = await storage.db.selectFrom('list_imports').select('id').where('status', '=', 'running').orderBy('id').execute();
  if (running.length === 0) return [];
  const swept: number[] = [];
  const client = storage.raw.kind === 'postgres' ? await storage.raw.pool.connect() : undefined;
  try {
    for (const { id } of running) {
      if (client) {
        const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [IMPORT_LOCK_CLASS, id]);
        if (!got.rows[0]?.ok) continue;
      }
      try {
        await storage.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('contact_records').where('import_id', '=', id).execute();
          await trx
            .updateTable('list_imports')
            .set({
              status: 'failed',
              imported: 0,
              finished_at: clock.now(),
              error: JSON.stringify({
                code: 'interrupted',
                message: 'The server stopped while this import was running; none of its records were kept. Upload the file again.',
                details: null,
              }),
            })
            .where('id', '=', id)
            .where('status', '=', 'running')
            .execute();
        });
        swept.push(id);
      } finally {
        if (client) await client.query('SELECT pg_advisory_unlock($1, $2)', [IMPORT_LOCK_CLASS, id]);
      }
    }
  } finally {
    client?.release();
  }
  return swept;
}
