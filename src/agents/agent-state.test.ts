import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { AppError } from '../shared/errors.js';
import {
  type AgentEvent,
  type AgentState,
  type AgentStateChange,
  agentStateLabel,
  initialAgentState,
  isAvailableFor,
  transitionAgent,
} from './agent-state.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

/** Apply events one second apart; return the final state and the stored records. */
function run(events: AgentEvent[], start: AgentState = initialAgentState(t0)): { state: AgentState; records: AgentStateChange[] } {
  let state = start;
  const records: AgentStateChange[] = [];
  events.forEach((event, i) => {
    const next = transitionAgent(state, event, at(i + 1));
    state = next.state;
    records.push(next.record);
  });
  return { state, records };
}

const refusal = (state: AgentState, event: AgentEvent): AppError => {
  try {
    transitionAgent(state, event, t0);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_state');
    return error as AppError;
  }
  throw new Error(`expected "${event.type}" to be refused in ${agentStateLabel(state)}`);
};

const ready = run([{ type: 'login', campaignId: 7 }, { type: 'ready' }]).state;
const previewing = run([{ type: 'offer', campaignId: 7, recordId: 100 }, { type: 'accept' }], ready).state;
const active = run([{ type: 'dial', callId: 'c1' }, { type: 'ringing' }, { type: 'connect' }], previewing).state;

