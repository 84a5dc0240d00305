import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { type ContactableTimesInput, weekdays } from './contactable-time.js';
import { type DialPolicyInput, compileDialPolicy } from './dial-policy.js';
import { type DialCheck, type DialDecision, mayDial } from './may-dial.js';

const everyDay = (start: string, end: string): ContactableTimesInput['weekly'] =>
  Object.fromEntries(weekdays.map((d) => [d, [{ start, end }]]));

const policy = (over: Partial<DialPolicyInput> = {}) =>
  compileDialPolicy({ regulatoryProfile: 'none', contactableTimes: { weekly: everyDay('09:00', '20:00') }, ...over });

const check = (over: Partial<DialCheck> = {}): DialCheck => ({
  policy: policy(),
  number: '+12025550143',
  timeZone: 'America/New_York',
  doNotCall: false,
  attemptsOnRecord: 0,
  ...over,
});

const at = (iso: string): Date => new Date(iso);
const refused = (d: DialDecision) => {
  if (d.allowed) throw new Error('expected a refusal');
  return d;
};

describe('compliance at the moment of dialing: mayDial (issue 4 point 5)', () => {
  it('L5 allowed inside the contact\'s hours, refused outside with the exact next opening', () => {
    expect(mayDial(check(), at('2026-03-02T14:00:00Z'))).toEqual({ allowed: true, timeZone: 'America/New_York', minRingSeconds: 0 });
    const d = refused(mayDial(check(), at('2026-03-03T01:30:00Z'))); // Mon 20:30 EST
    expect(d.reason).toBe('outside_contactable_hours');
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-03-03T14:00:00.000Z');
    expect(d.message).toBe(
      'It is mon 2026-03-02 20:30 for the contact (America/New_York), outside the contactable hours (mon 09:00–20:00, tue 09:00–20:00, wed 09:00–20:00, thu 09:00–20:00, fri 09:00–20:00, sat 09:00–20:00, sun 09:00–20:00) (L5). It may be dialed from tue 2026-03-03 09:00 local time (America/New_York).',
    );
  });

  it('L5 the record\'s own zone wins over the campaign default; the default covers records without one', () => {
    const p = policy({ contactableTimes: { weekly: everyDay('09:00', '20:00'), defaultTimeZone: 'Asia/Tokyo' } });
    const now = at('2026-03-02T14:00:00Z'); // 09:00 New York, 23:00 Tokyo
    expect(mayDial(check({ policy: p }), now).allowed).toBe(true);
    expect(refused(mayDial(check({ policy: p, timeZone: null }), now)).nextAllowedAt?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('L5 an unknown or missing time zone is refused, never guessed, and waiting will not help', () => {
    const d = refused(mayDial(check({ timeZone: 'Mars/Olympus_Mons' }), at('2026-03-02T15:00:00Z')));
    expect(d).toMatchObject({ reason: 'invalid_time_zone', nextAllowedAt: null });
    expect(d.message).toMatch(/\("Mars\/Olympus_Mons"\); set the record's time zone or the campaign's default time zone/);
    expect(refused(mayDial(check({ timeZone: null }), at('2026-03-02T15:00:00Z'))).reason).toBe('invalid_time_zone');
    expect(() => compileDialPolicy({ regulatoryProfile: 'none', contactableTimes: { defaultTimeZone: 'EST5EDTX' } })).toThrow(AppError);
  });

  it('L5 holidays: refused all day in the contact\'s zone, named as a holiday, next opening the day after', () => {
    const p = policy({ contactableTimes: { weekly: everyDay('09:00', '20:00'), holidays: [{ date: '2026-07-03', country: 'US' }] } });
    const d = refused(mayDial(check({ policy: p, country: 'US' }), at('2026-07-03T15:00:00Z')));
    expect(d).toMatchObject({ reason: 'holiday', blockers: ['holiday'] });
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-07-04T13:00:00.000Z');
    expect(mayDial(check({ policy: p, country: 'CA' }), at('2026-07-03T15:00:00Z')).allowed).toBe(true);
  });

  it('L4 a do-not-call number is never dialed, checked at the moment of dialing through the given lookup', () => {
    const lookedUp: string[] = [];
    const d = refused(mayDial(check({ doNotCall: (n) => (lookedUp.push(n), n === '+12025550143') }), at('2026-03-02T15:00:00Z')));
    expect(lookedUp).toEqual(['+12025550143']);
    expect(d).toMatchObject({ reason: 'do_not_call', nextAllowedAt: null });
    expect(d.message).not.toContain('2025550143'); // no phone numbers in messages (they end up in logs)
    expect(mayDial(check({ doNotCall: () => false }), at('2026-03-02T15:00:00Z')).allowed).toBe(true);
  });

  it('L6 maximum attempts per record: refused for good', () => {
    const p = policy({ maxAttemptsPerRecord: 3 });
    expect(mayDial(check({ policy: p, attemptsOnRecord: 2 }), at('2026-03-02T15:00:00Z')).allowed).toBe(true);
    const d = refused(mayDial(check({ policy: p, attemptsOnRecord: 3 }), at('2026-03-02T15:00:00Z')));
    expect(d).toMatchObject({ reason: 'record_attempt_limit', nextAllowedAt: null });
    expect(d.message).toBe('The record has had 3 attempts, the campaign\'s maximum per record (L6).');
  });

  it('L6 maximum attempts per number per day counts the contact\'s local day and reopens at local midnight', () => {
    const p = policy({ maxAttemptsPerNumberPerDay: 2, contactableTimes: { weekly: everyDay('00:00', '24:00') } });
    const tokyo = { policy: p, timeZone: 'Asia/Tokyo' };
    // Tokyo 2 March: 00:00 JST = 1 March 15:00Z.
    const today = [at('2026-03-01T15:30:00Z'), at('2026-03-02T01:00:00Z')];
    const d = refused(mayDial(check({ ...tokyo, numberAttempts: today }), at('2026-03-02T03:00:00Z')));
    expect(d.reason).toBe('number_daily_limit');
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-03-02T15:00:00.000Z');
    // An attempt at 23:30 JST the day before is yesterday's, even though it is the same UTC date.
    const yesterday = [at('2026-03-01T14:30:00Z'), at('2026-03-02T01:00:00Z')];
    expect(mayDial(check({ ...tokyo, numberAttempts: yesterday }), at('2026-03-02T03:00:00Z')).allowed).toBe(true);
    // With hours of 09:00–20:00 the number is next dialable at 09:00 the next local day, not midnight.
    const hours = policy({ maxAttemptsPerNumberPerDay: 2 });
    expect(refused(mayDial(check({ policy: hours, timeZone: 'Asia/Tokyo', numberAttempts: today }), at('2026-03-02T03:00:00Z'))).nextAllowedAt?.toISOString()).toBe(
      '2026-03-03T00:00:00.000Z',
    );
  });

  it('L6 the per-day limit reopens at local midnight on a DST day (Warsaw, 29 March 2026: a 23-hour day)', () => {
    const p = policy({ maxAttemptsPerNumberPerDay: 1, contactableTimes: { weekly: everyDay('00:00', '24:00') } });
    const d = refused(mayDial(check({ policy: p, timeZone: 'Europe/Warsaw', numberAttempts: [at('2026-03-29T08:00:00Z')] }), at('2026-03-29T09:00:00Z')));
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-03-29T22:00:00.000Z'); // 00:00 CEST on the 30th
  });

  it('C7 a pending callback stops the campaign dialing the record; only that callback may dial it', () => {
    const now = at('2026-03-02T15:00:00Z');
    const d = refused(mayDial(check({ pendingCallbackId: 12 }), now));
    expect(d).toMatchObject({ reason: 'callback_pending', nextAllowedAt: null });
    expect(d.message).toBe('Callback 12 is pending on this record; only that callback may dial it (C7).');
    expect(mayDial(check({ pendingCallbackId: 12, callbackId: 12 }), now).allowed).toBe(true);
    expect(refused(mayDial(check({ pendingCallbackId: 12, callbackId: 11 }), now)).reason).toBe('callback_not_pending');
    expect(refused(mayDial(check({ callbackId: 11 }), now)).message).toMatch(/none is/);
  });

  it('C7 a callback is not held back by the attempt limit or a retry wait, but still by DNC and hours', () => {
    const p = policy({ maxAttemptsPerRecord: 3 });
    const cb = { policy: p, pendingCallbackId: 5, callbackId: 5, attemptsOnRecord: 3, notBefore: at('2026-03-05T00:00:00Z') };
    expect(mayDial(check(cb), at('2026-03-02T15:00:00Z')).allowed).toBe(true);
    expect(refused(mayDial(check({ ...cb, doNotCall: true }), at('2026-03-02T15:00:00Z'))).reason).toBe('do_not_call');
    expect(refused(mayDial(check(cb), at('2026-03-03T02:00:00Z'))).reason).toBe('outside_contactable_hours');
  });

  it('L6 a retry wait holds the record until its time, then the next opening', () => {
    const d = refused(mayDial(check({ notBefore: at('2026-03-03T03:00:00Z') }), at('2026-03-02T15:00:00Z')));
    expect(d).toMatchObject({ reason: 'retry_wait', blockers: ['retry_wait'] });
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-03-03T14:00:00.000Z'); // 22:00 EST is outside hours: next 09:00
  });

  it('L5 US profile: calls only 08:00–21:00 local whatever the campaign says, and ring at least 15 s', () => {
    const us = policy({ regulatoryProfile: 'us', contactableTimes: { weekly: everyDay('07:00', '23:00') } });
    const chicago = { policy: us, timeZone: 'America/Chicago' };
    expect(mayDial(check(chicago), at('2026-06-01T13:00:00Z'))).toEqual({ allowed: true, timeZone: 'America/Chicago', minRingSeconds: 15 });
    const early = refused(mayDial(check(chicago), at('2026-06-01T12:30:00Z'))); // 07:30 CDT
    expect(early.nextAllowedAt?.toISOString()).toBe('2026-06-01T13:00:00.000Z');
    expect(early.message).toMatch(/United States \(TCPA, TSR\) allows calls only 08:00–21:00/);
    expect(refused(mayDial(check(chicago), at('2026-06-02T02:00:00Z'))).nextAllowedAt?.toISOString()).toBe('2026-06-02T13:00:00.000Z');
  });

  it('D6 UK profile: no call within 72 hours of an abandoned call unless an agent is guaranteed', () => {
    const uk = policy({ regulatoryProfile: 'uk', contactableTimes: { weekly: everyDay('00:00', '24:00') } });
    const base = { policy: uk, number: '+447700900123', timeZone: 'Europe/London', lastAbandonedAt: at('2026-03-02T10:00:00Z') };
    const d = refused(mayDial(check(base), at('2026-03-04T09:00:00Z')));
    expect(d).toMatchObject({ reason: 'uk_abandoned_recently' });
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-03-05T10:00:00.000Z');
    expect(mayDial(check(base), at('2026-03-05T10:00:00Z'))).toMatchObject({ allowed: true, minRingSeconds: 15 });
    expect(mayDial(check({ ...base, agentGuaranteed: true }), at('2026-03-04T09:00:00Z')).allowed).toBe(true);
    // The US profile has no such rule.
    expect(mayDial(check({ ...base, policy: policy({ regulatoryProfile: 'us', contactableTimes: { weekly: everyDay('00:00', '24:00') } }) }), at('2026-03-04T12:00:00Z')).allowed).toBe(true);
  });

  it('D5 UK profile: no call within 24 hours of a machine-detected call unless an agent is guaranteed', () => {
    const uk = policy({ regulatoryProfile: 'uk' });
    const base = { policy: uk, timeZone: 'Europe/London', lastMachineAt: at('2026-03-02T11:00:00Z') };
    const d = refused(mayDial(check(base), at('2026-03-03T10:00:00Z')));
    expect(d.reason).toBe('uk_machine_recently');
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-03-03T11:00:00.000Z');
    expect(mayDial(check({ ...base, agentGuaranteed: true }), at('2026-03-03T10:00:00Z')).allowed).toBe(true);
  });

  it('D6 when the 72 hours end at night, the next allowed time is the following opening of the contact\'s hours', () => {
    const uk = policy({ regulatoryProfile: 'uk' });
    const d = refused(mayDial(check({ policy: uk, timeZone: 'Europe/London', lastAbandonedAt: at('2026-03-02T03:00:00Z') }), at('2026-03-03T12:00:00Z')));
    expect(d.blockers).toEqual(['uk_abandoned_recently']);
    expect(d.nextAllowedAt?.toISOString()).toBe('2026-03-05T09:00:00.000Z');
  });

  it('L4 every reason is listed; the first permanent one is given, and then no next time', () => {
    const p = policy({ maxAttemptsPerRecord: 1 });
    const d = refused(mayDial(check({ policy: p, doNotCall: true, attemptsOnRecord: 5, pendingCallbackId: 1 }), at('2026-03-03T02:00:00Z')));
    expect(d.blockers).toEqual(['do_not_call', 'callback_pending', 'record_attempt_limit', 'outside_contactable_hours']);
    expect(d).toMatchObject({ reason: 'do_not_call', nextAllowedAt: null });
    expect(refused(mayDial(check({ number: '2025550143' }), at('2026-03-02T15:00:00Z'))).reason).toBe('invalid_number');
  });
});
