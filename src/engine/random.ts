/**
 * Randomness is a port: every random choice the engine or the simulated carrier makes comes from
 * a `Random`, so a run is reproduced exactly by its seed. `fork(label)` gives an independent
 * stream derived from the seed and the label only (not from how much the parent has been used),
 * so one call's fate does not change when another part of the simulation draws more numbers.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Normal (Gaussian) with the given mean and standard deviation. */
  normal(mean?: number, sd?: number): number;
  /** Log-normal: exp(N(mu, sigma)). See distributions.ts for mean/cv and median/p90 forms. */
  lognormal(mu: number, sigma: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** One key, chosen with probability proportional to its weight (weights need not sum to 1). */
  pick<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K;
  /** An independent stream named `label`, reproducible from this stream's seed. */
  fork(label: string): Random;
}

/** cyrb128: a fast string hash giving four 32-bit words, used to seed sfc32. */
function hashSeed(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const TWO_POW_32 = 4294967296;

/** sfc32 (Small Fast Counting generator, from PractRand): 128 bits of state, passes BigCrush. */
class SeededRandom implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(private readonly seed: string) {
    [this.a, this.b, this.c, this.d] = hashSeed(seed);
    for (let i = 0; i < 12; i++) this.nextUint32(); // mix the state before the first output
  }

  private nextUint32(): number {
    this.a |= 0;
    this.b |= 0;
    this.c |= 0;
    this.d |= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    // 53 random bits, like Math.random().
    return ((this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6)) / 9007199254740992;
  }

  int(maxExclusive: number): number {
    if (!(maxExclusive >= 1)) throw new RangeError(`Random.int needs a bound of at least 1, got ${maxExclusive}.`);
    return Math.floor(this.next() * Math.floor(maxExclusive));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(mean = 0, sd = 1): number {
    // Box–Muller; 1 - next() is in (0, 1], so the logarithm is finite.
    const u = 1 - this.next();
    const v = this.nextUint32() / TWO_POW_32;
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  pick<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    let total = 0;
    let last: K | undefined;
    for (const key in weights) {
      const w = weights[key] ?? 0;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`Weight "${key}" must be a finite number ≥ 0, got ${w}.`);
      total += w;
      if (w > 0) last = key;
    }
    if (last === undefined) throw new RangeError('Random.pick needs at least one positive weight.');
    let r = this.next() * total;
    for (const key in weights) {
      const w = weights[key] ?? 0;
      if (w <= 0) continue;
      if (r < w) return key;
      r -= w;
    }
    return last; // rounding left a sliver past the end
  }

  fork(label: string): Random {
    return new SeededRandom(`${this.seed}\u0000${label}`);
  }
}

/** A reproducible Random: the same seed always gives the same sequence. */
export function seededRandom(seed: string | number): Random {
  return new SeededRandom(String(seed));
}
