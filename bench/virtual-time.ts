/**
 * Scheduler overhead of virtual time (issue 4 point 1). A workload shaped like a dialer's day:
 * `lines` concurrent activities (calls, agents) each scheduling its next step after a
 * log-normal delay, with one timer in four cancelled before it fires (ring timeouts that are
 * overtaken by an answer). Prints events per second and the time a simulated day costs.
 *
 *   npx tsx bench/virtual-time.ts [lines=300] [hours=8]
 */
import { samplerFor } from '../src/engine/distributions.js';
import { seededRandom } from '../src/engine/random.js';
import { VirtualTime } from '../src/engine/virtual-time.js';

const lines = Number(process.argv[2] ?? 300);
const hours = Number(process.argv[3] ?? 8);
const time = new VirtualTime('2026-03-02T08:00:00Z');
const random = seededRandom('bench');
const step = samplerFor({ dist: 'lognormal', mean: 15, cv: 1 });

let scheduled = 0;
const activity = (): void => {
  scheduled++;
  const timeout = time.after(20_000, () => undefined);
  if (random.chance(0.25)) time.cancel(timeout);
  time.after(step(random) * 1000, activity);
};
for (let i = 0; i < lines; i++) activity();

const started = process.hrtime.bigint();
const run = time.runFor(hours * 3600_000);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`virtual time: ${lines} concurrent activities, ${hours} simulated hours`);
console.log(`  ${run.toLocaleString('en')} events run (${scheduled.toLocaleString('en')} steps scheduled) in ${seconds.toFixed(3)} s`);
console.log(`  ${Math.round(run / seconds).toLocaleString('en')} events/s; ${((hours * 3600) / seconds).toLocaleString('en', { maximumFractionDigits: 0 })} simulated seconds per wall-clock second`);
