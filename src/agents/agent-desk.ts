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

export class AgentDesk {
  private readonly sessions = new Map<number, Session>();

  constructor(
    private readonly deps: {
      clock: Clock;
      writes: WriteQueue;
      events: EventHub;
      nodeId: string;
      onReady: (userId: number) => void;
      describe: (userId: number, state: AgentState) => unknown;
    },
  ) {}

  state(userId: number): AgentState {
    return this.sessions.get(userId)?.state ?? initialAgentState(this.deps.clock.now());
  }

  apply(userId: number, event: AgentEvent): AgentState {
    const session = this.sessions.get(userId) ?? { state: initialAgentState(this.deps.clock.now()), messages: [] };
    const { state, record } = transitionAgent(session.state, event, this.deps.clock.now());
    session.state = state;
    this.sessions.set(userId, session);
    const joined = event.type === 'login' || event.type === 'logout' ? (event.campaignId ?? null) : null;
    this.deps.writes.add({ kind: 'agent', userId, nodeId: this.deps.nodeId, change: { ...record, joinedCampaignId: joined } });
    this.publish(userId, { type: 'agent.state', state: this.deps.describe(userId, state) });
    if (state.status === 'ready') this.deps.onReady(userId);
    return state;
  }

  /** Ready agents who joined `campaignId`, longest idle first. */
  readyFor(campaignId: number): number[] {
    const ready: Array<[number, number]> = [];
    for (const [userId, s] of this.sessions) {
      if (s.state.status === 'ready' && s.state.campaigns.includes(campaignId)) ready.push([userId, s.state.since.getTime()]);
    }
    return ready.sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([id]) => id);
  }

  /** Agents logged in to `campaignId`, whatever their state. */
  joined(campaignId: number): number[] {
    const ids: number[] = [];
    for (const [userId, s] of this.sessions) if (s.state.status !== 'logged_out' && s.state.campaigns.includes(campaignId)) ids.push(userId);
    return ids;
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
