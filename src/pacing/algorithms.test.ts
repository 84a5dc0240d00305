import { describe, expect, it } from 'vitest';
import { seededRandom } from '../engine/random.js';
import { algorithmNames, createAlgorithm } from './algorithms.js';
import type { FloorView } from './pacing-algorithm.js';
import { abandonShare, abandonShareByDefinition } from './pacing-policy.js';

const view = (v: Partial<FloorView>): FloorView => ({
  now: 0, agentsLoggedIn: 10, agentsReady: 4, busyAgents: [], callsInFlight: [], callsWaiting: 0,
  abandonRatePercent: null, abandonTargetPercent: 3, window: 'uk', ringTimeoutSeconds: 20, maxConnectWaitSeconds: 2, ...v,
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

  it('D3: the binomial abandon share summed over the terms that matter equals its definition', () => {
    const random = seededRandom('abandon-share');
    for (let i = 0; i < 20_000; i++) {
      const n = 1 + random.int(3000);
      const p = random.next() ** 2;
      const a = random.int(Math.min(n, 800));
      expect(Math.abs(abandonShare(n, p, a) - abandonShareByDefinition(n, p, a))).toBeLessThan(1e-9);
    }
  });
});
