import type { Kysely } from 'kysely';
import type { AgentDesk } from '../agents/agent-desk.js';
import type { DoNotCall } from '../dnc/do-not-call.js';
import type { EnginePorts } from '../engine/ports.js';
import type { Database } from '../storage/schema.js';
import type { Carrier } from '../telephony/carrier.js';
import type { RestoredAgent } from './restore-work.js';
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
  /** Is this campaign's engine running (or starting) on this node? */
  isEngineOn(campaignId: number): boolean;
  /** After a restart: the agents whose record of this campaign is to be given back (taken once, when the engine starts). */
  takeRestores(campaignId: number): RestoredAgent[];
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
  /**
   * Take over the agents of nodes that are gone (restarted or crashed), at start and then every
   * lease period (migration 0010). On in the server; virtual-time tests turn it on when they test it.
   */
  restoreAgents: boolean;
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
  restoreAgents: false,
};

export const silentLog: DialerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
