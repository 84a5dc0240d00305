/**
 * Probes for the real-time dialer bench (bench/dialer-realtime.ts), kept outside the engine:
 *
 * - `dueTimers` wraps the simulated carrier's Timers so that, while a carrier timer runs, the
 *   moment it was due is known: a carrier event "happens" then, and any lateness of the event
 *   loop (a busy main thread, a blocking database call) is part of the answer's wait — as a SIP
 *   message waits in the socket while the thread is busy.
 * - `AnswerToBridge` wraps the Carrier: from the due time of the event that reports a person
 *   (an answer without AMD, AMD "human"/"unknown") to the engine's `bridge()` of that call.
 * - `BackendCpu` sums the CPU time of the PostgreSQL server processes serving one database.
 */
import { readFileSync } from 'node:fs';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type pg from 'pg';
import type { TimerHandle, Timers } from '../src/engine/timers.js';
import type { Carrier, CarrierCall, CarrierListener, PlaceCallRequest } from '../src/telephony/carrier.js';

export function dueTimers(inner: Timers): { timers: Timers; due: () => number | null } {
  let running: number | null = null;
  const wrap = (dueAt: number, fn: () => void) => (): void => {
    running = dueAt;
    try {
      fn();
    } finally {
      running = null;
    }
  };
  const timers: Timers = {
    at: (time: Date | number, fn: () => void): TimerHandle => {
      const t = typeof time === 'number' ? time : time.getTime();
      return inner.at(t, wrap(performance.now() + Math.max(0, t - Date.now()), fn));
    },
    after: (delayMs: number, fn: () => void): TimerHandle => inner.after(delayMs, wrap(performance.now() + Math.max(0, delayMs), fn)),
    cancel: (handle: TimerHandle): void => inner.cancel(handle),
  };
  return { timers, due: () => running };
}

export class AnswerToBridge implements Carrier {
  /** Microseconds from the carrier's due time of the live answer to the bridge: bridged while the answer was handled (an agent was free) … */
  readonly atOnce: RecordableHistogram = createHistogram();
  /** … or later, when an agent became free (D6). */
  readonly afterWait: RecordableHistogram = createHistogram();
  liveAnswers = 0;
  private readonly since = new Map<string, number>();
  private handling: string | null = null;

  constructor(
    private readonly inner: Carrier,
    private readonly due: () => number | null,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get liveCalls(): number {
    return this.inner.liveCalls;
  }

  placeCall(request: PlaceCallRequest, listener: CarrierListener): CarrierCall {
    const id = request.callId;
    const handle = this.inner.placeCall(request, (ev) => {
      const person = (ev.type === 'answered' && !request.detectMachine) || (ev.type === 'amd' && ev.decision !== 'machine' && ev.decision !== 'fax');
      if (ev.type === 'ended') this.since.delete(id);
      if (!person) return listener(ev);
      this.liveAnswers++;
      this.since.set(id, this.due() ?? performance.now());
      this.handling = id;
      try {
        listener(ev);
      } finally {
        this.handling = null;
      }
    });
    return {
      callId: handle.callId,
      hangUp: () => handle.hangUp(),
      hold: () => handle.hold(),
      resume: () => handle.resume(),
      playMessage: (message, options) => handle.playMessage(message, options),
      bridge: (agentId) => {
        const t = this.since.get(id);
        if (t !== undefined) {
          (this.handling === id ? this.atOnce : this.afterWait).record(Math.max(1, Math.round((performance.now() - t) * 1000)));
          this.since.delete(id);
        }
        handle.bridge(agentId);
      },
    };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** CPU seconds used by the server processes of one PostgreSQL database (sampled: pids come and go with the pool). */
export class BackendCpu {
  private readonly ticks = new Map<number, { first: number; last: number }>();
  private readonly hz = 100; // USER_HZ on Linux

  constructor(
    private readonly pool: pg.Pool,
    private readonly database: string,
  ) {}

  async sample(): Promise<void> {
    const res = await this.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [this.database]);
    for (const { pid } of res.rows) {
      const t = cpuTicks(pid);
      if (t === null) continue;
      const seen = this.ticks.get(pid);
      if (seen) seen.last = t;
      else this.ticks.set(pid, { first: t, last: t });
    }
  }

  /** Call before the measured window: what the pids used so far does not count. */
  seconds(): number {
    let sum = 0;
    for (const { first, last } of this.ticks.values()) sum += last - first;
    return sum / this.hz;
  }
}

function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of the whole line)
  } catch {
    return null;
  }
}
