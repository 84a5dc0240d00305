import { api, ApiError } from './client';

/**
 * A WebSocket to one of Pacer's event streams (`/api/agent/events`, `/api/dashboard/events`)
 * that reopens by itself after a drop, with a growing pause. Before reopening a second time it
 * asks whether the session still exists — a socket refused because the session ended closes
 * like any other — and stops for good when it does not.
 */
export class LiveSocket {
  private socket: WebSocket | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(
    private readonly path: string,
    private readonly retryMs: readonly number[],
    private readonly on: { open?(): void; message(data: unknown): void; drop(): void; signedOut(): void },
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  /** The connection is good again (opened, or its first message arrived): the next drop waits the shortest pause. */
  healthy(): void {
    this.retries = 0;
  }

  private open(): void {
    if (this.stopped) return;
    const socket = new WebSocket(socketUrl(this.path));
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket === socket) this.on.open?.();
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      let data: unknown;
      try {
        data = JSON.parse(String(event.data));
      } catch {
        return; // not a message of ours
      }
      this.on.message(data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      this.on.drop();
      const wait = this.retryMs[Math.min(this.retries, this.retryMs.length - 1)]!;
      this.retries += 1;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.retries > 1) void this.checkSignedIn();
        this.open();
      }, wait);
    };
  }

  private async checkSignedIn(): Promise<void> {
    try {
      await api('GET', '/api/auth/me');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        this.stop();
        this.on.signedOut();
      }
    }
  }
}

function socketUrl(path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${path}`;
}

/** A snapshot React reads with useSyncExternalStore: replaced whole on every change, listeners told. */
export class ExternalStore<S> {
  private readonly listeners = new Set<() => void>();

  constructor(protected snapshot: S) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): S => this.snapshot;

  protected publish(next: S): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
