/**
 * The simulated carrier (T1) in virtual time: keep `lines` calls in progress for `hours`
 * simulated hours with scenario S1's outcomes and timings (each ended call is replaced at once;
 * live answers are bridged and talk), and print calls per wall-clock second and simulated hours
 * per wall-clock second. Groundwork for issue 4 point 13 (3,000 concurrent calls).
 *
 *   npx tsx bench/simulated-carrier.ts [lines=3000] [hours=1]
 */
import { virtualTimePorts } from '../src/engine/ports.js';
import { scenarioParts } from '../src/telephony/adapters/simulated/scenario.js';
import { SimulatedCarrier } from '../src/telephony/adapters/simulated/simulated-carrier.js';
import { SAMPLE_S1 } from '../src/telephony/adapters/simulated/sample-scenarios.js';

const lines = Number(process.argv[2] ?? 3000);
const hours = Number(process.argv[3] ?? 1);
const S1 = SAMPLE_S1;
const parts = scenarioParts(S1);
const ports = virtualTimePorts('bench-carrier');
const carrier = new SimulatedCarrier(ports, parts.carrier);
const end = ports.time.nowMs() + hours * 3600_000;
let placed = 0;
let events = 0;

const dial = (): void => {
  const callId = ports.ids.next('call');
  placed++;
  const call = carrier.placeCall(
    { callId, to: `+1202555${String(placed % 10_000).padStart(4, '0')}`, callerId: null, ringTimeoutSeconds: parts.dialer.ringTimeoutSeconds, detectMachine: true },
    (e) => {
      events++;
      if (e.type === 'amd') {
        if (e.decision === 'human') call.bridge(1);
        else call.hangUp();
      }
      if (e.type === 'ended' && ports.time.nowMs() < end) dial();
    },
  );
};
for (let i = 0; i < lines; i++) dial();

const started = process.hrtime.bigint();
ports.time.runUntil(end);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`simulated carrier: ${lines} concurrent calls for ${hours} simulated hour(s), scenario S1`);
console.log(`  ${placed.toLocaleString('en')} calls, ${events.toLocaleString('en')} carrier events, ${ports.time.eventsRun.toLocaleString('en')} timer events in ${seconds.toFixed(2)} s`);
console.log(`  ${Math.round(placed / seconds).toLocaleString('en')} calls/s; ${((hours * 3600) / seconds / 3600).toFixed(1)} simulated hours per wall-clock second`);
