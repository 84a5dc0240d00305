import type { Clock } from '../shared/clock.js';
import { EventHeap } from './event-heap.js';
import type { TimerHandle, Timers } from './timers.js';

interface VirtualEvent extends TimerHandle {
  time: number;
  seq: number;
  fn: (() => void) | null; // null once run or cancelled
}

/**
 * Virtual time: a Clock and Timers driven by a priority queue of events. Nothing happens until
 * `runUntil`/`runFor`/`runNext` is called; then the clock jumps from event to event, so an hour
 * of simulated calls takes as long as the code it runs. Events at the same time run in the order
 * they were scheduled, so a run is deterministic.
 */
export class VirtualTime implements Clock, Timers {
  private ms: number;
  private seq = 0;
  private readonly heap = new EventHeap<VirtualEvent>();
  private cancelled = 0;
  private running = false;
  private executed = 0;

  constructor(start: Date | string | number = '2026-01-05T09:00:00Z') {
    this.ms = typeof start === 'number' ? start : new Date(start).getTime();
    if (!Number.isFinite(this.ms)) throw new RangeError(`VirtualTime needs a valid start time, got ${String(start)}.`);
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  at(time: Date | number, fn: () => void): TimerHandle {
    const t = typeof time === 'number' ? time : time.getTime();
    if (Number.isNaN(t)) throw new RangeError('Cannot schedule an event at an invalid time.');
    const event: VirtualEvent = { timerId: ++this.seq, seq: this.seq, time: Math.max(t, this.ms), fn };
    this.heap.push(event);
    return event;
  }

  after(delayMs: number, fn: () => void): TimerHandle {
    if (Number.isNaN(delayMs)) throw new RangeError('Cannot schedule an event after NaN milliseconds.');
    return this.at(this.ms + Math.max(0, delayMs), fn);
  }

  cancel(handle: TimerHandle): void {
    const event = handle as VirtualEvent;
    if (event.fn === null || event.fn === undefined) return;
    event.fn = null;
    this.cancelled++;
    // Cancelled events stay in the heap until popped; compact when they outnumber live ones.
    if (this.cancelled > 1024 && this.cancelled * 2 > this.heap.size) {
      this.heap.filter((e) => e.fn !== null);
      this.cancelled = 0;
    }
  }

  /** Events scheduled and not yet run or cancelled. */
  get pending(): number {
    return this.heap.size - this.cancelled;
  }

  /** Events run since this scheduler was created. */
  get eventsRun(): number {
    return this.executed;
  }

  /** When the next live event is due, or null when nothing is scheduled. */
  nextEventAt(): Date | null {
    const next = this.peekLive();
    return next ? new Date(next.time) : null;
  }

  /** Run every event due up to and including `time`, then leave the clock at `time`. Returns the number run. */
  runUntil(time: Date | number): number {
    const target = typeof time === 'number' ? time : time.getTime();
    if (target < this.ms) {
      throw new RangeError(`Virtual time cannot go back: it is ${this.now().toISOString()}, asked for ${new Date(target).toISOString()}.`);
    }
    const count = this.drain(target, Number.POSITIVE_INFINITY);
    this.ms = target;
    return count;
  }

  runFor(ms: number): number {
    return this.runUntil(this.ms + ms);
  }

  /** Run the next event (moving the clock to its time). False when nothing is scheduled. */
  runNext(): boolean {
    return this.drain(Number.POSITIVE_INFINITY, 1) === 1;
  }

  /** Run until no event is left; `maxEvents` guards against a simulation that never ends. */
  runAll(maxEvents = 50_000_000): number {
    const count = this.drain(Number.POSITIVE_INFINITY, maxEvents);
    if (this.pending > 0) throw new Error(`Stopped after ${maxEvents} events with ${this.pending} still pending; the simulation does not settle.`);
    return count;
  }

  private peekLive(): VirtualEvent | undefined {
    let top = this.heap.peek();
    while (top && top.fn === null) {
      this.heap.pop();
      this.cancelled--;
      top = this.heap.peek();
    }
    return top;
  }

  private drain(until: number, maxEvents: number): number {
    if (this.running) throw new Error('VirtualTime is already running events; do not advance time from inside an event.');
    this.running = true;
    let count = 0;
    try {
      while (count < maxEvents) {
        const next = this.peekLive();
        if (!next || next.time > until) break;
        this.heap.pop();
        const fn = next.fn!;
        next.fn = null;
        this.ms = next.time;
        count++;
        this.executed++;
        fn();
      }
    } finally {
      this.running = false;
    }
    return count;
  }
}
