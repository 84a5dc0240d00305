import { DAY_MS, isHoliday, isOpenAt, nextOpening, weekdayOf, weekdays } from './contactable-time.js';
import type { DialPolicy } from './dial-policy.js';
import { type ZoneTable, zoneTable } from './zone-table.js';

/**
 * "May this number be dialed now?" (issue 4 point 5; L4, L5, L6 and the regulatory profile).
 * One pure function, called on every dial and by the API's "why is this record not being
 * dialed?". When the answer is no it says why (a reason code and a message a supervisor can act
 * on) and exactly when the number could next be dialed if nothing else changes: the next
 * opening of the contact's hours, the end of a UK 72-hour or 24-hour wait, the contact's next
 * local midnight for the per-day limit — or null when waiting will not help (do-not-call,
 * attempt limit, pending callback, no valid time zone).
 */
export const dialRefusalReasons = [
  'invalid_number',
  'invalid_time_zone',
  'do_not_call',
  'callback_pending',
  'callback_not_pending',
  'record_attempt_limit',
  'retry_wait',
  'uk_abandoned_recently',
  'uk_machine_recently',
  'number_daily_limit',
  'holiday',
  'outside_contactable_hours',
] as const;
export type DialRefusalReason = (typeof dialRefusalReasons)[number];

export interface DialCheck {
  policy: DialPolicy;
  /** E.164, e.g. +12025550143. */
  number: string;
  /** The contact's own IANA zone; the campaign's default zone is used when null. */
  timeZone: string | null;
  /** ISO 3166 country of the contact, for country-specific holidays. */
  country?: string | null;
  /** L4: the do-not-call answer for this number, or a function that looks it up now. */
  doNotCall: boolean | ((number: string) => boolean);
  /** Attempts already made on this record in this campaign. */
  attemptsOnRecord: number;
  /** When this number was dialed recently (the last two days suffice) for the per-day limit. */
  numberAttempts?: readonly Date[];
  /** UK: the last abandoned call and the last machine-detected call to this number. */
  lastAbandonedAt?: Date | null;
  lastMachineAt?: Date | null;
  /** An agent is reserved for this call before it is placed (preview, progressive, a delivered callback). */
  agentGuaranteed?: boolean;
  /** The callback pending on the record, if any: only it may dial the record. */
  pendingCallbackId?: number | string | null;
  /** Set when this dial delivers a callback (C7). Callbacks are not limited by attempts per record or retry waits. */
  callbackId?: number | string | null;
  /** A retry rule holds the record until then (L6). */
  notBefore?: Date | null;
}

export type DialDecision =
  | { allowed: true; timeZone: string; minRingSeconds: number }
  | { allowed: false; reason: DialRefusalReason; message: string; nextAllowedAt: Date | null; blockers: DialRefusalReason[] };

const E164 = /^\+[1-9]\d{6,14}$/;
const HOUR_MS = 3_600_000;

/** A rule that depends on time: the earliest instant ≥ t at which it is satisfied (t itself when it is), or null for never. */
type TimeRule = { reason: DialRefusalReason; clearAt: (t: number) => number | null };

export function mayDial(check: DialCheck, now: Date): DialDecision {
  const { policy } = check;
  const at = now.getTime();
  const permanent: DialRefusalReason[] = [];
  const forCallback = check.callbackId !== null && check.callbackId !== undefined;
  const pending = check.pendingCallbackId ?? null;

  if (!E164.test(check.number)) permanent.push('invalid_number');
  const zoneName = check.timeZone ?? policy.defaultTimeZone;
  const zone = zoneName ? zoneTable(zoneName) : null;
  if (!zone) permanent.push('invalid_time_zone');
  if (typeof check.doNotCall === 'function' ? check.doNotCall(check.number) : check.doNotCall) permanent.push('do_not_call');
  if (forCallback && pending !== check.callbackId) permanent.push('callback_not_pending');
  if (!forCallback && pending !== null) permanent.push('callback_pending');
  if (!forCallback && policy.maxAttemptsPerRecord !== null && check.attemptsOnRecord >= policy.maxAttemptsPerRecord) permanent.push('record_attempt_limit');

  const rules = zone ? timeRules(check, zone, forCallback) : [];
  const blockers = [...permanent, ...rules.filter((r) => r.clearAt(at) !== at).map((r) => r.reason)];
  if (blockers.length === 0) return { allowed: true, timeZone: zone!.name, minRingSeconds: policy.profile.minRingSeconds };

  // The outside-hours rule covers holidays too; name the holiday when that is why.
  const country = check.country ?? null;
  const reasons = blockers.map((r) => (r === 'outside_contactable_hours' && zone && isHoliday(policy.hours, localDay(zone, at), country) ? 'holiday' : r));
  const nextAllowedAt = permanent.length > 0 ? null : earliestClear(rules, at);
  const reason = reasons[0]!;
  return { allowed: false, reason, message: explain(reason, check, zone, at, nextAllowedAt), nextAllowedAt: nextAllowedAt === null ? null : new Date(nextAllowedAt), blockers: reasons };
}

const localDay = (zone: ZoneTable, ms: number): number => Math.floor(zone.wallAt(ms) / DAY_MS);

