import { type Clock, systemClock } from '../shared/clock.js';
import type { TimerHandle, Timers } from './timers.js';

/** setTimeout cannot wait longer than 2^31 − 1 ms (about 24.8 days); longer waits are chained. */
const MAX_TIMEOUT = 2_147_483_647;

interface RealTimer extends TimerHandle {
  timeout: NodeJS.Timeout | null;
}

/**
 * Timers on the wall clock, for the server. `at` is measured against the given Clock (the system
 * clock by default). `close()` cancels everything still pending, for a graceful shutdown.
 */
export class RealTimers implements Timers {
  private seq = 0;
  private readonly live = new Set<RealTimer>();

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly options: { unref?: boolean } = {},
  ) {}

  at(time: Date | number, fn: () => void): TimerHandle {
    const t = typeof time === 'number' ? time : time.getTime();
    if (Number.isNaN(t)) throw new RangeError('Cannot schedule a timer at an invalid time.');
    const timer: RealTimer = { timerId: ++this.seq, timeout: null };
    this.live.add(timer);
    const arm = (): void => {
      const delay = t - this.clock.now().getTime();
      if (delay > MAX_TIMEOUT) {
        timer.timeout = setTimeout(arm, MAX_TIMEOUT);
      } else {
        timer.timeout = setTimeout(() => {
          this.live.delete(timer);
          timer.timeout = null;
          fn();
        }, Math.max(0, delay));
      }
      if (this.options.unref) timer.timeout.unref();
    };
    arm();
    return timer;
  }

  after(delayMs: number, fn: () => void): TimerHandle {
    return this.at(this.clock.now().getTime() + Math.max(0, delayMs), fn);
  }

  cancel(handle: TimerHandle): void {
    const timer = handle as RealTimer;
    if (timer.timeout) clearTimeout(timer.timeout);
    timer.timeout = null;
    this.live.delete(timer);
  }

  get pending(): number {
    return this.live.size;
  }

  close(): void {
    for (const timer of [...this.live]) this.cancel(timer);
  }
}
