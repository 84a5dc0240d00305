import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { type BatchItem, writeBatch } from './batch-writes.js';

/**
 * The engine's one lane to the database. Decisions are made in memory, synchronously (a dial
 * never waits for the database); what must be stored goes through here in the order it was
 * decided, and so do the reads that must see it (a refill's claim runs after every write
 * queued before it). One lane makes the order of database work independent of timing, which is
 * what lets a virtual-time run repeat exactly on either engine.
 *
 * Group commit: the frequent writes — attempts, agent transitions, record states — are
 * batchable (`BatchItem`, batch-writes.ts): everything queued between two other operations is
 * written in one transaction of a few multi-row statements, however many calls produced it.
 * An attempt rewritten five times while its call rang, connected and ended is one row. Other
 * writes (`push`) and reads (`run`) go alone, in their place.
 *
 * `autoFlush` (the server) starts writing as soon as the current synchronous work is done;
 * without it (virtual time) the queue writes when a read or `drained()` asks for it, or when it
 * holds `maxPending` items — so a simulated hour is a handful of transactions, not one per call.
 *
 * `afterStored(fn)` runs `fn` once everything queued before it is committed: the engine places a
 * call only after its attempt is stored, so a crash can never lose a call that went out (the
 * attempt limits of L6 and the UK rules count it). Callbacks waiting this way do not split a
 * batch. Without `autoFlush` (virtual time, where nothing crashes) `fn` runs at once.
 *
 * A failed batch is written again item by item so that one bad row cannot take the others
 * with it; each failure is reported to `onError` (logged by the runtime).
 */
export type Write = (db: Kysely<Database>) => Promise<unknown>;

type Item =
  | { kind: 'batch'; item: BatchItem }
  | { kind: 'after'; label: string; fn: () => void }
  | { kind: 'write'; label: string; write: Write }
  | { kind: 'run'; label: string; fn: Write; resolve: (v: unknown) => void; reject: (err: unknown) => void };

export interface WriteQueueOptions {
  autoFlush: boolean;
  maxPending: number;
}

export class WriteQueue {
  private items: Item[] = [];
  private working = false;
  private scheduled = false;
  private idle: Array<() => void> = [];
  /** Transactions and single operations run so far (for benchmarks). */
  readonly stats = { batches: 0, batchedItems: 0, singles: 0 };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (label: string, err: unknown) => void,
    private readonly options: WriteQueueOptions = { autoFlush: true, maxPending: 5_000 },
  ) {}

  /** A batchable write: attempts, agent transitions, record states. */
  add(item: BatchItem): void {
    this.items.push({ kind: 'batch', item });
    this.schedule();
  }

  /** A write of its own, after everything queued before it. */
  push(label: string, write: Write): void {
    this.items.push({ kind: 'write', label, write });
    this.schedule();
  }

  /** Runs `fn` once everything queued so far is stored (at once without `autoFlush`). */
  afterStored(label: string, fn: () => void): void {
    if (!this.options.autoFlush) return fn();
    this.items.push({ kind: 'after', label, fn });
    this.schedule();
  }

  /** A read (or claim) that must see every write queued before it; resolves with its result. */
  run<T>(label: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.items.push({ kind: 'run', label, fn, resolve: resolve as (v: unknown) => void, reject });
      void this.work();
    });
  }

  /** Operations queued or being written. */
  get pending(): number {
    return this.items.length + (this.working ? 1 : 0);
  }

  /** Resolves once everything queued so far (and anything queued meanwhile) is written. */
  drained(): Promise<void> {
    if (this.items.length === 0 && !this.working) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.idle.push(resolve));
    void this.work();
    return done;
  }

  private schedule(): void {
    if (this.options.autoFlush) {
      if (this.scheduled || this.working) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.work();
      });
    } else if (this.items.length >= this.options.maxPending) {
      void this.work();
    }
  }

  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      while (this.items.length > 0) {
        const head = this.items[0]!;
        if (head.kind === 'batch' || head.kind === 'after') {
          let n = 1;
          while (n < this.items.length && (this.items[n]!.kind === 'batch' || this.items[n]!.kind === 'after')) n++;
          const taken = this.items.splice(0, n);
          const batch = taken.flatMap((i) => (i.kind === 'batch' ? [i.item] : []));
          if (batch.length > 0) await this.writeBatch(batch);
          for (const i of taken) if (i.kind === 'after') this.callBack(i.label, i.fn);
          continue;
        }
        this.items.shift();
        this.stats.singles++;
        if (head.kind === 'write') {
          await head.write(this.db).catch((err: unknown) => this.onError(head.label, err));
        } else {
          await head.fn(this.db).then(head.resolve, head.reject);
        }
      }
    } finally {
      this.working = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private callBack(label: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(label, err);
    }
  }

  private async writeBatch(batch: BatchItem[]): Promise<void> {
    this.stats.batches++;
    this.stats.batchedItems += batch.length;
    try {
      await this.db.transaction().execute((trx) => writeBatch(trx, batch));
    } catch {
      for (const item of batch) {
        await writeBatch(this.db, [item]).catch((err: unknown) => this.onError(`${item.kind} ${labelOf(item)}`, err));
      }
    }
  }
}

function labelOf(item: BatchItem): string {
  switch (item.kind) {
    case 'attempt':
      return item.row.id;
    case 'agent':
      return `${item.userId} ${item.change.event}`;
    default:
      return `record ${item.w.recordId}`;
  }
}
