import { api, ApiError, newActionKey } from '../api/client';
import { ExternalStore, LiveSocket } from '../api/live-socket';
import type { AgentEvent, AgentMessage, AgentView, HistoryItem } from '../api/types';

/**
 * The agent's live state (issue 5 points 2, 9): the WebSocket GET /api/agent/events pushes
 * every change; GET /api/agent/state is read when the socket (re)opens and when the record in
 * hand changes (it adds the History tab). A dropped socket is reopened by itself, with a
 * growing pause (0.5 s … 5 s). Commands go over REST with an Idempotency-Key, so a command
 * retried after a network failure is applied once.
 */
export type Connection = 'connecting' | 'live' | 'lost';

/** The last offer event (P1): what the pop-up shows until the state carries the record. */
export interface OfferNotice {
  campaignId: number;
  recordId: number;
  campaignName: string;
  name: string | null;
}

export interface SessionSnapshot {
  view: AgentView | null;
  offer: OfferNotice | null;
  history: HistoryItem[];
  connection: Connection;
  /** Set when the server no longer knows the session (signed out elsewhere, expired). */
  signedOut: boolean;
}

const RETRY_MS = [500, 1000, 2000, 5000];
/** As many messages as the server keeps per agent. */
const MAX_MESSAGES = 50;

export class AgentSession extends ExternalStore<SessionSnapshot> {
  private historyFor: string | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly socket = new LiveSocket('/api/agent/events', RETRY_MS, {
    open: () => {
      this.socket.healthy();
      // A restarted server counts its revisions from 1 again: whatever it sends now is current.
      if (this.snapshot.view) this.snapshot = { ...this.snapshot, view: { ...this.snapshot.view, revision: 0 } };
      this.set({ connection: 'live' });
      void this.refresh();
    },
    message: (data) => this.onEvent(data as AgentEvent),
    drop: () => this.set({ connection: 'lost' }),
    signedOut: () => this.signOut(),
  });

  constructor() {
    super({ view: null, offer: null, history: [], connection: 'connecting', signedOut: false });
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.socket.stop();
  }

  /**
   * Re-reads the state over REST (with the History tab). An answer overtaken by a newer view (an
   * event or a command's answer that came while it was on its way) is dropped.
   */
  async refresh(): Promise<void> {
    try {
      const view = await api<AgentView>('GET', '/api/agent/state');
      if (!this.isCurrent(view)) return;
      this.historyFor = historyKey(view);
      this.set({ view, history: view.history ?? [] });
    } catch (err) {
      this.onFailure(err);
    }
  }

  /**
   * Sends a command (POST /api/agent/…). A network failure is retried twice with the same
   * Idempotency-Key; a refusal from the server is thrown for the caller to show.
   */
  async command(path: string, body?: unknown): Promise<AgentView> {
    const key = newActionKey();
    for (let attempt = 0; ; attempt++) {
      try {
        const view = await api<AgentView>('POST', `/api/agent/${path}`, body, { idempotencyKey: key });
        this.accept(view);
        return view;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'network' && attempt < 2) {
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        this.onFailure(err);
        throw err;
      }
    }
  }

  /**
   * Events. A state event may come a moment before the engine has attached the record or the
   * call to it (an offer, a dial), so an offer, a call of the record in hand or a withdrawn offer
   * also re-reads the state over REST, once for a burst of events.
   */
  private onEvent(event: AgentEvent): void {
    const view = this.snapshot.view;
    switch (event.type) {
      case 'agent.state':
        this.accept(event.state);
        return;
      case 'offer':
        this.set({ offer: { campaignId: event.campaignId, recordId: event.recordId, campaignName: event.campaignName, name: event.name } });
        this.refreshSoon();
        return;
      case 'offer.withdrawn':
        this.set({ offer: null });
        this.refreshSoon();
        return;
      case 'call': {
        if (!view) return;
        const mine = !event.line && view.work?.recordId === event.recordId && view.work.campaignId === event.campaignId;
        const work = mine && view.work ? { ...view.work, call: { id: event.callId, number: event.number, status: event.status } } : view.work;
        // D2: a line's card follows its call — added when dialed, gone once it ended or reached an agent.
        const gone = event.status === 'ended' || event.status === 'abandoning' || event.status === 'active' || event.status === 'held';
        const line = { campaignId: event.campaignId, callId: event.callId, number: event.number, status: event.status };
        const known = view.lines.some((l) => l.callId === event.callId);
        const lines = !event.line || gone ? view.lines.filter((l) => l.callId !== event.callId) : known ? view.lines.map((l) => (l.callId === event.callId ? line : l)) : [...view.lines, line];
        this.set({ view: { ...view, work, lines } });
        this.refreshSoon(); // the server's view is the truth (a line may have gone to another agent, D2)
        return;
      }
      case 'message':
        if (view) this.set({ view: { ...view, messages: [...view.messages, { kind: event.kind, text: event.text, displaySeconds: event.displaySeconds, at: event.at }] } });
        return;
    }
  }

  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, 50);
  }

  /** A newer state: keep the History tab unless the record in hand (or its last result) changed, then re-read it. */
  private accept(view: AgentView): void {
    if (!this.isCurrent(view)) return;
    const key = historyKey(view);
    if (view.history) {
      this.historyFor = key;
      this.set({ view, history: view.history });
      return;
    }
    this.set({ view });
    if (key !== this.historyFor) {
      this.historyFor = key;
      if (key === null) this.set({ history: [] });
      else void this.refresh();
    }
  }

  /** Is this view at least as new as the one shown? Without this, a REST answer read just before Accept could bring the offer back after it. */
  private isCurrent(view: AgentView): boolean {
    const shown = this.snapshot.view;
    return !shown || view.revision >= shown.revision;
  }

  private onFailure(err: unknown): void {
    if (err instanceof ApiError && err.status === 401) this.signOut();
  }

  private signOut(): void {
    this.stop();
    this.set({ signedOut: true });
  }

  private set(patch: Partial<SessionSnapshot>): void {
    // C7: messages are only ever added. A view read a moment earlier (a command's answer that
    // arrives after a message event) must not drop a message already shown: keep both lists.
    if (patch.view && this.snapshot.view && patch.view !== this.snapshot.view) patch = { ...patch, view: { ...patch.view, messages: mergeMessages(this.snapshot.view.messages, patch.view.messages) } };
    this.publish({ ...this.snapshot, ...patch });
  }
}

const messageKey = (m: AgentMessage): string => `${m.at}|${m.kind}|${m.text}`;

/** The union of two message lists, oldest first (the same list when nothing is new). */
function mergeMessages(before: AgentMessage[], after: AgentMessage[]): AgentMessage[] {
  const known = new Set(after.map(messageKey));
  const missing = before.filter((m) => !known.has(messageKey(m)));
  if (missing.length === 0) return after;
  return [...missing, ...after].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).slice(-MAX_MESSAGES);
}

/** The History tab changes when another record is in hand or a call on it ended. */
function historyKey(view: AgentView): string | null {
  return view.work ? `${view.work.campaignId}:${view.work.recordId}:${view.work.attempts}:${view.work.lastResult ?? ''}` : null;
}
