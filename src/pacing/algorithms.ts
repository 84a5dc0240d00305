import { validationFailed } from '../shared/errors.js';
import { ErlangAlgorithm } from './erlang-algorithm.js';
import { FixedRatioAlgorithm } from './fixed-ratio-algorithm.js';
import { OmnidialerAlgorithm } from './omnidialer-algorithm.js';
import { PacerAlgorithm } from './pacer-algorithm.js';
import type { PacingAlgorithm } from './pacing-algorithm.js';
import { ProgressiveAlgorithm } from './progressive-algorithm.js';
import { VicidialAdaptAlgorithm } from './vicidial-adapt-algorithm.js';

/**
 * The pacing algorithms by name (issue 7 point 1): the simulator and the benchmark create them
 * here. Each call gives a fresh algorithm with no statistics. To add one, implement
 * `PacingAlgorithm` (pacing-algorithm.ts) in its own file and register it below.
 */
export interface AlgorithmOptions {
  /** fixed-ratio: calls in flight per free agent (default 2). */
  ratio?: number;
}

interface Entry {
  about: string;
  create(options: AlgorithmOptions): PacingAlgorithm;
}

const registry: Record<string, Entry> = {
  pacer: { about: "Pacer's predictive algorithm: a call while its chance of finding every agent busy stays under a limit the abandon rate moves", create: () => new PacerAlgorithm() },
  progressive: { about: 'one call per free agent', create: () => new ProgressiveAlgorithm() },
  'fixed-ratio': { about: 'a constant number of calls in flight per free agent (--ratio, default 2)', create: (o) => new FixedRatioAlgorithm(o.ratio ?? 2) },
  'vicidial-adapt': { about: "VICIdial's ADAPT_HARD_LIMIT: dial level × (ready + talking agents) in lines, the level adapted every 15 s, 1.0 over the drop limit", create: () => new VicidialAdaptAlgorithm() },
  omnidialer: { about: "OMniDialer's C_dial: (free + expected-to-free − ringing × hit rate) / hit rate × γ(drop rate), 1:1 when latched", create: () => new OmnidialerAlgorithm() },
  erlang: { about: 'open loop: the dial rate whose M/M/N+D abandon share is the target, from estimated answer share and handle time', create: () => new ErlangAlgorithm() },
};

export const algorithmNames: readonly string[] = Object.keys(registry);

export function describeAlgorithm(name: string): string {
  return registry[name]?.about ?? '';
}

export function createAlgorithm(name: string, options: AlgorithmOptions = {}): PacingAlgorithm {
  const entry = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!entry) throw validationFailed(`Unknown pacing algorithm "${name}". Known algorithms: ${algorithmNames.join(', ')}.`, { algorithm: name, known: [...algorithmNames] });
  if (options.ratio !== undefined && !(options.ratio > 0 && Number.isFinite(options.ratio))) {
    throw validationFailed(`The ratio must be a positive number of calls per free agent, got ${options.ratio}.`, { ratio: options.ratio });
  }
  return entry.create(options);
}
