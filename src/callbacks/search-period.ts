import { DateTime } from 'luxon';
import { validationFailed } from '../shared/errors.js';

/**
 * C2's period: callbacks whose window starts at or after `from` and before `to`. Each bound is a
 * date ("2026-03-02": the start of that day for `from`, its end for `to`), a local date and time
 * in the search's time zone ("2026-03-02T09:30"), or an instant with an offset
 * ("2026-03-02T09:30:00+09:00"). `to` may say 24:00 ("2026-03-02T24:00"), the end of that day.
 */
export interface Period {
  from?: Date | undefined;
  to?: Date | undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MIDNIGHT_END = /^(\d{4}-\d{2}-\d{2})T24:00(:00)?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

export function parsePeriod(input: { from?: string | undefined; to?: string | undefined }, timeZone: string): Period {
  const from = input.from === undefined ? undefined : bound('from', input.from, timeZone);
  const to = input.to === undefined ? undefined : bound('to', input.to, timeZone);
  if (from && to && to.getTime() < from.getTime()) {
    throw validationFailed(`The period ends (${input.to}) before it starts (${input.from}); swap them.`, { field: 'to', from: input.from, to: input.to });
  }
  return { from, to };
}

function bound(field: 'from' | 'to', value: string, zone: string): Date {
  const endOfDay = field === 'to' ? (MIDNIGHT_END.exec(value)?.[1] ?? (DATE.test(value) ? value : undefined)) : undefined;
  if (endOfDay !== undefined) return startOfDay(field, endOfDay, zone, value).plus({ days: 1 }).toJSDate();
  if (DATE.test(value)) return startOfDay(field, value, zone, value).toJSDate();
  if (field === 'from' && MIDNIGHT_END.test(value)) throw invalid(field, value, 'cannot be 24:00: only the end of the period may be');
  const parsed = HAS_OFFSET.test(value) ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone });
  if (!parsed.isValid) throw invalid(field, value, 'is not a date and time');
  return parsed.toJSDate();
}

function startOfDay(field: 'from' | 'to', date: string, zone: string, value: string): DateTime {
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) throw invalid(field, value, 'is not a date');
  return day.startOf('day');
}

const invalid = (field: string, value: string, why: string) =>
  validationFailed(`${field}: "${value}" ${why}; write 2026-03-02, 2026-03-02T09:30 (in timeZone) or 2026-03-02T09:30:00+09:00, and for the end also 2026-03-02T24:00.`, { field, value });
