import type { AgentDesk } from '../agents/agent-desk.js';
import { type AgentState, agentStateLabel } from '../agents/agent-state.js';
import type { CampaignEngine } from '../dialer/campaign-engine.js';
import { type PacingInputs, visibleTargetPercent, WARM_UP_CALLS } from '../pacing/pacing-policy.js';
import type { PacingDecision } from '../dialer/predictive-pacer.js';

/**
 * R1, X2: what a campaign engine on this node knows right now, read from memory (no query):
 * its calls by state, the agents who joined it with their state and time in state, the dial
 * ratio and, in predictive mode, the last pacing decision and why it placed what it placed.
 */
export interface AgentOnFloor {
  userId: number;
  name: string;
  /** "ready", "not_ready", "reserved.offered", "on_call.active", "wrap_up"… */
  state: string;
  reason: string | null;
  since: string;
  secondsInState: number;
}

export interface CallsByState {
  /** Placed, the number not ringing yet (queued included). */
  dialing: number;
  ringing: number;
  amd: number;
  /** A person answered and waits for an agent (D6: abandoned after 2 s). */
  waiting: number;
  active: number;
  held: number;
  total: number;
}

export interface DialRatio {
  /** Calls placed that no agent has taken yet: dialing, ringing, in AMD or waiting. */
  callsInFlight: number;
  agentsReady: number;
  agentsJoined: number;
  /** callsInFlight ÷ agentsReady; null when nobody is ready. */
  callsPerReadyAgent: number | null;
  /** Every call of the campaign ÷ agents joined; null when nobody joined. */
  callsPerAgent: number | null;
}

/** X2: the inputs of the last decision as the policy saw them (pacing-policy.ts), what it decided, and why. */
export interface PacingView
  extends Pick<PacingInputs, 'agentsReady' | 'agentsFreeingSoon' | 'callsInFlight' | 'callsWaiting' | 'answerRate' | 'sampleSize' | 'abandonRatePercent' | 'abandonTargetPercent' | 'window'> {
  at: string;
  policy: string;
  callsToPlace: number;
  placed: number;
  /** Ready agents + agents expected to free up before a call placed now is answered − answers already waiting. */
  predictedFreeAgents: number;
  /** Target − the window's rate, in percentage points (the whole target when nobody answered yet). */
  abandonBudgetLeftPercent: number;
  why: string;
}

export interface CampaignFloor {
  calls: CallsByState;
  dialRatio: DialRatio;
  agentsByState: Record<string, number>;
  agents: AgentOnFloor[];
  pacing: PacingView | null;
}

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function agentOnFloor(userId: number, name: string, state: AgentState, now: Date): AgentOnFloor {
  return {
    userId,
    name,
    state: agentStateLabel(state),
    reason: state.status === 'not_ready' ? state.reason : null,
    since: state.since.toISOString(),
    secondsInState: Math.max(0, Math.floor((now.getTime() - state.since.getTime()) / 1000)),
  };
}

export function readFloor(engine: CampaignEngine, desk: AgentDesk, names: ReadonlyMap<number, string>, now: Date): CampaignFloor {
  const byStatus = engine.calls.countByStatus();
  const n = (s: keyof typeof byStatus): number => byStatus[s] ?? 0;
  const calls: CallsByState = {
    dialing: n('queued') + n('dialing'),
    ringing: n('ringing'),
    amd: n('amd'),
    waiting: n('answered'),
    active: n('active'),
    held: n('held'),
    total: 0,
  };
  calls.total = calls.dialing + calls.ringing + calls.amd + calls.waiting + calls.active + calls.held;
  const agents = desk
    .joined(engine.id)
    .sort((a, b) => a - b)
    .map((id) => agentOnFloor(id, names.get(id) ?? `user ${id}`, desk.state(id), now));
  const agentsByState: Record<string, number> = {};
  for (const a of agents) agentsByState[a.state] = (agentsByState[a.state] ?? 0) + 1;
  const agentsReady = agentsByState.ready ?? 0;
  const callsInFlight = calls.dialing + calls.ringing + calls.amd + calls.waiting;
  const dialRatio: DialRatio = {
    callsInFlight,
    agentsReady,
    agentsJoined: agents.length,
    callsPerReadyAgent: agentsReady === 0 ? null : round(callsInFlight / agentsReady),
    callsPerAgent: agents.length === 0 ? null : round(calls.total / agents.length),
  };
  const last = engine.definition?.mode === 'predictive' ? engine.pacer.decisions.at(-1) : undefined;
  return { calls, dialRatio, agentsByState, agents, pacing: last ? explainDecision(last) : null };
}

/** X2: the decision's inputs as a supervisor reads them, and one sentence on why. */
export function explainDecision(d: PacingDecision): PacingView {
  const i = d.inputs;
  const predictedFreeAgents = i.agentsReady + i.agentsFreeingSoon - i.callsWaiting;
  const rate = i.abandonRatePercent;
  const budgetLeft = round(i.abandonTargetPercent - (rate ?? 0));
  const rateText = rate === null ? 'nobody has answered in the window yet' : `the ${i.window.toUpperCase()} window's abandon rate is ${round(rate, 2)}%`;
  const placed = d.placed === d.callsToPlace ? `placed ${d.placed}` : `asked for ${d.callsToPlace}, placed ${d.placed} (no more dialable records now)`;
  let why: string;
  if (rate !== null && rate >= visibleTargetPercent(i)) {
    why = `${cap(rateText)}, at or above the ${i.abandonTargetPercent}% target: one call per free agent, no overdial; ${placed}.`;
  } else if (i.sampleSize < WARM_UP_CALLS) {
    why = `Only ${i.sampleSize} calls have settled, too few to trust the answer rate: one call per free agent; ${placed}.`;
  } else {
    const live = i.liveCallsInFlight < i.callsInFlight ? ` (worth ${round(i.liveCallsInFlight, 1)} fresh ones by how long they have rung)` : '';
    why =
      `${predictedFreeAgents} agents predicted free (${i.agentsReady} ready + ${i.agentsFreeingSoon} freeing up − ${i.callsWaiting} answers waiting), ` +
      `${i.callsInFlight} calls in flight${live}, answer rate ${round(100 * i.answerRate, 1)}%; ${rateText}, ${budgetLeft} points under the ${i.abandonTargetPercent}% target` +
      `${i.amdFalseMachinePercent > 0 ? ` (${i.amdFalseMachinePercent}% kept for answering-machine detection's mistakes)` : ''}, aiming at ${round(i.abandonSetpointPercent, 2)}%: ` +
      `${placed}, each new call with at most a ${round(100 * i.marginalLimit, 2)}% chance of finding every agent busy.`;
  }
  return {
    at: d.at,
    policy: d.policy,
    callsToPlace: d.callsToPlace,
    placed: d.placed,
    predictedFreeAgents,
    agentsReady: i.agentsReady,
    agentsFreeingSoon: i.agentsFreeingSoon,
    callsInFlight: i.callsInFlight,
    callsWaiting: i.callsWaiting,
    answerRate: round(i.answerRate, 4),
    sampleSize: i.sampleSize,
    abandonRatePercent: rate === null ? null : round(rate, 3),
    abandonTargetPercent: i.abandonTargetPercent,
    abandonBudgetLeftPercent: budgetLeft,
    window: i.window,
    why,
  };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
