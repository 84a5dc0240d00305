import { api, ApiError, newActionKey } from '../api/client';
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

export class AgentSession {
  private snapshot: SessionSnapshot = { view: null, offer: null, history: [], connection: 'connecting', signedOut: false };
  private readonly listeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private historyFor: string | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly url: string = defaultSocketUrl()) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.socket?.close();
    this.socket = null;
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

  private open(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retries = 0;
      // A restarted server counts its revisions from 1 again: whatever it sends now is current.
      if (this.snapshot.view) this.snapshot = { ...this.snapshot, view: { ...this.snapshot.view, revision: 0 } };
      this.set({ connection: 'live' });
      void this.refresh();
    };
    socket.onmessage = (message) => {
      try {
        this.onEvent(JSON.parse(String(message.data)) as AgentEvent);
      } catch {
        // Not an event of ours; ignore it.
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      this.set({ connection: 'lost' });
      const wait = RETRY_MS[Math.min(this.retries, RETRY_MS.length - 1)]!;
      this.retries += 1;
      // Before reopening, ask whether the session still exists: a socket refused for that reason closes like any other.
      this.retryTimer = setTimeout(() => {
        if (this.retries > 1) void this.checkSignedIn();
        this.open();
      }, wait);
    };
  }

  private async checkSignedIn(): Promise<void> {
    try {
      await api('GET', '/api/auth/me');
    } catch (err) {
      this.onFailure(err);
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
    if (err instanceof ApiError && err.status === 401) {
      this.stop();
      this.set({ signedOut: true });
    }
  }

  private set(patch: Partial<SessionSnapshot>): void {
    // C7: messages are only ever added. A view read a moment earlier (a command's answer that
    // arrives after a message event) must not drop a message already shown: keep both lists.
    if (patch.view && this.snapshot.view && patch.view !== this.snapshot.view) patch = { ...patch, view: { ...patch.view, messages: mergeMessages(this.snapshot.view.messages, patch.view.messages) } };
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
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

function defaultSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/agent/events`;
}
