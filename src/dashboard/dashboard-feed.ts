import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { DialerRuntime } from '../dialer/dialer-runtime.js';
import type { TimerHandle } from '../engine/timers.js';
import type { Database } from '../storage/schema.js';
import { type AgentOnFloor, agentOnFloor } from './campaign-floor.js';
import { type CampaignDashboard, type DashboardReader, visibleCampaignIds } from './read-dashboard.js';
import { compactRecordCounts } from './record-counts.js';

/**
 * R1 live (issue 4 point 11): the supervisors' channel. Each subscriber gets the dashboard of
 * the campaigns they may watch when they connect, then every `tickMs` (on the injected timers,
 * so it runs in virtual time too) a tick with what changed per campaign — whole sections
 * (progress, calls, agents, pacing, …) — and the campaigns they may no longer watch; agent
 * state changes go out the moment they happen. Grants are read again on every tick. One
 * dashboard is built per tick for all subscribers; nothing runs while nobody listens.
 */
export type DashboardMessage =
  | { type: 'snapshot'; asOf: string; node: string | null; campaigns: CampaignDashboard[] }
  | { type: 'tick'; asOf: string; changed: Array<Partial<CampaignDashboard> & { id: number }>; removed: number[] }
  | { type: 'agent'; at: string; campaignIds: number[]; agent: AgentOnFloor };

type Section = Exclude<keyof CampaignDashboard, 'id'>;
const SECTIONS: readonly Section[] = ['name', 'mode', 'status', 'pacedHere', 'pacedBy', 'dialing', 'progress', 'abandonRate', 'calls', 'dialRatio', 'agentsByState', 'agents', 'owners', 'pacing'];

interface Subscriber {
  actor: Actor;
  only: ReadonlySet<number> | null;
  send: (message: DashboardMessage) => void;
  /** What the subscriber was last sent, per campaign and section (agents without their seconds in state). */
  sent: Map<number, Map<Section, string>> | null;
}

export interface DashboardFeedOptions {
  tickMs: number;
  /** How often the record-count journal is compacted (migration 0009). */
  compactEveryMs: number;
}