describe('agent state machine (SPEC §1, issue 4 point 2)', () => {
  it('D10 an agent logs in to a campaign not ready, joins and leaves campaigns, and logs out', () => {
    const { state, records } = run([
      { type: 'login', campaignId: 7 },
      { type: 'login', campaignId: 8 },
      { type: 'ready' },
      { type: 'logout', campaignId: 7 },
      { type: 'logout' },
    ]);
    expect(records.map((r) => `${r.from}→${r.to}`)).toEqual([
      'logged_out→not_ready',
      'not_ready→not_ready',
      'not_ready→ready',
      'ready→ready',
      'ready→logged_out',
    ]);
    expect(records[0]!.reason).toBe('logged_in');
    expect(state.status).toBe('logged_out');
    expect(refusal(initialAgentState(t0), { type: 'ready' }).message).toMatch(/Log in to a campaign first/);
    expect(refusal(ready, { type: 'login', campaignId: 7 }).message).toMatch(/already joined campaign 7/);
    expect(refusal(ready, { type: 'logout', campaignId: 9 }).message).toMatch(/has not joined campaign 9/);
  });

  it('P1 a record is offered only to a ready agent of that campaign; accept opens it, reject frees the agent', () => {
    const offered = transitionAgent(ready, { type: 'offer', campaignId: 7, recordId: 100 }, at(5));
    expect(agentStateLabel(offered.state)).toBe('reserved.offered');
    expect(offered.record).toMatchObject({ from: 'ready', to: 'reserved.offered', event: 'offer', campaignId: 7, recordId: 100, at: at(5) });
    expect(isAvailableFor(offered.state, 7)).toBe(false);
    expect(agentStateLabel(transitionAgent(offered.state, { type: 'accept' }, at(6)).state)).toBe('reserved.previewing');
    expect(transitionAgent(offered.state, { type: 'reject' }, at(6)).state.status).toBe('ready');
    expect(refusal(ready, { type: 'offer', campaignId: 8, recordId: 1 }).message).toMatch(/not joined campaign 8/);
    expect(refusal(offered.state, { type: 'offer', campaignId: 7, recordId: 101 }).message).toMatch(/only to ready agents/);
    const notReady = transitionAgent(ready, { type: 'not_ready', reason: 'break' }, at(1)).state;
    expect(refusal(notReady, { type: 'offer', campaignId: 7, recordId: 1 }).message).toMatch(/not possible while the agent is not ready/);
  });

  it('P2 going not ready during review stops further offers after the current record', () => {
    const { state, records } = run([{ type: 'not_ready', reason: 'lunch' }], previewing);
    expect(agentStateLabel(state)).toBe('reserved.previewing'); // still on the record
    expect(records[0]).toMatchObject({ from: 'reserved.previewing', to: 'reserved.previewing', event: 'not_ready', reason: 'lunch' });
    const done = transitionAgent(state, { type: 'complete', disposition: 'bad_record' }, at(9));
    expect(done.state).toMatchObject({ status: 'not_ready', reason: 'lunch' });
    expect(isAvailableFor(done.state, 7)).toBe(false);
    // Changing one's mind before the record is done clears the request.
    const changed = run([{ type: 'not_ready', reason: 'lunch' }, { type: 'ready' }, { type: 'complete', disposition: 'sale' }], previewing);
    expect(changed.state.status).toBe('ready');
    expect(refusal(previewing, { type: 'ready' }).message).toMatch(/becomes ready when this record is done/);
  });

  it('P2 the not-ready request survives the whole call and wrap-up', () => {
    const { state } = run(
      [{ type: 'not_ready', reason: 'meeting' }, { type: 'hang_up' }, { type: 'wrap_up_done', code: 'sale' }],
      active,
    );
    expect(state).toMatchObject({ status: 'not_ready', reason: 'meeting' });
  });

  it('P3 complete without calling returns the agent to ready; a disposition is required', () => {
    expect(transitionAgent(previewing, { type: 'complete', disposition: 'bad_record' }, at(1)).state.status).toBe('ready');
    expect(refusal(previewing, { type: 'complete', disposition: ' ' }).message).toMatch(/Pick a disposition/);
    expect(refusal(active, { type: 'complete', disposition: 'x' }).message).toMatch(/Hang up first/);
  });

  it('P4 skip sends the record away from an offered or previewed desktop', () => {
    expect(transitionAgent(previewing, { type: 'skip' }, at(1)).record).toMatchObject({ from: 'reserved.previewing', to: 'ready', event: 'skip' });
    expect(refusal(ready, { type: 'skip' }).message).toMatch(/no record on the desktop/);
  });

  it('P5 dialing from preview: a busy number keeps the record on the desktop to dial another number', () => {
    const offered = run([{ type: 'offer', campaignId: 7, recordId: 100 }], ready).state;
    expect(refusal(offered, { type: 'dial', callId: 'c1' }).message).toMatch(/Accept the record before dialing/);
    const { state, records } = run(
      [
        { type: 'dial', callId: 'c1' },
        { type: 'call_failed', result: 'busy' },
        { type: 'dial', callId: 'c2' },
        { type: 'ringing' },
        { type: 'connect' },
      ],
      previewing,
    );
    expect(records.map((r) => r.to)).toEqual(['on_call.dialing', 'reserved.previewing', 'on_call.dialing', 'on_call.ringing', 'on_call.active']);
    expect(records[1]).toMatchObject({ event: 'call_failed', callId: null });
    expect(records[4]).toMatchObject({ callId: 'c2', recordId: 100 });
    expect(state).toMatchObject({ status: 'on_call', call: 'active' });
  });

  it('D1 progressive: the dialer dials for a ready agent; a failed call frees the agent', () => {
    const { records } = run(
      [
        { type: 'dial', callId: 'c9', campaignId: 7, recordId: 5 },
        { type: 'ringing' },
        { type: 'call_failed', result: 'no_answer' },
        { type: 'dial', callId: 'c10', campaignId: 7, recordId: 6 },
        { type: 'ringing' },
        { type: 'connect' },
        { type: 'hang_up' },
        { type: 'wrap_up_done', code: 'sale' },
      ],
      ready,
    );
    expect(records.map((r) => r.to)).toEqual([
      'on_call.dialing',
      'on_call.ringing',
      'ready',
      'on_call.dialing',
      'on_call.ringing',
      'on_call.active',
      'wrap_up',
      'ready',
    ]);
    expect(refusal(ready, { type: 'dial', callId: 'x' }).message).toMatch(/needs the campaign and record/);
  });

  it('D3 predictive and power: a live answer connects straight to a ready agent', () => {
    const { state, records } = run([{ type: 'connect', callId: 'c5', campaignId: 7, recordId: 42 }], ready);
    expect(state).toMatchObject({ status: 'on_call', call: 'active', work: { origin: 'dialer', callId: 'c5', recordId: 42 } });
    expect(records[0]).toMatchObject({ from: 'ready', to: 'on_call.active', event: 'connect', callId: 'c5' });
    expect(refusal(state, { type: 'connect', callId: 'c6', campaignId: 7, recordId: 43 }).message).toMatch(/connects to a ready agent/);
  });

  it('D5 AMD is a sub-state between ringing and active', () => {
    const { records } = run([{ type: 'dial', callId: 'c1' }, { type: 'ringing' }, { type: 'amd' }, { type: 'connect' }], previewing);
    expect(records.map((r) => r.to)).toEqual(['on_call.dialing', 'on_call.ringing', 'on_call.amd', 'on_call.active']);
    const amd = run([{ type: 'dial', callId: 'c1' }, { type: 'amd' }], previewing).state;
    expect(agentStateLabel(transitionAgent(amd, { type: 'call_failed', result: 'machine' }, at(9)).state)).toBe('reserved.previewing');
  });

  it('D7 hold and resume; a held call cannot be ended by the agent, but the contact may hang up', () => {
    const held = transitionAgent(active, { type: 'hold' }, at(1)).state;
    expect(agentStateLabel(held)).toBe('on_call.held');
    expect(refusal(held, { type: 'hang_up' }).message).toBe('A held call cannot be ended; resume it first (D7).');
    expect(refusal(held, { type: 'hold' }).message).toMatch(/Only an active call can be put on hold/);
    expect(refusal(active, { type: 'resume' }).message).toMatch(/Only a held call can be resumed/);
    const { records } = run([{ type: 'resume' }, { type: 'hang_up' }], held);
    expect(records.map((r) => `${r.from}→${r.to}`)).toEqual(['on_call.held→on_call.active', 'on_call.active→wrap_up']);
    expect(transitionAgent(held, { type: 'remote_hang_up' }, at(2)).state.status).toBe('wrap_up');
  });

  it('D8 wrap-up ends with a code or by timeout; it only follows a connected call', () => {
    const wrap = transitionAgent(active, { type: 'remote_hang_up' }, at(1)).state;
    expect(transitionAgent(wrap, { type: 'wrap_up_timeout' }, at(30)).record).toMatchObject({ from: 'wrap_up', to: 'ready', event: 'wrap_up_timeout' });
    expect(refusal(wrap, { type: 'wrap_up_done', code: '' }).message).toMatch(/Pick a wrap-up code/);
    expect(refusal(ready, { type: 'wrap_up_done', code: 'sale' }).message).toMatch(/Wrap-up follows a connected call/);
  });

  it('D10 an agent busy with a record cannot log out of its campaign, but may leave another one', () => {
    const joined = transitionAgent(active, { type: 'login', campaignId: 8 }, at(1)).state;
    expect(refusal(joined, { type: 'logout' }).message).toMatch(/finish it before logging out/);
    expect(refusal(joined, { type: 'logout', campaignId: 7 }).message).toMatch(/campaign 7; finish it/);
    expect(transitionAgent(joined, { type: 'logout', campaignId: 8 }, at(2)).state).toMatchObject({ status: 'on_call', campaigns: [7] });
  });

  it('§1 every transition is stored with its time, so time in each state can be reported', () => {
    const { records } = run([
      { type: 'login', campaignId: 7 },
      { type: 'ready' },
      { type: 'offer', campaignId: 7, recordId: 1 },
      { type: 'accept' },
      { type: 'dial', callId: 'c1' },
      { type: 'connect' },
      { type: 'hang_up' },
      { type: 'wrap_up_done', code: 'sale' },
      { type: 'not_ready', reason: 'break' },
      { type: 'logout' },
    ]);
    const durations: Record<string, number> = {};
    records.slice(0, -1).forEach((r, i) => {
      durations[r.to] = (durations[r.to] ?? 0) + (records[i + 1]!.at.getTime() - r.at.getTime()) / 1000;
    });
    expect(durations).toEqual({
      not_ready: 2,
      ready: 2,
      'reserved.offered': 1,
      'reserved.previewing': 1,
      'on_call.dialing': 1,
      'on_call.active': 1,
      wrap_up: 1,
    });
    expect(records.every((r, i) => i === 0 || r.from === records[i - 1]!.to)).toBe(true);
  });
});

