import { sql, type Kysely } from 'kysely';
import type { AgentStateChange } from '../agents/agent-state.js';
import type { CallState } from '../calls/call-state.js';
import type { Database } from '../storage/schema.js';
import type { RecordFate } from './decide-outcome.js';

/**
 * The engine's writes, run through the write queue (write-queue.ts). Record writes are
 * conditioned on this node's claim and the batch, so a node that lost its lease, or a call
 * that outlives a recycle, cannot overwrite a newer state.
 */
type Db = Kysely<Database>;

export interface AttemptRow {
  id: string;
  campaignId: number;
  batch: number;
  recordId: number;
  callbackId: number | null;
  number: string | null;
  agentId: number | null;
  origin: 'preview' | 'dialer';
  nodeId: string;
  call: CallState | null;
  queuedAt: Date;
  wrapUp?: { code: string | null; outcome: string | null; notes: string | null; answers: unknown; at: Date } | undefined;
}

/** Inserts or rewrites an attempt with everything known about it now. */
export async function saveAttempt(db: Db, a: AttemptRow): Promise<void> {
  const t = a.call?.times;
  const ended = a.call?.status === 'ended' ? a.call : null;
  const values = {
    id: a.id,
    campaign_id: a.campaignId,
    batch: a.batch,
    record_id: a.recordId,
    callback_id: a.callbackId,
    number_dialed: a.number,
    agent_id: a.agentId ?? a.call?.agentId ?? null,
    origin: a.origin,
    node_id: a.nodeId,
    queued_at: a.queuedAt,
    dialed_at: t?.dialed ?? null,
    ringing_at: t?.ringing ?? null,
    answered_at: t?.answered ?? null,
    connected_at: t?.connected ?? null,
    ended_at: t?.ended ?? (a.call === null ? a.queuedAt : null),
    amd_decision: a.call?.amd ?? null,
    system_result: ended ? ended.result : null,
    ended_by: ended ? ended.endedBy : null,
    hold_ms: a.call?.heldMs ?? 0,
    wrap_up_code: a.wrapUp?.code ?? null,
    wrap_up_outcome: a.wrapUp?.outcome ?? null,
    notes: a.wrapUp?.notes ?? null,
    call_guide_answers: a.wrapUp?.answers === undefined || a.wrapUp.answers === null ? null : JSON.stringify(a.wrapUp.answers),
    wrapped_up_at: a.wrapUp?.at ?? null,
  };
  const { id: _id, ...rest } = values;
  await db.insertInto('dial_attempts').values(values).onConflict((oc) => oc.column('id').doUpdateSet(rest)).execute();
}

export async function saveAgentChanges(db: Db, userId: number, nodeId: string, changes: ReadonlyArray<AgentStateChange & { joinedCampaignId?: number | null }>): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insertInto('agent_state_changes')
    .values(
      changes.map((c) => ({
        user_id: userId,
        from_state: c.from,
        to_state: c.to,
        event: c.event,
        reason: c.reason,
        campaign_id: c.campaignId ?? c.joinedCampaignId ?? null,
        record_id: c.recordId,
        call_id: c.callId,
        node_id: nodeId,
        at: c.at,
      })),
    )
    .execute();
}

export interface RecordWrite {
  campaignId: number;
  recordId: number;
  batch: number;
  nodeId: string;
  now: Date;
}

/** A dial was placed: count it (L6 attempts per record). */
export async function saveDialed(db: Db, w: RecordWrite & { attempts: number }): Promise<void> {
  await db
    .updateTable('campaign_records')
    .set({ attempts: w.attempts, last_attempt_at: w.now, updated_at: w.now })
    .where('campaign_id', '=', w.campaignId)
    .where('record_id', '=', w.recordId)
    .where('batch', '=', w.batch)
    .execute();
}

/** The record leaves this node's hands with its new state. */
export async function saveRecordFate(
  db: Db,
  w: RecordWrite & {
    fate: RecordFate;
    resultCounts?: Record<string, number>;
    deadNumbers?: string[];
    skips?: number;
    ownerId?: number;
    lastResult?: string | null;
  },
): Promise<void> {
  const f = w.fate;
  await db
    .updateTable('campaign_records')
    .set({
      status: f.status,
      reason: f.status === 'done' || f.status === 'set_aside' ? f.reason : null,
      next_attempt_at: f.status === 'pending' ? f.nextAttemptAt : null,
      claimed_by: null,
      claimed_at: null,
      updated_at: w.now,
      ...(w.resultCounts && { result_counts: JSON.stringify(w.resultCounts) }),
      ...(w.deadNumbers && { dead_numbers: JSON.stringify(w.deadNumbers) }),
      ...(w.skips !== undefined && { skips: w.skips }),
      ...(w.ownerId !== undefined && { owner_id: w.ownerId }),
      ...(w.lastResult !== undefined && { last_result: w.lastResult }),
    })
    .where('campaign_id', '=', w.campaignId)
    .where('record_id', '=', w.recordId)
    .where('batch', '=', w.batch)
    .where('claimed_by', '=', w.nodeId)
    .execute();
}

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
