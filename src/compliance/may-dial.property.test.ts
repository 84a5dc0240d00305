import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type Random, seededRandom } from '../engine/random.js';
import { type ContactableTimesInput, weekdays } from './contactable-time.js';
import { type DialPolicyInput, compileDialPolicy } from './dial-policy.js';
import { type DialCheck, mayDial } from './may-dial.js';

/**
 * Property tests over many seeded random inputs. The oracle below is written independently of
 * the implementation: it reads the wall clock with Luxon and compares strings and minutes.
 */
const zones = [
  'America/Phoenix',
  'America/New_York',
  'Asia/Tokyo',
  'Europe/Warsaw',
  'Europe/London',
  'America/Santiago', // DST switches at midnight: days that start at 01:00
  'Australia/Lord_Howe', // 30-minute DST
  'Asia/Kathmandu', // +05:45
  'America/St_Johns', // −03:30 with DST
];
const hhmm = (m: number): string => (m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
const minutes = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));

// Around DST switches of the zones above, and ordinary days.
const hotSpots = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-04-05T03:00:00Z', '2026-09-06T04:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'].map(Date.parse);

function randomInput(r: Random): { policyInput: DialPolicyInput; check: Omit<DialCheck, 'policy'>; now: number } {
  const weekly: NonNullable<ContactableTimesInput['weekly']> = {};
  for (const day of weekdays) {
    const windows = [];
    for (let i = r.int(3); i > 0; i--) {
      const start = r.int(288) * 5;
      const end = r.chance(0.15) ? r.int(288) * 5 : Math.min(1440, start + 5 + r.int(200) * 5);
      windows.push({ start: hhmm(start), end: hhmm(end) });
    }
    if (windows.length || r.chance(0.5)) weekly[day] = windows;
  }
  const base = r.chance(0.6) ? hotSpots[r.int(hotSpots.length)]! : Date.parse('2026-01-01T00:00:00Z');
  const now = base + Math.round((r.next() - 0.5) * (base === hotSpots[0] ? 4 : 1) * 3 * 86_400_000) + (base < hotSpots[0]! ? r.int(360) * 86_400_000 : 0);
  const holidays = Array.from({ length: r.int(4) }, () => ({
    date: new Date(now + (r.int(7) - 3) * 86_400_000).toISOString().slice(0, 10),
    ...(r.chance(0.5) ? { country: r.chance(0.5) ? 'US' : 'JP' } : {}),
  }));
  const recent = (hours: number): Date => new Date(now - r.next() * hours * 3_600_000);
  return {
    now,
    policyInput: {
      regulatoryProfile: (['us', 'uk', 'none'] as const)[r.int(3)]!,
      contactableTimes: { weekly, holidays },
      maxAttemptsPerRecord: r.chance(0.5) ? 1 + r.int(5) : null,
      maxAttemptsPerNumberPerDay: r.chance(0.7) ? 1 + r.int(3) : null,
    },
    check: {
      number: '+12025550143',
      timeZone: zones[r.int(zones.length)]!,
      country: r.chance(0.5) ? 'US' : 'JP',
      doNotCall: r.chance(0.1),
      attemptsOnRecord: r.int(6),
      numberAttempts: Array.from({ length: r.int(4) }, () => recent(48)),
      lastAbandonedAt: r.chance(0.3) ? recent(100) : null,
      lastMachineAt: r.chance(0.3) ? recent(40) : null,
      agentGuaranteed: r.chance(0.3),
      notBefore: r.chance(0.2) ? new Date(now + (r.next() - 0.3) * 86_400_000) : null,
    },
  };
}

/** Independent oracle: is everything the law and the campaign ask true at `now`? */
function oracleAllows(input: ReturnType<typeof randomInput>, now: number): boolean {
  const { policyInput: p, check: c } = input;
  const local = DateTime.fromMillis(now, { zone: c.timeZone! });
  const minute = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60000;
  const date = local.toISODate()!;
  const today = weekdays[local.weekday - 1]!;
  const yesterday = weekdays[(local.weekday + 5) % 7]!;
  const inWindow =
    (p.contactableTimes.weekly?.[today] ?? []).some((w) => {
      const [s, e] = [minutes(w.start), minutes(w.end)];
      return s !== e && minute >= s && (e > s ? minute < e : true);
    }) ||
    (p.contactableTimes.weekly?.[yesterday] ?? []).some((w) => minutes(w.end) < minutes(w.start) && minute < minutes(w.end));
  const lawful = p.regulatoryProfile !== 'us' || (minute >= 480 && minute < 1260);
  const holiday = (p.contactableTimes.holidays ?? []).some((h) => h.date === date && (!h.country || h.country === c.country));
  const todayCount = (c.numberAttempts ?? []).filter((a) => DateTime.fromJSDate(a, { zone: c.timeZone! }).toISODate() === date).length;
  const ukOk =
    p.regulatoryProfile !== 'uk' ||
    c.agentGuaranteed ||
    ((!c.lastAbandonedAt || now >= c.lastAbandonedAt.getTime() + 72 * 3_600_000) && (!c.lastMachineAt || now >= c.lastMachineAt.getTime() + 24 * 3_600_000));
  return (
    inWindow &&
    lawful &&
    !holiday &&
    !c.doNotCall &&
    ukOk &&
    (p.maxAttemptsPerRecord == null || c.attemptsOnRecord < p.maxAttemptsPerRecord) &&
    (p.maxAttemptsPerNumberPerDay == null || todayCount < p.maxAttemptsPerNumberPerDay) &&
    (!c.notBefore || now >= c.notBefore.getTime())
  );
}

describe('mayDial over many seeded random inputs (issue 4 points 5 and 12)', () => {
  it('L4 L5 L6 whenever it says allowed, the contact\'s local time is in a window, not a holiday, under the limits, not blocked — and vice versa', () => {
    let allowed = 0;
    for (let i = 0; i < 4000; i++) {
      const input = randomInput(seededRandom(`may-dial-${i}`));
      const policy = compileDialPolicy(input.policyInput);
      const decision = mayDial({ policy, ...input.check }, new Date(input.now));
      expect(decision.allowed, `seed may-dial-${i}: ${decision.allowed ? 'allowed' : decision.message}`).toBe(oracleAllows(input, input.now));
      if (decision.allowed) allowed++;
    }
    expect(allowed).toBeGreaterThan(200); // the generator reaches both answers
  });

  it('L5 L6 nextAllowedAt is exact: allowed at that instant, refused at every earlier instant since now', () => {
    let checked = 0;
    for (let i = 0; i < 1500; i++) {
      const r = seededRandom(`next-allowed-${i}`);
      const input = randomInput(r);
      input.check.doNotCall = false;
      input.policyInput.maxAttemptsPerRecord = null;
      const policy = compileDialPolicy(input.policyInput);
      const decide = (t: number) => mayDial({ policy, ...input.check }, new Date(t));
      const decision = decide(input.now);
      if (decision.allowed || decision.nextAllowedAt === null) continue;
      const next = decision.nextAllowedAt.getTime();
      expect(next, `seed next-allowed-${i}`).toBeGreaterThan(input.now);
      expect(decide(next).allowed, `seed next-allowed-${i}: allowed at ${decision.nextAllowedAt.toISOString()}`).toBe(true);
      expect(oracleAllows(input, next)).toBe(true);
      for (const t of [next - 1, input.now + 1, ...Array.from({ length: 8 }, () => input.now + Math.floor(r.next() * (next - input.now)))]) {
        if (t >= input.now && t < next) expect(oracleAllows(input, t), `seed next-allowed-${i} at ${new Date(t).toISOString()}`).toBe(false);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });
});
