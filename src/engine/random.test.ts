import { describe, expect, it } from 'vitest';
import { meanOf, samplerFor, type Distribution } from './distributions.js';
import { sequentialIds } from './ids.js';
import { seededRandom } from './random.js';

const sampleMean = (d: Distribution, n = 200_000, seed = 'mean'): { mean: number; cv: number; sorted: number[] } => {
  const random = seededRandom(seed);
  const draw = samplerFor(d);
  const xs = Array.from({ length: n }, () => draw(random));
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n);
  return { mean, cv: sd / mean, sorted: xs.sort((a, b) => a - b) };
};

describe('T1 seeded randomness (issue 4 point 1: randomness is seeded)', () => {
  it('T1 the same seed gives the same sequence; another seed does not', () => {
    const a = seededRandom(42);
    const b = seededRandom('42');
    const c = seededRandom(43);
    const xs = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('T1 forks depend on seed and label only, not on how much the parent stream was used', () => {
    const a = seededRandom('s');
    const b = seededRandom('s');
    for (let i = 0; i < 1000; i++) b.next();
    expect(a.fork('call-7').next()).toBe(b.fork('call-7').next());
    expect(a.fork('call-7').next()).not.toBe(a.fork('call-8').next());
  });

  it('T1 uniform draws, integers and chance have the expected frequencies', () => {
    const r = seededRandom('uniform');
    const buckets = new Array(10).fill(0);
    let heads = 0;
    for (let i = 0; i < 100_000; i++) {
      buckets[r.int(10)]++;
      if (r.chance(0.3)) heads++;
    }
    for (const b of buckets) expect(b / 100_000).toBeCloseTo(0.1, 1);
    expect(heads / 100_000).toBeCloseTo(0.3, 2);
  });

  it('T1 pick follows the weights (scenario outcomes), ignores zero weights and refuses none', () => {
    const r = seededRandom('pick');
    const outcomes = { live: 0.2, machine: 0.11, busy: 0.05, noAnswer: 0.6, badNumber: 0.04, fax: 0 };
    const counts: Record<string, number> = {};
    for (let i = 0; i < 200_000; i++) {
      const k = r.pick(outcomes);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts.fax).toBeUndefined();
    for (const [k, w] of Object.entries(outcomes)) if (w > 0) expect(counts[k]! / 200_000).toBeCloseTo(w, 2);
    expect(() => r.pick({ a: 0 })).toThrow(/positive weight/);
    expect(() => r.pick({ a: -1, b: 1 })).toThrow(/≥ 0/);
  });

  it('T1 lognormal by mean and cv (scenarios.json) has that mean and cv', () => {
    const { mean, cv } = sampleMean({ dist: 'lognormal', mean: 120, cv: 1.0 });
    expect(mean / 120).toBeCloseTo(1, 1);
    expect(cv).toBeCloseTo(1.0, 1);
  });

  it('T1 lognormal by median and p90 has that median and 90th percentile', () => {
    const d: Distribution = { dist: 'lognormal', median: 60, p90: 240 };
    const { sorted } = sampleMean(d);
    expect(sorted[sorted.length / 2]! / 60).toBeCloseTo(1, 1);
    expect(sorted[Math.floor(sorted.length * 0.9)]! / 240).toBeCloseTo(1, 1);
    expect(meanOf(d)).toBeGreaterThan(60);
  });

  it('T1 exponential and fixed distributions (the E scenarios) have their means', () => {
    expect(sampleMean({ dist: 'exponential', mean: 20 }).mean / 20).toBeCloseTo(1, 1);
    expect(sampleMean({ dist: 'fixed', mean: 0 }, 10).mean).toBe(0);
    expect(meanOf({ dist: 'exponential', mean: 20 })).toBe(20);
  });

  it('T1 normal draws have the requested mean and standard deviation', () => {
    const r = seededRandom('normal');
    const xs = Array.from({ length: 100_000 }, () => r.normal(5, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(5, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('T1 sequential ids are reproducible and counted per kind', () => {
    const ids = sequentialIds();
    expect([ids.next('call'), ids.next('call'), ids.next('attempt')]).toEqual(['call-1', 'call-2', 'attempt-1']);
  });
});
