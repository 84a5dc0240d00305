/**
 * L4: the compact, exact index behind every do-not-call check.
 *
 * A phone number is its E.164 digits as an integer (at most 15 digits, so below 2^50 and
 * exact in a double). Each number is scrambled by a 3-round Feistel network on its two
 * 25-bit halves — a bijection on 50 bits, so nothing is lost — which spreads clustered
 * numbers (same country, same exchange) evenly. The scrambled value P is split into a
 * bucket (its top `bits` bits) and a remainder (the other 50 − bits ≤ 32 bits):
 *
 *   offsets: Uint32Array(2^bits + 1)   where each bucket's entries start and end
 *   entries: Uint32Array(2 × count)    [remainder, listMask] pairs, sorted by P
 *
 * Bucket + remainder give back P exactly, and P gives back the number, so a lookup has no
 * false positives and no false negatives. There are about 48 entries per bucket (at least
 * 2^18 buckets, so the remainder fits 32 bits): the offsets stay small enough for the CPU
 * cache (1 MiB up to ~12 million numbers), and since scrambled remainders are uniform, a
 * lookup probes the bucket where the remainder's value says it should be and steps to a
 * neighbour or two — in practice one memory miss per lookup, whatever the size. Memory is
 * 8 bytes per number plus 4 bytes per bucket (≈ 77 MiB for 10 million numbers).
 *
 * The list mask has one bit per DNC list slot (32 slots). Masks change in place; new
 * numbers need a rebuild (`mergeIndex`), which the caller batches (see blocked-set.ts).
 * A mask of 0 is a dead entry (its number left every list); merges drop dead entries.
 */

const HALF = 33_554_432; // 2^25
const MASK25 = HALF - 1;
/** The largest E.164 number: 15 digits. */
export const MAX_E164 = 999_999_999_999_999;
const MIN_BITS = 18; // remainder ≤ 32 bits
const MAX_BITS = 25; // bucket within the high half
const TARGET_PER_BUCKET = 48;

if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  throw new Error('The do-not-call index assumes a little-endian machine.');
}

// The Feistel output of the last `scramble` call: module-level to keep lookups allocation-free.
let outHi = 0;
let outLo = 0;

const K0 = 0x9e3779b9 | 0;
const K1 = 0x7f4a7c15 | 0;
const K2 = 0x94d049bb | 0;

function round(x: number, key: number): number {
  let h = x ^ key;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & MASK25;
}

/** Scrambles a number (an integer below 2^50) into (outHi, outLo), 25 bits each. */
function scramble(n: number): void {
  const hi = Math.floor(n / HALF);
  const lo = n - hi * HALF;
  // (L, R) → (R, L ^ F(R)), three times.
  const r1 = hi ^ round(lo, K0);
  const r2 = lo ^ round(r1, K1);
  const r3 = r1 ^ round(r2, K2);
  outHi = r2;
  outLo = r3;
}

/** The inverse of `scramble`, for tests and diagnostics. */
export function unscramble(pHi: number, pLo: number): number {
  const r2 = pHi;
  const r3 = pLo;
  const r1 = r3 ^ round(r2, K2);
  const lo = r2 ^ round(r1, K1);
  const hi = r1 ^ round(lo, K0);
  return hi * HALF + lo;
}

/** True for an integer that can be an E.164 number's digits. */
export function isE164Digits(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_E164;
}

function bucketBitsFor(count: number): number {
  const wanted = Math.ceil(Math.log2(Math.max(1, count) / TARGET_PER_BUCKET));
  return Math.min(MAX_BITS, Math.max(MIN_BITS, wanted));
}

/**
 * (number, list slot) pairs waiting to enter an index, packed as 64-bit words
 * `P << 5 | slot` so that one native typed-array sort orders them by P.
 */
export class PairBuffer {
  private words: BigUint64Array;
  private u32: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.words = new BigUint64Array(Math.max(16, capacity));
    this.u32 = new Uint32Array(this.words.buffer);
  }

  push(number: number, slot: number): void {
    if (this.length === this.words.length) this.grow();
    scramble(number);
    const i = this.length * 2;
    // bits 0–4 slot, 5–29 low half, 30–54 high half
    this.u32[i] = (slot | (outLo << 5) | ((outHi & 3) << 30)) >>> 0;
    this.u32[i + 1] = outHi >>> 2;
    this.length += 1;
  }

  /** Sorts by scrambled value (then slot); call once, before building. */
  sort(): void {
    this.words.subarray(0, this.length).sort();
  }

  /** The packed words' 32-bit view (low, high per pair); the index takes it over. */
  view(): Uint32Array {
    return this.u32;
  }

  private grow(): void {
    const next = new BigUint64Array(this.words.length * 2);
    next.set(this.words);
    this.words = next;
    this.u32 = new Uint32Array(next.buffer);
  }
}

export class NumberIndex {
  readonly bits: number;
  readonly offsets: Uint32Array;
  readonly entries: Uint32Array;
  readonly count: number;
  private readonly lowMask: number;
  /** 2^(50 − bits): one more than the largest remainder. */
  private readonly remRange: number;

  constructor(bits: number, offsets: Uint32Array, entries: Uint32Array, count: number) {
    this.bits = bits;
    this.remRange = 2 ** (50 - bits);
    this.offsets = offsets;
    this.entries = entries;
    this.count = count;
    this.lowMask = (1 << (MAX_BITS - bits)) - 1;
  }

