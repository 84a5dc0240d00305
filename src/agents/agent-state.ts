import { AppError } from '../shared/errors.js';
import type { CallResult } from '../calls/call-results.js';

/**
 * The agent state machine (SPEC §1 "Agent state", issue 4 point 2). A pure function: the engine
 * keeps each agent's state, applies events with `transitionAgent`, stores the record it returns
 * (reports are built from those records) and refuses anything illegal with the error it throws.
 * Drawn in docs/STATE-MACHINES.md.
 */

/** What the agent is working on. `origin` says who chose it: the agent previewing an offer, or the dialer. */
export interface AgentWork {
  campaignId: number;
  recordId: number | null;
  callbackId: number | null;
  callId: string | null;
  origin: 'preview' | 'dialer';
}

export type CallSubState = 'dialing' | 'ringing' | 'amd' | 'active' | 'held';

interface LoggedIn {
  /** When the agent entered this state (sub-state included). */
  since: Date;
  /** Campaigns the agent has joined (D10). */
  campaigns: readonly number[];
}

interface Busy extends LoggedIn {
  work: AgentWork;
  /** P2: the agent asked to go not ready (this reason) once the current record is done. */
  notReadyAfter: string | null;
}

export type AgentState =
  | { status: 'logged_out'; since: Date }
  | ({ status: 'not_ready'; reason: string } & LoggedIn)
  | ({ status: 'ready' } & LoggedIn)
  | ({ status: 'reserved'; phase: 'offered' | 'previewing'; lastResult: CallResult | null } & Busy)
  | ({ status: 'on_call'; call: CallSubState } & Busy)
  | ({ status: 'wrap_up' } & Busy);

export type AgentStatus = AgentState['status'];
export const agentStatuses: readonly AgentStatus[] = ['logged_out', 'not_ready', 'ready', 'reserved', 'on_call', 'wrap_up'];

interface WorkRef {
  campaignId: number;
  recordId: number | null;
  callbackId?: number | null;
}

export type AgentEvent =
  | { type: 'login'; campaignId: number }
  | { type: 'logout'; campaignId?: number }
  | { type: 'ready' }
  | { type: 'not_ready'; reason: string }
  | ({ type: 'offer' } & WorkRef)
  /** C5: the agent takes one of her callbacks now, from ready or not ready. */
  | ({ type: 'take' } & WorkRef)
  | { type: 'accept' }
  | { type: 'reject' }
  | { type: 'skip' }
  | { type: 'withdraw' }
  | { type: 'complete'; disposition: string }
  | ({ type: 'dial'; callId: string } & Partial<WorkRef>)
  | { type: 'ringing' }
  | { type: 'amd' }
  | ({ type: 'connect'; callId?: string } & Partial<WorkRef>)
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'hang_up' }
  | { type: 'remote_hang_up' }
  | { type: 'call_failed'; result: Exclude<CallResult, 'connected'> }
  /** T2: her phone did not take the call bridged to it: not ready (`phone_line`) until she fixes it. */
  | { type: 'line_failed' }
  | { type: 'wrap_up_done'; code: string }
  | { type: 'wrap_up_timeout' }
  /** After a restart (issue 5 point 9): the state the agent had on a node that is gone, taken over here. */
  | { type: 'restore'; state: RestorableState };

/** What a restart can give back: anything but a call (the call ended with the node that carried it). */
export type RestorableState = Exclude<AgentState, { status: 'logged_out' } | { status: 'on_call' }>;

export type AgentEventType = AgentEvent['type'];

/** One stored row per transition; reports are computed from these (time in state = next `at` − this `at`). */
export interface AgentStateChange {
  from: string;
  to: string;
  event: AgentEventType;
  at: Date;
  /** The not-ready reason entered, or the pending one (P2) when that is what changed. */
  reason: string | null;
  campaignId: number | null;
  recordId: number | null;
  callId: string | null;
}

export interface AgentTransition {
  state: AgentState;
  record: AgentStateChange;
}

/** The not-ready reason of an agent whose phone did not take a call (T2). */
export const PHONE_LINE_REASON = 'phone_line';

export const initialAgentState = (now: Date): AgentState => ({ status: 'logged_out', since: now });

