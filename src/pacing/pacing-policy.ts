import { MarginalAbandonTable } from './marginal-abandon.js';

/**
 * D3, issue 4 point 3, issue 7 point 3: how many calls a predictive campaign places now. The
 * policy is a pure function of the inputs below, which the engine records with each decision (the
 * dashboard explains them, X2), so a decision can be replayed from what it was given.
 */
export interface PacingInputs {
  /** Agents of the campaign ready and holding no work. */
  agentsReady: number;
  /** Agents on a call or wrapping up who will take another call (not those leaving after it). */
  agentsBusy: number;
  /** Of those, the agents wrapping up who will be free before a call placed now is answered (by the mean wrap-up time): counted as free. */
  agentsFreeingSoon: number;
  /** Calls placed and not answered yet (dialing, ringing, AMD): each may still bring a live answer. */
  callsInFlight: number;
  /** The same weighted by their chance of still bringing one given how long they have rung, in fresh calls (a call ringing long rarely answers). */
  liveCallsInFlight: number;
  /** Live answers waiting for an agent now (each will take the next free agent, or be abandoned). */
  callsWaiting: number;
  /** Estimated chance that a call placed brings a live answer (as the dialer sees it: AMD "human"). */
  answerRate: number;
  /** How many ended calls the estimates rest on. */
  sampleSize: number;
  /** The squared coefficient of variation of that time: 1 when ringing is memoryless, near 0 when people answer after a near-fixed delay. */
  answerTimeCv2: number;
  /** Mean seconds from dialing a call to its live answer (the detector's "human"), and of an agent's busy spell (talk, wrap-up, marking a machine). */
  meanAnswerSeconds: number;
  meanHandleSeconds: number;
  /** The rolling abandon rate over the campaign's window as the dialer sees it (percent; null when nobody answered yet), and the target. */
  abandonRatePercent: number | null;
  abandonTargetPercent: number;
  window: 'us' | 'uk';
  /** The detector's expected false-machine rate (percent of live answers): abandons the dialer cannot see, budgeted for. */
  amdFalseMachinePercent: number;
  /** The abandon rate the feedback loop aims the visible rate at (percent): the target less the false machines and a margin. */
  abandonSetpointPercent: number;
  /** The most a new call may risk of finding every agent busy (0–1), moved by the feedback loop. */
  marginalLimit: number;
}

export interface PacingPolicy {
  readonly name: string;
  /** Calls to place now (0 or more). */
  decide(inputs: PacingInputs): number;
}

/** Below this many ended calls the estimates are not trusted: one call per free agent. */
export const WARM_UP_CALLS = 30;
/** Never more calls in flight per available agent than this, whatever the answer rate says. */
const MAX_CALLS_PER_AGENT = 25;

/**
 * Pacer's policy (issue 7): with N = ready + busy agents, b of them busy (or taken by an answer
 * waiting), and k calls in flight, place calls while the next one's chance of finding all N
 * agents busy when it resolves — f(b, k) of marginal-abandon.ts — stays within `marginalLimit`.
 * The feedback loop of pacer-algorithm.ts moves that limit so that the abandon rate settles on
 * the setpoint: the budget goes to the calls that buy the most talk time. At or above the
 * visible target — or before there is data — one call per free agent (progressive).
 */
export const marginalPacing: PacingPolicy = {
  name: 'marginal-v2',
  decide(i) {
    const oneEach = Math.max(0, i.agentsReady - i.callsInFlight - i.callsWaiting);
    if (i.sampleSize < WARM_UP_CALLS || i.answerRate <= 0) return oneEach;
    if (i.abandonRatePercent !== null && i.abandonRatePercent >= visibleTargetPercent(i)) return oneEach;
    const agents = i.agentsReady + i.agentsBusy;
    if (agents === 0) return 0;
    // Agents about to finish their wrap-up count as free; the others free up by the model.
    const busy = Math.min(agents, Math.max(0, i.agentsBusy - i.agentsFreeingSoon) + i.callsWaiting);
    const table = tableFor(agents, Math.min(1, i.answerRate), i.meanHandleSeconds, i.meanAnswerSeconds);
    const cap = Math.max(0, Math.ceil(agents * Math.min(MAX_CALLS_PER_AGENT, 3 / i.answerRate)) - i.callsInFlight);
    return Math.max(oneEach, table.callsWithin(busy, i.liveCallsInFlight, i.marginalLimit, cap, memorylessShare(i.answerTimeCv2)));
  },
};

/**
 * How much the memoryless chain's chance counts against the fixed delay's, from the squared
 * coefficient of variation of the time to a live answer: all of it at 0.8 and over (exponential
 * ringing: 1), 70 % at 0.2 and under (people answering after 10 ± 5 s: ~0.2), linear between. The
 * chain alone overrates early answers on such lists, the fixed delay alone ignores how they
 * spread; the 70 % mix did best on the benchmark scenarios (docs/PACING.md).
 */
function memorylessShare(cv2: number): number {
  return 0.7 + 0.3 * Math.min(1, Math.max(0, (cv2 - 0.2) / 0.6));
}

/**
 * The abandon rate the dialer may see (percent) so that, with the detector's false machines on
 * top, the true rate stays within the target: (target − f) / (1 − f) of the live answers it sees.
 */
export function visibleTargetPercent(i: Pick<PacingInputs, 'abandonTargetPercent' | 'amdFalseMachinePercent'>): number {
  const f = i.amdFalseMachinePercent / 100;
  return (100 * Math.max(0, i.abandonTargetPercent / 100 - f)) / (1 - f);
}

/**
 * Tables for recent parameters (one per campaign pacing on this node, as a rule). f depends on
 * the times only through their ratio R / H (time's unit cancels out), and the answer rate and
 * that ratio are snapped to a grid 3 % apart (finer than the estimates are sure), so that estimates wobbling as they decay reuse a
 * few tables: building one costs O(N·K), looking up O(1).
 */
const tables = new Map<string, MarginalAbandonTable>();
const TABLES_KEPT = 32;
let lastTable: MarginalAbandonTable | null = null;
const GRID = Math.log(1.03);
const snap = (x: number): number => Math.exp(Math.round(Math.log(x) / GRID) * GRID);
function tableFor(agents: number, p: number, handle: number, resolve: number): MarginalAbandonTable {
  const sp = Math.min(1, snap(p));
  const ratio = snap(Math.max(0.5, resolve) / Math.max(1, handle));
  const last = lastTable;
  if (last && last.agents === agents && last.answerRate === sp && last.resolveSeconds === ratio) return last;
  const key = `${agents} ${sp} ${ratio}`;
  let table = tables.get(key);
  if (table) {
    tables.delete(key); // most recent last
  } else {
    table = new MarginalAbandonTable(agents, sp, 1, ratio);
    if (tables.size >= TABLES_KEPT) tables.delete(tables.keys().next().value!);
  }
  tables.set(key, table);
  lastTable = table;
  return table;
}