/** Every edge drawn in docs/STATE-MACHINES.md. A transition outside this list is a bug. */
const drawnEdges = new Set(
  `logged_out→not_ready not_ready→not_ready not_ready→ready ready→not_ready ready→ready not_ready→logged_out ready→logged_out
   ready→reserved.offered reserved.offered→reserved.previewing reserved.offered→ready reserved.offered→not_ready
   reserved.previewing→ready reserved.previewing→not_ready reserved.offered→reserved.offered reserved.previewing→reserved.previewing
   reserved.previewing→on_call.dialing ready→on_call.dialing ready→on_call.active on_call.dialing→on_call.ringing
   on_call.dialing→on_call.amd on_call.ringing→on_call.amd on_call.dialing→on_call.active on_call.ringing→on_call.active
   on_call.amd→on_call.active on_call.active→on_call.held on_call.held→on_call.active on_call.active→wrap_up on_call.held→wrap_up
   on_call.dialing→reserved.previewing on_call.ringing→reserved.previewing on_call.amd→reserved.previewing
   on_call.dialing→ready on_call.ringing→ready on_call.amd→ready on_call.dialing→not_ready on_call.ringing→not_ready on_call.amd→not_ready
   wrap_up→ready wrap_up→not_ready wrap_up→wrap_up on_call.dialing→on_call.dialing on_call.ringing→on_call.ringing
   on_call.amd→on_call.amd on_call.active→on_call.active on_call.held→on_call.held`.split(/\s+/),
);

