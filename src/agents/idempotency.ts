/**
 * Issue 4 point 11 "an action sent twice is applied once": a command sent with an
 * `Idempotency-Key` header is run once per user and key; a repeat (a retry after a lost answer,
 * a double click) gets the first answer — or the first error — without running again.
 * Commands without a key rely on the state machines, which refuse a second accept, a second
 * hang-up and so on with 409. Keys are kept for `ttlMs` on this node.
 */
export class Idempotency {
  private readonly seen = new Map<string, { at: number; result: Promise<unknown> }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 10 * 60_000,
    private readonly max = 20_000,
  ) {}

  run<T>(userId: number, key: string | undefined, command: () => Promise<T>): Promise<T> {
    if (!key) return command();
    const id = `${userId}\u0000${key}`;
    const now = this.now();
    const hit = this.seen.get(id);
    if (hit && now - hit.at < this.ttlMs) return hit.result as Promise<T>;
    const result = command();
    result.catch(() => undefined);
    this.seen.set(id, { at: now, result });
    this.prune(now);
    return result;
  }

  private prune(now: number): void {
    if (this.seen.size <= this.max) return;
    for (const [id, entry] of this.seen) {
      if (this.seen.size <= this.max * 0.9 && now - entry.at < this.ttlMs) break;
      this.seen.delete(id);
    }
  }
}
