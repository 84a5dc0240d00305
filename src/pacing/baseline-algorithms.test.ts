import { describe, expect, it } from 'vitest';
import { ErlangAlgorithm } from './erlang-algorithm.js';
import { abandonShareMMnD, answerRateForAbandon } from './erlang-model.js';
import { OmnidialerAlgorithm, omnidialerGamma } from './omnidialer-algorithm.js';
import type { BusyAgent, FloorView } from './pacing-algorithm.js';
import { VicidialAdaptAlgorithm } from './vicidial-adapt-algorithm.js';

const NINE = Date.parse('2026-01-05T09:00:00Z');
const view = (v: Partial<FloorView>): FloorView => ({
  now: NINE, agentsLoggedIn: 10, agentsReady: 5, busyAgents: [], callsInFlight: [], callsWaiting: 0,
  abandonRatePercent: null, abandonTargetPercent: 3, window: 'uk', amdFalseMachinePercent: 0, ringTimeoutSeconds: 20, maxConnectWaitSeconds: 2, ...v,
});
const inFlight = (n: number) => Array.from({ length: n }, () => ({ dialedAt: NINE }));
const talking = (n: number, since = NINE): BusyAgent[] => Array.from({ length: n }, (_, i) => ({ agentId: 100 + i, phase: 'talk' as const, since, leaving: false }));

/** Runs the adapt loop once a second from `from` for `seconds`, on the same floor. */
function loops(alg: VicidialAdaptAlgorithm, from: number, seconds: number, floor: Partial<FloorView>): number {
  for (let s = 0; s < seconds; s++) alg.decide(view({ ...floor, now: from + s * 1000 }));
  return from + seconds * 1000;
}

