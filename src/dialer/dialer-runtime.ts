import { AgentDesk } from '../agents/agent-desk.js';
import type { DoNotCall } from '../dnc/do-not-call.js';
import type { EnginePorts } from '../engine/ports.js';
import type { TimerHandle } from '../engine/timers.js';
import { AppError, notFound } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import type { Carrier } from '../telephony/carrier.js';
import { acquireLease, releaseLease } from './campaign-lease.js';
import { CampaignEngine } from './campaign-engine.js';
import { type AgentView, describeAgent } from './describe-agent.js';
import { defaultDialerOptions, type DialerLog, type DialerOptions, type EngineContext, silentLog } from './engine-context.js';
import { EventHub } from './event-hub.js';
import { beat, dropSession, leave, takeOverAgents } from './agent-sessions.js';
import { releaseHeld, type RestoredAgent, restingState, restoreWork } from './restore-work.js';
import { WriteQueue, type WriteQueueOptions } from './write-queue.js';

/**
 * The dialer on one node (issue 4): the campaign engines this node paces (each under its
 * lease), the agents signed in here (agents/agent-desk.ts), the write-behind queue and the
 * event hub for WebSockets. Built once in the composition root on real-time ports and the
 * simulated carrier, and in tests on virtual time.
 *
 * Agents ask for work through `requestDispatch`: a ready agent is offered the next thing from
 * the campaigns they joined, in turn. Commands from the REST edge (src/agents/) arrive as
 * methods on `agents` (agent-commands.ts); they change state synchronously and answer once
 * what they changed is stored.
 */
export interface DialerRuntimeDeps {
  storage: Storage;
  dnc: DoNotCall;
  ports: EnginePorts;
  carrier: Carrier;
  nodeId: string;
  log?: DialerLog;
  options?: Partial<DialerOptions>;
  /** Virtual time writes lazily, when a read or `settle()` needs it (write-queue.ts). */
  writeQueue?: WriteQueueOptions;
  /** Is that node's process still running? `false` only when sure (a process of this host that is gone); undefined: ask its heartbeat. */
  isNodeAlive?: (nodeId: string) => boolean | undefined;
  /**
   * Set when the carrier rings agents' own phones (SIP): the line (SIP URI) of an agent, null
   * when she has none — she cannot go ready then, since a call could not reach her.
   */
  agentLine?: (agentId: number) => Promise<string | null>;
}

export class DialerRuntime {
  readonly events = new EventHub();
  readonly desk: AgentDesk;
  readonly writes: WriteQueue;
  readonly ctx: EngineContext;
  readonly engines = new Map<number, CampaignEngine>();
  private readonly starting = new Map<number, Promise<CampaignEngine>>();
  private readonly tasks = new Set<Promise<unknown>>();
  private readonly failures: Array<{ label: string; err: unknown }> = [];
  private readonly dispatchQueue = new Set<number>();
  private dispatchTimer: TimerHandle | null = null;
  private tickTimer: TimerHandle | null = null;
  private readonly lastServed = new Map<number, number>();
  /** Agents taken over from a node that is gone, waiting for their record's campaign engine to start. */
  private readonly restoring = new Map<number, RestoredAgent[]>();
  private lastTakeOver = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(readonly deps: DialerRuntimeDeps) {
    const log = deps.log ?? silentLog;
    this.writes = new WriteQueue(deps.storage.db, (label, err) => {
      this.failures.push({ label, err });
      log.error({ err, write: label }, 'dialer write failed');
    }, deps.writeQueue);
    this.desk = new AgentDesk({
      clock: deps.ports.clock,
      writes: this.writes,
      events: this.events,
      nodeId: deps.nodeId,
      onReady: (userId) => this.requestDispatch(userId),
      keepSessions: deps.options?.restoreAgents ?? defaultDialerOptions.restoreAgents,
      describe: (userId, state) => describeAgent(userId, state, this.engines, this.desk.messages(userId)),
    });
    this.ctx = {
      db: deps.storage.db,
      dnc: deps.dnc,
      ports: deps.ports,
      carrier: deps.carrier,
      nodeId: deps.nodeId,
      writes: this.writes,
      desk: this.desk,
      track: (work, label) => this.track(work, label),
      requestDispatch: (agentId) => this.requestDispatch(agentId),
      log,
      options: { ...defaultDialerOptions, ...deps.options },
      isEngineOn: (campaignId) => this.engines.has(campaignId) || this.starting.has(campaignId),
      takeRestores: (campaignId) => {
        const agents = this.restoring.get(campaignId) ?? [];
        this.restoring.delete(campaignId);
        return agents;
      },
    };
  }

