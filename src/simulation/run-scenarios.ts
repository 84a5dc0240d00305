import type { AbandonWindowName } from '../dialer/abandon-rate.js';
import { type AlgorithmOptions, createAlgorithm } from '../pacing/algorithms.js';
import { type Scenario, scenarioParts } from '../telephony/adapters/simulated/scenario.js';
import { simulateFloor } from './floor-simulation.js';
import type { ReplicationMetrics } from './replication-metrics.js';

/**
 * A scenario's replications under one pacing algorithm, and their summary (issue 7 point 1):
 * the line `pacer simulate` prints. Replication r runs on the seed "<seed>/<r>" whatever the
 * algorithm, so algorithms compared on one seed meet the same customers (common random numbers).
 *
 * Summary over the replications (each figure is defined per replication in floor-simulation.ts):
 * - `abandonRate`, `occupancy`, `talkMinutesPerAgentHour`, `idleMeanS`, `idleP95S`,
 *   `connectsPerAgentHour`, `dialsPerHour`: the mean of the replications' figures;
 *   `abandonRateStdErr`, `occupancyStdErr`: the standard error of those means.
 * - `worstAbandon24h`: the worst 24-hour window of any replication (for a shift of 24 hours or
 *   less, the worst replication's whole-shift rate).
 * - `pExceedTarget`: the share of replications whose abandon rate is over the target.
 * - `peakRinging`: the most calls dialing or ringing at once in any replication.
 */
export interface RunOptions {
  seed: string;
  /** Default: the scenario's `replications`. */
  replications?: number;
  /** Default: the scenario's `hours`. */
  hours?: number;
  window?: AbandonWindowName;
  algorithmOptions?: AlgorithmOptions;
}

/** The figures of issue 7 point 1, aggregated over the replications (means unless said otherwise in the summary). */
export type ScenarioSummary = Pick<
  ReplicationMetrics,
  'abandonRate' | 'worstAbandon24h' | 'occupancy' | 'talkMinutesPerAgentHour' | 'idleMeanS' | 'idleP95S' | 'connectsPerAgentHour' | 'dialsPerHour' | 'peakRinging'
> & {
  scenario: string;
  algorithm: string;
  pExceedTarget: number;
  targetAbandon: number;
  replications: number;
  hours: number;
  seed: string;
  abandonRateStdErr: number;
  occupancyStdErr: number;
};

export function runScenario(name: string, scenario: Scenario, algorithm: string, options: RunOptions): ScenarioSummary {
  const parts = scenarioParts(scenario);
  const replications = options.replications ?? parts.replications;
  const hours = options.hours ?? parts.hours;
  const runs: ReplicationMetrics[] = [];
  for (let r = 0; r < replications; r++) {
    const alg = createAlgorithm(algorithm, options.algorithmOptions);
    runs.push(simulateFloor(parts, alg, { seed: `${options.seed}/${r}`, hours, ...(options.window ? { window: options.window } : {}) }));
  }
  return summarize(name, algorithm, parts.dialer.targetAbandon, runs, { replications, hours, seed: options.seed });
}

export function summarize(scenario: string, algorithm: string, target: number, runs: readonly ReplicationMetrics[], run: { replications: number; hours: number; seed: string }): ScenarioSummary {
  const mean = (f: (m: ReplicationMetrics) => number): number => runs.reduce((a, m) => a + f(m), 0) / runs.length;
  const stdErr = (f: (m: ReplicationMetrics) => number): number => {
    if (runs.length < 2) return 0;
    const mu = mean(f);
    const variance = runs.reduce((a, m) => a + (f(m) - mu) ** 2, 0) / (runs.length - 1);
    return Math.sqrt(variance / runs.length);
  };
  const max = (f: (m: ReplicationMetrics) => number): number => runs.reduce((a, m) => Math.max(a, f(m)), 0);
  return {
    scenario,
    algorithm,
    abandonRate: round(mean((m) => m.abandonRate), 6),
    worstAbandon24h: round(max((m) => m.worstAbandon24h), 6),
    pExceedTarget: round(runs.filter((m) => m.abandonRate > target).length / runs.length, 6),
    occupancy: round(mean((m) => m.occupancy), 6),
    talkMinutesPerAgentHour: round(mean((m) => m.talkMinutesPerAgentHour), 3),
    idleMeanS: round(mean((m) => m.idleMeanS), 3),
    idleP95S: round(mean((m) => m.idleP95S), 3),
    connectsPerAgentHour: round(mean((m) => m.connectsPerAgentHour), 3),
    dialsPerHour: round(mean((m) => m.dialsPerHour), 3),
    peakRinging: max((m) => m.peakRinging),
    targetAbandon: target,
    replications: run.replications,
    hours: run.hours,
    seed: run.seed,
    abandonRateStdErr: round(stdErr((m) => m.abandonRate), 6),
    occupancyStdErr: round(stdErr((m) => m.occupancy), 6),
  };
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
