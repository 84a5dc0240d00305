import { AppError } from '../shared/errors.js';
import { NumberIndex, PairBuffer, isE164Digits, mergeIndex } from './number-index.js';

/**
 * L4: every blocked number across all do-not-call lists, in memory, with the lists each is on.
 *
 * Each DNC list holds one of 32 slots (a bit of the per-number mask), so a campaign's check
 * against its own lists is one AND. Numbers live in the compact NumberIndex; a number added
 * that the index does not hold yet waits in a small `pending` map until enough have gathered
 * to merge (a merge rewrites the index: ~1 s for 10 million numbers, so it is batched).
 * Removing a number, or deleting a list, only clears bits.
 *
 * Limits: at most 32 lists (MAX_DNC_LISTS). Numbers are E.164 digits (≤ 15).
 */
export const MAX_DNC_LISTS = 32;
/** New numbers wait in the map until this many have gathered, then merge into the index. */
const PENDING_LIMIT = 32_768;
/** Adding more numbers than this at once goes straight into a merge. */
const BULK_ADD = 4_096;

export class BlockedSet {
  private index: NumberIndex;
  private pending = new Map<number, number>();
  private readonly slotOfList = new Map<number, number>();
  private readonly listOfSlot: Array<number | undefined> = new Array(MAX_DNC_LISTS).fill(undefined);
  /** Entries of the index whose mask fell to 0; merged away once they are many. */
  private dead = 0;

  private constructor(index: NumberIndex) {
    this.index = index;
  }

  /** An empty set knowing the given lists. */
  static empty(listIds: Iterable<number> = []): BlockedSet {
    const set = new BlockedSet(NumberIndex.empty());
    for (const id of listIds) set.slotFor(id);
    return set;
  }

  /**
   * Builds a set from streamed (number, listId) rows: `collect` pushes each row; nothing but
   * typed arrays is kept (8 bytes a row while loading).
   */
  static build(listIds: Iterable<number>, collect: (add: (number: number, listId: number) => void) => Promise<void> | void, expectedRows = 1024): Promise<BlockedSet> {
    const set = BlockedSet.empty(listIds);
    const pairs = new PairBuffer(expectedRows);
    const add = (number: number, listId: number) => {
      if (!isE164Digits(number)) throw new Error(`A stored do-not-call number is not E.164 digits (list ${listId}).`);
      pairs.push(number, set.slotFor(listId));
    };
    return Promise.resolve(collect(add)).then(() => {
      set.index = mergeIndex(null, pairs);
      return set;
    });
  }

  // ── checks (hot path) ──────────────────────────────────────────────────────────────

  /** The mask of lists `number` (E.164 digits) is on; 0 when it is on none. */
  maskOf(number: number): number {
    const i = this.index.find(number);
    if (i >= 0) return this.index.maskAt(i);
    return this.pending.size === 0 ? 0 : (this.pending.get(number) ?? 0);
  }

  /** The mask for a set of lists. A list this set does not know is an error, never a silent miss. */
  maskOfLists(listIds: readonly number[]): number {
    let mask = 0;
    for (const id of listIds) {
      const slot = this.slotOfList.get(id);
      if (slot === undefined) {
        throw new AppError('not_found', `Do-not-call list ${id} does not exist (or this server has not loaded it yet); check the list IDs.`, { listId: id });
      }
      mask |= 1 << slot;
    }
    return mask >>> 0;
  }

  /** The list IDs of a mask, ascending. */
  listsOf(mask: number): number[] {
    const ids: number[] = [];
    for (let slot = 0; slot < MAX_DNC_LISTS; slot++) {
      if (mask & (1 << slot)) {
        const id = this.listOfSlot[slot];
        if (id !== undefined) ids.push(id);
      }
    }
    return ids.sort((a, b) => a - b);
  }

  hasList(listId: number): boolean {
    return this.slotOfList.has(listId);
  }

  // ── changes (applied after the database has committed them) ────────────────────────

  /** Makes room for a list (idempotent). */
  addList(listId: number): void {
    this.slotFor(listId);
  }

