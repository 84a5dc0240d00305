import { RealTimers } from '../../src/engine/real-time.js';
import { seededRandom } from '../../src/engine/random.js';
import { VirtualTime } from '../../src/engine/virtual-time.js';
import { systemClock } from '../../src/shared/clock.js';
import { SimulatedCarrier } from '../../src/telephony/adapters/simulated/simulated-carrier.js';
import type { SimulatedCarrierConfigInput } from '../../src/telephony/adapters/simulated/simulated-config.js';
import { carrierContract, CONTRACT_NUMBERS } from './carrier-contract.js';

/** The simulated carrier (T1) passes the Carrier contract in virtual time and in real time. */
const numbers = CONTRACT_NUMBERS;

/** Far ends scripted by number, timings scaled by `s` seconds. */
const scripted = (s: number): SimulatedCarrierConfigInput => ({
  outcomes: { noAnswer: 1 },
  answerDelay: { dist: 'fixed', mean: 3 * s },
  talk: { dist: 'fixed', mean: 30 * s },
  ringingAfterSeconds: s,
  messageSeconds: 5 * s,
  amd: { humanDecisionSeconds: 1.5 * s, machineDecisionSeconds: 3 * s, faxDecisionSeconds: 2 * s },
  script: {
    [numbers.human]: { outcome: 'live', answerAfterSeconds: 3 * s, talkSeconds: 30 * s },
    [numbers.machine]: { outcome: 'machine', answerAfterSeconds: 4 * s },
    [numbers.fax]: { outcome: 'fax', answerAfterSeconds: 2 * s },
    [numbers.busy]: { outcome: 'busy', delaySeconds: 3 * s },
    [numbers.noAnswer]: { outcome: 'noAnswer' },
    [numbers.badNumber]: { outcome: 'badNumber', delaySeconds: 2 * s },
  },
});

carrierContract('simulated carrier in virtual time', () => {
  const time = new VirtualTime('2026-03-02T15:00:00Z');
  return {
    carrier: new SimulatedCarrier({ clock: time, timers: time, random: seededRandom('contract') }, scripted(1)),
    numbers,
    ringTimeoutSeconds: 15,
    timing: { answerMs: 4000, rejectMs: 3000, talkMs: 30_000, messageMs: 5000, graceMs: 1000 },
    wait: async (ms) => void time.runFor(ms),
    now: () => time.now(),
    close: async () => undefined,
  };
});

carrierContract('simulated carrier in real time', () => {
  const timers = new RealTimers(systemClock);
  const carrier = new SimulatedCarrier({ clock: systemClock, timers, random: seededRandom('contract') }, scripted(0.02));
  return {
    carrier,
    numbers,
    ringTimeoutSeconds: 0.3,
    timing: { answerMs: 80, rejectMs: 60, talkMs: 600, messageMs: 100, graceMs: 100 },
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => systemClock.now(),
    close: async () => {
      await carrier.close();
      timers.close();
    },
  };
});
