import { describe, expect, it } from 'vitest';
import { BlockedSet, MAX_DNC_LISTS } from '../../src/dnc/blocked-set.js';
import { e164Digits, normaliseNumber } from '../../src/dnc/normalise-number.js';
import { MAX_E164, mergeIndex, NumberIndex, PairBuffer } from '../../src/dnc/number-index.js';
import { seededRandom } from '../../src/engine/random.js';

/** L4: the in-memory set is exact — never a false negative, never a false positive. */

/** The project's seeded generator (src/engine/random.ts) as a plain function: the same numbers every run. */
function rng(seed: number): () => number {
  const random = seededRandom(seed);
  return () => random.next();
}

const randomNumber = (r: () => number): number => {
  // Mostly clustered numbers (one country, one exchange), some anywhere up to 15 digits.
  const pick = r();
  if (pick < 0.5) return 12015550000 + Math.floor(r() * 10000);
  if (pick < 0.8) return 81_300_000_000 + Math.floor(r() * 99_999_999);
  return 1 + Math.floor(r() * MAX_E164);
};

describe('L4 compact number index', () => {
  it('L4 the scramble is a bijection: every number comes back exactly, up to 15 digits', () => {
    const r = rng(1);
    const pairs = new PairBuffer(8);
    const numbers = [1, 9, 10, MAX_E164, MAX_E164 - 1, 2 ** 25, 2 ** 25 - 1, 2 ** 49, ...Array.from({ length: 5000 }, () => randomNumber(r))];
    for (const n of numbers) pairs.push(n, 3);
    const index = mergeIndex(null, pairs);
    const back = new Set<number>();
    index.forEach((n, mask) => {
      expect(mask).toBe(1 << 3);
      back.add(n);
    });
    expect(back).toEqual(new Set(numbers));
  });

  it('L4 a lookup finds every stored number and nothing else (1,000,000 numbers, 1,000,000 probes)', () => {
    const r = rng(2);
    const stored = new Set<number>();
    const pairs = new PairBuffer();
    while (stored.size < 1_000_000) {
      const n = randomNumber(r);
      stored.add(n);
      pairs.push(n, 0);
    }
    const index = mergeIndex(null, pairs);
    expect(index.count).toBe(stored.size);
    for (const n of stored) if (index.mask(n) !== 1) expect(index.mask(n), String(n)).toBe(1);
    let falsePositives = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const n = randomNumber(r);
      if ((index.mask(n) !== 0) !== stored.has(n)) falsePositives += 1;
    }
    expect(falsePositives).toBe(0);
  });

  it('L4 an empty index blocks nothing', () => {
    expect(NumberIndex.empty().mask(12015550123)).toBe(0);
    expect(BlockedSet.empty().maskOf(12015550123)).toBe(0);
  });
});

describe('L4 blocked set across lists', () => {
  it('L4 per-list masks: a number on lists 7 and 9 is blocked for those lists only', async () => {
    const set = await BlockedSet.build([7, 9, 11], (add) => {
      add(12015550123, 7);
      add(12015550123, 9);
      add(81312345678, 11);
    });
    expect(set.listsOf(set.maskOf(12015550123))).toEqual([7, 9]);
    expect((set.maskOf(12015550123) & set.maskOfLists([11])) !== 0).toBe(false);
    expect((set.maskOf(81312345678) & set.maskOfLists([9, 11])) !== 0).toBe(true);
    expect(() => set.maskOfLists([404])).toThrow(/does not exist/);
  });

  it('L4 random adds, removes, bulk adds and list deletions never leave a false negative (model check)', () => {
    const r = rng(3);
    const set = BlockedSet.empty([1, 2, 3]);
    const model = new Map<number, Set<number>>(); // number → lists
    const lists = [1, 2, 3];
    let nextList = 4;
    const pool = Array.from({ length: 30_000 }, () => randomNumber(r));
    const on = (n: number, list: number) => {
      if (!model.has(n)) model.set(n, new Set());
      model.get(n)!.add(list);
    };
    for (let step = 0; step < 60; step++) {
      const list = lists[Math.floor(r() * lists.length)]!;
      const op = r();
      if (op < 0.35) {
        const batch = Array.from({ length: 1 + Math.floor(r() * 20) }, () => pool[Math.floor(r() * pool.length)]!);
        set.add(list, batch);
        batch.forEach((n) => on(n, list));
      } else if (op < 0.5) {
        const batch = Array.from({ length: 5_000 + Math.floor(r() * 10_000) }, () => pool[Math.floor(r() * pool.length)]!);
        set.add(list, Float64Array.from(batch));
        batch.forEach((n) => on(n, list));
      } else if (op < 0.85) {
        for (let k = 0; k < 200; k++) {
          const n = pool[Math.floor(r() * pool.length)]!;
          set.remove(list, n);
          model.get(n)?.delete(list);
        }
      } else if (op < 0.93 && lists.length > 1) {
        set.dropList(list);
        lists.splice(lists.indexOf(list), 1);
        for (const l of model.values()) l.delete(list);
      } else {
        set.addList(nextList);
        lists.push(nextList++);
      }
      for (const n of pool.slice(0, 3_000)) {
        const expected = [...(model.get(n) ?? [])].sort((a, b) => a - b);
        expect(set.listsOf(set.maskOf(n))).toEqual(expected);
      }
    }
    for (const [n, ls] of model) expect(set.maskOf(n) !== 0).toBe(ls.size > 0);
  });

  it(`L4 at most ${MAX_DNC_LISTS} lists; a freed slot is reused without stale numbers`, () => {
    const set = BlockedSet.empty(Array.from({ length: MAX_DNC_LISTS }, (_, i) => i + 1));
    expect(() => set.addList(99)).toThrow(/At most 32/);
    set.add(5, [12015550123]);
    set.dropList(5);
    set.addList(99);
    expect(set.maskOf(12015550123)).toBe(0);
    set.add(99, [12015550123]);
    expect(set.listsOf(set.maskOf(12015550123))).toEqual([99]);
  });
});

describe('L4 number normalisation', () => {
  it('L4 national numbers need a region; E.164 does not', () => {
    expect(normaliseNumber('03-1234-5678', 'JP')).toEqual({ ok: true, e164: '+81312345678', digits: 81312345678 });
    expect(normaliseNumber('+1 (201) 555-0123')).toEqual({ ok: true, e164: '+12015550123', digits: 12015550123 });
    expect(normaliseNumber('201 555 0123')).toMatchObject({ ok: false, reason: 'has no country code' });
    expect(normaliseNumber('12', 'US')).toMatchObject({ ok: false });
    expect(normaliseNumber('call me', 'US')).toMatchObject({ ok: false, reason: 'is not a phone number' });
    expect(normaliseNumber('2015550123', 'XX')).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown region/) });
  });

  it('L4 the dialer fast path reads only strict E.164', () => {
    expect(e164Digits('+81312345678')).toBe(81312345678);
    expect(e164Digits('+999999999999999')).toBe(MAX_E164);
    for (const bad of ['81312345678', '+0312345678', '+1 201', '+', '+1234567890123456', '+12a']) expect(e164Digits(bad)).toBeUndefined();
  });
});
