import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * The engine's less frequent writes, each run alone by the write queue (write-queue.ts) in its
 * place; the frequent ones are batched (batch-writes.ts). Record writes are conditioned on this
 * node's claim, so a node that lost its lease cannot overwrite a newer state.
 */
type Db = Kysely<Database>;

/** Records claimed into the buffer but not used go back as they were. */
export async function releaseRecords(db: Db, campaignId: number, nodeId: string, recordIds: readonly number[], now: Date): Promise<void> {
  if (recordIds.length === 0) return;
  await db
    .updateTable('campaign_records')
    .set({ status: 'pending', claimed_by: null, claimed_at: null, updated_at: now })
    .where('campaign_id', '=', campaignId)
    .where('record_id', 'in', [...recordIds])
    .where('status', '=', 'in_progress')
    .where('claimed_by', '=', nodeId)
    .execute();
}

/**
 * On taking a campaign over (point 14): records another node held are released — at once when
 * no call of theirs is open, after `graceMs` otherwise (that node may still be finishing it).
 */
export async function releaseOrphans(db: Db, campaignId: number, nodeId: string, now: Date, graceMs: number): Promise<number> {
  const later = new Date(now.getTime() + graceMs);
  const res = await sql<{ n: number }>`
    WITH released AS (
      UPDATE campaign_records cr
         SET status = 'pending', claimed_by = NULL, claimed_at = NULL, updated_at = ${now},
             next_attempt_at = CASE WHEN EXISTS (
               SELECT 1 FROM dial_attempts a WHERE a.campaign_id = cr.campaign_id AND a.record_id = cr.record_id
                  AND a.ended_at IS NULL AND a.number_dialed IS NOT NULL) THEN ${later}::timestamptz ELSE cr.next_attempt_at END
       WHERE cr.campaign_id = ${campaignId} AND cr.status = 'in_progress' AND cr.claimed_by IS DISTINCT FROM ${nodeId}
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM released
  `.execute(db);
  return Number(res.rows[0]?.n ?? 0);
}

export interface NewCallback {
  campaignId: number;
  recordId: number;
  phone: string;
  windowStart: Date;
  windowEnd: Date;
  timeZone: string;
  assigneeId: number | null;
  notes: string;
  createdBy: number;
  now: Date;
  batch: number;
}

export async function createCallback(db: Db, c: NewCallback): Promise<number> {
  const row = await db
    .insertInto('callbacks')
    .values({
      campaign_id: c.campaignId,
      record_id: c.recordId,
      batch: String(c.batch),
      phone: c.phone,
      window_start: c.windowStart,
      window_end: c.windowEnd,
      time_zone: c.timeZone,
      assignee_id: c.assigneeId,
      notes: c.notes,
      status: 'pending',
      created_at: c.now,
      created_by: c.createdBy,
      updated_at: c.now,
      updated_by: c.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A callback delivered, done, or put back (with a later window start, e.g. skipped). */
export async function setCallbackStatus(db: Db, id: number, status: 'pending' | 'delivered' | 'done', now: Date, windowStart?: Date): Promise<void> {
  await db
    .updateTable('callbacks')
    .set((eb) => ({
      status,
      updated_at: now,
      ...(windowStart && { window_start: windowStart, window_end: sql<Date>`greatest(${eb.ref('window_end')}, ${windowStart}::timestamptz)` }),
    }))
    .where('id', '=', id)
    .execute();
}
