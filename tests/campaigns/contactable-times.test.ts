import { describe, expect, it } from 'vitest';
import { normalizeDefinition } from '../../src/campaigns/campaign-definition.js';
import { checkCallGuide } from '../../src/campaigns/call-guide.js';
import { contactableWindow, DEFAULT_WEEKLY, type ContactableTimes } from '../../src/campaigns/contactable-times.js';

/** Pure rules, no storage: when a contact may be called (L5) and the call-guide graph (D9). */
describe('L5 contactable times in the contact\'s own time zone', () => {
  const times: ContactableTimes = {
    weekly: DEFAULT_WEEKLY,
    holidays: [{ date: '2026-05-04', country: 'JP', name: 'Greenery Day' }, { date: '2026-12-25', name: 'Christmas' }],
    defaultTimeZone: 'Europe/Warsaw',
  };

  it('L5 a Tokyo contact on Monday 18:00 local is open until 21:00 local', () => {
    const answer = contactableWindow(times, new Date('2026-03-02T09:00:00Z'), 'Asia/Tokyo');
    expect(answer).toEqual({ open: true, timeZone: 'Asia/Tokyo', until: new Date('2026-03-02T12:00:00Z'), reason: null });
  });

  it('L5 after hours the answer says until when: "outside contactable time in Asia/Tokyo until 09:00 tomorrow" (J6)', () => {
    const answer = contactableWindow(times, new Date('2026-03-02T13:00:00Z'), 'Asia/Tokyo');
    expect(answer).toEqual({ open: false, timeZone: 'Asia/Tokyo', until: new Date('2026-03-03T00:00:00Z'), reason: 'outside contactable hours' });
  });

  it('L5 Saturday evening waits for Monday morning when Sunday has no hours', () => {
    const answer = contactableWindow(times, new Date('2026-03-07T10:00:00Z'), 'Asia/Tokyo'); // Sat 19:00 JST
    expect(answer.until).toEqual(new Date('2026-03-09T00:00:00Z')); // Mon 09:00 JST
  });

  it('L5 a holiday closes the day for its country only; a holiday without a country closes it for everyone', () => {
    const at = new Date('2026-05-04T03:00:00Z'); // Mon 12:00 JST
    const jp = contactableWindow(times, at, 'Asia/Tokyo', 'JP');
    expect(jp).toMatchObject({ open: false, reason: 'holiday Greenery Day (2026-05-04)', until: new Date('2026-05-05T00:00:00Z') });
    expect(contactableWindow(times, at, 'Asia/Tokyo', 'US').open).toBe(true);
    expect(contactableWindow(times, new Date('2026-12-25T12:00:00Z'), 'Europe/Warsaw', 'PL')).toMatchObject({ open: false, reason: 'holiday Christmas (2026-12-25)' });
  });

  it('L5 a record without a time zone (or with a broken one) uses the campaign default', () => {
    expect(contactableWindow(times, new Date('2026-03-02T07:30:00Z'), null)).toMatchObject({ open: false, timeZone: 'Europe/Warsaw', until: new Date('2026-03-02T08:00:00Z') });
    expect(contactableWindow(times, new Date('2026-03-02T07:30:00Z'), 'Not/AZone').timeZone).toBe('Europe/Warsaw');
  });

  it('L5 wall-clock hours hold across a daylight-saving change, and 24:00 means midnight', () => {
    const sundays: ContactableTimes = { ...times, weekly: { ...DEFAULT_WEEKLY, sun: [{ start: '09:00', end: '24:00' }] } };
    // 2026-03-08: New York springs forward; 09:00 EDT is 13:00Z (it was 14:00Z the day before in EST).
    expect(contactableWindow(sundays, new Date('2026-03-08T12:30:00Z'), 'America/New_York')).toMatchObject({ open: false, until: new Date('2026-03-08T13:00:00Z') });
    expect(contactableWindow(sundays, new Date('2026-03-09T03:30:00Z'), 'America/New_York')).toMatchObject({ open: true, until: new Date('2026-03-09T04:00:00Z') });
  });

  it('L5 a campaign with no hours at all says so', () => {
    const never: ContactableTimes = { ...times, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(contactableWindow(never, new Date('2026-03-02T09:00:00Z'), 'UTC')).toEqual({ open: false, timeZone: 'UTC', until: null, reason: 'no contactable hours in the next 14 days' });
  });
});

describe('D9 call guide graph', () => {
  const q = (id: string, ...next: Array<string | null>) => ({ id, text: id, answers: next.map((n, i) => ({ id: `a${i}`, text: `a${i}`, next: n })) });

  it('D9 branches that meet again are fine; the first question is the one no answer leads to', () => {
    expect(checkCallGuide({ questions: [q('end', null), q('start', 'left', 'right'), q('left', 'end'), q('right', 'end')] })).toEqual([]);
  });

  it('D9 a chain of 200 questions is checked without trouble, and a loop at its end is found', () => {
    const chain = Array.from({ length: 200 }, (_, i) => q(`q${i}`, i < 199 ? `q${i + 1}` : null));
    expect(checkCallGuide({ questions: chain })).toEqual([]);
    chain[199] = q('q199', 'q100');
    expect(checkCallGuide({ questions: chain })).toEqual([{ path: 'callGuide.questions.199.answers.0.next', problem: expect.stringMatching(/question "q199" leads back to question "q100"/) }]);
  });

  it('D9 a guide where every question is some answer\'s target has no start', () => {
    expect(checkCallGuide({ questions: [q('a', 'b'), q('b', 'a')] })[0]!.problem).toMatch(/no first question/);
  });
});

describe('L6 D8 defaults follow the mode and the law', () => {
  it('L6 the UK profile gives an abandoning dialer a 72-hour wait before redialing an abandoned number', () => {
    const uk = normalizeDefinition({ name: 'x', mode: 'predictive', queueId: 1, regulatoryProfile: 'uk' }, 'Europe/London').definition;
    expect(uk.retryRules.results.abandoned).toEqual({ action: 'retry', delayMinutes: 4320, maxRetries: 3 });
    expect(uk.abandonWindow).toBe('uk');
    const us = normalizeDefinition({ name: 'x', mode: 'predictive', queueId: 1, regulatoryProfile: 'us' }, 'America/Chicago').definition;
    expect(us.retryRules.results.abandoned).toEqual({ action: 'retry', delayMinutes: 60, maxRetries: 3 });
    expect(us.contactableTimes.defaultTimeZone).toBe('America/Chicago');
  });
});
