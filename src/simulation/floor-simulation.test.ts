import { describe, expect, it } from 'vitest';
import { createAlgorithm } from '../pacing/algorithms.js';
import { ErlangAlgorithm } from '../pacing/erlang-algorithm.js';
import { OmnidialerAlgorithm } from '../pacing/omnidialer-algorithm.js';
import type { FloorView } from '../pacing/pacing-algorithm.js';
import { VicidialAdaptAlgorithm } from '../pacing/vicidial-adapt-algorithm.js';
import { type Scenario, scenarioParts, scenarioSchema } from '../telephony/adapters/simulated/scenario.js';
import { exponentialTwin, SAMPLE_E1, SAMPLE_S1 } from '../telephony/adapters/simulated/sample-scenarios.js';
import { AbandonCounts } from './abandon-counts.js';
import { simulateFloor } from './floor-simulation.js';
import { runScenario } from './run-scenarios.js';

/** S1, E1 and E3 of shared/bench/scenarios.json (BOUNDS.md gives E1's and E3's closed forms). */
const S1 = scenarioSchema.parse(SAMPLE_S1);
const E1 = scenarioSchema.parse(SAMPLE_E1);
const E3: Scenario = scenarioSchema.parse(exponentialTwin(25, 190));

describe('D3, issue 7 pt 1: the pacing simulator', () => {
  it('D3, issue 7 pt 1: progressive on the exponential twins comes within 2 % of its closed-form occupancy (E1 0.565, E3 0.655) and never abandons', () => {
    // BOUNDS.md: one dial per free agent, occupancy = T / (T + R / p).
    for (const [name, scenario, exact] of [['E1', E1, 130 / 230], ['E3', E3, 190 / 290]] as const) {
      const s = runScenario(name, scenario, 'progressive', { seed: 'model', hours: 60, replications: 4 });
      expect(Math.abs(s.occupancy / exact - 1), `${name}: ${s.occupancy} against ${exact}`).toBeLessThan(0.02);
      expect(s.abandonRate).toBe(0);
      expect(s.peakRinging).toBe(scenario.agents);
    }
  });

  it('D3, D6, issue 7 pt 1: pacer on S1 holds the abandon rate (AMD false machines included) under the 3 % target and keeps agents busier than progressive', () => {
    const options = { seed: 'model', replications: 3 };
    const pacer = runScenario('S1', S1, 'pacer', options);
    const progressive = runScenario('S1', S1, 'progressive', options);
    expect(pacer.abandonRate).toBeLessThanOrEqual(0.03);
    expect(pacer.occupancy).toBeGreaterThan(progressive.occupancy + 0.03);
    expect(pacer.dialsPerHour).toBeGreaterThan(progressive.dialsPerHour);
    expect(pacer.idleMeanS).toBeLessThan(progressive.idleMeanS);
  });

  it('D3, issue 7 pt 4: pacer on the exponential twins E1 and E3 holds the 3 % target and comes within 4 % of the optimal occupancy of BOUNDS.md (0.727, 0.895)', () => {
    for (const [name, scenario, bound] of [['E1', E1, 0.727], ['E3', E3, 0.895]] as const) {
      const s = runScenario(name, scenario, 'pacer', { seed: 'bound', hours: 60, replications: 1 });
      expect(s.abandonRate, name).toBeLessThanOrEqual(0.03);
      expect(s.occupancy / bound, `${name}: ${s.occupancy} against ${bound}`).toBeGreaterThan(0.96);
    }
  });

  it('D6, issue 7 pt 3: pacer budgets for the AMD false machines it cannot see — with 2 % of people judged machines, the true abandon rate (theirs included) stays under the 3 % target', () => {
    const scenario = scenarioSchema.parse({ ...S1, amd: { ...S1.amd, falseMachineRate: 0.02 } });
    const m = simulateFloor(scenarioParts(scenario), createAlgorithm('pacer'), { seed: 'unseen', hours: 8 });
    expect(m.falseMachines).toBeGreaterThan(5);
    expect(m.abandoned).toBeGreaterThan(m.falseMachines); // it still overdials…
    expect(m.abandonRate).toBeLessThanOrEqual(0.03); // …within what is left of the target
  });

  it('D6, issue 7 pt 3: an AMD false machine on a live answer counts as an abandoned live answer (the UK rule)', () => {
    const scenario = scenarioSchema.parse({ ...S1, outcomes: { live: 0.5, noAnswer: 0.5 }, amd: { ...S1.amd, falseMachineRate: 0.2 } });
    const m = simulateFloor(scenarioParts(scenario), createAlgorithm('progressive'), { seed: 'amd', hours: 4 });
    expect(m.falseMachines).toBeGreaterThan(50);
    expect(m.abandoned).toBe(m.falseMachines); // progressive abandons nobody else
    expect(m.liveAnswers).toBe(m.connects + m.abandoned);
    expect(m.abandonRate).toBeCloseTo(0.2, 1);
  });

  it('issue 7 pt 1: agents follow agentsSchedule, and one asked to leave finishes her call and wrap-up first', () => {
    const scenario = scenarioSchema.parse({ ...S1, agents: 4, agentsSchedule: [[0, 4], [0.5, 2], [0.75, 3]] });
    const m = simulateFloor(scenarioParts(scenario), createAlgorithm('pacer'), { seed: 'schedule', hours: 1 });
    const scheduled = 4 * 0.5 + 2 * 0.25 + 3 * 0.25; // agent-hours by the schedule
    expect(m.agentHours).toBeGreaterThan(scheduled);
    expect(m.agentHours).toBeLessThan(scheduled + 2 * 0.25); // the two leavers finished their work within minutes
    expect(m.occupancy).toBeGreaterThan(0.3);
  });

  it('issue 7 pt 5: with trace, the floor minute by minute adds up to the replication\'s totals and changes nothing; without, no trace', () => {
    const parts = scenarioParts(S1);
    const plain = simulateFloor(parts, createAlgorithm('pacer'), { seed: 'trace', hours: 1 });
    const traced = simulateFloor(parts, createAlgorithm('pacer'), { seed: 'trace', hours: 1, trace: true });
    expect(plain.trace).toBeUndefined();
    const { trace, events: _e, ...figures } = traced;
    const { events: _p, ...plainFigures } = plain;
    expect(figures).toEqual(plainFigures);
    expect(trace!.map((m) => m.minute)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const total = (f: (m: NonNullable<typeof trace>[number]) => number): number => trace!.reduce((a, m) => a + f(m), 0);
    expect(total((m) => m.dials)).toBe(traced.dials);
    expect(total((m) => m.connects)).toBe(traced.connects);
    expect(total((m) => m.abandoned)).toBe(traced.abandoned);
    expect(trace!.at(-1)!.abandonRatePercent).toBeCloseTo(100 * traced.abandonRate, 6);
    expect(trace!.every((m) => m.agentsLoggedIn === 5 && m.agentsFree <= 5)).toBe(true);
  });

  it('issue 7 pt 1: the rolling abandon rate drops what leaves the window; the worst 24-hour window slides by the minute', () => {
    const start = Date.parse('2026-01-05T09:00:00Z');
    const hour = 3_600_000;
    const counts = new AbandonCounts(start, 48 * hour, 24 * hour);
    counts.note(start + hour, true);
    counts.note(start + hour, false);
    expect(counts.ratePercent(start + 2 * hour)).toBe(50);
    for (let i = 0; i < 8; i++) counts.note(start + 30 * hour, false);
    expect(counts.ratePercent(start + 30 * hour)).toBe(0); // the abandon at 1 h left the window at 25 h
    expect(counts.worstWindow(48 * hour)).toBe(0.5);
    const short = new AbandonCounts(start, 8 * hour, 24 * hour);
    short.note(start + hour, true);
    for (let i = 0; i < 3; i++) short.note(start + 7 * hour, false);
    expect(short.worstWindow(8 * hour)).toBe(0.25); // a shift under 24 hours: the whole shift
  });
});

describe('D3, issue 7 pt 2: the baselines on the simulated floor', () => {
  const parts = scenarioParts(S1);

  it('D3, issue 7 pt 2: on S1 for 3 hours each baseline holds its own logic (vicidial-adapt’s level in [1, 3], omnidialer past its warm-up on measured talk times, erlang dialing at its model’s rate)', () => {
    const vicidial = new VicidialAdaptAlgorithm();
    const v = simulateFloor(parts, vicidial, { seed: 'baselines', hours: 3 });
    expect(vicidial.level).toBeGreaterThanOrEqual(1);
    expect(vicidial.level).toBeLessThanOrEqual(3);
    expect(v.peakRinging).toBeLessThanOrEqual(3 * S1.agents);
    expect(v.connects).toBeGreaterThan(100);

    const omni = new OmnidialerAlgorithm();
    const o = simulateFloor(parts, omni, { seed: 'baselines', hours: 3 });
    expect(omni.mode).not.toBe('warmup');
    expect(omni.att).toBeGreaterThan(60); // the lognormal talk time, mean 120 s
    expect(omni.att).toBeLessThan(200);
    expect(o.connects).toBeGreaterThan(100);

    const erlang = new ErlangAlgorithm();
    const e = simulateFloor(parts, erlang, { seed: 'baselines', hours: 3 });
    expect(erlang.liveShare.value).toBeGreaterThan(0.15); // 0.20 live + 0.011 AMD false humans
    expect(erlang.liveShare.value).toBeLessThan(0.27);
    expect(erlang.dialRate).toBeCloseTo(erlang.rateFor(S1.agents, { maxConnectWaitSeconds: 2, abandonTargetPercent: 3 } as FloorView), 6);
    // Open loop: after a short progressive warm-up it dials at its rate, busy floor or not.
    expect(Math.abs(e.dialsPerHour / (erlang.dialRate * 3600) - 1)).toBeLessThan(0.25);
  });
});
