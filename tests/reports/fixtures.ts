import { startTestApp, type Session, type TestApp } from '../support/app.js';
import type { Engine } from '../support/storage.js';
import { makeFloor, type Floor } from '../callbacks/fixtures.js';

/**
 * Report test data written as the engine writes it (src/dialer/batch-writes.ts): attempts with
 * every timestamp, agent state changes labelled as agentStateLabel names them, and each record's
 * dial state per campaign. The reports only read these tables.
 */
const at = (hms: string, day = '2026-03-02') => new Date(`${day}T${hms}Z`);
let attemptCounter = 0;

export interface AttemptSpec {
  campaignId: number;
  recordId: number;
  agentId?: number | null;
  origin?: 'preview' | 'dialer';
  number?: string | null;
  day?: string;
  queued: string;
  dialed?: string;
  ringing?: string;
  answered?: string;
  connected?: string;
  ended?: string | null;
  amd?: string;
  result?: string;
  endedBy?: string;
  holdMs?: number;
  code?: string;
  outcome?: string;
  notes?: string;
  wrappedUp?: string;
}

export async function addAttempt(t: TestApp, s: AttemptSpec): Promise<string> {
  attemptCounter += 1;
  const id = `node-1:attempt:${attemptCounter}`;
  const d = (hms: string | undefined | null) => (hms ? at(hms, s.day) : null);
  const noCall = s.number === null;
  await t.storage.db
    .insertInto('dial_attempts')
    .values({
      id,
      campaign_id: s.campaignId,
      batch: 1,
      record_id: s.recordId,
      callback_id: null,
      number_dialed: noCall ? null : (s.number ?? '+81312345678'),
      agent_id: s.agentId ?? null,
      origin: s.origin ?? 'dialer',
      node_id: 'node-1',
      queued_at: at(s.queued, s.day),
      dialed_at: d(s.dialed),
      ringing_at: d(s.ringing),
      answered_at: d(s.answered),
      connected_at: d(s.connected),
      // A completion without a call is stored ended at its queue time (batch-writes.ts attemptValues).
      ended_at: noCall ? at(s.queued, s.day) : s.ended === null ? null : d(s.ended),
      amd_decision: s.amd ?? null,
      system_result: s.result ?? null,
      ended_by: s.endedBy ?? null,
      hold_ms: s.holdMs ?? 0,
      wrap_up_code: s.code ?? null,
      wrap_up_outcome: s.outcome ?? null,
      notes: s.notes ?? null,
      call_guide_answers: null,
      wrapped_up_at: d(s.wrappedUp),
    })
    .execute();
  return id;
}

/** One agent_state_changes row per transition, as AgentDesk.apply writes it. */
export async function addChanges(
  t: TestApp,
  userId: number,
  campaignId: number,
  rows: Array<[time: string, from: string, to: string, event: string, reason?: string]>,
  day = '2026-03-02',
): Promise<void> {
  await t.storage.db
    .insertInto('agent_state_changes')
    .values(
      rows.map(([time, from, to, event, reason]) => ({
        user_id: userId,
        from_state: from,
        to_state: to,
        event,
        reason: reason ?? null,
        campaign_id: campaignId,
        record_id: null,
        call_id: null,
        node_id: 'node-1',
        at: at(time, day),
      })),
    )
    .execute();
}

export async function addCampaignRecord(
  t: TestApp,
  s: { campaignId: number; recordId: number; listId: number; status: 'pending' | 'done' | 'set_aside' | 'callback' | 'in_progress'; attempts?: number; lastResult?: string; lastAttemptAt?: string; reason?: string },
): Promise<void> {
  await t.storage.db
    .insertInto('campaign_records')
    .values({
      campaign_id: s.campaignId,
      record_id: s.recordId,
      list_id: s.listId,
      batch: 1,
      status: s.status,
      reason: s.reason ?? null,
      zone_key: 'Asia/Tokyo|JP',
      sort_key: Buffer.from([0]),
      attempts: s.attempts ?? 0,
      result_counts: '{}',
      dead_numbers: '[]',
      last_result: s.lastResult ?? null,
      last_attempt_at: s.lastAttemptAt ? new Date(s.lastAttemptAt) : null,
      updated_at: t.clock.now(),
    })
    .execute();
}