  get nodeId(): string {
    return this.deps.nodeId;
  }

  /** Starts the periodic tick: lease renewal, campaign status, appended imports, completion. */
  start(): void {
    this.stopped = false;
    if (this.ctx.options.restoreAgents) this.track(this.nodeTick(), 'node heartbeat');
    this.scheduleTick();
  }

  private scheduleTick(): void {
    if (this.stopped) return;
    this.tickTimer = this.deps.ports.timers.after(this.ctx.options.tickMs, () => {
      this.tickTimer = null;
      for (const engine of this.engines.values()) this.track(engine.tick(), `campaign ${engine.id} tick`);
      if (this.ctx.options.restoreAgents) this.track(this.nodeTick(), 'node heartbeat');
      this.scheduleTick();
    });
  }

  /** The heartbeat, and every lease period the agents of nodes that are gone taken over (agent-sessions.ts). */
  private async nodeTick(): Promise<void> {
    const { db } = this.deps.storage;
    const now = this.deps.ports.clock.now();
    await beat(db, this.nodeId, now);
    if (now.getTime() - this.lastTakeOver < this.ctx.options.leaseTtlMs) return;
    this.lastTakeOver = now.getTime();
    const agents = await takeOverAgents(db, { nodeId: this.nodeId, now, ttlMs: this.ctx.options.leaseTtlMs, isAlive: this.deps.isNodeAlive ?? (() => undefined) });
    if (agents.length > 0) await this.restoreAgents(agents);
  }

  /**
   * After a restart (issue 5 point 9): each agent is back in the campaigns she had joined, with
   * the record or the call's wrap-up she had (restore-work.ts), or not ready. The records are
   * queued for their engines before any engine starts, so each is claimed before its campaign's
   * orphans are released.
   */
  private async restoreAgents(agents: readonly RestoredAgent[]): Promise<void> {
    const fresh = agents.filter((a) => this.desk.state(a.userId).status === 'logged_out');
    for (const a of agents) {
      // Signed in here again before the takeover: what she held goes back to its campaign.
      if (!fresh.includes(a) && 'work' in a.state && a.state.work.recordId !== null) await releaseHeld(this.deps.storage.db, a.state.work.campaignId, a.state.work.recordId, a.fromNode, this.deps.ports.clock.now());
    }
    const running: Array<[CampaignEngine, RestoredAgent]> = [];
    for (const a of fresh) {
      if (!('work' in a.state)) continue;
      const id = a.state.work.campaignId;
      const engine = this.engines.get(id);
      if (engine) running.push([engine, a]);
      else this.restoring.set(id, [...(this.restoring.get(id) ?? []), a]);
    }
    const ids = [...new Set(fresh.flatMap((a) => a.state.campaigns))];
    await Promise.allSettled(ids.map((id) => this.ensureEngine(id)));
    for (const [id, waiting] of this.restoring) {
      if (this.engines.has(id) || this.starting.has(id)) continue;
      this.restoring.delete(id); // that campaign cannot run here: its agents come back without the record
      for (const a of waiting) this.restAgent(a);
    }
    for (const [engine, a] of running) await restoreWork(engine, [a]);
    for (const a of fresh) if (!('work' in a.state)) this.restAgent(a);
    this.ctx.log.info({ agents: fresh.length }, 'agents of a node that is gone were taken over');
  }

  private restAgent(a: RestoredAgent): void {
    if (this.desk.state(a.userId).status !== 'logged_out') return;
    const campaigns = a.state.campaigns.filter((id) => this.engines.has(id) || this.starting.has(id));
    if (campaigns.length === 0) {
      this.writes.push(`session ${a.userId}`, (db) => dropSession(db, a.userId, this.nodeId));
      return;
    }
    this.desk.apply(a.userId, { type: 'restore', state: restingState(a.state, campaigns) });
  }

  /** Stops ticking, releases buffered records and leases, and waits for the writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) this.deps.ports.timers.cancel(this.tickTimer);
    if (this.dispatchTimer) this.deps.ports.timers.cancel(this.dispatchTimer);
    await this.settle();
    for (const engine of this.engines.values()) await engine.shutdown();
    await this.settle();
    if (this.ctx.options.restoreAgents) await leave(this.deps.storage.db, this.nodeId);
  }

  track(work: Promise<unknown>, label: string): void {
    const tracked = work.catch((err: unknown) => {
      this.failures.push({ label, err });
      this.ctx.log.error({ err, task: label }, 'dialer task failed');
    });
    this.tasks.add(tracked);
    void tracked.finally(() => this.tasks.delete(tracked));
  }

  /**
   * Resolves when no background task is left; writes go on being queued (virtual-time runs call
   * it between events: only a task — a refill, a tick — can change what happens next).
   */
  async settleTasks(): Promise<void> {
    for (let round = 0; round < 10_000; round++) {
      if (this.tasks.size === 0) return;
      await Promise.allSettled([...this.tasks]);
    }
    throw new Error('The dialer did not settle: background work keeps starting more work.');
  }

