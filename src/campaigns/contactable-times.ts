import { DateTime } from 'luxon';
import { weekdays, type Weekday } from './campaign-schemas.js';
import type { Issue } from './issues.js';

/**
 * Contactable times (L5): per weekday the hours a contact may be called, in the contact's
 * own time zone; holidays (optionally for one country) are not contactable at all; records
 * without a time zone use the campaign's default. This file checks what a supervisor enters;
 * the dialer evaluates the hours at dial time in src/compliance (contactable-time.ts, may-dial.ts).
 */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface Holiday {
  date: string;
  country?: string | undefined;
  name?: string | undefined;
}

export interface ContactableTimes {
  weekly: Record<Weekday, TimeWindow[]>;
  holidays: Holiday[];
  defaultTimeZone: string;
}

export const DEFAULT_WEEKLY: Record<Weekday, TimeWindow[]> = {
  mon: [{ start: '09:00', end: '21:00' }],
  tue: [{ start: '09:00', end: '21:00' }],
  wed: [{ start: '09:00', end: '21:00' }],
  thu: [{ start: '09:00', end: '21:00' }],
  fri: [{ start: '09:00', end: '21:00' }],
  sat: [{ start: '10:00', end: '18:00' }],
  sun: [],
};

/** What a client may send (every part optional): see contactableTimesSchema. */
export type ContactableTimesInput = { weekly?: Partial<Record<Weekday, TimeWindow[]>>; holidays?: Holiday[]; defaultTimeZone?: string };

/** Complete contactable times: weekly hours as given (a day left out is closed) or the defaults, no holidays, the given zone. */
export function normalizeContactableTimes(input: ContactableTimesInput, defaultTimeZone: string): ContactableTimes {
  const weekly = input.weekly ? Object.fromEntries(weekdays.map((d) => [d, input.weekly?.[d] ?? []])) : DEFAULT_WEEKLY;
  return {
    weekly: structuredClone(weekly) as ContactableTimes['weekly'],
    holidays: (input.holidays ?? []).map((h) => ({ date: h.date, ...(h.country ? { country: h.country } : {}), ...(h.name ? { name: h.name } : {}) })),
    defaultTimeZone: input.defaultTimeZone ?? defaultTimeZone,
  };
}

/** The calling hours US law allows (TCPA, 47 CFR 64.1200(c)(1)): 08:00–21:00 local time. */
export const US_CALLING_HOURS = { start: '08:00', end: '21:00' };

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function checkContactableTimes(times: ContactableTimes, regulatoryProfile: 'us' | 'uk' | 'none'): Issue[] {
  const issues: Issue[] = [];
  for (const day of weekdays) {
    const windows = times.weekly[day];
    windows.forEach((w, i) => {
      if (minutes(w.start) >= minutes(w.end)) {
        issues.push({ path: `contactableTimes.weekly.${day}.${i}`, problem: `On ${day} the window ${w.start}–${w.end} ends before it starts; the start must be earlier than the end (use 24:00 for midnight).` });
      }
      if (regulatoryProfile === 'us' && (minutes(w.start) < minutes(US_CALLING_HOURS.start) || minutes(w.end) > minutes(US_CALLING_HOURS.end))) {
        issues.push({ path: `contactableTimes.weekly.${day}.${i}`, problem: `On ${day} the window ${w.start}–${w.end} is outside 08:00–21:00, the hours US law (TCPA) allows in the contact's local time; narrow it or change the regulatory profile.` });
      }
    });
    const sorted = windows.map((w, i) => ({ ...w, i })).sort((a, b) => minutes(a.start) - minutes(b.start));
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      if (minutes(cur.start) < minutes(prev.end)) {
        issues.push({ path: `contactableTimes.weekly.${day}.${cur.i}`, problem: `On ${day} the windows ${prev.start}–${prev.end} and ${cur.start}–${cur.end} overlap; merge them into one or make them separate.` });
      }
    }
  }
  const seen = new Set<string>();
  times.holidays.forEach((h, i) => {
    const key = `${h.date}/${h.country ?? '*'}`;
    if (seen.has(key)) issues.push({ path: `contactableTimes.holidays.${i}`, problem: `The holiday ${h.date}${h.country ? ` (${h.country})` : ''} is listed twice; remove one.` });
    seen.add(key);
    if (!DateTime.fromISO(h.date).isValid) issues.push({ path: `contactableTimes.holidays.${i}.date`, problem: `${h.date} is not a calendar date.` });
  });
  return issues;
}