describe('agent state machine: restore after a restart (issue 5 point 9)', () => {
  it('§1 a logged-out agent is restored to the state she had on a node that is gone, stored as one "restore" transition', () => {
    const previewing = run([{ type: 'login', campaignId: 7 }, { type: 'ready' }, { type: 'offer', campaignId: 7, recordId: 42 }, { type: 'accept' }]).state;
    if (previewing.status !== 'reserved') throw new Error('expected a previewed record');
    const { state, record } = transitionAgent(initialAgentState(t0), { type: 'restore', state: previewing }, at(60));
    expect(agentStateLabel(state)).toBe('reserved.previewing');
    expect(state.since).toEqual(at(60));
    expect(record).toMatchObject({ from: 'logged_out', to: 'reserved.previewing', event: 'restore', campaignId: 7, recordId: 42 });
  });

  it('§1 restore is refused for an agent already working here, without campaigns, or with a record of a campaign not joined', () => {
    const restingIn = (campaigns: number[]) => ({ status: 'not_ready' as const, reason: 'restarted', campaigns, since: t0 });
    expect(refusal(ready, { type: 'restore', state: restingIn([7]) }).message).toContain('already working here');
    expect(refusal(initialAgentState(t0), { type: 'restore', state: restingIn([]) }).message).toContain('at least one campaign');
    const work = { campaignId: 8, recordId: 1, callbackId: null, callId: null, origin: 'preview' as const };
    const wrapUp = { status: 'wrap_up' as const, work, notReadyAfter: null, campaigns: [7], since: t0 };
    expect(refusal(initialAgentState(t0), { type: 'restore', state: wrapUp }).message).toContain('campaign 8');
  });
});

describe('agent state machine: seeded random walks (issue 4 point 12)', () => {
  it('§1 over 200 seeded random walks every accepted transition is a drawn edge, every refusal a clear invalid_state', () => {
    const events = (r: ReturnType<typeof seededRandom>, i: number): AgentEvent => {
      const campaignId = 7 + r.int(2);
      const choices: AgentEvent[] = [
        { type: 'login', campaignId },
        { type: 'logout', ...(r.chance(0.5) ? { campaignId } : {}) },
        { type: 'ready' },
        { type: 'not_ready', reason: r.chance(0.5) ? 'break' : 'lunch' },
        { type: 'offer', campaignId, recordId: i },
        { type: 'accept' },
        { type: 'reject' },
        { type: 'skip' },
        { type: 'withdraw' },
        { type: 'complete', disposition: 'sale' },
        { type: 'dial', callId: `c${i}`, campaignId, recordId: i },
        { type: 'ringing' },
        { type: 'amd' },
        { type: 'connect', callId: `c${i}`, campaignId, recordId: i },
        { type: 'hold' },
        { type: 'resume' },
        { type: 'hang_up' },
        { type: 'remote_hang_up' },
        { type: 'call_failed', result: 'busy' },
        { type: 'wrap_up_done', code: 'sale' },
        { type: 'wrap_up_timeout' },
      ];
      return choices[r.int(choices.length)]!;
    };
    let accepted = 0;
    for (let seed = 0; seed < 200; seed++) {
      const r = seededRandom(`agent-walk-${seed}`);
      let state = initialAgentState(t0);
      for (let i = 0; i < 300; i++) {
        const event = events(r, i);
        try {
          const next = transitionAgent(state, event, at(i));
          expect(drawnEdges.has(`${next.record.from}→${next.record.to}`), `${next.record.from}→${next.record.to} on ${event.type}`).toBe(true);
          if (next.state.status === 'reserved' && state.status === 'ready') expect(event.type).toBe('offer');
          if (state.status === 'on_call' && state.call === 'held' && event.type === 'hang_up') throw new Error('D7 violated');
          state = next.state;
          accepted++;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          expect(error.code).toBe('invalid_state');
          expect(error.message.length).toBeGreaterThan(10);
        }
      }
    }
    expect(accepted).toBeGreaterThan(5000);
  });
});
