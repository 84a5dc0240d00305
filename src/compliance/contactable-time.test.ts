import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { type ContactableTimesInput, compileContactableHours, isOpenAt, nextOpening, weekdays } from './contactable-time.js';
import { zoneTable } from './zone-table.js';

const everyDay = (start: string, end: string): ContactableTimesInput['weekly'] =>
  Object.fromEntries(weekdays.map((d) => [d, [{ start, end }]]));

const zone = (name: string) => zoneTable(name)!;
const ms = (iso: string): number => new Date(iso).getTime();
const iso = (n: number | null): string | null => (n === null ? null : new Date(n).toISOString());

describe('L5 contactable hours in the contact\'s own time zone, DST-correct', () => {
  it('L5 America/Phoenix keeps UTC−7 all year: 09:00 is 16:00Z in January, March and July', () => {
    const hours = compileContactableHours({ weekly: everyDay('09:00', '17:00') }, null);
    const phoenix = zone('America/Phoenix');
    for (const day of ['2026-01-14', '2026-03-09', '2026-07-15']) {
      expect(iso(nextOpening(hours, phoenix, ms(`${day}T12:00:00Z`), null))).toBe(`${day}T16:00:00.000Z`);
      expect(isOpenAt(hours, phoenix, ms(`${day}T15:59:59Z`), null)).toBe(false);
      expect(isOpenAt(hours, phoenix, ms(`${day}T23:59:59Z`), null)).toBe(true); // 16:59:59 MST
      expect(isOpenAt(hours, phoenix, ms(`${day}T00:00:00Z`), null)).toBe(false); // 17:00 the day before
    }
  });

  it('L5 America/New_York across the March switch: Sunday 09:00 EDT is 13:00Z, Saturday 09:00 EST was 14:00Z', () => {
    const hours = compileContactableHours({ weekly: everyDay('09:00', '20:00') }, null);
    const ny = zone('America/New_York');
    expect(iso(nextOpening(hours, ny, ms('2026-03-07T02:00:00Z'), null))).toBe('2026-03-07T14:00:00.000Z');
    // Saturday 21:00 EST → Sunday 09:00 EDT
    expect(iso(nextOpening(hours, ny, ms('2026-03-08T02:00:00Z'), null))).toBe('2026-03-08T13:00:00.000Z');
    expect(isOpenAt(hours, ny, ms('2026-03-08T12:59:59Z'), null)).toBe(false);
    expect(isOpenAt(hours, ny, ms('2026-03-09T00:00:00Z'), null)).toBe(false); // Sunday 20:00 EDT
  });

  it('L5 America/New_York across the November switch: Sunday 09:00 EST is 14:00Z', () => {
    const hours = compileContactableHours({ weekly: everyDay('09:00', '20:00') }, null);
    const ny = zone('America/New_York');
    expect(iso(nextOpening(hours, ny, ms('2026-11-01T01:00:00Z'), null))).toBe('2026-11-01T14:00:00.000Z');
    expect(isOpenAt(hours, ny, ms('2026-11-01T13:30:00Z'), null)).toBe(false); // 08:30 EST
    expect(isOpenAt(hours, ny, ms('2026-11-02T00:59:00Z'), null)).toBe(true); // 19:59 EST
  });

  it('L5 a window that crosses the skipped hour opens when the clocks jump (New York, 8 March 2026)', () => {
    const hours = compileContactableHours({ weekly: { sun: [{ start: '02:30', end: '03:30' }] } }, null);
    const ny = zone('America/New_York');
    // 02:00 EST jumps to 03:00 EDT at 07:00Z; the wall clock first reads ≥ 02:30 at 03:00 EDT.
    expect(iso(nextOpening(hours, ny, ms('2026-03-08T05:00:00Z'), null))).toBe('2026-03-08T07:00:00.000Z');
    expect(isOpenAt(hours, ny, ms('2026-03-08T06:59:59Z'), null)).toBe(false); // 01:59:59 EST
    expect(isOpenAt(hours, ny, ms('2026-03-08T07:00:00Z'), null)).toBe(true); // 03:00 EDT
    expect(isOpenAt(hours, ny, ms('2026-03-08T07:30:00Z'), null)).toBe(false); // 03:30 EDT
    // A window wholly inside the skipped hour does not happen that day: next Sunday instead.
    const inside = compileContactableHours({ weekly: { sun: [{ start: '02:10', end: '02:50' }] } }, null);
    expect(iso(nextOpening(inside, ny, ms('2026-03-08T05:00:00Z'), null))).toBe('2026-03-15T06:10:00.000Z');
  });

  it('L5 Europe/Warsaw on the last Sunday of March: a window ending in the skipped hour closes at the jump', () => {
    const hours = compileContactableHours({ weekly: { sun: [{ start: '01:30', end: '02:30' }] } }, null);
    const warsaw = zone('Europe/Warsaw');
    // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00Z.
    expect(iso(nextOpening(hours, warsaw, ms('2026-03-28T22:00:00Z'), null))).toBe('2026-03-29T00:30:00.000Z');
    expect(isOpenAt(hours, warsaw, ms('2026-03-29T00:59:59Z'), null)).toBe(true);
    expect(isOpenAt(hours, warsaw, ms('2026-03-29T01:00:00Z'), null)).toBe(false);
    // The week before (CET) and after (CEST) the same wall times are an hour apart in UTC.
    expect(iso(nextOpening(hours, warsaw, ms('2026-03-21T12:00:00Z'), null))).toBe('2026-03-22T00:30:00.000Z');
    expect(iso(nextOpening(hours, warsaw, ms('2026-03-30T00:00:00Z'), null))).toBe('2026-04-04T23:30:00.000Z');
  });

  it('L5 in the repeated hour (New York, 1 November 2026) a window is open both times the clock reads it', () => {
    const hours = compileContactableHours({ weekly: { sun: [{ start: '01:30', end: '01:45' }] } }, null);
    const ny = zone('America/New_York');
    expect(iso(nextOpening(hours, ny, ms('2026-11-01T04:00:00Z'), null))).toBe('2026-11-01T05:30:00.000Z'); // EDT
    expect(iso(nextOpening(hours, ny, ms('2026-11-01T05:50:00Z'), null))).toBe('2026-11-01T06:30:00.000Z'); // EST
    expect(isOpenAt(hours, ny, ms('2026-11-01T06:44:00Z'), null)).toBe(true);
  });

  it('L5 Asia/Tokyo is UTC+9: Monday 09:00 is Monday 00:00Z; holidays are local dates and may be per country', () => {
    const hours = compileContactableHours(
      { weekly: { mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }] }, holidays: [{ date: '2026-01-12', country: 'JP', name: 'Coming of Age Day' }] },
      null,
    );
    const tokyo = zone('Asia/Tokyo');
    expect(iso(nextOpening(hours, tokyo, ms('2026-01-04T12:00:00Z'), null))).toBe('2026-01-05T00:00:00.000Z');
    expect(iso(nextOpening(hours, tokyo, ms('2026-01-11T12:00:00Z'), 'JP'))).toBe('2026-01-13T00:00:00.000Z');
    expect(iso(nextOpening(hours, tokyo, ms('2026-01-11T12:00:00Z'), 'US'))).toBe('2026-01-12T00:00:00.000Z');
  });

  it('L5 a window ending before it starts runs past midnight; the law\'s hours cut every window (US 08:00–21:00)', () => {
    const overnight = compileContactableHours({ weekly: { fri: [{ start: '22:00', end: '02:00' }] } }, null);
    const tokyo = zone('Asia/Tokyo');
    expect(isOpenAt(overnight, tokyo, ms('2026-01-09T16:30:00Z'), null)).toBe(true); // Sat 01:30 JST
    expect(isOpenAt(overnight, tokyo, ms('2026-01-09T17:00:00Z'), null)).toBe(false); // Sat 02:00 JST
    const us = compileContactableHours({ weekly: everyDay('07:00', '23:00') }, [480, 1260]);
    const chicago = zone('America/Chicago');
    expect(iso(nextOpening(us, chicago, ms('2026-06-01T12:30:00Z'), null))).toBe('2026-06-01T13:00:00.000Z'); // 08:00 CDT
    expect(isOpenAt(us, chicago, ms('2026-06-02T02:00:00Z'), null)).toBe(false); // 21:00 CDT
  });

  it('L5 no windows means never open (never guessed permissive), and nextOpening says so with null', () => {
    const closed = compileContactableHours({}, null);
    expect(isOpenAt(closed, zone('UTC'), ms('2026-01-05T12:00:00Z'), null)).toBe(false);
    expect(nextOpening(closed, zone('UTC'), ms('2026-01-05T12:00:00Z'), null)).toBeNull();
    const allHolidays = compileContactableHours({ weekly: { mon: [{ start: '09:00', end: '10:00' }] }, holidays: [] }, null);
    expect(nextOpening(allHolidays, zone('UTC'), ms('2026-01-06T12:00:00Z'), null, 5)).toBeNull(); // Monday is 6 days away
  });

  it('L5 malformed hours and dates are refused with where and how to fix', () => {
    const bad = (input: ContactableTimesInput): AppError => {
      try {
        compileContactableHours(input, null);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('expected a refusal');
    };
    expect(bad({ weekly: { tue: [{ start: '9am', end: '17:00' }] } }).message).toBe(
      'contactableTimes.weekly.tue[0].start: "9am" is not a time; write HH:MM from 00:00 to 24:00, e.g. 09:00.',
    );
    expect(bad({ holidays: [{ date: '2026-02-30' }] }).message).toMatch(/holidays\[0\]\.date: "2026-02-30" is not a date/);
    expect(bad({ holidays: [{ date: '2026-02-30' }] }).code).toBe('validation_failed');
  });
});
