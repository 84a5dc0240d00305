import { validationFailed } from '../shared/errors.js';
import type { ZoneTable } from './zone-table.js';

/**
 * L5 contactable times: calls only inside the allowed hours of the contact's own time zone, per
 * weekday, never on holidays. Windows are wall-clock times ("09:00–20:00 on Mondays"), so they
 * move with daylight saving time; this file turns them into instants exactly, including on the
 * days the clocks jump: a window that starts inside the skipped hour opens when the clocks jump
 * past its start, and a window inside the repeated hour is open both times the clock reads it.
 *
 * The input is the campaign's `contactableTimes` (src/campaigns/campaign-schemas.ts): a day left
 * out or empty is not contactable; a window whose end is before its start runs past midnight
 * into the next day (it belongs to the day it starts on). Missing windows mean closed, never open.
 */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export interface TimeWindowInput {
  start: string;
  end: string;
}

export interface HolidayInput {
  /** YYYY-MM-DD, a whole day in the contact's time zone. */
  date: string;
  /** ISO 3166 country: only contacts of this country; every contact when omitted. */
  country?: string | null;
  name?: string | null;
}

export interface ContactableTimesInput {
  weekly?: Partial<Record<Weekday, readonly TimeWindowInput[]>>;
  holidays?: readonly HolidayInput[];
  defaultTimeZone?: string | null;
}

/** [start, end) in minutes after local midnight. */
export type Interval = readonly [number, number];

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface ContactableHours {
  /** Windows starting on each weekday (Monday = 0); an overnight window's end is past 1440. */
  readonly weekly: readonly (readonly Interval[])[];
  /** Holidays as local day numbers (days since 1970-01-01): for everyone, and per country. */
  readonly holidays: { readonly all: ReadonlySet<number>; readonly byCountry: ReadonlyMap<string, ReadonlySet<number>> };
  /** Hours the law allows whatever the campaign says (US: 08:00–21:00), or null. */
  readonly statutory: Interval | null;
  /** "mon 09:00–20:00, …" for messages. */
  readonly description: string;
  readonly cache: Map<string, readonly Interval[]>;
}

const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

function minutesOf(text: string, where: string): number {
  const m = HHMM.exec(text);
  if (!m) throw validationFailed(`${where}: "${text}" is not a time; write HH:MM from 00:00 to 24:00, e.g. 09:00.`, { where, value: text });
  return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
}

/** Local day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayNumberOf(date: string, where = 'date'): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw validationFailed(`${where}: "${date}" is not a date; write YYYY-MM-DD, e.g. 2026-12-25.`, { where, value: date });
  }
  return ms / DAY_MS;
}

/** Monday = 0 … Sunday = 6 for a local day number (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

export function compileContactableHours(input: ContactableTimesInput, statutory: Interval | null): ContactableHours {
  const weekly = weekdays.map((name) =>
    (input.weekly?.[name] ?? []).flatMap((w, i): Interval[] => {
      const where = `contactableTimes.weekly.${name}[${i}]`;
      const start = minutesOf(w.start, `${where}.start`);
      const end = minutesOf(w.end, `${where}.end`);
      if (start === end) return [];
      return [[start, end > start ? end : end + 1440]];
    }),
  );
  const all = new Set<number>();
  const byCountry = new Map<string, Set<number>>();
  (input.holidays ?? []).forEach((h, i) => {
    const day = dayNumberOf(h.date, `contactableTimes.holidays[${i}].date`);
    if (!h.country) return void all.add(day);
    const country = h.country.toUpperCase();
    if (!byCountry.has(country)) byCountry.set(country, new Set());
    byCountry.get(country)!.add(day);
  });
  return { weekly, holidays: { all, byCountry }, statutory, description: describeWeek(weekly), cache: new Map() };
}

export function isHoliday(hours: ContactableHours, day: number, country: string | null): boolean {
  return hours.holidays.all.has(day) || (country !== null && (hours.holidays.byCountry.get(country.toUpperCase())?.has(day) ?? false));
}

/** The open intervals of one local date, sorted and merged: its own windows, last night's overflow, the law's hours, holidays. */
export function openIntervals(hours: ContactableHours, day: number, country: string | null): readonly Interval[] {
  const key = `${day}|${country ?? ''}`;
  const cached = hours.cache.get(key);
  if (cached) return cached;
  let list: Interval[] = [];
  if (!isHoliday(hours, day, country)) {
    for (const [s, e] of hours.weekly[weekdayOf(day)]!) list.push([s, Math.min(e, 1440)]);
    for (const [, e] of hours.weekly[weekdayOf(day - 1)]!) if (e > 1440) list.push([0, e - 1440]);
    if (hours.statutory) {
      const [ls, le] = hours.statutory;
      list = list.map(([s, e]): Interval => [Math.max(s, ls), Math.min(e, le)]).filter(([s, e]) => s < e);
    }
    list.sort((a, b) => a[0] - b[0]);
    list = list.reduce<Interval[]>((merged, iv) => {
      const last = merged[merged.length - 1];
      if (last && iv[0] <= last[1]) merged[merged.length - 1] = [last[0], Math.max(last[1], iv[1])];
      else merged.push(iv);
      return merged;
    }, []);
  }
  if (hours.cache.size > 20_000) hours.cache.clear();
  hours.cache.set(key, list);
  return list;
}

