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
    // The largest n in [in flight, cap] within budget (the abandon share grows with n). The answer
    // is usually a few calls above those in flight: gallop up from there, then a binary search.
    let lo = i.callsInFlight;
    const top = Math.max(lo, cap);
    if (abandonShare(lo, p, available) > budget) return oneEach;
    let step = 1;
    while (lo + step <= top && abandonShare(lo + step, p, available) <= budget) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(top, lo + step - 1);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (abandonShare(mid, p, available) <= budget) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(oneEach, lo - i.callsInFlight);
  },
};

/**
 * E[max(0, X − a)] / E[X] for X ~ Binomial(n, p): the expected share of live answers left without
 * an agent. The pacing simulator asks this hundreds of thousands of times a shift (issue 7), so
 * it sums only the terms that matter: with more answers expected than agents (np > a), as
 * E[X] − a + E[max(0, a − X)], the terms k < a; otherwise the tail k > a, until it vanishes past
 * the mode. Both sums are of positive terms (no cancellation).
 */
export function abandonShare(n: number, p: number, a: number): number {
  if (n <= a || n === 0) return 0;
  const mean = n * p;
  if (mean === 0) return 0;
  if (p >= 1) return (n - a) / n;
  if (a <= 0) return (mean - a) / mean;
  const pmf = new BinomialPmf(n, p);
  if (mean > a) {
    let short = 0;
    for (let k = 0; k < a; k++) short += (a - k) * pmf.next();
    return (mean - a + short) / mean;
  }
  const mode = (n + 1) * p;
  let excess = 0;
  for (let k = 0; k <= n; k++) {
    const x = pmf.next();
    if (k <= a) continue;
    const term = (k - a) * x;
    excess += term;
    if (k > mode && term <= excess * 1e-17) break;
  }
  return excess / mean;
}

/** P(X = 0), P(X = 1), … for X ~ Binomial(n, p), by recurrence: plain products, or in log space when q^n would underflow. */
class BinomialPmf {
  private k = 0;
  private value: number;
  private readonly logSpace: boolean;
  private readonly ratio: number;

  constructor(
    private readonly n: number,
    p: number,
  ) {
    const lq = Math.log1p(-p);
    this.logSpace = n * lq < -700;
    this.value = this.logSpace ? n * lq : Math.exp(n * lq);
    this.ratio = this.logSpace ? Math.log(p) - lq : p / (1 - p);
  }

  /** The next probability, from P(X = 0). */
  next(): number {
    const k = this.k++;
    const current = this.logSpace ? Math.exp(this.value) : this.value;
    const step = (this.n - k) / (k + 1);
    this.value = this.logSpace ? this.value + Math.log(step) + this.ratio : this.value * step * this.ratio;
    return current;
  }
}

/** The same by its definition, summing every term k > a (the reference the tests hold `abandonShare` to). */
export function abandonShareByDefinition(n: number, p: number, a: number): number {
  if (n <= a || n === 0) return 0;
  const mean = n * p;
  if (mean === 0) return 0;
  if (p >= 1) return (n - a) / n;
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