  static empty(): NumberIndex {
    return new NumberIndex(MIN_BITS, new Uint32Array((1 << MIN_BITS) + 1), new Uint32Array(0), 0);
  }

  /** The entry number of `n`, or -1. */
  find(n: number): number {
    scramble(n);
    const bucket = outHi >>> (MAX_BITS - this.bits);
    const rem = (outHi & this.lowMask) * HALF + outLo;
    const lo = this.offsets[bucket]!;
    const hi = this.offsets[bucket + 1]!;
    if (lo === hi) return -1;
    // Remainders are uniform (scrambled), so their rank in the bucket is about proportional
    // to their value: probe there first, then step — a few neighbours in the same cache line.
    const entries = this.entries;
    let i = lo + Math.floor((rem * (hi - lo)) / this.remRange);
    let v = entries[i * 2]!;
    if (v < rem) {
      do {
        if (++i === hi) return -1;
        v = entries[i * 2]!;
      } while (v < rem);
    } else if (v > rem) {
      do {
        if (--i < lo) return -1;
        v = entries[i * 2]!;
      } while (v > rem);
    }
    return v === rem ? i : -1;
  }

  /** The list mask of `n` (0 when on no list). */
  mask(n: number): number {
    const i = this.find(n);
    return i < 0 ? 0 : this.entries[i * 2 + 1]!;
  }

  maskAt(i: number): number {
    return this.entries[i * 2 + 1]!;
  }

  setMaskAt(i: number, mask: number): void {
    this.entries[i * 2 + 1] = mask >>> 0;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.offsets.byteLength + this.entries.buffer.byteLength;
  }

  /** Calls `visit(number, mask)` for every live entry, in index order. */
  forEach(visit: (number: number, mask: number) => void): void {
    const shift = 2 ** (50 - this.bits);
    for (let b = 0, end = 1 << this.bits; b < end; b++) {
      for (let i = this.offsets[b]!, stop = this.offsets[b + 1]!; i < stop; i++) {
        const mask = this.entries[i * 2 + 1]!;
        if (mask === 0) continue;
        const p = b * shift + this.entries[i * 2]!;
        const pHi = Math.floor(p / HALF);
        visit(unscramble(pHi, p - pHi * HALF), mask);
      }
    }
  }
}

/** Writes sorted (P, mask) entries into `entries`, merging equal P, and fills `offsets`. */
class IndexWriter {
  count = 0;
  private lastP = -1;
  private lastBucket = -1;
  private readonly shift: number;

  constructor(readonly bits: number, readonly entries: Uint32Array, readonly offsets: Uint32Array) {
    this.shift = 2 ** (50 - bits);
  }

  emit(p: number, mask: number): void {
    if (p === this.lastP) {
      const at = (this.count - 1) * 2 + 1;
      this.entries[at] = (this.entries[at]! | mask) >>> 0;
      return;
    }
    const bucket = Math.floor(p / this.shift);
    while (this.lastBucket < bucket) this.offsets[++this.lastBucket] = this.count;
    this.entries[this.count * 2] = p - bucket * this.shift;
    this.entries[this.count * 2 + 1] = mask >>> 0;
    this.count += 1;
    this.lastP = p;
  }

  finish(): NumberIndex {
    const buckets = 1 << this.bits;
    while (this.lastBucket < buckets) this.offsets[++this.lastBucket] = this.count;
    let entries = this.entries.subarray(0, this.count * 2);
    // Give back the slack when merging left much of the buffer unused.
    if (this.count * 2 < this.entries.length * 0.75) entries = entries.slice();
    return new NumberIndex(this.bits, this.offsets, entries, this.count);
  }
}

/**
 * A new index holding the live entries of `base` and the sorted `pairs`. Without a base the
 * pairs' own buffer becomes the index (no second copy while loading 10 million numbers).
 * The pairs buffer must not be used afterwards.
 */
export function mergeIndex(base: NumberIndex | null, pairs: PairBuffer): NumberIndex {
  pairs.sort();
  const words = pairs.view();
  const n = pairs.length;
  const total = (base?.count ?? 0) + n;
  const bits = bucketBitsFor(total);
  const offsets = new Uint32Array((1 << bits) + 1);
  // In place is safe: entry j is written only after pair j has been read (j ≤ i).
  const out = new IndexWriter(bits, base ? new Uint32Array(total * 2) : words, offsets);

  let i = 0;
  let pairP = n > 0 ? pairValue(words, 0) : Infinity;
  const takePairsBelow = (limit: number) => {
    while (i < n && pairP <= limit) {
      out.emit(pairP, 1 << (words[i * 2]! & 31));
      i += 1;
      pairP = i < n ? pairValue(words, i) : Infinity;
    }
  };

  if (base) {
    const shift = 2 ** (50 - base.bits);
    for (let b = 0, end = 1 << base.bits; b < end; b++) {
      for (let k = base.offsets[b]!, stop = base.offsets[b + 1]!; k < stop; k++) {
        const mask = base.entries[k * 2 + 1]!;
        if (mask === 0) continue;
        const p = b * shift + base.entries[k * 2]!;
        takePairsBelow(p - 1);
        out.emit(p, mask);
      }
    }
  }
  takePairsBelow(Infinity);
  return out.finish();
}

function pairValue(words: Uint32Array, i: number): number {
  const low = words[i * 2]!;
  const high = words[i * 2 + 1]!;
  const pHi = (high << 2) | (low >>> 30);
  const pLo = (low >>> 5) & MASK25;
  return pHi * HALF + pLo;
}
