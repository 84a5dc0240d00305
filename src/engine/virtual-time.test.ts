import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.js';
import { RealTimers } from './real-time.js';
import { VirtualTime } from './virtual-time.js';

describe('T1 virtual time: one engine, two clocks (issue 4 point 1)', () => {
  it('T1 runs events in time order and moves the clock to each event', () => {
    const time = new VirtualTime('2026-03-02T09:00:00Z');
    const seen: string[] = [];
    time.after(3000, () => seen.push(`c@${time.now().toISOString()}`));
    time.after(1000, () => seen.push(`a@${time.now().toISOString()}`));
    time.at(new Date('2026-03-02T09:00:02Z'), () => seen.push(`b@${time.now().toISOString()}`));
    expect(seen).toEqual([]); // nothing runs until time is advanced
    expect(time.runFor(2500)).toBe(2);
    expect(seen).toEqual(['a@2026-03-02T09:00:01.000Z', 'b@2026-03-02T09:00:02.000Z']);
    expect(time.now().toISOString()).toBe('2026-03-02T09:00:02.500Z');
    time.runFor(10_000);
    expect(seen).toHaveLength(3);
  });

  it('T1 events at the same time run in the order they were scheduled (deterministic)', () => {
    const time = new VirtualTime();
    const seen: number[] = [];
    for (let i = 0; i < 100; i++) time.after(i % 3 === 0 ? 500 : 1000, () => seen.push(i));
    time.runFor(1000);
    const first = seen.filter((i) => i % 3 === 0);
    expect(seen.slice(0, first.length)).toEqual(first);
    expect(seen.slice(first.length)).toEqual([...Array(100).keys()].filter((i) => i % 3 !== 0));
  });

  it('T1 events scheduled by events run in the same pass when due; zero delay is never synchronous', () => {
    const time = new VirtualTime();
    const seen: string[] = [];
    time.after(10, () => {
      seen.push('first');
      time.after(0, () => seen.push('zero-delay'));
      time.after(5, () => seen.push('chained'));
      seen.push('after scheduling');
    });
    time.runFor(100);
    expect(seen).toEqual(['first', 'after scheduling', 'zero-delay', 'chained']);
  });

  it('T1 cancelled timers never run, cancelling twice is harmless, and pending counts only live events', () => {
    const time = new VirtualTime();
    let ran = 0;
    const handles = [...Array(3000).keys()].map((i) => time.after(i, () => ran++));
    handles.forEach((h, i) => i % 3 !== 0 && time.cancel(h));
    time.cancel(handles[1]!);
    expect(time.pending).toBe(1000);
    expect(time.nextEventAt()?.getTime()).toBe(time.nowMs());
    time.runAll();
    expect(ran).toBe(1000);
    expect(time.pending).toBe(0);
    expect(time.nextEventAt()).toBeNull();
  });

  it('T1 a time in the past runs now, never rewinds the clock; running backwards is refused', () => {
    const time = new VirtualTime('2026-03-02T09:00:00Z');
    time.runFor(60_000);
    let at = 0;
    time.at(new Date('2026-03-02T08:00:00Z'), () => (at = time.nowMs()));
    time.runNext();
    expect(new Date(at).toISOString()).toBe('2026-03-02T09:01:00.000Z');
    expect(() => time.runUntil(new Date('2026-03-02T09:00:30Z'))).toThrow(/cannot go back/);
  });

  it('T1 advancing time from inside an event is refused (it would reorder events)', () => {
    const time = new VirtualTime();
    time.after(1, () => time.runFor(10));
    expect(() => time.runFor(5)).toThrow(/from inside an event/);
  });

  it('T1 runAll refuses a simulation that never settles instead of hanging', () => {
    const time = new VirtualTime();
    const tick = (): void => void time.after(1000, tick);
    tick();
    expect(() => time.runAll(1000)).toThrow(/does not settle/);
  });

  it('T1 real-time timers fire on the wall clock, can be cancelled, and close() drops what is pending', async () => {
    const timers = new RealTimers();
    const seen: string[] = [];
    const cancelled = timers.after(5, () => seen.push('cancelled'));
    timers.after(10, () => seen.push('after'));
    timers.at(new Date(Date.now() + 5), () => seen.push('at'));
    timers.after(60_000, () => seen.push('never'));
    timers.cancel(cancelled);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(seen).toEqual(['at', 'after']);
    expect(timers.pending).toBe(1);
    timers.close();
    expect(timers.pending).toBe(0);
  });

  it('T1 real-time timers measure `at` against the injected clock', async () => {
    const clock = new ManualClock('2026-01-05T09:00:00Z');
    const timers = new RealTimers(clock);
    let fired = false;
    timers.at(new Date('2026-01-05T08:59:00Z'), () => (fired = true)); // already past on this clock
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fired).toBe(true);
  });
});
