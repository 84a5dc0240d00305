/**
 * Events for signed-in users (issue 4 point 11): offers, agent and call states, messages. The
 * runtime publishes to a user; every WebSocket that user has open receives it
 * (src/agents/agent-socket.ts). Nothing is queued for users who are not listening: the desktop
 * reads the current state over REST when it (re)connects.
 */
export type DialerEvent =
  | { type: 'agent.state'; state: unknown }
  | { type: 'offer'; campaignId: number; recordId: number; callbackId: number | null; name: string | null; campaignName: string; autoAccept: boolean }
  | { type: 'offer.withdrawn'; campaignId: number; recordId: number; reason: string }
  | { type: 'call'; campaignId: number; recordId: number; callId: string; number: string; status: string; result: string | null; line: boolean }
  | { type: 'message'; kind: 'callback' | 'info' | 'error'; text: string; displaySeconds: number | null; at: string };

export type EventListener = (event: DialerEvent) => void;
export type WatchListener = (userId: number, event: DialerEvent) => void;

export class EventHub {
  private readonly listeners = new Map<number, Set<EventListener>>();
  private readonly watchers = new Set<WatchListener>();

  /** Every user's events (the supervisors' dashboard feed, src/dashboard/dashboard-feed.ts). */
  watchAll(listener: WatchListener): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  subscribe(userId: number, listener: EventListener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  publish(userId: number, event: DialerEvent): void {
    for (const watcher of this.watchers) {
      try {
        watcher(userId, event);
      } catch {
        // A watcher's failure must not break the engine.
      }
    }
    const set = this.listeners.get(userId);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch {
        // A broken socket must not break the engine; the socket closes itself.
      }
    }
  }

  listening(userId: number): number {
    return this.listeners.get(userId)?.size ?? 0;
  }
}
