/**
 * D3, issue 4 point 3: how many calls a predictive campaign places now. The policy is a pure
 * function of the inputs below, which the engine records with each decision, so a later issue
 * (7) can swap the algorithm and replay what it was given.
 */
export interface PacingInputs {
  /** Agents of the campaign ready and holding no work. */
  agentsReady: number;
  /** Agents talking or wrapping up who are expected to be free before a call placed now is answered. */
  agentsFreeingSoon: number;
  /** Calls placed and not answered yet (dialing, ringing, AMD): each may still bring a live answer. */
  callsInFlight: number;
  /** Live answers waiting for an agent now (each will take the next free agent, or be abandoned). */
  callsWaiting: number;
  /** Estimated chance that a call placed brings a live answer (person, connected or abandoned). */
  answerRate: number;
  /** How many ended calls the estimates rest on. */
  sampleSize: number;
  /** Mean seconds from dial to answer, talk, and wrap-up (for the record; the engine uses them for agentsFreeingSoon). */
  meanRingSeconds: number;
  meanTalkSeconds: number;
  meanWrapSeconds: number;
  /** The rolling abandon rate over the campaign's window (percent; null when nobody answered yet), and the target. */
  abandonRatePercent: number | null;
  abandonTargetPercent: number;
  window: 'us' | 'uk';
}

export interface PacingPolicy {
  readonly name: string;
  /** Calls to place now (0 or more). */
  decide(inputs: PacingInputs): number;
}

/** Below this many ended calls the estimates are not trusted: one call per free agent. */
export const WARM_UP_CALLS = 30;
/** Never more than this many calls in flight per available agent, whatever the answer rate says. */
const MAX_CALLS_PER_AGENT = 4;
/** Share of the target a single decision may spend: the rest is margin for estimation error. */
const SAFETY = 0.5;

/**
 * The first algorithm (D3): place as many calls as keeps the expected abandons of the calls in
 * flight, as a share of their expected live answers, under a budget taken from the rolling
 * abandon rate. Live answers among n calls are Binomial(n, answerRate); the calls abandoned are
 * those beyond the agents available (ready + freeing soon − already waiting). The budget is
 * SAFETY × the target while the window's rate is under the target, scaled down as it nears it;
 * at or above the target — or before there is data — one call per free agent (progressive).
 */
export const binomialPacing: PacingPolicy = {
  name: 'binomial-v1',
  decide(i) {
    const oneEach = Math.max(0, i.agentsReady - i.callsInFlight - i.callsWaiting);
    const rate = i.abandonRatePercent ?? 0;
    if (rate >= i.abandonTargetPercent || i.sampleSize < WARM_UP_CALLS || i.answerRate <= 0) return oneEach;
    const available = i.agentsReady + i.agentsFreeingSoon - i.callsWaiting;
    if (available <= 0) return 0;
    const headroom = 1 - rate / i.abandonTargetPercent;
    const budget = (SAFETY * headroom * i.abandonTargetPercent) / 100;
    const p = Math.min(1, i.answerRate);
    const cap = Math.ceil(available * Math.min(MAX_CALLS_PER_AGENT, 1 / p));
    // The largest n in [in flight, cap] within budget (the abandon share grows with n): binary search.
    let lo = i.callsInFlight;
    let hi = Math.max(lo, cap);
    if (abandonShare(lo, p, available) > budget) return oneEach;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (abandonShare(mid, p, available) <= budget) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(oneEach, lo - i.callsInFlight);
  },
};

/** E[max(0, X − a)] / E[X] for X ~ Binomial(n, p): the expected share of live answers left without an agent. */
export function abandonShare(n: number, p: number, a: number): number {
  if (n <= a || n === 0) return 0;
  const mean = n * p;
  if (mean === 0) return 0;
  if (p >= 1) return (n - a) / n;
  // pmf by recurrence from k = 0 in log space (stable for large n).
  const lq = Math.log1p(-p);
  const lr = Math.log(p) - lq;
  let logPmf = n * lq;
  let excess = 0;
  for (let k = 0; k <= n; k++) {
    if (k > a) excess += (k - a) * Math.exp(logPmf);
    logPmf += Math.log((n - k) / (k + 1)) + lr;
  }
  return excess / mean;
}