function timeRules(check: DialCheck, zone: ZoneTable, forCallback: boolean): TimeRule[] {
  const { policy } = check;
  const { profile } = policy;
  const rules: TimeRule[] = [];
  const waitUntil = (reason: DialRefusalReason, until: number): void => void rules.push({ reason, clearAt: (t) => (t < until ? until : t) });

  if (!forCallback && check.notBefore) waitUntil('retry_wait', check.notBefore.getTime());
  if (!check.agentGuaranteed) {
    if (profile.noRedialAfterAbandonHours !== null && check.lastAbandonedAt) {
      waitUntil('uk_abandoned_recently', check.lastAbandonedAt.getTime() + profile.noRedialAfterAbandonHours * HOUR_MS);
    }
    if (profile.noRedialAfterMachineHours !== null && check.lastMachineAt) {
      waitUntil('uk_machine_recently', check.lastMachineAt.getTime() + profile.noRedialAfterMachineHours * HOUR_MS);
    }
  }
  const perDay = policy.maxAttemptsPerNumberPerDay;
  const attempts = check.numberAttempts ?? [];
  if (perDay !== null && attempts.length >= perDay) {
    rules.push({
      reason: 'number_daily_limit',
      clearAt: (t) => {
        const day = localDay(zone, t);
        const start = zone.instantOfWall(day * DAY_MS);
        const end = zone.instantOfWall((day + 1) * DAY_MS);
        let count = 0;
        for (const a of attempts) if (a.getTime() >= start && a.getTime() < end) count++;
        return count >= perDay ? end : t;
      },
    });
  }
  const country = check.country ?? null;
  rules.push({
    reason: 'outside_contactable_hours',
    clearAt: (t) => (isOpenAt(policy.hours, zone, t, country) ? t : nextOpening(policy.hours, zone, t, country)),
  });
  return rules;
}

/** The first instant ≥ at where every time rule holds at once: apply each rule's wait until none moves the time. */
function earliestClear(rules: TimeRule[], at: number): number | null {
  let t = at;
  for (let round = 0; round < 100; round++) {
    let moved = false;
    for (const rule of rules) {
      const clear = rule.clearAt(t);
      if (clear === null) return null;
      if (clear > t) {
        t = clear;
        moved = true;
      }
    }
    if (!moved) return t;
  }
  return null;
}

function localText(zone: ZoneTable, ms: number): string {
  const wall = zone.wallAt(ms);
  const iso = new Date(wall).toISOString();
  return `${weekdays[weekdayOf(Math.floor(wall / DAY_MS))]} ${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function explain(reason: DialRefusalReason, check: DialCheck, zone: ZoneTable | null, at: number, next: number | null): string {
  const { policy } = check;
  const where = zone ? ` (${zone.name})` : '';
  const base = ((): string => {
    switch (reason) {
      case 'invalid_number':
        return 'The number is not in E.164 form (a plus sign, the country code and the digits); correct it in the contact list.';
      case 'invalid_time_zone':
        return `The contact has no valid time zone${check.timeZone || policy.defaultTimeZone ? ` ("${check.timeZone ?? policy.defaultTimeZone}")` : ''}; set the record's time zone or the campaign's default time zone. Contactable hours are never guessed.`;
      case 'do_not_call':
        return 'The number is on a do-not-call list this campaign checks (L4); it will not be dialed.';
      case 'callback_pending':
        return `Callback ${String(check.pendingCallbackId)} is pending on this record; only that callback may dial it (C7).`;
      case 'callback_not_pending':
        return `Callback ${String(check.callbackId)} is not the one pending on this record (${check.pendingCallbackId === null || check.pendingCallbackId === undefined ? 'none is' : `${String(check.pendingCallbackId)} is`}); it was probably done, cancelled or replaced.`;
      case 'record_attempt_limit':
        return `The record has had ${check.attemptsOnRecord} attempts, the campaign's maximum per record (L6).`;
      case 'retry_wait':
        return `The campaign's retry rule holds this record until ${check.notBefore!.toISOString()} (L6).`;
      case 'uk_abandoned_recently':
        return `A call to this number was abandoned at ${check.lastAbandonedAt!.toISOString()}; under the UK rules it may be called again within ${policy.profile.noRedialAfterAbandonHours} hours only with an agent guaranteed (preview or progressive).`;
      case 'uk_machine_recently':
        return `An answering machine was detected on this number at ${check.lastMachineAt!.toISOString()}; under the UK rules it may be called again within ${policy.profile.noRedialAfterMachineHours} hours only with an agent guaranteed (preview or progressive).`;
      case 'number_daily_limit':
        return `This number has been dialed ${policy.maxAttemptsPerNumberPerDay} times today in the contact's time zone${where}, the campaign's maximum per day (L6).`;
      case 'holiday':
        return `It is a holiday in the contact's time zone${where}: ${localText(zone!, at).slice(0, 14)} (L5).`;
      case 'outside_contactable_hours': {
        const law = policy.profile.callingHours ? `; ${policy.profile.title} allows calls only ${policy.profile.callingHours.map((m) => `${String(m / 60).padStart(2, '0')}:00`).join('–')}` : '';
        return `It is ${localText(zone!, at)} for the contact${where}, outside the contactable hours (${policy.hours.description}${law}) (L5).`;
      }
    }
  })();
  if (next !== null && zone) return `${base} It may be dialed from ${localText(zone, next)} local time${where}.`;
  if (reason === 'outside_contactable_hours' || reason === 'holiday') return `${base} No opening was found within the next 400 days; check the campaign's contactable hours and holidays.`;
  return base;
}
