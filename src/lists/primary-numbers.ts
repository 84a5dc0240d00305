/**
 * The primary numbers seen so far in one file, each with the row it came from, for the
 * "duplicate of row N" rule (L1). A file may hold millions of rows, so this is an open-addressing
 * hash table over typed arrays (12 bytes a slot, at most 70% full) rather than a Map (~80 bytes
 * an entry). Keys are E.164 digits as numbers: at most 15 digits, exact in a float64, never 0.
 */
export class PrimaryNumbers {
  private keys: Float64Array;
  private rows: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity)));
    this.keys = new Float64Array(size);
    this.rows = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The row of an earlier `number`, or -1 after remembering `row` as its first. */
  firstRowOf(number: number, row: number): number {
    let slot = hash(number) & this.mask;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === number) return this.rows[slot]!;
      if (key === 0) break;
      slot = (slot + 1) & this.mask;
    }
    this.keys[slot] = number;
    this.rows[slot] = row;
    if (++this.count > this.keys.length * 0.7) this.grow();
    return -1;
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === 0) continue;
      let slot = hash(key) & this.mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.rows[slot] = rows[i]!;
    }
  }
}

function hash(n: number): number {
  const lo = n >>> 0;
  const hi = (n / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
