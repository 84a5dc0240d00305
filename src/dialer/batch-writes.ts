import { sql, type Kysely } from 'kysely';
import type { AgentState, AgentStateChange } from '../agents/agent-state.js';
import type { CallState } from '../calls/call-state.js';
import type { Database } from '../storage/schema.js';
import type { RecordFate } from './decide-outcome.js';

/**
 * The engine's frequent writes, batchable by the write queue (write-queue.ts): a batch is
 * written as at most four multi-row statements — attempts (upserted, the latest state of each
 * wins), agent transitions (appended in order), records dialed, record fates — whatever its size.
 * Record writes are conditioned on the batch (and a fate on this node's claim), so a node that
 * lost its lease, or a call that outlives a recycle, cannot overwrite a newer state.
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

export interface RecordWrite {
  campaignId: number;
  recordId: number;
  batch: number;
  nodeId: string;
  now: Date;
}

export interface FateWrite extends RecordWrite {
  fate: RecordFate;
  resultCounts?: Record<string, number>;
  deadNumbers?: string[];
  skips?: number;
  ownerId?: number;
  lastResult?: string | null;
}

export type AgentChange = AgentStateChange & { joinedCampaignId?: number | null };

export type BatchItem =
  | { kind: 'attempt'; row: AttemptRow }
  /** `state`: the agent's state after the change, kept in agent_sessions for a restart (when the node restores agents). */
  | { kind: 'agent'; userId: number; nodeId: string; change: AgentChange; state?: AgentState | undefined }
  /** A dial was placed: count it (L6 attempts per record). */
  | { kind: 'dialed'; w: RecordWrite & { attempts: number } }
  /** The record leaves this node's hands with its new state. */
  | { kind: 'fate'; w: FateWrite };

const CHUNK = 500;

export async function writeBatch(db: Db, items: readonly BatchItem[]): Promise<void> {
  const attempts = new Map<string, AttemptRow>();
  const agents: Array<Extract<BatchItem, { kind: 'agent' }>> = [];
  const dialed = new Map<string, RecordWrite & { attempts: number }>();
  const fates = new Map<string, FateWrite>();
  for (const it of items) {
    if (it.kind === 'attempt') {
      attempts.delete(it.row.id); // keep the latest, in the order of its last write
      attempts.set(it.row.id, it.row);
    } else if (it.kind === 'agent') agents.push(it);
    else if (it.kind === 'dialed') dialed.set(recordKey(it.w), it.w);
    else fates.set(recordKey(it.w), it.w);
  }
  for (const rows of chunks([...attempts.values()])) await saveAttempts(db, rows);
  for (const rows of chunks(agents)) await saveAgentChanges(db, rows);
  const sessions = new Map(agents.filter((a) => a.state !== undefined).map((a) => [a.userId, a]));
  for (const rows of chunks([...sessions.values()])) await saveAgentSessions(db, rows);
  for (const rows of chunks([...dialed.values()])) await saveDialed(db, rows);
  for (const rows of chunks([...fates.values()])) await saveRecordFates(db, rows);
}

const recordKey = (w: RecordWrite): string => `${w.campaignId}:${w.recordId}:${w.batch}`;

function chunks<T>(all: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += CHUNK) out.push(all.slice(i, i + CHUNK));
  return out;
}

function attemptValues(a: AttemptRow) {
  const t = a.call?.times;
  const ended = a.call?.status === 'ended' ? a.call : null;
  return {
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
    greeting_ended_at: t?.greetingEnded ?? null,
    system_result: ended ? ended.result : null,
    ended_by: ended ? ended.endedBy : null,
    hold_ms: a.call?.heldMs ?? 0,
    wrap_up_code: a.wrapUp?.code ?? null,
    wrap_up_outcome: a.wrapUp?.outcome ?? null,
    notes: a.wrapUp?.notes ?? null,
    call_guide_answers: a.wrapUp?.answers === undefined || a.wrapUp.answers === null ? null : JSON.stringify(a.wrapUp.answers),
    wrapped_up_at: a.wrapUp?.at ?? null,
  };
}