export const hasAnyHours = (hours: ContactableHours): boolean => hours.weekly.some((w) => w.length > 0);

/** Is the contact's wall clock inside an open interval at instant `ms`? */
export function isOpenAt(hours: ContactableHours, zone: ZoneTable, ms: number, country: string | null): boolean {
  const wall = zone.wallAt(ms);
  const day = Math.floor(wall / DAY_MS);
  const minute = (wall - day * DAY_MS) / MINUTE_MS;
  return openIntervals(hours, day, country).some(([s, e]) => minute >= s && minute < e);
}

/**
 * The earliest instant at or after `from` at which the contact may be called, or null when no
 * opening exists within `horizonDays` (no windows at all, or holidays all the way).
 * `nextOpening(from) === from` exactly when `isOpenAt(from)`.
 */
export function nextOpening(hours: ContactableHours, zone: ZoneTable, from: number, country: string | null, horizonDays = 400): number | null {
  if (!hasAnyHours(hours)) return null;
  const firstDay = Math.floor(zone.wallAt(from) / DAY_MS) - 1;
  for (let day = firstDay; day <= firstDay + horizonDays; day++) {
    const intervals = openIntervals(hours, day, country);
    if (intervals.length === 0) continue;
    const dayStart = zone.instantOfWall(day * DAY_MS);
    const dayEnd = zone.instantOfWall((day + 1) * DAY_MS);
    if (dayEnd <= from) continue;
    // Within one day the offset is constant except across a transition: walk the constant pieces.
    let segmentStart = dayStart;
    while (segmentStart < dayEnd) {
      const offsetMs = zone.offsetAt(segmentStart) * MINUTE_MS;
      const segmentEnd = Math.min(zone.nextTransition(segmentStart, dayEnd) ?? dayEnd, dayEnd);
      for (const [s, e] of intervals) {
        const lo = Math.max(day * DAY_MS + s * MINUTE_MS - offsetMs, segmentStart, from);
        const hi = Math.min(day * DAY_MS + e * MINUTE_MS - offsetMs, segmentEnd);
        if (lo < hi) return lo;
      }
      segmentStart = segmentEnd;
    }
  }
  return null;
}

function describeWeek(weekly: readonly (readonly Interval[])[]): string {
  const hhmm = (m: number): string => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const parts = weekly.flatMap((ws, i) => ws.map(([s, e]) => `${weekdays[i]} ${hhmm(s)}–${e === 1440 ? '24:00' : hhmm(e)}`));
  return parts.length ? parts.join(', ') : 'no hours at all';
}
