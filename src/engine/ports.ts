/**
 * The engine's ports in one place. The engine receives these from the composition root and never
 * reaches for Date.now(), setTimeout, Math.random or crypto itself:
 *
 * | port    | real time (server)             | virtual time (tests, simulations)     |
 * |---------|--------------------------------|---------------------------------------|
 * | Clock   | systemClock                    | VirtualTime                           |
 * | Timers  | RealTimers                     | VirtualTime                           |
 * | Random  | seededRandom(random seed)      | seededRandom(fixed seed)              |
 * | Ids     | uuidIds                        | sequentialIds()                       |
 *
 * `stopwatch` (optional) times short durations with sub-millisecond precision for metrics
 * (performance.now() in real time); without it the Clock is used (virtual milliseconds).
 */
import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../shared/clock.js';
import { type Ids, sequentialIds, uuidIds } from './ids.js';
import { type Random, seededRandom } from './random.js';
import { RealTimers } from './real-time.js';
import type { Timers } from './timers.js';
import { VirtualTime } from './virtual-time.js';

export type { Clock } from '../shared/clock.js';
export type { Ids } from './ids.js';
export type { Random } from './random.js';
export type { TimerHandle, Timers } from './timers.js';

export interface EnginePorts {
  clock: Clock;
  timers: Timers;
  random: Random;
  ids: Ids;
  /** Milliseconds on a monotonic high-resolution timeline, for measuring durations only. */
  stopwatch?: () => number;
}

/** Ports for the server: wall clock, setTimeout, UUIDs; randomness seeded so a run can be replayed from its logged seed. */
export function realTimePorts(seed: string | number = randomUUID()): EnginePorts & { timers: RealTimers } {
  return { clock: systemClock, timers: new RealTimers(systemClock), random: seededRandom(seed), ids: uuidIds, stopwatch: () => performance.now() };
}

/** Ports for tests and simulations: one VirtualTime serves as both Clock and Timers. */
export function virtualTimePorts(
  seed: string | number,
  start: Date | string | number = '2026-01-05T09:00:00Z',
): EnginePorts & { time: VirtualTime } {
  const time = new VirtualTime(start);
  return { clock: time, timers: time, time, random: seededRandom(seed), ids: sequentialIds() };
}
