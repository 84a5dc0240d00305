import { AppError } from '../shared/errors.js';
import type { AmdDecision, CallResult } from './call-results.js';

/**
 * The call (attempt) state machine (SPEC §1 "Attempt", issue 4 points 2 and 6):
 *
 *   queued → dialing → ringing → (amd) → answered → active ⇄ held → ended
 *
 * `answered` is a live answer waiting for an agent (D6: abandoned when none takes it in time).
 * Every step stamps its time; `ended` carries the system result. A pure function like the agent
 * machine: illegal transitions throw AppError('invalid_state'). Drawn in docs/STATE-MACHINES.md.
 */
export type CallStatus = 'queued' | 'dialing' | 'ringing' | 'amd' | 'answered' | 'active' | 'held' | 'ended';

/** Who ended the call: the agent, the contact (remote hang-up), the dialer (abandon, AMD, timeout) or the carrier. */
export type CallEnder = 'agent' | 'contact' | 'system' | 'carrier';

export interface CallTimes {
  queued: Date;
  dialed: Date | null;
  ringing: Date | null;
  answered: Date | null;
  connected: Date | null;
  ended: Date | null;
  /**
   * D6: when the person's greeting ended, as the detector heard it (AMD only; without AMD the
   * answer is the reference). The law's 2 seconds to reach an agent run from here; kept with the
   * attempt as the record of it.
   */
  greetingEnded: Date | null;
}

interface CallBase {
  times: CallTimes;
  /** D5: what answering-machine detection decided, when it ran. */
  amd: AmdDecision | null;
  agentId: number | null;
  /** Total time on hold so far, and when the current hold began. */
  heldMs: number;
  heldSince: Date | null;
}

export type CallState =
  | (CallBase & { status: Exclude<CallStatus, 'ended'> })
  | (CallBase & { status: 'ended'; result: CallResult; endedBy: CallEnder });

export type CallEvent =
  | { type: 'dial' }
  | { type: 'ringing' }
  /** The far end picked up; `detect` runs answering-machine detection first (D5). */
  | { type: 'answered'; detect: boolean }
  /** `afterGreetingMs`: how long before the decision the far end's greeting ended, when it spoke. */
  | { type: 'amd_result'; decision: AmdDecision; afterGreetingMs?: number }
  | { type: 'connect'; agentId: number }
  /** T2: the agent's phone did not take the call: the person waits for an agent again (D6). */
  | { type: 'line_failed' }
  | { type: 'hold' }
  | { type: 'resume' }
  | { type: 'end'; result: CallResult; by: CallEnder };

export interface CallStateChange {
  from: CallStatus;
  to: CallStatus;
  event: CallEvent['type'];
  at: Date;
}

/** The results a call may end with from each state. */
const resultsFrom: Record<Exclude<CallStatus, 'ended'>, readonly CallResult[]> = {
  queued: ['failed'],
  dialing: ['busy', 'no_answer', 'bad_number', 'failed'],
  ringing: ['busy', 'no_answer', 'bad_number', 'failed'],
  amd: ['machine', 'fax', 'abandoned', 'failed'],
  answered: ['abandoned', 'machine', 'fax', 'failed'],
  active: ['connected', 'machine', 'fax', 'bad_number', 'failed'],
  held: ['connected', 'failed'],
};

export const newCall = (now: Date): CallState => ({
  status: 'queued',
  times: { queued: now, dialed: null, ringing: null, answered: null, connected: null, ended: null, greetingEnded: null },
  amd: null,
  agentId: null,
  heldMs: 0,
  heldSince: null,
});

const refuse = (state: CallState, event: CallEvent, message: string): AppError =>
  new AppError('invalid_state', message, { state: state.status, event: event.type });

/** Apply one event; returns the new state and the change to store, or throws AppError('invalid_state'). */
export function transitionCall(state: CallState, event: CallEvent, now: Date): { state: CallState; change: CallStateChange } {
  const next = nextCallState(state, event, now);
  return { state: next, change: { from: state.status, to: next.status, event: event.type, at: now } };
}

function nextCallState(state: CallState, event: CallEvent, now: Date): CallState {
  if (state.status === 'ended') {
    throw refuse(state, event, `The call has already ended (${state.result}); "${event.type}" is no longer possible.`);
  }
  const expect = (from: readonly CallStatus[], hint: string): void => {
    if (!from.includes(state.status)) throw refuse(state, event, `"${event.type}" is not possible on a call that is ${state.status}; ${hint}`);
  };
  switch (event.type) {
    case 'dial':
      expect(['queued'], 'a call is dialed once, from the queue.');
      return { ...state, status: 'dialing', times: { ...state.times, dialed: now } };
    case 'ringing':
      expect(['dialing'], 'only a call being dialed starts ringing.');
      return { ...state, status: 'ringing', times: { ...state.times, ringing: now } };
    case 'answered':
      expect(['dialing', 'ringing'], 'only a call being dialed or ringing can be answered.');
      return { ...state, status: event.detect ? 'amd' : 'answered', times: { ...state.times, answered: now } };
    case 'amd_result':
      expect(['amd'], 'answering-machine detection runs between the answer and the agent (D5).');
      return {
        ...state,
        status: 'answered',
        amd: event.decision,
        times: { ...state.times, greetingEnded: event.afterGreetingMs === undefined ? null : new Date(now.getTime() - event.afterGreetingMs) },
      };
    case 'connect':
      expect(['answered'], 'a call is connected to an agent once it is answered (and AMD has decided).');
      return { ...state, status: 'active', agentId: event.agentId, times: { ...state.times, connected: now } };
    case 'line_failed':
      expect(['active'], "only a call connected to an agent can lose the agent's line.");
      return { ...state, status: 'answered', agentId: null, times: { ...state.times, connected: null } };
    case 'hold':
      expect(['active'], 'only an active call can be put on hold (D7).');
      return { ...state, status: 'held', heldSince: now };
    case 'resume':
      expect(['held'], 'only a held call can be resumed (D7).');
      return { ...state, status: 'active', heldSince: null, heldMs: state.heldMs + heldFor(state, now) };
    case 'end': {
      if (state.status === 'held' && event.by === 'agent') throw refuse(state, event, 'A held call cannot be ended; resume it first (D7).');
      const allowed = resultsFrom[state.status];
      if (!allowed.includes(event.result)) {
        throw refuse(state, event, `A call that is ${state.status} cannot end as "${event.result}"; it can end as ${allowed.join(', ')}.`);
      }
      const { status: _open, ...base } = state;
      return {
        ...base,
        status: 'ended',
        result: event.result,
        endedBy: event.by,
        heldSince: null,
        heldMs: state.heldMs + heldFor(state, now),
        times: { ...state.times, ended: now },
      };
    }
  }
}

const heldFor = (state: CallState, now: Date): number => (state.heldSince ? now.getTime() - state.heldSince.getTime() : 0);

const span = (from: Date | null, to: Date | null): number | null => (from && to ? to.getTime() - from.getTime() : null);

/**
 * Durations in milliseconds for reports and pacing statistics: ring (dialed → answered, or →
 * ended when never answered), wait (answered → connected, or → ended for an abandon), talk
 * (connected → ended, hold included) and hold. Null where the call never had that phase.
 */
export function callDurations(state: CallState): { ring: number | null; wait: number | null; talk: number | null; hold: number } {
  const t = state.times;
  return {
    ring: span(t.dialed, t.answered ?? t.ended),
    wait: t.answered ? span(t.answered, t.connected ?? t.ended) : null,
    talk: span(t.connected, t.ended),
    hold: state.heldMs,
  };
}
