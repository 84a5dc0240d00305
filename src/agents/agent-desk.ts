import type { Clock } from '../shared/clock.js';
import type { DialerEvent, EventHub } from '../dialer/event-hub.js';
import type { WriteQueue } from '../dialer/write-queue.js';
import { type AgentEvent, type AgentState, agentStateLabel, initialAgentState, transitionAgent } from './agent-state.js';

/**
 * The agents working on this node (issue 4 point 2): each one's state machine
 * (agent-state.ts), applied one event at a time. Every transition is stored (the write queue)
 * with its time and published to the agent's sockets; an agent who becomes ready is handed to
 * `onReady`, which asks the campaigns for work. An illegal event throws the state machine's
 * AppError('invalid_state') and changes nothing.
 */
export interface AgentMessage {
  kind: 'callback' | 'info' | 'error';
  text: string;
  displaySeconds: number | null;
  at: string;
}

interface Session {
  state: AgentState;
  messages: AgentMessage[];
}

const MAX_MESSAGES = 50;
const NONE: readonly number[] = [];
const campaignsOf = (state: AgentState): readonly number[] => (state.status === 'logged_out' ? NONE : state.campaigns);

export class AgentDesk {
  private readonly sessions = new Map<number, Session>();
  /** The agents logged in to each campaign, kept as logins and logouts are applied: asking who is on a campaign never scans the whole floor. */
  private readonly members = new Map<number, Set<number>>();

  constructor(
    private readonly deps: {
      clock: Clock;
      writes: WriteQueue;
      events: EventHub;
      nodeId: string;
      onReady: (userId: number) => void;
      /** Write each agent's state to agent_sessions too, for the node that restores her after a restart. */
      keepSessions: boolean;
      describe: (userId: number, state: AgentState) => unknown;
    },
  ) {}

  state(userId: number): AgentState {
    return this.sessions.get(userId)?.state ?? initialAgentState(this.deps.clock.now());
  }

  apply(userId: number, event: AgentEvent): AgentState {
    const session = this.sessions.get(userId) ?? { state: initialAgentState(this.deps.clock.now()), messages: [] };
    const before = session.state;
    const { state, record } = transitionAgent(before, event, this.deps.clock.now());
    session.state = state;
    this.sessions.set(userId, session);
    this.index(userId, campaignsOf(before), campaignsOf(state));
    const joined = event.type === 'login' || event.type === 'logout' ? (event.campaignId ?? null) : null;
    this.deps.writes.add({ kind: 'agent', userId, nodeId: this.deps.nodeId, change: { ...record, joinedCampaignId: joined }, state: this.deps.keepSessions ? state : undefined });
    this.publish(userId, { type: 'agent.state', state: this.deps.describe(userId, state) });
    if (state.status === 'ready') this.deps.onReady(userId);
    return state;
  }

  /** Publishes the agent's view again when what it shows changed without a transition (a restored record attached to her state). */
  republish(userId: number): void {
    const session = this.sessions.get(userId);
    if (session) this.publish(userId, { type: 'agent.state', state: this.deps.describe(userId, session.state) });
  }

  /** Ready agents who joined `campaignId`, longest idle first. */
  readyFor(campaignId: number): number[] {
    const ready: Array<[number, number]> = [];
    for (const userId of this.members.get(campaignId) ?? NONE) {
      const s = this.sessions.get(userId)!.state;
      if (s.status === 'ready') ready.push([userId, s.since.getTime()]);
    }
    return ready.sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([id]) => id);
  }

  /** The first of `readyFor(campaignId)` that `accept` takes, without sorting them all (a live answer looking for an agent, D2). */
  longestIdle(campaignId: number, accept: (userId: number) => boolean): number | undefined {
    let best: number | undefined;
    let bestSince = Number.POSITIVE_INFINITY;
    for (const userId of this.members.get(campaignId) ?? NONE) {
      const s = this.sessions.get(userId)!.state;
      if (s.status !== 'ready') continue;
      const since = s.since.getTime();
      if ((since < bestSince || (since === bestSince && userId < best!)) && accept(userId)) {
        best = userId;
        bestSince = since;
      }
    }
    return best;
  }

  /** Agents logged in to `campaignId`, whatever their state. */
  joined(campaignId: number): number[] {
    return [...(this.members.get(campaignId) ?? NONE)];
  }

  /** How many agents are logged in to `campaignId` (sizes the record buffer on every take). */
  joinedCount(campaignId: number): number {
    return this.members.get(campaignId)?.size ?? 0;
  }

  private index(userId: number, before: readonly number[], after: readonly number[]): void {
    if (before === after) return; // only logins and logouts change an agent's campaigns
    for (const id of before) if (!after.includes(id)) this.members.get(id)?.delete(userId);
    for (const id of after) {
      let set = this.members.get(id);
      if (!set) this.members.set(id, (set = new Set()));
      set.add(userId);
    }
  }

  message(userId: number, message: Omit<AgentMessage, 'at'>): void {
    const session = this.sessions.get(userId);
    const full = { ...message, at: this.deps.clock.now().toISOString() };
    if (session) {
      session.messages.push(full);
      if (session.messages.length > MAX_MESSAGES) session.messages.shift();
    }
    this.publish(userId, { type: 'message', ...full });
  }

  messages(userId: number): readonly AgentMessage[] {
    return this.sessions.get(userId)?.messages ?? [];
  }

  publish(userId: number, event: DialerEvent): void {
    this.deps.events.publish(userId, event);
  }

  label(userId: number): string {
    return agentStateLabel(this.state(userId));
  }
}