export interface ReportFloor {
  floor: Floor;
  attempts: Record<'a1' | 'a2' | 'a3' | 'a4' | 'a5' | 'a6' | 'before' | 'b1' | 'open', string>;
}

/**
 * Campaign A ("Spring collections", preview/dialer agents A and B) and B ("Winter renewals",
 * agent C) on 2026-03-02 (UTC), clock at 09:00:
 *  a1 sato: connected to agent A 08:00:11–08:02:11 (talk 120 s, hold 10 s), wrap 30 s, sale
 *  a2 suzuki: answered 08:10:10, abandoned · a3 tanaka: busy · a6 tanaka: machine
 *  a4 tanaka: connected to agent B 08:30:11–08:31:11, wrap 10 s, voicemail
 *  a5 suzuki: agent A completed the preview without a call at 08:40, bad_record
 *  before: the day before, connected · open: a call still ringing at 08:58
 *  b1 (campaign B) tanaka: connected to agent C.
 */
export async function makeReportFloor(t: TestApp): Promise<ReportFloor> {
  const floor = await makeFloor(t);
  const A = floor.campaignId;
  const B = floor.otherCampaignId;
  const { sato, suzuki, tanaka } = floor.records;
  const agentA = floor.agentA.userId;
  const agentB = floor.agentB.userId;
  const agentC = floor.agentC.userId;
  const attempts = {
    a1: await addAttempt(t, { campaignId: A, recordId: sato, agentId: agentA, queued: '08:00:00', dialed: '08:00:01', ringing: '08:00:02', answered: '08:00:10', connected: '08:00:11', ended: '08:02:11', amd: 'human', result: 'connected', endedBy: 'agent', holdMs: 10_000, code: 'sale', outcome: 'final_success', notes: 'Bought the plan', wrappedUp: '08:02:41' }),
    a2: await addAttempt(t, { campaignId: A, recordId: suzuki, number: '+81398765432', queued: '08:10:00', dialed: '08:10:01', ringing: '08:10:02', answered: '08:10:10', ended: '08:10:13', result: 'abandoned', endedBy: 'system' }),
    a3: await addAttempt(t, { campaignId: A, recordId: tanaka, number: '+819011112222', queued: '08:20:00', dialed: '08:20:01', ringing: '08:20:02', ended: '08:20:05', result: 'busy', endedBy: 'carrier' }),
    a4: await addAttempt(t, { campaignId: A, recordId: tanaka, agentId: agentB, number: '+819011112222', queued: '08:30:00', dialed: '08:30:01', ringing: '08:30:02', answered: '08:30:10', connected: '08:30:11', ended: '08:31:11', result: 'connected', endedBy: 'contact', code: 'voicemail', outcome: 'retry_after', wrappedUp: '08:31:21' }),
    a5: await addAttempt(t, { campaignId: A, recordId: suzuki, agentId: agentA, origin: 'preview', number: null, queued: '08:40:00', code: 'bad_record', outcome: 'final_failure', wrappedUp: '08:40:00' }),
    a6: await addAttempt(t, { campaignId: A, recordId: tanaka, number: '+819011112222', queued: '08:50:00', dialed: '08:50:01', ringing: '08:50:02', answered: '08:50:08', ended: '08:50:12', amd: 'machine', result: 'machine', endedBy: 'system' }),
    before: await addAttempt(t, { campaignId: A, recordId: tanaka, agentId: agentB, number: '+819011112222', day: '2026-03-01', queued: '23:59:00', dialed: '23:59:01', answered: '23:59:05', connected: '23:59:06', ended: '23:59:59', result: 'connected', endedBy: 'agent' }),
    open: await addAttempt(t, { campaignId: A, recordId: tanaka, number: '+819011112222', queued: '08:58:00', dialed: '08:58:01', ringing: '08:58:02', ended: null }),
    b1: await addAttempt(t, { campaignId: B, recordId: tanaka, agentId: agentC, number: '+819011112222', queued: '08:15:00', dialed: '08:15:01', answered: '08:15:05', connected: '08:15:06', ended: '08:15:36', result: 'connected', endedBy: 'agent', code: 'sale', outcome: 'final_success', wrappedUp: '08:15:46' }),
  };
  await addCampaignRecord(t, { campaignId: A, recordId: sato, listId: floor.listId, status: 'done', reason: 'sale', attempts: 1, lastResult: 'sale', lastAttemptAt: '2026-03-02T08:00:01Z' });
  await addCampaignRecord(t, { campaignId: A, recordId: suzuki, listId: floor.listId, status: 'done', reason: 'bad_record', attempts: 1, lastResult: 'abandoned', lastAttemptAt: '2026-03-02T08:10:01Z' });
  await addCampaignRecord(t, { campaignId: A, recordId: tanaka, listId: floor.listId, status: 'pending', attempts: 4, lastResult: 'machine', lastAttemptAt: '2026-03-02T08:50:01Z' });
  await addCampaignRecord(t, { campaignId: B, recordId: tanaka, listId: floor.listId, status: 'done', reason: 'sale', attempts: 1, lastResult: 'sale', lastAttemptAt: '2026-03-02T08:15:01Z' });
  await addCampaignRecord(t, { campaignId: B, recordId: sato, listId: floor.listId, status: 'pending' });

  // Agent A: logged in 07:30, a dialer call 08:00–08:02:41, a preview completed, one skipped, on a break from 08:50 (still at 09:00).
  await addChanges(t, agentA, A, [
    ['07:30:00', 'logged_out', 'not_ready', 'login', 'logged_in'],
    ['07:40:00', 'not_ready', 'ready', 'ready'],
    ['08:00:01', 'ready', 'on_call.dialing', 'dial'],
    ['08:00:02', 'on_call.dialing', 'on_call.ringing', 'ringing'],
    ['08:00:11', 'on_call.ringing', 'on_call.active', 'connect'],
    ['08:01:00', 'on_call.active', 'on_call.held', 'hold'],
    ['08:01:10', 'on_call.held', 'on_call.active', 'resume'],
    ['08:02:11', 'on_call.active', 'wrap_up', 'hang_up'],
    ['08:02:41', 'wrap_up', 'ready', 'wrap_up_done'],
    ['08:39:00', 'ready', 'reserved.offered', 'offer'],
    ['08:39:30', 'reserved.offered', 'reserved.previewing', 'accept'],
    ['08:40:00', 'reserved.previewing', 'ready', 'complete'],
    ['08:45:00', 'ready', 'reserved.offered', 'offer'],
    ['08:45:10', 'reserved.offered', 'reserved.previewing', 'accept'],
    ['08:45:20', 'reserved.previewing', 'ready', 'skip'],
    ['08:50:00', 'ready', 'not_ready', 'not_ready', 'break'],
  ]);
  // Agent B: 08:25–08:35, one call connected by the dialer.
  await addChanges(t, agentB, A, [
    ['08:25:00', 'logged_out', 'not_ready', 'login', 'logged_in'],
    ['08:26:00', 'not_ready', 'ready', 'ready'],
    ['08:30:11', 'ready', 'on_call.active', 'connect'],
    ['08:31:11', 'on_call.active', 'wrap_up', 'remote_hang_up'],
    ['08:31:21', 'wrap_up', 'ready', 'wrap_up_done'],
    ['08:35:00', 'ready', 'logged_out', 'logout'],
  ]);
  // Agent C, campaign B only: 08:10–08:20.
  await addChanges(t, agentC, B, [
    ['08:10:00', 'logged_out', 'not_ready', 'login', 'logged_in'],
    ['08:11:00', 'not_ready', 'ready', 'ready'],
    ['08:15:06', 'ready', 'on_call.active', 'connect'],
    ['08:15:36', 'on_call.active', 'wrap_up', 'hang_up'],
    ['08:15:46', 'wrap_up', 'ready', 'wrap_up_done'],
    ['08:20:00', 'ready', 'logged_out', 'logout'],
  ]);
  return { floor, attempts };
}

export interface ReportRig extends ReportFloor {
  t: TestApp;
  admin: Session;
  /** Holds a grant on campaign A only. */
  supervisor: Session;
}

/** A test app on `engine` with the report floor, an admin and a supervisor granted campaign A. */
export async function startReportRig(engine: Engine): Promise<ReportRig> {
  const t = await startTestApp(engine);
  const r = await makeReportFloor(t);
  const admin = await t.signInAs('admin');
  const supervisor = await t.signInAs('supervisor');
  await t.storage.db.insertInto('campaign_grants').values({ campaign_id: r.floor.campaignId, user_id: supervisor.userId, granted_at: t.clock.now() }).execute();
  return { ...r, t, admin, supervisor };
}
