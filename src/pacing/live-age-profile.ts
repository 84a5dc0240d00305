/**
 * When calls bring their live answers (issue 7 point 3): a decaying histogram of how long after
 * dialing each call resolved, live or not, from which the pacer reads
 *
 * - the mean time from dialing to a live answer (the detector's "human"), and
 * - for a call still in flight at age a, its chance of yet bringing a live answer relative to a
 *   fresh call's: P(live | unresolved at a) / P(live). A call ringing for 15 s on a list whose
 *   people answer within ~12 s is almost surely heading for no answer: counting it as a fresh call
 *   would see competition for the agents that will not come. With memoryless ringing (the
 *   exponential twins) every age weighs 1.
 *
 * Half-second bins to five minutes (later resolutions in the last bin); every observation makes
 * the older ones weigh `decay` as much (kept as a growing weight for the new one, rescaled).
 */
const BIN_S = 0.5;
const BINS = 600;
/** Below this much weight left in the tail, the weight of the previous age is kept (too few calls to tell). */
const MIN_TAIL = 5;
const MAX_WEIGHT = 3;

export class LiveAgeProfile {
  private readonly live = new Float64Array(BINS);
  private readonly all = new Float64Array(BINS);
  private readonly weights = new Float64Array(BINS).fill(1);
  private next = 1;
  private liveTotal = 0;
  private liveSeconds = 0;
  private liveSquares = 0;
  private allTotal = 0;

  constructor(
    private readonly decay: number,
    private readonly priorLiveSeconds: number,
  ) {}

  /** A call resolved `ageSeconds` after it was dialed. */
  note(ageSeconds: number, live: boolean): void {
    const bin = binOf(ageSeconds);
    const w = this.next;
    this.all[bin]! += w;
    this.allTotal += w;
    if (live) {
      this.live[bin]! += w;
      this.liveTotal += w;
      this.liveSeconds += w * ageSeconds;
      this.liveSquares += w * ageSeconds * ageSeconds;
    }
    this.next /= this.decay;
    if (this.next > 1e200) this.rescale(this.next);
  }

  /** Mean seconds from dialing to a live answer (the prior until one came). */
  meanLiveSeconds(): number {
    return this.liveTotal > 0 ? this.liveSeconds / this.liveTotal : this.priorLiveSeconds;
  }

  /**
   * The squared coefficient of variation of the time to a live answer: 1 for memoryless ringing
   * (exponential), near 0 for answers after a near-fixed delay; 1 until a live answer came.
   */
  liveTimeCv2(): number {
    if (this.liveTotal <= 0) return 1;
    const mean = this.liveSeconds / this.liveTotal;
    const variance = Math.max(0, this.liveSquares / this.liveTotal - mean * mean);
    return mean > 0 ? variance / (mean * mean) : 1;
  }

  /** Recomputes the weights by age from the histogram (O(bins); the pacer does it once a second). */
  refresh(): void {
    const { live, all, weights } = this;
    if (this.liveTotal <= 0 || this.allTotal <= 0) return;
    const base = this.liveTotal / this.allTotal;
    const minTail = MIN_TAIL * this.next * this.decay;
    let liveTail = this.liveTotal;
    let allTail = this.allTotal;
    let previous = 1;
    for (let b = 0; b < BINS; b++) {
      const w = allTail >= minTail ? Math.min(MAX_WEIGHT, liveTail / allTail / base) : previous;
      weights[b] = w;
      previous = w;
      liveTail -= live[b]!;
      allTail -= all[b]!;
    }
  }

  /** A call in flight at this age, in fresh calls' worth of live answers to come (as of the last `refresh`). */
  weight(ageSeconds: number): number {
    return this.weights[binOf(ageSeconds)]!;
  }

  private rescale(by: number): void {
    for (let b = 0; b < BINS; b++) {
      this.live[b]! /= by;
      this.all[b]! /= by;
    }
    this.liveTotal /= by;
    this.liveSeconds /= by;
    this.liveSquares /= by;
    this.allTotal /= by;
    this.next /= by;
  }
}

function binOf(ageSeconds: number): number {
  return Math.min(BINS - 1, Math.max(0, Math.floor(ageSeconds / BIN_S)));
}
