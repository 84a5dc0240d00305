import { sql, type Kysely } from 'kysely';
import type { AgentState, RestorableState } from '../agents/agent-state.js';
import type { Database } from '../storage/schema.js';
import type { CampaignEngine } from './campaign-engine.js';
import { type DueCallback, loadCampaignRecord } from './claim-records.js';
import type { WorkEntry } from './record-buffer.js';
import { loadHistory } from './refill-lanes.js';

/**
 * The record an agent held on a node that is gone, given back to her here (issue 5 point 9,
 * issue 4 point 14). The record is claimed from the dead node before this engine releases its
 * orphans, so nobody else is offered it meanwhile. What she gets back:
 *
 * - an offered or previewed record: the same, the review countdown (P5) starting again;
 * - a call that had connected (or its wrap-up): wrap-up of that call, its timeout starting again
 *   — the call itself ended with the node that carried it and is stored as ended then;
 * - a call of hers not yet answered: a previewed record stays on her desktop with the result
 *   "failed" (she dials again or completes it); a dialer call frees her and the record waits
 *   for its next try.
 *
 * A record that was settled meanwhile (another node finished it) is not given back; she comes
 * back not ready, like an agent with nothing in hand (a ready agent is never restored as ready:
 * whether she is still at her desk after a restart is for her to say).
 */
export type BusyState = Extract<AgentState, { work: unknown }>;

export interface RestoredAgent {
  userId: number;
  state: Exclude<AgentState, { status: 'logged_out' }>;
  /** The node that held her. */
  fromNode: string;
}

/** The call that was in progress or last made: the wrap-up code goes on its attempt. */
export interface RestoredAttempt {
  id: string;
  number: string | null;
  connected: boolean;
}

/** After a restart, at rest: not ready, with her reason (or "restarted"; and a reason she asked for after the record, P2). */
export function restingState(state: RestoredAgent['state'], campaigns: readonly number[]): RestorableState {
  const reason = state.status === 'not_ready' ? state.reason : 'notReadyAfter' in state && state.notReadyAfter ? state.notReadyAfter : 'restarted';
  return { status: 'not_ready', reason, campaigns, since: new Date(0) };
}

export async function restoreWork(e: CampaignEngine, agents: readonly RestoredAgent[]): Promise<void> {
  const { db, desk } = e.ctx;
  for (const { userId, state, fromNode } of agents) {
    if (!('work' in state)) continue;
    if (desk.state(userId).status !== 'logged_out') {
      // She signed in here again before the takeover: the record she held goes back to the campaign.
      if (state.work.recordId !== null) await releaseHeld(db, e.id, state.work.recordId, fromNode, e.now);
      continue;
    }
    const campaigns = state.campaigns.filter((id) => id === e.id || e.ctx.isEngineOn(id));
    const w = state.work;
    const entry = w.recordId === null || e.active.has(w.recordId) ? null : await claimHeldRecord(e, w.recordId, w.callbackId);
    const attempt = w.callId ? await closeDeadCall(db, w.callId, e.now) : null;
    if (!entry) {
      desk.apply(userId, { type: 'restore', state: restingState(state, campaigns) });
      continue;
    }
    const talked = state.status === 'wrap_up' || (state.status === 'on_call' && (state.call === 'active' || state.call === 'held')) || attempt?.connected === true;
    const held = { work: { ...w, callId: null }, notReadyAfter: state.notReadyAfter, campaigns, since: e.now };
    let next: RestorableState;
    if (talked) next = { status: 'wrap_up', ...held };
    else if (state.status === 'reserved') next = { ...state, ...held };
    else if (w.origin === 'preview') next = { status: 'reserved', phase: 'previewing', lastResult: 'failed', ...held };
    else {
      // A dialer call that never reached her: the record waits for its next try, she is at rest.
      e.active.add(entry.recordId);
      e.settle(entry, { status: 'pending', nextAttemptAt: e.now }, { lastResult: 'failed', ...(entry.callback ? { callback: { status: 'pending' } } : {}) });
      desk.apply(userId, { type: 'restore', state: restingState(state, campaigns) });
      continue;
    }
    e.active.add(entry.recordId);
    if (entry.callback) e.callbacksInHand.add(entry.callback.callbackId);
    desk.apply(userId, { type: 'restore', state: next });
    e.work.restore(userId, entry, next, attempt);
    // The view published by the transition was made before the record was attached: without this
    // one a desktop that read it last shows "Previewing" with no record until something changes.
    desk.republish(userId);
  }
}

/** A record the node that is gone held for an agent who is not given it back: free for anyone again. */
export async function releaseHeld(db: Kysely<Database>, campaignId: number, recordId: number, fromNode: string, now: Date): Promise<void> {
  await db
    .updateTable('campaign_records')
    .set({ status: 'pending', claimed_by: null, claimed_at: null, updated_at: now })
    .where('campaign_id', '=', campaignId)
    .where('record_id', '=', recordId)
    .where('status', '=', 'in_progress')
    .where('claimed_by', '=', fromNode)
    .execute();
}

/** Takes the record over from the node that held it, with what the dial-time check needs. */
async function claimHeldRecord(e: CampaignEngine, recordId: number, callbackId: number | null): Promise<WorkEntry | null> {
  const { db, nodeId } = e.ctx;
  const { rows } = await sql<{ record_id: number }>`
    UPDATE campaign_records SET claimed_by = ${nodeId}, claimed_at = ${e.now}
     WHERE campaign_id = ${e.id} AND record_id = ${recordId} AND status = 'in_progress' AND claimed_by IS DISTINCT FROM ${nodeId}
    RETURNING record_id
  `.execute(db);
  if (rows.length === 0) return null;
  const record = await loadCampaignRecord(db, e.id, recordId);
  if (!record) return null;
  const { status: _status, reason: _reason, ...claimed } = record;
  const callback = callbackId === null ? null : await loadCallback(db, callbackId);
  const entry: WorkEntry = { ...claimed, pendingCallbackId: callback?.callbackId ?? claimed.pendingCallbackId, campaignId: e.id, callback };
  await loadHistory(e, [entry]);
  return entry;
}

export async function loadCallback(db: Kysely<Database>, callbackId: number): Promise<DueCallback | null> {
  const r = await db
    .selectFrom('callbacks')
    .select(['id', 'record_id', 'phone', 'assignee_id', 'window_start', 'window_end', 'time_zone', 'notes'])
    .where('id', '=', callbackId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return r ? { callbackId: Number(r.id), recordId: Number(r.record_id), phone: r.phone, assigneeId: r.assignee_id, windowStart: r.window_start, windowEnd: r.window_end, timeZone: r.time_zone, notes: r.notes } : null;
}

/** The call ended with its node: stored as ended now (connected if it had been), unless it had ended already. */
async function closeDeadCall(db: Kysely<Database>, callId: string, now: Date): Promise<RestoredAttempt | null> {
  await sql`
    UPDATE dial_attempts
       SET ended_at = ${now}, ended_by = 'system',
           system_result = CASE WHEN connected_at IS NOT NULL THEN 'connected' ELSE 'failed' END
     WHERE id = ${callId} AND ended_at IS NULL
  `.execute(db);
  const row = await db.selectFrom('dial_attempts').select(['id', 'number_dialed', 'connected_at']).where('id', '=', callId).executeTakeFirst();
  return row ? { id: row.id, number: row.number_dialed, connected: row.connected_at !== null } : null;
}