export class DashboardFeed {
  private readonly subscribers = new Set<Subscriber>();
  private readonly agentCampaigns = new Map<number, readonly number[]>();
  private tickTimer: TimerHandle | null = null;
  private compactTimer: TimerHandle | null = null;
  private unwatch: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly runtime: DialerRuntime,
    private readonly reader: DashboardReader,
    private readonly options: DashboardFeedOptions = { tickMs: 1_000, compactEveryMs: 60_000 },
  ) {}

  private get timers() {
    return this.runtime.deps.ports.timers;
  }

  private now(): Date {
    return this.runtime.deps.ports.clock.now();
  }

  /** Starts sending to `send`: the snapshot first, then ticks and agent changes. Returns the unsubscribe. */
  subscribe(actor: Actor, only: readonly number[] | null, send: (message: DashboardMessage) => void): () => void {
    const sub: Subscriber = { actor, only: only ? new Set(only) : null, send, sent: null };
    this.subscribers.add(sub);
    this.unwatch ??= this.runtime.events.watchAll((userId, event) => {
      if (event.type === 'agent.state') this.agentChanged(userId);
    });
    this.runtime.track(this.snapshot(sub), 'dashboard snapshot');
    this.scheduleTick();
    return () => {
      this.subscribers.delete(sub);
      if (this.subscribers.size > 0) return;
      this.unwatch?.();
      this.unwatch = null;
      if (this.tickTimer) this.timers.cancel(this.tickTimer);
      this.tickTimer = null;
    };
  }

  get listening(): number {
    return this.subscribers.size;
  }

  /** Keeps the record-count journal compact even when nobody watches (started by the server once it listens). */
  startMaintenance(): void {
    if (this.compactTimer || this.closed) return;
    this.compactTimer = this.timers.after(this.options.compactEveryMs, () => {
      this.compactTimer = null;
      this.runtime.track(compactRecordCounts(this.db), 'dashboard: compact record counts');
      this.startMaintenance();
    });
  }

  close(): void {
    this.closed = true;
    for (const timer of [this.tickTimer, this.compactTimer]) if (timer) this.timers.cancel(timer);
    this.tickTimer = this.compactTimer = null;
    this.unwatch?.();
    this.unwatch = null;
    this.subscribers.clear();
  }

  private async visible(sub: Subscriber): Promise<Set<number>> {
    const ids = await visibleCampaignIds(this.db, sub.actor);
    return sub.only ? new Set([...ids].filter((id) => sub.only!.has(id))) : ids;
  }

  private async snapshot(sub: Subscriber): Promise<void> {
    const view = await this.reader.read(await this.visible(sub));
    if (!this.subscribers.has(sub)) return;
    sub.sent = new Map(view.campaigns.map((c) => [c.id, fingerprint(c)]));
    sub.send({ type: 'snapshot', ...view });
  }

  private scheduleTick(): void {
    if (this.tickTimer || this.closed || this.subscribers.size === 0) return;
    this.tickTimer = this.timers.after(this.options.tickMs, () => {
      this.runtime.track(
        this.tick().finally(() => {
          this.tickTimer = null;
          this.scheduleTick();
        }),
        'dashboard tick',
      );
    });
  }

  private async tick(): Promise<void> {
    const subs = [...this.subscribers].filter((s) => s.sent !== null);
    if (subs.length === 0) return;
    const visible = await Promise.all(subs.map((s) => this.visible(s)));
    const all = new Set(visible.flatMap((v) => [...v]));
    const view = await this.reader.read(all);
    subs.forEach((sub, i) => {
      if (!this.subscribers.has(sub) || !sub.sent) return;
      const mine = view.campaigns.filter((c) => visible[i]!.has(c.id));
      const changed: Array<Partial<CampaignDashboard> & { id: number }> = [];
      for (const c of mine) {
        const now = fingerprint(c);
        const before = sub.sent.get(c.id);
        const patch: Partial<CampaignDashboard> & { id: number } = { id: c.id };
        for (const s of SECTIONS) if (before?.get(s) !== now.get(s)) Object.assign(patch, { [s]: c[s] });
        if (Object.keys(patch).length > 1) changed.push(patch);
        sub.sent.set(c.id, now);
      }
      const removed = [...sub.sent.keys()].filter((id) => !visible[i]!.has(id));
      for (const id of removed) sub.sent.delete(id);
      sub.send({ type: 'tick', asOf: view.asOf, changed, removed });
    });
  }

  /** An agent's state changed on this node: tell the subscribers who watch one of their campaigns (before or after). */
  private agentChanged(userId: number): void {
    const state = this.runtime.desk.state(userId);
    const campaigns = state.status === 'logged_out' ? [] : state.campaigns;
    const before = this.agentCampaigns.get(userId) ?? [];
    if (campaigns.length > 0) this.agentCampaigns.set(userId, campaigns);
    else this.agentCampaigns.delete(userId);
    const touched = [...new Set([...before, ...campaigns])];
    if (touched.length === 0) return;
    const now = this.now();
    const agent = agentOnFloor(userId, this.reader.nameOf(userId), state, now);
    for (const sub of this.subscribers) {
      if (!sub.sent) continue;
      const seen = touched.filter((id) => sub.sent!.has(id));
      if (seen.length > 0) sub.send({ type: 'agent', at: now.toISOString(), campaignIds: seen, agent });
    }
  }
}

function fingerprint(c: CampaignDashboard): Map<Section, string> {
  const f = new Map<Section, string>();
  for (const s of SECTIONS) {
    const value = s === 'agents' ? c.agents?.map(({ secondsInState: _, ...a }) => a) : c[s];
    f.set(s, JSON.stringify(value ?? null));
  }
  return f;
}