/** "on_call.held", "reserved.offered", "not_ready": the state as reports and the desktop name it. */
export function agentStateLabel(state: AgentState): string {
  switch (state.status) {
    case 'reserved':
      return `reserved.${state.phase}`;
    case 'on_call':
      return `on_call.${state.call}`;
    default:
      return state.status;
  }
}

/** May the dialer offer a record to (or connect a call to) this agent for this campaign? */
export function isAvailableFor(state: AgentState, campaignId: number): boolean {
  return state.status === 'ready' && state.campaigns.includes(campaignId);
}

const stateNames: Record<string, string> = {
  logged_out: 'logged out',
  not_ready: 'not ready',
  ready: 'ready',
  'reserved.offered': 'being offered a record',
  'reserved.previewing': 'previewing a record',
  'on_call.dialing': 'dialing',
  'on_call.ringing': 'on a ringing call',
  'on_call.amd': 'on a call being checked for an answering machine',
  'on_call.active': 'on an active call',
  'on_call.held': 'on a held call',
  wrap_up: 'in wrap-up',
};

const refuse = (state: AgentState, event: AgentEvent, message: string): AppError =>
  new AppError('invalid_state', message, { state: agentStateLabel(state), event: event.type });

const notAllowed = (state: AgentState, event: AgentEvent, hint = ''): AppError =>
  refuse(state, event, `"${event.type}" is not possible while the agent is ${stateNames[agentStateLabel(state)]}.${hint ? ` ${hint}` : ''}`);

/** Apply one event. Returns the new state and the record to store, or throws AppError('invalid_state'). */
export function transitionAgent(state: AgentState, event: AgentEvent, now: Date): AgentTransition {
  const next = nextState(state, event, now);
  const work = 'work' in next ? next.work : 'work' in state ? state.work : null;
  const reason = next.status === 'not_ready' ? next.reason : 'notReadyAfter' in next ? next.notReadyAfter : null;
  return {
    state: next,
    record: {
      from: agentStateLabel(state),
      to: agentStateLabel(next),
      event: event.type,
      at: now,
      reason,
      campaignId: work?.campaignId ?? null,
      recordId: work?.recordId ?? null,
      callId: work?.callId ?? null,
    },
  };
}

function nextState(state: AgentState, event: AgentEvent, now: Date): AgentState {
  if (state.status === 'logged_out') {
    if (event.type === 'restore') return restored(state, event, now);
    if (event.type !== 'login') throw notAllowed(state, event, 'Log in to a campaign first (D10).');
    return { status: 'not_ready', reason: 'logged_in', campaigns: [event.campaignId], since: now };
  }
  switch (event.type) {
    case 'login':
      if (state.campaigns.includes(event.campaignId)) {
        throw refuse(state, event, `The agent has already joined campaign ${event.campaignId}.`);
      }
      return { ...state, campaigns: [...state.campaigns, event.campaignId] };
    case 'logout':
      return logout(state, event, now);
    case 'ready':
      if (state.status === 'not_ready') return { status: 'ready', campaigns: state.campaigns, since: now };
      if (state.status === 'ready') throw refuse(state, event, 'The agent is already ready.');
      if (state.notReadyAfter !== null) return { ...state, notReadyAfter: null };
      throw refuse(state, event, `The agent is ${stateNames[agentStateLabel(state)]} and becomes ready when this record is done.`);
    case 'not_ready':
      if (!event.reason.trim()) throw refuse(state, event, 'Give a reason for going not ready, e.g. "break".');
      if (state.status === 'ready' || state.status === 'not_ready') {
        return { status: 'not_ready', reason: event.reason, campaigns: state.campaigns, since: now };
      }
      return { ...state, notReadyAfter: event.reason }; // P2: no further offers after the current record
    case 'restore':
      throw refuse(state, event, 'Only a logged-out agent can be restored; this one is already working here.');
    default:
      return work(state, event, now);
  }
}

/** A state taken over from a node that is gone: it must name the campaigns joined, and its record must be of one of them. */
function restored(state: AgentState, event: Extract<AgentEvent, { type: 'restore' }>, now: Date): AgentState {
  const next = event.state;
  if ((next.status as string) === 'logged_out' || (next.status as string) === 'on_call' || next.campaigns.length === 0) {
    throw refuse(state, event, 'A restored agent has joined at least one campaign and holds no call (the call ended with the node that carried it).');
  }
  if ('work' in next && !next.campaigns.includes(next.work.campaignId)) {
    throw refuse(state, event, `A restored record of campaign ${next.work.campaignId} needs that campaign among the ones joined.`);
  }
  return { ...next, since: now };
}

