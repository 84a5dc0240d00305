import { describe, expect, it } from 'vitest';
import { zoneTable } from '../compliance/zone-table.js';
import { emptyTallies, localSlot, predictAnswer, PRIOR_RATE, recordFactor, slotIndex, slotRate, type PastTry, type Tally } from './answer-likelihood.js';

const NY = zoneTable('America/New_York')!;
const LA = zoneTable('America/Los_Angeles')!;
/** Monday 5 January 2026, 17:00 UTC: 12:00 in New York, 09:00 in Los Angeles. */
const MONDAY_NOON_NY = new Date('2026-01-05T17:00:00Z');

function tallies(entries: Array<[hour: number, weekend: boolean, tries: number, live: number]>): Tally[] {
  const t = emptyTallies();
  for (const [hour, weekend, tries, live] of entries) t[slotIndex({ hour, weekend })] = { tries, live };
  return t;
}

/** Weekdays: 60% answer at noon, 10% at 09:00, 30% otherwise (100 tries an hour from 08:00 to 20:00). */
const learned = tallies(Array.from({ length: 13 }, (_, i) => i + 8).map((h): [number, boolean, number, number] => [h, false, 100, h === 12 ? 60 : h === 9 ? 10 : 30]));
const at = (iso: string, result: string): PastTry => ({ at: new Date(iso), result });

describe('D4 answer likelihood (pure)', () => {
  it('D4: without any calls every contact has the same chance, whatever its zone or hour', () => {
    const empty = emptyTallies();
    const ny = predictAnswer(empty, NY, [], MONDAY_NOON_NY);
    const la = predictAnswer(empty, LA, [], MONDAY_NOON_NY);
    expect(ny.likelihood).toBeCloseTo(PRIOR_RATE, 10);
    expect(la.likelihood).toBe(ny.likelihood);
    expect(ny.recordFactor).toBe(1);
  });

  it("D4: the rate of the contact's local hour of day: the same instant is noon in New York and 09:00 in Los Angeles", () => {
    const ny = predictAnswer(learned, NY, [], MONDAY_NOON_NY);
    const la = predictAnswer(learned, LA, [], MONDAY_NOON_NY);
    expect(ny.slot).toEqual({ hour: 12, weekend: false });
    expect(la.slot).toEqual({ hour: 9, weekend: false });
    expect(ny.likelihood).toBeGreaterThan(0.5);
    expect(la.likelihood).toBeLessThan(0.15);
    // Summer time: 16:00 UTC is noon in New York in July (EDT).
    expect(localSlot(NY, Date.parse('2026-07-06T16:00:00Z'))).toEqual({ hour: 12, weekend: false });
  });

  it('D4: a slot with few calls reads close to its hour, an hour with few calls close to the campaign; weekends apart from weekdays', () => {
    const t = tallies([[12, false, 200, 120], [12, true, 2, 0], [15, false, 200, 40]]);
    const weekdayNoon = slotRate(t, { hour: 12, weekend: false });
    const weekendNoon = slotRate(t, { hour: 12, weekend: true });
    const night = slotRate(t, { hour: 3, weekend: false });
    expect(weekdayNoon).toBeCloseTo((120 + 20 * ((120 + 20 * ((160 + 1) / 406)) / 222)) / 220, 10);
    expect(weekendNoon).toBeLessThan(weekdayNoon); // two unanswered weekend tries pull it down a little…
    expect(weekendNoon).toBeGreaterThan(0.45); // …but it stays near its hour
    expect(night).toBeCloseTo((160 + 1) / 406, 10); // no calls at that hour: the campaign's rate
    const weekendTried = tallies([[12, false, 200, 120], [12, true, 200, 20]]);
    expect(slotRate(weekendTried, { hour: 12, weekend: true })).toBeLessThan(0.15);
    expect(localSlot(NY, Date.parse('2026-01-10T17:00:00Z'))).toEqual({ hour: 12, weekend: true }); // Saturday
  });

  it("D4: repeated no-answers lower a record's chance, most at the same hour; an earlier live answer raises it", () => {
    const base = predictAnswer(learned, NY, [], MONDAY_NOON_NY).likelihood;
    const noAnswersAtNine = [at('2026-01-02T14:00:00Z', 'no_answer'), at('2026-01-01T14:05:00Z', 'no_answer'), at('2025-12-31T14:10:00Z', 'no_answer')];
    const noAnswersAtNoon = [at('2026-01-02T17:00:00Z', 'no_answer'), at('2026-01-01T17:05:00Z', 'no_answer'), at('2025-12-31T16:40:00Z', 'no_answer')];
    const elsewhere = predictAnswer(learned, NY, noAnswersAtNine, MONDAY_NOON_NY).likelihood;
    const sameHour = predictAnswer(learned, NY, noAnswersAtNoon, MONDAY_NOON_NY).likelihood;
    expect(elsewhere).toBeLessThan(base);
    expect(sameHour).toBeLessThan(elsewhere);
    const answered = predictAnswer(learned, NY, [at('2026-01-02T17:00:00Z', 'connected')], MONDAY_NOON_NY);
    expect(answered.likelihood).toBeGreaterThan(base);
    expect(answered.recordFactor).toBeCloseTo((2 + 2) / (2 + 2 * slotRate(learned, { hour: 12, weekend: false })), 10);
  });

  it('D4: a no-answer when most people answer says more than one when few do; machines count as unanswered, faxes and bad numbers say nothing', () => {
    const noon = recordFactor(learned, NY, [at('2026-01-02T17:00:00Z', 'no_answer')], new Date('2026-01-05T20:00:00Z'));
    const nine = recordFactor(learned, NY, [at('2026-01-02T14:00:00Z', 'no_answer')], new Date('2026-01-05T20:00:00Z'));
    expect(noon).toBeLessThan(nine);
    expect(recordFactor(learned, NY, [at('2026-01-02T14:00:00Z', 'machine')], new Date('2026-01-05T20:00:00Z'))).toBe(nine);
    expect(recordFactor(learned, NY, [at('2026-01-02T14:00:00Z', 'fax'), at('2026-01-02T15:00:00Z', 'bad_number'), at('2026-01-02T16:00:00Z', 'failed')], MONDAY_NOON_NY)).toBe(1);
    const busy = recordFactor(learned, NY, [at('2026-01-02T14:00:00Z', 'busy')], new Date('2026-01-05T20:00:00Z'));
    expect(busy).toBeGreaterThan(nine);
    expect(busy).toBeLessThan(1);
  });

  it('D4: a pure function of the time it is given; no valid zone gives the campaign rate', () => {
    const a = predictAnswer(learned, LA, [], new Date('2026-01-05T20:00:00Z'));
    expect(predictAnswer(learned, LA, [], new Date('2026-01-05T20:00:00Z'))).toEqual(a);
    expect(a.slot.hour).toBe(12);
    expect(predictAnswer(learned, null, [], MONDAY_NOON_NY).likelihood).toBeCloseTo((400 + 1) / 1304, 10);
  });
});
