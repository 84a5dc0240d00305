import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { AppError } from '../shared/errors.js';
import { callResults } from './call-results.js';
import { type CallEvent, type CallState, type CallStatus, callDurations, newCall, transitionCall } from './call-state.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (s: number): Date => new Date(t0.getTime() + s * 1000);

/** Apply [event, second] pairs. */
function run(steps: Array<[CallEvent, number]>, start: CallState = newCall(t0)): { state: CallState; path: CallStatus[] } {
  let state = start;
  const path: CallStatus[] = [state.status];
  for (const [event, s] of steps) {
    state = transitionCall(state, event, at(s)).state;
    path.push(state.status);
  }
  return { state, path };
}

const refused = (state: CallState, event: CallEvent): string => {
  try {
    transitionCall(state, event, at(99));
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_state');
    return (error as AppError).message;
  }
  throw new Error(`expected ${event.type} to be refused from ${state.status}`);
};

const live = run([[{ type: 'dial' }, 1], [{ type: 'ringing' }, 2], [{ type: 'answered', detect: false }, 8]]).state;
const active = transitionCall(live, { type: 'connect', agentId: 3 }, at(9)).state;

describe('call state machine (SPEC §1 Attempt, issue 4 point 6)', () => {
  it('§1, D6 a connected call passes every step and stamps each time, with when the greeting ended that AMD heard', () => {
    const { state, path } = run([
      [{ type: 'dial' }, 1],
      [{ type: 'ringing' }, 2],
      [{ type: 'answered', detect: true }, 8],
      [{ type: 'amd_result', decision: 'human', afterGreetingMs: 700 }, 9.5],
      [{ type: 'connect', agentId: 3 }, 10],
      [{ type: 'end', result: 'connected', by: 'contact' }, 130],
    ]);
    expect(path).toEqual(['queued', 'dialing', 'ringing', 'amd', 'answered', 'active', 'ended']);
    expect(state).toMatchObject({ status: 'ended', result: 'connected', endedBy: 'contact', amd: 'human', agentId: 3 });
    expect(state.times).toEqual({ queued: t0, dialed: at(1), ringing: at(2), answered: at(8), connected: at(10), ended: at(130), greetingEnded: at(8.8) });
    expect(callDurations(state)).toEqual({ ring: 7000, wait: 2000, talk: 120_000, hold: 0 });
  });

  it('§1 calls that never connect end with their system result: busy, no answer, bad number, failed', () => {
    for (const result of ['busy', 'no_answer', 'bad_number', 'failed'] as const) {
      const { state } = run([[{ type: 'dial' }, 1], [{ type: 'ringing' }, 2], [{ type: 'end', result, by: 'carrier' }, 22]]);
      expect(state).toMatchObject({ status: 'ended', result });
      expect(callDurations(state)).toEqual({ ring: 21_000, wait: null, talk: null, hold: 0 });
    }
    expect(run([[{ type: 'end', result: 'failed', by: 'system' }, 0]]).state.status).toBe('ended');
    expect(refused(newCall(t0), { type: 'end', result: 'busy', by: 'carrier' })).toMatch(/queued cannot end as "busy"; it can end as failed/);
  });

  it('D5 AMD: a machine or fax is hung up from the amd state; a decision is needed before an agent takes the call', () => {
    const amd = run([[{ type: 'dial' }, 1], [{ type: 'answered', detect: true }, 6]]).state;
    expect(refused(amd, { type: 'connect', agentId: 1 })).toMatch(/once it is answered \(and AMD has decided\)/);
    const machine = run([[{ type: 'amd_result', decision: 'machine' }, 9], [{ type: 'end', result: 'machine', by: 'system' }, 9]], amd).state;
    expect(machine).toMatchObject({ status: 'ended', result: 'machine', amd: 'machine' });
    expect(run([[{ type: 'end', result: 'fax', by: 'system' }, 8]], amd).state).toMatchObject({ result: 'fax' });
    expect(refused(live, { type: 'amd_result', decision: 'human' })).toMatch(/between the answer and the agent/);
  });

  it('D5 an agent can close a connected call as answering machine, fax or bad number', () => {
    for (const result of ['machine', 'fax', 'bad_number'] as const) {
      expect(transitionCall(active, { type: 'end', result, by: 'agent' }, at(20)).state).toMatchObject({ result, endedBy: 'agent' });
    }
  });

  it('D6 a live answer no agent takes ends as abandoned, with the wait measured from the answer', () => {
    const { state } = run([[{ type: 'end', result: 'abandoned', by: 'system' }, 10]], live);
    expect(state).toMatchObject({ status: 'ended', result: 'abandoned', endedBy: 'system' });
    expect(callDurations(state).wait).toBe(2000);
    expect(refused(active, { type: 'end', result: 'abandoned', by: 'system' })).toMatch(/active cannot end as "abandoned"/);
  });

  it('D7 hold and resume add up hold time; the agent cannot end a held call, the contact can', () => {
    const held = run([[{ type: 'hold' }, 20], [{ type: 'resume' }, 50], [{ type: 'hold' }, 60]], active).state;
    expect(held.status).toBe('held');
    expect(refused(held, { type: 'end', result: 'connected', by: 'agent' })).toBe('A held call cannot be ended; resume it first (D7).');
    expect(refused(held, { type: 'hold' })).toMatch(/only an active call can be put on hold/);
    const ended = transitionCall(held, { type: 'end', result: 'connected', by: 'contact' }, at(70)).state;
    expect(ended).toMatchObject({ status: 'ended', result: 'connected', heldMs: 40_000, heldSince: null });
    expect(callDurations(ended)).toMatchObject({ talk: 61_000, hold: 40_000 });
  });

  it('§1 an ended call accepts nothing more', () => {
    const ended = transitionCall(active, { type: 'end', result: 'connected', by: 'agent' }, at(30)).state;
    expect(refused(ended, { type: 'end', result: 'connected', by: 'contact' })).toMatch(/already ended \(connected\)/);
    expect(refused(ended, { type: 'hold' })).toMatch(/already ended/);
  });

  it('§1 over 300 seeded random event sequences the machine only moves forward and ends with exactly one result', () => {
    const order: CallStatus[] = ['queued', 'dialing', 'ringing', 'amd', 'answered', 'active', 'held', 'ended'];
    for (let seed = 0; seed < 300; seed++) {
      const r = seededRandom(`call-walk-${seed}`);
      let state = newCall(t0);
      let endings = 0;
      for (let i = 0; i < 40; i++) {
        const events: CallEvent[] = [
          { type: 'dial' },
          { type: 'ringing' },
          { type: 'answered', detect: r.chance(0.5) },
          { type: 'amd_result', decision: r.chance(0.5) ? 'human' : 'machine' },
          { type: 'connect', agentId: 1 },
          { type: 'hold' },
          { type: 'resume' },
          { type: 'end', result: callResults[r.int(callResults.length)]!, by: r.chance(0.5) ? 'agent' : 'contact' },
        ];
        const event = events[r.int(events.length)]!;
        try {
          const next = transitionCall(state, event, at(i)).state;
          const back = order.indexOf(next.status) < order.indexOf(state.status) && !(state.status === 'held' && next.status === 'active');
          expect(back, `${state.status} → ${next.status}`).toBe(false);
          if (next.status === 'ended') endings++;
          if (next.status === 'ended' && next.result === 'connected') expect(next.times.connected).not.toBeNull();
          if (next.status === 'ended' && next.result === 'abandoned') expect(next.times.connected).toBeNull();
          state = next;
        } catch (error) {
          expect((error as AppError).code).toBe('invalid_state');
        }
      }
      expect(endings).toBeLessThanOrEqual(1);
    }
  });
});