  /** Resolves when no background task or write is left. */
  async settle(): Promise<void> {
    for (let round = 0; round < 10_000; round++) {
      if (this.tasks.size === 0 && this.writes.pending === 0) return;
      await Promise.allSettled([...this.tasks]);
      await this.writes.drained();
    }
    throw new Error('The dialer did not settle: background work keeps starting more work.');
  }

  /** Failures of background tasks and writes since the last call (tests assert there are none). */
  takeFailures(): Array<{ label: string; err: unknown }> {
    return this.failures.splice(0);
  }

  // ── engines ────────────────────────────────────────────────────────────────────────

  /** The engine of a campaign on this node, starting it (taking the lease) if needed. */
  ensureEngine(campaignId: number): Promise<CampaignEngine> {
    const existing = this.engines.get(campaignId);
    if (existing) return Promise.resolve(existing);
    let pending = this.starting.get(campaignId);
    if (pending) return pending;
    pending = this.startEngine(campaignId).finally(() => this.starting.delete(campaignId));
    this.starting.set(campaignId, pending);
    return pending;
  }

  private async startEngine(campaignId: number): Promise<CampaignEngine> {
    const { db } = this.deps.storage;
    const now = this.deps.ports.clock.now();
    const lease = await acquireLease(db, campaignId, this.nodeId, now, this.ctx.options.leaseTtlMs);
    if (lease.holder !== this.nodeId) {
      throw new AppError('conflict', `Campaign ${campaignId} is being dialed by another Pacer node (${lease.holder}); join it through that node, or wait until its lease lapses (${lease.expiresAt.toISOString()}).`, {
        campaignId,
        holder: lease.holder,
        expiresAt: lease.expiresAt.toISOString(),
      });
    }
    const engine = new CampaignEngine(campaignId, this.ctx);
    try {
      await engine.load();
    } catch (err) {
      await releaseLease(db, campaignId, this.nodeId);
      throw err;
    }
    this.engines.set(campaignId, engine);
    this.track(engine.start(), `campaign ${campaignId} start`);
    return engine;
  }

  engineOf(campaignId: number): CampaignEngine {
    const engine = this.engines.get(campaignId);
    if (!engine) throw notFound('Running campaign', campaignId);
    return engine;
  }

  // ── dispatch ───────────────────────────────────────────────────────────────────────

  /** Ask for work for this agent on the next turn (coalesced; never inside another engine step). */
  requestDispatch(agentId: number): void {
    this.dispatchQueue.add(agentId);
    if (this.dispatchTimer || this.stopped) return;
    this.dispatchTimer = this.deps.ports.timers.after(0, () => {
      this.dispatchTimer = null;
      const agents = [...this.dispatchQueue];
      this.dispatchQueue.clear();
      for (const id of agents) this.dispatchNow(id);
    });
  }

  /** A ready agent is served by the campaigns they joined, starting after the one that served them last. */
  private dispatchNow(agentId: number): void {
    const state = this.desk.state(agentId);
    if (state.status !== 'ready') return;
    const campaigns = state.campaigns;
    const last = this.lastServed.get(agentId);
    const start = last === undefined ? 0 : (campaigns.indexOf(last) + 1) % campaigns.length;
    for (let i = 0; i < campaigns.length; i++) {
      const id = campaigns[(start + i) % campaigns.length]!;
      const engine = this.engines.get(id);
      if (!engine) continue;
      try {
        if (engine.serve(agentId)) {
          this.lastServed.set(agentId, id);
          return;
        }
      } catch (err) {
        this.failures.push({ label: `serve agent ${agentId} in campaign ${id}`, err });
        this.ctx.log.error({ err, agentId, campaignId: id }, 'serving an agent failed');
      }
    }
  }

  // ── views ──────────────────────────────────────────────────────────────────────────

  describe(userId: number): AgentView {
    return describeAgent(userId, this.desk.state(userId), this.engines, this.desk.messages(userId));
  }
}
