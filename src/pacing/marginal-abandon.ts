/**
 * The chance that one more call placed now is abandoned (issue 7 points 3, 4): the model behind
 * Pacer's `marginal-v2` policy.
 *
 * The floor as a Markov chain (the model of ../shared/bench/BOUNDS.md): N agents, b of them busy,
 * each freeing after an exponential handle time of mean H; j calls in flight, each resolving after
 * an exponential time of mean R, a live answer with probability p; a live answer takes a free agent
 * or, with all N busy, is abandoned. For a call placed now (the "tagged" call) beside j others, and
 * no call placed after it,
 *
 *   f(b, j) = P(all N agents busy when the tagged call resolves)
 *
 * and the tagged call is abandoned with probability p·f(b, j). Conditioning on the first event —
 * the tagged call resolving (rate 1/R), an agent freeing (b/H), another call resolving (j/R) —
 *
 *   f(b, j) = ( [b = N]/R + (b/H)·f(b−1, j) + (j/R)·(p·f(min(b+1, N), j−1) + (1−p)·f(b, j−1)) )
 *             / ( 1/R + b/H + j/R )
 *
 * which needs only column j−1 and the row below in column j: the whole table to j = K costs
 * O(N·K). The policy keeps placing calls while the next one's f stays under a limit that a
 * feedback loop on the abandon rate moves (pacer-algorithm.ts). Dialing up to such a limit in
 * every state is the threshold structure of the optimal policy of that chain; with the exact
 * parameters it reaches 97–99.9 % of the bounds of BOUNDS.md (docs/PACING.md).
 */
export class MarginalAbandonTable {
  /** Column j: f(0..N, j). */
  private readonly columns: Float64Array[] = [];
  /** By b: how many of b busy agents are free after the fixed delay (Binomial(b, 1 − e^(−R/H))), made when first asked. */
  private readonly freeing: Array<Float64Array | undefined> = [];

  constructor(
    readonly agents: number,
    readonly answerRate: number,
    readonly handleSeconds: number,
    readonly resolveSeconds: number,
  ) {
    if (!(agents >= 0 && Number.isInteger(agents))) throw new RangeError(`agents must be a whole number ≥ 0, got ${agents}`);
    if (!(answerRate >= 0 && answerRate <= 1)) throw new RangeError(`answerRate must be within [0, 1], got ${answerRate}`);
    if (!(handleSeconds > 0) || !(resolveSeconds > 0)) throw new RangeError(`handle and resolve times must be > 0 s, got ${handleSeconds} and ${resolveSeconds}`);
  }

  /**
   * f(busy, others): the chance that every agent is busy when a call placed now resolves, with
   * `others` calls in flight beside it (a fractional count — calls weighted by their chance of
   * still answering — falls between the columns of its neighbours).
   */
  allBusy(busy: number, others: number): number {
    const b = Math.min(this.agents, Math.max(0, Math.floor(busy)));
    const x = Math.max(0, others);
    const j = Math.floor(x);
    while (this.columns.length <= j + 1) this.extend();
    const low = this.columns[j]![b]!;
    return low + (x - j) * (this.columns[j + 1]![b]! - low);
  }

  /**
   * The same chance when calls answer after a fixed delay — the mean, R — instead of a memoryless
   * one: every call in flight answers before the new one, live with probability p (their live
   * answers ~ Poisson(p·others)), and each busy agent is free by then with probability
   * 1 − e^(−R/H). All agents are busy when the live answers reach the free agents.
   */
  allBusyAtFixedDelay(busy: number, others: number): number {
    const N = this.agents;
    const b = Math.min(N, Math.max(0, Math.floor(busy)));
    const freeing = (this.freeing[b] ??= binomialPmf(b, 1 - Math.exp(-this.resolveSeconds / this.handleSeconds)));
    const lambda = this.answerRate * Math.max(0, others);
    // P(Poisson(λ) ≥ a) for a = N − b … N, from the pmf upwards.
    let pmf = Math.exp(-lambda);
    let below = 0;
    for (let a = 0; a < N - b; a++) {
      below += pmf;
      pmf *= lambda / (a + 1);
    }
    let f = 0;
    for (let m = 0; m <= b; m++) {
      f += freeing[m]! * Math.max(0, 1 - below);
      below += pmf;
      pmf *= lambda / (N - b + m + 1);
    }
    return f;
  }

  /**
   * How many calls to place now, `busy` agents busy and `inFlight` calls in flight, so that each
   * new call's chance of finding every agent busy stays at or under `limit` (at most `cap`): the
   * memoryless chain's f weighted `memoryless`, the fixed delay's the rest.
   */
  callsWithin(busy: number, inFlight: number, limit: number, cap: number, memoryless = 1): number {
    const w = Math.min(1, Math.max(0, memoryless));
    let n = 0;
    for (; n < cap; n++) {
      const x = inFlight + n;
      let f = w > 0 ? w * this.allBusy(busy, x) : 0;
      if (f > limit) break;
      if (w < 1) f += (1 - w) * this.allBusyAtFixedDelay(busy, x);
      if (f > limit) break;
    }
    return n;
  }

  private extend(): void {
    const N = this.agents;
    const j = this.columns.length;
    const rho = 1 / this.resolveSeconds;
    const mu = 1 / this.handleSeconds;
    const p = this.answerRate;
    const prev = j > 0 ? this.columns[j - 1]! : null;
    const col = new Float64Array(N + 1);
    for (let b = 0; b <= N; b++) {
      let num = b === N ? rho : 0;
      if (b > 0) num += b * mu * col[b - 1]!;
      if (prev) num += j * rho * (p * prev[Math.min(b + 1, N)]! + (1 - p) * prev[b]!);
      col[b] = num / (rho + b * mu + j * rho);
    }
    this.columns.push(col);
  }
}

/** P(X = 0 … n) for X ~ Binomial(n, q). */
function binomialPmf(n: number, q: number): Float64Array {
  const out = new Float64Array(n + 1);
  if (q <= 0) {
    out[0] = 1;
    return out;
  }
  if (q >= 1) {
    out[n] = 1;
    return out;
  }
  let x = Math.pow(1 - q, n);
  const r = q / (1 - q);
  for (let k = 0; k <= n; k++) {
    out[k] = x;
    x *= ((n - k) / (k + 1)) * r;
  }
  return out;
}