  /** Puts numbers on a list (idempotent). */
  add(listId: number, numbers: ArrayLike<number>): void {
    const slot = this.slotFor(listId);
    const bit = 1 << slot;
    if (numbers.length > BULK_ADD) {
      const pairs = new PairBuffer(numbers.length + this.pending.size);
      for (let k = 0; k < numbers.length; k++) {
        const n = numbers[k]!;
        const i = this.index.find(n);
        if (i >= 0) this.setMask(i, this.index.maskAt(i) | bit);
        else pairs.push(n, slot);
      }
      this.mergePending(pairs);
      return;
    }
    for (let k = 0; k < numbers.length; k++) {
      const n = numbers[k]!;
      const i = this.index.find(n);
      if (i >= 0) this.setMask(i, this.index.maskAt(i) | bit);
      else this.pending.set(n, ((this.pending.get(n) ?? 0) | bit) >>> 0);
    }
    if (this.pending.size >= PENDING_LIMIT) this.mergePending(new PairBuffer(this.pending.size));
  }

  /** Takes a number off a list (no-op when it is not there). */
  remove(listId: number, number: number): void {
    const slot = this.slotOfList.get(listId);
    if (slot === undefined) return;
    const bit = 1 << slot;
    const i = this.index.find(number);
    if (i >= 0) {
      this.setMask(i, this.index.maskAt(i) & ~bit);
      return;
    }
    const mask = this.pending.get(number);
    if (mask === undefined) return;
    const left = (mask & ~bit) >>> 0;
    if (left === 0) this.pending.delete(number);
    else this.pending.set(number, left);
  }

  /** Forgets a deleted list: clears its bit everywhere and frees its slot. */
  dropList(listId: number): void {
    const slot = this.slotOfList.get(listId);
    if (slot === undefined) return;
    const keep = ~(1 << slot);
    const entries = this.index.entries;
    for (let at = 1; at < entries.length; at += 2) {
      const mask = entries[at]!;
      if (mask !== 0 && (mask & keep) === 0) this.dead += 1;
      entries[at] = (mask & keep) >>> 0;
    }
    for (const [n, mask] of this.pending) {
      const left = (mask & keep) >>> 0;
      if (left === 0) this.pending.delete(n);
      else this.pending.set(n, left);
    }
    this.slotOfList.delete(listId);
    this.listOfSlot[slot] = undefined;
    if (this.dead > this.index.count / 4) this.mergePending(new PairBuffer(this.pending.size));
  }

  // ── figures ────────────────────────────────────────────────────────────────────────

  stats(): { numbers: number; lists: number; indexEntries: number; pending: number; bytes: number } {
    return {
      numbers: this.index.count - this.dead + this.pending.size,
      lists: this.slotOfList.size,
      indexEntries: this.index.count,
      pending: this.pending.size,
      bytes: this.index.bytes,
    };
  }

  /** Every (number, mask), for tests and diagnostics. */
  forEach(visit: (number: number, mask: number) => void): void {
    this.index.forEach(visit);
    for (const [n, mask] of this.pending) visit(n, mask);
  }

  // ── internals ──────────────────────────────────────────────────────────────────────

  private slotFor(listId: number): number {
    const known = this.slotOfList.get(listId);
    if (known !== undefined) return known;
    const free = this.listOfSlot.indexOf(undefined);
    if (free < 0) {
      throw new AppError('limit_exceeded', `At most ${MAX_DNC_LISTS} do-not-call lists can exist at once; delete or merge a list first.`, { max: MAX_DNC_LISTS });
    }
    this.listOfSlot[free] = listId;
    this.slotOfList.set(listId, free);
    return free;
  }

  private setMask(i: number, mask: number): void {
    const before = this.index.maskAt(i);
    if (before !== 0 && mask === 0) this.dead += 1;
    else if (before === 0 && mask !== 0) this.dead -= 1;
    this.index.setMaskAt(i, mask);
  }

  /** Rewrites the index with the pending numbers and `pairs`, dropping dead entries. */
  private mergePending(pairs: PairBuffer): void {
    for (const [n, mask] of this.pending) {
      for (let slot = 0; slot < MAX_DNC_LISTS; slot++) if (mask & (1 << slot)) pairs.push(n, slot);
    }
    this.index = mergeIndex(this.index, pairs);
    this.pending.clear();
    this.dead = 0;
  }
}