describe('D3, issue 7 pt 2: baseline algorithms', () => {
  it('D3, issue 7 pt 2: vicidial-adapt raises the dial level while agents wait and falls to 1.0 over the drop limit', () => {
    const alg = new VicidialAdaptAlgorithm();
    const floor = { agentsLoggedIn: 10, agentsReady: 5, busyAgents: talking(5) };
    // 15 samples of 5 ready, 0 waiting, 10 agents: differential 5 / 10 → level × 1.5 at the 16th loop.
    let t = loops(alg, NINE, 15, floor);
    expect(alg.level).toBe(1);
    t = loops(alg, t, 1, floor);
    expect(alg.level).toBe(1.5);
    // AST_VDauto_dial.pl: round(1.5 × (5 ready + 5 talking)) − (2 in flight + 1 waiting + 5 talking) = 7.
    expect(alg.callsToPlace(view({ ...floor, callsInFlight: inFlight(2), callsWaiting: 1 }))).toBe(7);
    t = loops(alg, t, 30, floor); // two more adjustments: 2.25, then 3.375 capped at 3.0
    expect(alg.level).toBe(3);
    // 100 calls today, 40 live answers, 4 dropped: 10 % > 3 % — the next drop count (loop 61) and level (loop 61) set 1.0.
    for (let i = 0; i < 100; i++) alg.callDialed(t);
    for (let i = 0; i < 40; i++) alg.callResolved(true, t, t, t);
    for (let i = 0; i < 4; i++) alg.liveAbandoned(t, t);
    loops(alg, t, 15, floor);
    expect(alg.level).toBe(1);
    // Customers waiting for agents lower it: 0 ready, 3 waiting of 10 → × 0.7.
    const falling = new VicidialAdaptAlgorithm({ initialLevel: 2 });
    loops(falling, NINE, 16, { agentsLoggedIn: 10, agentsReady: 0, callsWaiting: 3 });
    expect(falling.level).toBe(1.4);
  });

  it('D3, issue 7 pt 2: vicidial-adapt ADAPT_TAPERED barely brakes early in the shift and fully near adaptive_latest_server_time', () => {
    const overLimit = (alg: VicidialAdaptAlgorithm, from: number) => {
      for (let i = 0; i < 100; i++) alg.callDialed(from);
      for (let i = 0; i < 40; i++) alg.callResolved(true, from, from, from);
      for (let i = 0; i < 4; i++) alg.liveAbandoned(from, from);
      loops(alg, from, 16, { agentsLoggedIn: 10, agentsReady: 5 });
      return alg.level;
    };
    const at = (hhmm: string) => Date.parse(`2026-01-05T${hhmm}:00Z`);
    expect(overLimit(new VicidialAdaptAlgorithm({ dialMethod: 'ADAPT_TAPERED', initialLevel: 2 }), at('09:00'))).toBe(3); // 1200 left: rate 1
    expect(overLimit(new VicidialAdaptAlgorithm({ dialMethod: 'ADAPT_TAPERED', initialLevel: 2 }), at('17:00'))).toBeCloseTo(3 * 0.4, 9); // 400 left: × 0.4
    expect(overLimit(new VicidialAdaptAlgorithm({ dialMethod: 'ADAPT_TAPERED', initialLevel: 2 }), at('21:30'))).toBe(1); // past the latest time
    expect(overLimit(new VicidialAdaptAlgorithm({ dialMethod: 'ADAPT_HARD_LIMIT', initialLevel: 2 }), at('09:00'))).toBe(1);
  });

  it('D3, issue 7 pt 2: omnidialer dials (free + expected-to-free − ringing × hit rate) / hit rate, damped as the drop EWMA nears the cap and latched to 1:1 above it', () => {
    const alg = new OmnidialerAlgorithm();
    // Warm-up: progressive 1:1 until 50 conversations ended.
    expect(alg.decide(view({ agentsReady: 4, callsInFlight: inFlight(1), callsWaiting: 1 }))).toBe(2);
    // Hit-rate EWMA from 0: a hit → 0.1, a fail → 0.09; the drop EWMA moves only on hits and abandons.
    alg.callResolved(true, NINE, NINE, NINE);
    alg.callResolved(false, NINE, null, NINE);
    expect(alg.pHit).toBeCloseTo(0.09, 12);
    alg.liveAbandoned(NINE, NINE);
    expect(alg.dropRate).toBeCloseTo(0.1, 12);
    for (let i = 0; i < 50; i++) alg.talkEnded(NINE, NINE + 100_000); // ATT 100 s, no wrap-up: AHT 100 s
    // t_ring = ART 10 s (the answered call rang 10 s) + 0 s AMD latency.
    const fresh = new OmnidialerAlgorithm();
    for (let i = 0; i < 50; i++) fresh.talkEnded(NINE, NINE + 100_000);
    fresh.callResolved(true, NINE - 10_000, NINE, NINE);
    fresh.pHit = 0.25;
    let now = NINE;
    const tick = (v: Partial<FloorView>) => {
      now += 1000;
      return fresh.decide(view({ agentsReady: 2, busyAgents: talking(1, now), callsInFlight: inFlight(2), ...v, now }));
    };
    const aExpected = 1 - Math.exp(-10 / 100); // one agent just started a 100 s handle time
    expect(tick({})).toBe(Math.floor((2 + aExpected - 2 * 0.25) / 0.25));
    fresh.dropRate = 0.0225; // 3/4 of the cap: γ halfway from 1 to 0.2
    expect(omnidialerGamma(0.0225, 0.03)).toBeCloseTo(0.6, 12);
    expect(tick({})).toBe(Math.floor(((2 + aExpected - 0.5) / 0.25) * 0.6));
    fresh.dropRate = 0.05; // over the cap: soft hold at γ 0.2 for 4 ticks, then latched to 1:1
    for (let i = 0; i < 4; i++) expect(tick({})).toBe(Math.floor(((2 + aExpected - 0.5) / 0.25) * 0.2));
    expect(tick({ agentsReady: 4 })).toBe(2); // throttled: 4 free − 2 ringing
    expect(fresh.mode).toBe('throttled');
    fresh.dropRate = 0.025; // under the cap but not under 0.8 × cap: still latched
    expect(tick({ agentsReady: 4 })).toBe(2);
    fresh.dropRate = 0.02;
    tick({});
    expect(fresh.mode).toBe('predictive');
  });

  it('D3, issue 7 pt 2: the M/M/n+D abandon share is Erlang B without patience, falls with patience, and balances the agents’ work', () => {
    // Erlang B(5, 2 erlangs) = (2^5/5!) / Σ_{k≤5} 2^k/k!
    const b = 32 / 120 / (1 + 2 + 2 + 8 / 6 + 16 / 24 + 32 / 120);
    expect(abandonShareMMnD(5, 2 / 100, 1 / 100, 0)).toBeCloseTo(b, 12);
    expect(abandonShareMMnD(5, 2 / 100, 1 / 100, 2)).toBeLessThan(b);
    expect(abandonShareMMnD(5, 2 / 100, 1 / 100, 1000)).toBeLessThan(1e-6);
    // Work balance: λ (1 − P(abandon)) / μ = mean busy agents = Σ_{k<n} k π_k + n P(V > 0).
    for (const [n, lambda, mu, tau] of [[5, 0.04, 0.01, 2], [25, 0.2, 1 / 130, 5], [3, 0.05, 0.01, 30]] as const) {
      const a = lambda / mu;
      const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
      const terms = Array.from({ length: n }, (_, k) => a ** k / factorial(k)); // π_k ∝ a^k / k!
      const x = n * mu - lambda;
      const waitMass = (lambda * (1 - Math.exp(-x * tau))) / x; // ∫_0^τ f / π_{n−1}
      const rho = lambda / (n * mu);
      const piLast = 1 / (terms.reduce((s, t) => s + t, 0) / terms[n - 1]! + waitMass + rho * Math.exp(-x * tau));
      const pi = terms.map((t) => (t / terms[n - 1]!) * piLast);
      const pWait = 1 - pi.reduce((s, p) => s + p, 0);
      const busy = pi.reduce((s, p, k) => s + k * p, 0) + n * pWait;
      const pAb = abandonShareMMnD(n, lambda, mu, tau);
      expect(pAb).toBeCloseTo(rho * piLast * Math.exp(-x * tau), 12);
      expect((lambda * (1 - pAb)) / mu).toBeCloseTo(busy, 9);
    }
    const lambda = answerRateForAbandon(5, 1 / 100, 0, 0.03);
    expect(abandonShareMMnD(5, lambda, 1 / 100, 0)).toBeCloseTo(0.03, 9);
  });

  it('D3, issue 7 pt 2: erlang dials at the open-loop rate of its model whatever the floor looks like now', () => {
    const alg = new ErlangAlgorithm();
    expect(alg.decide(view({ agentsReady: 3, callsInFlight: inFlight(1) }))).toBe(2); // warm-up: progressive
    for (let i = 0; i < 50; i++) alg.callResolved(i % 5 === 0, NINE, null, NINE); // p = 0.2
    for (let i = 0; i < 10; i++) {
      alg.agentPhase(i, 'talk', NINE);
      alg.agentPhase(i, 'wrap', NINE + 90_000);
      alg.agentPhase(i, 'free', NINE + 100_000); // 100 s handle time
    }
    const rate = answerRateForAbandon(5, 1 / 100, 2, 0.03) / 0.2;
    let dialed = 0;
    for (let s = 0; s <= 1000; s++) {
      // Free agents, calls ringing and waiting change; the dials do not.
      dialed += alg.decide(view({ now: NINE + s * 1000, agentsLoggedIn: 5, agentsReady: s % 6, callsInFlight: inFlight(s % 13), callsWaiting: s % 2 }));
    }
    expect(alg.dialRate).toBeCloseTo(rate, 9);
    expect(Math.abs(dialed - rate * 1000)).toBeLessThanOrEqual(1);
  });
});