/** Inserts or rewrites attempts with everything known about them now. */
async function saveAttempts(db: Db, rows: readonly AttemptRow[]): Promise<void> {
  await db
    .insertInto('dial_attempts')
    .values(rows.map(attemptValues))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => {
        const { id: _id, ...columns } = attemptValues(rows[0]!);
        return Object.fromEntries(Object.keys(columns).map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.notes')]));
      }),
    )
    .execute();
}

async function saveAgentChanges(db: Db, rows: ReadonlyArray<Extract<BatchItem, { kind: 'agent' }>>): Promise<void> {
  await db
    .insertInto('agent_state_changes')
    .values(
      rows.map(({ userId, nodeId, change: c }) => ({
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

/** Each agent's latest state (migration 0010): upserted while logged in, deleted at logout. */
async function saveAgentSessions(db: Db, rows: ReadonlyArray<Extract<BatchItem, { kind: 'agent' }>>): Promise<void> {
  const out = rows.filter((r) => r.state!.status === 'logged_out').map((r) => r.userId);
  const kept = rows.filter((r) => r.state!.status !== 'logged_out');
  if (out.length > 0) await db.deleteFrom('agent_sessions').where('user_id', 'in', out).execute();
  if (kept.length === 0) return;
  await db
    .insertInto('agent_sessions')
    .values(kept.map((r) => ({ user_id: r.userId, node_id: r.nodeId, state: JSON.stringify(r.state), updated_at: r.change.at })))
    .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ node_id: eb.ref('excluded.node_id'), state: eb.ref('excluded.state'), updated_at: eb.ref('excluded.updated_at') })))
    .execute();
}

async function saveDialed(db: Db, rows: ReadonlyArray<RecordWrite & { attempts: number }>): Promise<void> {
  const values = sql.join(rows.map((w) => sql`(${w.campaignId}::int, ${w.recordId}::bigint, ${w.batch}::int, ${w.attempts}::int, ${w.now}::timestamptz)`));
  await sql`
    UPDATE campaign_records cr
       SET attempts = v.attempts, last_attempt_at = v.at, updated_at = v.at
      FROM (VALUES ${values}) AS v(campaign_id, record_id, batch, attempts, at)
     WHERE cr.campaign_id = v.campaign_id AND cr.record_id = v.record_id AND cr.batch = v.batch
  `.execute(db);
}

/** Optional columns are written only when the fate carries them (`has_*` flags keep the stored value otherwise). */
async function saveRecordFates(db: Db, rows: readonly FateWrite[]): Promise<void> {
  const values = sql.join(
    rows.map((w) => {
      const f = w.fate;
      const reason = f.status === 'done' || f.status === 'set_aside' ? f.reason : null;
      const next = f.status === 'pending' ? f.nextAttemptAt : null;
      return sql`(${w.campaignId}::int, ${w.recordId}::bigint, ${w.batch}::int, ${w.nodeId}::text, ${w.now}::timestamptz,
        ${f.status}::text, ${reason}::text, ${next}::timestamptz,
        ${w.resultCounts === undefined ? null : JSON.stringify(w.resultCounts)}::jsonb,
        ${w.deadNumbers === undefined ? null : JSON.stringify(w.deadNumbers)}::jsonb,
        ${w.skips ?? null}::int, ${w.ownerId ?? null}::int,
        ${w.lastResult !== undefined}::boolean, ${w.lastResult ?? null}::text)`;
    }),
  );
  await sql`
    UPDATE campaign_records cr
       SET status = v.status, reason = v.reason, next_attempt_at = v.next_attempt_at,
           claimed_by = NULL, claimed_at = NULL, updated_at = v.at,
           result_counts = coalesce(v.result_counts, cr.result_counts),
           dead_numbers = coalesce(v.dead_numbers, cr.dead_numbers),
           skips = coalesce(v.skips, cr.skips),
           owner_id = coalesce(v.owner_id, cr.owner_id),
           last_result = CASE WHEN v.has_last_result THEN v.last_result ELSE cr.last_result END
      FROM (VALUES ${values}) AS v(campaign_id, record_id, batch, node_id, at, status, reason, next_attempt_at,
                                  result_counts, dead_numbers, skips, owner_id, has_last_result, last_result)
     WHERE cr.campaign_id = v.campaign_id AND cr.record_id = v.record_id AND cr.batch = v.batch AND cr.claimed_by = v.node_id
  `.execute(db);
}
