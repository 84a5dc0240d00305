/**
 * Timers are a port, like the Clock: the engine asks for "run this at that time" and never calls
 * setTimeout itself, so the same code runs on the wall clock (real-time.ts) and on a virtual
 * clock (virtual-time.ts) where a simulated day passes in well under a second.
 */
export interface TimerHandle {
  /** Opaque; only meaningful to the Timers that returned it. */
  readonly timerId: number;
}

export interface Timers {
  /** Run `fn` at `time` (a Date or epoch milliseconds). A time in the past runs as soon as possible. */
  at(time: Date | number, fn: () => void): TimerHandle;
  /** Run `fn` after `delayMs` milliseconds (0 = as soon as possible, never synchronously). */
  after(delayMs: number, fn: () => void): TimerHandle;
  /** Cancel a timer that has not run yet; cancelling twice or after it ran does nothing. */
  cancel(handle: TimerHandle): void;
}
