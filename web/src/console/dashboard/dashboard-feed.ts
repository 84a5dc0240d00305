import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { ExternalStore, LiveSocket } from '../../api/live-socket';
import type { AgentOnFloor, CampaignDashboard, DashboardMessage } from './types';

/**
 * R1 live (issue 6 point 5): the dashboard's WebSocket GET /api/dashboard/events. The server
 * sends a snapshot on connect, a tick every second with the sections that changed per campaign
 * and the campaigns no longer visible, and an agent message the moment an agent's state
 * changes. `applyMessage` folds one message into the page's state (pure); `DashboardFeed`
 * keeps the socket open, reopening it with a growing pause (0.5 s … 10 s) when it drops.
 */
export interface DashboardState {
  /** null until the first snapshot. */
  campaigns: CampaignDashboard[] | null;
  asOf: string | null;
  node: string | null;
  /** The server's clock minus this browser's, in ms: time in state counts from `since`, on the server's clock. */
  clockOffsetMs: number;
}

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'signed_out';

export interface FeedSnapshot {
  state: DashboardState;
  connection: Connection;
}

export const EMPTY: DashboardState = { campaigns: null, asOf: null, node: null, clockOffsetMs: 0 };

/** Every section a campaign has: a campaign that becomes visible in a tick comes with all of them. */
const SECTIONS = ['name', 'mode', 'status', 'pacedHere', 'pacedBy', 'dialing', 'progress', 'abandonRate', 'calls', 'dialRatio', 'agentsByState', 'agents', 'owners', 'pacing'] as const satisfies ReadonlyArray<keyof CampaignDashboard>;

const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;

/** One message applied to the state: a snapshot replaces it, a tick patches sections, an agent message moves one agent. */
export function applyMessage(state: DashboardState, message: DashboardMessage, receivedAt: number): DashboardState {
  switch (message.type) {
    case 'snapshot':
      return { campaigns: [...message.campaigns].sort(byId), asOf: message.asOf, node: message.node, clockOffsetMs: Date.parse(message.asOf) - receivedAt };
    case 'tick': {
      const clock = { asOf: message.asOf, clockOffsetMs: Date.parse(message.asOf) - receivedAt };
      if (!state.campaigns) return { ...state, ...clock };
      const removed = new Set(message.removed);
      const patches = new Map(message.changed.map((p) => [p.id, p]));
      const campaigns = state.campaigns.filter((c) => !removed.has(c.id)).map((c) => (patches.has(c.id) ? { ...c, ...patches.get(c.id) } : c));
      const known = new Set(campaigns.map((c) => c.id));
      for (const p of message.changed) if (!known.has(p.id) && !removed.has(p.id) && isWhole(p)) campaigns.push(p);
      return { ...state, ...clock, campaigns: campaigns.sort(byId) };
    }
    case 'agent': {
      if (!state.campaigns) return state;
      const touched = new Set(message.campaignIds);
      const campaigns = state.campaigns.map((c) => (touched.has(c.id) && c.agents ? { ...c, agents: placeAgent(c.agents, message.agent) } : c));
      return { ...state, campaigns, clockOffsetMs: Date.parse(message.at) - receivedAt };
    }
  }
}

function isWhole(p: Partial<CampaignDashboard> & { id: number }): p is CampaignDashboard {
  return SECTIONS.every((s) => s in p);
}

/**
 * The agent in her new state, in user-ID order as the server lists them; gone once she left
 * every campaign. (Leaving one of two campaigns is told to both: the next tick, within a
 * second, brings each campaign's own list.)
 */
function placeAgent(agents: AgentOnFloor[], agent: AgentOnFloor): AgentOnFloor[] {
  const others = agents.filter((a) => a.userId !== agent.userId);
  if (agent.state === 'logged_out') return others;
  return [...others, agent].sort((a, b) => a.userId - b.userId);
}

const RETRY_MS = [500, 1000, 2000, 5000, 10_000];

export class DashboardFeed extends ExternalStore<FeedSnapshot> {
  private readonly socket = new LiveSocket('/api/dashboard/events', RETRY_MS, {
    message: (data) => {
      const message = data as DashboardMessage;
      const state = applyMessage(this.snapshot.state, message, Date.now());
      // Live once the snapshot is in: until then the page would show the figures from before the drop.
      if (message.type === 'snapshot') this.socket.healthy();
      this.set({ state, connection: message.type === 'snapshot' || this.snapshot.connection === 'live' ? 'live' : this.snapshot.connection });
    },
    drop: () => this.set({ connection: 'reconnecting' }),
    signedOut: () => this.set({ connection: 'signed_out' }),
  });

  constructor() {
    super({ state: EMPTY, connection: 'connecting' });
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  private set(patch: Partial<FeedSnapshot>): void {
    this.publish({ ...this.snapshot, ...patch });
  }
}

/** The live dashboard for a component: the socket opens on mount and closes on unmount. */
export function useDashboardFeed(): FeedSnapshot {
  const feed = useMemo(() => new DashboardFeed(), []);
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  return useSyncExternalStore(feed.subscribe, feed.getSnapshot);
}
