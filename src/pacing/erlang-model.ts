/**
 * The M/M/n+D queue (issue 7 point 2, for the `erlang` baseline): live answers arrive as a Poisson
 * stream of rate λ; n agents each take an exponential handle time of rate μ; a live answer that
 * finds every agent busy waits first come, first served, and is abandoned if no agent frees within
 * the patience τ (our `maxConnectWaitSeconds`). With τ = 0 it is Erlang's loss model (Erlang B);
 * with exponential patience it would be Erlang A (Garnett, Mandelbaum & Reiman, "Designing a call
 * center with impatient customers", M&SOM 4(3), 2002); deterministic patience is the M/M/n+G
 * case of Zeltyn & Mandelbaum, "Call centers with impatient customers: many-server asymptotics of
 * the M/M/n+G queue", Queueing Systems 51, 2005.
 *
 * The abandon share, by level crossing on the offered wait V (the wait a new arrival would have):
 * the states with V = 0 are k < n busy agents, π_k = π_{n−1} (n−1)! / k! · a^{k−n+1} (a = λ/μ);
 * for 0 < v < τ the density is f(v) = λ π_{n−1} e^{−(nμ−λ)v}, beyond τ (nobody joins) it is
 * f(v) = λ π_{n−1} e^{λτ − nμv}. So P(abandon) = P(V ≥ τ) = ρ π_{n−1} e^{−(nμ−λ)τ} (ρ = λ/nμ), with
 * π_{n−1} from Σ_k π_k + ∫ f = 1. At τ = 0 this is Erlang B.
 */
export function abandonShareMMnD(agents: number, arrivalRate: number, serviceRate: number, patience: number): number {
  const n = Math.floor(agents);
  if (n <= 0) return arrivalRate > 0 ? 1 : 0;
  if (arrivalRate <= 0) return 0;
  const a = arrivalRate / serviceRate;
  // Σ_{k<n} π_k / π_{n−1}, from k = n−1 down: r_{k−1} = r_k · k / a.
  let r = 1;
  let sum = 1;
  for (let k = n - 1; k >= 1; k--) {
    r *= k / a;
    sum += r;
    if (!Number.isFinite(sum)) return 0; // a tiny load: nobody waits
  }
  const x = n * serviceRate - arrivalRate;
  const e = Math.exp(-x * patience);
  const rho = arrivalRate / (n * serviceRate);
  const waitingMass = Math.abs(x * patience) < 1e-9 ? arrivalRate * patience : (arrivalRate * (1 - e)) / x;
  return (rho * e) / (sum + waitingMass + rho * e);
}

/**
 * The largest live-answer rate λ at which the M/M/n+D abandon share stays at or under `target`
 * (bisection; the abandon share grows with λ).
 */
export function answerRateForAbandon(agents: number, serviceRate: number, patience: number, target: number): number {
  if (agents < 1 || target <= 0) return 0;
  let lo = 0;
  let hi = (agents * serviceRate) / Math.max(1e-6, 1 - target);
  for (let i = 0; i < 30 && abandonShareMMnD(agents, hi, serviceRate, patience) < target; i++) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (abandonShareMMnD(agents, mid, serviceRate, patience) <= target) lo = mid;
    else hi = mid;
  }
  return lo;
}
