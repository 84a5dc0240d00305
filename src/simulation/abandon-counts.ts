/**
 * Live answers and abandons per minute of a simulated shift (issue 7 point 1): the rolling rate
 * the pacing algorithm sees (like the engine's RollingAbandonRate, but O(1) per look: a running
 * sum and a pointer that drops the minutes leaving the window), and the worst full window of
 * the shift afterwards.
 */
const MINUTE = 60_000;

export class AbandonCounts {
  private readonly live: Int32Array;
  private readonly abandoned: Int32Array;
  private windowLive = 0;
  private windowAbandoned = 0;
  /** The first minute still inside the window. */
  private first = 0;

  constructor(
    private readonly startMs: number,
    shiftMs: number,
    private readonly windowMs: number,
  ) {
    const minutes = Math.ceil(shiftMs / MINUTE) + 1;
    this.live = new Int32Array(minutes);
    this.abandoned = new Int32Array(minutes);
  }

  /** A live answer was connected (abandoned = false) or abandoned, at `at`. */
  note(at: number, abandoned: boolean): void {
    const m = this.minuteOf(at);
    this.live[m]! += 1;
    this.windowLive += 1;
    if (abandoned) {
      this.abandoned[m]! += 1;
      this.windowAbandoned += 1;
    }
  }

  /** The rate over the window ending now, in percent (null with no live answer in it). Minute resolution at the old end, as the engine's. */
  ratePercent(now: number): number | null {
    const first = Math.floor((now - this.startMs - this.windowMs) / MINUTE) + 1;
    while (this.first < first && this.first < this.live.length) {
      this.windowLive -= this.live[this.first]!;
      this.windowAbandoned -= this.abandoned[this.first]!;
      this.first++;
    }
    return this.windowLive === 0 ? null : (100 * this.windowAbandoned) / this.windowLive;
  }

  /**
   * The worst abandon share (0–1) over every `windowMs` window that fits in the shift, sliding a
   * minute at a time; for a shift no longer than the window, the whole shift's. 0 with no live answer.
   */
  worstWindow(shiftMs: number): number {
    const span = Math.round(this.windowMs / MINUTE);
    const minutes = Math.ceil(shiftMs / MINUTE);
    if (minutes <= span) return share(sum(this.abandoned, 0, minutes), sum(this.live, 0, minutes));
    let live = sum(this.live, 0, span);
    let abandoned = sum(this.abandoned, 0, span);
    let worst = share(abandoned, live);
    for (let end = span; end < minutes; end++) {
      live += this.live[end]! - this.live[end - span]!;
      abandoned += this.abandoned[end]! - this.abandoned[end - span]!;
      worst = Math.max(worst, share(abandoned, live));
    }
    return worst;
  }

  private minuteOf(at: number): number {
    return Math.min(this.live.length - 1, Math.max(0, Math.floor((at - this.startMs) / MINUTE)));
  }
}

function sum(a: Int32Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && i < a.length; i++) n += a[i]!;
  return n;
}

const share = (abandoned: number, live: number): number => (live === 0 ? 0 : abandoned / live);
