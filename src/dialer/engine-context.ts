import type { Kysely } from 'kysely';
import type { AgentDesk } from '../agents/agent-desk.js';
import type { DoNotCall } from '../dnc/do-not-call.js';
import type { EnginePorts } from '../engine/ports.js';
import type { Database } from '../storage/schema.js';
import type { Carrier } from '../telephony/carrier.js';
import type { WriteQueue } from './write-queue.js';

/** What every campaign engine on a node shares: wired by the runtime (dialer-runtime.ts). */
export interface EngineContext {
  db: Kysely<Database>;
  dnc: DoNotCall;
  ports: EnginePorts;
  carrier: Carrier;
  nodeId: string;
  writes: WriteQueue;
  desk: AgentDesk;
  /** Keeps an async task (a refill, seeding) in view so `settle()` can wait for it and failures are logged. */
  track(work: Promise<unknown>, label: string): void;
  /** Ask the campaigns for work for this agent, soon (coalesced, never re-entrant). */
  requestDispatch(agentId: number): void;
  log: DialerLog;
  options: DialerOptions;
}

export interface DialerLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface DialerOptions {
  /** A lease lasts this long unless renewed (point 14). */
  leaseTtlMs: number;
  /** How often each engine renews its lease and re-reads its campaign (status, recycle, settings, appended imports). */
  tickMs: number;
  /** Records another node held with a call still open wait this long before this node dials them. */
  orphanGraceMs: number;
  /** Unanswered calls are given up after this (never below the regulatory profile's minimum, e.g. 15 s in the US and UK). */
  ringTimeoutSeconds: number;
  /** P4: a skipped record is offered again after this. */
  skipDelayMs: number;
  /** P6: a requeued record goes back to anyone after this. */
  requeueDelayMs: number;
  /** P6: snooze length when the agent gives none. */
  snoozeMinutes: number;
  /** An empty lane is asked again after this at the latest. */
  recheckMs: number;
}

export const defaultDialerOptions: DialerOptions = {
  leaseTtlMs: 20_000,
  tickMs: 5_000,
  orphanGraceMs: 120_000,
  ringTimeoutSeconds: 25,
  skipDelayMs: 5 * 60_000,
  requeueDelayMs: 60_000,
  snoozeMinutes: 15,
  recheckMs: 60_000,
};

export const silentLog: DialerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