function logout(state: Exclude<AgentState, { status: 'logged_out' }>, event: Extract<AgentEvent, { type: 'logout' }>, now: Date): AgentState {
  const leaving = event.campaignId;
  if (leaving !== undefined && !state.campaigns.includes(leaving)) {
    throw refuse(state, event, `The agent has not joined campaign ${leaving}.`);
  }
  const remaining = leaving === undefined ? [] : state.campaigns.filter((c) => c !== leaving);
  if ('work' in state && (remaining.length === 0 || state.work.campaignId === leaving)) {
    throw refuse(
      state,
      event,
      `The agent is ${stateNames[agentStateLabel(state)]} in campaign ${state.work.campaignId}; finish it before logging out (go not ready to stop new offers).`,
    );
  }
  if (remaining.length === 0) return { status: 'logged_out', since: now };
  return { ...state, campaigns: remaining };
}

/** After a record is done: ready, or not ready when the agent asked for it meanwhile (P2). */
function afterRecord(state: Busy, now: Date): AgentState {
  if (state.notReadyAfter !== null) return { status: 'not_ready', reason: state.notReadyAfter, campaigns: state.campaigns, since: now };
  return { status: 'ready', campaigns: state.campaigns, since: now };
}

function requireJoined(state: LoggedIn & { status: AgentStatus }, event: AgentEvent, ref: Partial<WorkRef>): WorkRef {
  if (ref.campaignId === undefined) {
    throw refuse(state as AgentState, event, `"${event.type}" from the ready state needs the campaign and record it is for.`);
  }
  if (!state.campaigns.includes(ref.campaignId)) {
    throw refuse(state as AgentState, event, `The agent has not joined campaign ${ref.campaignId}; join it before taking its records (D10).`);
  }
  return { campaignId: ref.campaignId, recordId: ref.recordId ?? null, callbackId: ref.callbackId ?? null };
}

