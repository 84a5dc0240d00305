import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { algorithmNames, createAlgorithm } from './algorithms.js';
import type { FloorView } from './pacing-algorithm.js';
import { MarginalAbandonTable } from './marginal-abandon.js';
import { visibleTargetPercent } from './pacing-policy.js';

const view = (v: Partial<FloorView>): FloorView => ({
  now: 0, agentsLoggedIn: 10, agentsReady: 4, busyAgents: [], callsInFlight: [], callsWaiting: 0,
  abandonRatePercent: null, abandonTargetPercent: 3, window: 'uk', amdFalseMachinePercent: 0, ringTimeoutSeconds: 20, maxConnectWaitSeconds: 2, ...v,
});
const inFlight = (n: number) => Array.from({ length: n }, () => ({ dialedAt: 0 }));

describe('D3, issue 7 pt 1: pacing algorithms by name', () => {
  it('D3, issue 7 pt 1, pt 2: the registry creates pacer, progressive, fixed-ratio and the baselines vicidial-adapt, omnidialer and erlang; an unknown name is refused with the known ones', () => {
    expect(algorithmNames).toEqual(['pacer', 'progressive', 'fixed-ratio', 'vicidial-adapt', 'omnidialer', 'erlang']);
    for (const name of algorithmNames) expect(createAlgorithm(name).name).toBe(name);
    expect(() => createAlgorithm('magic')).toThrow('Unknown pacing algorithm "magic". Known algorithms: pacer, progressive, fixed-ratio, vicidial-adapt, omnidialer, erlang.');
    expect(() => createAlgorithm('toString')).toThrow(/Unknown pacing algorithm/);
    expect(() => createAlgorithm('fixed-ratio', { ratio: 0 })).toThrow(/ratio must be a positive number/);
  });

  it('D3, issue 7 pt 1: progressive covers each free agent with one call; fixed-ratio keeps its ratio of calls per free agent', () => {
    const progressive = createAlgorithm('progressive');
    expect(progressive.decide(view({ agentsReady: 4, callsInFlight: inFlight(1), callsWaiting: 1 }))).toBe(2);
    expect(progressive.decide(view({ agentsReady: 1, callsInFlight: inFlight(3) }))).toBe(0);
    const ratio = createAlgorithm('fixed-ratio', { ratio: 2.5 });
    expect(ratio.decide(view({ agentsReady: 4, callsInFlight: inFlight(3) }))).toBe(7);
    expect(ratio.decide(view({ agentsReady: 2, callsWaiting: 2 }))).toBe(0);
  });

  it("D3, issue 7 pt 3: a new call's chance of finding every agent busy, by its recursion, agrees with its closed forms and with a simulation of the floor", () => {
    const t = new MarginalAbandonTable(5, 0.2, 130, 20);
    // Every agent busy, nothing else in flight: busy at the answer unless one frees first.
    expect(t.allBusy(5, 0)).toBeCloseTo(1 / 20 / (1 / 20 + 5 / 130), 12);
    // A free agent and nothing in flight: never.
    expect(t.allBusy(4, 0)).toBe(0);
    // More calls in flight or more agents busy: never less likely.
    for (let b = 0; b <= 5; b++) for (let j = 0; j < 40; j++) expect(t.allBusy(b, j + 1)).toBeGreaterThanOrEqual(t.allBusy(b, j) - 1e-15);
    // The same chance by simulating the chain from (3 busy, 12 in flight), seeded.
    const random = seededRandom('marginal');
    const runs = 40_000;
    let allBusy = 0;
    for (let r = 0; r < runs; r++) {
      let b = 3;
      let j = 12;
      for (;;) {
        const rates = [1 / 20, b / 130, j / 20];
        let u = random.next() * (rates[0]! + rates[1]! + rates[2]!);
        if ((u -= rates[0]!) < 0) break; // the tagged call resolves
        if ((u -= rates[1]!) < 0) b--;
        else {
          j--;
          if (random.next() < 0.2 && b < 5) b++;
        }
      }
      if (b === 5) allBusy++;
    }
    expect(Math.abs(allBusy / runs - t.allBusy(3, 12))).toBeLessThan(0.01);
    // With a fixed delay: nobody in flight and all busy, busy unless one of the five frees within the delay.
    expect(t.allBusyAtFixedDelay(5, 0)).toBeCloseTo(Math.exp((-5 * 20) / 130), 12);
  });

  it('D3, issue 7 pt 3: the pacer budgets for the false machines it cannot see — a 3 % target with 1 % false machines leaves (3 − 1) / (1 − 1 %) of the live answers it sees', () => {
    expect(visibleTargetPercent({ abandonTargetPercent: 3, amdFalseMachinePercent: 1 })).toBeCloseTo(200 / 99, 12);
    expect(visibleTargetPercent({ abandonTargetPercent: 3, amdFalseMachinePercent: 0 })).toBe(3);
    expect(visibleTargetPercent({ abandonTargetPercent: 1, amdFalseMachinePercent: 2 })).toBe(0);
  });
});
