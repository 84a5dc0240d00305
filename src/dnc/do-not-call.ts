import type { Transaction } from 'kysely';
import { AppError, validationFailed } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import type { BlockedSet } from './blocked-set.js';
import { loadBlockedSet } from './load-blocked-set.js';
import { e164Digits } from './normalise-number.js';
import { isE164Digits } from './number-index.js';

/**
 * L4 "a number on a do-not-call list is never dialed": the one object the dialer asks, at
 * the moment of dialing, whether a number is blocked. Built once in the composition root.
 *
 * Keeping memory and database in step:
 * - Every change runs through `change()`: its database work, then — as the transaction's last
 *   statement — `dnc_state.version + 1` (whose row lock orders DNC commits across all nodes),
 *   commit, and only then the same change to the in-memory set, under a local lock so this
 *   node applies its own changes in commit order.
 * - A change whose new version is not exactly ours + 1 means another node changed something
 *   in between: our version stays behind, and `refreshIfChanged()` (polled by the composition
 *   root on PostgreSQL) reloads. Other nodes learn of our changes the same way. A future step:
 *   `NOTIFY dnc` after commit with the version, `LISTEN dnc` on each node, for sub-second
 *   propagation; and a change log table to replay small changes instead of reloading.
 * - While a reload streams from the database the old set keeps answering; changes made
 *   meanwhile are journalled and replayed onto the new set before it is swapped in.
 * - Fail closed: if the set ever fails to take a committed change, every check throws until
 *   a reload succeeds — a check never answers "not blocked" from a set known to be behind.
 */
export interface DncVerdict {
  blocked: boolean;
  /** The lists (of those asked about) that hold the number, ascending. */
  listIds: number[];
}

export type DncWork<T> = (trx: Transaction<Database>) => Promise<{ result: T; apply?: (set: BlockedSet) => void }>;

export class DoNotCall {
  private journal: Array<{ version: number; apply: (set: BlockedSet) => void }> | undefined;
  private reloading: Promise<void> | undefined;
  private broken: unknown;
  private readonly lock = new Lock();

  private constructor(private readonly storage: Storage, private set: BlockedSet, private version: number) {}

  /** Loads every DNC number from the database (call once at start, after migrations). */
  static async load(storage: Storage): Promise<DoNotCall> {
    const { set, version } = await loadBlockedSet(storage);
    return new DoNotCall(storage, set, version);
  }

  // ── checks ─────────────────────────────────────────────────────────────────────────

  /**
   * Whether `number` (E.164 text such as "+81312345678", or its digits) is on any of
   * `listIds` (all lists when omitted). Throws — never answers false — for a malformed
   * number, an unknown list, or a set that is out of step.
   */
  isBlocked(number: string | number, listIds?: readonly number[]): boolean {
    const set = this.current();
    const mask = set.maskOf(this.digitsOf(number));
    return listIds === undefined ? mask !== 0 : (mask & set.maskOfLists(listIds)) !== 0;
  }

  /** Like isBlocked, naming the lists. */
  check(number: string | number, listIds?: readonly number[]): DncVerdict {
    const set = this.current();
    let mask = set.maskOf(this.digitsOf(number));
    if (listIds !== undefined) mask &= set.maskOfLists(listIds);
    return { blocked: mask !== 0, listIds: set.listsOf(mask >>> 0) };
  }

  /** Figures for logs and the benchmark. */
  stats(): ReturnType<BlockedSet['stats']> & { version: number } {
    return { ...this.set.stats(), version: this.version };
  }

  // ── changes ────────────────────────────────────────────────────────────────────────

  /**
   * Runs a DNC change in one transaction. `work` does the database part and returns the
   * matching in-memory change (`apply`), or no `apply` when nothing changed.
   */
  async change<T>(work: DncWork<T>): Promise<T> {
    let release: (() => void) | undefined;
    try {
      const done = await this.storage.db.transaction().execute(async (trx) => {
        const out = await work(trx);
        if (!out.apply) return { ...out, version: undefined };
        release = await this.lock.acquire();
        const row = await trx
          .updateTable('dnc_state')
          .set((eb) => ({ version: eb('version', '+', 1) }))
          .returning('version')
          .executeTakeFirstOrThrow();
        return { ...out, version: Number(row.version) };
      });
      if (done.apply && done.version !== undefined) this.applyCommitted(done.version, done.apply);
      return done.result;
    } finally {
      release?.();
    }
  }

  /** Reloads when the database's DNC version differs from ours (another node changed it). */
  async refreshIfChanged(): Promise<boolean> {
    const row = await this.storage.db.selectFrom('dnc_state').select('version').executeTakeFirstOrThrow();
    if (Number(row.version) === this.version && this.broken === undefined) return false;
    await this.reload();
    return true;
  }

  /** Streams the whole set again from the database and swaps it in. */
  reload(): Promise<void> {
    this.reloading ??= this.doReload().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async doReload(): Promise<void> {
    this.journal = [];
    try {
      const { set, version } = await loadBlockedSet(this.storage);
      const release = await this.lock.acquire();
      try {
        let seen = version;
        for (const entry of this.journal) {
          if (entry.version <= version) continue; // already in the snapshot
          entry.apply(set);
          if (entry.version === seen + 1) seen = entry.version;
        }
        this.set = set;
        this.version = seen;
        this.broken = undefined;
      } finally {
        release();
      }
    } finally {
      this.journal = undefined;
    }
  }

  private applyCommitted(version: number, apply: (set: BlockedSet) => void): void {
    this.journal?.push({ version, apply });
    try {
      apply(this.set);
    } catch (err) {
      // Committed in the database but not in memory: refuse checks until a reload catches up.
      this.broken = err;
      void this.reload().catch(() => undefined);
      return;
    }
    if (version === this.version + 1) this.version = version;
  }

  private current(): BlockedSet {
    if (this.broken !== undefined) {
      throw new AppError('internal', 'The do-not-call set is reloading after an error; no number can be cleared for dialing until it has. Try again shortly.');
    }
    return this.set;
  }

  private digitsOf(number: string | number): number {
    const digits = typeof number === 'number' ? number : e164Digits(number);
    if (digits === undefined || !isE164Digits(digits)) {
      throw validationFailed(`"${String(number)}" is not an E.164 number ("+" then up to 15 digits); normalise it before checking.`, { number: String(number) });
    }
    return digits;
  }
}

/** A tiny async lock: changes on this node reach memory in commit order. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}