function work(state: Exclude<AgentState, { status: 'logged_out' }>, event: AgentEvent, now: Date): AgentState {
  switch (event.type) {
    case 'offer': {
      if (state.status !== 'ready') throw notAllowed(state, event, 'Records are offered only to ready agents (P1).');
      const ref = requireJoined(state, event, event);
      const w: AgentWork = { ...ref, callbackId: ref.callbackId ?? null, callId: null, origin: 'preview' };
      return { status: 'reserved', phase: 'offered', lastResult: null, work: w, notReadyAfter: null, campaigns: state.campaigns, since: now };
    }
    case 'take': {
      if (state.status !== 'ready' && state.status !== 'not_ready') throw notAllowed(state, event, 'Finish the record in hand first (C5).');
      const ref = requireJoined(state, event, event);
      const w: AgentWork = { ...ref, callbackId: ref.callbackId ?? null, callId: null, origin: 'preview' };
      const notReadyAfter = state.status === 'not_ready' ? state.reason : null; // back to not ready once it is done
      return { status: 'reserved', phase: 'previewing', lastResult: null, work: w, notReadyAfter, campaigns: state.campaigns, since: now };
    }
    case 'accept':
      if (state.status !== 'reserved' || state.phase !== 'offered') throw notAllowed(state, event, 'Only an offered record can be accepted.');
      return { ...state, phase: 'previewing', since: now };
    case 'reject':
      if (state.status !== 'reserved' || state.phase !== 'offered') {
        throw notAllowed(state, event, 'Only an offered record can be rejected; skip a record you are previewing.');
      }
      return afterRecord(state, now);
    case 'skip':
    case 'complete':
    case 'withdraw':
      if (state.status !== 'reserved') {
        throw notAllowed(state, event, state.status === 'on_call' ? 'Hang up first.' : 'There is no record on the desktop.');
      }
      if (event.type === 'complete' && !event.disposition.trim()) throw refuse(state, event, 'Pick a disposition to complete the record (P3).');
      return afterRecord(state, now);
    case 'dial': {
      if (state.status === 'ready') {
        const ref = requireJoined(state, event, event);
        const w: AgentWork = { ...ref, callbackId: ref.callbackId ?? null, callId: event.callId, origin: 'dialer' };
        return { status: 'on_call', call: 'dialing', work: w, notReadyAfter: null, campaigns: state.campaigns, since: now };
      }
      if (state.status !== 'reserved' || state.phase !== 'previewing') {
        throw notAllowed(state, event, state.status === 'reserved' ? 'Accept the record before dialing (P1).' : '');
      }
      const { work: w, notReadyAfter, campaigns } = state;
      return { status: 'on_call', call: 'dialing', work: { ...w, callId: event.callId }, notReadyAfter, campaigns, since: now };
    }
    case 'ringing':
      if (state.status !== 'on_call' || state.call !== 'dialing') throw notAllowed(state, event);
      return { ...state, call: 'ringing', since: now };
    case 'amd':
      if (state.status !== 'on_call' || (state.call !== 'dialing' && state.call !== 'ringing')) throw notAllowed(state, event);
      return { ...state, call: 'amd', since: now };
    case 'connect': {
      if (state.status === 'ready') {
        const ref = requireJoined(state, event, event);
        const w: AgentWork = { ...ref, callbackId: ref.callbackId ?? null, callId: event.callId ?? null, origin: 'dialer' };
        return { status: 'on_call', call: 'active', work: w, notReadyAfter: null, campaigns: state.campaigns, since: now };
      }
      if (state.status !== 'on_call' || state.call === 'active' || state.call === 'held') {
        throw notAllowed(state, event, 'A call connects to a ready agent or to the agent who dialed it.');
      }
      return { ...state, call: 'active', since: now };
    }
    case 'hold':
      if (state.status !== 'on_call' || state.call !== 'active') throw notAllowed(state, event, 'Only an active call can be put on hold (D7).');
      return { ...state, call: 'held', since: now };
    case 'resume':
      if (state.status !== 'on_call' || state.call !== 'held') throw notAllowed(state, event, 'Only a held call can be resumed (D7).');
      return { ...state, call: 'active', since: now };
    case 'hang_up':
      if (state.status !== 'on_call') throw notAllowed(state, event, 'There is no call to hang up.');
      if (state.call === 'held') throw refuse(state, event, 'A held call cannot be ended; resume it first (D7).');
      if (state.call === 'active') return wrapUp(state, now);
      return beforeAnswerEnded(state, 'no_answer', now); // the agent cancelled the dial
    case 'remote_hang_up':
      if (state.status !== 'on_call' || (state.call !== 'active' && state.call !== 'held')) {
        throw notAllowed(state, event, 'Before the call is connected, report how it ended with "call_failed".');
      }
      return wrapUp(state, now);
    case 'call_failed':
      if (state.status !== 'on_call' || state.call === 'active' || state.call === 'held') {
        throw notAllowed(state, event, 'A connected call ends with hang_up or remote_hang_up.');
      }
      return beforeAnswerEnded(state, event.result, now);
    case 'line_failed':
      if (state.status !== 'on_call' || (state.call !== 'active' && state.call !== 'held')) throw notAllowed(state, event, "Only a connected call can lose the agent's phone line.");
      return { status: 'not_ready', reason: PHONE_LINE_REASON, campaigns: state.campaigns, since: now };
    case 'wrap_up_done':
    case 'wrap_up_timeout':
      if (state.status !== 'wrap_up') throw notAllowed(state, event, 'Wrap-up follows a connected call (D8).');
      if (event.type === 'wrap_up_done' && !event.code.trim()) throw refuse(state, event, 'Pick a wrap-up code to finish wrap-up (D8).');
      return afterRecord(state, now);
    default:
      throw notAllowed(state, event);
  }
}

function wrapUp(state: Extract<AgentState, { status: 'on_call' }>, now: Date): AgentState {
  return { status: 'wrap_up', work: state.work, notReadyAfter: state.notReadyAfter, campaigns: state.campaigns, since: now };
}

/**
 * A call that ended before an agent talked to anyone. A previewed record stays on the desktop so
 * the agent can dial another number or complete it (P3, P5); a call the dialer placed frees the agent.
 */
function beforeAnswerEnded(state: Extract<AgentState, { status: 'on_call' }>, result: CallResult, now: Date): AgentState {
  if (state.work.origin === 'preview') {
    return { status: 'reserved', phase: 'previewing', lastResult: result, work: { ...state.work, callId: null }, notReadyAfter: state.notReadyAfter, campaigns: state.campaigns, since: now };
  }
  return afterRecord(state, now);
}
