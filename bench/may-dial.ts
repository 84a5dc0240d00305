/**
 * Cost of the dial-time compliance decision (issue 4 point 5: it runs on every dial).
 * Mixed contacts across nine time zones, US/UK rules, attempt history; allowed and refused.
 *
 *   npx tsx bench/may-dial.ts [checks=200000]
 */
import { weekdays } from '../src/compliance/contactable-time.js';
import { compileDialPolicy } from '../src/compliance/dial-policy.js';
import { type DialCheck, mayDial } from '../src/compliance/may-dial.js';
import { seededRandom } from '../src/engine/random.js';

const n = Number(process.argv[2] ?? 200_000);
const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'Europe/London', 'Europe/Warsaw', 'Asia/Tokyo', 'Australia/Sydney'];
const weekly = Object.fromEntries(weekdays.slice(0, 6).map((d) => [d, [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '20:00' }]]));
const holidays = [{ date: '2026-01-01' }, { date: '2026-07-04', country: 'US' }, { date: '2026-12-25' }];
const policies = (['us', 'uk'] as const).map((profile) =>
  compileDialPolicy({ regulatoryProfile: profile, contactableTimes: { weekly, holidays }, maxAttemptsPerRecord: 6, maxAttemptsPerNumberPerDay: 2 }),
);
const random = seededRandom('bench-may-dial');
const dnc = new Set(Array.from({ length: 10_000 }, (_, i) => `+1202555${String(i).padStart(4, '0')}`));
const start = Date.parse('2026-03-02T00:00:00Z');
const checks: Array<{ check: DialCheck; now: Date }> = Array.from({ length: n }, (_, i) => {
  const now = start + random.int(60 * 86_400) * 1000;
  return {
    now: new Date(now),
    check: {
      policy: policies[i % 2]!,
      number: `+1202555${String(random.int(100_000)).padStart(5, '0')}`,
      timeZone: zones[random.int(zones.length)]!,
      country: 'US',
      doNotCall: (number: string) => dnc.has(number),
      attemptsOnRecord: random.int(7),
      numberAttempts: Array.from({ length: random.int(3) }, () => new Date(now - random.int(48 * 3600) * 1000)),
      lastAbandonedAt: random.chance(0.05) ? new Date(now - random.int(100 * 3600) * 1000) : null,
      agentGuaranteed: random.chance(0.5),
    },
  };
});

for (const round of ['warm-up', 'measured']) {
  let allowed = 0;
  let withNext = 0;
  const t = process.hrtime.bigint();
  for (const { check, now } of checks) {
    const d = mayDial(check, now);
    if (d.allowed) allowed++;
    else if (d.nextAllowedAt) withNext++;
  }
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (round === 'measured') {
    console.log(`mayDial: ${n.toLocaleString('en')} checks in ${seconds.toFixed(3)} s = ${((seconds / n) * 1e6).toFixed(2)} µs per check`);
    console.log(`  ${allowed.toLocaleString('en')} allowed, ${withNext.toLocaleString('en')} refused with a next allowed time, ${(n - allowed - withNext).toLocaleString('en')} refused for good`);
  }
}
