import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/**
 * Issue 4 point 13: how long a live answer waits to be offered to an agent, per campaign — from
 * the moment the engine learns a person is on the line (an answer without AMD, or AMD's
 * "human") to the moment the call is connected to an agent. Always on: one stopwatch read when
 * a person answers and one histogram record when the call is connected (≈ 0.1 µs each).
 *
 * Two histograms, in microseconds: offered at once (an agent was free — the engine's own
 * latency) and offered after waiting for an agent (D2/D6 — pacing, bounded by the profile's
 * connect time). Live answers never offered (abandoned, or the contact hung up first) are
 * counted as `lost`. The stopwatch is the ports' (`EnginePorts.stopwatch`: performance.now() in
 * real time), else the injected clock, so virtual-time runs measure virtual milliseconds.
 */
export interface LatencySummary {
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface OfferLatencySummary {
  immediate: LatencySummary;
  queued: LatencySummary;
  lost: number;
}

export class OfferLatency {
  readonly immediate: RecordableHistogram = createHistogram();
  readonly queued: RecordableHistogram = createHistogram();
  lost = 0;

  constructor(private readonly stopwatch: () => number) {}

  /** A person is on the line: the time to measure the offer from. */
  answered(): number {
    return this.stopwatch();
  }

  /** The call answered at `since` (from `answered()`) is now connected to an agent. */
  offered(since: number, waited: boolean): void {
    const us = Math.max(1, Math.round((this.stopwatch() - since) * 1000));
    (waited ? this.queued : this.immediate).record(us);
  }

  summary(): OfferLatencySummary {
    return { immediate: summarize(this.immediate), queued: summarize(this.queued), lost: this.lost };
  }
}

export function summarize(h: RecordableHistogram): LatencySummary {
  if (h.count === 0) return { count: 0, p50Ms: null, p99Ms: null, maxMs: null };
  const ms = (us: number): number => Math.round(us) / 1000;
  return { count: h.count, p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
}
